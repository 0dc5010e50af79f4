"""The master ledger: read access for later stages, submission status, and last period's answers.

Where things live (outbox/):
- archive/<sha256>.xlsx + .json — every accepted original, byte for byte, with its receipt: the truth.
- archive/returned/<sha256>.json — receipts of returned and unreadable files (the files are not kept).
- ledger.sqlite — the index built from the archive (current rows, history, submission log).
- ledger.xlsx — the auditors' view, rewritten after every merge that changed something.

Writing is done by ledger.merge (merge_inbox) and ledger.rebuild (rebuild_ledger); this module only reads.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd

from sheetflow import messages as msg
from sheetflow.forms.model import PreviousAnswers
from sheetflow.ground.config import Config
from sheetflow.ground.periods import Period, parse_period
from sheetflow.ledger.apply import kpi_sort_key
from sheetflow.ledger.store import LOG_COLS, REPLACED_COLS, Store, db_path, period_code
from sheetflow.ledger.tables import (
    LEDGER_FIELDS,
    LEDGER_KPI_FIELDS,
    MISSING,
    RESUBMITTED,
    RETURNED,
    STATUS_FIELDS,
    SUBMISSION_LOG_FIELDS,
    SUBMITTED,
)
from sheetflow.plan.model import Plan

ACCEPTED_RESULTS = (msg.RESULT_ACCEPTED, msg.RESULT_ACCEPTED_OLD)
_LOG_EXTRA = ["source_path", "saved_at", "size", "plan_id", "plan_version", "format_version"]



class Ledger:
    """Read-only view of ledger.sqlite; every method returns a fresh DataFrame (empty when no ledger)."""

    def __init__(self, path: Path):
        self.path = path

    @property
    def exists(self) -> bool:
        return self.path.is_file()

    def _query(self, sql: str, params: tuple, columns: list[str]) -> pd.DataFrame:
        if not self.exists:
            return pd.DataFrame(columns=columns)
        store = Store.open(self.path, create=False)
        try:
            rows = [dict(r) for r in store.rows(sql, params)]
        finally:
            store.close()
        return pd.DataFrame(rows, columns=columns)

    def _where_period(self, period: Period | str | None) -> tuple[str, tuple]:
        code = period_code(period)
        return ("WHERE period = ?", (code,)) if code else ("", ())

    def current(self, period: Period | str | None = None) -> pd.DataFrame:
        """One row per (period, item no): LEDGER_FIELDS."""
        where, params = self._where_period(period)
        cols = LEDGER_FIELDS
        return self._query(f"SELECT {', '.join(cols)} FROM current {where} ORDER BY period, no", params, cols)

    def current_kpis(self, period: Period | str | None = None) -> pd.DataFrame:
        """One row per (period, KPI key): LEDGER_KPI_FIELDS."""
        where, params = self._where_period(period)
        cols = LEDGER_KPI_FIELDS
        df = self._query(f"SELECT {', '.join(cols)} FROM current_kpis {where}", params, cols)
        return _sort_kpis(df)

    def history(self) -> pd.DataFrame:
        """Superseded report rows (LEDGER_FIELDS + replaced_at, replaced_by), oldest move first."""
        cols = [*LEDGER_FIELDS, *REPLACED_COLS]
        return self._query(f"SELECT {', '.join(cols)} FROM history ORDER BY seq", (), cols)

    def history_kpis(self) -> pd.DataFrame:
        cols = [*LEDGER_KPI_FIELDS, *REPLACED_COLS]
        return self._query(f"SELECT {', '.join(cols)} FROM history_kpis ORDER BY seq", (), cols)

    def submissions(self) -> pd.DataFrame:
        """Every file ever seen, in the order processed: SUBMISSION_LOG_FIELDS (+ path, saved_at, size…)."""
        cols = [*SUBMISSION_LOG_FIELDS, *_LOG_EXTRA]
        return self._query(f"SELECT {', '.join(cols)} FROM submissions ORDER BY seq", (), cols)

    def periods(self) -> list[str]:
        """Period codes with any row or logged file, oldest first."""
        df = self._query("SELECT period FROM current UNION SELECT period FROM submissions", (), ["period"])
        codes = {str(p) for p in df["period"] if p}
        return sorted(codes, key=lambda c: parse_period(c))

    def table(self, name: str) -> pd.DataFrame:
        """A whole database table in storage order (tests compare live and rebuilt ledgers with it)."""
        cols = {"submissions": ["seq", *LOG_COLS]}.get(name)
        if cols is None and self.exists:
            store = Store.open(self.path, create=False)
            try:
                cols = [r[1] for r in store.rows(f"PRAGMA table_info({name})")]
            finally:
                store.close()
        order = "seq" if name.startswith("history") or name == "submissions" else "1, 2"
        return self._query(f"SELECT * FROM {name} ORDER BY {order}", (), cols or [])


def _sort_kpis(df: pd.DataFrame) -> pd.DataFrame:
    if df.empty:
        return df
    order = sorted(range(len(df)), key=lambda i: (str(df["period"].iat[i]), kpi_sort_key(str(df["kpi_key"].iat[i]))))
    return df.iloc[order].reset_index(drop=True)


def open_ledger(cfg: Config) -> Ledger:
    """The workspace's ledger (outbox/ledger.sqlite); empty frames when nothing was merged yet."""
    return Ledger(db_path(cfg))


