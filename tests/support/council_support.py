"""Helpers for the council tests (no tests here): a member fills the evaluation workbook as a person does.

Only the unlocked cells are touched (委員名 C3, 評価点 and 意見 of each item row), with openpyxl.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from ledger_support import set_saved_at
from openpyxl import load_workbook

from sheetflow.forms import council as C


def item_rows(path: Path) -> dict[int, int]:
    """item no → 1-based Excel row of the workbook's 評価シート."""
    ws = load_workbook(path)[C.SHEET]
    return {int(ws.cell(r, 1).value): r for r in range(C.FIRST_DATA_ROW + 1, ws.max_row + 1)
            if ws.cell(r, 1).value not in (None, "")}


def fill_member(src: Path, dst: Path, member: str | None, scores: dict[int, object],
                opinions: dict[int, str] | None = None, saved_at: datetime | None = None, edit=None) -> Path:
    """Fill a copy: the member's name, a score per item no, opinions; saved as dst (any name)."""
    wb = load_workbook(src)
    ws = wb[C.SHEET]
    if member is not None:
        ws[C.member_cell()] = member
    rows = item_rows(src)
    for no, score in scores.items():
        ws[C.score_cell(rows[no])] = score
    for no, text in (opinions or {}).items():
        ws[C.opinion_cell(rows[no])] = text
    if edit:
        edit(ws)
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(set_saved_at(data, saved_at) if saved_at else data)
    return dst
