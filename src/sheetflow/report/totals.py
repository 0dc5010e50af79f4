"""The report's sheet 「集計」: the sums of the definition's 集計 fields by theme (data.FieldTotal).

One row per theme and a 計 row, one column per 集計 field: 合計 sums the field's values, 件数 counts the
items that filled it in. A definition without 集計 fields gives no sheet.
"""

from __future__ import annotations

from xlsxwriter.workbook import Workbook

from sheetflow import messages as msg
from sheetflow.plan.model import Plan
from sheetflow.report.cells import (
    DECIMAL,
    THEME_WIDTH,
    WHOLE,
    ReportStyles,
    add_sheet,
    write_header,
    write_note,
    write_row,
)
from sheetflow.report.data import FieldTotal, ReportData, theme_keys, theme_label

TOTALS_WIDTH = 14  # each 集計 column; its header wraps (the header row is fitted)


def write_totals_sheet(wb: Workbook, fmt: ReportStyles, plan: Plan, data: ReportData) -> None:
    """One row per theme and a 計 row; one column per 集計 field of the definition (none: no sheet)."""
    if not data.totals:
        return
    widths = [THEME_WIDTH, *[TOTALS_WIDTH] * len(data.totals)]
    ws = add_sheet(wb, fmt, msg.REPORT_TOTALS_SHEET, msg.REPORT_TOTALS_TITLE.format(period=data.period.label), widths)
    write_note(ws, fmt, 1, msg.REPORT_TOTALS_NOTE)
    row = write_header(ws, fmt, 3, (msg.REPORT_COUNTS_THEME, *(_total_header(t) for t in data.totals)), repeat=True)
    cells, sums = zip(*(fmt.sums[_number_format(t)] for t in data.totals), strict=True)
    themes = theme_keys(plan)
    for i, theme in enumerate(themes):
        write_row(ws, fmt, row + i, [theme_label(plan, theme), *(t.by_theme[theme] for t in data.totals)],
                  [fmt.label, *cells], fit=False)
    write_row(ws, fmt, row + len(themes), [msg.REPORT_TOTAL, *(t.total for t in data.totals)],
              [fmt.total_label, *sums], fit=False)


def _total_header(t: FieldTotal) -> str:
    """The column's header: the field's 見出し, a 件数 column says so (「…（件数）」)."""
    counted = t.field.total == msg.DEF_TOTAL_COUNT
    return msg.REPORT_TOTALS_COUNT.format(header=t.field.header) if counted else t.field.header


def _number_format(t: FieldTotal) -> str:
    """小数 sums keep their decimals; 金額・整数 sums and every 件数 are whole."""
    decimal = t.field.total == msg.DEF_TOTAL_SUM and t.field.ftype.kind == msg.TYPE_DECIMAL
    return DECIMAL if decimal else WHOLE
