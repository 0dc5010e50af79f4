"""The yearly disclosure: H2 with H1 fallback, HTML markup and escaping, CSVs, no staff contacts, CLI."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from io import BytesIO

import pandas as pd
import pytest
from click.testing import CliRunner
from test_report_data import kpi_rows, ledger_rows, realistic

from sheetflow import messages as msg
from sheetflow.cli import main
from sheetflow.ground.config import Config
from sheetflow.report.publish import build_publication

REPORTER, PHONE = "記入者ゼータ", "内線9876"
VOID = {"meta", "br", "link", "img", "input", "hr"}


@pytest.fixture
def mini_files(mini_plan, tmp_path) -> dict[str, bytes]:
    h2 = ledger_rows("2025H2", [(1, "完了", "債券 3億円を運用した。", "", REPORTER, PHONE),
                                (2, "遅れ", "", "<script>alert(1)</script> & \"応募\" が少ない", REPORTER, PHONE),
                                (4, "=HYPERLINK(\"http://x\")", "@議会", "", REPORTER, PHONE)], mini_plan)
    h1 = ledger_rows("2025H1", [(1, "順調", "上期の実績", "", "別の記入者", "内線5555"),
                                (3, "概ね順調", "方針を検討中", "", "記入者イプシロン", "内線4321")], mini_plan)
    h2_kpis = kpi_rows("2025H2", mini_plan, {"1-1": 3.5, "2-1": None, "2-2": -60})
    h1_kpis = kpi_rows("2025H1", mini_plan, {"1-1": 1})
    return build_publication(mini_plan, 2025, Config(root=tmp_path), h2, h2_kpis, h1, h1_kpis)


def _csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def test_files_and_csv_one_row_per_item(mini_files, mini_plan):
    assert set(mini_files) == {"index.html", "2025_items.csv", "2025_kpis.csv", "2025_columns.md", "datapackage.json"}
    assert mini_files["2025_items.csv"].startswith(b"\xef\xbb\xbf")
    items = _csv(mini_files["2025_items.csv"])
    assert len(items) == len(mini_plan.items) == 5
    assert list(items["No"]) == ["1", "2", "3", "4", "5"]
    assert list(items["報告時点"]) == ["下期", "下期", "上期時点", "下期", "未報告"]
    assert list(items["進捗状況"]) == ["完了", "遅れ", "概ね順調", "'=HYPERLINK(\"http://x\")", "未報告"]
    assert items.loc[0, "取組実績"] == "債券 3億円を運用した。"  # H2 wins over H1
    assert items.loc[3, "取組実績"] == "'@議会"  # a spreadsheet would run it as a formula
    assert items.loc[0, "指標の実績"] == "運用額: 実績 3.5億円／累計目標 3億円（達成）"
    assert items.loc[1, "指標の実績"] == "収入額: 実績 未報告／累計目標 2%; 苦情件数: 実績 -60件／年度目標 -50件（達成）"
    assert list(items.columns) == [c for c, _ in msg.PUBLISH_ITEM_COLUMNS]


def test_kpi_csv(mini_files):
    kpis = _csv(mini_files["2025_kpis.csv"])
    assert list(kpis["指標番号"]) == ["1-1", "2-1", "2-2"]
    assert kpis.iloc[0][["実績値", "達成率（%）", "判定", "比べた目標"]].tolist() == ["3.5", "116.7", "達成", "累計"]
    assert kpis.iloc[1][["実績値", "達成率（%）", "判定"]].tolist() == ["", "", "未報告"]
    assert kpis.iloc[2][["今年度の目標値", "実績値", "達成率（%）", "判定"]].tolist() == ["-50", "-60", "120.0", "達成"]


def test_columns_are_documented(mini_files):
    doc = mini_files["2025_columns.md"].decode("utf-8")
    for column, _ in (*msg.PUBLISH_ITEM_COLUMNS, *msg.PUBLISH_KPI_COLUMNS):
        assert f"| {column} |" in doc
    assert "2025_items.csv" in doc and "2025_kpis.csv" in doc


def test_contacts_are_never_published(mini_files):
    for name, data in mini_files.items():
        text = data.decode("utf-8-sig")
        for secret in (REPORTER, PHONE, "別の記入者", "内線5555", "記入者イプシロン", "内線4321", "山田"):
            assert secret not in text, (name, secret)
    for name in ("2025_items.csv", "2025_kpis.csv"):
        columns = set(_csv(mini_files[name]).columns)
        assert not columns & {"記入者", "連絡先", "連絡先（内線）", "reporter", "phone"}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.seen: list[tuple[str, dict]] = []
        self.captions: list[str] = []
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        self.seen.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)
        self._in_caption = tag == "caption"

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-3:])
        self.stack.pop()
        self._in_caption = False

    def handle_data(self, data):
        if self._in_caption:
            self.captions.append(data)


def test_html_is_self_contained_accessible_and_escaped(mini_files, mini_plan):
    page = mini_files["index.html"].decode("utf-8")
    tags = _Tags()
    tags.feed(page)
    assert tags.stack == []  # every element closed
    names = [t for t, _ in tags.seen]
    assert ("html", {"lang": "ja"}) in tags.seen and ("meta", {"charset": "utf-8"}) in tags.seen
    assert "script" not in names and "link" not in names and "img" not in names
    assert "@media print" in page
    assert not [a for t, a in tags.seen if "src" in a or a.get("href", "").startswith(("http", "//"))]
    assert {a.get("scope") for t, a in tags.seen if t == "th"} == {"col", "row"}
    assert names.count("table") == names.count("caption") == 1 + 2 + 1  # counts, one per theme, KPIs
    assert any("1. 健全な財政運営" in c for c in tags.captions) and any("2. 市民サービスの向上" in c for c in tags.captions)
    for item in mini_plan.items:
        assert html.escape(item.name) in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;応募&quot;" in page
    assert "=HYPERLINK(&quot;http://x&quot;)" in page
    assert "※上期時点" in page


def test_no_h2_rows_is_a_data_error(mini_plan, tmp_path):
    h1 = ledger_rows("2025H1", [(1, "順調", "", "")], mini_plan)
    with pytest.raises(msg.DataError, match="令和7年度 下期・年度末（3月31日現在） の報告が台帳に1件もない"):
        build_publication(mini_plan, 2025, Config(root=tmp_path), None, None, h1, None)


def test_real_plan_publication(tomakomai, tmp_path):
    h2, h2_kpis, _ = realistic(tomakomai, "2025H2")
    h1, h1_kpis, _ = realistic(tomakomai, "2025H1", skip_every=7, shift=2)
    files = build_publication(tomakomai, 2025, Config(root=tmp_path), h2, h2_kpis, h1, h1_kpis)
    items = _csv(files["2025_items.csv"])
    assert len(items) == 56 and items["No"].tolist() == [str(n) for n in range(1, 57)]
    assert (items["報告時点"] == "上期時点").sum() > 0
    assert len(_csv(files["2025_kpis.csv"])) == 43
    page = files["index.html"].decode("utf-8")
    assert all(html.escape(item.name) in page for item in tomakomai.items)  # incl. スクラップ&ビルド
    assert all("記入者ゼータ" not in f.decode("utf-8-sig") and "内線9876" not in f.decode("utf-8-sig")
               for f in files.values())


def test_cli_publish_without_h2_exits_1(workspace):
    result = CliRunner().invoke(main, ["-C", str(workspace.root), "publish", "--year", "2025"])
    assert result.exit_code == 1
    assert "下期の返送ファイルを merge してから実行してください" in result.output
    assert not (workspace.outbox_dir / "publish").exists()


def test_level_and_cap_indicators_in_the_publication(tomakomai, tmp_path):
    """R8 (2026): LED化率 is a 水準 measured by that year's 50 %; 出没件数 a 上限 — none in R8, so 目標なし."""
    h2 = ledger_rows("2026H2", [(18, "順調", "", ""), (47, "順調", "", "")], tomakomai)
    h2_kpis = kpi_rows("2026H2", tomakomai, {"18-1": 45, "47-1": 3})
    files = build_publication(tomakomai, 2026, Config(root=tmp_path), h2, h2_kpis, None, None)
    kpis = _csv(files["2026_kpis.csv"]).set_index("指標番号")
    assert kpis.loc["18-1", ["今年度の目標値", "比べた目標", "実績値", "達成率（%）", "判定"]].tolist() == [
        "50", "水準", "45", "90.0", "未達"]
    assert kpis.loc["47-1", ["比べた目標", "判定"]].tolist() == ["上限", "目標なし"]
    items = _csv(files["2026_items.csv"]).set_index("No")
    assert any(str(v).startswith("LED化率: 実績 45%／水準目標 50%（未達）; ") for v in items.loc["18"].tolist())
