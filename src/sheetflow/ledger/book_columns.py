"""The columns of ledger.xlsx's sheets: for each sheet one list of `Column`s, each a header with its printed
width and how its value is read from a database row, so that a header never comes without its value. The
defined fields' columns come from the definitions whose fields the ledger stores (ledger.tables.ledger_forms);
ledger.book pairs these lists with the rows and writes the workbook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import Field
from sheetflow.ground.config import Config
from sheetflow.ground.periods import japan_time, parse_period
from sheetflow.ledger.tables import ledger_forms, stored_fields
from sheetflow.plan.model import Kpi, Plan
from sheetflow.plan.versions import issued_plan

# widths (Excel character units) chosen so that every column prints: long texts wrap, SHA-256 wraps in 4 lines
WHEN = 21  # a time in 和暦 (令和7年12月31日 14:05) shows whole, never as ####
_PROV_WIDTHS = (11, 14, WHEN, WHEN, WHEN, 5, 7, 10)


def _dt(value: object) -> datetime | None:
    """ISO text (any offset) → naive Japan time for an Excel date cell; None when empty."""
    if value is None or value == "" or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        stamp = value.to_pydatetime()
    elif isinstance(value, datetime):
        stamp = value
    else:
        try:
            stamp = datetime.fromisoformat(str(value))
        except ValueError:
            return None
    return japan_time(stamp).replace(microsecond=0)


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _num(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _label(code: str) -> str:
    try:
        return parse_period(code).label
    except ValueError:
        return ""


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header, its printed width and how its value is read from a database row;
    a sheet is a list of these, so that a header never comes without its value."""

    header: str
    width: float
    value: Callable[[dict], object]


def columns(headers: Iterable[str], widths: Iterable[float], *values: Callable[[dict], object]) -> list[Column]:
    """Columns of fixed headers (from messages), paired one to one with their widths and values."""
    return [Column(h, w, v) for h, w, v in zip(headers, widths, values, strict=True)]


def raw(name: str) -> Callable[[dict], object]:
    """The value of a database column as it is (text); None where the row has no such column."""
    return lambda r: r.get(name)


_BY_STORAGE = {"INTEGER": _int, "REAL": _num}
# printed widths of the built-in fields; any other field: 9 when its type is numeric, else 17
_FIELD_WIDTHS = {"status": 8, "result": 19, "issues": 17, "reporter": 7, "phone": 6, "revenue": 9, "saving": 9,
                 "basis": 22, "grade": 9, "actual": 9, "remark": 8, "response": 40}
# 効果額・達成度 have their own sheet, so that 台帳 still prints every column at 8 pt on A3 (and 履歴 at 6.5);
# the opinion table's fields (意見への対応) have theirs too
EFFECT_FIELDS = ("revenue", "saving", "basis", "grade")


def field_column(f: Field) -> Column:
    """A defined field's column: its header (LEDGER_FIELD_HEADERS for a few built-in ones), its value as
    stored (a number where its type stores one)."""
    convert = _BY_STORAGE.get(f.ftype.storage)
    name = f.key
    value = (lambda r: convert(r.get(name))) if convert else raw(name)
    width = _FIELD_WIDTHS.get(name, 9 if f.ftype.numeric else 17)
    return Column(msg.LEDGER_FIELD_HEADERS.get(name, f.header), width, value)


