"""効果額 and 達成度: what the period report's 「効果額・達成度」 sheet and the publication's Figures say.

Pure functions over the plan and the ledger's current rows of every period (LEDGER_FIELDS); a year's 効果額
is its 下期 実績, a 上期 report shows the year's 見込. 中止 items are counted apart from the active ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from xlsxwriter.workbook import Workbook

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.ground import xlsx
from sheetflow.ground.config import Config, Grade
from sheetflow.ground.periods import Period, fiscal_label
from sheetflow.plan.model import Plan
from sheetflow.report.data import ItemReport, for_period, item_reports, theme_keys, theme_label
from sheetflow.report.public import Figures
from sheetflow.report.trend import TrendData, collect_trend, write_trend_sheet


@dataclass(frozen=True)
class ThemeEffect:
    theme: int
    revenue: float
    saving: float
    cumulative: float  # over the plan period up to this period
    estimate: int | None  # the plan's own 効果見込 (its stated totals), None where it states none
    items: int  # items with an amount

    @property
    def total(self) -> float:
        return self.revenue + self.saving


@dataclass(frozen=True)
class EffectsData:
    period: Period
    themes: list[ThemeEffect]
    items: list[ItemReport]  # items with an amount this period
    grades: pd.DataFrame  # theme × grade label (+ 未記入, 計); empty in 上期
    previous_grades: dict[str, int]  # last year's 下期 counts per grade label
    stopped: list[ItemReport]
    active: int
    apart: str  # the statuses counted apart, as the report names them (中止, or 中止・休止)
    trend: TrendData
    grade_scale: tuple[Grade, ...]


def _sum(values: list[float | None]) -> float:
    return float(sum(v for v in values if v is not None))


def joined(*frames: pd.DataFrame | None) -> pd.DataFrame:
    """The rows of several ledger frames as one (the periods a caller has at hand)."""
    present = [f for f in frames if f is not None and not f.empty]
    return pd.concat(present, ignore_index=True) if present else pd.DataFrame()


def reports_of(plan: Plan, current_all: pd.DataFrame | None, period: Period) -> list[ItemReport]:
    return item_reports(plan, for_period(current_all, period.code))


def counted_periods(plan: Plan, period: Period) -> list[Period]:
    """The periods whose 効果額 add up to the cumulative: each earlier year's 下期, then this period."""
    return [*(Period(y, 2) for y in range(plan.first_year, period.year)), period]


def estimates_by_theme(plan: Plan) -> dict[int, int]:
    out: dict[int, int] = {}
    for item in plan.items:
        for e in item.estimates:
            out[item.theme or 0] = out.get(item.theme or 0, 0) + e.total()
    return out


def theme_effects(plan: Plan, current_all: pd.DataFrame | None, period: Period) -> list[ThemeEffect]:
    now = reports_of(plan, current_all, period)
    cumulative = [r for p in counted_periods(plan, period) for r in reports_of(plan, current_all, p)]
    estimates = estimates_by_theme(plan)
    return [ThemeEffect(t, _sum([r.revenue for r in now if r.theme == t]), _sum([r.saving for r in now if r.theme == t]),
                        _sum([r.effect for r in cumulative if r.theme == t]), estimates.get(t),
                        sum(1 for r in now if r.theme == t and r.effect is not None))
            for t in theme_keys(plan)]


def grade_counts(plan: Plan, grades: tuple[Grade, ...], reports: list[ItemReport]) -> pd.DataFrame:
    """Items per theme × 達成度 (scale order, then 未記入 for reported items without one, then 計)."""
    labels = [g.label for g in grades]
    columns = [*labels, msg.REPORT_GRADES_NOT_GIVEN]
    data = {t: dict.fromkeys(columns, 0) for t in theme_keys(plan)}
    for r in reports:
        if r.reported:
            data[r.theme][r.grade if r.grade in labels else msg.REPORT_GRADES_NOT_GIVEN] += 1
    counts = pd.DataFrame.from_dict(data, orient="index", columns=columns).astype(int)
    counts[msg.REPORT_TOTAL] = counts.sum(axis=1)
    return counts


def collect_effects(plan: Plan, period: Period, cfg: Config, current_all: pd.DataFrame | None,
                    kpis_all: pd.DataFrame | None = None) -> EffectsData:
    reports = reports_of(plan, current_all, period)
    apart = [s.label for s in DW.statuses(cfg) if s.stopped]
    stopped = [r for r in reports if r.status in apart]
    grades = grade_counts(plan, DW.grades(cfg), reports) if period.half == 2 else pd.DataFrame()
    before = grade_counts(plan, DW.grades(cfg), reports_of(plan, current_all, Period(period.year - 1, 2)))
    return EffectsData(period, theme_effects(plan, current_all, period), [r for r in reports if r.effect is not None],
                       grades, {str(c): int(before[c].sum()) for c in before.columns}, stopped,
                       len(plan.items) - len(stopped), msg.REPORT_STOPPED_LABEL_SEPARATOR.join(apart),
                       collect_trend(plan, period, current_all, kpis_all), DW.grades(cfg))


