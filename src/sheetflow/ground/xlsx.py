"""Shared xlsxwriter plumbing: safe workbook options, the house styles, page setup, cell writing.

Every workbook sheetflow writes goes through here, so department text is always written as a string
(never a formula, number or URL) and every sheet prints the same way.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from sheetflow import messages as msg

FONT = msg.XLSX_FONT  # LibreOffice substitutes the system's Japanese sans (Noto Sans CJK JP / IPAexGothic)
FONT_SIZE = 10
A4 = 9
GREY = "#E7E6E6"
YELLOW = "#FFF2CC"
HEADER = "#D9E1F2"
RED = "#F8CBAD"
LINE_HEIGHT = 15.0  # points per wrapped line of 10pt CJK text (Excel's 游ゴシック and LO's Noto both fit)
ROW_PADDING = 4.0
MAX_ROW_HEIGHT = 409.0  # Excel's limit


def new_workbook(target: Any, constant_memory: bool = False) -> Workbook:
    """A workbook that never turns text into formulas, numbers or links."""
    options = {
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
        "nan_inf_to_errors": False,
    }
    options["constant_memory" if constant_memory else "in_memory"] = True
    wb = xlsxwriter.Workbook(target, options)
    wb.formats[0].set_font_name(FONT)
    wb.formats[0].set_font_size(FONT_SIZE)
    return wb


class Styles:
    """The formats of one workbook (xlsxwriter formats belong to a workbook)."""

    def __init__(self, wb: Workbook):
        base = {"font_name": FONT, "font_size": FONT_SIZE, "valign": "top", "text_wrap": True, "border": 1}
        self.title = wb.add_format({"font_name": FONT, "font_size": 14, "bold": True})
        self.note = wb.add_format({"font_name": FONT, "font_size": FONT_SIZE, "text_wrap": False})
        self.text = wb.add_format({"font_name": FONT, "font_size": FONT_SIZE, "text_wrap": True, "valign": "top"})
        self.header = wb.add_format({**base, "bold": True, "bg_color": HEADER, "align": "center",
                                     "valign": "vcenter"})
        self.locked = wb.add_format({**base, "bg_color": GREY, "locked": True})
        self.locked_num = wb.add_format({**base, "bg_color": GREY, "locked": True, "num_format": "General"})
        self.input = wb.add_format({**base, "bg_color": YELLOW, "locked": False})
        self.input_num = wb.add_format({**base, "bg_color": YELLOW, "locked": False, "num_format": "General"})
        self.cell = wb.add_format(base)
        self.cell_num = wb.add_format({**base, "num_format": "General"})
        self.error = wb.add_format({**base, "bg_color": RED, "locked": False})


def wrapped_note(ws: Worksheet, row: int, text: str, widths: Sequence[float], fmt) -> None:
    """A note across the sheet's columns, wrapped to their width and as tall as its lines, so that it prints
    whole on the page (a long note left in one cell runs past the print area)."""
    ws.merge_range(row, 0, row, len(widths) - 1, "", fmt)
    ws.write_string(row, 0, text, fmt)  # as text, never read as a formula or link (merge_range's write would)
    ws.set_row(row, fitted_height([(text, sum(widths))]))


def write_value(ws: Worksheet, row: int, col: int, value: Any, fmt=None) -> None:
    """Write a value by its Python type: str always as a string, numbers as numbers, None as blank."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_string(row, col, "○" if value else "", fmt)
    elif isinstance(value, int | float):
        ws.write_number(row, col, value, fmt)
    else:
        ws.write_string(row, col, str(value), fmt)


def write_table(ws: Worksheet, styles: Styles, first_row: int, headers: list[str], rows: list[list[Any]],
                widths: list[float], number_cols: frozenset[int] = frozenset()) -> int:
    """Header + rows with borders, frozen header and an autofilter; returns the next free row."""
    for c, (h, w) in enumerate(zip(headers, widths, strict=True)):
        ws.write_string(first_row, c, h, styles.header)
        ws.set_column(c, c, w)
    for r, values in enumerate(rows, start=first_row + 1):
        for c, v in enumerate(values):
            write_value(ws, r, c, v, styles.cell_num if c in number_cols else styles.cell)
    last = first_row + max(len(rows), 1)
    ws.autofilter(first_row, 0, last, len(headers) - 1)
    ws.freeze_panes(first_row + 1, 0)
    return last + 1


def page_setup(ws: Worksheet, header: str, repeat_rows: tuple[int, int] | None = None) -> None:
    """A4 landscape, one page wide, print titles, header text and page numbers in the footer."""
    ws.set_paper(A4)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    if repeat_rows is not None:
        ws.repeat_rows(*repeat_rows)
    ws.set_header(f"&L{_escape(header)}&R&A", {"margin": 0.25})
    ws.set_footer(msg.XLSX_FOOTER, {"margin": 0.25})


def landscape_one_page_wide(sheet) -> None:
    """The same print setup for a sheet written with openpyxl (差戻し, notices): A4 landscape, one page wide."""
    sheet.page_setup.paperSize = A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _escape(text: str) -> str:
    return text.replace("&", "&&")


# --- sizing: autofit does not measure CJK text, so rows and columns are sized here -----------------
def text_width(text: str) -> int:
    """Display width in Excel character units: full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def wrapped_lines(cells: Iterable[tuple[object, float]]) -> int:
    """The most lines any (value, column width) cell of a row wraps to."""
    lines = 1
    for value, width in cells:
        if value is None or value == "":
            continue
        usable = max(width - 1.5, 1.0)
        text = value if isinstance(value, str) else str(value)
        lines = max(lines, sum(max(1, math.ceil(text_width(t) / usable)) for t in text.split("\n")))
    return lines


def fitted_height(cells: Iterable[tuple[object, float]], max_lines: int | None = None) -> float:
    """Row height (points) that shows every cell's wrapped text, capped at max_lines and Excel's limit."""
    lines = wrapped_lines(cells)
    if max_lines is not None:
        lines = min(lines, max_lines)
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + ROW_PADDING)
