"""The header rows of the sheets intake reads: an edited column header is refused, with its cell.

Columns are read by position; a header that says something else (typed over, or columns moved or inserted)
means the values under it may not be what the form asked for. Forms of an older format version have the
columns of their version (Field.since, the 追加版 of the built-in definition). Line breaks and spaces do not count: forms.sheets breaks
long headers to fit their columns, and Excel users may too.
"""

from __future__ import annotations

import functools
import re

from sheetflow import messages as msg
from sheetflow.definition.model import Field, FormDefinition
from sheetflow.forms import council as C
from sheetflow.forms import layout as L
from sheetflow.forms.read import WorkbookValues
from sheetflow.ground.findings import Findings
from sheetflow.intake.fields import sheets_of

_SPACE = re.compile(r"\s+")


def check_form(f: Findings, values: WorkbookValues, sheets: list[str], of: tuple[str, int],
               form: FormDefinition) -> None:
    """Findings for the edited headers of a department form's data sheets (those present); of: the form's
    format version and half; form: the definition it was made from."""
    columns = sheets_of(form).columns
    for sheet in (s for s in sheets if s in columns):
        expected = _form_headers(columns[sheet], sheet == L.REPORT_SHEET, *of)
        _check_row(f, sheet, _row(values, sheet, L.HEADER_ROW), L.HEADER_ROW, expected)


def check_council(f: Findings, values: WorkbookValues) -> None:
    """Findings for the edited headers of a council member's 評価シート (when it is there)."""
    if C.SHEET in values.sheets:
        _check_row(f, C.SHEET, _row(values, C.SHEET, C.HEADER_ROW), C.HEADER_ROW, _council_headers())


def check_table(f: Findings, values: WorkbookValues, sheet: str, columns: tuple[Field, ...]) -> None:
    """Findings for the edited header row of one data sheet whose columns are `columns` (a survey's table)."""
    _check_row(f, sheet, _row(values, sheet, L.HEADER_ROW), L.HEADER_ROW, tuple(_expected(c, c) for c in columns))


Expected = tuple[tuple[str, frozenset[str]], ...]  # per column: the header shown, every accepted one squashed


@functools.lru_cache(maxsize=64)
def _form_headers(columns: tuple[Field, ...], by_half: bool, version: str, half: int) -> Expected:
    """The columns a form of this version has, as a form of this half shows them (by_half: 進捗報告); the
    generic header and the wording earlier forms showed are accepted too."""
    shown = L.for_half(columns, half) if by_half else columns
    return tuple(_expected(c, s) for c, s in zip(columns, shown, strict=True) if _has(c, version))


@functools.cache
def _council_headers() -> Expected:
    return tuple(_expected(c, c) for c in C.COLUMNS)


def _expected(column: Field, shown: Field) -> tuple[str, frozenset[str]]:
    known = (column.header, shown.header, *msg.EFFECT_FORMER_HEADERS.get(column.key, ()))
    return shown.header, frozenset(_squash(h) for h in known)


def _has(column: Field, version: str) -> bool:
    return not (version.isdigit() and column.since.isdigit()) or int(column.since) <= int(version)


def _row(values: WorkbookValues, sheet: str, row: int) -> list[object]:
    rows = values.sheets[sheet]
    return rows[row] if row < len(rows) else []


def _check_row(f: Findings, sheet: str, cells: list[object], row: int, expected: Expected) -> None:
    for i, (shown, known) in enumerate(expected):
        found = L.cell_text(cells[i]) if i < len(cells) else ""
        if _squash(found) not in known:
            f.add("sheet.header_edited", sheet=sheet, cell=L.a1(row, i), expected=shown, found=found)


def _squash(text: str) -> str:
    return _SPACE.sub("", text)
