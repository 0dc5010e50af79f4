"""The city's response to the 審議会 (issue 15, point 4), end to end on real files: the R7 council's opinions
come back in R8's department forms (sheet 審議会意見への対応, opinions locked, 意見への対応 an input), the
answers go through check/merge into the ledger, the report shows opinion → response pairs and the R8
publication includes them; bad answers are refused at their cell."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from council_support import FIN, GIKAI, fill_member, merged_year, run_cli
from ledger_support import fill_dept, form_path, make_forms

from sheetflow.ledger.query import open_ledger

OPINIONS = {"山田 太郎": {1: "効果額の根拠を示すこと。", 4: "公開の範囲を広げてほしい。"},
            "佐藤 花子": {1: "目標の前倒しを検討されたい。", 2: "周知が不足している。"},
            "鈴木 一郎": {}}


@pytest.fixture
def opinions(workspace, mini_plan):
    """R7 merged, three members' evaluations with opinions merged, R8上期 forms written from the ledger."""
    book = merged_year(workspace, mini_plan)
    for n, (member, texts) in enumerate(OPINIONS.items()):
        fill_member(book, workspace.inbox_dir / f"member{n}.xlsx", member, {1: 4, 2: 3, 4: 5}, texts)
    assert run_cli(workspace, "merge").exit_code == 0
    assert run_cli(workspace, "forms", "--period", "2026H1").exit_code == 0
    return workspace


def _sheet(cfg, dept: str, period: str = "2026H1"):
    return openpyxl.load_workbook(form_path(cfg, dept, period))


def test_the_next_years_forms_show_the_opinions_locked_with_an_input_for_the_response(opinions):
    wb = _sheet(opinions, FIN)
    assert wb.sheetnames == ["記入方法", "進捗報告", "指標実績", "審議会意見への対応", "_meta", "_lists"]
    ws = wb["審議会意見への対応"]
    assert ws["A1"].value == "令和7年度の評価に対する審議会の意見と対応　令和8年度 上期　財政部 財政課"
    assert [c.value for c in ws[3]] == ["No.", "項目名", "審議会の意見", "意見への対応"]
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=4)] == [
        [1, "基金の運用による税外収入の確保（債券運用）", "・目標の前倒しを検討されたい。\n・効果額の根拠を示すこと。", None],
        [2, "広告料収入の確保", "・周知が不足している。", None]]
    assert ws.protection.sheet and ws["C4"].protection.locked and not ws["D4"].protection.locked
    (rule,) = ws.data_validations.dataValidation
    assert (rule.type, rule.operator, rule.formula1, str(rule.sqref)) == ("textLength", "lessThanOrEqual", "1000", "D4:D5")
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9 and ws.print_title_rows == "$3:$3"
    guide = [c.value for row in wb["記入方法"].iter_rows() for c in row if c.value]
    assert ("6. 「審議会意見への対応」シートに、令和7年度の評価で行政改革推進審議会から出された意見を転記してあります。"
            "取組項目ごとに黄色のセル（意見への対応）を記入してください。") in guide
    assert [c.value for c in _sheet(opinions, GIKAI)["審議会意見への対応"]["C"]][3:] == ["・公開の範囲を広げてほしい。"]
    assert "審議会意見への対応" not in _sheet(opinions, "総務部 行政監理室/企画:係").sheetnames  # no opinion on its item


def test_responses_flow_to_the_ledger_the_reports_and_the_publication(opinions, mini_plan):
    fill_dept(opinions, FIN, name="fin.xlsx", period="2026H1",
              per_item={1: {"response": "算定根拠を様式に記載した。"}, 2: {"response": "広報誌で周知した。"}})
    fill_dept(opinions, GIKAI, name="gikai.xlsx", period="2026H1")  # leaves its answer blank
    result = run_cli(opinions, "merge")
    assert result.exit_code == 0, result.output
    current = open_ledger(opinions).current("2026H1").set_index("no")
    assert current.loc[1, "response"] == "算定根拠を様式に記載した。" and current.loc[4, "response"] == ""
    book = openpyxl.load_workbook(opinions.outbox_dir / "ledger.xlsx")["意見への対応"]
    assert [[c.value for c in r][:6] for r in book.iter_rows(min_row=2) if r[0].value] == [
        ["2026H1", "令和8年度 上期", 1, "基金の運用による税外収入の確保（債券運用）", FIN, "算定根拠を様式に記載した。"],
        ["2026H1", "令和8年度 上期", 2, "広告料収入の確保", FIN, "広報誌で周知した。"]]
    report = _report(opinions, "2026H1")
    assert report["A2"].value == "意見のあった取組項目 3 件のうち、対応の回答 2 件、未回答 1 件"
    assert [[c.value for c in r] for r in report.iter_rows(min_row=5)][0] == [
        1, "健全な財政運営", "基金の運用による税外収入の確保（債券運用）", FIN, "・目標の前倒しを検討されたい。\n・効果額の根拠を示すこと。",
        "算定根拠を様式に記載した。", "令和8年度 上期"]
    assert [c.value for c in report[7]][4:] == ["・公開の範囲を広げてほしい。", "（未回答）", None]

    make_forms(opinions, mini_plan, "2026H2", carry=True)  # 下期: the 上期 answer stands when left blank
    fill_dept(opinions, FIN, name="fin-h2.xlsx", period="2026H2", per_item={2: {"response": "説明会を開いた。"}})
    fill_dept(opinions, GIKAI, name="gikai-h2.xlsx", period="2026H2", per_item={4: {"response": "委員会も公開した。"}})
    assert run_cli(opinions, "merge").exit_code == 0
    rows = [[c.value for c in r][4:] for r in _report(opinions, "2026H2").iter_rows(min_row=5)]
    assert [r[1:] for r in rows] == [["算定根拠を様式に記載した。", "令和8年度 上期"], ["説明会を開いた。", "令和8年度 下期"],
                                     ["委員会も公開した。", "令和8年度 下期"]]

    published = run_cli(opinions, "publish", "--year", "2026")
    assert published.exit_code == 1 and "2026_responses.csv" in published.output  # 1: two items unreported
    folder = opinions.outbox_dir / "publish" / "2026"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert '<section id="responses">\n<h2>令和7年度の審議会の意見への対応</h2>' in page
    assert "算定根拠を様式に記載した。" in page and "山田" not in page  # no member names
    table = list(csv.reader(io.StringIO((folder / "2026_responses.csv").read_text(encoding="utf-8-sig"))))
    assert table[0] == ["年度", "年度（和暦）", "No", "取組項目", "審議会の意見", "市の対応", "回答した期"]
    assert table[1] == ["2026", "令和8年度", "1", "基金の運用による税外収入の確保（債券運用）", "目標の前倒しを検討されたい。 / 効果額の根拠を示すこと。",
                        "算定根拠を様式に記載した。", "令和8年度 上期"]
    assert len(table) == 4


