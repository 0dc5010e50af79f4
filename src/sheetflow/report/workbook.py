"""The consolidated period report workbook (概要 with native charts, テーマ別, 指標, 遅れ, 前回からの変化, 提出状況;
効果額・達成度, 集計, 計画の見直し and 審議会意見への対応 are written by effects, totals, revisions and responses).

`build_report` is pure: plan + period + the ledger's DataFrames in, xlsx bytes out (the numbers come from
data.py). `write_period_report` is the thin edge that opens the ledger and writes the file atomically.
Department text is always written as a string (sheetflow.xlsx), never as a formula.
"""

from __future__ import annotations

import io
import math
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.forms.layout import DIRECTION_LABELS
from sheetflow.ground import xlsx
from sheetflow.ground.config import Config, Status
from sheetflow.ground.files import atomic_write_bytes, check_replaceable
from sheetflow.ground.periods import Period, fiscal_label, japan_time
from sheetflow.ledger.tables import MISSING
from sheetflow.plan.model import Plan
from sheetflow.plan.versions import plan_in_force
from sheetflow.report.cells import (
    THEME_WIDTH,
    ReportStyles,
    add_sheet,
    highlight,
    write_header,
    write_note,
    write_row,
)
from sheetflow.report.data import ReportData, by_theme, collect, shares_percent, theme_label, totalled_fields
from sheetflow.report.effects import EffectsData, collect_effects, joined, write_effects_sheet
from sheetflow.report.excel_charts import bar_chart, column_px, pie_chart
from sheetflow.report.kpis import measure
from sheetflow.report.responses import Response, period_responses, response_sheet
from sheetflow.report.revisions import revision_sheet
from sheetflow.report.totals import write_totals_sheet
from sheetflow.report.values import as_period, japanese_date

SUMMARY, ITEMS, KPIS, BEHIND, CHANGES, SUBMISSIONS = msg.REPORT_SHEETS
SUMMARY_WIDTHS = {"theme": THEME_WIDTH, "count": 9, "gap": 2}
CHART_ROWS = 18  # height of the bar chart in default rows
ROW_PX = 20  # default row height in pixels
PIE_COLUMNS = 5


def build_report(plan: Plan, period: Period | str, cfg: Config, current: pd.DataFrame | None,
                 kpis: pd.DataFrame | None, previous_current: pd.DataFrame | None,
                 previous_kpis: pd.DataFrame | None, status: pd.DataFrame | None,
                 generated: datetime | None = None, every_period: pd.DataFrame | None = None,
                 every_kpis: pd.DataFrame | None = None) -> bytes:
    """The report workbook for one period, as xlsx bytes (pure). every_*: all periods' current rows."""
    period = as_period(period)
    plan = plan_in_force(plan, period)
    data = collect(plan, period, DW.statuses(cfg), current, kpis, previous_current, previous_kpis, status,
                   totalled_fields(DW.workspace_form(cfg), period.half))
    every = joined(current, previous_current) if every_period is None else every_period
    every_k = joined(kpis, previous_kpis) if every_kpis is None else every_kpis
    return _render(plan, data, DW.statuses(cfg), generated, collect_effects(plan, data.period, cfg, every, every_k))


def _render(plan: Plan, data: ReportData, statuses: tuple[Status, ...], generated: datetime | None, effects: EffectsData,
            responses: list[Response] | None = None) -> bytes:
    buffer = io.BytesIO()
    wb = xlsx.new_workbook(buffer)
    fmt = ReportStyles(wb)
    fmt.page_header = f"{plan.title} {data.period.label}"
    _summary(wb, fmt, plan, data, generated or datetime.now())
    _items(wb, fmt, plan, data, statuses)
    _kpis(wb, fmt, data)
    write_effects_sheet(wb, fmt, plan, effects)
    write_totals_sheet(wb, fmt, plan, data)
    _behind(wb, fmt, plan, data)
    _changes(wb, fmt, data)
    _submissions(wb, fmt, data)
    revision_sheet(wb, plan, data.period)  # 計画の見直し, when a revision applies to the period
    response_sheet(wb, data.period, responses or [])  # 審議会意見への対応, once the council's opinions are in
    wb.close()
    return buffer.getvalue()


def report_path(cfg: Config, period: Period | str) -> Path:
    return cfg.reports_dir / msg.REPORT_FILE.format(period=as_period(period).code)


def write_period_report(cfg: Config, plan: Plan, period: Period | str, out: Path | None = None) -> Path:
    """Open the ledger, build the period's report and write it atomically; return its path."""
    return report_for_period(cfg, plan, period, out).path


