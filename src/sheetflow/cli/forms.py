"""`sheetflow forms`: write the department workbooks for one period."""

from __future__ import annotations

from pathlib import Path

import click

from sheetflow import messages as msg
from sheetflow.cli.app import CONTEXT, PERIOD, ProgressRequired, env, handle_errors, main, survey_here
from sheetflow.cli.progress import progress_bar
from sheetflow.ground.periods import Period


@main.command("forms", context_settings=CONTEXT, help=msg.CLI_FORMS_HELP)
@click.option("--period", cls=ProgressRequired, type=PERIOD, required=True, help=msg.CLI_REPORT_PERIOD_OPTION)
@click.option("--dept", "depts", multiple=True, metavar=msg.CLI_FORMS_DEPT_METAVAR,
              help=msg.CLI_FORMS_DEPT_OPTION)
@click.option("--by", type=click.Choice([msg.FORMS_BY_KA, msg.FORMS_BY_BU]), default=msg.FORMS_BY_KA, show_default=True,
              help=msg.CLI_FORMS_BY_OPTION)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help=msg.CLI_FORMS_OUT_OPTION)
@click.option("--from-last", is_flag=True, help=msg.CLI_FORMS_FROM_LAST_OPTION)
@click.option("--force", is_flag=True, help=msg.CLI_FORMS_FORCE_OPTION)
@click.option("--paper", type=click.Choice(["A4", "A3"], case_sensitive=False), default="A4", show_default=True,
              help=msg.CLI_FORMS_PAPER_OPTION)
@handle_errors
def forms(period: Period | None, depts: tuple[str, ...], by: str, out: Path | None, from_last: bool, force: bool,
          paper: str) -> None:
    from sheetflow.ledger.issue import issue_forms

    survey = survey_here("period", "by", "out", "paper")
    if survey is not None:  # 庁内照会: one workbook per 部署 of the definition
        from sheetflow.cli import survey as S

        return S.forms(survey, from_last, depts, force)
    if from_last:
        raise msg.UserError(msg.SURVEY_FROM_LAST_PROGRESS)

    with progress_bar(msg.FORMS_PROGRESS, details=True) as step:
        issued = issue_forms(env().config, period, by=by, only=list(depts) or None, force=force,
                             paper=paper.upper(), out_dir=out,
                             progress=lambda result, total: step(result.department, total=total))
    written = issued.written
    if issued.results and not written:
        click.echo(msg.FORMS_ALL_EXIST.format(count=len(issued.kept), folder=issued.folder))
        return
    click.echo(msg.FORMS_WRITTEN.format(count=len(written), items=sum(r.items for r in written),
                                        kpis=sum(r.kpis for r in written), folder=issued.folder))
    if issued.kept:
        click.echo(msg.WARNING_PREFIX + msg.FORMS_SKIPPED.format(
            count=len(issued.kept), names=msg.CLI_LIST_SEPARATOR.join(r.path.name for r in issued.kept)))
