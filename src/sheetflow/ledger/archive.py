"""The archive (outbox/archive/): accepted originals by sha256, receipts, plan snapshots; temp-file cleanup.

The archive is the ledger's ground truth: `<sha256>.xlsx` is the department's file byte for byte (never
changed, never deleted), `<sha256>.json` its receipt; `returned/<sha256>.json` are the receipts of
returned and unreadable files (the files themselves are not kept); `plans/<id>-v<version>.yaml` the plan
the files were checked against, so that a rebuild can re-read them even after a plan revision;
`events/*.json` each publication of a year and each reopening of a published one (ledger.periods).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.ground.config import Config
from sheetflow.ground.files import atomic_write_bytes
from sheetflow.ledger.apply import replay_key
from sheetflow.ledger.store import Store, db_path
from sheetflow.plan.model import Plan
from sheetflow.plan.versions import snapshot_path


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def archive_dir(cfg: Config) -> Path:
    return cfg.outbox_dir / "archive"


def clean_temp(cfg: Config) -> None:
    """Remove temp files a killed merge left behind (only ever called while holding the lock)."""
    folders = (cfg.outbox_dir, archive_dir(cfg), archive_dir(cfg) / "returned", archive_dir(cfg) / "plans",
               archive_dir(cfg) / "events", cfg.outbox_dir / "backup")
    for folder in folders:
        for tmp in folder.glob(".*.tmp") if folder.is_dir() else ():
            tmp.unlink(missing_ok=True)


def keep_original(cfg: Config, sha: str, data: bytes) -> None:
    """The accepted original, written once (temp + rename) and never touched again."""
    target = archive_dir(cfg) / f"{sha}.xlsx"
    if not target.is_file():
        atomic_write_bytes(target, data)


def write_receipt(cfg: Config, receipt: dict) -> None:
    """A receipt: next to the original when accepted, under returned/ otherwise.

    Only ever called for a file the database does not know yet, so an existing receipt can only be
    left over from a merge that did not reach its commit: it is rewritten.
    """
    folder = archive_dir(cfg) if receipt["result"] == msg.RESULT_ACCEPTED else archive_dir(cfg) / "returned"
    data = json.dumps(receipt, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    atomic_write_bytes(folder / f"{receipt['source_sha256']}.json", data)


def read_receipts(cfg: Config) -> list[dict]:
    """Every receipt in the archive (accepted and returned), in replay order."""
    folder = archive_dir(cfg)
    receipts = []
    for path in [*sorted(folder.glob("*.json")), *sorted((folder / "returned").glob("*.json"))]:
        try:
            receipts.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            raise msg.DataError(msg.LEDGER_REBUILD_BAD_RECEIPT.format(path=path, error=exc)) from exc
    return sorted(receipts, key=replay_key)


def snapshot_plan(cfg: Config, plan: Plan) -> None:
    """Keep the plan the files were checked against (once per plan id and version)."""
    target = snapshot_path(cfg, plan.id, plan.version)
    if plan.path is not None and plan.path.is_file() and not target.is_file():
        atomic_write_bytes(target, plan.path.read_bytes())


def mark_book_written(cfg: Config) -> None:
    """ledger.xlsx now matches the database (the flag is set by every transaction that changes it)."""
    store = Store.open(db_path(cfg))
    try:
        with store.transaction():
            store.set_meta("book_stale", "0")
    finally:
        store.close()
