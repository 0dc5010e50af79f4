"""`sheetflow check PATH…`: check returned workbooks without touching the ledger."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sheetflow import messages as msg
from sheetflow.cli.app import CONTEXT, PERIOD, env, handle_errors, main, survey_here
from sheetflow.cli.progress import progress_bar
from sheetflow.ground.findings import ERROR, NORMALISED, WARNING
from sheetflow.ground.periods import Period, PeriodError, parse_period

if TYPE_CHECKING:
    from sheetflow.intake.current import Checked

PROGRESS_FROM = 5  # files; fewer are checked without a progress bar
RESULT_LABELS = {"accepted": msg.INTAKE_RESULT_ACCEPTED, "returned": msg.INTAKE_RESULT_RETURNED,
                 "unreadable": msg.INTAKE_RESULT_UNREADABLE}


@main.command("check", context_settings=CONTEXT, help=msg.CLI_CHECK_HELP)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[PATH]...")
@click.option("--period", type=PERIOD, help=msg.CLI_CHECK_PERIOD_OPTION)
@click.option("--json", "as_json", is_flag=True, help=msg.CLI_CHECK_JSON_OPTION)
@click.option("--returns", "write_returns", is_flag=True,
              help=msg.CLI_CHECK_RETURNS_OPTION)
@handle_errors
def check(paths: tuple[Path, ...], period: Period | None, as_json: bool, write_returns: bool) -> None:
    from sheetflow.intake.check_run import check_paths

    survey = survey_here("period", "as_json", "write_returns")
    if survey is not None:  # 庁内照会: the survey's workbooks
        from sheetflow.cli import survey as S

        return S.check(paths)

    with progress_bar(msg.INTAKE_PROGRESS, details=True) as step:
        def shown(name: str, total: int) -> None:
            if total >= PROGRESS_FROM:
                step(name, total=total)

        run = check_paths(env().config, list(paths), period, write_returns, progress=None if as_json else shown)
    for _, note in run.skipped:
        click.echo(note, err=True)
    if as_json:
        from sheetflow.ground.console import write_json

        write_json(json.dumps(run.as_json(), ensure_ascii=False, indent=2))
    else:
        _print(run.checked, run.returns)
    sys.exit(run.exit_code)


def _print(checked: list[Checked], returned: dict[Path, Path]) -> None:
    from sheetflow.cli.output import echo_block
    from sheetflow.intake.explain import finding_lines
    from sheetflow.intake.read import result_of

    for c in checked:
        s = c.submission
        who = msg.CLI_CHECK_WHO.format(dept=s.identity.department, period=_period_label(s.identity.period)) if s.identity else ""
        if not c.current:
            line = msg.INTAKE_COPY_LINE if c.identical else msg.INTAKE_REPLACED_LINE
            echo_block(line.format(name=s.path, who=who, newer=c.replaced_by.name), [])
            continue
        count = {sev: sum(1 for f in s.findings if f.severity == sev) for sev in (ERROR, WARNING, NORMALISED)}
        head = msg.INTAKE_LINE.format(result=RESULT_LABELS[result_of(s)], name=s.path, who=who, errors=count[ERROR],
                                      warnings=count[WARNING], normalised=count[NORMALISED])
        tail = [msg.LEDGER_RETURN_WRITTEN.format(path=returned[s.path])] if s.path in returned else []
        echo_block(head, finding_lines(s), tail=tail)
    current = [c.submission for c in checked if c.current]
    totals = {r: sum(1 for s in current if result_of(s) == r) for r in RESULT_LABELS}
    copies = sum(1 for c in checked if c.identical)
    replaced = len(checked) - len(current) - copies
    click.echo(msg.INTAKE_SUMMARY.format(total=len(checked), **totals)
               + (msg.INTAKE_SUMMARY_REPLACED.format(count=replaced) if replaced else "")
               + (msg.INTAKE_SUMMARY_COPIES.format(count=copies) if copies else ""))
    if returned:
        folder = next(iter(returned.values())).parent.parent
        click.echo(msg.INTAKE_RETURNS_WRITTEN.format(count=len(set(returned.values())), folder=folder))


def _period_label(code: str) -> str:
    try:
        return parse_period(code).label
    except PeriodError:
        return code


