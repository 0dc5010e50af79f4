"""A survey (庁内照会) definition typed from scratch in Excel: 設定 with 照会ID, the three 行モード, the departments
asked (部署) and the rows each gets pre-filled (既定データ). Each mistake is named at its [シート!セル]; `form new`
writes a worked example that passes the check."""

from __future__ import annotations

from datetime import datetime

import pytest
from click.testing import CliRunner
from definition_support import problems_of, write_book
from openpyxl import load_workbook

from sheetflow.cli import main
from sheetflow.definition import workspace as DW
from sheetflow.definition.read import load_definition

NO_DEPARTMENTS = "[部署] 照会（設定に照会IDがある定義）には、照会する部署を「部署」シートに1行以上書いてください。"


def survey_sheets() -> dict[str, list[list]]:
    """Rows as a person types them (only the columns needed; 回答期限 a date cell). Excel rows: 表 2 staff,
    3 actions, 4 facilities; 部署 2 職員課 … 4 道路維持課; 既定データ 2 職員課 F001, 3 市民課 F002, 4 市民課 F003."""
    return {
        "設定": [["項目", "値"], ["照会ID", "telework"], ["版", 1], ["件名", "テレワーク実施状況調査"],
               ["回答期限", datetime(2026, 1, 30)], ["照会元", "職員課"]],
        "表": [["表ID", "シート名", "行モード", "キー", "最大行数"], ["staff", "実施状況", "単一", None, None],
              ["actions", "実施した取組", "自由行", None, 10], ["facilities", "所管施設", "既定行", "facility_id", None]],
        "項目": [["表ID", "項目ID", "見出し", "型", "必須", "最小", "集計", "編集不可"],
               ["staff", "staff_count", "職員数", "整数", "○", 0, "合計", None],
               ["staff", "telework", "テレワーク実施", "はい・いいえ", "○", None, "件数", None],
               ["actions", "title", "取組名", "文字", "○", None, None, None],
               ["actions", "category", "区分", "選択:取組区分", None, None, "件数", None],
               ["facilities", "facility_id", "施設ID", "文字", None, None, None, "○"],
               ["facilities", "facility_name", "施設名", "文字", None, None, None, "○"],
               ["facilities", "target_staff", "対象職員数", "整数", None, 0, "合計", None]],
        "選択肢": [["リスト名", "値"], ["取組区分", "研修・周知"], ["取組区分", "その他"]],
        "部署": [["部署名", "メール", "担当者"], ["職員課", "shokuin@city.example.jp", "庶務係"], ["市民課", None, None],
               ["道路維持課", None, None]],
        "既定データ": [["部署名", "表ID", "facility_id", "facility_name"], ["職員課", "facilities", "F001", "本庁舎"],
                  ["市民課", "facilities", "F002", "沼ノ端出張所"], ["市民課", "facilities", "F003", "錦岡出張所"]],
    }


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="sheetflow", catch_exceptions=False)


def test_a_survey_typed_from_scratch_checks_clean_and_reads_its_departments_and_defaults(tmp_path):
    path = write_book(tmp_path / "照会定義.xlsx", survey_sheets())
    result = run("form", "check", str(path))
    assert (result.exit_code, result.output) == (0, f"様式定義 {path} に誤りはありません（照会 telework「テレワーク"
                                                    "実施状況調査」、版 1、表 3、項目 7、部署 3、既定データ 3 行）。\n")
    form = load_definition(path)
    assert (form.survey_id, form.settings["回答期限"], form.settings["照会元"]) == ("telework", "2026-01-30", "職員課")
    assert [(t.id, t.mode, t.key, t.max_rows) for t in form.tables] == [
        ("staff", "単一", "", None), ("actions", "自由行", "", 10), ("facilities", "既定行", "facility_id", None)]
    assert [(d.name, d.mail, d.person) for d in form.departments] == [
        ("職員課", "shokuin@city.example.jp", "庶務係"), ("市民課", "", ""), ("道路維持課", "", "")]
    assert [(r.values, r.row) for r in form.defaults_for("市民課", "facilities")] == [
        ({"facility_id": "F002", "facility_name": "沼ノ端出張所"}, 3),
        ({"facility_id": "F003", "facility_name": "錦岡出張所"}, 4)]
    assert form.defaults_for("道路維持課", "facilities") == ()


