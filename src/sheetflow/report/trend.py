"""The plan period at a glance: one row per item, the fiscal years side by side (the report's 「計画期間の推移」).

Each year shows its 下期 report (the year's result); the report's own year shows the report's period. After
the plan's last 下期 a five-year summary follows: the total 効果額 and the final 達成度 counts.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from xlsxwriter.workbook import Workbook

from sheetflow import messages as msg
from sheetflow.ground import xlsx
from sheetflow.ground.config import Grade
from sheetflow.ground.periods import Period, fiscal_label
from sheetflow.plan.model import Item, Plan
from sheetflow.report.data import ItemReport, for_period, item_reports
from sheetflow.report.values import number, rows_by

FIXED_WIDTHS = [5, 26, 16]
YEAR_WIDTHS = [8, 9, 16, 9]


@dataclass(frozen=True)
class YearCell:
    report: ItemReport | None  # None: the year has no report yet
    kpis: str  # 「key: actual / target」 lines


@dataclass(frozen=True)
class TrendData:
    period: Period
    years: list[int]
    rows: list[tuple[ItemReport, list[YearCell]]]
    final: bool  # the report of the plan's last 下期: the five-year summary follows


def shown_period(period: Period, year: int) -> Period | None:
    """The period a year's columns show: its 下期, the report's period in the report's year, None later."""
    if year < period.year:
        return Period(year, 2)
    return period if year == period.year else None


def _kpi_text(item: Item, year: int, actuals: dict) -> str:
    lines = []
    for k in item.kpis:
        actual = number((actuals.get(k.key) or {}).get("actual"))
        target = k.compared(year)
        lines.append(msg.REPORT_TREND_KPI.format(key=k.key, actual=_plain(actual), target=_plain(target)))
    return "\n".join(lines)


def _plain(value: float | None) -> str:
    if value is None:
        return msg.VERDICT_NONE
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def collect_trend(plan: Plan, period: Period, current_all: pd.DataFrame | None,
                  kpis_all: pd.DataFrame | None) -> TrendData:
    years = list(range(plan.first_year, plan.last_year + 1))
    per_year: dict[int, tuple[list[ItemReport], dict] | None] = {}
    for year in years:
        p = shown_period(period, year)
        per_year[year] = None if p is None else (item_reports(plan, for_period(current_all, p.code)),
                                                 rows_by(for_period(kpis_all, p.code), "kpi_key"))
    rows = []
    for i, (item, base) in enumerate(zip(plan.items, item_reports(plan, None), strict=True)):
        cells = [YearCell(None, "") if per_year[y] is None else
                 YearCell(per_year[y][0][i], _kpi_text(item, y, per_year[y][1])) for y in years]
        rows.append((base, cells))
    return TrendData(period, years, rows, period == Period(plan.last_year, 2))


def write_trend_sheet(wb: Workbook, fmt: xlsx.Styles, plan: Plan, data: TrendData,
                      grades: tuple[Grade, ...]) -> None:
    ws = wb.add_worksheet(msg.REPORT_TREND_SHEET)
    widths = [*FIXED_WIDTHS, *YEAR_WIDTHS * len(data.years)]
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    xlsx.page_setup(ws, f"{plan.title} {data.period.label}")
    ws.write_string(0, 0, msg.REPORT_TREND_TITLE.format(first=fiscal_label(plan.first_year),
                                                        last=fiscal_label(plan.last_year),
                                                        period=data.period.label), fmt.title)
    ws.write_string(1, 0, msg.REPORT_TREND_NOTE, fmt.note)
    _headers(ws, fmt, data, 3)
    row = 5
    for item, cells in data.rows:
        values: list[object] = [item.no, item.name, item.department]
        for cell in cells:
            r = cell.report
            values += ["", "", "", ""] if r is None else [r.status or msg.NOT_REPORTED, r.grade, cell.kpis,
                                                          "" if r.effect is None else r.effect]
        for c, v in enumerate(values):
            xlsx.write_value(ws, row, c, None if v == "" else v, fmt.center if c == 0 else fmt.cell)
        ws.set_row(row, xlsx.fitted_height(zip((str(v) for v in values), widths, strict=False)))
        row += 1
    ws.freeze_panes(5, 3)
    if data.final:
        _summary(ws, fmt, plan, data, grades, row + 1)


def _headers(ws, fmt, data: TrendData, row: int) -> None:
    for c, head in enumerate(msg.REPORT_TREND_FIXED):
        ws.merge_range(row, c, row + 1, c, head, fmt.header)
    for n, year in enumerate(data.years):
        first = len(FIXED_WIDTHS) + n * len(YEAR_WIDTHS)
        ws.merge_range(row, first, row, first + len(YEAR_WIDTHS) - 1, fiscal_label(year), fmt.header)
        for c, head in enumerate(msg.REPORT_TREND_PER_YEAR):
            ws.write_string(row + 1, first + c, head, fmt.header)
    ws.repeat_rows(row, row + 1)


def _summary(ws, fmt, plan: Plan, data: TrendData, grades: tuple[Grade, ...], row: int) -> None:
    """After the plan's last 下期: the five years' 効果額 and the final 達成度 counts."""
    reports = [c.report for _, cells in data.rows for c in cells if c.report is not None]
    revenue = int(sum(r.revenue or 0 for r in reports))
    saving = int(sum(r.saving or 0 for r in reports))
    final = [cells[-1].report for _, cells in data.rows if cells[-1].report is not None]
    counts = "、".join(msg.REPORT_TREND_COUNT.format(label=g.label, count=sum(1 for r in final if r.grade == g.label))
                      for g in grades)
    ws.write_string(row, 0, msg.REPORT_TREND_SUMMARY, fmt.title)
    ws.write_string(row + 1, 0, msg.REPORT_TREND_SUMMARY_TOTAL.format(
        first=fiscal_label(plan.first_year), last=fiscal_label(plan.last_year), total=revenue + saving,
        revenue=revenue, saving=saving), fmt.note)
    ws.write_string(row + 2, 0, msg.REPORT_TREND_SUMMARY_GRADES.format(counts=counts), fmt.note)