# --- publication -------------------------------------------------------------------------------------
def year_effects(plan: Plan, current_all: pd.DataFrame | None) -> dict[int, float | None]:
    """効果額 (千円, 歳入増 + 歳出減) per fiscal year from its 下期 実績; None for a year without any."""
    out: dict[int, float | None] = {}
    for year in range(plan.first_year, plan.last_year + 1):
        given = [r.effect for r in reports_of(plan, current_all, Period(year, 2)) if r.effect is not None]
        out[year] = float(sum(given)) if given else None
    return out


def publication_figures(plan: Plan, cfg: Config, current_all: pd.DataFrame | None, year: int) -> Figures:
    """Figures.effects by year, by theme for the year and cumulative, and the year's 達成度 counts (None when
    no grade was given)."""
    reports = [r for r in reports_of(plan, current_all, Period(year, 2)) if r.grade]
    grades = [(g.label, sum(1 for r in reports if r.grade == g.label)) for g in DW.grades(cfg)] if reports else None
    effects = year_effects(plan, current_all)
    if not any(v is not None for v in effects.values()):
        return Figures(grades=grades)
    themes = [(t.theme, t.total, t.cumulative) for t in theme_effects(plan, current_all, Period(year, 2))]
    return Figures(effects=effects, grades=grades, themes=themes)


# --- the report sheet ---------------------------------------------------------------------------------
WIDTHS = [34, 11, 11, 12, 14, 13, 9, 30]


def write_effects_sheet(wb: Workbook, fmt: xlsx.Styles, plan: Plan, data: EffectsData) -> None:
    """効果額 by theme (period, cumulative, plan estimate), the items with an amount, 達成度 by theme, 中止;
    then the sheet of the plan period at a glance (report.trend)."""
    ws = wb.add_worksheet(msg.REPORT_EFFECTS_SHEET)
    for c, w in enumerate(WIDTHS):
        ws.set_column(c, c, w)
    xlsx.page_setup(ws, f"{plan.title} {data.period.label}")
    ws.write_string(0, 0, msg.REPORT_EFFECTS_TITLE.format(period=data.period.label), fmt.title)
    first, last = fiscal_label(plan.first_year), fiscal_label(plan.last_year)
    note = msg.REPORT_EFFECTS_NOTE_H1 if data.period.half == 1 else msg.REPORT_EFFECTS_NOTE_H2.format(first=first,
                                                                                                     last=last)
    xlsx.wrapped_note(ws, 1, note, WIDTHS, fmt.text)
    yen = wb.add_format({"font_name": xlsx.FONT, "font_size": xlsx.FONT_SIZE, "border": 1, "align": "right",
                         "valign": "top", "num_format": "#,##0"})
    row = _effects_table(ws, fmt, yen, plan, data, 3)
    row = _effect_items(ws, fmt, yen, data, row + 1)
    row = _grades_table(ws, fmt, plan, data, row + 1)
    _stopped(ws, fmt, data, row + 1)
    write_trend_sheet(wb, fmt, plan, data.trend, data.grade_scale)


def _write(ws, values: list, formats: list, row: int) -> None:
    for c, (v, f) in enumerate(zip(values, formats, strict=True)):
        xlsx.write_value(ws, row, c, None if v == "" else v, f)
    ws.set_row(row, xlsx.fitted_height(zip((str(v) for v in values), WIDTHS, strict=False)))


def _head(ws, fmt, row: int, heading: str, headers: tuple[str, ...]) -> int:
    ws.write_string(row, 0, heading, fmt.title)
    _write(ws, list(headers), [fmt.header] * len(headers), row + 1)
    return row + 2


def _effects_table(ws, fmt, yen, plan: Plan, data: EffectsData, row: int) -> int:
    year, kind = fiscal_label(data.period.year), msg.REPORT_EFFECTS_KIND[data.period.half]
    headers = tuple(h.format(first=fiscal_label(plan.first_year), year=year, kind=kind)
                    for h in msg.REPORT_EFFECTS_HEADERS)
    row = _head(ws, fmt, row, msg.REPORT_EFFECTS_HEADING, headers)
    cells = [fmt.cell, *[yen] * 5, fmt.count]
    for t in data.themes:
        _write(ws, [theme_label(plan, t.theme), t.revenue, t.saving, t.total, t.cumulative,
                    "" if t.estimate is None else t.estimate, t.items], cells, row)
        row += 1
    sums = [sum(getattr(t, k) for t in data.themes) for k in ("revenue", "saving", "total", "cumulative")]
    estimate = sum(t.estimate or 0 for t in data.themes)
    _write(ws, [msg.REPORT_TOTAL, *sums, estimate or "", sum(t.items for t in data.themes)],
           [fmt.total_label, *[yen] * 5, fmt.total], row)
    xlsx.wrapped_note(ws, row + 1, _estimates_note(plan), WIDTHS, fmt.text)
    return row + 2


