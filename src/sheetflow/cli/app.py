"""The `sheetflow` click group and what every command shares (options, error handling, the period type).

Commands parse options, call the library, and print. The one error boundary is Group.invoke below.
Exit codes: 0 done, 1 data problems (files returned, checks failed), 2 usage or configuration error,
3 a file or folder problem (in use in Excel, no permission, disk full, path too long, share gone),
4 an unexpected error (traceback written to outbox/logs/), 130 interrupted, 141 the output's pipe closed
(messages.EXIT_CODE_WORDS says them in Japanese: --help and the README list them).
"""

from __future__ import annotations

import functools
import importlib
import sys
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

import click

from sheetflow import __version__
from sheetflow import messages as msg
from sheetflow.cli import clickja
from sheetflow.ground import files
from sheetflow.ground.config import Config, find_config, load_config
from sheetflow.ground.console import setup_console
from sheetflow.ground.periods import Period, PeriodError, parse_period

if TYPE_CHECKING:
    from sheetflow.definition.model import FormDefinition

clickja.install()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
EXIT_DATA, EXIT_USAGE, EXIT_FILE, EXIT_UNEXPECTED, EXIT_INTERRUPTED = 1, 2, 3, 4, 130
EXIT_CLOSED_PIPE = 141  # the reader of the output went away (`| more` closed): 128 + SIGPIPE, as git ends
SHARE_GONE = {53, 64, 67, 1231}  # Windows: network path not found, name deleted, bad net name, unreachable
# Every command: the cli module whose import registers it, and its help. A command's module is imported
# only when the command runs; `sheetflow --help` lists them from here (tests/cli/test_cli.py keeps each help
# the same as the command's own).
COMMANDS = {"check": ("check", msg.CLI_CHECK_HELP), "council": ("council", msg.CLI_COUNCIL_HELP),
            "demo": ("demo", msg.CLI_DEMO_HELP), "form": ("form", msg.CLI_FORM_HELP),
            "forms": ("forms", msg.CLI_FORMS_HELP),
            "init": ("init", msg.CLI_INIT_HELP), "merge": ("ledger", msg.CLI_MERGE_HELP),
            "plan": ("plan", msg.CLI_PLAN_HELP), "publish": ("report", msg.CLI_PUBLISH_HELP),
            "rebuild": ("ledger", msg.CLI_REBUILD_HELP), "report": ("report", msg.CLI_REPORT_HELP),
            "status": ("ledger", msg.CLI_STATUS_HELP), "unlock": ("ledger", msg.CLI_UNLOCK_HELP)}


class Env:
    """Lazily loaded configuration for one invocation."""

    def __init__(self, config_file: Path | None, workdir: Path | None, debug: bool = False, command: str = "…"):
        self.config_file = config_file
        self.workdir = workdir
        self.debug = debug
        self.command = command  # the subcommand run, for the hint when no workspace is found
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.workdir, self.config_file, f"{self.command} …")
        return self._config

    @property
    def workspace(self) -> Config | None:
        """The configuration when a workspace is found, else None (for the plan commands given their files)."""
        if self._config is None:
            self.config_file = self.config_file or find_config((self.workdir or Path.cwd()).resolve())
            if self.config_file is None:
                return None
        return self.config  # the file found above: load_config does not search again


class Sheetflow(click.Group):
    """The click group whose invoke is the CLI's one error boundary, and whose commands are loaded by name
    on demand (click's "lazy group": a command's module is imported when the command is looked up)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:  # an unknown name loads them all, for click's "did you mean"
            load_commands(*([cmd_name] if cmd_name in COMMANDS else COMMANDS))
        cmd = self.commands.get(cmd_name)
        if cmd is not None:
            name_metavars_in_japanese(cmd)
        return cmd

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """click's own command list, of stand-ins made from COMMANDS for the commands not loaded."""
        listing = {name: self.commands.get(name) or click.Command(name, help=COMMANDS[name][1])
                   for name in self.list_commands(ctx)}
        click.Group.format_commands(click.Group(commands=listing), ctx, formatter)

    def invoke(self, ctx: click.Context):
        try:
            try:
                return super().invoke(ctx)
            finally:
                flush_output()  # a closed pipe shows here, not in Python's own flush at exit
        except BrokenPipeError:
            _closed_pipe()
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except msg.UserError as exc:
            _fail(msg.ERROR_PREFIX + str(exc), EXIT_USAGE)
        except msg.DataError as exc:
            _fail(msg.ERROR_PREFIX + str(exc), EXIT_DATA)
        except OSError as exc:
            _fail(msg.ERROR_PREFIX + os_error_text(exc, _root(ctx)), EXIT_FILE)
        except KeyboardInterrupt as exc:  # a message when the command knows what was already saved
            _fail(str(exc) or msg.INTERRUPTED, EXIT_INTERRUPTED)
        except Exception as exc:  # noqa: BLE001  (the boundary: anything else is a bug, logged)
            _unexpected(ctx, exc)


