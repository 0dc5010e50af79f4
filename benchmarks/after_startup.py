"""`python -m after_startup OUT ARGS…` = `sheetflow ARGS…` as installed (see as_installed.py), timed after
start-up: the interpreter has started and the command's modules are imported (sheetflow.cli and
COMMAND_MODULES) before the clock starts; the seconds the command then takes are written to OUT.

The start-up of a command that imports pandas and pandera varies by a tenth of a second and more from one
run to the next on a shared machine; the cost per file is the slope of the rest over the number of files.
"""

import importlib
import sys
import time
from pathlib import Path

from as_installed import without_test_packages

COMMAND_MODULES = {"check": ("sheetflow.cli.check", "sheetflow.intake.check_run")}

if __name__ == "__main__":
    without_test_packages()
    out, *args = sys.argv[1:]
    from sheetflow.cli import main

    for module in next((COMMAND_MODULES[a] for a in args if a in COMMAND_MODULES), ()):
        importlib.import_module(module)
    start = time.perf_counter()
    try:
        main(args, prog_name="sheetflow")
    except SystemExit:
        pass
    Path(out).write_text(repr(time.perf_counter() - start), encoding="utf-8")
