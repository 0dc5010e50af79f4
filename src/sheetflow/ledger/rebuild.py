"""`sheetflow rebuild`: ledger.sqlite and ledger.xlsx recreated from the archive alone.

Receipts are replayed in the order the merges processed them (ledger_apply.replay_key) through the same
apply_receipt a merge uses, each accepted original re-read with intake.read_submission (with the plan
it was checked against), so the result equals the live ledger; the publications and reopenings come back
from archive/events/. The new database is built beside the old
one and swapped in with one rename; the old one is kept in outbox/backup/. If any archived file no
longer reads as accepted, the rebuild stops and nothing is replaced.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.ground.config import Config
from sheetflow.intake.model import Submission
from sheetflow.ledger.apply import apply_receipt, ledger_rows
from sheetflow.ledger.archive import (
    archive_dir,
    clean_temp,
    mark_book_written,
    read_receipts,
)
from sheetflow.ledger.book import backup, preflight, write_book
from sheetflow.ledger.council import apply_council
from sheetflow.ledger.lock import LOCK_NAME, Lock
from sheetflow.ledger.periods import archived_events
from sheetflow.ledger.query import Ledger
from sheetflow.ledger.store import BOOK_NAME, Store, db_path
from sheetflow.ledger.tables import ledger_forms
from sheetflow.plan.load import load_plan
from sheetflow.plan.model import Plan
from sheetflow.plan.versions import snapshot_path

Progress = Callable[[int, int], None]


@dataclass
class RebuildResult:
    accepted: int  # accepted originals re-read
    returned: int  # receipts of returned / unreadable files replayed
    ledger_path: Path
    notices: list[str] = field(default_factory=list)


def rebuild_ledger(cfg: Config, plan: Plan, progress: Progress | None = None) -> RebuildResult:
    """Recreate ledger.sqlite and ledger.xlsx from the archive and its receipts alone."""
    notices: list[str] = []
    with Lock(cfg.outbox_dir / LOCK_NAME, notice=notices.append):
        preflight(cfg.outbox_dir / BOOK_NAME)
        clean_temp(cfg)
        receipts = read_receipts(cfg)
        target = db_path(cfg)
        tmp = target.with_name(f".{target.name}.rebuild")
        for stale in (tmp, tmp.with_name(tmp.name + "-journal")):
            stale.unlink(missing_ok=True)
        store = Store.open(tmp, forms=ledger_forms(cfg))
        try:
            _replay(cfg, plan, store, receipts, progress)
        except BaseException:
            store.close()
            tmp.unlink(missing_ok=True)
            raise
        store.close()
        backup(target, cfg.outbox_dir / "backup", cfg.keep_backups)
        os.replace(tmp, target)
        created = max((r["received_at"] for r in receipts), default=None)
        path = write_book(cfg, plan, Ledger(target), cfg.outbox_dir / BOOK_NAME,
                          datetime.fromisoformat(created) if created else None)
        mark_book_written(cfg)
    accepted = sum(1 for r in receipts if r["result"] == msg.RESULT_ACCEPTED)
    return RebuildResult(accepted, len(receipts) - accepted, path, notices)


def _replay(cfg: Config, plan: Plan, store: Store, receipts: list[dict], progress: Progress | None) -> None:
    plans = {(plan.id, plan.version): plan}
    with store.transaction():
        for n, receipt in enumerate(receipts, start=1):
            sub = None
            if receipt["result"] == msg.RESULT_ACCEPTED:
                sub = _reread(cfg, _plan_for(cfg, receipt, plans, plan), receipt)
            apply_receipt(store, receipt, None if sub is None else ledger_rows(store, sub, receipt))
            apply_council(store, receipt, sub)
            if progress:
                progress(n, len(receipts))
        for event in archived_events(cfg):  # publications and reopenings
            store.add_event(event)
        if receipts:
            store.set_meta("merge_no", str(max(int(r["merge_no"]) for r in receipts)))
            store.set_meta("last_merge_at", max(r["received_at"] for r in receipts))
        store.set_meta("book_stale", "1")


def _plan_for(cfg: Config, receipt: dict, plans: dict, default: Plan) -> Plan:
    """The plan a file was made for: the one in use, or the snapshot kept when it was merged."""
    key = (receipt.get("plan_id"), receipt.get("plan_version"))
    if key not in plans:
        snap = snapshot_path(cfg, str(key[0]), int(key[1] or 0))
        plans[key] = load_plan(snap) if snap.is_file() else default
    return plans[key]


def _reread(cfg: Config, plan: Plan, receipt: dict) -> Submission:
    """An archived accepted file read again; it must still read as accepted, or nothing is replaced."""
    from sheetflow.intake import read as intake

    path = archive_dir(cfg) / f"{receipt['source_sha256']}.xlsx"
    sub = intake.read_submission(path, plan, cfg, expected_period=None)
    if not sub.accepted:
        reason = sub.errors[0].message if sub.errors else ""
        raise msg.DataError(msg.LEDGER_REBUILD_UNREADABLE.format(path=path, reason=reason))
    return sub
