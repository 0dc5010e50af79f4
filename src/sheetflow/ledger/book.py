"""The auditors' workbook outbox/ledger.xlsx, written from the ledger database.

Sheets: 台帳 (current rows), 指標 (KPI values with the plan's targets), 履歴 / 指標履歴 (superseded
rows with 置換日時), 提出履歴 (every file ever seen, with its result), 提出状況 (period × department).
Every sheet: header in row 1, frozen, autofilter, protected (filter and sort allowed), A4 landscape.
Department text is always written as a string: 「=SUM(…)」 stays text.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import Field
from sheetflow.forms.sheets import header_text
from sheetflow.ground import xlsx
from sheetflow.ground.config import Config
from sheetflow.ground.files import FileInUse, atomic_write_bytes, check_replaceable, check_writable, in_use
from sheetflow.ground.periods import japan_time, parse_period, wareki_time
from sheetflow.ledger.apply import kpi_sort_key
from sheetflow.ledger.query import Ledger, submission_status
from sheetflow.ledger.store import Store
from sheetflow.ledger.tables import ledger_forms, stored_fields
from sheetflow.plan.model import Kpi, Plan
from sheetflow.plan.versions import issued_plan

MAX_LINES = 27  # Excel's row height limit (409 pt) holds 27 lines: long texts print whole
BIG = 20_000  # rows above which the workbook is written in constant-memory mode
SHORT = 40  # texts up to this length have their wrapped line count remembered while writing
# widths (Excel character units) chosen so that every column prints: long texts wrap, SHA-256 wraps in 4 lines
WHEN = 21  # a time in 和暦 (令和7年12月31日 14:05) shows whole, never as ####
_PROV_WIDTHS = (11, 14, WHEN, WHEN, WHEN, 5, 7, 10)
A3 = 8  # xlsxwriter's paper code
A4_WIDTH = 150  # character units that fit A4 landscape at a readable size; wider sheets print on A3


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


@dataclass
class Sheet:
    name: str
    columns: tuple[Column, ...]
    count: int  # rows (known before they are made, for the autofilter, the print area and the memory mode)
    records: Callable[[], Iterable[dict]]  # read while the sheet is written, one sheet at a time

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    @property
    def widths(self) -> tuple[float, ...]:
        return tuple(c.width for c in self.columns)

    def rows(self) -> Iterator[list[object]]:
        values = [c.value for c in self.columns]
        for r in self.records():
            yield [value(r) for value in values]


def columns(headers: Iterable[str], widths: Iterable[float], *values: Callable[[dict], object]) -> list[Column]:
    """Columns of fixed headers (from messages), paired one to one with their widths and values."""
    return [Column(h, w, v) for h, w, v in zip(headers, widths, values, strict=True)]


def raw(name: str) -> Callable[[dict], object]:
    """The value of a database column as it is (text); None where the row has no such column."""
    return lambda r: r.get(name)


_BY_STORAGE = {"INTEGER": _int, "REAL": _num}
# printed widths of the built-in fields (others: by their type); 効果額・達成度 have their own sheet (so that 台帳
# still prints every column at 8 pt on A3, and 履歴 at 6.5), 意見への対応 (the opinion table's fields) theirs
_FIELD_WIDTHS = {"status": 8, "result": 19, "issues": 17, "reporter": 7, "phone": 6, "revenue": 9, "saving": 9,
                 "basis": 22, "grade": 9, "actual": 9, "remark": 8, "response": 40}
EFFECT_FIELDS = ("revenue", "saving", "basis", "grade")


def field_column(f: Field) -> Column:
    """A defined field's column: its header (LEDGER_FIELD_HEADERS for a few built-in ones), its value as
    stored (a number where its type stores one)."""
    convert = _BY_STORAGE.get(f.ftype.storage)
    name = f.key
    value = (lambda r: convert(r.get(name))) if convert else raw(name)
    width = _FIELD_WIDTHS.get(name, 9 if f.ftype.numeric else 17)
    return Column(msg.LEDGER_FIELD_HEADERS.get(name, f.header), width, value)


class BookWriter:
    """The rows of every sheet, read straight from the database as plain values and made one sheet at a
    time (a prefecture's ten years are hundreds of thousands of rows: no DataFrames, no whole book in
    memory)."""

    def __init__(self, cfg: Config, plan: Plan, ledger: Ledger):
        self.cfg, self.plan, self.ledger = cfg, plan, ledger
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
        """An item sheet's columns: the item, the report fields `which` takes, the provenance."""
        fields = [field_column(f) for f in self.fields["current"] if which(f)]
        return (*self.item(name_width), *fields, *self.provenance())

    def current_columns(self) -> tuple[Column, ...]:
        """台帳 / 履歴: the report table's fields but 効果額・達成度."""
        return self.item_columns(lambda f: f.table == DW.REPORT_TABLE and f.key not in EFFECT_FIELDS, 12)

    def kpi_columns(self) -> tuple[Column, ...]:
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

    def status_records(self) -> list[dict]:
        out: list[dict] = []
        log = self.ledger.submissions()  # read once for every period
        for code in self.ledger.periods():
            out += submission_status(log, self.plan, code).to_dict("records")
        return out

    def sheets(self) -> list[Sheet]:
        t, status = _Tables(self.ledger), self.status_records()
        current, kpis, replaced = self.current_columns(), self.kpi_columns(), tuple(self.replaced())
        effects = self.item_columns(lambda f: f.key in EFFECT_FIELDS)
        return [
            Sheet(msg.LEDGER_SHEET_CURRENT, current, t.count("current"), t.current),
            Sheet(msg.LEDGER_SHEET_KPIS, kpis, t.count("current_kpis"), t.current_kpis),
            Sheet(msg.LEDGER_SHEET_EFFECTS, effects, t.count("current"), t.current),
            Sheet(msg.LEDGER_SHEET_HISTORY, current + replaced, t.count("history"), t.history),
            Sheet(msg.LEDGER_SHEET_KPI_HISTORY, kpis + replaced, t.count("history_kpis"), t.history_kpis),
            Sheet(msg.LEDGER_SHEET_LOG, tuple(self.log_columns()), t.count("submissions"), t.submissions),
            Sheet(msg.LEDGER_SHEET_STATUS, tuple(self.status_columns()), len(status), lambda: status),
        ] + self.council_sheet(t) + self.response_sheet(t)

    def council_sheet(self, t: _Tables) -> list[Sheet]:
        """The 審議会 sheet, once members' workbooks are in: every member's scores and opinions, file by file;
        有効 marks the member's file in force."""
        count = t.count("council_scores")
        cols = columns(msg.LEDGER_COUNCIL_HEADERS, (7, 9, 12, 5, 14, 6, 30, 9), raw("period"),
                       lambda r: self._label(r["period"]), raw("member"), lambda r: _int(r["no"]), self._item_name,
                       lambda r: _int(r["score"]), raw("opinion"), lambda r: msg.LEDGER_COUNCIL_LIVE[int(r["live"] or 0)])
        return [Sheet(msg.LEDGER_SHEET_COUNCIL, (*cols, *self.provenance()), count, t.council)] if count else []

    def response_sheet(self, t: _Tables) -> list[Sheet]:
        """意見への対応 (the opinion table's fields), once a department has answered the council's opinions."""
        count = t.count_responses()
        cols = self.item_columns(lambda f: f.table == DW.OPINION_TABLE)
        return [Sheet(msg.LEDGER_SHEET_RESPONSES, cols, count, t.responses)] if count else []


