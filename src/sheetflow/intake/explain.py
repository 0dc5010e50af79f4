"""What one checked file says to the people running sheetflow: its findings as short lines.

Each line is severity, シート!セル, the subject (No.3, or for an indicator 「指標 18-1 …」 with its name)
and the reason. merge and check print these lines per file (cli/output.py); the 差戻し workbook
(intake/returns.py) shows the same subject. Everywhere findings are listed (these lines, the 差戻し
workbook, `check --json`) they are in place order: the file's own first, then by sheet in the form's
sheet order, row, column (A9 before A10), severity last.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sheetflow import messages as msg
from sheetflow.forms import council as C
from sheetflow.forms import layout as L
from sheetflow.ground.findings import ERROR, NORMALISED, WARNING, Finding

if TYPE_CHECKING:  # annotations only: a survey's status lists findings without loading pandas
    from sheetflow.intake.model import Submission

_ORDER = {ERROR: 0, WARNING: 1, NORMALISED: 2}
# the sheets of a department form, then of a council evaluation workbook, in the workbooks' own order
SHEET_ORDER = (*L.VISIBLE_SHEETS, L.OPINION_SHEET, *C.SHEETS, L.META_SHEET, L.LISTS_SHEET)


@dataclass(frozen=True)
class FindingLine:
    severity: str  # error | warning | normalised
    where: str  # 進捗報告!I5, or the sheet, or ''
    subject: str  # No.3 / 指標 18-1「…」 / ''
    message: str


def kpi_names(sub: Submission) -> dict[int, tuple[str, str]]:
    """Excel row of the 指標実績 sheet → (indicator key, indicator name), from the file's own rows."""
    return {row: (str(entry["kpi_key"]), str(entry.get("kpi", "") or "")) for row, entry in sub.kpi_rows}


def subject(f: Finding, kpis: dict[int, tuple[str, str]]) -> str:
    """「指標 18-1「…」」 for a finding on an indicator's row, 「No.3」 for an item, '' otherwise."""
    at = L.a1_index(f.cell)
    if f.sheet == L.KPI_SHEET and at and at[0] + 1 in kpis:
        key, name = kpis[at[0] + 1]
        return msg.INTAKE_SUBJECT_KPI.format(key=key, name=name) if name else msg.INTAKE_SUBJECT_KPI_KEY.format(key=key)
    return "" if f.item_no is None else msg.INTAKE_SUBJECT_ITEM.format(no=f.item_no)


def place_key(sheet: str, cell: str) -> tuple:
    """Sort key of a place: no sheet (the whole file) first, then the sheet in the form's order (others after
    them, by name), the sheet itself before its cells, then row and column as numbers."""
    row, col = L.a1_index(cell) or (-1, -1)
    rank = SHEET_ORDER.index(sheet) if sheet in SHEET_ORDER else len(SHEET_ORDER)
    return (bool(sheet), rank, "" if sheet in SHEET_ORDER else sheet, row, col)


def finding_order(f: Finding, cell: str = "") -> tuple:
    """Sort key of a finding at its place (or at `cell` of its sheet): place_key, then errors before warnings
    before 自動修正."""
    return (place_key(f.sheet, cell or f.cell), _ORDER.get(f.severity, 3))


def in_place_order(findings: list[Finding]) -> list[Finding]:
    """The findings sorted by finding_order (stable: one place keeps the findings' own order)."""
    return sorted(findings, key=finding_order)


def finding_lines(sub: Submission, severities: tuple[str, ...] = (ERROR, WARNING, NORMALISED)) -> list[FindingLine]:
    """The file's findings of these severities as lines, in place order."""
    kpis = kpi_names(sub)
    chosen = in_place_order([f for f in sub.findings if f.severity in severities])
    return [FindingLine(f.severity, f.where, subject(f, kpis), f.message) for f in chosen]


def looks_like(sheet_names: list[str]) -> str:
    """What a workbook that is not a form seems to be, by its sheets: the finding variant of
    file.not_a_form ('report', 'ledger', 'return', or '' for anything else)."""
    names = set(sheet_names)
    if {msg.LEDGER_SHEET_CURRENT, msg.LEDGER_SHEET_LOG} <= names:
        return "ledger"
    if len(names & set(msg.REPORT_SHEETS)) >= 2:
        return "report"
    if msg.RETURN_SHEET in names:
        return "return"
    return ""
