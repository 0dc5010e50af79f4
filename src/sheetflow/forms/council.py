"""The 審議会 evaluation workbook: its values, its layout contract, its writer and its read-back.

One workbook per fiscal year for one council member: per item the year's results (locked, fingerprinted
in `_meta` like the department form) and two inputs, 評価点 (1 to 5, list validation) and 意見, plus the
member's name once in the header. forms never reads the ledger: the caller hands the year's results in
as `CouncilItem` values (report.council_book fills them). A new result column (効果額, 達成度) is one
field of CouncilItem and one Column of RESULT_COLUMNS; the writer, the fingerprints and intake follow.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime

from sheetflow import __version__
from sheetflow import messages as msg
from sheetflow.definition.workspace import COUNCIL_FORM, COUNCIL_TABLE, builtin_definition
from sheetflow.forms import layout as L
from sheetflow.forms import read as formread
from sheetflow.forms.sheets import PROTECT_OPTIONS, clean_text, header_text, write_meta
from sheetflow.ground import xlsx
from sheetflow.ground.periods import Period, fiscal_label
from sheetflow.plan.model import Plan

KIND = "council"  # _meta form_kind: intake dispatches on it
FORMAT_VERSION = "c1"
SHEET = msg.COUNCIL_SHEET
GUIDE_SHEET = msg.COUNCIL_GUIDE_SHEET
SHEETS = (GUIDE_SHEET, SHEET)
TITLE_ROW, NOTE_ROW, MEMBER_ROW, HEADER_ROW, FIRST_DATA_ROW = 0, 1, 2, 4, 5  # 0-based
MEMBER_COL = 2  # the name goes in C3 (merged to E3); its label is A3:B3
SCORES = (1, 2, 3, 4, 5)
MARGIN = 0.25


@dataclass(frozen=True)
class CouncilItem:
    """One item's result of the year as the council sees it (plain values; the report fills them)."""

    no: int
    theme: str
    name: str
    department: str
    status: str  # the status word, marked 上期時点 when only the 上期 report exists; 未報告 when none
    result: str
    indicators: tuple[str, ...]  # one line per indicator: actual vs target
    issues: str
    grade: str = ""  # 達成度 (下期)
    effect: str = ""  # 効果額: 歳入増 / 歳出減 in 千円, one line each given


@dataclass(frozen=True)
class CouncilSpec:
    plan: Plan
    year: int
    items: tuple[CouncilItem, ...]
    generated_at: datetime
    contact: str = ""
    password: str = ""

    @property
    def period(self) -> Period:
        return Period(self.year, 2)

    @property
    def identity(self) -> tuple[str, str, str, str]:
        return (self.plan.id, str(self.plan.version), self.period.code, msg.COUNCIL_UNIT)


# The columns come from the shipped definition (definition/builtin/council.json): headers, widths, prompts,
# the inputs 評価点 (整数 1–5) and 意見 (its 最大文字数).
DEFINITION = builtin_definition(COUNCIL_FORM)
RESULT_COLUMNS = tuple(c for c in DEFINITION.columns(COUNCIL_TABLE) if not c.input)
INPUT_COLUMNS = DEFINITION.inputs(COUNCIL_TABLE)
COLUMNS = RESULT_COLUMNS + INPUT_COLUMNS
OPINION_MAX = INPUT_COLUMNS[1].max_len
SCORE_COL, OPINION_COL = len(RESULT_COLUMNS), len(RESULT_COLUMNS) + 1


def member_cell() -> str:
    return L.a1(MEMBER_ROW, MEMBER_COL)


def score_cell(excel_row: int) -> str:
    return L.a1(excel_row - 1, SCORE_COL)


def opinion_cell(excel_row: int) -> str:
    return L.a1(excel_row - 1, OPINION_COL)


def row_range(excel_row: int) -> str:
    return f"{L.a1(excel_row - 1, 0)}:{L.a1(excel_row - 1, len(RESULT_COLUMNS) - 1)}"


