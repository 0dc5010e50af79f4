"""The `sheetflow` command: the click group (app.py) and one module per stage's commands.

Commands parse options, call one library function, and print its result. Exit codes: 0 done, 1 data
problems (files returned, checks failed), 2 usage or configuration error. A command's module is imported
when the command runs (app.COMMANDS), so start-up loads only the command in use.
"""

from sheetflow.cli.app import main, name_metavars_in_japanese

name_metavars_in_japanese(main)

__all__ = ["main"]
