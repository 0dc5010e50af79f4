"""A simulated department answers a survey (庁内照会) workbook, mistakes included.

It knows only what the workbook shows: the visible sheets after the first (記入方法), the unlocked cells, each
cell's data validation (a dropdown list, a whole or decimal number with its bounds, a date, a length) and its
guide (記入方法) naming the required columns. A list sheet (every cell of its rows unlocked) gets a few rows; other rows are answered
whole. It edits with openpyxl, as Excel would save the file.
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from sheetflow import messages as msg
from sheetflow.demo.fill import dropdown_choices

MISTAKES = ("approx_number", "zenkaku", "missing_required")


def fill_survey(src: Path, dst: Path, rng: random.Random, mistakes: tuple[str, ...] = ()) -> list[str]:
    """Answer every data sheet of the workbook at src and save it as dst; the mistakes made, in order."""
    wb = load_workbook(src)
    made: list[str] = []
    for ws in [w for w in wb.worksheets[1:] if w.sheet_state == "visible"]:
        for row in _rows_to_answer(ws, rng):
            for cell in (c for c in row if not c.protection.locked):
                cell.value = _answer(wb, ws, cell, rng)
    for mistake in mistakes:
        if _make_mistake(wb, mistake, rng):
            made.append(mistake)
    dst.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dst)
    return made


def _rows_to_answer(ws: Worksheet, rng: random.Random) -> list[tuple]:
    """The rows with unlocked cells; of a list sheet (no locked cell in those rows), the first one to three."""
    width = sum(1 for c in ws[_header_row(ws)] if c.value not in (None, ""))  # the table's columns
    rows = [r for r in ws.iter_rows() if any(not c.protection.locked for c in r[:width])]
    is_list = len(rows) > 1 and all(not c.protection.locked for r in rows for c in r[:width])
    return rows[:rng.randint(1, 3)] if is_list else rows


def _header_row(ws: Worksheet) -> int:
    """The header row: the row above the first row with an unlocked cell."""
    return next(r for r in ws.iter_rows() if any(not c.protection.locked for c in r))[0].row - 1


def _rule(ws: Worksheet, cell):
    return next((dv for dv in ws.data_validations.dataValidation if cell.coordinate in dv.sqref), None)


def _answer(wb, ws: Worksheet, cell, rng: random.Random) -> object:
    """A valid answer by the cell's own validation."""
    dv = _rule(ws, cell)
    kind = dv.type if dv is not None else ""
    if kind == "list":
        return rng.choice(dropdown_choices(wb, ws, cell.column) or [""])
    if kind in ("whole", "decimal"):
        low, high = _bounds(dv)
        value = rng.uniform(low, min(high, low + 40))
        return int(value) if kind == "whole" else round(value, 1)
    if kind == "date":
        return datetime(2025, rng.randint(4, 12), rng.randint(1, 28))
    return rng.choice(msg.DEMO_SURVEY_TEXTS)


def _bounds(dv) -> tuple[float, float]:
    """(low, high) of a number validation; unbounded sides as 0 and 1000."""
    one, two = (float(v) if v not in (None, "") else None for v in (dv.formula1, dv.formula2))
    if dv.operator in (None, "between"):
        return one if one is not None else 0.0, two if two is not None else 1000.0
    if dv.operator in ("greaterThanOrEqual", "greaterThan"):
        return one, one + 1000
    return 0.0, one


def required_headers(wb) -> set[str]:
    """The column headers the guide (記入方法, the first sheet) names as required: 「（必須: 職員数、…）」."""
    head, tail = msg.SURVEY_GUIDE_REQUIRED.split("{fields}")
    texts = [str(c.value) for r in wb.worksheets[0].iter_rows() for c in r if isinstance(c.value, str)]
    found = (t.split(head, 1)[1].split(tail, 1)[0] for t in texts if head in t)
    return {h for names in found for h in names.split(msg.SURVEY_LABEL_SEPARATOR)}


def _make_mistake(wb, mistake: str, rng: random.Random) -> bool:
    """Type one mistake into the first answered cell it fits; False when the workbook has no such cell."""
    required = required_headers(wb)
    for ws in [w for w in wb.worksheets[1:] if w.sheet_state == "visible"]:
        for cell in (c for r in ws.iter_rows() for c in r if not c.protection.locked and c.value not in (None, "")):
            dv = _rule(ws, cell)
            if mistake in ("approx_number", "zenkaku") and dv is not None and dv.type == "whole":
                cell.value = msg.DEMO_SURVEY_APPROX.format(value=cell.value) if mistake == "approx_number" else \
                    str(cell.value).translate(_ZENKAKU)
                return True
            if mistake == "missing_required" and _header(ws, cell) in required:
                cell.value = None
                return True
    return False


def _header(ws: Worksheet, cell) -> str:
    return str(ws.cell(_header_row(ws), cell.column).value or "").replace("\n", "")


_ZENKAKU = str.maketrans("0123456789.-", msg.DEMO_ZENKAKU_DIGITS)