# --- submission status -----------------------------------------------------------------------------
def submission_status(ledger_or_state: Ledger | Config | pd.DataFrame, plan: Plan,
                      period: Period | str) -> pd.DataFrame:
    """One row per plan.recipients() department: STATUS_FIELDS.

    提出済: one accepted file; 再提出: more than one accepted, or accepted after a returned one;
    差戻し: only returned files; 未提出: none. A per-部 form counts for every 課 of that 部.
    """
    code = period_code(period)
    by_unit: dict[str, list[tuple[datetime, str]]] = {}
    for r in _log_frame(ledger_or_state).to_dict("records"):
        if r["period"] == code and r["department"]:
            by_unit.setdefault(r["department"], []).append((datetime.fromisoformat(r["received_at"]), r["result"]))
    rows = []
    for dept in plan.recipients():
        files = sorted(f for unit in {dept.key, dept.bu} - {""} for f in by_unit.get(unit, []))
        rows.append(_status_row(code, dept.key, files))
    return pd.DataFrame(rows, columns=STATUS_FIELDS)


def _log_frame(source: Ledger | Config | pd.DataFrame) -> pd.DataFrame:
    if isinstance(source, pd.DataFrame):
        return source
    ledger = open_ledger(source) if isinstance(source, Config) else source
    return ledger.submissions()


def _status_row(period: str, key: str, files: list[tuple[datetime, str]]) -> dict:
    """files: (received_at, result) of the department's files for the period, oldest first."""
    accepted = [t for t, result in files if result in ACCEPTED_RESULTS]
    returned = [t for t, result in files if result == msg.RESULT_RETURNED]
    if len(accepted) > 1 or (accepted and any(t < accepted[0] for t in returned)):
        word = RESUBMITTED
    else:
        word = SUBMITTED if accepted else RETURNED if returned else MISSING
    return {"period": period, "department": key, "status": word,
            "first_received": files[0][0] if files else None, "last_received": files[-1][0] if files else None,
            "accepted_files": len(accepted), "returned_files": len(returned)}


def missing_departments(status: pd.DataFrame) -> list[str]:
    """Departments of a submission_status table without an accepted file (未提出 or only 差戻し)."""
    return [d for d, s in zip(status["department"], status["status"], strict=True)
            if s in (MISSING, RETURNED)]


# --- carry forward -----------------------------------------------------------------------------------
def previous_answers(cfg: Config, plan: Plan, period: Period | str, department_key: str) -> PreviousAnswers | None:
    """Last period's current answers for the items of one form unit (a 課 key or a 部 name).

    None when there is no ledger yet. Rows of another plan (the previous plan's numbering) are ignored.
    """
    ledger = open_ledger(cfg)
    if not ledger.exists:
        return None
    prev = (period if isinstance(period, Period) else parse_period(str(period))).previous()
    nos = {i.no for i in plan.items if i.owner is not None and department_key in (i.owner.key, i.owner.bu)}
    cur = ledger.current(prev)
    cur = cur[(cur["plan_id"] == plan.id) & cur["no"].isin(nos)]
    kpis = ledger.current_kpis(prev)
    kpis = kpis[(kpis["plan_id"] == plan.id) & kpis["no"].isin(nos)]
    return PreviousAnswers(
        period=prev.code,
        reports={int(r["no"]): (r["status"] or "", r["result"] or "") for r in cur.to_dict("records")},
        kpis={str(k["kpi_key"]): (None if pd.isna(k["actual"]) else float(k["actual"]))
              for k in kpis.to_dict("records")})


# --- writing (merge.py) --------------------------------------------------------------------------------
