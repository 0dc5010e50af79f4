"""Row, schema and cross-field checks on real filled forms: each finding's code, cell and Japanese text."""

from __future__ import annotations

import math
from pathlib import Path

import badfiles as B
import pytest

from sheetflow.forms.model import PreviousAnswers, PreviousReport
from sheetflow.ground.config import Config
from sheetflow.ground.findings import ERROR, NORMALISED, WARNING
from sheetflow.ground.periods import Period
from sheetflow.intake import checks
from sheetflow.intake import read as intake


@pytest.fixture
def cfg(workspace: Config) -> Config:
    return workspace


def submit(tmp_path: Path, data: bytes, plan, cfg, name: str = "財政課.xlsx", period: Period | None = None):
    return intake.read_submission(B.write(tmp_path / "inbox", name, data), plan, cfg, expected_period=period)


def found(sub, severity: str | None = None) -> list[tuple[str, str, int | None, str]]:
    """(code, sheet!cell, item no, message) of the findings, optionally of one severity."""
    return [(f.code, f.where, f.item_no, f.message) for f in sub.findings
            if severity is None or f.severity == severity]


def reports(**changes) -> dict:
    return {no: {**values, **changes.get(f"r{no}", {})} for no, values in B.GOOD_REPORTS.items()}


def kpis(**changes) -> dict:
    return {key: {**values, **changes.get("k" + key.replace("-", "_"), {})} for key, values in B.GOOD_KPIS.items()}


def filled(plan, cfg, report_changes=None, kpi_changes=None, edit=None) -> bytes:
    return B.fill(B.form(plan, cfg), reports(**(report_changes or {})), kpis(**(kpi_changes or {})), edit)


# --- a valid file --------------------------------------------------------------------------------

def test_valid_file_has_no_findings(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, B.good(mini_plan, cfg), mini_plan, cfg, period=Period(2025, 1))
    assert sub.findings == [] and sub.accepted
    assert sub.identity.department == "財政部 財政課" and sub.identity.period == "2025H1"
    assert sub.reports.to_dict("records") == [
        {"no": 1, "status": "順調", "result": "債券運用を実施した。", "issues": "", "reporter": "山田", "phone": "1234",
         "revenue": None, "saving": None, "basis": "", "grade": "", "response": ""},
        {"no": 2, "status": "遅れ", "result": "募集を開始した。", "issues": "応募が少ない。周知を強化する。",
         "reporter": "山田", "phone": "1234", "revenue": None, "saving": None, "basis": "", "grade": "",
         "response": ""}]
    assert list(sub.kpis["kpi_key"]) == ["1-1", "2-1", "2-2"]
    assert list(sub.kpis["actual"]) == [3.0, 1.5, -20.0] and sub.kpis["actual"].dtype == float
    assert list(sub.kpis["unit"]) == ["億円", "%", "件"]


def test_empty_kpi_is_nan(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, filled(mini_plan, cfg, kpi_changes={"k2_1": {"actual": None}}), mini_plan, cfg)
    assert math.isnan(sub.kpis.set_index("kpi_key").loc["2-1", "actual"])
    assert found(sub) == [("kpi.missing", "指標実績!J5", 2,
                           "実績値が未入力です（今年度の目標値: 2 %）。今期末の実績が分かれば記入してください。")]
    assert sub.accepted  # warnings do not refuse a file


def test_blank_actual_is_a_warning_with_or_without_a_target(tmp_path, tomakomai, cfg) -> None:
    """The real plan: 16-1 (高齢者の公式LINE友だち登録) has no yearly target, 55-1 has 3 for R8."""
    data = B.fill(B.form(tomakomai, cfg, dept="総務部 ICT推進室", period=Period(2026, 1)),
                  {no: {"status": "順調", "reporter": "山田"} for no in (16, 35, 39, 43, 44, 53, 55)})
    sub = submit(tmp_path, data, tomakomai, cfg)
    assert sub.accepted
    missing = [(w, n, m) for c, w, n, m in found(sub) if c == "kpi.missing"]
    assert [w for w, _, _ in missing] == [f"指標実績!J{r}" for r in range(4, 12)]  # every blank 実績値
    assert missing[0] == ("指標実績!J4", 16, "実績値が未入力です（この指標には今年度の目標値がありません）。"
                                           "今期末の実績が分かれば記入してください。")
    assert missing[6] == ("指標実績!J10", 55, "実績値が未入力です（今年度の目標値: 3 フロア）。今期末の実績が分かれば記入してください。")
    assert {f.severity for f in sub.findings if f.code == "kpi.missing"} == {WARNING}


