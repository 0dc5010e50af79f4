"""`sheetflow check PATH…`: check returned workbooks without touching the ledger."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sheetflow import messages as msg
from sheetflow.cli.app import CONTEXT, PERIOD, env, handle_errors, main
from sheetflow.ground.findings import ERROR, NORMALISED, SEVERITY_LABELS, WARNING
from sheetflow.ground.periods import Period, PeriodError, parse_period

if TYPE_CHECKING:
    from sheetflow.intake.model import Submission

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
    from sheetflow.intake.pool import check_files
    from sheetflow.intake.read import scan_paths, submission_dict
    from sheetflow.plan.load import workspace_plan

    cfg = env().config
    targets = list(paths) or [cfg.inbox_dir]
    for p in targets:
        if not p.exists():
            raise msg.UserError(msg.INTAKE_PATH_NOT_FOUND.format(path=p))
    files, skipped = scan_paths(targets)
    for _, note in skipped:
        click.echo(note, err=True)
    if not files:
        raise msg.UserError(msg.INTAKE_NO_FILES.format(paths=msg.CLI_LIST_SEPARATOR.join(map(str, targets))))
    plan = workspace_plan(cfg)
    with _progress(len(files), enabled=not as_json) as step:
        subs = check_files(files, plan, cfg, expected_period=period, progress=step)
    returned = _write_returns(subs, plan, cfg) if write_returns else {}
    if as_json:
        out = [{**submission_dict(s), "return_file": str(returned[s.path]) if s.path in returned else None}
               for s in subs]
        from sheetflow.ground.console import write_json

        write_json(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        _print(subs, returned)
    sys.exit(0 if all(s.accepted for s in subs) else 1)


def _write_returns(subs: list[Submission], plan, cfg) -> dict[Path, Path]:
    from sheetflow.intake.returns import write_return

    return {s.path: write_return(s, plan, cfg) for s in subs if not s.accepted}


def _print(subs: list[Submission], returned: dict[Path, Path]) -> None:
    from rich.console import Console
    from rich.table import Table

    from sheetflow.intake.read import result_of

    console = Console(soft_wrap=False)
    for s in subs:
        count = {sev: sum(1 for f in s.findings if f.severity == sev) for sev in (ERROR, WARNING, NORMALISED)}
        who = msg.CLI_CHECK_WHO.format(dept=s.identity.department, period=_period_label(s.identity.period)) if s.identity else ""
        click.echo(msg.INTAKE_LINE.format(result=RESULT_LABELS[result_of(s)], name=s.path, who=who,
                                          errors=count[ERROR], warnings=count[WARNING],
                                          normalised=count[NORMALISED]))
    findings = [f for s in subs for f in s.findings]
    if findings:
        table = Table(show_lines=False, expand=False)
        for i, head in enumerate(msg.INTAKE_TABLE_HEADERS):
            table.add_column(head, overflow="fold", no_wrap=i in (2, 3))
        for f in findings:
            table.add_row(f.file, f.where, "" if f.item_no is None else str(f.item_no),
                          SEVERITY_LABELS.get(f.severity, f.severity), f.message)
        console.print(table)
    totals = {r: sum(1 for s in subs if result_of(s) == r) for r in RESULT_LABELS}
    click.echo(msg.INTAKE_SUMMARY.format(total=len(subs), **totals))
    if returned:
        folder = next(iter(returned.values())).parent.parent
        click.echo(msg.INTAKE_RETURNS_WRITTEN.format(count=len(set(returned.values())), folder=folder))


def _period_label(code: str) -> str:
    try:
        return parse_period(code).label
    except PeriodError:
        return code


@contextmanager
def _progress(total: int, enabled: bool) -> Iterator[Callable[[Submission], None] | None]:
    """A rich progress bar on stderr, for many files on a terminal only."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    if not enabled or total < PROGRESS_FROM or not console.is_terminal:
        yield None
        return
    bar = Progress(TextColumn(msg.INTAKE_PROGRESS), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.description}"), console=console, transient=True)
    task = bar.add_task("", total=total)
    with bar:
        yield lambda sub: bar.update(task, advance=1, description=sub.path.name)
