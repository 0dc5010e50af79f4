"""The commands in a survey workspace (庁内照会): forms, check, merge, status, report and rebuild each call
their survey library function and print what it returns. Their own modules (forms, check, ledger, report)
parse the options and hand over here when the workspace's definition has a 照会ID (cli.app.survey_in_use)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sheetflow import messages as msg
from sheetflow.cli.app import env
from sheetflow.cli.output import echo_block
from sheetflow.cli.progress import progress_bar
from sheetflow.definition.model import FormDefinition

SHOWN_FINDINGS = 5  # per file in the merge output; the rest are counted (all of them are in the 差戻し file)
CHECK_PROGRESS_FROM = 5  # files; fewer are checked without a progress bar
RESULT_LABELS = {"accepted": msg.INTAKE_RESULT_ACCEPTED, "returned": msg.INTAKE_RESULT_RETURNED,
                 "unreadable": msg.INTAKE_RESULT_UNREADABLE}


def forms(form: FormDefinition, from_last: bool, depts: tuple[str, ...], force: bool) -> None:
    from sheetflow.ledger.survey_forms import issue_survey_forms

    with progress_bar(msg.FORMS_PROGRESS, details=True) as step:
        issued = issue_survey_forms(env().config, from_last=from_last, only=list(depts) or None, force=force,
                                    progress=lambda result, total: step(result.department, total=total))
    written = issued.written
    if issued.results and not written:
        click.echo(msg.FORMS_ALL_EXIST.format(count=len(issued.kept), folder=issued.folder))
        return
    click.echo(msg.SURVEY_FORMS_WRITTEN.format(title=form.title, count=len(written),
                                               rows=sum(r.rows for r in written), folder=issued.folder))
    if from_last:
        click.echo(msg.SURVEY_FORMS_FROM_LAST)
    if issued.kept:
        click.echo(msg.WARNING_PREFIX + msg.FORMS_SKIPPED.format(
            count=len(issued.kept), names=msg.CLI_LIST_SEPARATOR.join(r.path.name for r in issued.kept)))


def check(paths: tuple[Path, ...]) -> None:
    from sheetflow.ground.findings import ERROR, NORMALISED, WARNING
    from sheetflow.intake.survey_check import check_survey_paths

    with progress_bar(msg.INTAKE_PROGRESS, details=True) as step:
        def shown(name: str, total: int) -> None:
            if total >= CHECK_PROGRESS_FROM:
                step(name, total=total)

        run = check_survey_paths(env().config, list(paths), progress=shown)
    for _, note in run.skipped:
        click.echo(note, err=True)
    for c in run.checked:
        count = {sev: sum(1 for f in c.back.findings if f.severity == sev) for sev in (ERROR, WARNING, NORMALISED)}
        who = msg.SURVEY_CHECK_WHO.format(dept=c.back.department) if c.back.department else ""
        echo_block(msg.INTAKE_LINE.format(result=RESULT_LABELS[c.result], name=c.path, who=who, errors=count[ERROR],
                                          warnings=count[WARNING], normalised=count[NORMALISED]), run.lines[c.path])
    click.echo(msg.INTAKE_SUMMARY.format(total=len(run.checked), **{r: run.count(r) for r in RESULT_LABELS}))
    sys.exit(run.exit_code)


def merge(quiet: bool) -> None:
    from sheetflow.ledger.survey import merge_survey

    result = merge_survey(env().config)
    for notice in result.notices:
        click.echo(msg.WARNING_PREFIX + notice, err=True)
    new = [f for f in result.files if f.result != msg.RESULT_KNOWN]
    for f in [] if quiet else new:
        tail = [msg.LEDGER_RETURN_WRITTEN_FOR.format(path=f.return_path)] if f.return_path is not None else []
        echo_block(msg.LEDGER_FILE_HEAD.format(result=f.result, dept=f.department or msg.LEDGER_SUMMARY_NO_DEPT,
                                               name=f.path.name), f.findings_lines, limit=SHOWN_FINDINGS,
                   more_path=f.return_path, tail=tail)
    counts = {r: sum(1 for f in result.files if f.result == r) for r in
              (msg.RESULT_ACCEPTED, msg.RESULT_RETURNED, msg.RESULT_KNOWN, msg.RESULT_UNREADABLE)}
    click.echo(msg.SURVEY_MERGE_SUMMARY.format(accepted=counts[msg.RESULT_ACCEPTED], returned=counts[msg.RESULT_RETURNED],
                                               known=counts[msg.RESULT_KNOWN], unreadable=counts[msg.RESULT_UNREADABLE]))
    if not new and not quiet:
        click.echo(msg.SURVEY_MERGE_NOTHING)
    sys.exit(result.exit_code)


def status(form: FormDefinition) -> None:
    from sheetflow.ledger.survey import survey_status

    rows = survey_status(env().config)
    _status_table(form, rows)
    words = (msg.SURVEY_STATUS_ANSWERED, msg.SURVEY_STATUS_AGAIN, msg.SURVEY_STATUS_RETURNED, msg.SURVEY_STATUS_NONE)
    count = {w: sum(1 for r in rows if r.status == w) for w in words}
    click.echo(msg.SURVEY_STATUS_COUNTS.format(answered=count[words[0]], again=count[words[1]],
                                               returned=count[words[2]], none=count[words[3]]))
    missing = [r.department for r in rows if r.status == msg.SURVEY_STATUS_NONE]
    if missing:
        click.echo(msg.SURVEY_STATUS_MISSING.format(count=len(missing), depts=msg.CLI_LIST_SEPARATOR.join(missing)))


def _status_table(form: FormDefinition, rows: list) -> None:
    """部署, 状況 (差戻し red, 未回答 yellow), 最終受付 in 和暦, ファイル."""
    from rich.console import Console
    from rich.table import Table

    colours = {msg.SURVEY_STATUS_RETURNED: "red", msg.SURVEY_STATUS_NONE: "yellow"}
    click.echo(msg.SURVEY_STATUS_TITLE.format(title=form.title, survey=form.survey_id, count=len(rows)))
    view = Table()
    for header in msg.SURVEY_STATUS_COLUMNS:
        view.add_column(header, no_wrap=header != msg.SURVEY_STATUS_COLUMNS[0])
    for r in rows:
        word = f"[{colours[r.status]}]{r.status}[/{colours[r.status]}]" if r.status in colours else r.status
        view.add_row(r.department, word, _when(r.received_at), r.source_name)
    console = Console(width=max(Console().width, 100))
    console.on_broken_pipe = _closed_pipe  # rich would exit 1: the boundary ends quietly with every command's code
    console.print(view)


def _closed_pipe() -> None:
    raise BrokenPipeError


def _when(text: str) -> str:
    """An ISO time of the ledger in 和暦 (「令和7年10月3日 14:05」); '' when there is none."""
    from datetime import datetime

    from sheetflow.ground.periods import wareki_time

    return wareki_time(datetime.fromisoformat(text)) if text else ""


def report() -> None:
    from sheetflow.report.survey import write_tally

    result = write_tally(env().config)
    click.echo(msg.SURVEY_TALLY_WRITTEN)
    for path in result.paths:
        click.echo(f"  {path}")


def rebuild(form: FormDefinition) -> None:
    from sheetflow.ledger.store import DB_NAME
    from sheetflow.ledger.survey import rebuild_survey

    cfg = env().config
    count = rebuild_survey(cfg)
    click.echo(msg.SURVEY_REBUILT.format(count=count, title=form.title, path=cfg.outbox_dir / DB_NAME))