def locked_values(item: CouncilItem) -> list[object]:
    """The locked cells of one item's row, in column order, as written and as read back."""
    values = []
    for col in RESULT_COLUMNS:
        value = getattr(item, col.key)
        if isinstance(value, tuple):
            value = "\n".join(value) or msg.COUNCIL_NO_INDICATOR
        values.append(value if col.kind == "int" else clean_text(str(value or "")) or None)
    return values


def fingerprint(identity: tuple[str, ...], values: list[object]) -> str:
    return L.fingerprint(identity, SHEET, values)


def row_fingerprint(identity: tuple[str, ...], row: list[object]) -> str:
    """The fingerprint of a sheet row as it stands now (its locked cells)."""
    return fingerprint(identity, [row[i] if i < len(row) else None for i in range(len(RESULT_COLUMNS))])


# --- writing -------------------------------------------------------------------------------------

def build_council_workbook(spec: CouncilSpec) -> bytes:
    """The workbook bytes, checked by reading them back as intake will."""
    if not spec.items:
        raise msg.DataError(msg.COUNCIL_NO_ITEMS)
    buffer = io.BytesIO()
    wb = xlsx.new_workbook(buffer)
    st = xlsx.Styles(wb)
    guide, sheet = (wb.add_worksheet(name) for name in SHEETS)
    _write_guide(guide, st, spec)
    table = _write_sheet(sheet, st, spec)
    for ws in (guide, sheet):
        _print_setup(ws, spec)
        ws.protect(spec.password, PROTECT_OPTIONS)
    sheet.activate()
    pairs = meta_pairs(spec, table)
    write_meta(wb, L.meta_rows(pairs, table), spec.password)
    _properties(wb, spec)
    wb.close()
    data = buffer.getvalue()
    _self_check(data, pairs, table)
    return data


def meta_pairs(spec: CouncilSpec, table: list[tuple[str, int, str, str]]) -> dict[str, str]:
    plan_id, plan_version, period, unit = spec.identity
    return {"format_version": FORMAT_VERSION, "plan_id": plan_id, "plan_version": plan_version,
            "period": period, "department": unit,
            "generated_at": spec.generated_at.isoformat(timespec="seconds"), "sheetflow_version": __version__,
            "row_count": str(len(table)), "kpi_count": "0", "form_kind": KIND, "year": str(spec.year)}


def _write_sheet(ws, st: xlsx.Styles, spec: CouncilSpec) -> list[tuple[str, int, str, str]]:
    year = fiscal_label(spec.year)
    ws.write_string(TITLE_ROW, 0, msg.COUNCIL_TITLE.format(year=year, title=spec.plan.title), st.title)
    ws.set_row(TITLE_ROW, 24)
    ws.write_string(NOTE_ROW, 0, msg.COUNCIL_NOTE.format(year=year), st.note)
    ws.merge_range(MEMBER_ROW, 0, MEMBER_ROW, MEMBER_COL - 1, msg.COUNCIL_MEMBER_LABEL, st.header)
    ws.merge_range(MEMBER_ROW, MEMBER_COL, MEMBER_ROW, MEMBER_COL + 2, "", st.input)
    ws.data_validation(MEMBER_ROW, MEMBER_COL, MEMBER_ROW, MEMBER_COL, {
        "validate": "length", "criteria": "<=", "value": 50, "input_title": msg.COUNCIL_MEMBER_LABEL,
        "input_message": msg.COUNCIL_MEMBER_PROMPT, "ignore_blank": True})
    ws.set_row(MEMBER_ROW, 22)
    heads = [header_text(c.header, c.width) for c in COLUMNS]
    for c, (col, head) in enumerate(zip(COLUMNS, heads, strict=True)):
        ws.set_column(c, c, col.width)
        ws.write_string(HEADER_ROW, c, head, st.header)
    ws.set_row(HEADER_ROW, xlsx.fitted_height((h, c.width) for h, c in zip(heads, COLUMNS, strict=True)))
    table = []
    for r, item in enumerate(spec.items, start=FIRST_DATA_ROW):
        values = locked_values(item)
        for c, value in enumerate(values):
            xlsx.write_value(ws, r, c, value, st.locked_num if c == 0 else st.locked)
        ws.write_blank(r, SCORE_COL, None, st.input_num)
        ws.write_blank(r, OPINION_COL, None, st.input)
        ws.set_row(r, xlsx.fitted_height((L.cell_text(v), col.width) for v, col in zip(values, RESULT_COLUMNS, strict=True)))
        table.append((SHEET, r + 1, str(item.no), fingerprint(spec.identity, values)))
    _validate(ws, len(spec.items))
    ws.freeze_panes(FIRST_DATA_ROW, 3)
    return table


