"""The 差戻し (return) workbook: the department's own form rebuilt from values, bad cells marked.

The department's file is never re-saved. The form is rebuilt with forms.build_form for the same plan,
department and period, with the original generated_at and 前回 values (so _meta and every fingerprint
are identical), then loaded with openpyxl to write the department's entries back, colour and comment
the cells with findings, and insert a first sheet 「指摘事項」 listing every finding. Protection, list
validations and the hidden sheets survive (openpyxl keeps them). A file without a usable identity
gets a workbook with the findings sheet only, under returns/_unidentified/.
"""

from __future__ import annotations

import io
import math
import re
from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from sheetflow import messages as msg
from sheetflow.forms import layout as L
from sheetflow.forms import read as formread
from sheetflow.forms import workbook as forms
from sheetflow.ground import xlsx
from sheetflow.ground.config import Config
from sheetflow.ground.files import atomic_write_bytes
from sheetflow.ground.findings import ERROR, NORMALISED, SEVERITY_LABELS, WARNING, Finding
from sheetflow.ground.periods import Period, PeriodError, parse_period
from sheetflow.intake.model import Submission
from sheetflow.plan.model import Plan

SUFFIX = msg.RETURN_FILE_SUFFIX
UNIDENTIFIED = "_unidentified"
FILLS = {ERROR: PatternFill("solid", fgColor="F8CBAD"), WARNING: PatternFill("solid", fgColor="FFE699")}
WIDTHS = (24, 12, 8, 6, 9, 90)
COMMENT_SIZE = (320, 140)  # pixels
_TEXT_KEYS = {L.REPORT_SHEET: [c.key for c in L.input_columns(L.REPORT_COLUMNS)],
              L.KPI_SHEET: ["remark"]}


def write_return(submission: Submission, plan: Plan, cfg: Config, out_dir: Path | None = None) -> Path:
    """Write the 差戻し workbook of one refused file; return its path (outbox/returns/… by default)."""
    out_dir = out_dir or cfg.outbox_dir / "returns"
    period = _rebuildable_period(submission, plan)
    if period is None:
        path = out_dir / UNIDENTIFIED / (_safe_stem(submission.path.stem) + SUFFIX)
        atomic_write_bytes(path, findings_only(submission))
    else:
        ident = submission.identity
        path = out_dir / period.code / (Path(forms.form_filename(ident.department)).stem + SUFFIX)
        atomic_write_bytes(path, rebuilt(submission, plan, cfg, period))
    return path


def _rebuildable_period(sub: Submission, plan: Plan) -> Period | None:
    """The form's period when it can be rebuilt from the plan in use (identity known and matching)."""
    ident = sub.identity
    if ident is None or any(f.code.startswith("identity.") and f.severity == ERROR for f in sub.findings):
        return None
    if (ident.plan_id, ident.plan_version, ident.format_version) != (plan.id, plan.version, L.FORMAT_VERSION):
        return None
    try:
        return parse_period(ident.period)
    except PeriodError:
        return None