def test_the_progress_report_is_no_survey():
    form = DW.builtin_definition()
    assert (form.survey_id, form.departments, form.defaults) == ("", (), ())


def test_the_same_key_in_two_departments_is_fine(tmp_path):
    sheets = survey_sheets()
    sheets["既定データ"][1][2] = "F002"  # 職員課 has a row F002 as 市民課 has
    assert load_definition(write_book(tmp_path / "d.xlsx", sheets)).defaults[0].values["facility_id"] == "F002"


@pytest.mark.parametrize(("sheet", "row", "col", "typed", "line"), [
    ("表", 2, 4, None, "[表!E3] 行モード「自由行」の表には最大行数（1以上の整数）を書いてください。"),
    ("表", 2, 4, 0, "[表!E3] 「最大行数」の「0」は1以上の整数で書いてください。"),
    ("表", 3, 3, None, "[表!D4] 行モード「既定行」の表にはキー（行を見分ける項目の項目ID）を書いてください。"),
    ("設定", 4, 1, "来月末", "[設定!B5] 回答期限「来月末」は日付（例: 2026/1/30）で書いてください。"),
    ("部署", 3, 0, "市民課", "[部署!A4] 部署名「市民課」が重複しています（A3 と同じです）。"),
    ("既定データ", 2, 0, "市民科", "[既定データ!A3] 部署名「市民科」が「部署」シートにありません。「市民課」のことですか？"),
    ("既定データ", 2, 0, "教育委員会", "[既定データ!A3] 部署名「教育委員会」が「部署」シートにありません。"),
    ("既定データ", 1, 1, "facility",
     "[既定データ!B2] 表ID「facility」が「表」シートにありません。「facilities」のことですか？"),
    ("既定データ", 1, 1, "staff",
     "[既定データ!B2] 表「staff」は行モードが「単一」です。既定データは行モード「既定行」の表にだけ書けます。"),
    ("既定データ", 2, 2, None,
     "[既定データ!C3] 表「facilities」のキー「facility_id」が空欄です（行を見分ける値を書いてください）。"),
    ("既定データ", 3, 2, "F002",
     "[既定データ!C4] 部署「市民課」の表「facilities」でキー「F002」が重複しています（C3 と同じです）。"),
    ("表", 1, 1, "概要", "[表!B2] シート名「概要」は使えません。31 文字以内で、[ ] : * ? / \\ を含まず、記入方法、概要、_meta、"
                       "_lists 以外の名前にしてください。"),
    ("表", 2, 1, "実施状況", "[表!B3] シート名「実施状況」が重複しています（B2 と同じです）。"),
], ids=["自由行 without 最大行数", "最大行数 0", "既定行 without キー", "回答期限 not a date", "department twice",
        "misspelt department", "unknown department", "misspelt table", "defaults for a 単一 table", "key empty",
        "key twice in a department", "a sheet name the 集計表 uses", "two tables on one sheet"])
def test_a_mistake_in_a_survey_is_named_at_its_cell(tmp_path, sheet, row, col, typed, line):
    sheets = survey_sheets()
    sheets[sheet][row][col] = typed
    assert problems_of(tmp_path / "d.xlsx", sheets) == [line]


def test_a_column_of_defaults_is_a_field_of_that_table(tmp_path):
    sheets = survey_sheets()
    sheets["既定データ"][0].append("staff_count")
    sheets["既定データ"][1].append(12)
    sheets["既定データ"][0][3] = "facility_nam"
    assert problems_of(tmp_path / "d.xlsx", sheets) == [
        "[既定データ!D2] 列「facility_nam」は表「facilities」の項目IDにありません。「facility_name」のことですか？",
        "[既定データ!E2] 列「staff_count」は表「facilities」の項目IDにありません。",
        "[既定データ!D3] 列「facility_nam」は表「facilities」の項目IDにありません。「facility_name」のことですか？",
        "[既定データ!D4] 列「facility_nam」は表「facilities」の項目IDにありません。「facility_name」のことですか？"]


