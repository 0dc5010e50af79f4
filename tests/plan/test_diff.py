"""plan diff: the city's categories, the 2020 plan's R4 revision as the source states it, the console/JSON/Excel views."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from sheetflow.cli import main
from sheetflow.plan.diff import diff_plans
from sheetflow.plan.load import load_plan

TEMPLATES = Path(__file__).parents[2] / "templates" / "plan"
V1, V2 = TEMPLATES / "tomakomai-2020-v1.yaml", TEMPLATES / "tomakomai-2020.yaml"


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="sheetflow", catch_exceptions=False)


def test_the_2020_revision_gives_the_counts_the_source_states_where_it_names_the_changes() -> None:
    result = diff_plans(load_plan(V1), load_plan(V2))
    assert result.practices("added") == 25  # 新規実践項目 25 項目 (the source names all 25)
    assert [c.no for c in result.changes if c.kind == "added" and not c.fields] == [22]  # 現行「―」: a new item
    # 内容の変更 19 項目: the source names only 3 (変更後); 工程の確定 11 項目: it names none
    changed = [(c.no, c.after, c.before) for c in result.changes if c.kind == "content"]
    assert changed == [(3, "市立病院経営強化プランの策定と推進", "（要確認）"), (4, "子ども・子育て情報発信アプリの導入", "（要確認）"),
                       (17, "文書管理システムの導入", "（要確認）")]
    assert result.counts()["schedule"] == 0
    assert result.summary() == ("tomakomai-2020 第1版 → tomakomai-2020 第2版（令和5年度 上期から適用）: "
                                "変更 29 件（追加 26、内容の変更 3）")


def test_each_kind_in_the_citys_words(mini_plan) -> None:
    items = list(mini_plan.items)
    one, two = items[0], items[1]
    items[0] = dataclasses.replace(one, content="債券運用を拡大する。", schedule={**one.schedule, 2028: "運用の見直し"})
    items[1] = dataclasses.replace(two, departments="財) 財政課", related=(), kpis=two.kpis[:1])
    new = dataclasses.replace(mini_plan, version=2, items=tuple(i for i in items if i.no != 5))
    rows = [tuple(r[:4]) for r in diff_plans(mini_plan, new).rows()]
    assert rows == [("内容の変更", 1, one.name, "取組内容"), ("工程の確定・変更", 1, one.name, "令和10年度"),
                    ("目標の変更", 2, two.name, "苦情件数"), ("担当の変更", 2, two.name, "担当部署、関係課"), ("中止・削除", 5, items[4].name, "")]


def test_cli_table_json_and_print_ready_sheet(tmp_path) -> None:
    out = tmp_path / "見直し.xlsx"
    shown = run("-C", str(tmp_path), "plan", "diff", str(V1), str(V2), "--out", str(out))
    assert shown.exit_code == 0
    lines = shown.output.splitlines()
    assert lines[:4] == [
        "tomakomai-2020 第1版 → tomakomai-2020 第2版（令和5年度 上期から適用）: 変更 29 件（追加 26、内容の変更 3）",
        "うち実践項目: 追加 25、内容の変更 3", "[追加] No.1 新たな財源確保に向けた取組（実践項目）",
        "    変更後: ふるさと納税の獲得に向けた新たな手法の導入"]
    shown.output.encode("cp932")
    data = json.loads(run("plan", "diff", str(V1), str(V2), "--json").output)
    assert data["counts"]["added"] == 26 and data["practices"]["added"] == 25 and len(data["changes"]) == 29
    ws = openpyxl.load_workbook(out)["計画の見直し"]
    assert ws.print_title_rows == "$4:$4" and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert [c.value for c in ws[4]] == ["区分", "No.", "項目名", "変更した欄", "変更前", "変更後", "備考"]
    assert ws.max_row == 4 + 29


def test_a_missing_plan_file_exits_2(tmp_path) -> None:
    result = run("plan", "diff", str(V1), str(tmp_path / "none.yaml"))
    assert result.exit_code == 2 and "が見つかりません" in result.output