class _Tables:
    """The ledger's tables as dicts, streamed in the order of Ledger's DataFrames (Ledger.current(),
    current_kpis(), history(), history_kpis(), submissions()), with every column the database has."""

    def __init__(self, ledger: Ledger):
        self.ledger = ledger

    def _rows(self, sql: str) -> Iterator[dict]:
        if not self.ledger.exists:
            return
        store = Store.open(self.ledger.path, create=False)
        try:
            for r in store.conn.execute(sql):
                yield dict(r)
        finally:
            store.close()

    def count(self, table: str) -> int:
        if not self.ledger.exists:
            return 0
        store = Store.open(self.ledger.path, create=False)
        try:
            return store.count(table)
        finally:
            store.close()

    def current(self) -> Iterator[dict]:
        return self._rows("SELECT * FROM current ORDER BY period, no")

    def current_kpis(self) -> list[dict]:
        rows = self._rows("SELECT * FROM current_kpis")
        return sorted(rows, key=lambda r: (str(r["period"]), kpi_sort_key(str(r["kpi_key"]))))

    def history(self) -> Iterator[dict]:
        return self._rows("SELECT * FROM history ORDER BY seq")

    def history_kpis(self) -> Iterator[dict]:
        return self._rows("SELECT * FROM history_kpis ORDER BY seq")

    def submissions(self) -> Iterator[dict]:
        return self._rows("SELECT * FROM submissions ORDER BY seq")

    def responses(self) -> Iterator[dict]:
        return self._rows("SELECT * FROM current WHERE response <> '' ORDER BY period, no")

    def count_responses(self) -> int:
        return next((int(r["n"]) for r in self._rows("SELECT COUNT(*) AS n FROM current WHERE response <> ''")), 0)

    def council(self) -> Iterator[dict]:
        return self._rows("SELECT c.*, s.live FROM council_scores c LEFT JOIN submissions s ON "
                          "s.source_sha256 = c.source_sha256 ORDER BY c.year, c.member, s.seq, c.no")