class BookColumns:
    """The column list of every sheet. A value is read from a database row while the sheet is written; the
    item names and KPI targets come from the plan version the row's form was issued from."""

    def __init__(self, cfg: Config, plan: Plan):
        self.plan = plan
        self.memo: dict[tuple, object] = {}  # the same timestamp / period / plan text recurs on many rows
        forms = ledger_forms(cfg)
        self.fields = {table: stored_fields(table, forms) for table in ("current", "current_kpis")}

    def _label(self, code: str) -> str:
        return self._once(("label", code), _label, code)

    def _dt(self, value: object) -> datetime | None:
        return self._once(("dt", value), _dt, value) if isinstance(value, str) else _dt(value)

    def _once(self, key: tuple, fn, *args):
        if key not in self.memo:
            self.memo[key] = fn(*args)
        return self.memo[key]

    def _version(self, row: dict) -> tuple[dict[int, str], dict[str, Kpi]]:
        """Item names and KPIs of the plan version the row's form was issued from (a revision renames,
        adds and retargets): empty for a version the workspace does not know, or another plan's rows."""
        def load() -> tuple[dict[int, str], dict[str, Kpi]]:
            version = _int(row.get("plan_version"))
            plan = issued_plan(self.plan, str(row.get("plan_id")), version) if version is not None else None
            return ({i.no: i.name for i in plan.items}, {k.key: k for k in plan.kpis}) if plan else ({}, {})

        return self._once(("version", row.get("plan_id"), row.get("plan_version")), load)

    def _item_name(self, row: dict) -> str:
        return self._version(row)[0].get(int(row["no"]), "")

    def _kpi(self, row: dict) -> Kpi | None:
        return self._version(row)[1].get(row["kpi_key"])

    def _plan_label(self, r: dict) -> str:
        return self._once(("plan", r["plan_id"], r["plan_version"]), lambda: msg.LEDGER_PLAN_VERSION.format(
            plan_id=r["plan_id"], version=_int(r["plan_version"]) or ""))

    def provenance(self) -> list[Column]:
        dt = self._dt
        return columns(msg.LEDGER_PROVENANCE_HEADERS, _PROV_WIDTHS, raw("source_name"), raw("source_sha256"),
                       lambda r: dt(r["merged_at"]), lambda r: dt(r["file_mtime"]),
                       lambda r: dt(r["form_generated_at"]), raw("format_version"), self._plan_label,
                       raw("sheetflow_version"))

    def replaced(self) -> list[Column]:
        return columns(msg.LEDGER_REPLACED_HEADERS, (WHEN, 16), lambda r: self._dt(r["replaced_at"]), raw("replaced_by"))

    def item(self, name_width: float) -> list[Column]:
        """期間, 期間（和暦）, No., 項目名, 担当部署: the first columns of every sheet of items."""
        return columns(msg.LEDGER_ITEM_HEADERS, (7, 9, 5, name_width, 11), raw("period"),
                       lambda r: self._label(r["period"]), lambda r: _int(r["no"]), self._item_name, raw("department"))

    def item_columns(self, which: Callable[[Field], bool], name_width: float = 14) -> tuple[Column, ...]:
        """An item sheet's columns: the item, the fields of table current (the report and opinion tables'
        inputs) that `which` takes, the provenance."""
        fields = [field_column(f) for f in self.fields["current"] if which(f)]
        return (*self.item(name_width), *fields, *self.provenance())

    def current_columns(self) -> tuple[Column, ...]:
        """台帳 / 履歴: the report table's fields but 効果額・達成度."""
        return self.item_columns(lambda f: f.table == DW.REPORT_TABLE and f.key not in EFFECT_FIELDS, 12)

    def kpi_columns(self) -> tuple[Column, ...]:
        """指標 / 指標履歴: the KPI with the targets of the row's plan version, then the KPI table's fields."""
        def year(r: dict) -> int:
            return parse_period(r["period"]).year

        def target(r: dict) -> object:
            kpi = self._kpi(r)
            return kpi.target(year(r)) if kpi else None

        def cumulative(r: dict) -> object:
            kpi = self._kpi(r)
            return kpi.cumulative(year(r)) if kpi else None

        plan = columns(msg.LEDGER_KPI_HEADERS, (7, 9, 6, 5, 12, 11, 14, 5, 8, 8), raw("period"),
                       lambda r: self._label(r["period"]), raw("kpi_key"), lambda r: _int(r["no"]), self._item_name,
                       raw("department"), raw("kpi"), raw("unit"), target, cumulative)
        return (*plan, *(field_column(f) for f in self.fields["current_kpis"]), *self.provenance())

    def log_columns(self) -> list[Column]:
        dt = self._dt
        return columns(msg.LEDGER_LOG_HEADERS, (WHEN, 8, 16, 10, 6, 6, 20, 22, WHEN, WHEN, 10, WHEN, 18),
                       lambda r: dt(r["received_at"]), raw("period"), raw("department"), raw("result"),
                       lambda r: _int(r["errors"]), lambda r: _int(r["warnings"]), raw("source_name"),
                       raw("source_path"), lambda r: dt(r["file_mtime"]), lambda r: dt(r["saved_at"]),
                       lambda r: _int(r["size"]), lambda r: dt(r["form_generated_at"]), raw("source_sha256"))

    def status_columns(self) -> list[Column]:
        return columns(msg.LEDGER_STATUS_HEADERS, (8, 16, 26, 10, WHEN, WHEN, 17, 17), raw("period"),
                       lambda r: self._label(r["period"]), raw("department"), raw("status"),
                       lambda r: _dt(r["first_received"]), lambda r: _dt(r["last_received"]), raw("accepted_files"),
                       raw("returned_files"))

    def effect_columns(self) -> tuple[Column, ...]:
        """効果額・達成度."""
        return self.item_columns(lambda f: f.key in EFFECT_FIELDS)

    def response_columns(self) -> tuple[Column, ...]:
        """意見への対応: the opinion table's fields."""
        return self.item_columns(lambda f: f.table == DW.OPINION_TABLE)

    def council_columns(self) -> tuple[Column, ...]:
        """審議会: every member's scores and opinions, file by file; 有効 marks the member's file in force."""
        cols = columns(msg.LEDGER_COUNCIL_HEADERS, (7, 9, 12, 5, 14, 6, 30, 9), raw("period"),
                       lambda r: self._label(r["period"]), raw("member"), lambda r: _int(r["no"]), self._item_name,
                       lambda r: _int(r["score"]), raw("opinion"), lambda r: msg.LEDGER_COUNCIL_LIVE[int(r["live"] or 0)])
        return (*cols, *self.provenance())
