"""`sheetflow forms`: write the department workbooks for one period."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sheetflow import messages as msg
from sheetflow.cli.app import CONTEXT, PERIOD, env, handle_errors, main
from sheetflow.ground.periods import Period

if TYPE_CHECKING:
    from sheetflow.forms.model import PreviousAnswers
    from sheetflow.forms.workbook import FormResult
    from sheetflow.ground.config import Config
    from sheetflow.plan.model import Plan


@main.command("forms", context_settings=CONTEXT, help="""部署別の報告様式（Excel）を作ります。

\b
報告課ごとに1ファイル: outbox/forms/<期間>/<部>_<課>.xlsx
例: sheetflow forms --period R7上期
    sheetflow forms --period 2025H1 --dept 財政課 --force""")
@click.option("--period", type=PERIOD, required=True, help="報告の期間（例: 2025H1、R7上期、令和7年度下期）。")
@click.option("--dept", "depts", multiple=True, metavar="部署",
              help="この部署の様式だけを作ります。課の名前か「部 課」（例: 財政課、\"財政部 財政課\"）。複数回指定できます。")
@click.option("--by", type=click.Choice([msg.FORMS_BY_KA, msg.FORMS_BY_BU]), default=msg.FORMS_BY_KA, show_default=True,
              help="様式を課ごとに作るか、部ごとにまとめるか（部: 部内の課の項目を1ファイルに）。")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="出力先のフォルダ。省略時は outbox/forms/<期間>/")
@click.option("--force", is_flag=True, help="同じ名前のファイルが既にあっても上書きします。")
@handle_errors
def forms(period: Period, depts: tuple[str, ...], by: str, out: Path | None, force: bool) -> None:
    from sheetflow.forms.workbook import form_units, write_forms
    from sheetflow.plan.load import workspace_plan

    cfg = env().config
    plan = workspace_plan(cfg)
    folder = out or cfg.outbox_dir / "forms" / period.code
    only = list(depts) or None
    with _progress(len(form_units(plan, by, only))) as progress:
        results = write_forms(plan, period, cfg, folder, by=by, only=only, force=force,
                              previous_for=_previous_for(cfg, plan, period), progress=progress)
    written = [r for r in results if r.written]
    click.echo(msg.FORMS_WRITTEN.format(count=len(written), items=sum(r.items for r in written),
                                        kpis=sum(r.kpis for r in written), folder=folder))
    skipped = [r.path.name for r in results if not r.written]
    if skipped:
        click.echo(msg.WARNING_PREFIX + msg.FORMS_SKIPPED.format(count=len(skipped), names="、".join(skipped)))


def _previous_for(cfg: Config, plan: Plan, period: Period) -> Callable[[str], PreviousAnswers | None]:
    """Last period's answers from the ledger, carried into the locked 前回 columns."""
    from sheetflow.ledger.status import previous_answers

    return lambda key: previous_answers(cfg, plan, period, key)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[FormResult, int], None]]:
    """A rich progress bar on stderr (shown only on a terminal), advanced once per form."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    bar = Progress(TextColumn(msg.FORMS_PROGRESS), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.description}"), console=console, transient=True,
                   disable=not console.is_terminal)
    task = bar.add_task("", total=total)

    def advance(result: FormResult, total: int) -> None:
        bar.update(task, total=total, advance=1, description=result.department)

    with bar:
        yield advance
