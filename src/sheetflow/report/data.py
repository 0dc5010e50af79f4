"""What the period report says, computed from the plan and the ledger's tables (pure functions).

Inputs are the plan, the period and the ledger's DataFrames (LEDGER_FIELDS, LEDGER_KPI_FIELDS,
STATUS_FIELDS); outputs are small frozen values that report.py and publish.py lay out. Nothing here
reads or writes files, so every rule (counts, achievement rates, changes) is tested on plain frames.
Cell values are read with report.values; indicators and their achievement rates are in report.kpis.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import Field, FormDefinition
from sheetflow.ground.config import Status
from sheetflow.ground.periods import Period
from sheetflow.ledger.tables import MISSING, RESUBMITTED, SUBMITTED
from sheetflow.plan.model import Item, Plan
from sheetflow.report.kpis import KpiResult, kpi_results
from sheetflow.report.values import as_period, date_text, number, rows_by, text

NO_THEME = 0  # theme key of items without a theme (two-level plans)


# --- items ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ItemReport:
    """One plan item with what its department reported for the period (empty texts when nothing)."""

    no: int
    theme: int
    name: str
    department: str
    status: str = ""
    result: str = ""
    issues: str = ""
    revenue: float | None = None  # 効果額 歳入増 (千円)
    saving: float | None = None  # 効果額 歳出減 (千円)
    basis: str = ""  # 効果額の算定根拠
    grade: str = ""  # 達成度 (下期)

    @property
    def reported(self) -> bool:
        return bool(self.status)

    @property
    def effect(self) -> float | None:
        """歳入増 + 歳出減 (千円); None when neither was given."""
        given = [v for v in (self.revenue, self.saving) if v is not None]
        return sum(given) if given else None


def item_reports(plan: Plan, current: pd.DataFrame | None) -> list[ItemReport]:
    """Every item of the plan, in plan order, joined with its ledger row for the period."""
    rows = rows_by(current, "no")
    return [_item_report(item, rows.get(item.no)) for item in plan.items]


def _item_report(item: Item, row: dict | None) -> ItemReport:
    dept = item.owner.key if item.owner is not None else text((row or {}).get("department"))
    row = row or {}
    return ItemReport(no=item.no, theme=item.theme or NO_THEME, name=item.name, department=dept,
                      status=text(row.get("status")), result=text(row.get("result")),
                      issues=text(row.get("issues")), revenue=number(row.get("revenue")),
                      saving=number(row.get("saving")), basis=text(row.get("basis")), grade=text(row.get("grade")))


def theme_label(plan: Plan, theme: int) -> str:
    t = plan.theme(theme)
    return msg.REPORT_THEME_LABEL.format(no=t.no, name=t.name) if t else msg.REPORT_NO_THEME


def theme_keys(plan: Plan) -> list[int]:
    """Theme keys in plan order; NO_THEME last when some item has no theme."""
    keys = [t.no for t in plan.themes]
    if any((i.theme or NO_THEME) not in keys for i in plan.items):
        keys.append(NO_THEME)
    return keys


def by_theme(plan: Plan, reports: list[ItemReport]) -> list[tuple[int, list[ItemReport]]]:
    return [(k, [r for r in reports if r.theme == k]) for k in theme_keys(plan)]


# --- counts --------------------------------------------------------------------------------------
def count_columns(statuses: tuple[Status, ...], reports: list[ItemReport]) -> list[str]:
    """Status labels of the scale, any other label found in the ledger, then 未報告."""
    labels = [s.label for s in statuses]
    extra = sorted({r.status for r in reports if r.status and r.status not in labels})
    return [*labels, *extra, msg.NOT_REPORTED]


def theme_counts(plan: Plan, statuses: tuple[Status, ...], current: pd.DataFrame | None) -> pd.DataFrame:
    """Items per theme (index: theme no, 0 = no theme) × status (columns, plus 未報告 and 計)."""
    reports = item_reports(plan, current)
    columns = count_columns(statuses, reports)
    data = {key: dict.fromkeys(columns, 0) for key in theme_keys(plan)}
    for r in reports:
        data[r.theme][r.status or msg.NOT_REPORTED] += 1
    counts = pd.DataFrame.from_dict(data, orient="index", columns=columns).astype(int)
    counts[msg.REPORT_TOTAL] = counts.sum(axis=1)
    counts.index.name = "theme"
    return counts


@dataclass(frozen=True)
class Rates:
    recipients: int  # departments that receive a form
    submitted: int  # of those, 提出済 or 再提出
    items: int
    reported: int  # items with a status for the period

    @staticmethod
    def ratio(part: int, whole: int) -> float | None:
        return part / whole if whole else None


def submission_rates(plan: Plan, current: pd.DataFrame | None, status: pd.DataFrame | None) -> Rates:
    rows = submission_rows(plan, status)
    submitted = sum(1 for r in rows if r.status in (SUBMITTED, RESUBMITTED))
    reported = sum(1 for r in item_reports(plan, current) if r.reported)
    return Rates(recipients=len(plan.recipients()), submitted=submitted, items=len(plan.items),
                 reported=reported)


# --- behind, past the goal year, changes -----------------------------------------------------------
def overdue_items(plan: Plan, period: Period, reports: list[ItemReport],
                  statuses: tuple[Status, ...]) -> list[tuple[ItemReport, int]]:
    """Items past their 到達目標 year (its 下期 reached or later) whose status is not a done status.

    Each with its goal year; items not reported are included (their status is empty).
    """
    done = {s.label for s in statuses if s.done}
    out = []
    for item, r in zip(plan.items, reports, strict=True):
        year = item.goal_year
        if year is None or (period.year, period.half) < (year, 2) or r.status in done:
            continue
        out.append((r, year))
    return out


def behind_items(reports: list[ItemReport], statuses: tuple[Status, ...]) -> list[ItemReport]:
    behind = {s.label for s in statuses if s.behind}
    return [r for r in reports if r.status in behind]


@dataclass(frozen=True)
class StatusChange:
    report: ItemReport
    before: str  # previous period's status ("" when none)
    change: str  # 改善 / 悪化 / 変化なし / 新規報告 / 未報告 / —


def status_change(before: str, after: str, statuses: tuple[Status, ...]) -> str:
    if not after:
        return msg.CHANGE_NOT_REPORTED
    if not before:
        return msg.CHANGE_NEW
    if before == after:
        return msg.CHANGE_SAME
    ranks = {s.label: s.rank for s in statuses}
    if before not in ranks or after not in ranks:
        return msg.VERDICT_NONE
    if ranks[after] == ranks[before]:
        return msg.CHANGE_SAME
    return msg.CHANGE_BETTER if ranks[after] > ranks[before] else msg.CHANGE_WORSE


def status_changes(plan: Plan, statuses: tuple[Status, ...], current: pd.DataFrame | None,
                   previous: pd.DataFrame | None) -> list[StatusChange]:
    prev = {r.no: r for r in item_reports(plan, previous)}
    return [StatusChange(r, prev[r.no].status, status_change(prev[r.no].status, r.status, statuses))
            for r in item_reports(plan, current)]


@dataclass(frozen=True)
class FieldChange:
    no: int
    name: str
    field: str  # 進捗状況 / 今期の実績 / 課題・今後の対応 / 指標「…」の実績値
    before: object  # str or float; 未報告 for a KPI without an actual
    after: object


def field_changes(plan: Plan, current: pd.DataFrame | None, previous: pd.DataFrame | None,
                  kpis: pd.DataFrame | None, previous_kpis: pd.DataFrame | None) -> list[FieldChange]:
    """Cell-level changes of items reported in both periods, in plan order."""
    now = {r.no: r for r in item_reports(plan, current)}
    then = {r.no: r for r in item_reports(plan, previous)}
    kpi_now, kpi_then = rows_by(kpis, "kpi_key"), rows_by(previous_kpis, "kpi_key")
    out: list[FieldChange] = []
    for item in plan.items:
        a, b = then[item.no], now[item.no]
        if not (a.reported and b.reported):
            continue
        for label, x, y in ((msg.FIELD_STATUS, a.status, b.status), (msg.FIELD_RESULT, a.result, b.result),
                            (msg.FIELD_ISSUES, a.issues, b.issues)):
            if x != y:
                out.append(FieldChange(item.no, item.name, label, x, y))
        for kpi in item.kpis:
            x = number((kpi_then.get(kpi.key) or {}).get("actual"))
            y = number((kpi_now.get(kpi.key) or {}).get("actual"))
            if x != y:
                out.append(FieldChange(item.no, item.name, msg.FIELD_KPI.format(kpi=kpi.name),
                                       msg.NOT_REPORTED if x is None else x,
                                       msg.NOT_REPORTED if y is None else y))
    return out


# --- 集計: the definition's totalled fields by theme --------------------------------------------------
@dataclass(frozen=True)
class FieldTotal:
    """One 集計 field (as the period's form shows it): its 合計 or 件数 per theme key, in theme order."""

    field: Field
    by_theme: dict[int, float]

    @property
    def total(self) -> float:
        return _plain(math.fsum(self.by_theme.values()))


def totalled_fields(form: FormDefinition, half: int) -> tuple[Field, ...]:
    """The report table's fields with 集計 (合計 / 件数), with the headers of that half."""
    return tuple(f.in_half(half) for f in form.columns(DW.REPORT_TABLE) if f.total)


def theme_totals(plan: Plan, fields: tuple[Field, ...], current: pd.DataFrame | None) -> list[FieldTotal]:
    """Per field, the 合計 (sum of the values) or 件数 (non-empty values) of each theme's items; a column
    the frame lacks (an older ledger) counts as empty."""
    rows = rows_by(current, "no")
    cells = {k: [rows.get(i.no, {}) for i in plan.items if (i.theme or NO_THEME) == k] for k in theme_keys(plan)}
    return [FieldTotal(f, {k: _field_total(f, [r.get(f.key) for r in rs]) for k, rs in cells.items()})
            for f in fields]


def _field_total(f: Field, values: list) -> float:
    if f.total == msg.DEF_TOTAL_COUNT:
        return sum(1 for v in values if text(v))
    return _plain(math.fsum(n for n in map(number, values) if n is not None))


def _plain(value: float) -> float:
    """A whole sum as an int (1200, not 1200.0)."""
    return int(value) if float(value).is_integer() else value


# --- submissions ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class SubmissionRow:
    department: str
    items: int  # items the department reports
    status: str  # 提出済 / 再提出 / 差戻し / 未提出
    first_received: str
    last_received: str
    accepted_files: int
    returned_files: int

    @property
    def resubmissions(self) -> int:
        """Files received after the first one."""
        return max(self.accepted_files + self.returned_files - 1, 0)


def submission_rows(plan: Plan, status: pd.DataFrame | None) -> list[SubmissionRow]:
    """One row per recipient department (plan order), 未提出 when the ledger knows no file."""
    rows = rows_by(status, "department")
    depts = [d.key for d in plan.recipients()]
    depts += [d for d in rows if d not in depts]
    return [_submission_row(plan, dept, rows.get(dept)) for dept in depts]


def _submission_row(plan: Plan, dept: str, row: dict | None) -> SubmissionRow:
    row = row or {}
    count = sum(1 for i in plan.items if i.owner is not None and i.owner.key == dept)
    return SubmissionRow(department=dept, items=count, status=text(row.get("status")) or MISSING,
                         first_received=date_text(row.get("first_received")),
                         last_received=date_text(row.get("last_received")),
                         accepted_files=int(number(row.get("accepted_files")) or 0),
                         returned_files=int(number(row.get("returned_files")) or 0))


def for_period(df: pd.DataFrame | None, code: str) -> pd.DataFrame | None:
    """Rows of one period (frames without a period column are taken as they are)."""
    if df is None or df.empty or "period" not in df.columns:
        return df
    return df[df["period"].map(text) == code]


# --- everything the report shows -----------------------------------------------------------------
@dataclass(frozen=True)
class ReportData:
    period: Period
    reports: list[ItemReport]
    counts: pd.DataFrame
    rates: Rates
    kpis: list[KpiResult]
    behind: list[ItemReport]
    changes: list[StatusChange]
    fields: list[FieldChange]
    submissions: list[SubmissionRow]
    overdue: list[tuple[ItemReport, int]] = field(default_factory=list)  # past the goal year, not 完了
    totals: list[FieldTotal] = field(default_factory=list)  # the definition's 集計 fields by theme


def collect(plan: Plan, period: Period | str, statuses: tuple[Status, ...], current: pd.DataFrame | None,
            kpis: pd.DataFrame | None, previous_current: pd.DataFrame | None,
            previous_kpis: pd.DataFrame | None, status: pd.DataFrame | None,
            totalled: tuple[Field, ...] = ()) -> ReportData:
    """The report's figures; totalled: the 集計 fields of the definition in use (totalled_fields)."""
    period = as_period(period)
    current, kpis, status = (for_period(df, period.code) for df in (current, kpis, status))
    previous_current, previous_kpis = (for_period(df, period.previous().code)
                                       for df in (previous_current, previous_kpis))
    reports = item_reports(plan, current)
    return ReportData(
        period=period, reports=reports, counts=theme_counts(plan, statuses, current),
        rates=submission_rates(plan, current, status), kpis=kpi_results(plan, period.year, kpis),
        behind=behind_items(reports, statuses),
        changes=status_changes(plan, statuses, current, previous_current),
        fields=field_changes(plan, current, previous_current, kpis, previous_kpis),
        submissions=submission_rows(plan, status), overdue=overdue_items(plan, period, reports, statuses),
        totals=theme_totals(plan, totalled, current))


def shares_percent(counts: list[int]) -> list[int]:
    """Whole percentages of counts that add up to exactly 100 (largest remainder); all 0 when nothing."""
    total = sum(counts)
    if total <= 0:
        return [0] * len(counts)
    exact = [100 * c / total for c in counts]
    shares = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(counts)), key=lambda i: (exact[i] - shares[i], counts[i]), reverse=True)
    for i in by_remainder[:100 - sum(shares)]:
        shares[i] += 1
    return shares
