"""Issue 14 (a): every goal figure an indicator, honest unknowns (要確認), 効果額 estimates, strict plan files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sheetflow.forms.sheets import schedule_text
from sheetflow.plan.export import summary_lines
from sheetflow.plan.gaps import confirmations
from sheetflow.plan.load import load_plan
from sheetflow.plan.model import PlanError, parse_yaml

DATA = Path(__file__).parents[1] / "data"
TEMPLATES = Path(__file__).parents[2] / "templates" / "plan"


def test_every_goal_figure_is_an_indicator(tomakomai):
    assert len(tomakomai.kpis) == 43  # 24 from the yearly 取組予定 + 19 from the 到達目標 only
    score = next(k for k in tomakomai.item(36).kpis if k.name == "ワークエンゲージメントスコア")
    assert (score.kind, score.goal, score.goal_year, score.baseline, score.baseline_year) == ("level", 3.0, 2029, 2.6, 2023)
    assert score.targets == {} and score.compared(2029) == 3.0 and score.compared(2027) is None
    assert all(k.kind in ("cumulative", "annual", "level", "cap") for k in tomakomai.kpis)


def test_indicator_14_1_is_compared_with_the_goal_15(tomakomai):
    (kpi,) = tomakomai.item(14).kpis
    assert kpi.cumulative(2029) == 5 and kpi.compared(2029) == 15
    assert "各5件" in kpi.confirm


def test_parenthesised_figures_are_tentative(tomakomai):
    facilities = tomakomai.item(11).kpis[0]
    assert facilities.tentative == frozenset({2027, 2028, 2029})
    assert facilities.targets[2027] == 3 and facilities.compared(2026) == 8
    assert tomakomai.item(38).kpis[0].tentative == frozenset({2028, 2029})


def test_plan_estimates_are_recorded_with_their_sentence(tomakomai):
    found = {(i.no, e.kind, e.amount, e.span): e.source for i, e in tomakomai.estimates}
    assert found == {(2, "revenue", 45000, "total"): "運用益による効果見込 5年総額4,500万円",
                     (3, "revenue", 200000, "total"): "収入見込 5年総額2億円超",
                     (31, "revenue", 200000, "year"): "年間収入2億円以上確保",
                     (38, "saving", 100000, "year"): "人件費 年間△1億円"}
    (e38,) = tomakomai.item(38).estimates
    assert (e38.first_year, e38.last_year, e38.total()) == (2027, 2029, 300000)


def test_lost_arrow_extents_say_so_in_the_form(tomakomai):
    assert schedule_text(tomakomai.item(4), 2027) == "（工程は原資料で確認中）"
    assert schedule_text(tomakomai.item(9), 2027) == "（工程は原資料で確認中）"
    assert schedule_text(tomakomai.item(9), 2026) == "→ 検討結果による\n（工程は原資料で確認中）"
    assert schedule_text(tomakomai.item(6), 2028) == "（今年度の予定なし）"  # the sheet is clear: nothing after R9


def test_plan_check_prints_goal_figures_and_every_confirmation(tomakomai):
    lines = summary_lines(tomakomai)
    assert "指標 43 件（うち到達目標の数値 37 件、基準値 3 件、括弧書きの年度を含む 2 件）、効果額の見込 4 件、要確認 47 件" in lines
    assert "    指標 14-1 物件照会・企業訪問（件、増やす、累計）: 2025年度 5 ／ 到達目標 2029年度 15" in lines
    assert "    効果額の見込: 歳出減 100,000千円／年（2027～2029年度）（原文「人件費 年間△1億円」）" in lines
    assert "要確認（行政監理室が担当部署に確認する事項）47 件:" in lines
    assert len(confirmations(tomakomai)) == 47
    assert any(line.startswith("  No.4 取組予定（令和9年度、令和10年度、令和11年度）: ") for line in lines)


def test_previous_plan_models_changed_practices():
    plan = load_plan(TEMPLATES / "tomakomai-2020.yaml")
    assert sum(len(i.changed_practices) for i in plan.items) == 3
    assert "文書管理システムの導入" in plan.item(17).changed_practices


@pytest.mark.parametrize(("mutate", "expected"), [
    (lambda r: r["items"][0].update({"kpi": []}),
     "No.1: キー「kpi」は計画ファイルの書式にありません（使えるキー: no、theme、name、departments、owner、related、"
     "digital、continued、content、goal、schedule、kpis、effects、pr、missing、practices、practice_count、"
     "changed_practices、estimates、confirm）。"),
    (lambda r: r["items"][0]["kpis"][0].update({"target": {}}),
     "No.1 kpis[1]: キー「target」は計画ファイルの書式にありません（使えるキー: name、unit、direction、accumulate、"
     "targets、allow_negative、note、kind、goal、baseline、confirm）。"),
    (lambda r: r["plan"].update({"year": 2025}),
     "plan: キー「year」は計画ファイルの書式にありません（使えるキー: id、version、title、municipality、first_year、"
     "last_year、office、source、effective_from）。"),
    (lambda r: r["items"][0]["kpis"][0].update({"kind": "total"}),
     "No.1: 指標「運用額」の kind「total」は cumulative、annual、level、cap のどれかである必要があります。"),
    (lambda r: r["items"][0].update({"estimates": [{"kind": "revenue", "amount": -5, "span": "year",
                                                    "years": [2025, 2029], "source": "x"}]}),
     "No.1: 効果額の見込の amount「-5」は 0 以上の整数（千円）である必要があります。"),
])
def test_unknown_or_bad_keys_are_refused_in_japanese(tmp_path, mutate, expected):
    raw = parse_yaml((DATA / "mini-plan.yaml").read_text(encoding="utf-8"))
    mutate(raw)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(PlanError) as err:
        load_plan(path)
    assert expected in err.value.problems, err.value.problems
