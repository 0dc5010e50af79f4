"""report_data: counts per theme × status, achievement rates, changes since last period, submissions.

Also holds the ledger-like frame builders the other report / publish tests import.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sheetflow.definition.workspace import builtin_definition, statuses
from sheetflow.ground.config import Config
from sheetflow.ledger.tables import (
    LEDGER_FIELDS,
    LEDGER_KPI_FIELDS,
    MISSING,
    PROVENANCE,
    RESUBMITTED,
    RETURNED,
    STATUS_FIELDS,
    SUBMITTED,
)
from sheetflow.plan.model import Plan
from sheetflow.report.data import (
    collect,
    field_changes,
    status_changes,
    submission_rates,
    submission_rows,
    theme_counts,
)
from sheetflow.report.kpis import achievement, kpi_results, measure

STATUSES = statuses(Config(root=Path(".")), builtin_definition())

STATUS_CYCLE = ("完了", "順調", "概ね順調", "遅れ", "未着手")


def ledger_rows(period: str, rows: list[tuple], plan: Plan | None = None) -> pd.DataFrame:
    """A current-ledger frame: rows of (no, status, result, issues[, reporter, phone])."""
    records = []
    for r in rows:
        no, status, result, issues, *contact = r
        reporter, phone = [*contact, "山田 太郎", "1234"][:2]
        dept = plan.item(no).owner.key if plan is not None else "財政部 財政課"
        records.append({"period": period, "no": no, "department": dept, "status": status, "result": result,
                        "issues": issues, "reporter": reporter, "phone": phone,
                        **dict.fromkeys(PROVENANCE, "")})
    return pd.DataFrame(records, columns=LEDGER_FIELDS)


def kpi_rows(period: str, plan: Plan, actuals: dict[str, float | None], remark: str = "") -> pd.DataFrame:
    records = []
    for key, actual in actuals.items():
        kpi = next(k for k in plan.kpis if k.key == key)
        records.append({"period": period, "kpi_key": key, "no": kpi.item_no,
                        "department": plan.item(kpi.item_no).owner.key, "kpi": kpi.name, "unit": kpi.unit,
                        "actual": actual, "remark": remark, **dict.fromkeys(PROVENANCE, "")})
    return pd.DataFrame(records, columns=LEDGER_KPI_FIELDS)


def status_rows(period: str, rows: list[tuple]) -> pd.DataFrame:
    """(department, status, accepted_files, returned_files) → a submission-status frame."""
    return pd.DataFrame([{"period": period, "department": d, "status": s,
                          "first_received": "2025-10-20T09:15:00+09:00" if a + r else None,
                          "last_received": "2025-10-28T16:40:00+09:00" if a + r else None,
                          "accepted_files": a, "returned_files": r} for d, s, a, r in rows],
                        columns=STATUS_FIELDS)


def realistic(plan: Plan, period: str, skip_every: int = 9, shift: int = 0):
    """A mixed ledger for a whole plan: every status, some items unreported, KPI actuals near target."""
    rows = []
    for i, item in enumerate(plan.items):
        if i % skip_every == skip_every - 1:
            continue
        status = STATUS_CYCLE[(i * 7 + shift) % 5]
        issues = "人員不足のため、来期に体制を見直す。" if status == "遅れ" else ""
        rows.append((item.no, status, f"{item.name}について、予定していた検討・調整を進めた。", issues,
                     "記入者ゼータ", "内線9876"))
    current = ledger_rows(period, rows, plan)
    year = int(period[:4])
    actuals = {}
    for j, kpi in enumerate(plan.kpis):
        target = kpi.cumulative(year) if kpi.accumulate else kpi.target(year)
        if j % 6 == 5:
            continue
        actuals[kpi.key] = None if target is None else round(target * (0.6 + 0.15 * (j % 5)), 1)
    reported = {r[0] for r in rows}
    actuals = {k: v for k, v in actuals.items() if int(k.split("-")[0]) in reported}
    depts = {plan.item(no).owner.key for no in reported}
    status = status_rows(period, [(d.key, RESUBMITTED if n % 4 == 0 else SUBMITTED, 1 + (n % 4 == 0), 0)
                                  if d.key in depts else (d.key, MISSING, 0, 0)
                                  for n, d in enumerate(plan.recipients())])
    return current, kpi_rows(period, plan, actuals), status


# --- counts --------------------------------------------------------------------------------------
def test_counts_per_theme_and_status(mini_plan):
    current = ledger_rows("2025H1", [(1, "完了", "実施", ""), (2, "遅れ", "", "課題あり"), (4, "順調", "", "")])
    counts = theme_counts(mini_plan, STATUSES, current)
    assert list(counts.columns) == ["完了", "順調", "概ね順調", "遅れ", "未着手", "対象外", "中止", "未報告", "計"]
    assert list(counts.index) == [1, 2]
    assert counts.loc[1].to_dict() == {"完了": 1, "順調": 0, "概ね順調": 0, "遅れ": 1, "未着手": 0, "対象外": 0,
                                       "中止": 0, "未報告": 1, "計": 3}
    assert counts.loc[2].to_dict() == {"完了": 0, "順調": 1, "概ね順調": 0, "遅れ": 0, "未着手": 0, "対象外": 0,
                                       "中止": 0, "未報告": 1, "計": 2}


def test_counts_for_the_real_plan_add_up(tomakomai):
    current, _, _ = realistic(tomakomai, "2025H1")
    counts = theme_counts(tomakomai, STATUSES, current)
    assert len(counts) == 9
    assert counts["計"].sum() == 56
    assert counts["未報告"].sum() == 56 - len(current)
    assert counts.loc[1, "計"] == 4 and counts.loc[8, "計"] == 11


def test_no_ledger_rows_means_every_item_unreported(mini_plan):
    counts = theme_counts(mini_plan, STATUSES, pd.DataFrame(columns=LEDGER_FIELDS))
    assert counts["未報告"].tolist() == [3, 2]
    assert counts.drop(columns=["未報告", "計"]).to_numpy().sum() == 0


def test_submission_rates(mini_plan):
    current = ledger_rows("2025H1", [(1, "完了", "", ""), (2, "順調", "", "")])
    status = status_rows("2025H1", [("財政部 財政課", RESUBMITTED, 2, 0),
                                    ("総務部 行政監理室/企画:係", RETURNED, 0, 1)])
    rates = submission_rates(mini_plan, current, status)
    assert (rates.recipients, rates.submitted, rates.items, rates.reported) == (4, 1, 5, 2)
    rows = {r.department: r for r in submission_rows(mini_plan, status)}
    assert rows["議会事務局"].status == MISSING
    assert rows["財政部 財政課"].resubmissions == 1 and rows["財政部 財政課"].items == 2
    assert rows["財政部 財政課"].first_received == "令和7年10月20日 09:15"


# --- achievement ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("direction", "target", "actual", "rate", "verdict", "shown"), [
    ("up", 3, 3, 1.0, "達成", ""),
    ("up", 4, 3, 0.75, "未達", ""),
    ("up", 2, 5, 2.5, "達成", ""),
    ("down", -50, -60, 1.2, "達成", ""),  # a reduction of 60 against a planned 50
    ("down", -50, -25, 0.5, "未達", ""),
    ("down", -50, 10, -0.2, "未達", ""),  # increased instead of reduced
    ("down", 10, 8, 1.25, "達成", ""),  # ceiling: 8 ≤ 10
    ("down", 10, 20, 0.5, "未達", ""),
    ("down", 10, 0, None, "達成", "―"),  # ceiling met with nothing at all: no ratio
    ("up", 0, 3, None, "達成", "―"),
    ("down", 0, 1, None, "未達", "―"),
    ("up", None, 3, None, "―", "目標なし"),
    ("up", 3, None, None, "―", "未報告"),
])
def test_achievement(direction, target, actual, rate, verdict, shown):
    a = achievement(direction, target, actual)
    assert a.rate == pytest.approx(rate) if rate is not None else a.rate is None
    assert (a.verdict, a.shown) == (verdict, shown)


def test_kpi_results_compare_cumulative_or_year_target(tomakomai):
    kpis = kpi_rows("2026H2", tomakomai, {"2-1": 6, "31-1": 1.5, "15-1": -10})
    results = {r.kpi.key: r for r in kpi_results(tomakomai, 2026, kpis)}
    assert (results["2-1"].target, results["2-1"].cumulative, results["2-1"].compared) == (3, 6, 6)
    assert results["2-1"].achievement.verdict == "達成"
    assert results["31-1"].compared == 2 and results["31-1"].achievement.rate == pytest.approx(0.75)
    assert results["15-1"].achievement.shown == "目標なし"  # first target in 2027
    assert results["48-1"].actual is None and results["48-1"].achievement.shown == "未報告"
    assert len(results) == 43
    assert results["25-1"].compared == 9  # the 到達目標 figure in its year (R8)


def test_a_ceiling_is_met_at_or_under_it_whatever_the_direction():
    assert (achievement("up", 5, 4, "cap").verdict, achievement("up", 5, 4, "cap").rate) == ("達成", 1.25)
    assert achievement("up", 5, 7, "cap").verdict == "未達"
    assert achievement("up", 5, 7).verdict == "達成"  # the same figures as an indicator to raise


def test_level_and_cap_indicators_are_measured_by_that_years_level_or_ceiling(tomakomai):
    kpis = kpi_rows("2026H2", tomakomai, {"18-1": 45, "2-1": 6, "11-1": 8})
    results = {r.kpi.key: r for r in kpi_results(tomakomai, 2026, kpis)}
    led = results["18-1"]  # LED化率 水準: R7 10%, R8 50% — R8 is measured by 50, not 10 + 50
    assert (led.kpi.kind, led.compared, measure(led.kpi)) == ("level", 50, "水準")
    assert (led.achievement.verdict, led.achievement.rate) == ("未達", 0.9)
    assert measure(results["2-1"].kpi) == "水準" and results["2-1"].compared == 6  # 3億円, +3億円: R8's level 6
    assert measure(results["11-1"].kpi) == "累計" and results["11-1"].compared == 8  # 導入施設 累計 (R8 到達目標)
    kpis = kpi_rows("2028H2", tomakomai, {"47-1": 4, "47-2": 1})
    results = {r.kpi.key: r for r in kpi_results(tomakomai, 2028, kpis)}
    assert (measure(results["47-1"].kpi), results["47-1"].compared, results["47-1"].achievement.verdict) == ("上限", 5, "達成")
    assert (results["47-2"].compared, results["47-2"].achievement.verdict) == (0, "未達")  # 人身事故 0件


# --- changes -------------------------------------------------------------------------------------
def test_status_changes(mini_plan):
    previous = ledger_rows("2025H1", [(1, "順調", "a", ""), (2, "順調", "b", ""), (3, "遅れ", "c", "x"),
                                      (4, "完了", "d", "")])
    current = ledger_rows("2025H2", [(1, "完了", "a", ""), (2, "遅れ", "b", "人が足りない"), (3, "遅れ", "c", "x"),
                                     (5, "未着手", "", "")])
    changes = {c.report.no: (c.before, c.report.status, c.change)
               for c in status_changes(mini_plan, STATUSES, current, previous)}
    assert changes == {1: ("順調", "完了", "改善"), 2: ("順調", "遅れ", "悪化"), 3: ("遅れ", "遅れ", "変化なし"),
                       4: ("完了", "", "未報告"), 5: ("", "未着手", "新規報告")}


def test_field_changes_include_kpi_actuals(mini_plan):
    previous = ledger_rows("2025H1", [(1, "順調", "運用開始", ""), (2, "順調", "募集", "")])
    current = ledger_rows("2025H2", [(1, "完了", "運用開始", ""), (2, "順調", "募集", "応募が少ない")])
    prev_kpis = kpi_rows("2025H1", mini_plan, {"1-1": 1.5, "2-1": None, "2-2": -10})
    kpis = kpi_rows("2025H2", mini_plan, {"1-1": 3, "2-1": 1, "2-2": -10})
    changes = [(f.no, f.field, f.before, f.after)
               for f in field_changes(mini_plan, current, previous, kpis, prev_kpis)]
    assert changes == [(1, "進捗状況", "順調", "完了"), (1, "指標「運用額」の実績値", 1.5, 3.0),
                       (2, "課題・今後の対応", "", "応募が少ない"), (2, "指標「収入額」の実績値", "未報告", 1.0)]


def test_collect_keeps_each_period_to_its_own_rows(mini_plan):
    both = pd.concat([ledger_rows("2025H1", [(1, "順調", "", "")]), ledger_rows("2025H2", [(1, "遅れ", "", "x")])])
    data = collect(mini_plan, "2025H2", STATUSES, both, None, both, None, None)
    assert data.reports[0].status == "遅れ"
    assert data.changes[0].change == "悪化"
    assert [r.no for r in data.behind] == [1]


def test_items_past_their_goal_year_not_done_are_flagged(tomakomai):
    current = ledger_rows("2025H2", [(28, "完了", "委託開始", ""), (49, "順調", "環境整備中", "")], tomakomai)
    data = collect(tomakomai, "2025H2", STATUSES, current, None, None, None, None)
    assert [(r.no, r.status, year) for r, year in data.overdue] == [(49, "順調", 2025)]  # No.28 is 完了
    mid = collect(tomakomai, "2025H1", STATUSES, ledger_rows("2025H1", [(49, "順調", "", "")], tomakomai),
                  None, None, None, None)
    assert mid.overdue == []  # R7 上期: the goal year has not ended
    later = collect(tomakomai, "2026H2", STATUSES, None, None, None, None, None)
    assert {r.no for r, _ in later.overdue} == {i.no for i in tomakomai.items if i.goal_year and i.goal_year <= 2026}


def test_shares_add_up_to_100_by_largest_remainder():
    from sheetflow.report.data import shares_percent

    assert shares_percent([1, 1, 1]) == [34, 33, 33]
    assert shares_percent([11, 0, 45]) == [20, 0, 80]
    assert sum(shares_percent([3, 7, 12, 5, 29])) == 100
    assert shares_percent([0, 0]) == [0, 0]