# --- cross-field and schema rules ----------------------------------------------------------------

def test_status_missing(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, filled(mini_plan, cfg, {"r1": {"status": None}}), mini_plan, cfg)
    assert found(sub) == [("status.missing", "進捗報告!I4", 1, "「進捗状況」が未記入です。一覧から選んでください。")]
    assert not sub.accepted


def test_status_invalid(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, filled(mini_plan, cfg, {"r2": {"status": "がんばってる"}}), mini_plan, cfg)
    assert found(sub) == [("status.invalid", "進捗報告!I5", 2, "「進捗状況」の「がんばってる」は選択肢にありません。"
                           "完了・順調・概ね順調・遅れ・未着手・対象外・中止 のいずれかを一覧から選んでください。")]


def test_text_too_long(tmp_path, mini_plan, cfg) -> None:
    data = filled(mini_plan, cfg, {"r1": {"result": "あ" * 1001}}, {"k2_2": {"remark": "い" * 501}})
    assert found(submit(tmp_path, data, mini_plan, cfg)) == [
        ("text.too_long", "進捗報告!J4", 1, "「今期の取組実績」が 1001 字あります。1000 字以内にしてください。"),
        ("text.too_long", "指標実績!K6", 2, "「備考」が 501 字あります。500 字以内にしてください。")]


def test_behind_needs_issues_and_done_needs_result(tmp_path, mini_plan, cfg) -> None:
    data = filled(mini_plan, cfg, {"r1": {"status": "完了", "result": None}, "r2": {"issues": "  "}})
    assert found(submit(tmp_path, data, mini_plan, cfg), ERROR) == [
        ("result.required", "進捗報告!J4", 1, "進捗状況が「完了」のときは「今期の取組実績」を記入してください。"),
        ("issues.required", "進捗報告!K5", 2, "進捗状況が「遅れ」のときは「課題・今後の対応」を記入してください。")]


def test_reporter_missing_everywhere_is_a_warning(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, filled(mini_plan, cfg, {"r1": {"reporter": None}, "r2": {"reporter": None}}),
                 mini_plan, cfg)
    assert found(sub) == [("reporter.missing", "進捗報告!L4", None,
                           "「記入者」がどの行にも記入されていません。記入した職員の氏名を記入してください。")]
    assert sub.accepted


def test_kpi_not_a_number(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, filled(mini_plan, cfg, kpi_changes={"k1_1": {"actual": "たくさん"}}), mini_plan, cfg)
    assert found(sub) == [("kpi.not_number", "指標実績!J4", 1,
                           "「実績値」の「たくさん」を数値として読めません。数値だけを記入してください（単位: 億円）。")]
    assert sub.findings[0].before == "たくさん"
    assert math.isnan(sub.kpis["actual"].iloc[0])


def test_kpi_unit_that_cannot_be_converted(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, filled(mini_plan, cfg, kpi_changes={"k1_1": {"actual": "3件"}}), mini_plan, cfg)
    assert found(sub) == [("kpi.unit", "指標実績!J4", 1, "「実績値」の「3件」の単位「件」は指標の単位「億円」と異なり、"
                           "換算できません。億円 の数値で記入してください。")]


def test_kpi_negative_only_where_allowed(tmp_path, mini_plan, cfg) -> None:
    data = filled(mini_plan, cfg, kpi_changes={"k1_1": {"actual": -1}, "k2_2": {"actual": -60}})
    assert found(submit(tmp_path, data, mini_plan, cfg)) == [
        ("kpi.negative", "指標実績!J4", 1, "「実績値」が負の値（-1）です。この指標は負の値になりません。")]


def test_kpi_implausible_is_a_warning(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, filled(mini_plan, cfg, kpi_changes={"k1_1": {"actual": 300000000}}), mini_plan, cfg)
    assert found(sub) == [("kpi.implausible", "指標実績!J4", 1,
                           "「実績値」300000000 は目標値（3）と比べて桁が大きく違います。単位（億円）を確認してください。")]
    assert sub.accepted
    ok = submit(tmp_path, filled(mini_plan, cfg, kpi_changes={"k1_1": {"actual": 300}}), mini_plan, cfg)
    assert ok.findings == []


def test_all_findings_of_a_file_in_one_pass(tmp_path, mini_plan, cfg) -> None:
    data = filled(mini_plan, cfg, {"r1": {"status": None}, "r2": {"status": "遅れ", "issues": None}},
                  {"k1_1": {"actual": "abc"}, "k2_1": {"actual": None}})
    assert [(c, w) for c, w, _, _ in found(submit(tmp_path, data, mini_plan, cfg))] == [
        ("kpi.not_number", "指標実績!J4"), ("status.missing", "進捗報告!I4"), ("issues.required", "進捗報告!K5"),
        ("kpi.missing", "指標実績!J5")]


