"""The report's 「計画期間の推移」 sheet: the years side by side, and the five-year summary after R11下期."""

from __future__ import annotations

from io import BytesIO

import pandas as pd
from openpyxl import load_workbook

from sheetflow.ground.config import Config
from sheetflow.report.workbook import build_report


def _rows(plan) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Item 1 reported at the end of R7 and R11 (with 効果額 and 達成度), KPI 1-1 in both years."""
    dept = plan.item(1).owner.key
    current = pd.DataFrame([
        {"period": "2025H2", "no": 1, "department": dept, "status": "順調", "revenue": 1200, "saving": None,
         "grade": "B 目標どおり"},
        {"period": "2029H2", "no": 1, "department": dept, "status": "完了", "revenue": 800, "saving": 200,
         "grade": "A 目標以上"},
        {"period": "2029H2", "no": 2, "department": dept, "status": "中止", "issues": "制度の廃止",
         "revenue": None, "saving": None, "grade": ""}])
    kpis = pd.DataFrame([{"period": "2025H2", "kpi_key": "1-1", "no": 1, "actual": 3.0},
                         {"period": "2029H2", "kpi_key": "1-1", "no": 1, "actual": 9.5}])
    return current, kpis


def _sheet(plan, tmp_path, period: str) -> list[list]:
    current, kpis = _rows(plan)
    data = build_report(plan, period, Config(root=tmp_path), current[current["period"] == period],
                        kpis[kpis["period"] == period], None, None, None, every_period=current, every_kpis=kpis)
    ws = load_workbook(BytesIO(data), read_only=True)["計画期間の推移"]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_years_side_by_side_with_status_grade_indicators_and_effect(mini_plan, tmp_path):
    rows = _sheet(mini_plan, tmp_path, "2029H2")
    assert rows[0][0] == "計画期間の推移（令和7年度〜令和11年度、各年度の下期。令和11年度 下期 時点）"
    assert rows[3][:4] == ["No.", "項目名", "担当部署", "令和7年度"] and rows[3][19] == "令和11年度"
    assert rows[4][3:7] == ["進捗状況", "達成度", "指標 実績/目標", "効果額"]
    item1 = next(r for r in rows if r[0] == 1)
    target = mini_plan.item(1).kpis[0]
    assert item1[3:7] == ["順調", "B 目標どおり", f"1-1: 3 / {target.compared(2025):g}", 1200]
    assert item1[7] == "未報告" and item1[19:23] == ["完了", "A 目標以上", f"1-1: 9.5 / {target.compared(2029):g}",
                                                  1000]
    assert ["計画期間（5年間）のまとめ"] == [r[0] for r in rows if r[0] == "計画期間（5年間）のまとめ"]
    lines = [r[0] for r in rows if isinstance(r[0], str)]
    assert "効果額の合計（令和7年度〜令和11年度）: 2,200 千円（歳入増 2,000 千円、歳出減 200 千円）" in lines
    assert ("最終年度の達成度: A 目標以上 1 件、B 目標どおり 0 件、C 一部達成 0 件、D 未達成 0 件、ー 評価できない 0 件"
            in lines)


def test_no_summary_before_the_last_year_and_later_years_blank(mini_plan, tmp_path):
    rows = _sheet(mini_plan, tmp_path, "2025H2")
    item1 = next(r for r in rows if r[0] == 1)
    assert item1[3:7] == ["順調", "B 目標どおり", item1[5], 1200] and item1[7:11] == [None] * 4
    assert not any(r[0] == "計画期間（5年間）のまとめ" for r in rows)