def test_defaults_of_a_table_with_no_fields_are_named_not_a_crash(tmp_path):
    sheets = survey_sheets()
    sheets["項目"] = [row for row in sheets["項目"] if row[0] != "facilities"]
    assert problems_of(tmp_path / "d.xlsx", sheets) == ["[表!A4] 表「facilities」に項目がありません。"] + [
        f"[既定データ!{column}{row}] 列「{key}」は表「facilities」の項目IDにありません。"
        for row in (2, 3, 4) for column, key in (("C", "facility_id"), ("D", "facility_name"))]

def test_a_survey_asks_at_least_one_department(tmp_path):
    sheets = survey_sheets()
    del sheets["既定データ"]
    sheets["部署"] = sheets["部署"][:1]
    assert problems_of(tmp_path / "empty.xlsx", sheets) == [NO_DEPARTMENTS]
    del sheets["部署"]
    assert problems_of(tmp_path / "none.xlsx", sheets) == [NO_DEPARTMENTS]
    sheets["部署一覧"] = survey_sheets()["部署"]
    assert problems_of(tmp_path / "misspelt.xlsx", sheets) == [
        "[部署] 照会（設定に照会IDがある定義）にはシート「部署」が要ります。「部署一覧」のことですか？"]


def test_a_misspelt_column_of_departments_gets_a_hint(tmp_path):
    sheets = survey_sheets()
    sheets["部署"][0][0] = "部署"
    assert problems_of(tmp_path / "d.xlsx", sheets) == ["[部署!A1] 列「部署名」がありません。「部署」のことですか？"]


def test_departments_and_defaults_need_a_survey_id(tmp_path):
    sheets = survey_sheets()
    del sheets["設定"][1]
    assert problems_of(tmp_path / "d.xlsx", sheets) == [
        "[部署] シート「部署」は照会の定義だけで使います。照会なら設定に「照会ID」の行を書いてください。",
        "[既定データ] シート「既定データ」は照会の定義だけで使います。照会なら設定に「照会ID」の行を書いてください。"]


def test_form_new_writes_a_worked_example_that_checks_clean(tmp_path):
    out = tmp_path / "照会定義.xlsx"
    result = run("form", "new", "--out", str(out))
    assert (result.exit_code, result.output) == (0, f"照会の定義の見本（テレワーク実施状況調査）を {out} に書き出しました。"
                                                    "Excel で直し、sheetflow form check 照会定義.xlsx で検査してください。\n")
    assert load_workbook(out).sheetnames == ["設定", "表", "項目", "選択肢", "部署", "既定データ"]
    checked = run("form", "check", str(out))
    assert (checked.exit_code, checked.output) == (0, f"様式定義 {out} に誤りはありません（照会 telework「テレワーク"
                                                      "実施状況調査」、版 1、表 3、項目 11、部署 3、既定データ 4 行）。\n")
    form = load_definition(out)
    assert [(t.sheet, t.mode) for t in form.tables] == [("実施状況", "単一"), ("実施した取組", "自由行"),
                                                        ("所管施設", "既定行")]
    assert [f.type_name for f in form.columns("staff")] == ["整数", "はい・いいえ", "小数", "文字"]
    assert [(f.header, f.type_name, f.input) for f in form.columns("facilities")] == [
        ("施設ID", "文字", False), ("施設名", "文字", False), ("在宅可能な業務", "はい・いいえ", True),
        ("対象職員数", "整数", True)]
    assert [{d.name: [r.values["facility_name"] for r in form.defaults_for(d.name, "facilities")]}
            for d in form.departments] == [{"職員課": ["本庁舎"]}, {"市民課": ["沼ノ端出張所", "錦岡出張所"]},
                                           {"道路維持課": ["道路維持事業所"]}]
    assert form.sha256 == DW.builtin_definition("survey.json").sha256  # the workbook holds the rows as shipped


def test_form_new_does_not_overwrite_without_force(tmp_path):
    out = tmp_path / "照会定義.xlsx"
    out.write_bytes(b"mine")
    result = run("form", "new", "--out", str(out))
    assert (result.exit_code, result.output) == (
        2, f"エラー: {out} は既にあります。上書きするときは --force を付けてください。\n")
    assert out.read_bytes() == b"mine"
    assert run("form", "new", "--out", str(out), "--force").exit_code == 0
    assert load_definition(out).survey_id == "telework"
