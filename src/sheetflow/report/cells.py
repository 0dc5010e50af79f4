"""The report workbook's styles and cell plumbing: a sheet with its title and column widths, header rows,
table rows fitted to their wrapped text, notes, and the green / red highlights Excel keeps live.

Shared by the sheets of workbook.py and totals.py. Department text is written as a string
(sheetflow.xlsx), never as a formula.
"""

from __future__ import annotations

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from sheetflow.ground import xlsx

GREEN, LIGHT_RED, THEME_FILL = "#C6EFCE", "#FFC7CE", "#EDEDED"
THEME_WIDTH = 36  # the テーマ column of the 概要 and 集計 tables
WHOLE, DECIMAL = "#,##0", "#,##0.##"  # 集計 number formats: 金額・整数 and counts / 小数


class ReportStyles(xlsx.Styles):
    """The house styles plus the report's own; `widths` remembers each sheet's column widths (for fitting)."""

    def __init__(self, wb: Workbook):
        super().__init__(wb)
        font = {"font_name": xlsx.FONT, "font_size": xlsx.FONT_SIZE}
        self.heading = wb.add_format({**font, "bold": True, "font_size": 11})
        self.subtitle = wb.add_format({**font, "font_size": 12})
        self.theme = wb.add_format({**font, "bold": True, "bg_color": THEME_FILL, "border": 1})
        self.count = wb.add_format({**font, "border": 1, "align": "center", "valign": "top"})
        self.total = wb.add_format({**font, "border": 1, "align": "center", "bold": True, "bg_color": THEME_FILL})
        self.total_label = wb.add_format({**font, "border": 1, "bold": True, "bg_color": THEME_FILL})
        self.share = wb.add_format({**font, "border": 1, "align": "center", "num_format": "0%"})
        self.pct = wb.add_format({**font, "border": 1, "align": "right", "valign": "top", "num_format": "0.0%"})
        self.center = wb.add_format({**font, "border": 1, "align": "center", "valign": "top", "text_wrap": True})
        self.label = wb.add_format({**font, "border": 1})
        self.good = wb.add_format({"bg_color": GREEN, "font_color": "#006100"})
        self.bad = wb.add_format({"bg_color": LIGHT_RED, "font_color": "#9C0006"})
        self.num = wb.add_format({**font, "border": 1, "valign": "top", "align": "right", "text_wrap": True,
                                  "num_format": DECIMAL})
        self.wrap_note = wb.add_format({**font, "text_wrap": True, "valign": "top"})
        self.sums = {nf: (wb.add_format({**font, "border": 1, "align": "right", "num_format": nf}),
                          wb.add_format({**font, "border": 1, "align": "right", "bold": True, "bg_color": THEME_FILL,
                                         "num_format": nf})) for nf in (WHOLE, DECIMAL)}  # (cell, 計 row)
        self.page_header = ""
        self.widths: dict[str, list[float]] = {}


def add_sheet(wb: Workbook, fmt: ReportStyles, name: str, title: str, widths: list[float]) -> Worksheet:
    """A new sheet with its title in A1, its column widths and the report's page setup."""
    ws = wb.add_worksheet(name)
    ws.write_string(0, 0, title, fmt.title)
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    fmt.widths[name] = widths
    xlsx.page_setup(ws, fmt.page_header)
    return ws


def write_header(ws: Worksheet, fmt: ReportStyles, row: int, headers: tuple[str, ...], repeat: bool = False,
                 fit: bool = True) -> int:
    """Write a header row; repeat=True also prints it on every page and freezes the panes below it."""
    for c, h in enumerate(headers):
        ws.write_string(row, c, h, fmt.header)
    if fit:
        ws.set_row(row, xlsx.fitted_height(zip(headers, fmt.widths[ws.name], strict=False)))
    if repeat:
        ws.repeat_rows(row)
        ws.freeze_panes(row + 1, 0)
    return row + 1


def write_row(ws: Worksheet, fmt: ReportStyles, row: int, values: list, formats: list, fit: bool = True) -> None:
    """Write one table row; fit=True sets its height to show all wrapped text (LibreOffice does not
    recompute row heights of an xlsx it opens, Excel only sometimes)."""
    for c, (v, f) in enumerate(zip(values, formats, strict=True)):
        xlsx.write_value(ws, row, c, None if v == "" else v, f)
    if fit:
        ws.set_row(row, xlsx.fitted_height(zip(values, fmt.widths[ws.name], strict=False)))


def write_note(ws: Worksheet, fmt: ReportStyles, row: int, note: str) -> None:
    """A wrapped note across the sheet's columns."""
    xlsx.wrapped_note(ws, row, note, fmt.widths[ws.name], fmt.wrap_note)


def highlight(ws: Worksheet, fmt: ReportStyles, first: int, last: int, col: int, good: str | None,
              bad: str | None) -> None:
    """Green cells equal to `good`, red cells equal to `bad` (conditional formats Excel keeps live)."""
    for value, style in ((good, fmt.good), (bad, fmt.bad)):
        if value is None or last < first:
            continue
        ws.conditional_format(first, col, last, col, {"type": "cell", "criteria": "==", "value": f'"{value}"',
                                                      "format": style})
