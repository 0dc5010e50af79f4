"""The master ledger: read access for later stages, submission status, and last period's answers.

Where things live (outbox/):
- archive/<sha256>.xlsx + .json — every accepted original, byte for byte, with its receipt: the truth.
- archive/returned/<sha256>.json — receipts of returned and unreadable files (the files are not kept).
- ledger.sqlite — the index built from the archive (current rows, history, submission log).
- ledger.xlsx — the auditors' view, rewritten after every merge that changed something.

Writing is done by ledger.merge (merge_inbox) and ledger.rebuild (rebuild_ledger); this module only reads.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sheetflow.ground.config import Config
from sheetflow.ground.periods import Period, parse_period
from sheetflow.ledger.apply import kpi_sort_key
from sheetflow.ledger.status import status_rows
from sheetflow.ledger.store import LOG_COLS, Store, db_path, names, period_code
from sheetflow.ledger.tables import (
    LEDGER_FIELDS,
    LEDGER_KPI_FIELDS,
    MISSING,
    REPLACED_COLS,
    RETURNED,
    STATUS_FIELDS,
    SUBMISSION_LOG_FIELDS,
    in_order,
)
from sheetflow.plan.model import Plan

_LOG_EXTRA = ["source_path", "saved_at", "size", "plan_id", "plan_version", "format_version"]
_DEFAULTS = {"current": LEDGER_FIELDS, "current_kpis": LEDGER_KPI_FIELDS}
_FIELD_TABLES = ("current", "current_kpis", "history", "history_kpis")



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

    def columns(self, table: str) -> list[str]:
        """The columns of current / current_kpis / history / history_kpis as the database has them (every
        field it stores), in tables.in_order; the built-in form's without a ledger."""
        if not self.exists:
            return [*_DEFAULTS[table.replace("history", "current")], *(REPLACED_COLS if "history" in table else ())]
        store = Store.open(self.path, create=False)
        try:
            return in_order(table, store.types(table))
        finally:
            store.close()

    def _fields(self, table: str, rest: str = "", params: tuple = ()) -> pd.DataFrame:
        cols = self.columns(table)
        return self._query(f"SELECT {names(cols)} FROM {table} {rest}", params, cols)

    def _where_period(self, period: Period | str | None) -> tuple[str, tuple]:
        code = period_code(period)
        return ("WHERE period = ?", (code,)) if code else ("", ())

    def current(self, period: Period | str | None = None) -> pd.DataFrame:
        """One row per (period, item no): LEDGER_FIELDS and every field the workspace defined."""
        where, params = self._where_period(period)
        return self._fields("current", f"{where} ORDER BY period, no", params)

    def current_kpis(self, period: Period | str | None = None) -> pd.DataFrame:
        """One row per (period, KPI key): LEDGER_KPI_FIELDS and every KPI field the workspace defined."""
        where, params = self._where_period(period)
        return _sort_kpis(self._fields("current_kpis", where, params))

    def history(self) -> pd.DataFrame:
        """Superseded report rows (the columns of current() + replaced_at, replaced_by), oldest move first."""
        return self._fields("history", "ORDER BY seq")

    def history_kpis(self) -> pd.DataFrame:
        return self._fields("history_kpis", "ORDER BY seq")

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
        """A whole database table in storage order (tests compare live and rebuilt ledgers with it); the
        tables of fields with their columns in_order (a migrated ledger added its new fields last)."""
        cols = {"submissions": ["seq", *LOG_COLS]}.get(name)
        if cols is None and self.exists:
            store = Store.open(self.path, create=False)
            try:
                cols = list(store.types(name))
            finally:
                store.close()
            if name in _FIELD_TABLES:
                cols = [c for c in ("seq",) if c in cols] + in_order(name, cols)
        order = "seq" if name.startswith("history") or name == "submissions" else "1, 2"
        return self._query(f"SELECT {names(cols or [])} FROM {name} ORDER BY {order}", (), cols or [])


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
    """One row per plan.recipients() department: STATUS_FIELDS (see ledger.status.status_rows)."""
    return pd.DataFrame(status_rows(_log_frame(ledger_or_state).to_dict("records"), plan, period),
                        columns=STATUS_FIELDS)


def _log_frame(source: Ledger | Config | pd.DataFrame) -> pd.DataFrame:
    if isinstance(source, pd.DataFrame):
        return source
    ledger = open_ledger(source) if isinstance(source, Config) else source
    return ledger.submissions()


def missing_departments(status: pd.DataFrame) -> list[str]:
    """Departments of a submission_status table without an accepted file (未提出 or only 差戻し)."""
    return [d for d, s in zip(status["department"], status["status"], strict=True)
            if s in (MISSING, RETURNED)]
