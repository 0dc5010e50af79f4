"""効果額 and 達成度 end to end: filled 下期 forms → merge → ledger → report sheet → publication (issue 14)."""

from __future__ import annotations

import csv
import io

import pytest
from ledger_support import fill_dept, make_forms
from openpyxl import load_workbook

from sheetflow.ledger.query import open_ledger
from sheetflow.report.publish import publish_year
from sheetflow.report.refresh import merge_and_report
from sheetflow.report.workbook import report_path

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
    assert next(r for r in rows if r[0] == "前年度比")[1:4] == ["+1", "+1", "+1"]
    assert "取組中の項目 4 件（全 5 件のうち中止 1 件を除く）" in [r[0] for r in rows]
    stopped = next(i for i, r in enumerate(rows) if str(r[0]).startswith("中止した項目"))
    assert rows[stopped + 2][:3] == [f"No.4 {mini_plan.item(4).name}", "議会事務局", "制度の廃止により取組を中止した。"]
    assert [r[0] for r in rows].count(f"No.1 {mini_plan.item(1).name}") == 1  # among the items with an amount


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