# --- error values and formulas in input cells ----------------------------------------------------

def test_error_values_in_input_cells(tmp_path, mini_plan, cfg) -> None:
    def typed_error_text(wb):
        cell = wb["進捗報告"]["K5"]
        cell.value, cell.data_type = "#N/A", "s"

    data = B.fill(B.form(mini_plan, cfg), reports(), {k: v for k, v in B.GOOD_KPIS.items() if k != "1-1"},
                  typed_error_text)
    data = B.with_formula(data, "指標実績", "J4", "1/0", "#DIV/0!", "e")  # as Excel saves it: cached error
    sub = submit(tmp_path, data, mini_plan, cfg)
    assert found(sub) == [  # one finding per cell: the error value, not also "issues required"
        ("cell.error", "進捗報告!K5", 2, "「課題・今後の対応」がエラー値（#N/A）になっています。数式を使わず、値を直接入力してください。"),
        ("cell.error", "指標実績!J4", 1, "「実績値」がエラー値（#DIV/0!）になっています。数式を使わず、値を直接入力してください。")]


def test_formula_in_input_cell_takes_its_cached_value(tmp_path, mini_plan, cfg) -> None:
    r = reports()
    del r[1]["status"]
    data = B.fill(B.form(mini_plan, cfg), r, {k: v for k, v in B.GOOD_KPIS.items() if k != "1-1"})
    data = B.with_formula(data, "指標実績", "J4", "1+2", "3")  # Excel keeps the result next to the formula
    data = B.with_formula(data, "進捗報告", "I4", '"順"&amp;"調"', "順調", "str")
    sub = submit(tmp_path, data, mini_plan, cfg)
    assert found(sub) == [
        ("cell.formula", "進捗報告!I4", 1, "「進捗状況」に数式（=\"順\"&\"調\"）が入っていたため、計算結果「順調」を値として読み込みました。"),
        ("cell.formula", "指標実績!J4", 1, "「実績値」に数式（=1+2）が入っていたため、計算結果「3」を値として読み込みました。")]
    assert sub.accepted and sub.reports["status"].iloc[0] == "順調" and sub.kpis["actual"].iloc[0] == 3.0


# --- rows: locked content unchanged --------------------------------------------------------------

def _copy(src, dst) -> None:
    """Copy a cell's value keeping its type (a text starting with '=' stays text, as in Excel)."""
    dst.value, dst.data_type = src.value, src.data_type


def _swap(ws, a: int, b: int) -> None:
    for c in range(1, ws.max_column + 1):
        saved = (ws.cell(a, c).value, ws.cell(a, c).data_type)
        _copy(ws.cell(b, c), ws.cell(a, c))
        ws.cell(b, c).value, ws.cell(b, c).data_type = saved


def test_reordered_rows_are_matched_by_content(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, filled(mini_plan, cfg, edit=lambda wb: _swap(wb["進捗報告"], 4, 5)), mini_plan, cfg)
    assert found(sub) == [("rows.reordered", "進捗報告", None,
                           "進捗報告 シートの行の順序が変わっていました（2 行）。内容で照合して読み込みました。")]
    assert sub.accepted
    assert sub.reports[["no", "status"]].values.tolist() == [[1, "順調"], [2, "遅れ"]]
    assert list(sub.reports.index) == [5, 4]  # rows where each item was found in their file


def test_deleted_row(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, filled(mini_plan, cfg, edit=lambda wb: wb["指標実績"].delete_rows(5)), mini_plan, cfg)
    assert found(sub) == [("rows.deleted", "指標実績", 2, "No.2-1 の行が 指標実績 シートから削除されています（元は 5 行目）。"
                           "行を削除しないでください。")]
    assert list(sub.kpis["kpi_key"]) == ["1-1", "2-2"] and sub.kpis["actual"].tolist() == [3.0, -20.0]


def test_added_row(tmp_path, mini_plan, cfg) -> None:
    def add(wb):
        ws = wb["進捗報告"]
        for c, v in enumerate([9, "テーマ", "勝手に足した項目", "", "", "", "", "", "順調"], start=1):
            ws.cell(6, c).value = v

    assert found(submit(tmp_path, filled(mini_plan, cfg, edit=add), mini_plan, cfg)) == [
        ("rows.added", "進捗報告!A6", None, "進捗報告 シートの 6 行目は様式にない行です（追加された行）。行を追加しないでください。")]


