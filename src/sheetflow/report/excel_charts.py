"""The native Excel charts of the report's 概要 sheet: statuses by theme (stacked bars) and overall (doughnut);
and of a survey's 集計表 概要: the counts per choice of a 選択 field (columns).

They read their numbers from the sheet's count table (so a user who edits the table sees the chart follow).
"""

from __future__ import annotations

import pandas as pd
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from sheetflow import messages as msg
from sheetflow.ground import xlsx

SHEET = msg.REPORT_SHEETS[0]  # 概要: where the count table is
STATUS_COLOURS = {msg.STATUS_DONE: "#1B5E20", msg.STATUS_ON_TRACK: "#43A047", msg.STATUS_MOSTLY: "#C5E1A5",
                  msg.STATUS_BEHIND: "#E53935", msg.STATUS_NOT_STARTED: "#FFB74D", msg.NOT_REPORTED: "#BDBDBD"}
FALLBACK_COLOURS = ("#5C6BC0", "#26A69A", "#8D6E63", "#AB47BC", "#78909C")
CHART_PX = (480, 288)  # xlsxwriter's default chart size


def _colour(label: str, index: int) -> str:
    return STATUS_COLOURS.get(label, FALLBACK_COLOURS[index % len(FALLBACK_COLOURS)])


def _chart_font(size: int = 9) -> dict:
    return {"name": xlsx.FONT, "size": size}


def _place(ws: Worksheet, chart, box: tuple[int, int, int, int]) -> None:
    """Insert a chart at (row, col) sized (width, height) in pixels; it moves with cells, never resizes."""
    row, col, width, height = box
    ws.insert_chart(row, col, chart, {"x_scale": width / CHART_PX[0], "y_scale": height / CHART_PX[1],
                                      "object_position": 2})


def bar_chart(wb: Workbook, ws: Worksheet, counts: pd.DataFrame, first: int, last: int,
               box: tuple[int, int, int, int]) -> None:
    chart = wb.add_chart({"type": "bar", "subtype": "stacked"})
    for j, label in enumerate(counts.columns[:-1]):
        chart.add_series({"name": [SHEET, first - 1, j + 1], "categories": [SHEET, first, 0, last, 0],
                          "values": [SHEET, first, j + 1, last, j + 1], "gap": 40,
                          "fill": {"color": _colour(label, j)}, "border": {"color": "#FFFFFF"}})
    chart.set_title({"name": msg.REPORT_CHART_BAR, "name_font": _chart_font(11)})
    chart.set_y_axis({"reverse": True, "crossing": "max", "num_font": _chart_font()})  # theme 1 on top, scale below
    chart.set_x_axis({"num_font": _chart_font(), "major_gridlines": {"visible": True,
                                                                     "line": {"color": "#D9D9D9"}}})
    chart.set_legend({"position": "bottom", "font": _chart_font()})
    _place(ws, chart, box)


def pie_chart(wb: Workbook, ws: Worksheet, counts: pd.DataFrame, header_row: int, total_row: int,
               box: tuple[int, int, int, int]) -> None:
    labels = list(counts.columns[:-1])
    chart = wb.add_chart({"type": "doughnut"})
    chart.add_series({"name": msg.REPORT_CHART_PIE,
                      "categories": [SHEET, header_row, 1, header_row, len(labels)],
                      "values": [SHEET, total_row, 1, total_row, len(labels)],
                      "points": [{"fill": {"color": _colour(lb, j)}} for j, lb in enumerate(labels)],
                      "data_labels": {"value": True, "font": _chart_font(9)}})
    chart.set_title({"name": msg.REPORT_CHART_PIE, "name_font": _chart_font(11)})
    chart.set_legend({"position": "right", "font": _chart_font()})
    chart.set_hole_size(45)
    _place(ws, chart, box)


def column_chart(wb: Workbook, ws: Worksheet, title: tuple[str, int], rows: tuple[int, int],
                 box: tuple[int, int, int, int]) -> None:
    """A survey's counts per choice (集計表 概要): the choices in column A, their counts in column B, rows
    first..last of the sheet `ws`; title: (the chart's title, the value axis' step)."""
    (name, step), (first, last) = title, rows
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"name": name, "categories": [ws.name, first, 0, last, 0],
                      "values": [ws.name, first, 1, last, 1], "gap": 60, "fill": {"color": FALLBACK_COLOURS[0]},
                      "data_labels": {"value": True, "font": _chart_font()}})
    chart.set_title({"name": name, "name_font": _chart_font(11)})
    chart.set_x_axis({"num_font": _chart_font()})
    chart.set_y_axis({"min": 0, "major_unit": step, "num_font": _chart_font(),
                      "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_legend({"none": True})
    _place(ws, chart, box)


def column_px(width: float) -> int:
    """Pixels of a column `width` characters wide, as Excel draws it with the default font."""
    return int(width * 7 + 5) if width >= 1 else int(width * 12 + 0.5)
