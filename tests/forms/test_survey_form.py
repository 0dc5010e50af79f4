"""A survey's department workbook (forms/survey.py), opened with openpyxl as Excel would show it: sheets, locked
and input cells, pre-filled rows, validations by type, print setup and the hidden _meta."""

from __future__ import annotations

import copy

import openpyxl
import pytest
from survey_support import DEPARTMENT, SURVEY, survey_form

from sheetflow.forms import read as formread


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    path, form = survey_form(tmp_path_factory.mktemp("survey"))
    return openpyxl.load_workbook(path), form, path


def test_sheets_in_order_data_sheets_visible_and_protected(made) -> None:
    wb, _, _ = made
    assert wb.sheetnames == ["記入方法", "実施状況", "実施した取組", "所管施設", "_lists", "_meta"]
    assert [wb[s].sheet_state for s in wb.sheetnames] == ["visible"] * 4 + ["veryHidden"] * 2
    assert all(wb[s].protection.sheet for s in wb.sheetnames)


def test_each_sheet_has_title_note_and_header_rows(made) -> None:
    ws = made[0]["実施状況"]
    assert ws["A1"].value == "テレワーク実施状況調査\u3000実施状況"
    assert ws["A2"].value == "総務課\u3000黄色の欄に記入してください（灰色の欄は変更できません）。回答期限: 2025/10/31"
    assert [c.value for c in ws[3]] == ["職員数", "テレワーク実施", "実施日数", "備考"]


def _unlocked(ws, row: int) -> list[bool]:
    return [not ws.cell(row, c).protection.locked for c in range(1, ws.max_column + 1)]


def test_single_table_has_one_input_row(made) -> None:
    ws = made[0]["実施状況"]
    assert _unlocked(ws, 4) == [True] * 4
    assert ws["A4"].fill.fgColor.rgb == "FFFFF2CC"
    assert ws.max_row == 4


def test_free_rows_table_has_max_rows_blank_input_rows(made) -> None:
    ws = made[0]["実施した取組"]
    assert [_unlocked(ws, r) for r in range(4, 9)] == [[True] * 3] * 5
    assert ws.max_row == 8
    assert all(c.value is None for row in ws.iter_rows(min_row=4) for c in row)


def test_keyed_table_holds_the_departments_rows_key_and_locked_columns_grey(made) -> None:
    ws = made[0]["所管施設"]
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=4)] == [
        ["F001", "市民会館", None, 12], ["F002", "中央図書館", "はい", None]]
    assert _unlocked(ws, 4) == _unlocked(ws, 5) == [False, False, True, True]
    assert ws["A4"].fill.fgColor.rgb == "FFE7E6E6" and ws["C5"].fill.fgColor.rgb == "FFFFF2CC"


def _validations(ws) -> dict[str, tuple]:
    return {str(v.sqref): (v.type, v.operator, v.formula1, v.promptTitle, v.prompt, v.error)
            for v in ws.data_validations.dataValidation}


def test_inputs_are_validated_by_type_with_the_description_as_prompt(made) -> None:
    wb = made[0]
    assert _validations(wb["実施状況"]) == {
        "A4": ("whole", "greaterThanOrEqual", "0", "職員数", "4月1日現在の正職員数",
               "「職員数」は0以上の整数で記入してください。"),
        "B4": ("list", None, '"はい,いいえ"', "テレワーク実施", "",
               "「テレワーク実施」は「はい」か「いいえ」を選んでください。"),
        "C4": ("decimal", "greaterThanOrEqual", "0", "実施日数", "", "「実施日数」は0以上の数値で記入してください。"),
        "D4": ("textLength", "lessThanOrEqual", "200", "備考", "", "「備考」は200字以内で記入してください。")}
    listed = _validations(wb["実施した取組"])
    assert listed["A4:A8"][:4] == (None, None, None, "取組名")  # any value (文字 without 最大文字数): the prompt only
    assert listed["B4:B8"][0] == "date"
    assert listed["C4:C8"][:3] == ("list", None, "'_lists'!$A$1:$A$3")
    assert [c.value for c in wb["_lists"]["A"]] == ["機器", "制度", "研修"]
    assert set(_validations(wb["所管施設"])) == {"C4:C5", "D4:D5"}


def test_meta_names_the_survey_version_department_and_definition(made, tmp_path) -> None:
    _, form, path = made
    meta = formread.parse_meta(formread.read_values(path).sheets["_meta"])
    assert meta.digest_ok and not meta.problems
    assert {k: meta.pairs[k] for k in ("form_kind", "format_version", "survey_id", "survey_version", "department",
                                       "form_sha256", "generated_at")} == {
        "form_kind": "survey", "format_version": "s1", "survey_id": "telework2025", "survey_version": "1",
        "department": "総務課", "form_sha256": form.sha256, "generated_at": "2025-10-01T09:00:00+09:00"}
    assert [row[:3] for row in meta.table] == [("所管施設", 4, "F001"), ("所管施設", 5, "F002")]
    other, _ = survey_form(tmp_path, department="財政課")
    other_meta = formread.parse_meta(formread.read_values(other).sheets["_meta"])
    assert {fp for *_, fp in other_meta.table}.isdisjoint(fp for *_, fp in meta.table)  # bound to the department


def test_print_setup_a4_landscape_one_page_wide_header_row_repeated(made) -> None:
    ws = made[0]["所管施設"]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage  # width: 1, the default
    assert ws.print_title_rows == "$3:$3"


def test_guide_names_the_survey_department_deadline_sender_and_each_table(made) -> None:
    ws = made[0]["記入方法"]
    cells = [c.value for row in ws.iter_rows() for c in row if c.value]
    assert cells[:9] == ["テレワーク実施状況調査\u3000記入方法", "件名", "テレワーク実施状況調査", "部署", DEPARTMENT,
                         "回答期限", "2025/10/31", "照会元", "行政監理室（内線 1234）"]
    assert cells[-3:] == [
        "シート「実施状況」: 1 行だけ記入します。記入する欄: 職員数、テレワーク実施、実施日数、備考（必須: 職員数、テレワーク実施）",
        "シート「実施した取組」: 該当するものを 1 行に 1 件、5 件まで記入します（途中の空行は構いません）。"
        "記入する欄: 取組名、開始日、区分（必須: 取組名）",
        "シート「所管施設」: 貴部署の 2 件があらかじめ記入されています。灰色の欄（施設ID、施設名）は変更できません。"
        "記入・確認する欄: 在宅可能な業務、対象職員数（必須: 在宅可能な業務）"]


def test_a_key_that_is_not_marked_locked_is_locked_in_a_keyed_table(tmp_path) -> None:
    data = copy.deepcopy(SURVEY)
    data["項目"][7].pop("編集不可")  # 施設ID, the キー of 所管施設
    path, _ = survey_form(tmp_path, data)
    assert _unlocked(openpyxl.load_workbook(path)["所管施設"], 4) == [False, False, True, True]