def test_duplicated_row(tmp_path, mini_plan, cfg) -> None:
    def dup(wb):
        ws = wb["進捗報告"]
        for c in range(1, ws.max_column + 1):
            _copy(ws.cell(5, c), ws.cell(6, c))

    assert found(submit(tmp_path, filled(mini_plan, cfg, edit=dup), mini_plan, cfg)) == [
        ("rows.duplicated", "進捗報告!A6", 2, "進捗報告 シートの 6 行目は No.2 の行の重複です。コピーした行を削除してください。")]


def test_locked_cell_edited_names_row_and_column(tmp_path, mini_plan, cfg) -> None:
    def edit(wb):
        wb["進捗報告"]["C5"] = "項目名を書き換えた"
        wb["指標実績"]["G4"] = 5

    sub = submit(tmp_path, filled(mini_plan, cfg, edit=edit), mini_plan, cfg)
    tail = ("差戻しファイルでは元の内容に戻してあるので、この欄を直す必要はありません（この行の記入内容が No.{no} のもので"
            "あることを確かめてください）。書き換えが意図したものであれば、総務部行政監理室（内線 2231）にご連絡ください。")
    assert found(sub) == [
        ("cell.locked_restored", "進捗報告!C5", 2, "No.2 の行（進捗報告!A5:R5）で、変更できない灰色の欄が書き換えられていました"
                                                "（変更された欄: 項目名「項目名を書き換えた」 → 元は「広告料収入の確保」）。"
         + tail.format(no=2)),
        ("cell.locked_restored", "指標実績!G4", 1, "No.1-1 の行（指標実績!A4:N4）で、変更できない灰色の欄が書き換えられていました"
                                                "（変更された欄: 今年度の目標値「5」 → 元は「3」）。" + tail.format(no="1-1"))]
    assert {f.severity for f in sub.findings} == {ERROR}  # refused: the row's entries may not be its item's
    assert sub.reports["status"].tolist() == ["順調", "遅れ"]  # the edited row's inputs are still read


def test_locked_cell_long_or_blank_texts(tmp_path, mini_plan, cfg) -> None:
    def edit(wb):
        wb["進捗報告"]["C5"] = "長い" * 16  # 32 characters: the column is named, the texts are not shown
        wb["進捗報告"]["B4"] = None

    messages = [m for _, _, _, m in found(submit(tmp_path, filled(mini_plan, cfg, edit=edit), mini_plan, cfg))]
    assert messages[0].startswith("No.1 の行（進捗報告!A4:R4）で、変更できない灰色の欄が書き換えられていました"
                                  "（変更された欄: テーマ（空欄） → 元は「健全な財政運営」）。差戻しファイルでは")
    assert messages[1].startswith("No.2 の行（進捗報告!A5:R5）で、変更できない灰色の欄が書き換えられていました"
                                  "（変更された欄: 項目名）。差戻しファイルでは")


def test_locked_previous_answer_edited(tmp_path, mini_plan, cfg) -> None:
    previous = PreviousAnswers("2024H2", {1: PreviousReport("遅れ", "準備した")}, {"1-1": 1.0})
    data = B.fill(B.form(mini_plan, cfg, previous=previous), reports(), kpis(),
                  lambda wb: wb["進捗報告"].__setitem__("G4", "順調"))
    sub = submit(tmp_path, data, mini_plan, cfg)
    assert found(sub) == [("cell.locked_edited", "進捗報告!G4", 1,  # carried from the ledger: not restored
                           "No.1 の行（進捗報告!A4:R4）で、変更できない灰色の欄が書き換えられています（変更された欄: "
                           "前回の進捗状況、前回の取組実績、前回の課題・今後の対応）。元の内容に戻してください。")]


def test_previous_answers_are_read_back(tmp_path, mini_plan, cfg) -> None:
    previous = PreviousAnswers("2024H2", {1: PreviousReport("遅れ", "準備した", "入札が不調のため再公告する。")},
                               {"1-1": 1.5})
    sub = submit(tmp_path, B.fill(B.form(mini_plan, cfg, previous=previous), reports(), kpis()), mini_plan, cfg)
    assert sub.accepted and sub.previous == previous


# --- identity ------------------------------------------------------------------------------------

def test_other_period(tmp_path, mini_plan, cfg) -> None:
    data = B.fill(B.form(mini_plan, cfg, period=Period(2025, 2)), reports(), kpis())
    sub = submit(tmp_path, data, mini_plan, cfg, period=Period(2025, 1))
    assert found(sub, ERROR) == [("identity.period", "", None,
                                  "このファイルは 令和7年度 下期 の様式です（期待: 令和7年度 上期）。")]
    assert sub.identity.period == "2025H2" and not sub.accepted
    assert submit(tmp_path, data, mini_plan, cfg).accepted  # no expected period: the file's own


