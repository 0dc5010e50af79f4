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
from sheetflow.definition import workspace as DW
from sheetflow.forms import council as council_form
from sheetflow.forms import layout as L
from sheetflow.forms import read as formread
from sheetflow.forms import workbook as forms
from sheetflow.ground import xlsx
from sheetflow.ground.config import Config
from sheetflow.ground.files import atomic_write_bytes
from sheetflow.ground.findings import ERROR, NORMALISED, SEVERITY_LABELS, WARNING, Finding
from sheetflow.ground.periods import Period, PeriodError, parse_period
from sheetflow.intake.explain import finding_order, kpi_names, subject
from sheetflow.intake.fields import SHEET_TABLES, FormSheets, sheets_of
from sheetflow.intake.model import Submission
from sheetflow.plan.model import Plan
from sheetflow.plan.versions import issued_plan

SUFFIX = msg.RETURN_FILE_SUFFIX
UNIDENTIFIED = "_unidentified"
# clearly red (not the pale salmon of a pastel palette) for errors, amber for warnings; a thick dark-red frame
FILLS = {ERROR: PatternFill("solid", fgColor="FF5B5B"), WARNING: PatternFill("solid", fgColor="FFC000")}
FRAME = Side(style="medium", color="C00000")
WIDTHS = (20, 10, 7, 22, 7, 70)
FACTS_ROW = 4  # 1-based: 部署, 期間, 再提出の期限, 提出先, 指摘の数
HEADER_ROW = FACTS_ROW + len(msg.RETURN_FACT_LABELS) + 1
COMMENT_SIZE = (320, 140)  # pixels
# findings of a refused cell whose text (before) goes back into it: what the department typed
TYPED_CODES = ("kpi.not_number", "kpi.unit", "cell.error", "effect.not_number", "effect.unit", "effect.negative",
               "effect.fraction", "field.not_integer", "field.not_number", "field.out_of_range", "field.not_date",
               "field.not_choice", "text.too_long")


def write_return(submission: Submission, plan: Plan, cfg: Config, out_dir: Path | None = None,
                 taken: set[Path] | None = None) -> Path:
    """Write the 差戻し workbook of one refused file; return its path (outbox/returns/… by default).

    A file that could not be identified keeps its extension in the name (財政課_pdf_差戻し.xlsx), so
    財政課.pdf and 財政課.csv never share one. `taken` holds the paths already written in this run: a
    second refused file of the same name gets _2, _3 … and is added to it.
    """
    out_dir = out_dir or cfg.returns_dir
    ident = submission.identity
    plan = (issued_plan(plan, ident.plan_id, ident.plan_version) if ident else None) or plan  # the form's version
    period = _rebuildable_period(submission, plan)
    if _council(submission):
        path = free(out_dir / submission.identity.period / (_safe_stem(submission.path.stem) + SUFFIX), taken)
        atomic_write_bytes(path, council_marked(submission, cfg))
    elif period is None:
        path = free(out_dir / UNIDENTIFIED / (unidentified_stem(submission.path) + SUFFIX), taken)
        atomic_write_bytes(path, findings_only(submission, plan, cfg))
    else:
        path = free(out_dir / period.code / (Path(forms.form_filename(ident.department)).stem + SUFFIX), taken)
        atomic_write_bytes(path, rebuilt(submission, plan, cfg, period))
    if taken is not None:
        taken.add(path)
    return path


def unidentified_stem(path: Path) -> str:
    """財政課.pdf → 財政課_pdf; 財政課.xlsx and a name without extension keep just the stem."""
    ext = path.suffix.lstrip(".")
    ext = "" if ext.lower() == "xlsx" else ext
    return _safe_stem(f"{path.stem}_{ext}" if ext else path.stem)


