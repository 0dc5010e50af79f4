"""A survey's department workbook read back (intake/survey.py): filled in with openpyxl as a department would,
then the exact findings at シート!セル, and the rows in use typed."""

from __future__ import annotations

from pathlib import Path

import badfiles as B
import openpyxl
import pytest
from survey_support import survey_form

from sheetflow.intake.survey import read_survey

SURVEY_ID = "telework2025"


@pytest.fixture
def made(tmp_path):
    return survey_form(tmp_path)


def _fill(path: Path, cells: dict[str, object]) -> Path:
    """Type values as a department does: {"シート!A1": value}."""
    wb = openpyxl.load_workbook(path)
    for where, value in cells.items():
        sheet, cell = where.split("!")
        wb[sheet][cell] = value
    wb.save(path)
    return path


GOOD = {"実施状況!A4": 12, "実施状況!B4": "はい", "実施状況!C4": 2.5,
        "実施した取組!A4": "モバイルPC配備", "実施した取組!C4": "機器", "実施した取組!A6": "在宅勤務制度",
        "所管施設!C4": "いいえ", "所管施設!C5": "はい", "所管施設!D5": 3}


def _read(path: Path, form, expected: str = SURVEY_ID):
    result = read_survey(path, {form.sha256: form}.get, expected)
    return result, [(x.code, x.where, x.message) for x in result.findings]


def test_a_good_return_gives_the_rows_in_use_typed(made) -> None:
    path, form = made
    result, findings = _read(_fill(path, GOOD), form)
    assert findings == []
    assert result.department == "総務課"
    assert result.rows == {
        "staff": [(4, {"staff": 12, "telework": "はい", "days": 2.5, "note": ""})],
        "actions": [(4, {"action": "モバイルPC配備", "start": "", "kind": "機器"}),
                    (6, {"action": "在宅勤務制度", "start": "", "kind": ""})],
        "facilities": [(4, {"facility_id": "F001", "facility": "市民会館", "remote": "いいえ", "people": 12}),
                       (5, {"facility_id": "F002", "facility": "中央図書館", "remote": "はい", "people": 3})]}


def test_mistakes_are_findings_at_their_cells_naming_the_header(made) -> None:
    path, form = made
    bad = {**GOOD, "実施状況!A4": "１２", "実施状況!C4": "二日", "実施した取組!C5": "研修", "所管施設!D4": "十二",
           "所管施設!B5": "新図書館"}
    result, findings = _read(_fill(path, bad), form)
    assert findings == [
        ("field.number", "実施状況!A4", "「職員数」の「１２」を 12 として読み込みました。"),
        ("field.not_number", "実施状況!C4", "「実施日数」の「二日」を数値として読めません。0以上の数値だけを記入してください。"),
        ("field.required", "実施した取組!A5", "「取組名」は必須です。記入してください。"),
        ("field.not_integer", "所管施設!D4", "「対象職員数」の「十二」を整数として読めません。0以上の整数だけを記入してください。"),
        ("survey.locked_edited", "所管施設!A5",
         "所管施設 シートの 5 行目（施設ID「F002」）で、変更できない灰色の欄が書き換えられています。元の内容に戻してください。")]
    assert result.rows["staff"] == [(4, {"staff": 12, "telework": "はい", "days": None, "note": ""})]
    assert [r for r, _ in result.rows["facilities"]] == [4]  # the edited row is not taken


def test_a_required_answer_left_blank_in_the_single_row_and_a_number_out_of_range(made) -> None:
    path, form = made
    _, findings = _read(_fill(path, {**GOOD, "実施状況!B4": None, "所管施設!D4": -1}), form)
    assert findings == [("field.required", "実施状況!B4", "「テレワーク実施」は必須です。記入してください。"),
                        ("field.out_of_range", "所管施設!D4", "「対象職員数」の -1 は範囲の外です。0以上の値を記入してください。")]


