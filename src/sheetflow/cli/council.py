"""`sheetflow council --year`: the year's 審議会 evaluation workbook."""

from __future__ import annotations

from pathlib import Path

import click

from sheetflow import messages as msg
from sheetflow.cli.app import CONTEXT, ProgressCommand, env, handle_errors, main
from sheetflow.cli.report import FiscalYearType, exit_if_unreported


@main.command("council", cls=ProgressCommand, context_settings=CONTEXT, help=msg.CLI_COUNCIL_HELP)
@click.option("--year", type=FiscalYearType(), required=True, metavar=msg.CLI_PUBLISH_YEAR_METAVAR,
              help=msg.CLI_COUNCIL_YEAR_OPTION)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help=msg.CLI_COUNCIL_OUT_OPTION)
@click.option("--force", is_flag=True, help=msg.CLI_COUNCIL_FORCE_OPTION)
@handle_errors
def council(year: int, out: Path | None, force: bool) -> None:
    from sheetflow.plan.versions import workspace_plan
    from sheetflow.report.council_book import write_council_book

    cfg = env().config
    book = write_council_book(cfg, workspace_plan(cfg, year), year, out, force)
    click.echo(msg.COUNCIL_WRITTEN.format(path=book.path))
    click.echo(msg.COUNCIL_WRITTEN_SUMMARY.format(
        items=len(book.publication.items), h2=book.count(msg.PUBLISH_SOURCE_H2),
        h1=book.count(msg.PUBLISH_SOURCE_H1), missing=book.count(msg.NOT_REPORTED)))
    exit_if_unreported(book.unreported)
