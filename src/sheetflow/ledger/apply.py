"""Merge semantics: receipts, log records, and how one accepted file changes the current rows.

Order rule: the files of one (period, department) are ordered by (saved_at, else file mtime; then the
merge number (= receipt order); then sha256). The latest in that order is the department's *live*
file: its rows are current; every other accepted file's rows are in history. A file older than the
live one goes straight to history (logged 受理（旧版）). Where two form units report the same item (a
per-部 form and a per-課 form), the later file in the same order wins the item.

A merge and a rebuild both go through `receipt_for` / `apply_receipt`, so replaying the receipts in
`replay_key` order reproduces the live database exactly.
"""

from __future__ import annotations

import math
from pathlib import Path

from sheetflow import __version__
from sheetflow import messages as msg
from sheetflow.ground.findings import ERROR, WARNING
from sheetflow.intake.model import Submission
from sheetflow.ledger.store import Store, to_iso, utc_key

TABLES = (("current", "no"), ("current_kpis", "kpi_key"))  # ledger table, its key column


def intake_result(sub: Submission) -> str:
    if not sub.readable:
        return msg.RESULT_UNREADABLE
    return msg.RESULT_ACCEPTED if sub.accepted else msg.RESULT_RETURNED


def receipt_for(sub: Submission, path: Path, inbox: Path, received_at: str, merge_no: int) -> dict:
    """What the archive keeps about one file (JSON next to the archived original)."""
    ident = sub.identity
    try:
        rel = path.resolve().relative_to(inbox.resolve()).as_posix()
    except ValueError:
        rel = path.name
    return {
        "source_sha256": sub.sha256, "source_name": path.name, "source_path": rel,
        "file_mtime": to_iso(sub.mtime), "saved_at": to_iso(sub.saved_at, naive_is_utc=True),
        "size": int(sub.size), "received_at": received_at, "merge_no": merge_no,
        "result": intake_result(sub),
        "errors": sum(1 for f in sub.findings if f.severity == ERROR),
        "warnings": sum(1 for f in sub.findings if f.severity == WARNING),
        "period": ident.period if ident else "", "department": ident.department if ident else "",
        "form_generated_at": ident.generated_at if ident else "",
        "format_version": ident.format_version if ident else "", "plan_id": ident.plan_id if ident else "",
        "plan_version": int(ident.plan_version) if ident else None,
        "sheetflow_version": ident.sheetflow_version if ident else "",
        "merged_by": __version__,
    }


def order_at(receipt: dict) -> str:
    return utc_key(receipt.get("saved_at") or receipt.get("file_mtime") or "")


def replay_key(receipt: dict) -> tuple:
    """Processing order, the same in a live merge and in a rebuild."""
    return (int(receipt["merge_no"]), order_at(receipt), receipt["source_sha256"])


def _unit_key(row) -> tuple:
    """Position of a logged file in the order rule (row: sqlite Row or dict)."""
    return (row["order_at"], int(row["merge_no"]), row["source_sha256"])


def log_record(receipt: dict) -> dict:
    return {**{k: receipt.get(k) for k in receipt}, "order_at": order_at(receipt), "live": 0}


def provenance(receipt: dict) -> dict:
    return {"source_sha256": receipt["source_sha256"], "source_name": receipt["source_name"],
            "file_mtime": receipt["file_mtime"], "merged_at": receipt["received_at"],
            "form_generated_at": receipt["form_generated_at"], "format_version": receipt["format_version"],
            "plan_id": receipt["plan_id"], "plan_version": receipt["plan_version"],
            "sheetflow_version": receipt["sheetflow_version"]}


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _number(value: object) -> float | None:
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else number


def _whole(value: object) -> int | None:
    """An INTEGER column's value (intake accepted only whole numbers there: No., 効果額, 整数 fields)."""
    number = _number(value)
    return None if number is None else int(number)


_STORED = {"INTEGER": _whole, "REAL": _number}  # by the column's declared type; any other is text


def _stored(types: dict[str, str], base: dict, values: dict) -> dict:
    """One ledger row: every column of the table, from the file's provenance or the row's values."""
    return {c: base[c] if c in base else _STORED.get(t, _text)(values.get(c)) for c, t in types.items()}


def ledger_rows(store: Store, sub: Submission, receipt: dict) -> tuple[list[dict], list[dict]]:
    """The file's report rows and KPI rows as rows of the store's tables (with provenance), in key order:
    every column the table has, each value stored as the column's type says."""
    base = {"period": receipt["period"], "department": receipt["department"], **provenance(receipt)}
    reports = [_stored(store.types("current"), base, r) for _, r in sub.report_rows]
    kpis = [_stored(store.types("current_kpis"), base, k) for _, k in sub.kpi_rows]
    reports.sort(key=lambda r: r["no"])
    kpis.sort(key=lambda r: kpi_sort_key(r["kpi_key"]))
    return reports, kpis


def kpi_sort_key(key: str) -> tuple:
    parts = key.split("-")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def apply_receipt(store: Store, receipt: dict, rows: tuple[list[dict], list[dict]] | None) -> str:
    """Log one file; for an accepted file also update current / history. Returns the logged result."""
    record = log_record(receipt)
    if receipt["result"] != msg.RESULT_ACCEPTED or rows is None:
        store.log(record)
        return record["result"]
    at, sha = receipt["received_at"], receipt["source_sha256"]
    live = store.live_submission(receipt["period"], receipt["department"])
    if live is not None and _unit_key(live) > _unit_key(record):
        record["result"] = msg.RESULT_ACCEPTED_OLD
        store.log(record)
        for (table, _), table_rows in zip(TABLES, rows, strict=True):
            for row in table_rows:
                store.insert_history(table, list(row), row, at, live["source_sha256"])
        return record["result"]
    store.log({**record, "live": 1})
    if live is not None:
        for table, key_col in TABLES:
            store.retire_source(table, list(store.types(table)), key_col, live["source_sha256"], at, sha)
        store.set_live(live["source_sha256"], 0)
    for (table, key_col), table_rows in zip(TABLES, rows, strict=True):
        for row in table_rows:
            _place(store, table, list(row), key_col, row, record, at)
    return record["result"]


def _place(store: Store, table: str, cols: list[str], key_col: str, row: dict, record: dict, at: str) -> None:
    """Put one row in current, unless another unit's later file already holds that key."""
    existing = store.current_row(table, row["period"], key_col, row[key_col])
    if existing is not None:
        holder = store.submission(existing["source_sha256"])
        if holder is not None and _unit_key(holder) > _unit_key(record):
            store.insert_history(table, cols, row, at, holder["source_sha256"])
            return
        store.retire_row(table, cols, key_col, row["period"], row[key_col], at, record["source_sha256"])
    store.insert(table, cols, row)