def test_a_row_below_the_form_and_an_edited_header_are_refused(made) -> None:
    path, form = made
    _, findings = _read(_fill(path, {**GOOD, "実施した取組!A9": "6件目", "実施状況!A3": "人数"}), form)
    assert findings == [
        ("sheet.header_edited", "実施状況!A3",
         "見出しのセル 実施状況!A3 が「人数」に書き換えられています（元は「職員数」）。列の見出しを元に戻してください。"),
        ("rows.added", "実施した取組!A9", "実施した取組 シートの 9 行目は様式にない行です（追加された行）。行を追加しないでください。")]


def test_a_form_of_another_survey_names_the_survey_it_belongs_to(made) -> None:
    path, form = made
    result, findings = _read(_fill(path, GOOD), form, expected="facility2025")
    assert findings == [("survey.other_survey", "", "このファイルは照会「telework2025」の様式です（期待: 照会「facility2025」）。"
                                                    "照会「facility2025」で配布した様式に記入して送ってください。")]
    assert result.rows == {}


def test_a_progress_report_form_is_refused(tmp_path, mini_plan, workspace) -> None:
    path = tmp_path / "進捗報告.xlsx"
    path.write_bytes(B.form(mini_plan, workspace))
    result, findings = _read(path, survey_form(tmp_path)[1])
    assert findings == [("survey.other_form", "", "このファイルは照会の様式ではありません（進捗状況報告の様式です）。"
                                                  "照会「telework2025」で配布した様式に記入して送ってください。")]
    assert result.rows == {}


def test_a_definition_the_workspace_does_not_have_is_named(made) -> None:
    path, _ = made
    result = read_survey(path, lambda sha: None, SURVEY_ID)
    assert [(x.code, x.message) for x in result.findings] == [
        ("meta.unknown_form", f"このファイルは、この作業フォルダにない様式定義（{result_sha(path)}…）から作られた様式のため"
                              "読み込めません。担当から最新の様式を受け取り、それに記入して送ってください。")]


def result_sha(path: Path) -> str:
    ws = openpyxl.load_workbook(path)["_meta"]
    return next(r[1] for r in ws.iter_rows(values_only=True) if r[0] == "form_sha256")[:12]


def test_not_an_xlsx_is_refused_before_any_parser(tmp_path, made) -> None:
    path = tmp_path / "回答.xlsx"
    path.write_text("職員数,12\n", encoding="utf-8")
    result, findings = _read(path, made[1])
    assert [code for code, _, _ in findings] == ["file.csv"]
    assert result.rows == {}


@pytest.mark.libreoffice
def test_a_return_resaved_by_libreoffice_reads_the_same(made, tmp_path) -> None:
    from lo import convert

    path, form = made
    original = _fill(path, GOOD)
    resaved = convert(original, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    assert resaved.read_bytes() != original.read_bytes()
    before, after = _read(original, form), _read(resaved, form)
    assert after[1] == before[1] == []
    assert after[0].rows == before[0].rows


def test_a_formula_and_an_error_value_are_named_at_their_cells(made) -> None:
    path, form = made
    result, findings = _read(_fill(path, {**GOOD, "実施状況!A4": "=10+2", "所管施設!D5": "#N/A"}), form)
    assert findings == [
        ("cell.formula", "実施状況!A4", "「職員数」に数式（=10+2）が入っていますが計算結果が保存されていないため、空欄として"
                                       "読み込みました。値を直接入力してください。"),
        ("cell.error", "所管施設!D5", "「対象職員数」がエラー値（#N/A）になっています。数式を使わず、値を直接入力してください。")]
    assert result.rows["staff"][0][1]["staff"] is None and result.rows["facilities"][1][1]["people"] is None


def test_an_unforeseen_failure_reading_a_file_is_its_finding_not_a_crash(made, monkeypatch) -> None:
    """As for the progress report's files: a reader that fails for no reason intake knows (here injected) makes
    that file's finding file.internal, and read_survey returns instead of raising (merge goes on)."""
    from sheetflow.forms import read as formread

    path, form = made

    def failing(data, **kwargs):
        raise RuntimeError("calamine gave up")

    monkeypatch.setattr(formread, "read_values", failing)
    result, findings = _read(_fill(path, GOOD), form)
    assert [(code, where) for code, where, _ in findings] == [("file.internal", "")]
    assert "RuntimeError: calamine gave up" in findings[0][2] and result.rows == {}
