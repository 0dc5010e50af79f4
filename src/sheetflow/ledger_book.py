"""The auditors' workbook outbox/ledger.xlsx, written from the ledger database.

Sheets: 台帳 (current rows), 指標 (KPI values with the plan's targets), 履歴 / 指標履歴 (superseded
rows with 置換日時), 提出履歴 (every file ever seen, with its result), 提出状況 (period × department).
Every sheet: header in row 1, frozen, autofilter, protected (filter and sort allowed), A4 landscape.
Department text is always written as a string: 「=SUM(…)」 stays text.
"""

from __future__ import annotations

import io
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from . import messages as msg
from . import xlsx
from .config import Config
from .fsutil import atomic_write_bytes
from .ledger import Ledger, submission_status
from .periods import parse_period
from .plan import Plan

MAX_LINES = 8
BIG = 20_000  # rows above which the workbook is written in constant-memory mode
_PROV_WIDTHS = (28, 20, 19, 19, 19, 7, 18, 10)
PRINTED = {msg.LEDGER_SHEET_CURRENT: len(msg.LEDGER_CURRENT_HEADERS), msg.LEDGER_SHEET_HISTORY: len(
    msg.LEDGER_CURRENT_HEADERS), msg.LEDGER_SHEET_KPIS: len(msg.LEDGER_KPI_HEADERS),
           msg.LEDGER_SHEET_KPI_HISTORY: len(msg.LEDGER_KPI_HEADERS),
           msg.LEDGER_SHEET_LOG: len(msg.LEDGER_LOG_HEADERS) - 1}


