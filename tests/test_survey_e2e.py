"""A 庁内照会 from scratch: a definition typed in Excel (openpyxl, as a person writes one) runs the whole round
trip through the real commands — init --form, forms (each department's own rows pre-filled and locked), bad
returns refused at the right cell, good ones merged, a corrected return, status naming who has not answered, and
the 集計表 totals equal to what the departments typed (issue 28's "done when")."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from definition_support import write_book
from openpyxl import load_workbook

from sheetflow.cli import main

SHEETS = {
    "設定": [("項目", "値"), ("照会ID", "shisetsu2026"), ("版", 1), ("件名", "公共施設の利用状況調査"),
             ("回答期限", datetime(2026, 5, 29)), ("照会元", "総務部 行政監理室（内線 2231）")],
    "表": [("表ID", "シート名", "行モード", "キー", "最大行数"), ("summary", "回答者", "単一", None, None),
           ("events", "行事", "自由行", None, 5), ("facilities", "所管施設", "既定行", "code", None)],
    "項目": [("表ID", "項目ID", "見出し", "型", "必須", "最小", "最大文字数", "説明", "集計", "編集不可"),
             ("summary", "person", "回答者", "文字", "○", None, 30, "回答した職員の氏名", None, None),
             ("summary", "count", "所管施設数", "整数", "○", 0, None, "所管する施設の数", "合計", None),
             ("events", "title", "行事名", "文字", "○", None, 100, "行事の名前（1行に1つ）", "件数", None),
             ("events", "people", "参加者数", "整数", None, 0, None, "延べ人数", "合計", None),
             ("events", "held", "開催日", "日付", None, None, None, "例: 2025/10/1", None, None),
             ("facilities", "code", "施設コード", "文字", None, None, None, None, None, "○"),
             ("facilities", "name", "施設名", "文字", None, None, None, None, None, "○"),
             ("facilities", "visitors", "年間利用者数", "整数", "○", 0, None, "令和7年度の延べ利用者数", "合計", None),
             ("facilities", "open", "開館中", "はい・いいえ", "○", None, None, "休館中なら「いいえ」", "件数", None)],
    "選択肢": [("リスト名", "値")],
    "部署": [("部署名", "担当者"), ("文化課", "文化係"), ("スポーツ課", "管理係"), ("公園課", "公園係")],
    "既定データ": [("部署名", "表ID", "code", "name"), ("文化課", "facilities", "C01", "市民文化ホール"),
                ("文化課", "facilities", "C02", "美術博物館"), ("スポーツ課", "facilities", "S01", "総合体育館")],
}


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(root), *args], prog_name="sheetflow", catch_exceptions=False)


def fill(form: Path, dst: Path, cells: dict[str, dict[str, object]]) -> Path:
    """A department answers: sheet → {cell: value}, typed with openpyxl as Excel would save it."""
    wb = load_workbook(form)
    for sheet, values in cells.items():
        for cell, value in values.items():
            assert not wb[sheet][cell].protection.locked, f"{sheet}!{cell} is not an input cell"
            wb[sheet][cell] = value
    wb.save(dst)
    return dst


@pytest.fixture(scope="module")
def survey(tmp_path_factory):
    base = tmp_path_factory.mktemp("survey")
    write_book(base / "照会定義.xlsx", SHEETS)
    root = base / "照会"
    made = run(base, "init", str(root), "--form", str(base / "照会定義.xlsx"))
    assert made.exit_code == 0, made.output
    forms = run(root, "forms")
    assert forms.exit_code == 0, forms.output
    return root, {p.stem: p for p in (root / "outbox" / "forms" / "shisetsu2026").glob("*.xlsx")}


def test_each_department_gets_its_own_rows_pre_filled_and_locked(survey):
    _, forms = survey
    assert sorted(forms) == ["スポーツ課", "公園課", "文化課"]
    ws = load_workbook(forms["文化課"])["所管施設"]
    assert [(ws[f"A{r}"].value, ws[f"B{r}"].value) for r in (4, 5)] == [("C01", "市民文化ホール"), ("C02", "美術博物館")]
    assert ws["A4"].protection.locked and ws["B4"].protection.locked and not ws["C4"].protection.locked
    assert ws["A6"].value is None
    assert load_workbook(forms["公園課"])["所管施設"]["A4"].value is None


@pytest.fixture(scope="module")
def merged(survey):
    root, forms = survey
    inbox = root / "inbox"
    fill(forms["文化課"], inbox / "文化課.xlsx", {
        "回答者": {"A4": "山田", "B4": 2},
        "行事": {"A4": "市民音楽祭", "B4": 1200, "C4": datetime(2025, 10, 12), "A5": "企画展", "B5": "３００"},
        "所管施設": {"C4": 45000, "D4": "はい", "C5": 30000, "D5": "はい"}})
    fill(forms["スポーツ課"], inbox / "スポーツ課.xlsx", {
        "回答者": {"A4": "佐藤", "B4": "たくさん"},
        "行事": {"B5": 80},
        "所管施設": {"C4": 52000, "D4": "いいえ"}})
    first = run(root, "merge")
    fill(forms["スポーツ課"], inbox / "スポーツ課_修正.xlsx", {
        "回答者": {"A4": "佐藤", "B4": 1},
        "行事": {"A4": "市民マラソン", "B4": 800},
        "所管施設": {"C4": 52000, "D4": "いいえ"}})
    second = run(root, "merge")
    return root, first, second


def test_bad_returns_are_refused_at_their_cells_and_good_ones_merge(merged):
    _, first, second = merged
    assert first.exit_code == 1, first.output
    assert "回答者!B4  「所管施設数」の「たくさん」を整数として読めません。0以上の整数だけを記入してください。" in first.output
    assert "行事!A5  「行事名」は必須です。記入してください。" in first.output
    assert "受理  文化課" in first.output and "差戻し  スポーツ課" in first.output
    assert second.exit_code == 0 and "受理  スポーツ課" in second.output


def test_status_names_who_has_not_answered(merged):
    root = merged[0]
    status = run(root, "status")
    assert "未回答の部署（1）: 公園課" in status.output


def test_the_tally_totals_equal_what_the_departments_typed(merged):
    root = merged[0]
    assert run(root, "report").exit_code == 0
    folder = root / "outbox" / "reports" / "shisetsu2026"
    rows = list(csv.DictReader(io.StringIO((folder / "shisetsu2026_facilities.csv").read_text(encoding="utf-8-sig"))))
    assert sum(int(r["年間利用者数"]) for r in rows) == 45000 + 30000 + 52000
    events = list(csv.DictReader(io.StringIO((folder / "shisetsu2026_events.csv").read_text(encoding="utf-8-sig"))))
    assert sorted((r["部署"], r["行事名"], r["参加者数"]) for r in events) == [
        ("スポーツ課", "市民マラソン", "800"), ("文化課", "企画展", "300"), ("文化課", "市民音楽祭", "1200")]
    summary = [list(r) for r in
               load_workbook(folder / "shisetsu2026_集計表.xlsx", read_only=True)["概要"].iter_rows(values_only=True)]
    head = summary.index(["部署", "回答状況", "所管施設数", "行事名（件数）", "参加者数", "年間利用者数", "開館中（件数）"])
    assert summary[head + 1:head + 5] == [["文化課", "回答済", 2, 2, 1200 + 300, 45000 + 30000, 2],
                                          ["スポーツ課", "回答済", 1, 1, 800, 52000, 1],
                                          ["公園課", "未回答", None, None, None, None, None],
                                          ["計", None, 3, 3, 2300, 127000, 3]]
    assert ["未回答", 1, "公園課", None, None, None, None] in summary
