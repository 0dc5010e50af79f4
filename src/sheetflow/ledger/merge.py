"""`merge`: inbox → checks → archive → ledger.sqlite (one transaction) → ledger.xlsx.

Order of a merge, chosen so that a crash at any point leaves a consistent state:
lock → hash the inbox files (known hashes are skipped without opening them) → intake checks on the new
ones → 差戻し workbooks → archive originals + receipts (temp + rename) → one database transaction →
ledger.xlsx (backup, temp + rename). The database is the commit point: a crash before it leaves
receipts that the next merge rewrites; a crash after it leaves the old ledger.xlsx and a "stale" flag,
so the next merge (or rebuild) rewrites the workbook; a Ctrl-C after it says what was saved, and the
batch's per-file results wait (meta unshown_batch) for the next merge or `status`. Inbox files are only ever read.

Which period a merge changes is ledger.scope (on ledger.periods): a plain merge only the current period, `--period` the one
named; a file of another period is held (never logged, shown again on every merge; the department of a
finished period's form gets a notice). A published year changes only with `--reopen`, recorded.
Rebuilding from the archive is ledger_rebuild.py.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from sheetflow import messages as msg
from sheetflow.ground.config import Config
from sheetflow.ground.files import FileInUse
from sheetflow.ground.findings import ERROR, WARNING
from sheetflow.ground.periods import parse_period
from sheetflow.intake import files as intake_files
from sheetflow.intake import pool as intake_pool
from sheetflow.intake.explain import FindingLine, finding_lines
from sheetflow.intake.model import Submission
from sheetflow.ledger.apply import apply_receipt, ledger_rows, order_at, receipt_for
from sheetflow.ledger.archive import (
    clean_temp,
    keep_original,
    mark_book_written,
    sha256_file,
    snapshot_plan,
    write_receipt,
)
from sheetflow.ledger.book import preflight, write_book
from sheetflow.ledger.council import apply_council
from sheetflow.ledger.lock import LOCK_NAME, Lock
from sheetflow.ledger.periods import record_event, refuse_published, results_shown, save_held
from sheetflow.ledger.query import Ledger, missing_departments, submission_status
from sheetflow.ledger.scope import Scope, held_note, settle
from sheetflow.ledger.status import check_revision, merge_leftovers, when_text
from sheetflow.ledger.store import BOOK_NAME, UNSHOWN_KEY, Store, db_path, now_iso, period_code
from sheetflow.ledger.tables import ledger_forms
from sheetflow.plan.model import Plan
from sheetflow.plan.versions import versions

Progress = Callable[[int, int], None]


@dataclass
class FileOutcome:
    """What happened to one inbox file in this merge."""

    path: Path
    sha256: str
    result: str  # messages.RESULT_*
    period: str = ""
    department: str = ""
    errors: int = 0
    warnings: int = 0
    note: str = ""  # one Japanese line when there is something to explain
    return_path: Path | None = None
    findings: list[FindingLine] = field(default_factory=list)  # errors and 注意 (not the 自動修正)
    notice_path: Path | None = None  # held: the notice for the department (which form to use)


@dataclass
class MergeResult:
    files: list[FileOutcome] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)  # periods this merge reports on (未提出 lists)
    missing: dict[str, list[str]] = field(default_factory=dict)  # period → departments without an accepted file
    status: dict[str, pd.DataFrame] = field(default_factory=dict)  # period → submission_status(...)
    recipients: int = 0
    ledger_path: Path | None = None  # set when ledger.xlsx was (re)written
    changed: bool = False  # the database changed
    notices: list[str] = field(default_factory=list)
    counts_rows: dict[str, int] = field(default_factory=dict)
    stale: list[Path] = field(default_factory=list)  # outputs in use (Excel) after the commit: rerun to update
    saved: list[str] = field(default_factory=list)  # the committed files' results (for a Ctrl-C after the commit)
    interrupted: list[dict] = field(default_factory=list)  # log rows of an earlier merge interrupted after its commit
    reopened: dict | None = None  # the recorded reopening of a published year
    merge_no: int = 0  # of the committed batch

    def count(self, *results: str) -> int:
        return sum(1 for f in self.files if f.result in results)

    @property
    def exit_code(self) -> int:
        return 1 if self.count(msg.RESULT_RETURNED, msg.RESULT_UNREADABLE) else 0


# --- merge -----------------------------------------------------------------------------------------------

def merge_inbox(cfg: Config, plan: Plan, period=None, inbox: Path | None = None,
                progress: Progress | None = None, reopen: bool = False,
                after: Callable[[MergeResult], None] | None = None) -> MergeResult:
    """Check every new file in the inbox and merge the accepted ones; see the module docstring.
    `after` runs under the lock once the ledger is written (the reports)."""
    scope = Scope(period_code(period), reopen)
    inbox = Path(inbox) if inbox is not None else cfg.inbox_dir
    if not inbox.is_dir():
        raise msg.UserError(msg.LEDGER_INBOX_MISSING.format(path=inbox))
    result = MergeResult()
    with Lock(cfg.outbox_dir / LOCK_NAME, notice=result.notices.append):
        preflight(cfg.outbox_dir / BOOK_NAME)
        check_revision(cfg, plan)  # a revision that contradicts the ledger: refused before anything changes
        clean_temp(cfg)
        try:
            _run(cfg, plan, scope, inbox, progress, result)
            _finish(cfg, plan, scope, result)
            results_shown(cfg)  # before the reports, so that they are newer than the database
            if after is not None:
                after(result)
        except KeyboardInterrupt:
            if result.saved:
                results_shown(cfg, result.merge_no)  # the next merge or status shows them
                raise KeyboardInterrupt(_saved_text(cfg, result)) from None
            raise
    return result


def _run(cfg: Config, plan: Plan, scope: Scope, inbox: Path, progress: Progress | None,
         result: MergeResult) -> None:
    store = Store.open(db_path(cfg), forms=ledger_forms(cfg))
    try:
        if scope.code and not scope.reopen:
            refuse_published(cfg, store, scope.code)  # before anything is read or written
        held_before, result.interrupted = merge_leftovers(cfg)
        new = _new_files(store, intake_files.collect_files([inbox]), result)
        subs = intake_pool.check_files(list(new), plan, cfg, expected_period=None,
                                       progress=_adapt(progress, len(new))) if new else []
        subs = [_with_hash(s, new[s.path]) for s in subs]
        settle(cfg, store, scope, subs, result.notices)
        _merge(cfg, plan, store, subs, inbox, scope, result, {h["sha256"] for h in held_before})
    finally:
        store.close()
    _copies_under_their_department(result)
    save_held(cfg, [{"name": f.path.name, "sha256": f.sha256, "period": f.period, "department": f.department,
                     "command": scope.correct_command(f.period)}
                    for f in result.files if f.result == msg.RESULT_OTHER_PERIOD])


def _saved_text(cfg: Config, result: MergeResult) -> str:
    accepted = result.saved.count(msg.RESULT_ACCEPTED)
    return msg.LEDGER_INTERRUPTED_SAVED.format(count=len(result.saved), accepted=accepted,
                                               returned=len(result.saved) - accepted, db=db_path(cfg))


def _adapt(progress: Progress | None, total: int):
    """intake's progress callback → ours (done, total); tolerant of the arguments intake passes."""
    if progress is None:
        return None
    done = 0

    def step(*_args, **_kwargs) -> None:
        nonlocal done
        done += 1
        progress(min(done, total), total)

    return step


