"""`sheetflow merge | rebuild | status`: the master ledger."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sheetflow import messages as msg
from sheetflow.cli.app import CONTEXT, PERIOD, env, handle_errors, main, shown, survey_here
from sheetflow.cli.progress import progress_bar
from sheetflow.ground.periods import Period
from sheetflow.ledger.tables import MISSING, RESUBMITTED, RETURNED, SUBMITTED

SHOWN_FINDINGS = 5  # per file in the merge output; the rest are counted (all of them are in the 差戻し file)
_RESULT_ORDER = (msg.RESULT_ACCEPTED, msg.RESULT_ACCEPTED_OLD, msg.RESULT_RETURNED, msg.RESULT_UNREADABLE,
                 msg.RESULT_KNOWN, msg.RESULT_DUPLICATE, msg.RESULT_OTHER_PERIOD)


@main.command("merge", context_settings=CONTEXT, help=msg.CLI_MERGE_HELP)
@click.option("--period", type=PERIOD, help=msg.CLI_MERGE_PERIOD_OPTION)
@click.option("--inbox", type=click.Path(file_okay=False, path_type=Path), help=msg.CLI_MERGE_INBOX_OPTION)
@click.option("--no-report", is_flag=True, help=msg.CLI_MERGE_NO_REPORT_OPTION)
@click.option("--reopen", is_flag=True, help=msg.CLI_MERGE_REOPEN_OPTION)
@click.option("-q", "--quiet", is_flag=True, help=msg.CLI_MERGE_QUIET_OPTION)
@handle_errors
def merge(period: Period | None, inbox: Path | None, no_report: bool, reopen: bool, quiet: bool) -> None:
    from sheetflow.plan.versions import workspace_plan
    from sheetflow.report.refresh import merge_and_report

    survey = survey_here("period", "inbox", "no_report", "reopen")
    if survey is not None:  # 庁内照会: the survey's tables of the ledger
        from sheetflow.cli import survey as S

        return S.merge(quiet)
    cfg = env().config
    plan = workspace_plan(cfg, period)
    with progress_bar(msg.LEDGER_PROGRESS) as step:
        progress = lambda done, total: step(completed=done, total=total)  # noqa: E731
        run = merge_and_report(cfg, plan, period, inbox, progress=progress, report=not no_report, reopen=reopen)
    if quiet:
        _print_counts(run.merge)
    else:
        _print_result(run.merge, plan)
        _print_reports(run)
    sys.exit(run.exit_code)


def _print_reports(run) -> None:
    for path in run.reports:
        click.echo(msg.LEDGER_REPORT_WRITTEN.format(path=path))
    if run.report_error:
        click.echo(msg.ERROR_PREFIX + msg.LEDGER_REPORT_FAILED.format(error=run.report_error), err=True)
    if run.stale:
        root = env().config.root
        click.echo(msg.ERROR_PREFIX + msg.FILE_STALE_AFTER_COMMIT.format(
            paths=msg.CLI_LIST_SEPARATOR.join(shown(p, root) for p in run.stale)), err=True)


def _print_result(result, plan) -> None:
    from sheetflow.ledger.store import BOOK_NAME

    for notice in result.notices:
        click.echo(msg.WARNING_PREFIX + notice, err=True)
    _print_interrupted(result.interrupted)
    for f in result.files:
        if f.result not in (msg.RESULT_KNOWN, msg.RESULT_DUPLICATE):
            _print_file(f)
    _print_counts(result)
    _print_departments(result, plan)
    rows = result.counts_rows
    if result.ledger_path is not None:
        click.echo(msg.LEDGER_WRITTEN.format(path=result.ledger_path, rows=rows["current"], kpis=rows["kpis"],
                                             history=rows["history"], log=rows["log"]))
    elif not result.changed:
        click.echo(msg.LEDGER_NOTHING_NEW.format(path=env().config.outbox_dir / BOOK_NAME))
    _print_reopened(result.reopened)
    _print_missing(result)


def _print_interrupted(rows: list) -> None:
    """The per-file results of a merge interrupted after its commit (shown by the next merge and status)."""
    from sheetflow.ledger.status import when_text

    if not rows:
        return
    click.echo(msg.LEDGER_INTERRUPTED_HEAD.format(at=when_text(rows[0]["received_at"]), count=len(rows)))
    for r in rows:
        click.echo(msg.LEDGER_INTERRUPTED_LINE.format(result=r["result"], dept=r["department"] or msg.LEDGER_SUMMARY_NO_DEPT,
                                                      name=r["source_name"], errors=r["errors"], warnings=r["warnings"]))


def _print_reopened(event) -> None:
    from sheetflow.ledger.status import when_text

    if event:
        click.echo(msg.LEDGER_REOPENED.format(period=_label(event["period"]), at=when_text(event["at"]),
                                              user=event["user"], fiscal=event["year"]))


def _print_held(held: list[dict]) -> None:
    """`status`: the files the last merge held for another period."""
    if held:
        click.echo(msg.LEDGER_HELD_HEAD.format(count=len(held)))
    for h in held:
        click.echo(msg.LEDGER_HELD_LINE.format(dept=h["department"] or msg.LEDGER_SUMMARY_NO_DEPT, name=h["name"],
                                               found=_label(h["period"]),
                                               command=h.get("command") or msg.LEDGER_CORRECT.format(code=h["period"])))


def _print_file(f) -> None:
    """One file's block: result, department and name; its first errors (or, accepted, its 注意); the 差戻し file."""
    from sheetflow.cli.output import echo_block

    head = msg.LEDGER_FILE_HEAD.format(result=f.result, dept=f.department or msg.LEDGER_SUMMARY_NO_DEPT,
                                       name=f.path.name)
    tail = [msg.LEDGER_FILE_NOTE.format(note=f.note)] if f.note else []
    if f.return_path is not None:
        tail.append(msg.LEDGER_RETURN_WRITTEN_FOR.format(path=f.return_path))
    if f.notice_path is not None:
        tail.append(msg.LEDGER_NOTICE_WRITTEN_FOR.format(path=f.notice_path))
    echo_block(head, f.findings, limit=SHOWN_FINDINGS, more_path=f.return_path, tail=tail)