def _validate(ws, count: int) -> None:
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + count - 1
    score, opinion = INPUT_COLUMNS
    ws.data_validation(first, SCORE_COL, last, SCORE_COL, {
        "validate": "list", "source": [str(s) for s in SCORES], "input_title": score.header,
        "input_message": score.prompt, "error_type": "stop", "error_title": msg.COUNCIL_SCORE_ERROR_TITLE,
        "error_message": msg.COUNCIL_SCORE_ERROR, "ignore_blank": True})
    ws.data_validation(first, OPINION_COL, last, OPINION_COL, {
        "validate": "length", "criteria": "<=", "value": OPINION_MAX, "input_title": opinion.header,
        "input_message": opinion.prompt, "error_type": "stop", "error_title": msg.FORMS_LENGTH_ERROR_TITLE,
        "error_message": msg.FORMS_LENGTH_ERROR.format(header=opinion.header, max_len=OPINION_MAX),
        "ignore_blank": True})


def _write_guide(ws, st: xlsx.Styles, spec: CouncilSpec) -> None:
    ws.set_column(0, 0, 100)
    ws.write_string(0, 0, msg.COUNCIL_GUIDE_TITLE.format(year=fiscal_label(spec.year)), st.title)
    ws.set_row(0, 24)
    for n, step in enumerate(msg.COUNCIL_GUIDE_STEPS, start=1):
        text = f"{n}. " + step.format(cell=member_cell(), contact=spec.contact)
        ws.write_string(n + 1, 0, text, st.text)
        ws.set_row(n + 1, xlsx.fitted_height([(text, 100)]))


def _print_setup(ws, spec: CouncilSpec) -> None:
    """A4 landscape (the guide portrait), one page wide, the header row on every page."""
    header = msg.COUNCIL_PAGE_HEADER.format(year=fiscal_label(spec.year))
    if ws.name == GUIDE_SHEET:
        xlsx.page_setup(ws, header)
        ws.set_portrait()
    else:
        xlsx.page_setup(ws, header, repeat_rows=(HEADER_ROW, HEADER_ROW))
    ws.set_margins(left=MARGIN, right=MARGIN, top=0.6, bottom=0.6)


def _properties(wb, spec: CouncilSpec) -> None:
    wb.set_properties({"title": msg.COUNCIL_DOC_TITLE.format(year=fiscal_label(spec.year)),
                       "subject": spec.plan.title, "author": msg.FORMS_AUTHOR, "company": spec.plan.municipality,
                       "created": spec.generated_at.astimezone(UTC)})


def _self_check(data: bytes, pairs: dict[str, str], table: list[tuple[str, int, str, str]]) -> None:
    values = formread.read_values(data)
    meta = formread.parse_meta(values.sheets.get(L.META_SHEET, []))
    problems = formread.meta_problems(meta, pairs)
    rows = values.sheets.get(SHEET, [])
    problems += [f"row:{r}" for _, r, _, fp in table
                 if r > len(rows) or row_fingerprint(meta.identity, rows[r - 1]) != fp]
    if problems:
        raise msg.DataError(msg.COUNCIL_SELF_CHECK_FAILED.format(problems=", ".join(problems)))


# --- reading back (intake) -------------------------------------------------------------------------

@dataclass(frozen=True)
class CouncilScore:
    """One member's answer for one item: 評価点 (None = not scored) and 意見."""

    no: int
    score: int | None
    opinion: str


@dataclass(frozen=True)
class CouncilReturn:
    """What a member's workbook holds once intake has checked it."""

    year: int
    member: str
    scores: tuple[CouncilScore, ...]