def _new_files(store: Store, paths: list[Path], result: MergeResult) -> dict[Path, str]:
    """Hash every file; record known ones (by hash, never opened) and duplicates; return the new ones."""
    hashes = {p: sha256_file(p) for p in sorted(paths)}
    known = store.known(set(hashes.values()))
    new: dict[str, Path] = {}
    for path, sha in hashes.items():
        if sha in known:
            row = known[sha]
            result.files.append(FileOutcome(path, sha, msg.RESULT_KNOWN, row["period"] or "", row["department"] or "",
                                            note=msg.LEDGER_KNOWN_NOTE.format(result=row["result"])))
        elif sha in new:
            result.files.append(FileOutcome(path, sha, msg.RESULT_DUPLICATE, note=new[sha].name))
        else:
            new[sha] = path
    return {path: sha for sha, path in new.items()}


def _copies_under_their_department(result: MergeResult) -> None:
    """A byte-identical copy of a file of this merge is counted under that file's department (it was hashed,
    never opened, so only the original says whose it is)."""
    departments = {f.sha256: f.department for f in result.files if f.result != msg.RESULT_DUPLICATE}
    for f in result.files:
        if f.result == msg.RESULT_DUPLICATE:
            f.department = departments.get(f.sha256, "")


def _with_hash(sub: Submission, sha: str) -> Submission:
    """A file intake could not even read has no hash of its own: use the one taken before."""
    if not sub.sha256:
        sub.sha256 = sha
    return sub