class WrittenReport(NamedTuple):
    path: Path
    data: ReportData  # the figures it shows
    no_ledger: Path | None  # the ledger it was to read, when there is none yet (the report is then empty)


def report_for_period(cfg: Config, plan: Plan, period: Period | str, out: Path | None = None) -> WrittenReport:
    """Write the period's report from the ledger; return its path and the figures it shows."""
    from sheetflow.ledger.query import open_ledger, submission_status

    period = as_period(period)
    plan, out = plan_in_force(plan, period), out or report_path(cfg, period)  # targets of the version in force
    check_replaceable([out])  # open in Excel: say so before the work, change nothing
    previous = period.previous()
    ledger = open_ledger(cfg)
    data = collect(plan, period, DW.statuses(cfg), ledger.current(period.code), ledger.current_kpis(period.code),
                   ledger.current(previous.code), ledger.current_kpis(previous.code),
                   submission_status(ledger, plan, period.code), totalled_fields(DW.workspace_form(cfg), period.half))
    effects = collect_effects(plan, period, cfg, ledger.current(), ledger.current_kpis())
    responses = period_responses(cfg, plan, period)
    atomic_write_bytes(out, _render(plan, data, DW.statuses(cfg), None, effects, responses))
    return WrittenReport(out, data, None if ledger.exists else ledger.path)


# --- shared cell text ----------------------------------------------------------------------------
def _shown(value: str) -> str:
    """A status cell: 未報告 instead of a blank that could be read as 'nothing to report'."""
    return value or msg.NOT_REPORTED


# --- 概要 -----------------------------------------------------------------------------------------
def _summary(wb: Workbook, fmt: ReportStyles, plan: Plan, data: ReportData, generated: datetime) -> None:
    """Title, rates, the theme × status table with its 計 and 構成比 rows, a doughnut to the right of the
    tables and a stacked bar below them, all inside the print area of one A4 landscape page."""
    counts = data.counts
    n = len(counts.columns)  # statuses + 未報告 + 計
    widths = [SUMMARY_WIDTHS["theme"], *[SUMMARY_WIDTHS["count"]] * n, SUMMARY_WIDTHS["gap"],
              *[SUMMARY_WIDTHS["count"]] * PIE_COLUMNS]
    ws = add_sheet(wb, fmt, SUMMARY, msg.REPORT_TITLE.format(title=plan.title), widths)
    ws.write_string(1, 0, data.period.long_label, fmt.subtitle)
    ws.write_string(2, 0, msg.REPORT_DATES.format(as_of=japanese_date(data.period.as_of),
                                                  generated=japanese_date(japan_time(generated).date())), fmt.note)
    _rates(ws, fmt, data, 4)
    first = _counts_table(ws, fmt, plan, counts, 10)
    last = first + len(counts) - 1  # last theme row; 計 = last + 1, 構成比 = last + 2
    pie_px = sum(column_px(w) for w in widths[n + 2:])
    pie_chart(wb, ws, counts, first - 1, last + 1, (4, n + 2, pie_px, (last + 3 - 4) * ROW_PX))
    bar_row = last + 4
    bar_chart(wb, ws, counts, first, last, (bar_row, 0, sum(column_px(w) for w in widths), CHART_ROWS * ROW_PX))
    ws.print_area(0, 0, bar_row + CHART_ROWS, len(widths) - 1)
    ws.fit_to_pages(1, 1)


def _rates(ws: Worksheet, fmt: ReportStyles, data: ReportData, row: int) -> None:
    ws.write_string(row, 0, msg.REPORT_RATES_HEADING, fmt.heading)
    row = write_header(ws, fmt, row + 1, msg.REPORT_RATES_HEADERS, fit=False)
    r = data.rates
    for label, whole, part in ((msg.REPORT_RATE_DEPTS, r.recipients, r.submitted),
                               (msg.REPORT_RATE_ITEMS, r.items, r.reported)):
        ratio = r.ratio(part, whole)
        write_row(ws, fmt, row, [label, whole, part, msg.VERDICT_NONE if ratio is None else ratio],
             [fmt.label, fmt.count, fmt.count, fmt.share], fit=False)
        row += 1


