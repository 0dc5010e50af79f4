"""前回の課題 carried forward (format 4): a form shows last period's 課題・今後の対応 in a locked column after
every other column; forms of formats 3 and 2 (already issued) are still read and accepted."""

from __future__ import annotations

import io
from pathlib import Path

import badfiles as B
from ledger_support import fill_dept, form_path, make_forms
from openpyxl import load_workbook

from sheetflow.forms import layout as L
from sheetflow.forms import read as formread
from sheetflow.forms.model import PreviousAnswers, PreviousReport
from sheetflow.ground.periods import Period
from sheetflow.intake import read as intake
from sheetflow.ledger.merge import merge_inbox

FIN = "財政部 財政課"
H2 = Period(2025, 2)
# A 2025H2 form of 財政部 財政課 (mini plan) written by format 3 (sheetflow at commit 5757398, before this
# column existed), with 2025H1 answers carried: item 1 遅れ / 入札を延期した。, KPI 1-1 1.5.
V3_FORM = Path(__file__).parents[1] / "data" / "form-v3-2025H2.xlsx"
V3_PREVIOUS = PreviousAnswers("2025H1", {1: PreviousReport("遅れ", "入札を延期した。")}, {"1-1": 1.5})


def submit(tmp_path: Path, data: bytes, plan, cfg, name: str = "財政課.xlsx"):
    return intake.read_submission(B.write(tmp_path / "inbox", name, data), plan, cfg, expected_period=H2)


def errors(sub) -> list[tuple[str, str, str]]:
    return [(f.code, f.where, f.message) for f in sub.findings if f.severity == "error"]


def test_form_after_a_merged_period_carries_its_issues_in_a_locked_column(workspace, mini_plan):
    make_forms(workspace, mini_plan)
    fill_dept(workspace, FIN, per_item={1: {"status": "遅れ", "issues": "入札が不調のため再公告"}})
    merge_inbox(workspace, mini_plan)
    make_forms(workspace, mini_plan, period="2025H2", carry=True)
    ws = load_workbook(form_path(workspace, FIN, "2025H2"))[L.REPORT_SHEET]
    assert ws["R3"].value == "前回の\n課題・\n今後の\n対応"  # broken between words at width 8
    assert ws["R4"].value == "入札が不調のため再公告" and ws["R5"].value is None
    assert ws["R4"].protection.locked and ws.protection.sheet
    assert ws["K4"].value is None and not ws["K4"].protection.locked  # this time's 課題・今後の対応: to answer


def test_edited_previous_issues_are_refused_as_a_locked_cell(tmp_path, mini_plan, workspace):
    previous = PreviousAnswers("2025H1", {1: PreviousReport("遅れ", "入札を延期した。", "入札が不調のため再公告")})
    form = B.form(mini_plan, workspace, period=H2, previous=previous)
    data = B.fill(form, B.GOOD_REPORTS, B.GOOD_KPIS, lambda wb: wb[L.REPORT_SHEET].__setitem__("R4", "解決済み"))
    sub = submit(tmp_path, data, mini_plan, workspace)
    assert errors(sub) == [("cell.locked_edited", "進捗報告!G4",
                            "No.1 の行（進捗報告!A4:R4）で、変更できない灰色の欄が書き換えられています"
                            "（変更された欄: 前回の進捗状況、前回の取組実績、前回の課題・今後の対応）。元の内容に戻してください。")]
    assert not sub.accepted
    intact = submit(tmp_path, B.fill(form, B.GOOD_REPORTS, B.GOOD_KPIS), mini_plan, workspace)
    assert errors(intact) == [] and intact.accepted and intact.previous == previous


def test_a_format_3_form_is_still_accepted(tmp_path, mini_plan, workspace):
    data = V3_FORM.read_bytes()
    ws = load_workbook(io.BytesIO(data))[L.REPORT_SHEET]
    assert (ws.max_column, ws["Q3"].value, ws["R3"].value) == (17, "達成度", None)  # as format 3 wrote it
    sub = submit(tmp_path, B.fill(data, B.GOOD_REPORTS, B.GOOD_KPIS), mini_plan, workspace)
    assert errors(sub) == [] and sub.accepted and sub.identity.format_version == "3"
    assert sub.reports["issues"].tolist() == ["", "応募が少ない。周知を強化する。"]
    assert sub.previous == V3_PREVIOUS  # no 前回の課題 cell: blank


def test_a_format_3_form_with_an_edited_locked_cell_names_its_own_columns(tmp_path, mini_plan, workspace):
    edit = lambda wb: wb[L.REPORT_SHEET].__setitem__("C5", "項目名を書き換えた")  # noqa: E731
    sub = submit(tmp_path, B.fill(V3_FORM.read_bytes(), B.GOOD_REPORTS, B.GOOD_KPIS, edit), mini_plan, workspace)
    assert errors(sub) == [("cell.locked_edited", "進捗報告!C5",
                            "No.2 の行（進捗報告!A5:H5）で、変更できない灰色の欄が書き換えられています"
                            "（変更された欄: 項目名）。元の内容に戻してください。")]


def test_fingerprints_cover_the_locked_columns_of_the_forms_own_version():
    row = [1, "テーマ", "項目", "内容", "目標", "予定", "遅れ", "実績", *([None] * 9), "前回の課題"]
    identity = ("plan", "1", "2025H2", FIN)
    v3 = formread.row_fingerprint(identity, L.REPORT_SHEET, row[:17], "3")
    assert formread.row_fingerprint(identity, L.REPORT_SHEET, row, "3") == v3  # a v3 form has no column R
    assert formread.row_fingerprint(identity, L.REPORT_SHEET, row, "4") != v3
    assert formread.row_fingerprint(identity, L.REPORT_SHEET, row[:17], "2") == v3
