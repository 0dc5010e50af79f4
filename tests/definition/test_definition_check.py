"""`sheetflow form check` on definitions typed from scratch in Excel: each mistake a person makes is named at its
[シート!セル] with what to write instead (exit 1); a good definition gets one line (exit 0)."""

from __future__ import annotations

import pytest
from definition_support import form_check, problems_of, scratch_sheets, write_book

from sheetflow.definition.read import load_definition

FIELD_COLUMNS = ("表ID、項目ID、見出し、型、必須、最小、最大、最大文字数、説明、集計、公表、編集不可、転記元、見出し（上期）、"
                 "見出し（下期）、説明（上期）、説明（下期）、記入する期、幅、追加版")


def test_a_definition_typed_from_scratch_is_fine_and_its_numbers_read_as_typed(tmp_path):
    path = write_book(tmp_path / "様式定義.xlsx", scratch_sheets())
    result = form_check(path)
    assert (result.exit_code, result.output) == (
        0, f"様式定義 {path} に誤りはありません（テスト調査、版 1、表 1、項目 4）。\n")
    budget = load_definition(path).field("report", "budget")
    assert (budget.since, budget.minimum, budget.width, budget.total, budget.publish) == ("5", 0, 10, "合計", True)
    assert load_definition(path).field("report", "status").width == 7.5


@pytest.mark.parametrize(("sheet", "typed", "line"), [
    ("項目", "項 目", "[項目] シート「項目」がありません。「項 目」のことですか？"),
    ("選択肢", "選択子", "[選択肢] シート「選択肢」がありません。「選択子」のことですか？"),
])
def test_a_misspelt_sheet_gets_a_hint(tmp_path, sheet, typed, line):
    sheets = scratch_sheets()
    sheets[typed] = sheets.pop(sheet)
    assert problems_of(tmp_path / "d.xlsx", sheets) == [line]


@pytest.mark.parametrize(("row", "col", "typed", "line"), [
    (2, 3, "選択:進捗状態",
     "[項目!D3] 型「選択:進捗状態」のリスト「進捗状態」が「選択肢」シートにありません。「進捗状況」のことですか？"),
    (4, 3, "整数x", "[項目!D5] 型「整数x」は使えません。使える型: 文字、整数、小数、金額（千円）、日付、はい・いいえ、選択:<リスト名>"),
    (4, 5, 10, "[項目!F5] 最小（10）が最大（5）より大きくなっています。"),
    (4, 1, "status", "[項目!B5] 項目ID「status」が重複しています（B3 と同じです）。"),
    (3, 9, "合計", "[項目!J4] 集計「合計」は数値の型（整数、小数、金額（千円））の項目にだけ使えます。"),
    (3, 4, "state:実績必須", "[項目!E4] 必須の条件の項目ID「state」が同じ表にありません。"),
    (4, 0, None, "[項目!A5] 「表ID」が空欄です。"),
    (4, 1, "予算", "[項目!B5] 項目ID「予算」は半角の英字で始まり、英数字と _ だけで書いてください。"),
    (4, 1, "ｂｕｄｇｅｔ", "[項目!B5] 項目ID「ｂｕｄｇｅｔ」は半角の英字で始まり、英数字と _ だけで書いてください。"),
], ids=["misspelt list", "unknown type", "min above max", "duplicate id", "sum of text", "unknown field in 必須",
        "no table", "kanji id", "full-width id"])
def test_a_mistake_in_a_field_is_named_at_its_cell(tmp_path, row, col, typed, line):
    sheets = scratch_sheets()
    sheets["項目"][4][6] = 5  # 最大 of budget
    sheets["項目"][row][col] = typed
    assert problems_of(tmp_path / "d.xlsx", sheets) == [line]


def test_an_unknown_column_lists_the_columns(tmp_path):
    sheets = scratch_sheets()
    sheets["項目"][0].append("備考")
    assert problems_of(tmp_path / "d.xlsx", sheets) == [f"[項目!U1] 列「備考」は使えません。使える列: {FIELD_COLUMNS}"]


def test_a_misspelt_column_is_named_at_its_header_once(tmp_path):
    sheets = scratch_sheets()
    sheets["項目"][0][2] = "見だし"
    assert problems_of(tmp_path / "d.xlsx", sheets) == ["[項目!C1] 列「見出し」がありません。「見だし」のことですか？"]


def test_every_problem_is_listed_in_sheet_and_row_order(tmp_path):
    sheets = scratch_sheets()
    sheets["項目"][3][9] = "合計"
    sheets["項目"][4][3] = "整数x"
    sheets["選択肢"][2][3] = 1.5
    assert problems_of(tmp_path / "d.xlsx", sheets) == [
        "[選択肢!D3] 「順位」の「1.5」は整数で書いてください。",
        "[項目!J4] 集計「合計」は数値の型（整数、小数、金額（千円））の項目にだけ使えます。",
        "[項目!D5] 型「整数x」は使えません。使える型: 文字、整数、小数、金額（千円）、日付、はい・いいえ、選択:<リスト名>"]


def test_what_a_person_types_beside_the_canonical_spelling_is_read_the_same(tmp_path):
    """Blanks around values and after a sheet's name, 全角 colons and digits, half-width brackets and blanks in a
    header, 〇 or はい for ○: the same definition as the one typed canonically."""
    plain = load_definition(write_book(tmp_path / "plain.xlsx", scratch_sheets()))
    sheets = scratch_sheets()
    sheets["項目"][0][7] = "最大 文字数"
    sheets["項目"][0][13] = "見出し(上期)"
    sheets["項目"][2][3:5] = ["選択：進捗状況", " 〇 "]
    sheets["項目"][3][4] = "status：実績必須"
    sheets["項目"][4][10] = "はい"
    sheets["項目"][4][19] = "５"
    sheets["選択肢 "] = sheets.pop("選択肢")
    typed = load_definition(write_book(tmp_path / "typed.xlsx", sheets))
    assert typed.fields == plain.fields and typed.choices == plain.choices
