"""Indicators in the report: each KPI's actual for the period against what it is measured by.

Achievement rate (達成率), with direction taken into account:
- up: actual / target; 達成 when actual >= target.
- down, target < 0 (a reduction written as △, e.g. -50件): actual / target (the ratio of the
  reductions); 達成 when actual <= target.
- down, target > 0 (a ceiling): target / actual; 達成 when actual <= target. An actual of 0 or less
  cannot give a ratio: the rate is 「—」 and the verdict 達成.
- target 0: no ratio (「—」); the verdict comes from comparing actual and target.
- no target for the year: 「目標なし」; no actual: 「未報告」 (never 0). Both give the verdict 「—」.
- 上限 (kind cap, a ceiling): 達成 when actual <= target, whatever direction the plan gives; rate as for a
  ceiling above.
The actual (今期末時点の実績) is compared with the 到達目標 figure in the goal year (and later years
without a yearly figure), else with that year's target: for 水準 and 上限 the level or ceiling of that year
(the running sum where the plan writes the yearly figures as steps, 3億円, +3億円, …), for 累計 the running
total, for 単年度 the year's own figure. `measure` names which, for every place that shows it. A 上期 report
compares the mid-year actual with the full-year target.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sheetflow import messages as msg
from sheetflow.plan.model import Kpi, Plan
from sheetflow.report.values import number, rows_by, text

MEASURES = {"level": msg.COMPARED_LEVEL, "cap": msg.COMPARED_CAP}


@dataclass(frozen=True)
class Achievement:
    rate: float | None  # 1.0 = 100 %; None when no ratio can be given
    verdict: str  # 達成 / 未達 / —
    shown: str = ""  # what the rate cell says when rate is None: 目標なし / 未報告 / —


def measure(kpi: Kpi) -> str:
    """What an actual is compared with, as the report, the publication and its CSV say it."""
    return MEASURES.get(kpi.kind) or (msg.COMPARED_CUMULATIVE if kpi.accumulate else msg.COMPARED_YEAR)


def achievement(direction: str, target: float | None, actual: float | None, kind: str = "") -> Achievement:
    """The achievement rate and verdict of one actual against one target (rules in the module doc)."""
    if kind == "cap":
        direction = "down"
    if target is None:
        return Achievement(None, msg.VERDICT_NONE, msg.NO_TARGET)
    if actual is None:
        return Achievement(None, msg.VERDICT_NONE, msg.NOT_REPORTED)
    met = actual >= target if direction == "up" else actual <= target
    verdict = msg.ACHIEVED if met else msg.NOT_ACHIEVED
    if target == 0:
        return Achievement(None, verdict, msg.VERDICT_NONE)
    if direction == "down" and target > 0:
        rate = target / actual if actual > 0 else None
    else:
        rate = actual / target
    return Achievement(rate, verdict, "" if rate is not None else msg.VERDICT_NONE)


@dataclass(frozen=True)
class KpiResult:
    kpi: Kpi
    item_name: str
    target: float | None  # the year's figure
    cumulative: float | None
    compared: float | None  # what the actual is measured by (see measure)
    actual: float | None
    remark: str
    achievement: Achievement


def kpi_results(plan: Plan, year: int, kpis: pd.DataFrame | None) -> list[KpiResult]:
    """Every KPI of the plan with its reported actual for the year's period."""
    rows = rows_by(kpis, "kpi_key")
    out = []
    for kpi in plan.kpis:
        row = rows.get(kpi.key) or {}
        actual = number(row.get("actual"))
        compared = kpi.compared(year)  # the 到達目標 figure in its year, else the year's
        out.append(KpiResult(kpi=kpi, item_name=plan.item(kpi.item_no).name, target=kpi.target(year),
                             cumulative=kpi.cumulative(year), compared=compared, actual=actual,
                             remark=text(row.get("remark")),
                             achievement=achievement(kpi.direction, compared, actual, kpi.kind)))
    return out