def _counts_table(ws: Worksheet, fmt: ReportStyles, plan: Plan, counts: pd.DataFrame, row: int) -> int:
    """Theme × status counts, a 計 row and a 構成比 row; returns the first data row."""
    ws.write_string(row - 1, 0, msg.REPORT_COUNTS_HEADING, fmt.heading)
    first = write_header(ws, fmt, row, (msg.REPORT_COUNTS_THEME, *counts.columns), fit=False)
    for i, (theme, values) in enumerate(counts.iterrows()):
        write_row(ws, fmt, first + i, [theme_label(plan, int(theme)), *(int(v) for v in values)],
             [fmt.label, *[fmt.count] * (len(values) - 1), fmt.total], fit=False)
    totals = counts.sum()
    total_row = first + len(counts)
    write_row(ws, fmt, total_row, [msg.REPORT_TOTAL, *(int(v) for v in totals)],
         [fmt.total_label, *[fmt.total] * len(totals)], fit=False)
    parts = shares_percent([int(v) for v in totals.iloc[:-1]])  # 構成比 adds up to 100 % (largest remainder)
    grand = 100 if int(totals.iloc[-1]) else 0
    write_row(ws, fmt, total_row + 1, [msg.REPORT_SHARE, *(p / 100 for p in parts), grand / 100],
         [fmt.total_label, *[fmt.share] * len(totals)], fit=False)
    return first


# --- テーマ別 ---------------------------------------------------------------------------------------
def _items(wb: Workbook, fmt: ReportStyles, plan: Plan, data: ReportData, statuses: tuple[Status, ...]) -> None:
    ws = add_sheet(wb, fmt, ITEMS, msg.REPORT_ITEMS_TITLE.format(period=data.period.label),
                [5, 30, 18, 10, 48, 40])
    ws.write_string(1, 0, msg.REPORT_ITEMS_NOTE, fmt.note)
    row = write_header(ws, fmt, 3, msg.REPORT_ITEMS_HEADERS, repeat=True)
    cols = len(msg.REPORT_ITEMS_HEADERS) - 1
    for theme, reports in by_theme(plan, data.reports):
        ws.merge_range(row, 0, row, cols, "", fmt.theme)
        ws.write_string(row, 0, theme_label(plan, theme), fmt.theme)
        row += 1
        for r in reports:
            write_row(ws, fmt, row, [r.no, r.name, r.department, _shown(r.status), r.result, r.issues],
                 [fmt.center, fmt.cell, fmt.cell, fmt.center, fmt.cell, fmt.cell])
            row += 1
    behind = [s.label for s in statuses if s.behind]
    if behind:
        highlight(ws, fmt, 4, row - 1, 3, None, behind[0])


# --- 指標 -----------------------------------------------------------------------------------------
def _kpis(wb: Workbook, fmt: ReportStyles, data: ReportData) -> None:
    ws = add_sheet(wb, fmt, KPIS, msg.REPORT_KPI_TITLE.format(period=data.period.label),
                [5, 26, 20, 7, 8, 9, 9, 7, 10, 8, 7, 30])
    notes = list(msg.REPORT_KPI_NOTES)
    if data.period.half == 1:
        notes.append(msg.REPORT_KPI_NOTE_H1)
    for i, note in enumerate(notes, start=1):
        write_note(ws, fmt, i, note)
    first = write_header(ws, fmt, len(notes) + 2, msg.REPORT_KPI_HEADERS, repeat=True)
    cells = [fmt.center, fmt.cell, fmt.cell, fmt.center, fmt.center, fmt.num, fmt.num, fmt.center,
             fmt.num, fmt.pct, fmt.center, fmt.cell]
    for i, k in enumerate(data.kpis):
        a = k.achievement
        write_row(ws, fmt, first + i, [
            k.kpi.item_no, k.item_name, k.kpi.name, k.kpi.unit, DIRECTION_LABELS.get(k.kpi.direction, ""),
            _or_dash(k.target), _or_dash(k.cumulative),
            measure(k.kpi),
            msg.NOT_REPORTED if k.actual is None else k.actual,
            a.shown if a.rate is None else a.rate, a.verdict, k.remark], cells)
    highlight(ws, fmt, first, first + len(data.kpis) - 1, 10, msg.ACHIEVED, msg.NOT_ACHIEVED)


def _or_dash(value: float | None) -> object:
    return msg.VERDICT_NONE if value is None or math.isnan(value) else value