def _fail(text: str, code: int) -> None:
    click.echo(text, err=True)
    sys.exit(code)


def flush_output() -> None:
    """Flush stdout; a pipe whose reader went away is a BrokenPipeError (Windows reports it as EINVAL)."""
    import errno

    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as exc:
        if exc.errno == errno.EINVAL:
            raise BrokenPipeError(errno.EPIPE, exc.strerror) from exc
        raise


def _closed_pipe() -> None:
    """The output's reader went away (`sheetflow status | more` closed early): end quietly. What is still
    buffered goes to the null device, so that Python's flush at exit has nothing to complain about."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # no real stdout: nothing left to flush
        pass
    sys.exit(EXIT_CLOSED_PIPE)


def _root(ctx: click.Context) -> Path | None:
    obj = ctx.find_object(Env)
    return obj._config.root if obj is not None and obj._config is not None else None


def shown(path: str | PurePath | None, root: PurePath | None = None) -> str:
    """A path as the user knows it: relative to the workspace when inside it (outbox\\ledger.xlsx)."""
    if path is None or path == "":
        return msg.FILE_NO_PATH
    path = path if isinstance(path, PurePath) else (type(root) if root is not None else Path)(path)
    if root is not None and path.is_absolute():
        try:
            return str(path.relative_to(root))
        except ValueError:
            pass
    return str(path)


SHELL_SPECIAL = frozenset("&()[]{}^=;!'+,`~$%@#|<>\"")  # characters cmd.exe or PowerShell read as syntax


def quoted(path: str | PurePath) -> str:
    """A path for a command the user pastes into cmd.exe or PowerShell: in double quotes when it holds a space
    (a full-width one too) or a character those shells treat specially."""
    text = str(path)
    return f'"{text}"' if any(c.isspace() or c in SHELL_SPECIAL for c in text) else text


def os_error_text(exc: OSError, root: PurePath | None = None) -> str:
    """The Japanese message for a file problem: which file, and what to do."""
    import errno

    if isinstance(exc, files.FileInUse):
        return "\n".join(msg.FILE_IN_USE.format(path=shown(p, root)) for p in exc.paths)
    path = shown(exc.filename, root)
    code = files.winerror(exc)
    if files.in_use(exc):
        return msg.FILE_IN_USE.format(path=path)
    if isinstance(exc, files.PathTooLong) or exc.errno == errno.ENAMETOOLONG or code == 206:
        return msg.FILE_PATH_TOO_LONG.format(path=exc.filename, length=len(str(exc.filename or "")),
                                             limit=files.MAX_PATH)
    if code in SHARE_GONE or exc.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ESTALE):
        return msg.FILE_SHARE_GONE.format(path=path)
    if exc.errno == errno.ENOSPC or code == 112:
        return msg.FILE_DISK_FULL.format(path=path)
    folder = files.unwritable_folder(exc)
    if folder is not None:
        return msg.FILE_FOLDER_NO_PERMISSION.format(path=shown(folder, root))
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return msg.FILE_NO_PERMISSION.format(path=path)
    if isinstance(exc, FileNotFoundError):
        return msg.FILE_NOT_FOUND.format(path=path)
    return msg.FILE_OS_ERROR.format(path=path, error=exc.strerror or type(exc).__name__)


def _unexpected(ctx: click.Context, exc: Exception) -> None:
    """A bug: the traceback goes to outbox/logs/<time>.log (and to the screen with --debug)."""
    import traceback

    text = "".join(traceback.format_exception(exc))
    obj = ctx.find_object(Env)
    if obj is not None and obj.debug:
        click.echo(text, err=True)
    log = write_log(obj, text)
    error = f"{type(exc).__name__}: {exc}"
    _fail(msg.ERROR_PREFIX + (msg.UNEXPECTED_ERROR.format(error=error, log=log) if log
                              else msg.UNEXPECTED_NO_LOG.format(error=error)), EXIT_UNEXPECTED)


def write_log(obj: Env | None, text: str) -> Path | None:
    """outbox/logs/<YYYYmmdd-HHMMSS>.log (the temp folder when the workspace is unknown); None if neither works."""
    import tempfile
    from datetime import datetime

    name = datetime.now().strftime("%Y%m%d-%H%M%S-%f") + ".log"
    folders = []
    try:
        folders.append(obj.config.outbox_dir / "logs")
    except Exception:  # noqa: BLE001  (the config itself may be what failed)
        pass
    folders.append(Path(tempfile.gettempdir()) / "sheetflow-logs")
    for folder in folders:
        try:
            files.atomic_write_bytes(folder / name, text.encode("utf-8"))
            return folder / name
        except OSError:
            continue
    return None


@click.group(cls=Sheetflow, context_settings=CONTEXT, help=msg.CLI_MAIN_HELP, invoke_without_command=True)
@click.version_option(__version__, "-V", "--version", prog_name="sheetflow",
                      message="%(prog)s %(version)s", help=msg.CLI_VERSION_OPTION)
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help=msg.CLI_CONFIG_OPTION)
@click.option("-C", "--workdir", type=click.Path(file_okay=False, path_type=Path),
              help=msg.CLI_WORKDIR_OPTION)
@click.option("--debug", is_flag=True, help=msg.CLI_DEBUG_OPTION)
@click.pass_context
def main(ctx: click.Context, config_file: Path | None, workdir: Path | None, debug: bool) -> None:
    ctx.obj = Env(config_file, workdir, debug, ctx.invoked_subcommand or "…")
    ctx.call_on_close(setup_console())
    if ctx.invoked_subcommand is None:  # bare `sheetflow`: the command list, exit 0
        click.echo(ctx.get_help())


def handle_errors(fn):
    """Kept for the commands' decorators: errors are turned into messages and exit codes by the one
    boundary, Sheetflow.invoke."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)

    return wrapper


