"""The header rows of the sheets intake reads: an edited column header is refused, with its cell.

Columns are read by position; a header that says something else (typed over, or columns moved or inserted)
means the values under it may not be what the form asked for. Forms of an older format version have the
columns of their version (layout.Column.since). Line breaks and spaces do not count: forms.sheets breaks
long headers to fit their columns, and Excel users may too.
"""

from __future__ import annotations

import re

from sheetflow import messages as msg
from sheetflow.forms import council as C
from sheetflow.forms import layout as L
from sheetflow.forms.read import WorkbookValues
from sheetflow.ground.findings import Findings

_SPACE = re.compile(r"\s+")


def check_form(f: Findings, values: WorkbookValues, sheets: list[str], version: str, half: int) -> None:
    """Findings for the edited headers of a department form's data sheets (those present)."""
    for sheet in sheets:
        shown = L.for_half(L.SHEET_COLUMNS[sheet], half) if sheet == L.REPORT_SHEET else L.SHEET_COLUMNS[sheet]
        pairs = [(c, s) for c, s in zip(L.SHEET_COLUMNS[sheet], shown, strict=True) if _has(c, version)]
        _check_row(f, sheet, _row(values, sheet, L.HEADER_ROW), L.HEADER_ROW, pairs)


def check_council(f: Findings, values: WorkbookValues) -> None:
    """Findings for the edited headers of a council member's 評価シート (when it is there)."""
    if C.SHEET in values.sheets:
        _check_row(f, C.SHEET, _row(values, C.SHEET, C.HEADER_ROW), C.HEADER_ROW, [(c, c) for c in C.COLUMNS])


def _has(column: L.Column, version: str) -> bool:
    return not (version.isdigit() and column.since.isdigit()) or int(column.since) <= int(version)


def _row(values: WorkbookValues, sheet: str, row: int) -> list[object]:
    rows = values.sheets[sheet]
    return rows[row] if row < len(rows) else []


def _check_row(f: Findings, sheet: str, cells: list[object], row: int,
               pairs: list[tuple[L.Column, L.Column]]) -> None:
    """pairs: (column, the column as this form shows it) in column order; either header is accepted, and
    the wording earlier forms showed."""
    for i, (column, shown) in enumerate(pairs):
        found = L.cell_text(cells[i]) if i < len(cells) else ""
        known = (column.header, shown.header, *msg.EFFECT_FORMER_HEADERS.get(column.key, ()))
        if _squash(found) not in {_squash(h) for h in known}:
            f.add("sheet.header_edited", sheet=sheet, cell=L.a1(row, i), expected=shown.header, found=found)


def _squash(text: str) -> str:
    return _SPACE.sub("", text)