def test_other_plan_version(tmp_path, mini_plan, cfg) -> None:
    import dataclasses

    other = dataclasses.replace(mini_plan, version=2)
    sub = submit(tmp_path, B.fill(B.form(other, cfg), reports(), kpis()), mini_plan, cfg)
    assert found(sub) == [("identity.plan", "", None,
                           "このファイルは 計画「mini」第2版 の様式です（期待: 計画「mini」第1版）。")]
    assert len(sub.reports) == 0


def test_department_not_a_recipient(tmp_path, mini_plan, cfg) -> None:
    import dataclasses

    from sheetflow.plan.model import Department

    items = tuple(dataclasses.replace(i, owner=Department("総務部", "人事課")) if i.no == 1 else i
                  for i in mini_plan.items)
    other = dataclasses.replace(mini_plan, items=items)
    sub = submit(tmp_path, B.form(other, cfg, dept="総務部 人事課"), mini_plan, cfg)
    assert found(sub) == [("identity.department", "", None,
                           "このファイルは「総務部 人事課」の様式ですが、「総務部 人事課」はこの計画（計画「mini」第1版）"
                           "の報告課ではありません（期待: この計画の報告課の様式）。")]


def test_unknown_format_version(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, B.edit_meta(B.good(mini_plan, cfg), format_version="1"), mini_plan, cfg)
    assert found(sub) == [
        ("identity.format", "", None, "このファイルは様式の版「1」です（期待: 版「5」）。最新の様式に記入して送ってください。"),
        ("identity.property", "", None, "ファイルのプロパティ「sheetflow_format_version」の値「5」が様式の管理情報の「1」"
                                        "と一致しません（管理情報を採用しました）。")]


def test_document_property_disagreeing_with_meta_is_a_warning(tmp_path, mini_plan, cfg) -> None:
    good = B.good(mini_plan, cfg)
    custom = B.parts(good)["docProps/custom.xml"].replace("財政部 財政課".encode(), "総務部 総務課".encode())
    sub = submit(tmp_path, B.replace_part(good, "docProps/custom.xml", custom), mini_plan, cfg)
    assert found(sub) == [("identity.property", "", None, "ファイルのプロパティ「sheetflow_department」の値「総務部 総務課」"
                           "が様式の管理情報の「財政部 財政課」と一致しません（管理情報を採用しました）。")]
    assert sub.accepted and sub.identity.department == "財政部 財政課"  # identity comes from _meta only


def test_forms_grouped_by_bu_are_recognised(tmp_path, mini_plan, cfg) -> None:
    data = B.fill(B.form(mini_plan, cfg, dept="財政部"), reports(), kpis())
    sub = submit(tmp_path, data, mini_plan, cfg)
    assert sub.accepted and sub.identity.department == "財政部"


def test_finding_codes_are_documented() -> None:
    doc = checks.__doc__
    for code in ("file.empty", "file.zip_bomb", "sheet.renamed", "meta.edited", "identity.period", "rows.reordered",
                 "cell.locked_edited", "kpi.implausible", "cell.formula", "norm.unit"):
        assert code in doc
    assert {ERROR, WARNING, NORMALISED} == {"error", "warning", "normalised"}


def test_a_workbook_that_is_not_a_form_gets_exactly_one_error(tmp_path, mini_plan, workspace) -> None:
    """The report or the ledger sent back by mistake: one error saying what it is, no sheet-by-sheet repairs."""
    from ledger_support import fill_dept, make_forms

    from sheetflow.intake import read as intake
    from sheetflow.ledger.merge import merge_inbox
    from sheetflow.report.workbook import write_period_report

    make_forms(workspace, mini_plan)
    fill_dept(workspace, "財政部 財政課")
    ledger = merge_inbox(workspace, mini_plan).ledger_path
    report = write_period_report(workspace, mini_plan, "2025H1")
    for path, text in ((report, "このファイルは sheetflow の報告書（進捗状況報告）のようです。"),
                       (ledger, "このファイルは sheetflow の台帳（ledger.xlsx）のようです。")):
        sub = intake.read_submission(path, mini_plan, workspace)
        assert [(f.code, f.severity) for f in sub.findings] == [("file.not_a_form", "error")], sub.findings
        assert sub.findings[0].message.startswith(text) and not sub.readable
