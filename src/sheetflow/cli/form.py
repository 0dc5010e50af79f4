"""`sheetflow form export | check | new`: the form definition (様式定義) as an Excel workbook, its check, and the
starter survey definition."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sheetflow import messages as msg
from sheetflow.cli.app import CONTEXT, EXIT_DATA, env, handle_errors, main


@main.group(context_settings=CONTEXT, help=msg.CLI_FORM_HELP)
def form() -> None:
    pass


@form.command("export", context_settings=CONTEXT, help=msg.CLI_FORM_EXPORT_HELP)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help=msg.CLI_FORM_EXPORT_OUT_OPTION)
@click.option("--force", is_flag=True, help=msg.CLI_FORM_EXPORT_FORCE_OPTION)
@handle_errors
def export(out: Path | None, force: bool) -> None:
    from sheetflow.definition.export import export_definition

    cfg = env().workspace if out is not None else env().config  # with --out: the built-in one outside a workspace
    done = export_definition(cfg, out or env().config.path(Path(msg.DEF_EXPORT_FILE)), force)
    click.echo(msg.DEF_EXPORTED.format(file=done.path, title=done.definition.title,
                                       version=done.definition.version, name=done.path.name))


@form.command("new", context_settings=CONTEXT, help=msg.CLI_FORM_NEW_HELP)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help=msg.CLI_FORM_NEW_OUT_OPTION)
@click.option("--force", is_flag=True, help=msg.CLI_FORM_EXPORT_FORCE_OPTION)
@handle_errors
def new(out: Path | None, force: bool) -> None:
    from sheetflow.definition.export import new_survey

    done = new_survey(out or (env().workdir or Path()) / msg.DEF_NEW_FILE, force)
    click.echo(msg.DEF_NEW_WRITTEN.format(title=done.definition.title, file=done.path, name=done.path.name))


@form.command("check", context_settings=CONTEXT, help=msg.CLI_FORM_CHECK_HELP)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), required=False)
@handle_errors
def check(file: Path | None) -> None:
    from sheetflow.definition import workspace as DW
    from sheetflow.definition.read import check_definition, problems_text

    path = file or DW.form_path(env().config)
    checked = check_definition(path)
    if checked.definition is None:
        click.echo(problems_text(path, checked.problems))
        sys.exit(EXIT_DATA)
    found = checked.definition
    text = msg.DEF_CHECK_OK_SURVEY if found.survey_id else msg.DEF_CHECK_OK
    click.echo(text.format(file=path, title=found.title, version=found.version, tables=len(found.tables),
                           fields=len(found.fields), survey=found.survey_id, departments=len(found.departments),
                           defaults=len(found.defaults)))
