"""The period report workbook: sheets, counts, charts, KPI verdicts, changes, text safety, print setup."""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from test_report_data import kpi_rows, ledger_rows, realistic, status_rows

from sheetflow.ground.config import Config
from sheetflow.ledger.tables import RESUBMITTED, SUBMITTED
from sheetflow.report.workbook import build_report, report_path, write_period_report

SHEETS = ["概要", "テーマ別", "指標", "効果額・達成度", "計画期間の推移", "集計", "遅れ", "前回からの変化", "提出状況"]
GENERATED = datetime(2025, 10, 31, 9, 0)


@pytest.fixture
def mini_report(mini_plan, tmp_path) -> bytes:
    previous = ledger_rows("2024H2", [(1, "順調", "前期の実績", "")], mini_plan)
    current = ledger_rows("2025H1", [(1, "完了", "=SUM(A1:A2) 債券を購入", ""),
                                     (2, "遅れ", "", "+応募が少ないため、募集方法を見直す。"),
                                     (4, "順調", "@議会中継", "")], mini_plan)
    kpis = kpi_rows("2025H1", mini_plan, {"1-1": 3.5, "2-1": None, "2-2": -20}, remark="=1+1")
    status = status_rows("2025H1", [("財政部 財政課", RESUBMITTED, 2, 1), ("議会事務局", SUBMITTED, 1, 0)])
    return build_report(mini_plan, "2025H1", Config(root=tmp_path), current, kpis, previous, None, status,
                        generated=GENERATED)


def _book(data: bytes):
    return openpyxl.load_workbook(BytesIO(data))


