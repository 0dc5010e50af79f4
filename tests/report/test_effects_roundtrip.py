"""効果額 and 達成度 end to end: filled 下期 forms → merge → ledger → report sheet → publication (issue 14)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest
from ledger_support import fill_dept, make_forms
from openpyxl import load_workbook

from sheetflow.ground.config import Config
from sheetflow.ledger.query import open_ledger
from sheetflow.report.publish import publish_year
from sheetflow.report.refresh import merge_and_report
from sheetflow.report.workbook import build_report, report_path

# what the departments type (千円): item 1 「約120万円」 is read as 1200
FORMS = {
    "財政部 財政課": {1: {"revenue": "約120万円", "saving": 300, "basis": "運用益の実績", "grade": "A 目標以上"},
                    2: {"revenue": 500, "grade": "B 目標どおり"}},
    "総務部 行政監理室/企画:係": {3: {"saving": "1,000千円", "basis": "委託の見直し", "grade": "C 一部達成"}},
    "議会事務局": {4: {"status": "中止", "issues": "制度の廃止により取組を中止した。"}},
}
TYPED = {1: (1200, 300), 2: (500, None), 3: (None, 1000)}  # (歳入増, 歳出減) as the forms held them


@pytest.fixture
def year_end(workspace, mini_plan):
    make_forms(workspace, mini_plan, "2025H2")
    for dept, per_item in FORMS.items():
        fill_dept(workspace, dept, period="2025H2", per_item=per_item)
    run = merge_and_report(workspace, mini_plan)
    assert run.exit_code == 0 and run.report_error == ""
    return workspace


def test_ledger_keeps_effects_and_grades_per_item(year_end):
    rows = open_ledger(year_end).current("2025H2").to_dict("records")
    def amount(v):  # the frame holds NaN for an empty amount
        return None if v != v else v

    got = {r["no"]: (amount(r["revenue"]), amount(r["saving"]), r["grade"], r["basis"]) for r in rows}
    assert got == {1: (1200, 300, "A 目標以上", "運用益の実績"), 2: (500, None, "B 目標どおり", ""),
                   3: (None, 1000, "C 一部達成", "委託の見直し"), 4: (None, None, "", "")}
    assert all(r["source_name"] and r["format_version"] == "5" for r in rows)


def test_report_sheet_totals_are_what_the_forms_held(year_end, mini_plan):
    ws = load_workbook(report_path(year_end, "2025H2"), read_only=True)["効果額・達成度"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0][0] == "効果額と達成度（令和7年度 下期）"
    revenue = sum(v for v, _ in TYPED.values() if v)
    saving = sum(v for _, v in TYPED.values() if v)
    total = next(r for r in rows if r[0] == "計")
    assert total[1:5] == [revenue, saving, revenue + saving, revenue + saving]
    grades_head = next(i for i, r in enumerate(rows) if r[0] == "達成度（項目数）")
    assert rows[grades_head + 1][:8] == ["テーマ", "A 目標以上", "B 目標どおり", "C 一部達成", "D 未達成", "ー 評価できない",
                                         "未記入", "計"]
    grade_total = next(r for r in rows[grades_head:] if r[0] == "計")
    assert grade_total[1:8] == [1, 1, 1, 0, 0, 1, 4]  # 中止 has no 達成度
    assert next(r for r in rows if r[0] == "前年度比")[1:8] == ["―"] * 7  # R7 is the plan's first year
    assert "令和7年度は計画の初年度のため、前年度比はありません（「―」）。" in [r[0] for r in rows]
    head = next(i for i, r in enumerate(rows) if r[0] == "効果額（千円）") + 1
    assert rows[head][3:6] == ["今年度の実績（令和7年度）", "累計（令和7年度〜令和7年度）", "計画の見込額（複数年度の総額）"]
    assert "取組中の項目 4 件（全 5 件のうち中止 1 件を除く）" in [r[0] for r in rows]
    stopped = next(i for i, r in enumerate(rows) if str(r[0]).startswith("中止の項目"))
    assert rows[stopped + 2][:3] == [f"No.4 {mini_plan.item(4).name}", "議会事務局", "制度の廃止により取組を中止した。"]
    assert [r[0] for r in rows].count(f"No.1 {mini_plan.item(1).name}") == 1  # among the items with an amount


def test_a_later_year_compares_its_grades_with_the_year_before(year_end, mini_plan):
    """The same year read as the second of a plan that began a year earlier: 前年度比 is each count's change."""
    current = open_ledger(year_end).current("2025H2")
    data = build_report(replace(mini_plan, first_year=2024), "2025H2", Config(root=year_end.root), current,
                        None, None, None, None)
    rows = [list(r) for r in load_workbook(io.BytesIO(data), read_only=True)["効果額・達成度"].iter_rows(values_only=True)]
    assert next(r for r in rows if r[0] == "前年度比")[1:4] == ["+1", "+1", "+1"]
    assert not any(str(r[0]).endswith("前年度比はありません（「―」）。") for r in rows)