def _report(cfg, period: str):
    assert run_cli(cfg, "report", "--period", period).exit_code == 0
    return openpyxl.load_workbook(cfg.outbox_dir / "reports" / f"{period}_進捗状況報告.xlsx")["審議会意見への対応"]


@pytest.mark.parametrize(("case", "cell", "message"), [
    ("too_long", "審議会意見への対応!D4", "「意見への対応」が 1001 字あります。1000 字以内にしてください。"),
    ("opinion_edited", "審議会意見への対応!C4", "No.1 の行（審議会意見への対応!A4:C4）で、変更できない灰色の欄が書き換え"
                                          "られています（変更された欄: 審議会の意見）。元の内容に戻してください。"),
    ("sheet_deleted", "審議会意見への対応", "シート「審議会意見への対応」が見つかりません。シートを削除しないでください。"
                                   "配布した様式に記入し直して送ってください。"),
])
def test_bad_responses_are_refused_at_their_cell(opinions, case, cell, message):
    src, dst = form_path(opinions, FIN, "2026H1"), opinions.inbox_dir / "fin.xlsx"
    fill_dept(opinions, FIN, name="fin.xlsx", period="2026H1",
              per_item={1: {"response": "あ" * 1001 if case == "too_long" else "対応した。"}})
    wb = openpyxl.load_workbook(dst)
    if case == "opinion_edited":
        wb["審議会意見への対応"]["C4"] = "意見を書き換えた"
    elif case == "sheet_deleted":
        del wb["審議会意見への対応"]
    wb.save(dst)
    result = run_cli(opinions, "check", "--json")
    assert result.exit_code == 1 and src.exists()
    (report,) = [f for f in json.loads(result.stdout) if Path(f["file"]).name == "fin.xlsx"]
    errors = [(f"{e['sheet']}!{e['cell']}" if e["cell"] else e["sheet"], e["message"]) for e in report["findings"]
              if e["severity"] == "error"]
    assert errors == [(cell, message)]


def test_the_return_workbook_keeps_the_opinions_and_the_answer_and_marks_its_cell(opinions):
    fill_dept(opinions, FIN, name="fin.xlsx", period="2026H1", per_item={2: {"response": "い" * 1001}})
    assert run_cli(opinions, "check", "--returns").exit_code == 1
    (path,) = (opinions.outbox_dir / "returns" / "2026H1").glob("*.xlsx")
    ws = openpyxl.load_workbook(path)["審議会意見への対応"]
    assert ws["C5"].value == "・周知が不足している。" and ws["D5"].value == "い" * 1001
    assert ws["D5"].comment is not None and "1000 字以内" in ws["D5"].comment.text
    assert ws["D4"].value is None and ws["D4"].comment is None


@pytest.mark.libreoffice
def test_the_opinion_sheet_prints_at_8pt_or_more(opinions, tmp_path):
    import lo
    import pdf

    out = lo.convert(form_path(opinions, FIN, "2026H1"), "pdf", tmp_path / "pdf")
    words = pdf.words(out)
    page = next(p for p in sorted({w.page for w in words}) if "審議会の意見" in pdf.page_text(out, p))
    assert {"No.", "項目名", "審議会の意見", "意見への対応"} <= {w.text for w in words if w.page == page}
    assert pdf.smallest_text(out) >= 8.0


@pytest.mark.libreoffice
def test_a_response_resaved_by_libreoffice_is_accepted_as_typed(opinions, mini_plan, tmp_path):
    from lo import convert

    from sheetflow.ground.periods import Period
    from sheetflow.intake.read import read_submission

    answer = "算定根拠を様式に記載した。\n次年度も継続する。"
    filled = fill_dept(opinions, FIN, name="fin.xlsx", period="2026H1", per_item={2: {"response": answer}})
    resaved = convert(filled, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    sub = read_submission(resaved, mini_plan, opinions, expected_period=Period(2026, 1))
    assert sub.accepted, sub.findings
    assert {e["no"]: e["response"] for _, e in sub.report_rows} == {1: "", 2: answer}