def _merge(cfg: Config, plan: Plan, store: Store, subs: list[Submission], inbox: Path, scope: Scope,
           result: MergeResult, held_before: set[str]) -> None:
    received_at, merge_no = now_iso(), store.next_merge_no()
    batch: list[tuple[dict, Submission]] = []
    for sub in subs:
        if scope.holds(sub):
            result.files.append(_held(cfg, sub, scope, sub.sha256 in held_before, result.notices))
        else:
            batch.append((receipt_for(sub, sub.path, inbox, received_at, merge_no), sub))
    batch.sort(key=lambda pair: (order_at(pair[0]), pair[0]["source_sha256"]))
    if not batch:
        return
    returns = _write_returns(cfg, plan, batch, result.notices)
    for version in versions(plan):  # every version the files may name, for rebuild
        snapshot_plan(cfg, version)
    batch = _archive(cfg, batch, result)
    if not batch:
        return
    reopening = scope.reopening_event(any(r["result"] == msg.RESULT_ACCEPTED for r, _ in batch), received_at)
    outcomes = _commit(store, batch, merge_no, received_at,
                       lambda s: record_event(cfg, s, reopening) if reopening else None)
    result.saved, result.changed, result.reopened = [r["result"] for r, _ in batch], True, reopening
    result.merge_no = merge_no
    for (receipt, sub), logged in zip(batch, outcomes, strict=True):
        result.files.append(_outcome(receipt, sub, logged, returns.get(receipt["source_sha256"]), store, scope))


def _held(cfg: Config, sub: Submission, scope: Scope, held_before: bool, notices: list[str]) -> FileOutcome:
    """A file of another period (or of a published year): left in inbox/, not logged (ledger.scope)."""
    note, notice = held_note(cfg, sub, scope, held_before, notices)
    ident = sub.identity
    return FileOutcome(sub.path, sub.sha256, msg.RESULT_OTHER_PERIOD, ident.period, ident.department, note=note,
                       notice_path=notice)


def _write_returns(cfg: Config, plan: Plan, batch: list[tuple[dict, Submission]],
                   notices: list[str]) -> dict[str, Path]:
    """差戻し workbooks for refused and unreadable files, written before anything is committed."""
    refused = [sub for receipt, sub in batch if receipt["result"] != msg.RESULT_ACCEPTED]
    if not refused:
        return {}
    from sheetflow.intake import returns

    written = {}
    taken: set[Path] = set()  # two refused files of one department (or one name) never share a return file
    for sub in refused:
        try:
            written[sub.sha256] = returns.write_return(sub, plan, cfg, taken=taken)
        except FileInUse as exc:  # a 差戻し file open in Excel never blocks the other departments
            notices.extend(msg.LEDGER_RETURN_IN_USE.format(path=p) for p in exc.paths)
    return written


def _archive(cfg: Config, batch: list[tuple[dict, Submission]], result: MergeResult):
    """Copy accepted originals (byte for byte) and write every receipt; drop files changed meanwhile."""
    kept = []
    for receipt, sub in batch:
        if receipt["result"] == msg.RESULT_ACCEPTED:
            data = sub.path.read_bytes()
            if hashlib.sha256(data).hexdigest() != receipt["source_sha256"]:  # saved again meanwhile
                result.notices.append(msg.LEDGER_FILE_CHANGED.format(name=sub.path.name))
                continue
            keep_original(cfg, receipt["source_sha256"], data)
        write_receipt(cfg, receipt)
        kept.append((receipt, sub))
    return kept


