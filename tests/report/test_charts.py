"""report.charts: inline SVG from plain numbers — text alternative, patterns, bar sizes, missing years."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from sheetflow.report import charts

SVG = "{http://www.w3.org/2000/svg}"


def _tree(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _texts(svg: str) -> list[str]:
    return [t.text for t in _tree(svg).iter(f"{SVG}text")]


def test_year_bars_draw_given_figures_and_say_未集計_for_missing_years():
    svg = charts.year_bars("fx", "年度別の効果額", [("令和7年度", 12345), ("令和8年度", 20000.5), ("令和9年度", None)], "千円")
    root = _tree(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "fx-title"
    assert root.find(f"{SVG}title").text == "年度別の効果額"
    assert root.find(f"{SVG}desc").text == "令和7年度 12,345千円。令和8年度 20,000.5千円。令和9年度 未集計"
    texts = _texts(svg)
    assert "12,345" in texts and "20,000.5" in texts and texts.count("未集計") == 1 and "単位: 千円" in texts
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("fill", "").startswith("#")]
    heights = [float(b.get("height")) for b in bars]
    assert heights == [round(charts.PLOT * 12345 / 20000.5, 1), float(charts.PLOT)]  # the biggest is full height


def test_year_bars_all_zero_draw_flat_bars_with_0():
    svg = charts.year_bars("z", "効果額", [("令和7年度", 0), ("令和8年度", 0)], "千円")
    assert _texts(svg).count("0") == 2
    assert all(float(r.get("height")) == 0 for r in _tree(svg).iter(f"{SVG}rect"))


def test_count_bars_one_bar_per_grade_with_its_own_pattern():
    svg = charts.count_bars("g", "達成度", [("A 目標以上", 3), ("B 目標どおり", 10), ("C 一部達成", 5), ("D 未達成", 0)])
    root = _tree(svg)
    assert root.find(f"{SVG}desc").text == "A 目標以上 3件。B 目標どおり 10件。C 一部達成 5件。D 未達成 0件"
    texts = _texts(svg)
    assert ["A 目標以上", "3", "B 目標どおり", "10", "C 一部達成", "5", "D 未達成", "0件"] == texts
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect") if r.get("fill", "").startswith("#")]
    assert widths[1] == charts.WIDTH - charts.TOTAL_ROOM and widths[0] == round(widths[1] * 3 / 10, 1)
    patterns = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    assert patterns == {"g-p1", "g-p2", "g-p3"}  # the first series is plain colour, the others hatched


def test_stacked_bars_label_every_count_and_legend_every_series():
    series = charts.series_for(["完了", "順調", "遅れ", "未報告"], ("未報告",))
    assert [s.pattern for s in series] == ["solid", "diagonal", "dots", "sparse"]
    svg = charts.stacked_bars("s", "テーマ別", [("1. 財政", [2, 1, 1, 0]), ("2. 空のテーマ", [0, 0, 0, 0])], series)
    texts = _texts(svg)
    assert texts[:5] == ["1. 財政", "2", "1", "1", "計4"]
    assert "項目なし" in texts and texts[-4:] == ["完了", "順調", "遅れ", "未報告"]
    assert _tree(svg).find(f"{SVG}desc").text == "1. 財政: 完了 2件、順調 1件、遅れ 1件（計4件）。2. 空のテーマ: 項目なし（計0件）"
    # every box has a dark outline: the bar's edge is visible whatever its fill (WCAG 1.4.11)
    outlines = [r for r in _tree(svg).iter(f"{SVG}rect") if r.get("stroke") == charts.INK]
    assert len(outlines) == 3 + 4  # three segments, four legend swatches


def test_long_labels_wrap_and_text_is_escaped():
    name = "とても長い取組項目の名称が続いて一行には到底収まらない場合でも折り返して表示する<b>"
    svg = charts.stacked_bars("w", "t&t", [(name, [1])], charts.series_for(["完了"]))
    lines = [t for t in _texts(svg) if t not in ("1", "計1")]
    assert len(lines) >= 2 and "".join(lines) == name
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "t&amp;t" in svg
    assert not re.search(r"<script|href=", svg)