def _estimates_note(plan: Plan) -> str:
    items = [(i.no, e) for i in plan.items for e in i.estimates]
    texts = [msg.REPORT_EFFECTS_ESTIMATE_ITEM.format(
        no=no, amount=e.amount, span=msg.REPORT_EFFECTS_SPAN[e.span].format(
            first=fiscal_label(e.first_year), last=fiscal_label(e.last_year), years=e.year_count,
            total=e.total())) + (
        msg.REPORT_EFFECTS_AT_LEAST if e.at_least else "") for no, e in items]
    if not items:
        return msg.REPORT_EFFECTS_NO_ESTIMATES
    return msg.REPORT_EFFECTS_ESTIMATES.format(count=len({no for no, _ in items}), items="、".join(texts))


def _effect_items(ws, fmt, yen, data: EffectsData, row: int) -> int:
    if not data.items:
        xlsx.wrapped_note(ws, row, msg.REPORT_EFFECTS_NONE, WIDTHS, fmt.text)
        return row + 1
    row = _head(ws, fmt, row, msg.REPORT_EFFECTS_ITEMS_HEADING, msg.REPORT_EFFECTS_ITEMS_HEADERS)
    for r in data.items:
        _write(ws, [_item(r), r.department, "" if r.revenue is None else r.revenue,
                    "" if r.saving is None else r.saving, r.effect, r.basis],
               [fmt.cell, fmt.cell, yen, yen, yen, fmt.cell], row)
        ws.merge_range(row, 5, row, len(WIDTHS) - 1, r.basis, fmt.cell)
        row += 1
    return row


def _item(r: ItemReport) -> str:
    return msg.REPORT_EFFECTS_ITEM.format(no=r.no, name=r.name)


def _grades_table(ws, fmt, plan: Plan, data: EffectsData, row: int) -> int:
    if data.grades.empty:
        xlsx.wrapped_note(ws, row, msg.REPORT_GRADES_NONE_H1, WIDTHS, fmt.text)
        return row + 1
    labels = [str(c) for c in data.grades.columns]
    row = _head(ws, fmt, row, msg.REPORT_GRADES_HEADING, (msg.REPORT_COUNTS_THEME, *labels))
    for theme, values in data.grades.iterrows():
        _write(ws, [theme_label(plan, int(theme)), *(int(values[c]) for c in labels)],
               [fmt.cell, *[fmt.count] * len(labels)], row)
        row += 1
    totals = [int(data.grades[c].sum()) for c in labels]
    _write(ws, [msg.REPORT_TOTAL, *totals], [fmt.total_label, *[fmt.total] * len(labels)], row)
    first_year = data.period.year == plan.first_year  # no year before the plan's first to compare with
    change = [msg.VERDICT_NONE if first_year else _change(t, data.previous_grades.get(c, 0))
              for c, t in zip(labels, totals, strict=True)]
    _write(ws, [msg.REPORT_GRADES_PREVIOUS, *change], [fmt.cell, *[fmt.count] * len(labels)], row + 1)
    if not first_year:
        return row + 2
    note = msg.REPORT_GRADES_FIRST_YEAR.format(year=fiscal_label(plan.first_year), none=msg.VERDICT_NONE)
    xlsx.wrapped_note(ws, row + 2, note, WIDTHS, fmt.text)
    return row + 3


def _change(now: int, before: int) -> str:
    return f"{now - before:+d}"


def _stopped(ws, fmt, data: EffectsData, row: int) -> None:
    total = data.active + len(data.stopped)
    xlsx.wrapped_note(ws, row, msg.REPORT_ACTIVE_ITEMS.format(active=data.active, total=total, labels=data.apart,
                                                              stopped=len(data.stopped)), WIDTHS, fmt.text)
    if not data.stopped:
        xlsx.wrapped_note(ws, row + 1, msg.REPORT_STOPPED_NONE.format(labels=data.apart), WIDTHS, fmt.text)
        return
    row = _head(ws, fmt, row + 1, msg.REPORT_STOPPED_HEADING.format(labels=data.apart, count=len(data.stopped)),
                tuple(h.format(labels=data.apart) for h in msg.REPORT_STOPPED_HEADERS))
    for r in data.stopped:
        _write(ws, [_item(r), r.department, r.issues], [fmt.cell, fmt.cell, fmt.cell], row)
        ws.merge_range(row, 2, row, len(WIDTHS) - 1, r.issues, fmt.cell)
        row += 1