def _commit(store: Store, batch: list[tuple[dict, Submission]], merge_no: int, at: str,
            also: Callable[[Store], None]) -> list[str]:
    """One transaction: every file of the batch, the merge counter, `also` (a reopening), the flags."""
    try:
        with store.transaction():
            logged = []
            for receipt, sub in batch:
                accepted = receipt["result"] == msg.RESULT_ACCEPTED
                logged.append(apply_receipt(store, receipt, ledger_rows(store, sub, receipt) if accepted else None))
                apply_council(store, receipt, sub)
            also(store)
            store.set_meta("merge_no", str(merge_no))
            store.set_meta("last_merge_at", at)
            store.set_meta("book_stale", "1")
            store.set_meta(UNSHOWN_KEY, str(merge_no))  # cleared once the results were returned
    except Exception as exc:
        import sqlite3

        if isinstance(exc, sqlite3.Error):
            raise msg.UserError(msg.LEDGER_DB_FAILED.format(path=store.path, error=exc)) from exc
        raise
    return logged


def _outcome(receipt: dict, sub: Submission, logged: str, return_path: Path | None,
             store: Store, scope: Scope) -> FileOutcome:
    note = ""
    if logged == msg.RESULT_ACCEPTED_OLD:
        live = store.live_submission(receipt["period"], receipt["department"])
        note = msg.LEDGER_OLDER_FILE.format(name=sub.path.name, newer=live["source_name"] if live else "")
    elif logged == msg.RESULT_ACCEPTED and (scope.finished(receipt["period"]) or scope.reopening):
        note = "".join(_replaced(row) for row in store.replaced_by(receipt["source_sha256"]))
    return FileOutcome(sub.path, receipt["source_sha256"], logged, receipt["period"], receipt["department"],
                       receipt["errors"], receipt["warnings"], note, return_path,
                       finding_lines(sub, (ERROR, WARNING)))


def _replaced(row) -> str:
    """One accepted submission of a finished (or reopened) period that this file replaced."""
    return msg.LEDGER_REPLACES.format(period=parse_period(row["period"]).label_with_code, dept=row["department"],
                                      name=row["source_name"], received=when_text(row["received_at"]))


def _finish(cfg: Config, plan: Plan, scope: Scope, result: MergeResult) -> None:
    """Rewrite ledger.xlsx when needed, then work out the 未提出 lists."""
    store = Store.open(db_path(cfg))
    try:
        stale = store.meta("book_stale") == "1"
        created = store.meta("last_merge_at")
        result.counts_rows = {name: store.count(table) for name, table in (
            ("current", "current"), ("kpis", "current_kpis"), ("history", "history"), ("log", "submissions"))}
    finally:
        store.close()
    ledger = Ledger(db_path(cfg))
    path = cfg.outbox_dir / BOOK_NAME
    if stale or (ledger.periods() and not path.exists()):
        try:
            write_book(cfg, plan, ledger, path, datetime.fromisoformat(created) if created else None)
        except FileInUse as exc:  # committed: the book stays flagged stale, the next merge rewrites it
            result.stale.extend(exc.paths)
        else:
            mark_book_written(cfg)
            result.ledger_path = path
    result.periods = scope.report_periods(ledger.periods())
    result.recipients = len(plan.recipients())
    log = ledger.submissions()  # read once for every period's status
    result.status = {p: submission_status(log, plan, p) for p in result.periods}
    result.missing = {p: missing_departments(t) for p, t in result.status.items()}


def summary_counts(result: MergeResult) -> dict[str, Counter]:
    """department → Counter of results (for the per-department summary lines)."""
    out: dict[str, Counter] = {}
    for f in result.files:
        out.setdefault(f.department, Counter())[f.result] += 1
    return out