def free(path: Path, taken: set[Path] | None) -> Path:
    """path, or path with _2, _3 … before 差戻し when this run already wrote it."""
    if not taken or path not in taken:
        return path
    stem = path.name[: -len(SUFFIX)]
    n = 2
    while (candidate := path.with_name(f"{stem}_{n}{SUFFIX}")) in taken:
        n += 1
    return candidate


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
    form = DW.form_by_sha(cfg, sub.form_sha256) or DW.workspace_form(cfg)  # unknown: the current form
    data = forms.build_form(plan, ident.department, period, cfg, previous=sub.previous,
                            generated_at=datetime.fromisoformat(ident.generated_at), form=form)
    table = formread.parse_meta(formread.read_values(data).sheets[L.META_SHEET]).table
    rows = {(s, k): r for s, r, k, _ in table}
    wb = openpyxl.load_workbook(io.BytesIO(data))
    typed = {(f.sheet, f.cell): f.before for f in sub.findings
             if f.code in TYPED_CODES and f.before}
    moved = _fill(wb, sub, rows, typed, sheets_of(form))
    located = [(f, _locate(f, moved)) for f in sub.findings]
    for f, cell in located:
        if cell and f.severity != NORMALISED:
            mark(wb[f.sheet][cell], f)
    restored = any(f.code.startswith(("rows.", "cell.locked")) for f in sub.findings)
    _findings_sheet(wb, sub, located, _facts(sub, cfg, period), [msg.RETURN_NOTE] + ([msg.RETURN_NOTE_RESTORED] if restored else []))
    return with_comments_printed(wb)


def with_comments_printed(wb) -> bytes:
    """The workbook's bytes, each visible sheet after the first printing its comments (the reasons) at its end."""
    for ws in wb.worksheets[1:]:
        if ws.sheet_state == "visible":
            ws.page_setup.cellComments = "atEnd"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _fill(wb, sub: Submission, rows: dict[tuple[str, str], int], typed: dict,
          fs: FormSheets) -> dict[tuple[str, int], int]:
    """Write the entries at the rebuilt rows (fs: the sheets of the form's definition); return (sheet, row in
    their file) → row in this workbook."""
    moved: dict[tuple[str, int], int] = {}
    for sheet, df, key_col in ((L.REPORT_SHEET, sub.reports, "no"), (L.KPI_SHEET, sub.kpis, "kpi_key")):
        ws = wb[sheet]
        for their_row, entry in df.iterrows():
            r = rows.get((sheet, str(entry[key_col])))
            if r is None:
                continue
            moved[(sheet, int(their_row))] = r
            for col in fs.form.inputs(SHEET_TABLES[sheet]):
                at = fs.position(sheet, col.key)
                as_typed = typed.get((sheet, L.a1(int(their_row) - 1, at)))
                _fill_input(ws.cell(r, at + 1), entry[col.key], as_typed if col.ftype.numeric or
                            col in fs.defined[sheet] else None, col.ftype.numeric)
    return moved | _fill_responses(wb, sub, rows)


def _fill_input(cell, value: object, typed: str | None, numeric: bool) -> None:
    """One entry: a number as read (else as typed, when a finding says so), text as taken (else as typed)."""
    if numeric:
        _fill_number(cell, value, typed)
    elif value or typed:
        _set_text(cell, value or typed)


def _fill_responses(wb, sub: Submission, rows: dict[tuple[str, str], int]) -> dict[tuple[str, int], int]:
    """意見への対応 at the rebuilt rows of 審議会意見への対応; their rows located by the findings that name them."""
    sheet, moved = L.OPINION_SHEET, {}
    if sheet not in wb.sheetnames:
        return moved
    column = L.col_index(L.OPINION_COLUMNS, "response") + 1
    for _, entry in sub.report_rows:
        r = rows.get((sheet, str(entry["no"])))
        if r is not None and entry.get("response"):
            _set_text(wb[sheet].cell(r, column), entry["response"])
    for f in sub.findings:
        at = L.a1_index(f.cell)
        r = rows.get((sheet, str(f.item_no)))
        if f.sheet == sheet and at and r is not None:
            moved[(sheet, at[0] + 1)] = r
    return moved


