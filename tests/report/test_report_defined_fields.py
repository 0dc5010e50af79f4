"""Fields a workspace adds to its form definition reach the report's 集計 sheet (集計 合計 / 件数) and the
publication (公表): the items CSV and datapackage.json, with no Python change."""

from __future__ import annotations

import json
from io import BytesIO

import openpyxl
import pandas as pd
import pytest
from definitions import edited_definition
from ledger_support import mini_workspace
from test_report_data import kpi_rows, ledger_rows

from sheetflow.ground.config import Config, load_config
from sheetflow.report.publish import build_publication
from sheetflow.report.workbook import build_report

BUDGET = {"表ID": "report", "項目ID": "budget", "見出し": "予算額（千円）", "型": "整数", "最小": 0, "集計": "合計",
          "公表": "○"}
PARTNER = {"表ID": "report", "項目ID": "partner", "見出し": "連携先", "型": "文字", "集計": "件数"}


@pytest.fixture
def defined(tmp_path) -> Config:
    """A workspace whose sheetflow.toml names 様式定義.yaml: the built-in definition plus 予算額 and 連携先."""
    mini_workspace(tmp_path)
    edited_definition(tmp_path / "様式定義.yaml", [BUDGET, PARTNER])
    with (tmp_path / "sheetflow.toml").open("a", encoding="utf-8") as f:
        f.write('form = "様式定義.yaml"\n')
    return load_config(tmp_path)


def _with(frame: pd.DataFrame, **columns: dict[int, object]) -> pd.DataFrame:
    """The frame with added columns, by item no (the ledger's columns of the defined fields)."""
    out = frame.copy()
    for key, values in columns.items():
        out[key] = out["no"].map(values)
    return out


H2 = [(1, "完了", "実績", ""), (2, "遅れ", "", "人手不足"), (3, "順調", "", ""), (4, "順調", "", "")]


def _report(plan, cfg: Config, current: pd.DataFrame):
    data = build_report(plan, "2025H2", cfg, current, None, None, None, None)
    return openpyxl.load_workbook(BytesIO(data))["集計"]


def test_totals_sheet_sums_and_counts_the_defined_fields_by_theme(mini_plan, defined):
    current = _with(ledger_rows("2025H2", H2, mini_plan), revenue={1: 100, 4: 20}, saving={2: 7},
                    budget={1: 1200, 2: 300, 3: None, 4: 50}, partner={1: "北大", 3: "", 4: "商工会議所"})
    ws = _report(mini_plan, defined, current)
    assert ws["A1"].value == "テーマ別の集計（令和7年度 下期）"
    assert [c.value for c in ws[4]] == ["テーマ", "歳入増 実績（千円）", "歳出減 実績（千円）", "予算額（千円）",
                                        "連携先（件数）"]
    assert [c.value for c in ws[5]] == ["1. 健全な財政運営", 100, 7, 1500, 1]
    assert [c.value for c in ws[6]] == ["2. 市民サービスの向上", 20, 0, 50, 1]
    assert [c.value for c in ws[7]] == ["計", 120, 7, 1550, 2]
    assert ws.max_row == 7
    assert {ws.cell(r, c).number_format for r in (5, 7) for c in range(2, 6)} == {"#,##0"}
    assert ws.print_title_rows == "$4:$4" and ws.freeze_panes == "A5"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0


def test_an_older_ledger_without_the_column_counts_it_as_empty(mini_plan, defined):
    ws = _report(mini_plan, defined, ledger_rows("2025H2", H2, mini_plan))
    assert [c.value for c in ws[7]] == ["計", 0, 0, 0, 0]


def test_the_built_in_definition_totals_revenue_and_saving_with_the_half_headers(mini_plan, tmp_path):
    current = _with(ledger_rows("2025H1", H2, mini_plan), revenue={1: 100.5, 4: 20}, saving={2: 7})
    data = build_report(mini_plan, "2025H1", Config(root=tmp_path), current, None, None, None, None)
    ws = openpyxl.load_workbook(BytesIO(data))["集計"]
    assert [[c.value for c in ws[r]] for r in (4, 5, 6, 7)] == [
        ["テーマ", "歳入増 見込（千円）", "歳出減 見込（千円）"], ["1. 健全な財政運営", 100.5, 7],
        ["2. 市民サービスの向上", 20, 0], ["計", 120.5, 7]]


def test_published_fields_get_a_csv_column_typed_in_the_datapackage(mini_plan, defined):
    h2 = _with(ledger_rows("2025H2", H2[:2], mini_plan), budget={1: 1200.0, 2: None}, partner={1: "北大"})
    h1 = _with(ledger_rows("2025H1", [(3, "概ね順調", "", "")], mini_plan), budget={3: 80})
    files = build_publication(mini_plan, 2025, defined, h2, kpi_rows("2025H2", mini_plan, {"1-1": 3.5}), h1, None)
    items = pd.read_csv(BytesIO(files["2025_items.csv"]), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(items.columns[-2:]) == ["効果額_算定根拠", "予算額（千円）"]  # 連携先 is not 公表
    assert list(items["報告時点"]) == ["下期", "下期", "上期時点", "未報告", "未報告"]
    assert list(items["予算額（千円）"]) == ["1200", "", "80", "", ""]
    fields = json.loads(files["datapackage.json"])["resources"][0]["schema"]["fields"]
    assert fields[-1] == {"name": "予算額（千円）", "title": "予算額（千円）", "type": "integer",
                          "description": "様式定義で公表とした項目「予算額（千円）」（型: 整数）。報告時点の報告の値"}
    assert "| 予算額（千円） | 様式定義で公表とした項目「予算額（千円）」（型: 整数）。" in files["2025_columns.md"].decode()


def test_the_package_with_a_published_field_validates(mini_plan, defined, tmp_path):
    import frictionless

    h2 = _with(ledger_rows("2025H2", H2, mini_plan), budget={1: 1200, 2: 0, 4: 35})
    folder = tmp_path / "out"
    folder.mkdir()
    for name, data in build_publication(mini_plan, 2025, defined, h2, None, None, None).items():
        (folder / name).write_bytes(data)
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
