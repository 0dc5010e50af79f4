"""`sheetflow report | publish`: the period report workbook and the yearly public disclosure."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sheetflow import messages as msg
from sheetflow.cli.app import (
    CONTEXT,
    PERIOD,
    ProgressCommand,
    ProgressRequired,
    env,
    handle_errors,
    main,
    survey_here,
)
from sheetflow.ground.periods import Period, PeriodError, parse_period


class FiscalYearType(click.ParamType):
    """A fiscal year written like periods are: 2025, R7, 令和7年度, 令和元年度 (→ 2025 …)."""

    name = msg.CLI_PUBLISH_YEAR_METAVAR

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip()
        try:  # the period grammar (ground.periods) with the first half appended
            return parse_period(text + msg.HALF_NAMES[1]).year
        except PeriodError:
            self.fail(msg.CLI_YEAR_UNREADABLE.format(text=text), param, ctx)


@main.command("report", context_settings=CONTEXT, help=msg.CLI_REPORT_HELP)
@click.option("--period", cls=ProgressRequired, type=PERIOD, required=True, help=msg.CLI_REPORT_PERIOD_OPTION)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help=msg.CLI_REPORT_OUT_OPTION)
@handle_errors
def report(period: Period | None, out: Path | None) -> None:
    from sheetflow.plan.versions import workspace_plan
    from sheetflow.report.workbook import report_for_period

    survey = survey_here("period", "out")
    if survey is not None:  # 庁内照会: the 集計表
        from sheetflow.cli import survey as S

        return S.report()

    cfg = env().config
    path, data, no_ledger = report_for_period(cfg, workspace_plan(cfg, period), period, out)
    if no_ledger:
        click.echo(msg.WARNING_PREFIX + msg.REPORT_NO_LEDGER.format(path=no_ledger), err=True)
    r = data.rates
    click.echo(msg.REPORT_WRITTEN.format(path=path))
    click.echo(msg.REPORT_SUMMARY_LINE.format(submitted=r.submitted, recipients=r.recipients, reported=r.reported,
                                              items=r.items, behind=len(data.behind)))


@main.command("publish", cls=ProgressCommand, context_settings=CONTEXT, help=msg.CLI_PUBLISH_HELP)
@click.option("--year", type=FiscalYearType(), required=True, metavar=msg.CLI_PUBLISH_YEAR_METAVAR, help=msg.CLI_PUBLISH_YEAR_OPTION)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help=msg.CLI_PUBLISH_OUT_OPTION)
@handle_errors
def publish(year: int, out: Path | None) -> None:
    from sheetflow.plan.versions import workspace_plan
    from sheetflow.report.publish import publish_year

    cfg = env().config
    plan = workspace_plan(cfg, year)
    result = publish_year(cfg, plan, year, out)
    click.echo(msg.PUBLISH_WRITTEN.format(folder=result.folder))
    for path in result.paths:
        click.echo(f"  {path.name}")
    click.echo(msg.PUBLISH_SUMMARY.format(
        items=len(result.publication.items), h2=result.count(msg.PUBLISH_SOURCE_H2),
        h1=result.count(msg.PUBLISH_SOURCE_H1), missing=result.count(msg.NOT_REPORTED),
        kpis=len(result.publication.kpis)))
    exit_if_unreported(result.unreported)


def exit_if_unreported(warning: str) -> None:
    """Items without any report (publish, council): the files are written, but they are not what the city
    publishes or the council evaluates; print the warning and exit 1 for scripts."""
    if warning:
        click.echo(msg.WARNING_PREFIX + warning, err=True)
        sys.exit(1)
