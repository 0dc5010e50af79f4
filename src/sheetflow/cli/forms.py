"""`sheetflow forms`: write the department workbooks for one period."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sheetflow import messages as msg
from sheetflow.cli.app import CONTEXT, PERIOD, env, handle_errors, main
from sheetflow.cli.progress import progress_bar
from sheetflow.ground.periods import Period

if TYPE_CHECKING:
    from sheetflow.forms.model import PreviousAnswers
    from sheetflow.ground.config import Config
    from sheetflow.plan.model import Plan


@main.command("forms", context_settings=CONTEXT, help=msg.CLI_FORMS_HELP)
@click.option("--period", type=PERIOD, required=True, help=msg.CLI_REPORT_PERIOD_OPTION)
@click.option("--dept", "depts", multiple=True, metavar=msg.CLI_FORMS_DEPT_METAVAR,
              help=msg.CLI_FORMS_DEPT_OPTION)
@click.option("--by", type=click.Choice([msg.FORMS_BY_KA, msg.FORMS_BY_BU]), default=msg.FORMS_BY_KA, show_default=True,
              help=msg.CLI_FORMS_BY_OPTION)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help=msg.CLI_FORMS_OUT_OPTION)
@click.option("--force", is_flag=True, help=msg.CLI_FORMS_FORCE_OPTION)
@click.option("--paper", type=click.Choice(["A4", "A3"], case_sensitive=False), default="A4", show_default=True,
              help=msg.CLI_FORMS_PAPER_OPTION)
@handle_errors
def forms(period: Period, depts: tuple[str, ...], by: str, out: Path | None, force: bool, paper: str) -> None:
    from sheetflow.forms.workbook import form_units, write_forms
    from sheetflow.ledger.status import forms_plan
    from sheetflow.plan.versions import workspace_plan

    cfg = env().config
    plan = forms_plan(cfg, workspace_plan(cfg), period)  # the version in force for the period
    folder = out or cfg.outbox_dir / "forms" / period.code
    only = list(depts) or None
    with progress_bar(msg.FORMS_PROGRESS, len(form_units(plan, by, only)), details=True) as step:
        progress = lambda result, total: step(result.department, total=total)  # noqa: E731
        results = write_forms(plan, period, cfg, folder, by=by, only=only, force=force,
                              previous_for=_previous_for(cfg, plan, period), progress=progress,
                              require_settings=not force, paper=paper.upper())
    written = [r for r in results if r.written]
    click.echo(msg.FORMS_WRITTEN.format(count=len(written), items=sum(r.items for r in written),
                                        kpis=sum(r.kpis for r in written), folder=folder))
    skipped = [r.path.name for r in results if not r.written]
    if skipped:
        click.echo(msg.WARNING_PREFIX + msg.FORMS_SKIPPED.format(count=len(skipped), names=msg.CLI_LIST_SEPARATOR.join(skipped)))


def _previous_for(cfg: Config, plan: Plan, period: Period) -> Callable[[str], PreviousAnswers | None]:
    """Last period's answers from the ledger, carried into the locked 前回 columns."""
    from sheetflow.ledger.status import previous_answers

    return lambda key: previous_answers(cfg, plan, period, key)