def _safe_stem(stem: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", stem).strip(" .") or "_"


def _text(value: object) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", L.cell_text(value))


def _set_text(cell, value: object) -> None:
    """Department text as text: never a formula, number or error value."""
    cell.value = _text(value)
    cell.data_type = "s"


# --- the rebuilt form ----------------------------------------------------------------------------

def rebuilt(sub: Submission, plan: Plan, cfg: Config, period: Period) -> bytes:
    """The department's form rebuilt, their entries filled in, cells with findings marked."""
    ident = sub.identity
    data = forms.build_form(plan, ident.department, period, cfg, previous=sub.previous,
                            generated_at=datetime.fromisoformat(ident.generated_at))
    table = formread.parse_meta(formread.read_values(data).sheets[L.META_SHEET]).table
    rows = {(s, k): r for s, r, k, _ in table}
    wb = openpyxl.load_workbook(io.BytesIO(data))
    typed = {(f.sheet, f.cell): f.before for f in sub.findings
             if f.code in ("kpi.not_number", "kpi.unit", "cell.error") and f.before}
    moved = _fill(wb, sub, rows, typed)
    located = [(f, _locate(f, moved)) for f in sub.findings]
    for f, cell in located:
        if cell and f.severity != NORMALISED:
            _mark(wb[f.sheet][cell], f)
    _findings_sheet(wb, sub, located, restored=any(f.code.startswith(("rows.", "cell.locked")) for f in sub.findings))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _fill(wb, sub: Submission, rows: dict[tuple[str, str], int], typed: dict) -> dict[tuple[str, int], int]:
    """Write the entries at the rebuilt rows; return (sheet, row in their file) → row in this workbook."""
    moved: dict[tuple[str, int], int] = {}
    for sheet, df, key_col in ((L.REPORT_SHEET, sub.reports, "no"), (L.KPI_SHEET, sub.kpis, "kpi_key")):
        ws = wb[sheet]
        columns = L.REPORT_COLUMNS if sheet == L.REPORT_SHEET else L.KPI_COLUMNS
        for their_row, entry in df.iterrows():
            r = rows.get((sheet, str(entry[key_col])))
            if r is None:
                continue
            moved[(sheet, int(their_row))] = r
            for key in _TEXT_KEYS[sheet]:
                if entry[key]:
                    _set_text(ws.cell(r, L.col_index(columns, key) + 1), entry[key])
            if sheet == L.KPI_SHEET:
                _fill_actual(ws, r, entry["actual"], typed.get((sheet, f"{_col('actual')}{their_row}")))
    return moved


def _col(key: str) -> str:
    return L.a1(0, L.col_index(L.KPI_COLUMNS, key))[:-1]


def _fill_actual(ws: Worksheet, r: int, actual: object, typed: str | None) -> None:
    cell = ws.cell(r, L.col_index(L.KPI_COLUMNS, "actual") + 1)
    if isinstance(actual, int | float) and not isinstance(actual, bool) and math.isfinite(actual):
        cell.value = float(actual)
    elif typed:
        _set_text(cell, typed)


def _locate(f: Finding, moved: dict[tuple[str, int], int]) -> str:
    """The finding's cell in the rebuilt workbook ('' when the row is not there, e.g. an added row)."""
    m = re.fullmatch(r"([A-Z]+)(\d+)", f.cell or "")
    if not m or (f.sheet, int(m.group(2))) not in moved:
        return ""
    return f"{m.group(1)}{moved[(f.sheet, int(m.group(2)))]}"


def _mark(cell, f: Finding) -> None:
    """Colour the cell (errors red, warnings amber) and add the message to its comment."""
    label = SEVERITY_LABELS[f.severity]
    text = f"【{label}】{f.message}"
    if cell.comment is not None:
        text = cell.comment.text + "\n" + text
    if cell.fill != FILLS[ERROR]:
        cell.fill = FILLS.get(f.severity, FILLS[WARNING])
    cell.comment = Comment(text, "sheetflow", *COMMENT_SIZE)


def _findings_sheet(wb, sub: Submission, located: list[tuple[Finding, str]], restored: bool) -> None:
    ws = wb.create_sheet(msg.RETURN_SHEET, 0)
    for other in wb.worksheets[1:]:
        other.sheet_view.tabSelected = False
    wb.active = 0
    ws.sheet_view.tabSelected = True
    _set_text(ws.cell(1, 1), msg.RETURN_TITLE.format(name=sub.path.name))
    ws.cell(1, 1).font = Font(name=xlsx.FONT, size=14, bold=True)
    notes = [msg.RETURN_NOTE] + ([msg.RETURN_NOTE_RESTORED] if restored else [])
    _set_text(ws.cell(2, 1), "\n".join(notes))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(WIDTHS))
    ws.cell(2, 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 18 * len(notes) + 4
    for c, (head, width) in enumerate(zip(msg.RETURN_HEADERS, WIDTHS, strict=True), start=1):
        _set_text(ws.cell(4, c), head)
        _style(ws.cell(4, c), header=True)
        ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = width
    for r, (f, cell) in enumerate(located, start=5):
        values = [f.file, f.sheet, cell or f.cell, "" if f.item_no is None else f.item_no,
                  SEVERITY_LABELS.get(f.severity, f.severity), f.message]
        for c, v in enumerate(values, start=1):
            target = ws.cell(r, c)
            if isinstance(v, int):
                target.value = v
            else:
                _set_text(target, v)
            _style(target)
    ws.freeze_panes = "A5"
    ws.auto_filter.ref = f"A4:F{max(4, 4 + len(located))}"
    _print_setup(ws)


def _style(cell, header: bool = False) -> None:
    side = Side(style="thin", color="808080")
    cell.font = Font(name=xlsx.FONT, size=xlsx.FONT_SIZE, bold=header)
    cell.border = Border(left=side, right=side, top=side, bottom=side)
    cell.alignment = Alignment(wrap_text=True, vertical="center" if header else "top")
    if header:
        cell.fill = PatternFill("solid", fgColor=xlsx.HEADER.lstrip("#"))


def _print_setup(ws: Worksheet) -> None:
    """A4 landscape, one page wide, header row repeated (as every sheetflow workbook prints)."""
    ws.page_setup.paperSize = xlsx.A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "4:4"


# --- findings only -------------------------------------------------------------------------------

def findings_only(sub: Submission) -> bytes:
    """A workbook with just the 指摘事項 sheet (for files that could not be identified)."""
    buffer = io.BytesIO()
    wb = xlsx.new_workbook(buffer)
    st = xlsx.Styles(wb)
    ws = wb.add_worksheet(msg.RETURN_SHEET)
    ws.write_string(0, 0, msg.RETURN_TITLE.format(name=sub.path.name), st.title)
    ws.write_string(1, 0, msg.RETURN_NOTE_UNIDENTIFIED, st.note)
    rows = [[f.file, f.sheet, f.cell, f.item_no, SEVERITY_LABELS.get(f.severity, f.severity), f.message]
            for f in sub.findings]
    xlsx.write_table(ws, st, 3, list(msg.RETURN_HEADERS), rows, list(WIDTHS))
    xlsx.page_setup(ws, msg.RETURN_TITLE.format(name=sub.path.name), repeat_rows=(3, 3))
    wb.close()
    return buffer.getvalue()