def _print_counts(result) -> None:
    click.echo(msg.LEDGER_SUMMARY.format(
        accepted=result.count(msg.RESULT_ACCEPTED, msg.RESULT_ACCEPTED_OLD), returned=result.count(msg.RESULT_RETURNED),
        known=result.count(msg.RESULT_KNOWN, msg.RESULT_DUPLICATE), unreadable=result.count(msg.RESULT_UNREADABLE),
        other=result.count(msg.RESULT_OTHER_PERIOD)))


def _print_departments(result, plan) -> None:
    from sheetflow.ledger.merge import summary_counts

    order = {d.key: n for n, d in enumerate(plan.recipients())}
    for dept, counts in sorted(summary_counts(result).items(), key=lambda kv: (kv[0] == "", order.get(kv[0], 999), kv[0])):
        if set(counts) <= {msg.RESULT_KNOWN, msg.RESULT_DUPLICATE}:
            continue  # nothing new from this department
        text = msg.CLI_LIST_SEPARATOR.join(f"{r} {counts[r]}" for r in _RESULT_ORDER if counts[r])
        click.echo(msg.LEDGER_SUMMARY_DEPT.format(dept=dept or msg.LEDGER_SUMMARY_NO_DEPT, results=text))


def _print_missing(result) -> None:
    for period, depts in result.missing.items():
        if depts:
            click.echo(msg.LEDGER_MISSING_HEAD.format(period=_label(period), count=len(depts)))
            words = dict(zip(result.status[period]["department"], result.status[period]["status"], strict=True))
            named = [d if words.get(d) != RETURNED else msg.LEDGER_MISSING_RETURNED.format(dept=d)
                     for d in depts]
            click.echo(msg.LEDGER_MISSING_LINE.format(depts=msg.CLI_LIST_SEPARATOR.join(named)))
        else:
            click.echo(msg.LEDGER_ALL_SUBMITTED.format(period=_label(period), count=result.recipients))


def _label(code: str) -> str:
    from sheetflow.ground.periods import parse_period

    return parse_period(code).label_with_code