def _fill_number(cell, actual: object, typed: str | None) -> None:
    """A KPI actual or 効果額 as the number read, else as the department typed it (when a finding says so)."""
    if isinstance(actual, int | float) and not isinstance(actual, bool) and math.isfinite(actual):
        cell.value = float(actual)
    elif typed:
        _set_text(cell, typed)


def _locate(f: Finding, moved: dict[tuple[str, int], int]) -> str:
    """The finding's cell in the rebuilt workbook ('' when the row is not there, e.g. an added row)."""
    at = L.a1_index(f.cell)
    if not at or (f.sheet, at[0] + 1) not in moved:
        return ""
    return L.a1(moved[(f.sheet, at[0] + 1)] - 1, at[1])


def mark(cell, f: Finding) -> None:
    """Colour the cell (errors red, warnings amber) and add the message to its comment."""
    label = SEVERITY_LABELS[f.severity]
    text = f"【{label}】{f.message}"
    if cell.comment is not None:
        text = cell.comment.text + "\n" + text
    if cell.fill != FILLS[ERROR]:
        cell.fill = FILLS.get(f.severity, FILLS[WARNING])
    if f.severity == ERROR:
        cell.border = Border(left=FRAME, right=FRAME, top=FRAME, bottom=FRAME)
    cell.comment = Comment(text, msg.RETURN_COMMENT_AUTHOR, *COMMENT_SIZE)


def _facts(sub: Submission, cfg: Config, period: Period | None) -> list[str]:
    """部署, 期間, 再提出の期限, 提出先 and the number of findings, for the first sheet."""
    errors = sum(1 for f in sub.findings if f.severity == ERROR)
    warnings = sum(1 for f in sub.findings if f.severity == WARNING)
    dept = sub.identity.department if sub.identity is not None else msg.RETURN_DEPT_UNKNOWN
    return [dept, period.long_label if period else msg.RETURN_PERIOD_UNKNOWN,
            msg.RETURN_DEADLINE.format(deadline=cfg.deadline), cfg.contact,
            msg.RETURN_COUNTS.format(errors=errors, warnings=warnings)]


def _findings_sheet(wb, sub: Submission, located: list[tuple[Finding, str]], facts: list[str],
                    notes: list[str]) -> None:
    """The first sheet 指摘事項 of a department form's (or a member's) return."""
    kpis = kpi_names(sub)
    findings_sheet(wb, sub.path.name, [(f, cell, subject(f, kpis)) for f, cell in located], facts, notes)


def findings_sheet(wb, name: str, located: list[tuple[Finding, str, str]], facts: list[str], notes: list[str],
                   labels: tuple[str, ...] = msg.RETURN_FACT_LABELS) -> None:
    """The first sheet 指摘事項: who and what period, the deadline and contact (labels: their names), then every
    finding at its cell of this workbook with its subject (項目・指標)."""
    ws = wb.create_sheet(msg.RETURN_SHEET, 0)
    for other in wb.worksheets[1:]:
        other.sheet_view.tabSelected = False
    wb.active = 0
    ws.sheet_view.tabSelected = True
    _set_text(ws.cell(1, 1), msg.RETURN_TITLE.format(name=name))
    ws.cell(1, 1).font = Font(name=xlsx.FONT, size=14, bold=True)
    _wide(ws, 2, "\n".join(notes), xlsx.fitted_height([("\n".join(notes), sum(WIDTHS))]))
    for r, (label, value) in enumerate(zip(labels, facts, strict=True), start=FACTS_ROW):
        _set_text(ws.cell(r, 1), label)
        _style(ws.cell(r, 1), header=True)
        _wide(ws, r, value, xlsx.fitted_height([(value, sum(WIDTHS[1:]))]), column=2)
        _style(ws.cell(r, 2))
    _findings_table(ws, located)
    _print_setup(ws, facts[0])