def _dt(value: object) -> datetime | None:
    """ISO text (any offset) → naive local time for an Excel date cell; None when empty."""
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
    return (stamp.astimezone() if stamp.tzinfo else stamp).replace(tzinfo=None, microsecond=0)


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _num(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _label(code: str) -> str:
    try:
        return parse_period(code).label
    except ValueError:
        return ""


class BookWriter:
    def __init__(self, cfg: Config, plan: Plan, ledger: Ledger):
        self.cfg, self.plan, self.ledger = cfg, plan, ledger
        self.names = {i.no: i.name for i in plan.items}
        self.kpis = {k.key: k for k in plan.kpis}

    def _item_name(self, row: dict) -> str:
        return self.names.get(int(row["no"]), "") if row.get("plan_id") == self.plan.id else ""

    def _provenance(self, r: dict) -> list[object]:
        plan_label = msg.LEDGER_PLAN_VERSION.format(plan_id=r["plan_id"], version=_int(r["plan_version"]) or "")
        return [r["source_name"], r["source_sha256"], _dt(r["merged_at"]), _dt(r["file_mtime"]),
                _dt(r["form_generated_at"]), r["format_version"], plan_label, r["sheetflow_version"]]

    def current_rows(self, df: pd.DataFrame, replaced: bool = False) -> list[list[object]]:
        out = []
        for r in df.to_dict("records"):
            row = [r["period"], _label(r["period"]), _int(r["no"]), self._item_name(r), r["department"],
                   r["status"], r["result"], r["issues"], r["reporter"], r["phone"], *self._provenance(r)]
            out.append(row + ([_dt(r["replaced_at"]), r["replaced_by"]] if replaced else []))
        return out

    def kpi_rows(self, df: pd.DataFrame, replaced: bool = False) -> list[list[object]]:
        out = []
        for r in df.to_dict("records"):
            kpi = self.kpis.get(r["kpi_key"]) if r.get("plan_id") == self.plan.id else None
            year = parse_period(r["period"]).year
            row = [r["period"], _label(r["period"]), r["kpi_key"], _int(r["no"]), self._item_name(r),
                   r["department"], r["kpi"], r["unit"], kpi.target(year) if kpi else None,
                   kpi.cumulative(year) if kpi else None, _num(r["actual"]), r["remark"], *self._provenance(r)]
            out.append(row + ([_dt(r["replaced_at"]), r["replaced_by"]] if replaced else []))
        return out

    def log_rows(self, df: pd.DataFrame) -> list[list[object]]:
        return [[_dt(r["received_at"]), r["period"], r["department"], r["result"], _int(r["errors"]),
                 _int(r["warnings"]), r["source_name"], r["source_path"], _dt(r["file_mtime"]), _dt(r["saved_at"]),
                 _int(r["size"]), _dt(r["form_generated_at"]), r["source_sha256"]] for r in df.to_dict("records")]

    def status_rows(self) -> list[list[object]]:
        out = []
        for code in self.ledger.periods():
            status = submission_status(self.ledger, self.plan, code)
            out += [[code, _label(code), r["department"], r["status"], _dt(r["first_received"]),
                     _dt(r["last_received"]), r["accepted_files"], r["returned_files"]]
                    for r in status.to_dict("records")]
        return out

    def sheets(self) -> list[tuple[str, tuple[str, ...], tuple[float, ...], list[list[object]]]]:
        cur_h = (*msg.LEDGER_CURRENT_HEADERS, *msg.LEDGER_PROVENANCE_HEADERS)
        cur_w = (8, 16, 5, 30, 22, 10, 44, 40, 10, 9, *_PROV_WIDTHS)
        kpi_h = (*msg.LEDGER_KPI_HEADERS, *msg.LEDGER_PROVENANCE_HEADERS)
        kpi_w = (8, 16, 7, 5, 30, 22, 26, 8, 11, 11, 11, 30, *_PROV_WIDTHS)
        rep_h, rep_w = msg.LEDGER_REPLACED_HEADERS, (19, 20)
        return [
            (msg.LEDGER_SHEET_CURRENT, cur_h, cur_w, self.current_rows(self.ledger.current())),
            (msg.LEDGER_SHEET_KPIS, kpi_h, kpi_w, self.kpi_rows(self.ledger.current_kpis())),
            (msg.LEDGER_SHEET_HISTORY, cur_h + rep_h, cur_w + rep_w,
             self.current_rows(self.ledger.history(), replaced=True)),
            (msg.LEDGER_SHEET_KPI_HISTORY, kpi_h + rep_h, kpi_w + rep_w,
             self.kpi_rows(self.ledger.history_kpis(), replaced=True)),
            (msg.LEDGER_SHEET_LOG, msg.LEDGER_LOG_HEADERS, (19, 8, 22, 12, 6, 6, 28, 30, 19, 19, 12, 19, 20),
             self.log_rows(self.ledger.submissions())),
            (msg.LEDGER_SHEET_STATUS, msg.LEDGER_STATUS_HEADERS, (8, 16, 26, 10, 19, 19, 12, 12), self.status_rows()),
        ]


def build_book(cfg: Config, plan: Plan, ledger: Ledger, created: datetime | None = None) -> bytes:
    """The ledger workbook's bytes (deterministic for a given database and `created`)."""
    sheets = BookWriter(cfg, plan, ledger).sheets()
    buffer = io.BytesIO()
    wb = xlsx.new_workbook(buffer, constant_memory=sum(len(s[3]) for s in sheets) > BIG)
    wb.set_properties({"title": msg.LEDGER_BOOK_TITLE, "subject": plan.title, "company": plan.municipality,
                       "created": created or datetime(2000, 1, 1, tzinfo=UTC)})
    styles = xlsx.Styles(wb)
    date_fmt = wb.add_format({"font_name": xlsx.FONT, "font_size": xlsx.FONT_SIZE, "border": 1, "valign": "top",
                              "num_format": "yyyy-mm-dd hh:mm:ss"})
    for name, headers, widths, rows in sheets:
        ws = wb.add_worksheet(name)
        printed = PRINTED.get(name, len(headers))  # provenance columns are for the screen
        _write_sheet(ws, styles, date_fmt, headers, widths[:printed], rows, widths)
        ws.protect(cfg.password, {"autofilter": True, "sort": True, "format_columns": True})
        xlsx.page_setup(ws, f"{msg.LEDGER_BOOK_TITLE}　{name}", repeat_rows=(0, 0))
        ws.print_area(0, 0, max(len(rows), 1), printed - 1)
    wb.close()
    return buffer.getvalue()


def _row_height(values: list[object], widths: tuple[float, ...]) -> float | None:
    """Points for the wrapped lines of the printed text columns (None: one line), at most MAX_LINES."""
    cells = [(v, w) for v, w in zip(values, widths, strict=False) if isinstance(v, str)]
    return xlsx.fitted_height(cells, MAX_LINES) if xlsx.wrapped_lines(cells) > 1 else None


def _write_sheet(ws, styles: xlsx.Styles, date_fmt, headers, printed_widths, rows: list[list[object]],
                 widths) -> None:
    for c, (header, width) in enumerate(zip(headers, widths, strict=True)):
        ws.set_column(c, c, width)
        ws.write_string(0, c, header, styles.header)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    for r, values in enumerate(rows, start=1):
        height = _row_height(values, printed_widths)
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
    """Fail before changing anything when ledger.xlsx (or its folder) cannot be written."""
    try:
        if path.exists():
            if not path.is_file():
                raise IsADirectoryError(str(path))
            with open(path, "r+b"):  # fails when read-only, or locked by Excel on Windows
                pass
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".probe", dir=path.parent)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise msg.UserError(msg.LEDGER_UNWRITABLE.format(path=path, error=_reason(exc))) from exc


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
        raise msg.UserError(msg.LEDGER_WRITE_FAILED.format(path=path, error=_reason(exc), db=ledger.path)) from exc
    return path

