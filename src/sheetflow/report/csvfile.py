"""CSV as sheetflow writes it for people and for open data: UTF-8 with a BOM (so Excel opens it), CRLF line
ends, and text that a spreadsheet would run as a formula kept as text with a leading apostrophe (OWASP CSV
injection). Used by the yearly publication (publish.py) and a survey's 集計表 (survey_csv.py)."""

from __future__ import annotations

import io

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_bytes(headers: list[str], rows: list[list[object]]) -> bytes:
    """The rows under their headers (None and "" both empty cells)."""
    frame = pd.DataFrame([[_cell(v) for v in r] for r in rows], columns=headers, dtype=object)  # 3 stays 3
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8-sig")
