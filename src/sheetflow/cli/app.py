"""The `sheetflow` click group and what every command shares (options, error handling, the period type).

Commands parse options, call the library, and print. Exit codes: 0 done, 1 data problems (files
returned, checks failed), 2 usage or configuration error.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from sheetflow import __version__
from sheetflow import messages as msg
from sheetflow.cli import clickja
from sheetflow.ground.config import Config, load_config
from sheetflow.ground.periods import Period, PeriodError, parse_period

clickja.install()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Env:
    """Lazily loaded configuration for one invocation."""

    def __init__(self, config_file: Path | None, workdir: Path | None):
        self.config_file = config_file
        self.workdir = workdir
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.workdir, self.config_file)
        return self._config


@click.group(context_settings=CONTEXT, help=msg.CLI_MAIN_HELP, invoke_without_command=True)
@click.version_option(__version__, "-V", "--version", prog_name="sheetflow",
                      message="%(prog)s %(version)s", help=msg.CLI_VERSION_OPTION)
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help=msg.CLI_CONFIG_OPTION)
@click.option("-C", "--workdir", type=click.Path(file_okay=False, path_type=Path),
              help=msg.CLI_WORKDIR_OPTION)
@click.pass_context
def main(ctx: click.Context, config_file: Path | None, workdir: Path | None) -> None:
    ctx.obj = Env(config_file, workdir)
    if ctx.invoked_subcommand is None:  # bare `sheetflow`: the command list, exit 0
        click.echo(ctx.get_help())


def handle_errors(fn):
    """Turn the library's user and data errors into Japanese messages and exit codes 2 / 1."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except msg.UserError as exc:
            click.echo(msg.ERROR_PREFIX + str(exc), err=True)
            sys.exit(2)
        except msg.DataError as exc:
            click.echo(msg.ERROR_PREFIX + str(exc), err=True)
            sys.exit(1)

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




def name_metavars_in_japanese(command: click.Command) -> None:
    command.options_metavar = msg.CLI_OPTIONS_METAVAR
    if isinstance(command, click.Group):
        command.subcommand_metavar = msg.CLI_SUBCOMMAND_METAVAR
        for sub in command.commands.values():
            name_metavars_in_japanese(sub)


