"""The 差戻し workbook: rebuilt from values, bad cells marked, and accepted once the department fixes it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import badfiles as B
import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from sheetflow.forms.model import PreviousAnswers, PreviousReport
from sheetflow.ground.config import Config
from sheetflow.ground.periods import Period
from sheetflow.intake import read as intake
from sheetflow.intake import returns


@pytest.fixture
def cfg(workspace: Config) -> Config:
    return workspace


def refused(tmp_path: Path, plan, cfg, previous=None, edit=None, name="返送.xlsx", period=None):
    reports = {1: {**B.GOOD_REPORTS[1], "status": None, "result": "=SUM(A1:A3) は式ではなく文章"},
               2: {**B.GOOD_REPORTS[2], "status": "がんばってる"}}
    kpis = {**B.GOOD_KPIS, "1-1": {"actual": "たくさん", "remark": "概算"}}
    data = B.fill(B.form(plan, cfg, previous=previous), reports, kpis, edit)
    sub = intake.read_submission(B.write(tmp_path / "inbox", name, data), plan, cfg, expected_period=period)
    assert not sub.accepted
    return sub


def meta_values(path_or_bytes) -> list[list[object]]:
    src = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    return CalamineWorkbook.from_filelike(io.BytesIO(src)).get_sheet_by_name("_meta").to_python()


def test_return_workbook_marks_cells_and_lists_findings(tmp_path, mini_plan, cfg) -> None:
    sub = refused(tmp_path, mini_plan, cfg)
    path = returns.write_return(sub, mini_plan, cfg)
    assert path == cfg.outbox_dir / "returns" / "2025H1" / "財政部_財政課_差戻し.xlsx"
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["指摘事項", "記入方法", "進捗報告", "指標実績", "_meta", "_lists"]
    assert wb.active.title == "指摘事項"
    listed = [row for row in wb["指摘事項"].iter_rows(min_row=11, values_only=True)]
    assert listed == [  # in place order: sheet as in the form, then row, then column
        ("返送.xlsx", "進捗報告", "I4", "No.1", "エラー", "「進捗状況」が未記入です。一覧から選んでください。"),
        ("返送.xlsx", "進捗報告", "I5", "No.2", "エラー", "「進捗状況」の「がんばってる」は選択肢にありません。"
                                              "完了・順調・概ね順調・遅れ・未着手・対象外・中止 のいずれかを一覧から選んでください。"),
        ("返送.xlsx", "指標実績", "J4", "指標 1-1「運用額」", "エラー",
         "「実績値」の「たくさん」を数値として読めません。数値だけを記入してください（単位: 億円）。")]
    report, kpi = wb["進捗報告"], wb["指標実績"]
    for cell, text in ((report["I4"], "未記入"), (report["I5"], "がんばってる"), (kpi["J4"], "たくさん")):
        assert cell.fill.fgColor.rgb.endswith("FF5B5B") and text in cell.comment.text
        assert cell.border.left.style == "medium" and cell.border.left.color.rgb.endswith("C00000")
    assert report["J4"].comment is None and report["J4"].fill.fgColor.rgb != "00FF5B5B"
    # the department's entries are back in their cells, as text
    assert report["I5"].value == "がんばってる" and report["L4"].value == "山田"
    assert report["J4"].value == "=SUM(A1:A3) は式ではなく文章" and report["J4"].data_type == "s"
    assert kpi["J4"].value == "たくさん" and kpi["K4"].value == "概算" and kpi["J5"].value == 1.5


def test_return_keeps_protection_validations_and_meta(tmp_path, mini_plan, cfg) -> None:
    previous = PreviousAnswers("2024H2", {1: PreviousReport("遅れ", "準備した", "再公告する")}, {"1-1": 1.0})
    sub = refused(tmp_path, mini_plan, cfg, previous=previous)
    path = returns.write_return(sub, mini_plan, cfg)
    original = B.form(mini_plan, cfg, previous=previous)
    assert meta_values(path) == meta_values(original)  # identity and fingerprints unchanged
    wb, form = openpyxl.load_workbook(path), openpyxl.load_workbook(io.BytesIO(original))
    for sheet in ("記入方法", "進捗報告", "指標実績"):
        assert wb[sheet].protection.sheet
    for sheet in ("進捗報告", "指標実績"):
        got = [(v.type, str(v.sqref), v.formula1) for v in wb[sheet].data_validations.dataValidation]
        assert got == [(v.type, str(v.sqref), v.formula1) for v in form[sheet].data_validations.dataValidation]
        assert got
    assert wb["進捗報告"]["I4"].protection.locked is False and wb["進捗報告"]["C4"].protection.locked is True
    assert wb["進捗報告"]["G4"].value == "遅れ"  # 前回 carried over
    assert wb["_meta"].sheet_state == "veryHidden" and wb["_lists"].sheet_state == "veryHidden"


def test_fixed_return_file_is_accepted(tmp_path, mini_plan, cfg) -> None:
    sub = refused(tmp_path, mini_plan, cfg)
    path = returns.write_return(sub, mini_plan, cfg)
    wb = openpyxl.load_workbook(path)  # the department fixes the red cells in Excel
    wb["進捗報告"]["I4"] = "順調"
    wb["進捗報告"]["I5"] = "遅れ"
    wb["指標実績"]["J4"] = 3
    fixed = tmp_path / "inbox" / "直した.xlsx"
    wb.save(fixed)
    again = intake.read_submission(fixed, mini_plan, cfg, expected_period=Period(2025, 1))
    assert again.findings == [] and again.accepted
    assert again.reports["result"].tolist()[0] == "=SUM(A1:A3) は式ではなく文章"
    assert again.kpis["remark"].tolist()[0] == "概算"


def test_reordered_rows_come_back_in_form_order(tmp_path, mini_plan, cfg) -> None:
    def swap(wb):
        ws = wb["進捗報告"]
        for c in range(1, ws.max_column + 1):
            a, b = ws.cell(4, c), ws.cell(5, c)
            (a.value, a.data_type), (b.value, b.data_type) = (b.value, b.data_type), (a.value, a.data_type)

    sub = refused(tmp_path, mini_plan, cfg, edit=swap)
    assert {(f.code, f.where) for f in sub.errors} >= {("status.missing", "進捗報告!I5"),
                                                       ("status.invalid", "進捗報告!I4")}
    wb = openpyxl.load_workbook(returns.write_return(sub, mini_plan, cfg))
    ws = wb["進捗報告"]
    assert (ws["A4"].value, ws["A5"].value) == (1, 2)
    assert ws["I5"].value == "がんばってる" and "未記入" in ws["I4"].comment.text
    assert "行の並びを配布時の内容に戻してあります" in wb["指摘事項"]["A2"].value


def test_unreadable_file_gets_findings_only(tmp_path, mini_plan, cfg) -> None:
    sub = intake.read_submission(B.write(tmp_path / "inbox", "古い様式.xls", B.xls()), mini_plan, cfg)
    path = returns.write_return(sub, mini_plan, cfg)
    assert path == cfg.outbox_dir / "returns" / "_unidentified" / "古い様式_xls_差戻し.xlsx"
    wb = CalamineWorkbook.from_path(str(path))
    assert wb.sheet_names == ["指摘事項"]
    rows = wb.get_sheet_by_name("指摘事項").to_python()
    assert rows[9] == ["ファイル", "シート", "セル", "項目・指標", "区分", "内容"]
    assert rows[10][0] == "古い様式.xls" and rows[10][4] == "エラー" and "古い Excel 形式（.xls）" in rows[10][5]


def test_other_period_cannot_be_rebuilt(tmp_path, mini_plan, cfg) -> None:
    data = B.fill(B.form(mini_plan, cfg, period=Period(2025, 2)), B.GOOD_REPORTS, B.GOOD_KPIS)
    sub = intake.read_submission(B.write(tmp_path / "inbox", "下期.xlsx", data), mini_plan, cfg,
                                 expected_period=Period(2025, 1))
    path = returns.write_return(sub, mini_plan, cfg, out_dir=tmp_path / "r")
    assert path == tmp_path / "r" / "_unidentified" / "下期_差戻し.xlsx"
    assert "令和7年度 下期 の様式です" in CalamineWorkbook.from_path(str(path)).get_sheet_by_name(
        "指摘事項").to_python()[10][5]


def test_return_is_a_valid_zip_without_macros(tmp_path, mini_plan, cfg) -> None:
    path = returns.write_return(refused(tmp_path, mini_plan, cfg), mini_plan, cfg)
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        assert not any("vba" in n.lower() for n in zf.namelist())


def test_first_sheet_names_department_period_deadline_and_contact(tmp_path, mini_plan, cfg) -> None:
    sub = refused(tmp_path, mini_plan, cfg)
    wb = openpyxl.load_workbook(returns.write_return(sub, mini_plan, cfg))
    ws = wb["指摘事項"]
    facts = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(4, 9)}
    assert facts == {"部署": "財政部 財政課", "報告の対象期間": "令和7年度 上期（9月30日現在）",
                     "再提出の期限": f"{cfg.deadline}（期限を過ぎている場合は、直してすぐに返送してください）",
                     "提出先・問い合わせ": cfg.contact,
                     "指摘の数": "エラー 3 件（直してください）、注意 0 件（確かめてください）"}
    assert ws.oddHeader.left.text == "財政部 財政課" and ws.oddFooter.center.text == "&P / &N ページ"
    assert ws.print_title_rows == "$10:$10"
    for name in ("記入方法", "進捗報告", "指標実績"):
        assert wb[name].page_setup.cellComments == "atEnd"  # the reasons are printed


def test_refusal_files_never_collide(tmp_path, mini_plan, cfg) -> None:
    """財政課.pdf, 財政課.csv and 財政課.txt each get their own file; two refused forms of one department too."""
    taken: set[Path] = set()
    paths = []
    for name, data in (("財政課.pdf", b"%PDF-1.4 x"), ("財政課.csv", "No.,状況\n1,順調\n".encode()),
                       ("財政課.txt", b"hello")):
        sub = intake.read_submission(B.write(tmp_path / "inbox", name, data), mini_plan, cfg)
        paths.append(returns.write_return(sub, mini_plan, cfg, taken=taken))
    for name in ("一回目.xlsx", "二回目.xlsx"):
        paths.append(returns.write_return(refused(tmp_path, mini_plan, cfg, name=name), mini_plan, cfg, taken=taken))
    assert [p.relative_to(cfg.outbox_dir / "returns").as_posix() for p in paths] == [
        "_unidentified/財政課_pdf_差戻し.xlsx", "_unidentified/財政課_csv_差戻し.xlsx",
        "_unidentified/財政課_txt_差戻し.xlsx", "2025H1/財政部_財政課_差戻し.xlsx", "2025H1/財政部_財政課_2_差戻し.xlsx"]
    assert all(p.is_file() for p in paths)


def test_an_edited_grey_cell_is_restored_and_said_to_be(tmp_path, mini_plan, cfg) -> None:
    sub = refused(tmp_path, mini_plan, cfg, edit=lambda wb: wb["進捗報告"].__setitem__("C5", "項目名を書き換えた"))
    wb = openpyxl.load_workbook(returns.write_return(sub, mini_plan, cfg))
    assert wb["進捗報告"]["C5"].value == "広告料収入の確保"  # the original, as the message says
    listed = {(row[1], row[2]): row[4:] for row in wb["指摘事項"].iter_rows(min_row=11, values_only=True)}
    assert listed[("進捗報告", "C5")] == (
        "エラー", "No.2 の行（進捗報告!A5:R5）で、変更できない灰色の欄が書き換えられていました（変更された欄: 項目名"
                 "「項目名を書き換えた」 → 元は「広告料収入の確保」）。差戻しファイルでは元の内容に戻してあるので、この欄を"
                 "直す必要はありません（この行の記入内容が No.2 のものであることを確かめてください）。書き換えが意図した"
                 "ものであれば、総務部行政監理室（内線 2231）にご連絡ください。")
    wb["進捗報告"]["I4"], wb["進捗報告"]["I5"], wb["指標実績"]["J4"] = "順調", "遅れ", 3  # only the other errors fixed
    fixed = tmp_path / "inbox" / "直した.xlsx"
    wb.save(fixed)
    assert intake.read_submission(fixed, mini_plan, cfg).accepted