class PeriodType(click.ParamType):
    name = msg.CLI_PERIOD_METAVAR

    def convert(self, value, param, ctx) -> Period:
        if isinstance(value, Period):
            return value
        try:
            return parse_period(value)
        except PeriodError as exc:
            self.fail(str(exc), param, ctx)


PERIOD = PeriodType()


def env() -> Env:
    return click.get_current_context().find_object(Env)


# --- the survey workspace (庁内照会): which commands and options are the progress report's alone -----------

HELP_ASKED = frozenset(CONTEXT["help_option_names"])


def survey_in_use() -> FormDefinition | None:
    """The survey (庁内照会) the workspace runs; None in a progress workspace or outside any workspace."""
    from sheetflow.definition import workspace as DW

    cfg = env().workspace
    return DW.workspace_form(cfg) if cfg is not None and DW.is_survey(cfg) else None


class ProgressOnly:
    """A command (or group) of the progress report alone (plan, publish, council): in a survey workspace it
    stops before its options are read (exit 2), --help still shown."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        form = None if HELP_ASKED & set(args) else survey_in_use()
        if form is not None:
            raise msg.UserError(msg.SURVEY_PROGRESS_ONLY.format(command=env().command, title=form.title,
                                                                survey=form.survey_id, form=env().config.form_file))
        return super().parse_args(ctx, args)


class ProgressCommand(ProgressOnly, click.Command):
    pass


class ProgressGroup(ProgressOnly, click.Group):
    pass


class ProgressRequired(click.Option):
    """An option required in a progress workspace (forms' and report's --period), not in a survey one."""

    def value_is_missing(self, value) -> bool:
        return super().value_is_missing(value) and survey_in_use() is None


def survey_here(*progress_options: str) -> FormDefinition | None:
    """The survey the workspace runs (None: the progress report's workspace). In a survey workspace the first
    of these options (parameter names: the progress report's) given on the command line is a UserError."""
    from click.core import ParameterSource

    form = survey_in_use()
    ctx = click.get_current_context()
    for param in ctx.command.params if form is not None else ():
        if param.name in progress_options and ctx.get_parameter_source(param.name) not in (None, ParameterSource.DEFAULT):
            raise msg.UserError(msg.SURVEY_OPTION_PROGRESS_ONLY.format(
                option=max(param.opts, key=len), title=form.title, survey=form.survey_id))
    return form


def load_commands(*names: str) -> None:
    """Import the modules that register these commands (each module's decorators add them to main)."""
    for module in dict.fromkeys(COMMANDS[n][0] for n in names):
        importlib.import_module(f"sheetflow.cli.{module}")


def name_metavars_in_japanese(command: click.Command) -> None:
    command.options_metavar = msg.CLI_OPTIONS_METAVAR
    if isinstance(command, click.Group):
        command.subcommand_metavar = msg.CLI_SUBCOMMAND_METAVAR
        for sub in command.commands.values():
            name_metavars_in_japanese(sub)


