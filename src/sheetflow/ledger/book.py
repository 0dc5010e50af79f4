"""The auditors' workbook outbox/ledger.xlsx, written from the ledger database.

Sheets: 台帳 (current rows), 指標 (KPI values with the plan's targets), 効果額・達成度, 履歴 / 指標履歴
(superseded rows with 置換日時), 提出履歴 (every file ever seen, with its result), 提出状況 (period ×
department); 審議会の評価 and 意見への対応 once they have rows. Their columns: ledger.book_columns.
Every sheet: header in row 1, frozen, autofilter, protected (filter and sort allowed), landscape on A4
(A3 when the columns are wider than A4 holds).
Department text is always written as a string: 「=SUM(…)」 stays text.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.forms.sheets import header_text
from sheetflow.ground import xlsx
from sheetflow.ground.config import Config
from sheetflow.ground.files import FileInUse, atomic_write_bytes, check_replaceable, check_writable, in_use
from sheetflow.ground.periods import wareki_time
from sheetflow.ledger.apply import kpi_sort_key
from sheetflow.ledger.book_columns import BookColumns, Column
from sheetflow.ledger.query import Ledger, submission_status
from sheetflow.ledger.store import Store
from sheetflow.plan.model import Plan

MAX_LINES = 27  # Excel's row height limit (409 pt) holds 27 lines: long texts print whole
BIG = 20_000  # rows above which the workbook is written in constant-memory mode
SHORT = 40  # texts up to this length have their wrapped line count remembered while writing
A3 = 8  # xlsxwriter's paper code
A4_WIDTH = 150  # character units that fit A4 landscape at a readable size; wider sheets print on A3


@dataclass
class Sheet:
    """A sheet: its column list, its number of rows and where its database rows come from."""

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


def book_sheets(cfg: Config, plan: Plan, ledger: Ledger) -> list[Sheet]:
    """The rows of every sheet, read straight from the database as plain values and made one sheet at a
    time (a prefecture's ten years are hundreds of thousands of rows: no DataFrames, no whole book in
    memory). 審議会 once members' workbooks are in, 意見への対応 once a department has answered the
    council's opinions."""
    cols, t, status = BookColumns(cfg, plan), _Tables(ledger), _status_records(plan, ledger)
    current, kpis, replaced = cols.current_columns(), cols.kpi_columns(), tuple(cols.replaced())
    once_in = [Sheet(msg.LEDGER_SHEET_COUNCIL, cols.council_columns(), t.count("council_scores"), t.council),
               Sheet(msg.LEDGER_SHEET_RESPONSES, cols.response_columns(), t.count_responses(), t.responses)]
    return [
        Sheet(msg.LEDGER_SHEET_CURRENT, current, t.count("current"), t.current),
        Sheet(msg.LEDGER_SHEET_KPIS, kpis, t.count("current_kpis"), t.current_kpis),
        Sheet(msg.LEDGER_SHEET_EFFECTS, cols.effect_columns(), t.count("current"), t.current),
        Sheet(msg.LEDGER_SHEET_HISTORY, current + replaced, t.count("history"), t.history),
        Sheet(msg.LEDGER_SHEET_KPI_HISTORY, kpis + replaced, t.count("history_kpis"), t.history_kpis),
        Sheet(msg.LEDGER_SHEET_LOG, tuple(cols.log_columns()), t.count("submissions"), t.submissions),
        Sheet(msg.LEDGER_SHEET_STATUS, tuple(cols.status_columns()), len(status), lambda: status),
    ] + [s for s in once_in if s.count]


def _status_records(plan: Plan, ledger: Ledger) -> list[dict]:
    out: list[dict] = []
    log = ledger.submissions()  # read once for every period
    for code in ledger.periods():
        out += submission_status(log, plan, code).to_dict("records")
    return out


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
    sheets = book_sheets(cfg, plan, ledger)
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