def test_publication_shows_the_years_effect_and_grades(year_end, mini_plan):
    result = publish_year(year_end, mini_plan, 2025)
    figures = result.publication.figures
    assert figures.effects[2025] == sum(v or 0 for pair in TYPED.values() for v in pair) == 3000
    assert figures.effects[2026] is None and figures.cumulative_effect(2025) == 3000
    assert dict(figures.grades)["A 目標以上"] == 1 and sum(n for _, n in figures.grades) == 3
    text = (result.folder / "2025_items.csv").read_bytes().decode("utf-8-sig")
    items = {int(r["No"]): r for r in csv.DictReader(io.StringIO(text))}
    assert [items[1][c] for c in ("達成度", "効果額_歳入増_千円", "効果額_歳出減_千円", "効果額_計_千円")] == [
        "A 目標以上", "1200", "300", "1500"]
    assert sum(int(r["効果額_計_千円"] or 0) for r in items.values()) == 3000
    page = (result.folder / "index.html").read_text(encoding="utf-8")
    assert "3,000" in page
    by_theme = {mini_plan.item(no).theme: 0 for no in TYPED}
    for no, pair in TYPED.items():
        by_theme[mini_plan.item(no).theme] += sum(v or 0 for v in pair)
    assert [(t, now) for t, now, _ in figures.themes if now] == sorted(by_theme.items())
    assert all(cumulative == now for _, now, cumulative in figures.themes)  # the plan's first year
    assert "<caption>テーマ別の効果額（令和7年度と計画期間の累計、千円）</caption>" in page


def test_notes_under_the_tables_wrap_across_the_printed_width(year_end):
    ws = load_workbook(report_path(year_end, "2025H2"))["効果額・達成度"]
    notes = [c for c in ws["A"] if isinstance(c.value, str) and c.value.startswith(("計画書には効果見込", "令和7年度は計画の初年度"))]
    assert [c.value for c in notes][0] == "計画書には効果見込（計画の見込額）の記載がありません。"
    assert len(notes) == 2
    merged = {str(r) for r in ws.merged_cells.ranges}
    for cell in notes:  # the sheet's columns are A:H, printed one page wide
        assert f"A{cell.row}:H{cell.row}" in merged and cell.alignment.wrap_text


def test_the_plans_estimates_say_they_are_totals_over_years(tomakomai, tmp_path):
    data = build_report(tomakomai, "2025H2", Config(root=tmp_path), None, None, None, None, None)
    rows = [r for r in load_workbook(io.BytesIO(data), read_only=True)["効果額・達成度"].iter_rows(values_only=True)]
    note = next(r[0] for r in rows if str(r[0]).startswith("計画の見込額は"))
    assert note.startswith("計画の見込額は計画書に記載された効果見込（4 項目）で、今年度の額ではなく、記載された年度の総額です")
    assert "No.2 45,000 千円（令和7年度〜令和11年度の総額）" in note
    assert "No.31 200,000 千円（年額。令和7年度〜令和11年度の 5 年で 1,000,000 千円）以上" in note