# --- 遅れ -----------------------------------------------------------------------------------------
def _behind(wb: Workbook, fmt: ReportStyles, plan: Plan, data: ReportData) -> None:
    ws = add_sheet(wb, fmt, BEHIND, msg.REPORT_BEHIND_TITLE.format(period=data.period.label),
                [5, 20, 28, 18, 9, 44, 40])
    if not data.behind:
        ws.write_string(2, 0, msg.REPORT_BEHIND_NONE, fmt.note)
        _overdue(ws, fmt, plan, data, 4)
        return
    row = write_header(ws, fmt, 2, msg.REPORT_BEHIND_HEADERS, repeat=True)
    for i, r in enumerate(data.behind):
        write_row(ws, fmt, row + i, [r.no, theme_label(plan, r.theme), r.name, r.department, r.status, r.issues, r.result],
             [fmt.center, fmt.cell, fmt.cell, fmt.cell, fmt.center, fmt.cell, fmt.cell])
    _overdue(ws, fmt, plan, data, row + len(data.behind) + 1)


def _overdue(ws, fmt: ReportStyles, plan: Plan, data: ReportData, row: int) -> None:
    """Below the behind table: items past their 到達目標 year that are not 完了."""
    ws.write_string(row, 0, msg.REPORT_OVERDUE_TITLE, fmt.note)
    if not data.overdue:
        ws.write_string(row + 1, 0, msg.REPORT_OVERDUE_NONE, fmt.note)
        return
    first = write_header(ws, fmt, row + 1, msg.REPORT_OVERDUE_HEADERS)
    for i, (r, year) in enumerate(data.overdue):
        write_row(ws, fmt, first + i, [r.no, theme_label(plan, r.theme), r.name, r.department, r.status or msg.NOT_REPORTED,
                                  fiscal_label(year), r.result],
             [fmt.center, fmt.cell, fmt.cell, fmt.cell, fmt.center, fmt.center, fmt.cell])


# --- 前回からの変化 -----------------------------------------------------------------------------------
def _changes(wb: Workbook, fmt: ReportStyles, data: ReportData) -> None:
    """One table: per item its status change, then one row per other field that changed."""
    ws = add_sheet(wb, fmt, CHANGES, msg.REPORT_CHANGES_TITLE.format(previous=data.period.previous().label),
                [5, 26, 18, 9, 18, 40, 40])
    write_note(ws, fmt, 1, msg.REPORT_CHANGES_NOTE)
    row = first = write_header(ws, fmt, 3, msg.REPORT_CHANGES_HEADERS, repeat=True)
    fields: dict[int, list] = {}
    for f in data.fields:
        if f.field != msg.FIELD_STATUS:
            fields.setdefault(f.no, []).append(f)
    cells = [fmt.center, fmt.cell, fmt.cell, fmt.center, fmt.cell, fmt.cell_num, fmt.cell_num]
    for c in data.changes:
        r = c.report
        write_row(ws, fmt, row, [r.no, r.name, r.department, c.change, msg.FIELD_STATUS, _shown(c.before),
                            _shown(r.status)], cells)
        row += 1
        for f in fields.get(r.no, []):
            write_row(ws, fmt, row, [f.no, f.name, r.department, "", f.field, f.before, f.after], cells)
            row += 1
    highlight(ws, fmt, first, row - 1, 3, msg.CHANGE_BETTER, msg.CHANGE_WORSE)


# --- 提出状況 ---------------------------------------------------------------------------------------
def _submissions(wb: Workbook, fmt: ReportStyles, data: ReportData) -> None:
    ws = add_sheet(wb, fmt, SUBMISSIONS, msg.REPORT_SUBMISSIONS_TITLE.format(period=data.period.label),
                [30, 10, 10, 22, 22, 7, 7, 10])
    row = write_header(ws, fmt, 2, msg.REPORT_SUBMISSIONS_HEADERS, repeat=True)
    first = row
    for s in data.submissions:
        write_row(ws, fmt, row, [s.department, s.items, s.status, s.first_received, s.last_received, s.accepted_files,
                       s.returned_files, s.resubmissions],
             [fmt.cell, fmt.count, fmt.center, fmt.center, fmt.center, fmt.count, fmt.count, fmt.count])
        row += 1
    highlight(ws, fmt, first, row - 1, 2, None, MISSING)
    missing = [s.department for s in data.submissions if s.status == MISSING]
    row += 1
    if not missing:
        ws.write_string(row, 0, msg.REPORT_MISSING_NONE, fmt.note)
        return
    ws.write_string(row, 0, msg.REPORT_MISSING_HEADING.format(count=len(missing)), fmt.heading)
    for i, dept in enumerate(missing, start=row + 1):
        ws.write_string(i, 0, dept, fmt.text)