def build_book(cfg: Config, plan: Plan, ledger: Ledger, created: datetime | None = None) -> bytes:
    """The ledger workbook's bytes (deterministic for a given database and `created`)."""
    sheets = BookWriter(cfg, plan, ledger).sheets()
    buffer = io.BytesIO()
    wb = xlsx.new_workbook(buffer, constant_memory=sum(s.count for s in sheets) > BIG)
    wb.set_properties({"title": msg.LEDGER_BOOK_TITLE, "subject": plan.title, "company": plan.municipality,
                       "created": created or datetime(2000, 1, 1, tzinfo=UTC)})
    styles = xlsx.Styles(wb)
    date_fmt = wb.add_format({"font_name": xlsx.FONT, "font_size": xlsx.FONT_SIZE, "border": 1, "valign": "top",
                              "num_format": msg.WAREKI_EXCEL_FORMAT})  # the receipts keep the seconds
    for sheet in sheets:
        ws = wb.add_worksheet(sheet.name)
        _write_sheet(ws, styles, date_fmt, sheet, sheet.widths)
        ws.protect(cfg.password, {"autofilter": True, "sort": True, "format_columns": True})
        print_setup(ws, sheet, created)
    wb.close()
    return buffer.getvalue()


def print_setup(ws, sheet: Sheet, created: datetime | None) -> None:
    """Every column on paper: landscape, one page wide (A3 when the sheet is wider than A4 holds), the
    header row on every page; header: book and sheet; footer: generated at, page x / y, sheet."""
    xlsx.page_setup(ws, msg.LEDGER_PAGE_HEADER.format(title=msg.LEDGER_BOOK_TITLE, sheet=sheet.name),
                    repeat_rows=(0, 0))
    if sum(sheet.widths) > A4_WIDTH:
        ws.set_paper(A3)
    ws.set_margins(left=0.25, right=0.25, top=0.6, bottom=0.6)
    when = msg.LEDGER_FOOTER_CREATED.format(at=wareki_time(created)) if created else ""
    ws.set_footer(msg.LEDGER_FOOTER.format(created=when), {"margin": 0.25})
    ws.print_area(0, 0, max(sheet.count, 1), len(sheet.headers) - 1)


