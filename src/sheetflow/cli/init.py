"""`sheetflow init [FOLDER]`: a new workspace with a commented sheetflow.toml, inbox/ and outbox/."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sheetflow import messages as msg
from sheetflow.cli.app import CONTEXT, env, handle_errors, main, quoted


@main.command("init", context_settings=CONTEXT, help=msg.CLI_INIT_HELP)
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path),
                metavar=msg.CLI_INIT_FOLDER_METAVAR)
@click.option("--contact", metavar=msg.CLI_TEXT_METAVAR, help=msg.CLI_INIT_CONTACT_OPTION)
@click.option("--deadline", metavar=msg.CLI_TEXT_METAVAR, help=msg.CLI_INIT_DEADLINE_OPTION)
@click.option("--form", "form_file", type=click.Path(dir_okay=False, path_type=Path), metavar=msg.CLI_INIT_FORM_METAVAR,
              help=msg.CLI_INIT_FORM_OPTION)
@click.option("--force", is_flag=True, help=msg.CLI_INIT_FORCE_OPTION)
@handle_errors
def init(folder: Path | None, contact: str | None, deadline: str | None, form_file: Path | None, force: bool) -> None:
    folder = folder or env().workdir or Path.cwd()
    if form_file is not None:  # the definition says 照会元 and 回答期限
        from sheetflow.definition.workspace_init import init_form_workspace

        ws = init_form_workspace(folder, form_file, contact, deadline, force)
    else:
        from sheetflow.ground.workspace import init_workspace

        if sys.stdin.isatty():  # a person at the keyboard: ask for what the options did not give
            contact = contact or click.prompt(msg.INIT_ASK_CONTACT, default="", show_default=False) or None
            deadline = deadline or click.prompt(msg.INIT_ASK_DEADLINE, default="", show_default=False) or None
        ws = init_workspace(folder, contact, deadline, force)
    _print(ws, form_file is not None)


def _print(ws, with_form: bool) -> None:
    click.echo(msg.INIT_DONE.format(folder=ws.config.root))
    for path in ws.created:
        click.echo(msg.INIT_CREATED.format(path=path))
    for key in ws.placeholders:
        click.echo(msg.WARNING_PREFIX + msg.INIT_PLACEHOLDER.format(
            key=key, name=msg.SETTING_NAMES[key], value=getattr(ws.config, key), file=ws.config.source))
    click.echo((msg.INIT_NEXT_FORM if with_form else msg.INIT_NEXT).format(folder=quoted(ws.config.root)))
