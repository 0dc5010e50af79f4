"""The notice for a department that sent the form of a finished period.

The file is not a 差戻し (nothing in it is wrong): it stays in inbox/, held, and the department is told
which form to use instead. One sheet お知らせ: the sentence, then the facts (部署, the file, its period, the
current period, the form to use, deadline and contact), written to outbox/returns/<current period>/.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from sheetflow import messages as msg
from sheetflow.forms.workbook import form_filename
from sheetflow.ground import xlsx
from sheetflow.ground.config import Config
from sheetflow.ground.files import atomic_write_bytes
from sheetflow.ground.periods import Period

WIDTHS = (26, 90)


def notice_path(cfg: Config, department: str, current: Period) -> Path:
    """outbox/returns/<current period>/<部>_<課>_様式の期間のお知らせ.xlsx"""
    return cfg.returns_dir / current.code / (Path(form_filename(department)).stem + msg.NOTICE_FILE_SUFFIX)


def write_notice(cfg: Config, name: str, department: str, found: Period, current: Period) -> Path:
    """Write the notice for the file `name` (a form of `found`) of one department; return its path."""
    path = notice_path(cfg, department, current)
    atomic_write_bytes(path, notice_bytes(cfg, name, department, found, current))
    return path


def _form_name(cfg: Config, department: str, current: Period) -> str:
    form = form_filename(department)
    if (cfg.forms_dir(current) / form).is_file():
        return form
    return msg.NOTICE_FORM_ANY.format(current=current.long_label)


def notice_bytes(cfg: Config, name: str, department: str, found: Period, current: Period) -> bytes:
    form = _form_name(cfg, department, current)
    text = msg.NOTICE_TEXT.format(name=name, found=found.long_label, current=current.long_label, form=form)
    facts = (department, name, found.long_label, current.long_label, form, cfg.deadline, cfg.contact)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = msg.NOTICE_SHEET
    ws.cell(1, 1, msg.NOTICE_TITLE.format(name=name)).font = Font(name=xlsx.FONT, size=14, bold=True)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(WIDTHS))
    ws.cell(2, 1, text).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = xlsx.fitted_height([(text, sum(WIDTHS))])
    for r, (label, value) in enumerate(zip(msg.NOTICE_FACT_LABELS, facts, strict=True), start=4):
        _cell(ws.cell(r, 1, label), header=True)
        _cell(ws.cell(r, 2, value))
    for c, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = width
    xlsx.landscape_one_page_wide(ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell(cell, header: bool = False) -> None:
    side = Side(style="thin", color="808080")
    cell.data_type = "s"
    cell.font = Font(name=xlsx.FONT, size=xlsx.FONT_SIZE, bold=header)
    cell.border = Border(left=side, right=side, top=side, bottom=side)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if header:
        cell.fill = PatternFill("solid", fgColor=xlsx.HEADER.lstrip("#"))