def _row_height(values: list[object], widths: tuple[float, ...], memo: dict | None = None) -> float | None:
    """Points for the wrapped lines of the printed text columns (None: one line), at most MAX_LINES.

    memo keeps the line count of short texts (名前, 部署, 期…), which recur on most rows; the height of a row
    is the height of its tallest cell, so the result is that of xlsx.fitted_height over the whole row."""
    tallest, most = None, 1
    for value, width in zip(values, widths, strict=False):
        if isinstance(value, str) and value:
            lines = _lines(value, width, memo)
            if lines > most:
                tallest, most = (value, width), lines
    return xlsx.fitted_height([tallest], MAX_LINES) if tallest is not None else None


def _lines(value: str, width: float, memo: dict | None) -> int:
    if memo is None or len(value) > SHORT:
        return xlsx.wrapped_lines([(value, width)])
    key = (value, width)
    if key not in memo:
        memo[key] = xlsx.wrapped_lines([key])
    return memo[key]


def _write_sheet(ws, styles: xlsx.Styles, date_fmt, sheet: Sheet, printed_widths: tuple[float, ...]) -> None:
    heads = [header_text(h, w) for h, w in zip(sheet.headers, sheet.widths, strict=True)]
    for c, (header, width) in enumerate(zip(heads, sheet.widths, strict=True)):
        ws.set_column(c, c, width)
        ws.write_string(0, c, header, styles.header)
    ws.set_row(0, xlsx.fitted_height(zip(heads, sheet.widths, strict=True)))
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(sheet.count, 1), len(sheet.headers) - 1)
    memo: dict = {}
    for r, values in enumerate(sheet.rows(), start=1):
        height = _row_height(values, printed_widths, memo)
        if height is not None:
            ws.set_row(r, height)
        for c, value in enumerate(values):
            if isinstance(value, datetime):
                ws.write_datetime(r, c, value, date_fmt)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                xlsx.write_value(ws, r, c, value, styles.cell_num)
            else:
                xlsx.write_value(ws, r, c, value if value != "" else None, styles.cell)


# --- writing the file ---------------------------------------------------------------------------------
def preflight(path: Path) -> None:
    """Fail before changing anything when ledger.xlsx (or its folder) cannot be written: in use in Excel,
    read-only or a folder that cannot be written are OSErrors the CLI's boundary tells (exit 3)."""
    check_replaceable([path])
    if path.exists():
        if not path.is_file():
            raise msg.UserError(msg.LEDGER_UNWRITABLE.format(path=path, error=msg.LEDGER_NOT_A_FILE))
        with open(path, "r+b"):  # fails when read-only
            pass
    check_writable(path)


def _reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def backup(path: Path, folder: Path, keep: int, stamp: datetime | None = None) -> Path | None:
    """Copy the current file to folder/<stem>-<YYYYmmdd-HHMMSS><suffix>; keep the newest `keep` copies."""
    if not path.is_file() or keep <= 0:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    base = f"{path.stem}-{(stamp or datetime.now()).strftime('%Y%m%d-%H%M%S')}"
    target, n = folder / f"{base}{path.suffix}", 1
    while target.exists():
        target, n = folder / f"{base}-{n}{path.suffix}", n + 1
    atomic_write_bytes(target, path.read_bytes())
    old = sorted(folder.glob(f"{path.stem}-*{path.suffix}"), key=lambda p: (p.stat().st_mtime, p.name))
    for stale in old[:-keep]:
        stale.unlink(missing_ok=True)
    return target


def write_book(cfg: Config, plan: Plan, ledger: Ledger, path: Path, created: datetime | None = None) -> Path:
    """Build the workbook, keep the previous one in outbox/backup/, replace it atomically."""
    data = build_book(cfg, plan, ledger, created)
    try:
        backup(path, cfg.outbox_dir / "backup", cfg.keep_backups)
        atomic_write_bytes(path, data)
    except OSError as exc:
        if in_use(exc):
            raise FileInUse([path]) from exc  # the caller lists it as stale: the database is committed
        raise msg.UserError(msg.LEDGER_WRITE_FAILED.format(path=path, error=_reason(exc), db=ledger.path)) from exc
    return path