def _wide(ws: Worksheet, r: int, text: str, height: float | None, column: int = 1) -> None:
    """Text across the remaining columns of row r (merged, wrapped)."""
    _set_text(ws.cell(r, column), text)
    ws.merge_cells(start_row=r, start_column=column, end_row=r, end_column=len(WIDTHS))
    ws.cell(r, column).alignment = Alignment(wrap_text=True, vertical="top")
    if height:
        ws.row_dimensions[r].height = height


def _findings_table(ws: Worksheet, located: list[tuple[Finding, str, str]]) -> None:
    for c, (head, width) in enumerate(zip(msg.RETURN_HEADERS, WIDTHS, strict=True), start=1):
        _set_text(ws.cell(HEADER_ROW, c), head)
        _style(ws.cell(HEADER_ROW, c), header=True)
        ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = width
    order = sorted(located, key=lambda fc: finding_order(fc[0], fc[1]))  # the cells of this workbook
    for r, (f, cell, about) in enumerate(order, start=HEADER_ROW + 1):
        values = [f.file, f.sheet, cell or f.cell, about, SEVERITY_LABELS.get(f.severity, f.severity), f.message]
        for c, v in enumerate(values, start=1):
            _set_text(ws.cell(r, c), v)
            _style(ws.cell(r, c))
        if f.severity == ERROR:
            ws.cell(r, 5).fill = FILLS[ERROR]
        ws.row_dimensions[r].height = xlsx.fitted_height([(f.message, WIDTHS[-1]), (about, WIDTHS[3])])
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:F{max(HEADER_ROW, HEADER_ROW + len(located))}"


def _style(cell, header: bool = False) -> None:
    side = Side(style="thin", color="808080")
    cell.font = Font(name=xlsx.FONT, size=xlsx.FONT_SIZE, bold=header)
    cell.border = Border(left=side, right=side, top=side, bottom=side)
    cell.alignment = Alignment(wrap_text=True, vertical="center" if header else "top")
    if header:
        cell.fill = PatternFill("solid", fgColor=xlsx.HEADER.lstrip("#"))


def _print_setup(ws: Worksheet, dept: str) -> None:
    """A4 landscape, one page wide, header row repeated; header: department and sheet, footer: page x / y."""
    xlsx.landscape_one_page_wide(ws)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.oddHeader.left.text = dept.replace("&", "&&")
    ws.oddHeader.right.text = "&A"
    ws.oddFooter.center.text = msg.RETURN_FOOTER


# --- a council member's workbook ---------------------------------------------------------------

def _council(sub: Submission) -> bool:
    return sub.identity is not None and sub.identity.format_version == council_form.FORMAT_VERSION


def council_marked(sub: Submission, cfg: Config) -> bytes:
    """The member's own workbook (it passed the safety scan) with the cells of findings marked, and the
    指摘事項 sheet first: its _meta is the one issued, so the fingerprints still hold when it comes back."""
    wb = openpyxl.load_workbook(io.BytesIO(sub.path.read_bytes()))
    located = [(f, f.cell) for f in sub.findings]
    for f, cell in located:
        if cell and f.sheet in wb.sheetnames and f.severity != NORMALISED:
            mark(wb[f.sheet][cell], f)
    period = parse_period(sub.identity.period)
    _findings_sheet(wb, sub, located, _facts(sub, cfg, period), [msg.RETURN_NOTE])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- findings only -------------------------------------------------------------------------------

def findings_only(sub: Submission, plan: Plan | None = None, cfg: Config | None = None) -> bytes:
    """A workbook with just the 指摘事項 sheet (for files that could not be identified)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _findings_sheet(wb, sub, [(f, f.cell) for f in sub.findings], _facts(sub, cfg or Config(), None),
                    [msg.RETURN_NOTE_UNIDENTIFIED])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
