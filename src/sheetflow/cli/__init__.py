"""The `sheetflow` command: the click group (app.py) and one module per stage's commands.

Commands parse options, call one library function, and print its result. Exit codes: 0 done, 1 data
problems (files returned, checks failed), 2 usage or configuration error.
"""

from sheetflow.cli import check, council, demo, forms, init, ledger, plan, report  # noqa: F401  (register the commands)
from sheetflow.cli.app import main, name_metavars_in_japanese

name_metavars_in_japanese(main)

__all__ = ["main"]