@main.command("rebuild", context_settings=CONTEXT, help=msg.CLI_REBUILD_HELP)
@handle_errors
def rebuild() -> None:
    from sheetflow.ledger.rebuild import rebuild_ledger
    from sheetflow.plan.versions import workspace_plan

    survey = survey_here()
    if survey is not None:
        from sheetflow.cli import survey as S

        return S.rebuild(survey)
    cfg = env().config
    plan = workspace_plan(cfg)
    with progress_bar(msg.LEDGER_PROGRESS) as step:
        progress = lambda done, total: step(completed=done, total=total)  # noqa: E731
        result = rebuild_ledger(cfg, plan, progress=progress)
    for notice in result.notices:
        click.echo(msg.WARNING_PREFIX + notice, err=True)
    click.echo(msg.LEDGER_REBUILT.format(accepted=result.accepted, returned=result.returned, path=result.ledger_path))


@main.command("unlock", context_settings=CONTEXT, help=msg.CLI_UNLOCK_HELP)
@click.option("--yes", is_flag=True, help=msg.CLI_UNLOCK_YES_OPTION)
@handle_errors
def unlock(yes: bool) -> None:
    from sheetflow.ledger.lock import LOCK_NAME, clear_lock, holder_text, lock_info

    path = env().config.outbox_dir / LOCK_NAME
    if not path.exists():
        click.echo(msg.LEDGER_UNLOCK_NONE.format(path=path))
    elif not yes:
        click.echo(msg.LEDGER_UNLOCK_HELD.format(holder=holder_text(lock_info(path)), path=path))
        click.echo(msg.LEDGER_UNLOCK_ASK)
    else:
        click.echo(msg.LEDGER_UNLOCK_DONE.format(holder=holder_text(clear_lock(path) or {}), path=path))


@main.command("status", context_settings=CONTEXT, help=msg.CLI_STATUS_HELP)
@click.option("--period", type=PERIOD, help=msg.CLI_STATUS_PERIOD_OPTION)
@handle_errors
def status(period: Period | None) -> None:
    from sheetflow.ledger.status import period_status
    from sheetflow.plan.versions import workspace_plan

    survey = survey_here("period")
    if survey is not None:  # 庁内照会: who has answered
        from sheetflow.cli import survey as S

        return S.status(survey)
    cfg = env().config
    report = period_status(cfg, workspace_plan(cfg, period), period)
    if not report.known:
        click.echo(msg.WARNING_PREFIX + msg.LEDGER_PERIOD_UNKNOWN.format(period=report.period,
                                                                        periods=msg.CLI_LIST_SEPARATOR.join(report.known_periods)))
    _print_interrupted(report.interrupted)
    _print_status(report)
    _print_held(report.held)


def _print_status(report) -> None:
    from rich.console import Console
    from rich.table import Table

    view = Table(title=msg.LEDGER_STATUS_TITLE.format(period=_label(report.period), count=len(report.rows)),
                 title_justify="left")
    for header in msg.LEDGER_STATUS_COLUMNS:
        view.add_column(header, no_wrap=header != msg.LEDGER_STATUS_COLUMNS[0])
    for r in report.rows:
        view.add_row(r["department"], _styled(r["status"]), _when(r["first_received"]), _when(r["last_received"]),
                     str(r["accepted_files"]), str(r["returned_files"]))
    console = Console(width=max(Console().width, 100))
    console.on_broken_pipe = _closed_pipe  # rich would exit 1: the boundary ends quietly with every command's code
    console.print(view)
    click.echo(msg.LEDGER_STATUS_COUNTS.format(
        submitted=report.count(SUBMITTED), resubmitted=report.count(RESUBMITTED),
        returned=report.count(RETURNED), missing=report.count(MISSING)))


def _closed_pipe() -> None:
    raise BrokenPipeError


def _styled(word: str) -> str:
    colour = {RETURNED: "red", MISSING: "yellow"}.get(word)
    return f"[{colour}]{word}[/{colour}]" if colour else word


def _when(value) -> str:
    from sheetflow.ground.periods import wareki_time

    if value is None or value != value:  # None / NaT
        return ""
    return wareki_time(value)
