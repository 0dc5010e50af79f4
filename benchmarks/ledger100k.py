"""A ledger database with 100,000 current rows (plus their KPI rows and one submission per department
and period), written with sheetflow's own Store, for measuring ledger.xlsx's peak memory.

The ledger is ten periods (five fiscal years) of a plan of its own with rows / 10 items (10,000 for the
full size: 500 課 × 20), whatever the size of the main benchmark's plan, so that the figure is the
writer's and comparable between runs."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from workload import make_workspace

from sheetflow import __version__
from sheetflow import messages as msg
from sheetflow.ground.periods import parse_period
from sheetflow.ledger.store import LOG_COLS, Store
from sheetflow.plan.model import Plan

ROWS = 100_000
TEXT = "関係課と協議し、実施方針を整理した。計画どおり事業を実施した。"


def build(folder: Path, rows: int = ROWS, periods: int = 10) -> int:
    """folder/ as a workspace whose outbox/ledger.sqlite holds `rows` current rows; returns rows."""
    if folder.exists():
        shutil.rmtree(folder)
    plan = make_workspace(folder, -(-rows // (periods * 20)), 20).plan
    (folder / "outbox").mkdir(parents=True)
    store = Store.open(folder / "outbox" / "ledger.sqlite")
    try:
        with store.transaction():
            _fill(store, plan, rows)
            store.set_meta("book_stale", "1")
    finally:
        store.close()
    return rows


def _periods(count: int) -> list[str]:
    period, out = parse_period("2025H1"), []
    for _ in range(count):
        out.append(period.code)
        period = period.next()
    return out


def _fill(store: Store, plan: Plan, rows: int) -> None:
    """Rows of every item of the plan, period after period (2025H1, 2025H2, …) until there are enough."""
    items = list(plan.items)
    done = 0
    for n, period in enumerate(_periods(-(-rows // len(items)))):
        shas: dict[str, str] = {}
        for item in items:
            if done == rows:
                return
            dept = item.owner.key
            if dept not in shas:
                shas[dept] = hashlib.sha256(f"{period}{dept}".encode()).hexdigest()
                store.log(_log(period, dept, shas[dept], n))
            base = _provenance(period, dept, shas[dept], plan)
            report = {**base, "no": item.no, "status": "順調", "result": TEXT, "issues": "", "reporter": "佐藤",
                      "phone": "2001", "revenue": 1200, "saving": None, "basis": "", "grade": "", "response": ""}
            store.insert("current", list(report), report)
            for kpi in item.kpis:
                row = {**base, "kpi_key": kpi.key, "no": item.no, "kpi": kpi.name, "unit": kpi.unit, "actual": 12.5,
                       "remark": ""}
                store.insert("current_kpis", list(row), row)
            done += 1


def _provenance(period: str, dept: str, sha: str, plan: Plan) -> dict:
    return {"period": period, "department": dept, "source_sha256": sha, "source_name": f"{dept}.xlsx",
            "file_mtime": "2025-10-20T10:00:00.000000+09:00", "merged_at": "2025-10-31T17:00:00.000000+09:00",
            "form_generated_at": "2025-10-01T09:00:00+09:00", "format_version": "1", "plan_id": plan.id,
            "plan_version": plan.version, "sheetflow_version": __version__}


def _log(period: str, dept: str, sha: str, n: int) -> dict:
    record = {c: "" for c in LOG_COLS}
    record.update({"source_sha256": sha, "source_name": f"{dept}.xlsx", "received_at": "2025-10-31T17:00:00.000000+09:00",
                   "file_mtime": "2025-10-20T10:00:00.000000+09:00", "period": period, "department": dept,
                   "result": msg.RESULT_ACCEPTED, "errors": 0, "warnings": 0,
                   "form_generated_at": "2025-10-01T09:00:00+09:00", "saved_at": "", "size": 20000,
                   "order_at": "2025-10-20T01:00:00.000000", "merge_no": n + 1, "format_version": "1",
                   "plan_id": "", "plan_version": None, "sheetflow_version": __version__, "live": 1})
    return record