def _rows(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _find(ws, value) -> tuple[int, int]:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell.row, cell.column
    raise AssertionError(f"{value!r} not on {ws.title}")


def test_sheets_and_summary_counts(mini_report):
    wb = _book(mini_report)
    assert wb.sheetnames == SHEETS
    ws = wb["概要"]
    assert ws["A1"].value == "テスト用プラン 進捗状況報告"
    assert ws["A2"].value == "令和7年度 上期（9月30日現在）"
    assert ws["A3"].value == "基準日: 令和7年9月30日　　作成日: 令和7年10月31日"
    rows = _rows(ws)
    header = next(r for r in rows if r[0] == "テーマ")
    assert header[:10] == ["テーマ", "完了", "順調", "概ね順調", "遅れ", "未着手", "対象外", "中止", "未報告", "計"]
    by_label = {r[0]: r[1:10] for r in rows if r[0]}
    assert by_label["1. 健全な財政運営"] == [1, 0, 0, 1, 0, 0, 0, 1, 3]
    assert by_label["2. 市民サービスの向上"] == [0, 1, 0, 0, 0, 0, 0, 1, 2]
    assert by_label["計"] == [1, 1, 0, 1, 0, 0, 0, 2, 5]
    assert by_label["部署の提出（提出済・再提出）"][:3] == [4, 2, 0.5]
    assert by_label["取組項目の報告"][:3] == [5, 3, 0.6]


def test_summary_has_native_charts_linked_from_its_sheet(mini_report):
    with zipfile.ZipFile(BytesIO(mini_report)) as z:
        names = z.namelist()
        assert {"xl/charts/chart1.xml", "xl/charts/chart2.xml"} <= set(names)
        sheet1 = z.read("xl/worksheets/sheet1.xml").decode()
        rels = z.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
        drawing_rels = z.read("xl/drawings/_rels/drawing1.xml.rels").decode()
        charts = z.read("xl/charts/chart1.xml").decode() + z.read("xl/charts/chart2.xml").decode()
    assert re.search(r"<drawing r:id=\"rId\d+\"/>", sheet1)
    assert "../drawings/drawing1.xml" in rels
    assert "../charts/chart1.xml" in drawing_rels and "../charts/chart2.xml" in drawing_rels
    assert '<c:grouping val="stacked"/>' in charts and "<c:barDir val=\"bar\"/>" in charts
    assert "<c:doughnutChart>" in charts
    assert "概要!$B$12:$B$13" in charts  # a series of the stacked bar: 完了 per theme
    assert "<c:printSettings>" not in sheet1
    # one page wide and one page high: fitToPage with the default 1 × 1 (xlsxwriter omits both attributes)
    assert '<pageSetUpPr fitToPage="1"/>' in sheet1 and '<pageSetup paperSize="9" orientation="landscape"/>' in sheet1


def test_print_setup_on_every_sheet(mini_report):
    wb = _book(mini_report)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert ws.page_setup.fitToWidth in (None, 1) and ws.sheet_properties.pageSetUpPr.fitToPage  # None = 1
        assert "&P" in ws.oddFooter.center.text
        assert ws.page_setup.fitToHeight == (None if ws.title == "概要" else 0)  # 概要: one page
    assert wb["テーマ別"].print_title_rows == "$4:$4"
    assert wb["指標"].print_title_rows is not None
    assert wb["概要"].print_area is not None


def test_items_grouped_by_theme_and_unreported_is_shown(mini_report):
    rows = _rows(_book(mini_report)["テーマ別"])
    header = rows.index(["No.", "項目名", "担当部署", "進捗状況", "今期の実績", "課題・今後の対応"])
    body = [r for r in rows[header + 1:]]
    assert body[0][0] == "1. 健全な財政運営"
    assert body[1] == [1, "基金の運用による税外収入の確保（債券運用）", "財政部 財政課", "完了", "=SUM(A1:A2) 債券を購入",
                       None]
    assert body[3][0] == 3 and body[3][3] == "未報告"
    assert body[4][0] == "2. 市民サービスの向上"
    assert [r[3] for r in body if isinstance(r[0], int)] == ["完了", "遅れ", "未報告", "順調", "未報告"]


def test_department_text_starting_with_equals_stays_text(mini_report):
    with zipfile.ZipFile(BytesIO(mini_report)) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        strings = z.read("xl/sharedStrings.xml").decode()
    assert all("<f>" not in s for s in sheets)
    assert "=SUM(A1:A2) 債券を購入" in strings and "+応募が少ないため" in strings and ">=1+1<" in strings
    ws = _book(mini_report)["テーマ別"]
    cell = ws.cell(*_find(ws, "=SUM(A1:A2) 債券を購入"))
    assert cell.data_type == "s"


def test_kpi_sheet_rates_verdicts_and_unreported(mini_report):
    ws = _book(mini_report)["指標"]
    rows = _rows(ws)
    header = rows.index(["No.", "項目名", "指標名", "単位", "目標の向き", "今年度の目標", "累計の目標", "比べた目標",
                         "実績", "達成率", "判定", "備考"])
    kpis = {r[2]: r for r in rows[header + 1:]}
    assert kpis["運用額"][5:11] == [3, 3, "累計", 3.5, pytest.approx(3.5 / 3), "達成"]
    assert kpis["収入額"][8:11] == ["未報告", "未報告", "―"]
    assert kpis["苦情件数"][4:11] == ["減らす", -50, -50, "年度", -20, pytest.approx(0.4), "未達"]
    assert kpis["苦情件数"][11] == "=1+1"
    notes = " ".join(str(r[0]) for r in rows[1:header])
    assert "上期の報告のため" in notes and "目標÷実績" in notes
    rules = {r.formula[0]: r.dxf.fill.bgColor.rgb for cf in ws.conditional_formatting for r in cf.rules}
    assert set(rules) == {'"達成"', '"未達"'}


def test_behind_sheet_lists_items_with_issues(mini_report):
    rows = _rows(_book(mini_report)["遅れ"])
    assert [2, "1. 健全な財政運営", "広告料収入の確保", "財政部 財政課", "遅れ", "+応募が少ないため、募集方法を見直す。",
            None] in rows


def test_changes_sheet(mini_report):
    rows = _rows(_book(mini_report)["前回からの変化"])
    by_no = {}
    for r in rows:
        if isinstance(r[0], int):
            by_no.setdefault(r[0], []).append(r[3:7])
    assert by_no[1] == [["改善", "進捗状況", "順調", "完了"], [None, "今期の実績", "前期の実績", "=SUM(A1:A2) 債券を購入"],
                        [None, "指標「運用額」の実績値", "未報告", 3.5]]
    assert by_no[2] == [["新規報告", "進捗状況", "未報告", "遅れ"]]
    assert by_no[3] == [["未報告", "進捗状況", "未報告", "未報告"]]


def test_submissions_sheet_lists_missing(mini_report):
    rows = _rows(_book(mini_report)["提出状況"])
    table = {r[0]: r[1:8] for r in rows if r[0] and r[1] is not None}
    assert table["財政部 財政課"] == [2, "再提出", "令和7年10月20日 09:15", "令和7年10月28日 16:40", 2, 1, 2]
    assert table["議会事務局"][1] == "提出済"
    assert table["市民生活部 窓口サービス課"] == [1, "未提出", None, None, 0, 0, 0]
    start = next(i for i, r in enumerate(rows) if r[0] == "未提出の部署（2 部署）")
    assert [r[0] for r in rows[start + 1:start + 3]] == ["総務部 行政監理室/企画:係", "市民生活部 窓口サービス課"]


def test_real_plan_report(tomakomai, tmp_path):
    current, kpis, status = realistic(tomakomai, "2025H2")
    previous, prev_kpis, _ = realistic(tomakomai, "2025H1", skip_every=7, shift=2)
    data = build_report(tomakomai, "2025H2", Config(root=tmp_path), current, kpis, previous, prev_kpis, status)
    wb = _book(data)
    rows = _rows(wb["概要"])
    total = next(r for r in rows if r[0] == "計")
    assert total[9] == 56 and total[8] == 56 - len(current)  # 7 statuses (with 対象外, 中止), 未報告, 計
    kpi_rows_ = [r for r in _rows(wb["指標"]) if isinstance(r[0], int)]
    assert len(kpi_rows_) == 43
    assert "上期の報告のため" not in " ".join(str(r[0]) for r in _rows(wb["指標"])[:6])
    themed = [r for r in _rows(wb["テーマ別"]) if isinstance(r[0], int)]
    assert [r[0] for r in themed] == list(range(1, 57))


def test_write_period_report_with_an_empty_ledger(workspace, mini_plan):
    path = write_period_report(workspace, mini_plan, "2025H1")
    assert path == report_path(workspace, "2025H1") == workspace.outbox_dir / "reports" / "2025H1_進捗状況報告.xlsx"
    rows = _rows(_book(path.read_bytes())["テーマ別"])
    assert [r[3] for r in rows if isinstance(r[0], int)] == ["未報告"] * 5
    assert not list(Path(path.parent).glob(".*.tmp"))


@pytest.mark.libreoffice
def test_report_opens_in_libreoffice(mini_report, tmp_path):
    from lo import convert

    src = tmp_path / "src" / "2025H1_進捗状況報告.xlsx"
    src.parent.mkdir()
    src.write_bytes(mini_report)
    pdf = convert(src, "pdf", tmp_path / "pdf")
    assert pdf.stat().st_size > 10_000
    assert pdf.read_bytes().startswith(b"%PDF")


def test_behind_sheet_lists_items_past_their_goal_year(mini_plan, tmp_path):
    current = ledger_rows("2025H2", [(4, "順調", "環境整備中", ""), (1, "順調", "", "")], mini_plan)
    rows = _rows(_book(build_report(mini_plan, "2025H2", Config(root=tmp_path), current, None, None, None, None))["遅れ"])
    at = next(i for i, r in enumerate(rows) if r[0] == "到達目標の年度を過ぎても「完了」になっていない取組項目")
    assert rows[at + 1][:6] == ["No.", "テーマ", "項目名", "担当部署", "進捗状況", "到達目標の年度"]
    assert rows[at + 2][:6] == [4, "2. 市民サービスの向上", "本会議における一般質問のオンライン化", "議会事務局", "順調",
                                "令和7年度"]
    assert len(rows) == at + 3  # No.1 (goal R11) is not past its goal year


def test_kpi_sheet_says_a_level_is_measured_by_that_years_level(tomakomai, tmp_path):
    kpis = kpi_rows("2026H2", tomakomai, {"18-1": 45, "2-1": 6})
    ws = _book(build_report(tomakomai, "2026H2", Config(root=tmp_path), None, kpis, None, None, None))["指標"]
    rows = _rows(ws)
    head = next(i for i, r in enumerate(rows) if r[0] == "No.")
    assert rows[head][5:11] == ["今年度の目標", "累計の目標", "比べた目標", "実績", "達成率", "判定"]
    led = next(r for r in rows if r[2] == "LED化率")
    assert led[5:11] == [50, 50, "水準", 45, 0.9, "未達"]
    fund = next(r for r in rows if r[2] == "運用額")  # 3億円, +3億円, …: R8's level is 6
    assert fund[5:11] == [3, 6, "水準", 6, 1, "達成"]


def test_the_date_made_is_the_date_in_japan(mini_plan, tmp_path):
    late = datetime(2025, 10, 31, 20, 0, tzinfo=UTC)  # 11月1日 05:00 in Japan
    ws = _book(build_report(mini_plan, "2025H1", Config(root=tmp_path), None, None, None, None, None,
                            generated=late))["概要"]
    assert ws["A3"].value == "基準日: 令和7年9月30日　　作成日: 令和7年11月1日"
