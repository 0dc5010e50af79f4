"""The plan master: the real Tomakomai plan's content, and Japanese errors for broken plan files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sheetflow.ground.config import builtin_plan_path
from sheetflow.plan.departments import parse_departments
from sheetflow.plan.gaps import gaps as warnings
from sheetflow.plan.load import load_plan, read_plan
from sheetflow.plan.model import Department, PlanError, parse_yaml

DATA = Path(__file__).parents[1] / "data"


def test_real_plan_has_56_items_in_nine_themes(tomakomai):
    assert [i.no for i in tomakomai.items] == list(range(1, 57))
    counts = [sum(1 for i in tomakomai.items if i.theme == t.no) for t in tomakomai.themes]
    assert counts == [4, 12, 4, 3, 7, 4, 4, 11, 7]
    assert tomakomai.theme(8).name == "デジタル技術の積極的活用によるDX"
    assert (tomakomai.first_year, tomakomai.last_year) == (2025, 2029)


def test_item_2_exact_text_and_kpi(tomakomai):
    item = tomakomai.item(2)
    assert item.name == "基金の運用による税外収入の確保（債券運用）"
    assert item.owner == Department("財政部", "財政課")
    assert item.content == "基金残高の運用について、現在の定期預金に代わり国債や都道府県債などの債権運用を実施する。"
    assert (item.goal_year, item.goal_texts) == (2029, ("債券運用の実施及び拡大",))
    assert item.effects == {"citizen": 1, "fiscal": 4, "efficiency": 0}
    (kpi,) = item.kpis
    assert (kpi.name, kpi.unit, kpi.direction, kpi.accumulate) == ("運用額", "億円", "up", True)
    assert kpi.targets == {2025: 3, 2026: 3, 2027: 3, 2028: 3, 2029: 3}
    assert [kpi.cumulative(y) for y in range(2025, 2030)] == [3, 6, 9, 12, 15]


def test_item_15_reductions_are_down_kpis(tomakomai):
    item = tomakomai.item(15)
    assert item.departments == "総) 総務課、行政監理室"
    assert item.owner == Department("総務部", "総務課")
    assert item.related == (Department("総務部", "行政監理室"),)
    complaints = item.kpis[0]
    assert (complaints.name, complaints.direction, complaints.allow_negative) == ("苦情件数", "down", True)
    assert complaints.targets == {2027: -50, 2028: -50, 2029: -50}
    assert complaints.target(2025) is None and complaints.cumulative(2029) == -150
    assert item.goal_texts[0] == "録音機能付電話の導入、苦情△150件、1,500H削減"


def test_item_38_and_55(tomakomai):
    item38 = tomakomai.item(38)
    assert item38.name == "職員の横断的活用" and item38.goal_year == 2027
    assert item38.effects == {"citizen": 1, "fiscal": 5, "efficiency": 5}
    item55 = tomakomai.item(55)
    assert item55.owner == Department("総務部", "ICT推進室")
    assert item55.related == (Department("総務部", "総務課"), Department("環境衛生部", "ゼロカーボン推進室"))
    printers = next(k for k in item55.kpis if k.name == "プリンタ撤収")
    assert printers.targets == {2026: -30, 2027: -20, 2028: -20, 2029: -30}
    assert item55.schedule[2025] == "プリンタ統合準備"


def test_items_without_sheet_are_marked_missing_not_invented(tomakomai):
    for no in (50, 51, 52, 53):
        item = tomakomai.item(no)
        assert item.content == "" and item.goal_year is None and item.effects is None
        assert set(item.missing) >= {"content", "goal", "schedule", "effects", "pr"}
    notes = warnings(tomakomai)
    assert any("No.50, No.51, No.52, No.53" in n and "取組内容" in n for n in notes)


def test_generic_owners_are_never_recipients(tomakomai):
    keys = {d.key for d in tomakomai.recipients()}
    assert len(keys) == 35
    assert not any("施設所管課" in k or "関係課" in k for k in keys)
    assert "選挙管理委員会事務局" in keys and "議会事務局" in keys


def test_parse_departments_carries_prefix_and_skips_generic():
    prefixes = {"総": "総務部", "環": "環境衛生部"}
    depts, problems = parse_departments("総) ICT推進室、総務課、環) ゼロカーボン推進室、施設所管課", prefixes,
                                        ("施設所管課",), ())
    assert [d.key for d in depts] == ["総務部 ICT推進室", "総務部 総務課", "環境衛生部 ゼロカーボン推進室"]
    assert problems == []


def test_previous_plan_loads_and_says_what_is_missing():
    plan, problems = read_plan(builtin_plan_path("tomakomai-2020.yaml"))
    assert problems == []
    assert len(plan.items) == 22 and len(plan.themes) == 7
    assert sum(i.practice_count["total"] for i in plan.items) == 95
    assert sum(len(i.practices) for i in plan.items) == 25
    assert plan.recipients() == []
    assert any("担当部署（報告課）が登録されていない取組項目が 22 件" in n for n in warnings(plan))


def _broken(tmp_path: Path, mutate) -> Path:
    raw = parse_yaml((DATA / "mini-plan.yaml").read_text(encoding="utf-8"))
    mutate(raw)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda r: r["items"][1].pop("name"), "No.2: 「項目名」がありません。"),
        (lambda r: r["items"][2].update({"no": 1}), "No.1: 取組項目の番号が重複しています。"),
        (lambda r: r["items"][0]["effects"].update({"fiscal": 7}), "No.1: 効果「財政効果」の値 7 は 0〜5 の範囲外です。"),
        (lambda r: r["items"][0].update({"owner": "財政部 契約課"}),
         "No.1: 報告課（owner）「財政部 契約課」は担当部署「財) 財政課」にない課です。"),
        (lambda r: r["items"][0].update({"departments": "税) 財政課"}),
         "No.1: 担当部署「税) 財政課」の略号「税)」が凡例（prefixes）にありません。"),
        (lambda r: r["items"][0]["kpis"][0]["targets"].update({2026: "3億"}),
         "No.1: 指標「運用額」の 2026年度の目標値「3億」が数値ではありません。"),
        (lambda r: r["items"][0]["schedule"].update({2031: "延長"}),
         "No.1: 「取組予定」の年度 2031 が計画期間（2025〜2029年度）の外です。"),
        (lambda r: r["themes"][0].update({"items": 4}),
         "テーマ1「健全な財政運営」: 取組項目は 4 件のはずですが 3 件あります。"),
        (lambda r: r["items"].pop(2), "取組項目の番号が 1 から 5 までの連番になっていません（欠番: 3）。"),
    ],
)
def test_broken_plan_gives_japanese_error_naming_item_and_field(tmp_path, mutate, expected):
    path = _broken(tmp_path, mutate)
    with pytest.raises(PlanError) as err:
        load_plan(path)
    assert expected in err.value.problems, err.value.problems


def test_all_problems_are_reported_at_once(tmp_path):
    def mutate(raw):
        raw["items"][1].pop("name")
        raw["items"][0]["effects"]["citizen"] = 9

    with pytest.raises(PlanError) as err:
        load_plan(_broken(tmp_path, mutate))
    assert len(err.value.problems) == 2
    assert "2 件の誤りがあります" in str(err.value)
