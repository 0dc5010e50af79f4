"""A member's 審議会 evaluation workbook as intake reads it (form_kind=council in _meta).

read.py has already run the file-level safety scan and read the values; here: identity from an unedited
_meta (format, plan, year), the locked result cells against their fingerprints, the member's name, and
each item's 評価点 (a number 1 to 5, or blank) and 意見. Every problem is a Finding, as for departments.
The member's name makes the submission unit (審議会委員 <name>), so a resubmission replaces the earlier one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from sheetflow import messages as msg
from sheetflow.definition import normalise as N
from sheetflow.forms import council as C
from sheetflow.forms import layout as L
from sheetflow.forms import read as formread
from sheetflow.forms.model import FormIdentity
from sheetflow.ground.findings import Findings
from sheetflow.ground.periods import Period, fiscal_label
from sheetflow.intake import checks
from sheetflow.intake.entries import NO_MARK, usable_input
from sheetflow.plan.model import Plan
from sheetflow.plan.versions import issued_plan

SHEETS = (C.SHEET,)  # what intake reads besides _meta
INPUTS = {C.SHEET: {C.SCORE_COL, C.OPINION_COL}}  # the input columns whose formulas and error values are reported


def is_council(meta: formread.Meta | None) -> bool:
    """The workbook's _meta (None: it has none) says that it is a council evaluation workbook."""
    return meta is not None and meta.pairs.get("form_kind") == C.KIND


def member_name(value: object) -> str:
    """The member's name as the unit key: NFKC, spaces collapsed (山田　太郎 = 山田 太郎)."""
    text = unicodedata.normalize("NFKC", L.cell_text(value))
    return re.sub(r"\s+", " ", text).strip()


Marks = dict[tuple[str, int, int], tuple[str, str | None, str]]  # entries.cell_marks: formulas, error values


def inspect(f: Findings, values: formread.WorkbookValues, meta: formread.Meta, plan: Plan, expected: Period | None,
            marks: Marks | None = None) -> tuple[FormIdentity | None, C.CouncilReturn | None]:
    """The identity (unit = the member) and the answers; answers None when the file cannot be used.
    meta: the workbook's parsed _meta; marks: the input cells holding a formula or an error value (as for
    departments: a formula's cached value is read with a warning, an error value is refused)."""
    ident = checks.identity_of(f, meta)
    if ident is None:
        return None, None
    year = _year(meta)
    if not _usable(f, ident, year, plan, expected):
        return ident, None
    if C.SHEET not in values.sheets:
        f.add("sheet.missing", sheet=C.SHEET)
        return ident, None
    rows = values.sheets[C.SHEET]
    member = _member(f, rows)
    unit = msg.COUNCIL_MEMBER_UNIT.format(member=member) if member else msg.COUNCIL_MEMBER_UNKNOWN
    scores = tuple(s for s in (_answer(f, rows, meta, entry, marks or {}) for entry in meta.table) if s is not None)
    return replace(ident, department=unit), C.CouncilReturn(year, member, scores)


def _year(meta: formread.Meta) -> int:
    text = meta.pairs.get("year", "")
    return int(text) if text.isdigit() else 0


def _usable(f: Findings, ident: FormIdentity, year: int, plan: Plan, expected: Period | None) -> bool:
    """Format, plan and year the ones in use."""
    if ident.format_version != C.FORMAT_VERSION:
        f.add("identity.format", found=ident.format_version, expected=C.FORMAT_VERSION)
        return False
    if issued_plan(plan, ident.plan_id, ident.plan_version) is None:  # the current version or an archived one
        f.add("identity.plan", found=msg.INTAKE_PLAN_LABEL.format(plan_id=ident.plan_id, version=ident.plan_version),
              expected=msg.INTAKE_PLAN_LABEL.format(plan_id=plan.id, version=plan.version))
        return False
    in_plan = plan.first_year <= year <= plan.last_year
    if expected is not None and expected.year != year or not in_plan:
        wanted = (fiscal_label(expected.year) if expected is not None else msg.COUNCIL_YEAR_PLAN.format(
            first=fiscal_label(plan.first_year), last=fiscal_label(plan.last_year)))
        f.add("council.year", sheet=C.SHEET, found=fiscal_label(year) if year else ident.period, expected=wanted)
        return False
    return True


def _member(f: Findings, rows: list[list[object]]) -> str:
    row = rows[C.MEMBER_ROW] if len(rows) > C.MEMBER_ROW else []
    name = member_name(row[C.MEMBER_COL] if len(row) > C.MEMBER_COL else None)
    if not name:
        f.add("council.member_missing", sheet=C.SHEET, cell=C.member_cell())
    return name


def _answer(f: Findings, rows: list[list[object]], meta: formread.Meta,
            entry: tuple[str, int, str, str], marks: Marks) -> C.CouncilScore | None:
    """One item's score and opinion; None (with a finding) when its locked cells were changed."""
    _, excel_row, key, expected = entry
    row = rows[excel_row - 1] if len(rows) >= excel_row else []
    no = int(key)
    if C.row_fingerprint(meta.identity, row) != expected:
        f.add("cell.locked_edited", sheet=C.SHEET, cell=L.a1(excel_row - 1, 0), item_no=no, key=key,
              range=C.row_range(excel_row), columns="")  # not restored: the 差戻し is the member's own workbook
        return None
    padded = [*row, *[None] * len(C.COLUMNS)]
    if not _marked(f, marks, excel_row, C.SCORE_COL, no, padded):
        return C.CouncilScore(no, None, "")
    score = _score(f, padded[C.SCORE_COL], C.score_cell(excel_row), no)
    opinion = L.cell_text(padded[C.OPINION_COL]).strip() if _marked(f, marks, excel_row, C.OPINION_COL, no, padded) else ""
    if len(opinion) > C.OPINION_MAX:
        f.add("text.too_long", sheet=C.SHEET, cell=C.opinion_cell(excel_row), item_no=no,
              field=C.INPUT_COLUMNS[1].header, length=len(opinion), max_len=C.OPINION_MAX)
    return C.CouncilScore(no, score, opinion)


def _marked(f: Findings, marks: Marks, excel_row: int, col: int, no: int, row: list[object]) -> bool:
    """entries.usable_input for one input cell of the 評価シート."""
    where = {"sheet": C.SHEET, "cell": L.a1(excel_row - 1, col), "item_no": no}
    return usable_input(f, marks.get((C.SHEET, excel_row - 1, col), NO_MARK), row[col], C.COLUMNS[col].header, where)


def _score(f: Findings, value: object, cell: str, no: int) -> int | None:
    """A score 1 to 5, None when blank. A score typed as text (「4」「４」「4点」) is read by the normaliser of
    departments' numbers, with a recorded 自動修正; other text (約4, 良い) and numbers outside the scale are errors."""
    text = L.cell_text(value).strip()
    if not text:
        return None
    where = {"sheet": C.SHEET, "cell": cell, "item_no": no}
    number = N.normalise_number(value, msg.COUNCIL_SCORE_UNIT)
    if number.value is None or any(c.code != "norm.number" for c in number.changes):
        f.add("council.score_text", **where, value=text)
        return None
    if number.value not in C.SCORES:
        f.add("council.score_range", **where, value=text)
        return None
    for change in number.changes:
        f.add("council.score_number", **where, before=change.before, after=change.after)
    return int(number.value)
