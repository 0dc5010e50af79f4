"""The 審議会 cycle end to end on real files: `sheetflow council` writes the evaluation workbook from the
ledger, three members fill copies (only the unlocked cells), merge takes them in (a resubmission replaces
the member's earlier file), bad workbooks are refused with their Japanese finding, cell and exit code, and
the averages in 審議会評価集計.xlsx and the publication equal what the workbooks held."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from fractions import Fraction

import openpyxl
import pytest
from council_support import UNREPORTED, fill_member, item_rows, merged_year, run_cli

from sheetflow.forms import council as C
from sheetflow.forms import layout as L
from sheetflow.forms import read as formread
from sheetflow.ledger.merge import merge_inbox
from sheetflow.ledger.query import open_ledger
from sheetflow.ledger.rebuild import rebuild_ledger
from sheetflow.report.council import one_decimal
from sheetflow.report.council_book import write_council_book
from sheetflow.report.council_summary import summary_path

EARLY, LATE = datetime(2026, 5, 1, 9, tzinfo=UTC), datetime(2026, 5, 8, 9, tzinfo=UTC)
SCORES = {"山田 太郎": {1: 5, 2: 4, 3: 4, 4: 3, 5: 5}, "佐藤 花子": {1: 4, 2: 4, 3: 3, 4: 3},
          "鈴木 一郎": {1: 5, 2: 3, 3: 4, 4: 2, 5: 4}}
_run = run_cli


@pytest.fixture
def year(workspace, mini_plan):
    """H1 and H2 reports of 財政課 and 議会事務局 merged; the R7 evaluation workbook written."""
    return merged_year(workspace, mini_plan)


def _members(cfg, book, names=tuple(SCORES)) -> None:
    for n, name in enumerate(names):
        fill_member(book, cfg.inbox_dir / f"member{n}.xlsx", name, SCORES[name],
                    {1: f"{name}の意見"}, saved_at=EARLY)


# --- 1. the workbook ---------------------------------------------------------------------------------

def test_workbook_shows_the_years_results_locked_with_inputs_for_one_member(year, mini_plan):
    wb = openpyxl.load_workbook(year)
    assert wb.sheetnames == [C.GUIDE_SHEET, C.SHEET, L.META_SHEET] and wb[L.META_SHEET].sheet_state == "veryHidden"
    ws = wb[C.SHEET]
    rows = item_rows(year)
    assert sorted(rows) == [i.no for i in mini_plan.items]
    r = rows[1]  # 財政課 item: H2 result
    assert [ws.cell(r, c).value for c in (1, 4, 5, 6)] == [1, "財政部 財政課", "完了", "下期の実績"]
    assert [ws.cell(5, c).value for c in (8, 9)] == ["達成度", "効果額\n（千円）"]  # broken at a word boundary
    assert [ws.cell(r, c).value for c in (8, 9)] == ["B 目標どおり", "歳入増 1,200\n歳出減 300"]  # the year's 達成度 and 効果額
    assert ws.cell(rows[4], 5).value == "遅れ" and ws.cell(rows[4], 10).value == "予算の確保"
    assert ws.cell(rows[5], 5).value == "未報告"
    assert ws["A3"].value == "委員名" and ws["C3"].protection.locked is False
    assert ws.protection.sheet and ws.cell(r, 1).protection.locked and ws.cell(r, 6).protection.locked
    assert ws.cell(r, 9).protection.locked and not ws.cell(r, 11).protection.locked and not ws.cell(r, 12).protection.locked
    lists = [d for d in ws.data_validations.dataValidation if d.type == "list"]
    assert len(lists) == 1 and lists[0].formula1 == '"1,2,3,4,5"' and str(lists[0].sqref) == f"K{min(rows.values())}:K{max(rows.values())}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9 and ws.print_title_rows == "$5:$5"
    assert ws.oddHeader.left.text == "令和7年度　審議会評価シート" and "&P" in ws.oddFooter.center.text
    meta = formread.parse_meta(formread.read_values(year).sheets[L.META_SHEET])
    assert meta.digest_ok and meta.pairs["form_kind"] == "council" and meta.pairs["year"] == "2025"
    assert [(s, int(k)) for s, _, k, _ in meta.table] == [(C.SHEET, i.no) for i in mini_plan.items]


def test_indicator_line_shows_actual_against_target(year):
    ws = openpyxl.load_workbook(year)[C.SHEET]
    text = ws.cell(item_rows(year)[1], 7).value
    assert "実績 3" in text and "目標" in text


@pytest.mark.parametrize("spelling", ["2025", "令和7年度"])
def test_year_spellings_and_force(year, workspace, spelling):
    refused = _run(workspace, "council", "--year", spelling)
    assert refused.exit_code == 2 and "--force" in refused.output
    again = _run(workspace, "council", "--year", spelling, "--force")
    assert again.exit_code == 1 and str(year) in again.output.replace("\n", "")  # written, with the 注意
    assert UNREPORTED in again.output


def test_the_council_folder_is_named_in_seireki(year, workspace):
    assert year == workspace.outbox_dir / "council" / "2025" / "令和7年度_審議会評価シート.xlsx"


def test_a_book_in_the_older_wareki_folder_stays_there(year, workspace, mini_plan):
    """A workspace whose book was written to outbox/council/令和7年度/ (before the one naming rule): council
    refuses to write a second one beside it, --force replaces that one, and the summary goes next to it."""
    older = workspace.outbox_dir / "council" / "令和7年度"
    older.mkdir()
    year.rename(older / year.name)
    year.parent.rmdir()
    refused = _run(workspace, "council", "--year", "R7")
    assert refused.exit_code == 2 and str(older / year.name) in refused.output.replace("\n", "")
    assert _run(workspace, "council", "--year", "R7", "--force").exit_code == 1  # written, with the 未報告 warning
    _members(workspace, older / year.name)
    assert _run(workspace, "merge").exit_code == 0
    assert sorted(p.name for p in older.iterdir()) == ["令和7年度_審議会評価シート.xlsx", "審議会評価集計.xlsx"]
    assert not (workspace.outbox_dir / "council" / "2025").exists()


# --- 2. intake and ledger ------------------------------------------------------------------------------

def test_three_members_merged_and_a_resubmission_replaces_one(year, workspace, mini_plan):
    _members(workspace, year)
    result = _run(workspace, "merge")
    assert result.exit_code == 0, result.output
    assert "受理  審議会委員 山田 太郎  member0.xlsx" in result.output
    fill_member(year, workspace.inbox_dir / "山田_再提出.xlsx", "山田　太郎", {1: 1, 2: 2, 3: 2, 4: 2, 5: 2},
                saved_at=LATE)
    assert _run(workspace, "merge").exit_code == 0
    from sheetflow.ledger.status import live_scores

    live = live_scores(workspace, 2025)
    yamada = {r["no"]: r["score"] for r in live if r["member"] == "山田 太郎"}
    assert yamada == {1: 1, 2: 2, 3: 2, 4: 2, 5: 2}
    every = open_ledger(workspace).table("council_scores")
    assert len(every) == 4 * 5  # every file's rows (one per item, scored or not) are kept, with provenance
    row = every[every["source_name"] == "member0.xlsx"].iloc[0]
    assert len(row["source_sha256"]) == 64 and row["merged_at"] and row["opinion"] == "山田 太郎の意見"
    book = openpyxl.load_workbook(workspace.outbox_dir / "ledger.xlsx")["審議会の評価"]
    values = [r for r in book.iter_rows(min_row=2, values_only=True) if r[0]]
    yamada = [(r[3], r[5], r[7], r[8]) for r in values if r[2] == "山田 太郎"]
    assert yamada[:5] == [(no, SCORES["山田 太郎"][no], "置き換え済み", "member0.xlsx") for no in range(1, 6)]
    assert yamada[5] == (1, 1, "有効", "山田_再提出.xlsx") and len(values) == 20


def test_older_resubmission_does_not_replace(year, workspace):
    _members(workspace, year, ["山田 太郎"])
    assert _run(workspace, "merge").exit_code == 0
    fill_member(year, workspace.inbox_dir / "old.xlsx", "山田 太郎", {1: 1}, saved_at=datetime(2026, 4, 1, tzinfo=UTC))
    result = _run(workspace, "merge")
    assert result.exit_code == 0 and "受理（旧版）" in result.output
    from sheetflow.ledger.status import live_scores

    assert {r["no"]: r["score"] for r in live_scores(workspace, 2025)}[1] == 5


def test_rebuild_recreates_the_council_table(year, workspace, mini_plan):
    _members(workspace, year)
    merge_inbox(workspace, mini_plan)
    fill_member(year, workspace.inbox_dir / "again.xlsx", "佐藤 花子", {1: 1}, saved_at=LATE)
    merge_inbox(workspace, mini_plan)
    ledger = open_ledger(workspace)
    before = ledger.table("council_scores"), ledger.table("submissions")
    rebuild_ledger(workspace, mini_plan)
    assert ledger.table("council_scores").equals(before[0]) and ledger.table("submissions").equals(before[1])


def _edit_locked(ws) -> None:
    ws["F7"] = "書き換えた実績"


BAD = [
    ("missing name", dict(member=None, scores={1: 4}), "評価シート!C3",
     "「委員名」が未記入です。評価シートの C3 に氏名を記入してください。"),
    ("score 6", dict(member="山田 太郎", scores={2: 6}), "評価シート!K7",
     "「評価点」の「6」は 1 から 5 の範囲外です。1、2、3、4、5 のいずれかを一覧から選んでください。"),
    ("score 0", dict(member="山田 太郎", scores={2: 0}), "評価シート!K7",
     "「評価点」の「0」は 1 から 5 の範囲外です。1、2、3、4、5 のいずれかを一覧から選んでください。"),
    ("score 4.5", dict(member="山田 太郎", scores={2: 4.5}), "評価シート!K7",
     "「評価点」の「4.5」は 1 から 5 の範囲外です。1、2、3、4、5 のいずれかを一覧から選んでください。"),
    ("score text", dict(member="山田 太郎", scores={1: "よい"}), "評価シート!K6",
     "「評価点」の「よい」は数値ではありません。1、2、3、4、5 のいずれかを一覧から選んでください。"),
    ("score 4.5 as text", dict(member="山田 太郎", scores={2: "4.5"}), "評価シート!K7",
     "「評価点」の「4.5」は 1 から 5 の範囲外です。1、2、3、4、5 のいずれかを一覧から選んでください。"),
    ("score 6 as text", dict(member="山田 太郎", scores={2: "6"}), "評価シート!K7",
     "「評価点」の「6」は 1 から 5 の範囲外です。1、2、3、4、5 のいずれかを一覧から選んでください。"),
    ("score 良い", dict(member="山田 太郎", scores={2: "良い"}), "評価シート!K7",
     "「評価点」の「良い」は数値ではありません。1、2、3、4、5 のいずれかを一覧から選んでください。"),
    ("score 約4", dict(member="山田 太郎", scores={2: "約4"}), "評価シート!K7",
     "「評価点」の「約4」は数値ではありません。1、2、3、4、5 のいずれかを一覧から選んでください。"),
    ("error value", dict(member="山田 太郎", scores={2: "#N/A"}), "評価シート!K7",
     "「評価点（1から5）」がエラー値（#N/A）になっています。数式を使わず、値を直接入力してください。"),
    ("locked edited", dict(member="山田 太郎", scores={1: 4}, edit=_edit_locked), "評価シート!A7",
     "No.2 の行（A7:J7）で、変更できない灰色の欄が書き換えられています。元の内容に戻してください。"),
]


@pytest.mark.parametrize(("case", "fill", "cell", "text"), BAD, ids=[b[0] for b in BAD])
def test_bad_workbooks_are_refused(year, workspace, case, fill, cell, text):
    assert item_rows(year)[2] == 7
    fill_member(year, workspace.inbox_dir / "bad.xlsx", fill.pop("member"), **fill)
    result = _run(workspace, "merge")
    assert result.exit_code == 1
    assert "差戻し" in result.output and cell in result.output and text in result.output.replace("\n", "")
    assert open_ledger(workspace).table("council_scores").empty
    returned = workspace.outbox_dir / "returns" / "2025H2" / "bad_差戻し.xlsx"  # the member's copy, marked
    wb = openpyxl.load_workbook(returned)
    assert wb.sheetnames[0] == "指摘事項" and text in [c.value for row in wb["指摘事項"].iter_rows() for c in row]
    marked = wb[C.SHEET][cell.split("!")[1]]
    assert text in marked.comment.text and wb[C.SHEET].protection.sheet


def test_a_score_typed_as_text_is_read_as_departments_numbers_are(year, workspace):
    """「4」 typed as text, 「４」 full-width, 「4点」: read as 4 by intake.normalise, each recorded as 自動修正."""
    fill_member(year, workspace.inbox_dir / "t.xlsx", "山田 太郎", {1: "4", 2: "４", 3: "4点", 4: 3})
    checked = _run(workspace, "check", str(workspace.inbox_dir / "t.xlsx"))
    assert checked.exit_code == 0, checked.output
    lines = [line.split(maxsplit=3) for line in checked.output.splitlines() if line.startswith("    ")]
    assert lines == [["自動修正", "評価シート!K6", "No.1", "「評価点」の「4」を 4 として読み込みました。"],
                     ["自動修正", "評価シート!K7", "No.2", "「評価点」の「４」を 4 として読み込みました。"],
                     ["自動修正", "評価シート!K8", "No.3", "「評価点」の「4点」を 4 として読み込みました。"]]
    assert _run(workspace, "merge").exit_code == 0
    from sheetflow.ledger.status import live_scores

    assert {r["no"]: r["score"] for r in live_scores(workspace, 2025)} == {1: 4, 2: 4, 3: 4, 4: 3, 5: None}


def test_a_formula_in_a_score_is_read_with_a_warning(year, workspace):
    fill_member(year, workspace.inbox_dir / "f.xlsx", "山田 太郎", {1: 4, 2: "=2+2"})
    result = _run(workspace, "merge")
    assert result.exit_code == 0, result.output
    assert ("「評価点（1から5）」に数式（=2+2）が入っていますが計算結果が保存されていないため、空欄として読み込みました。"
            "値を直接入力してください。") in result.output.replace("\n", "")
    from sheetflow.ledger.status import live_scores

    assert {r["no"]: r["score"] for r in live_scores(workspace, 2025)}[2] is None


def test_a_workbook_issued_before_a_revision_is_accepted_after_it(year, workspace):
    from revision_support import revise

    revise(workspace.root, start="R9上期")  # version 2 of the plan file; the workbook was made from version 1
    fill_member(year, workspace.inbox_dir / "m.xlsx", "山田 太郎", {1: 4})
    result = _run(workspace, "merge")
    assert result.exit_code == 0 and "受理  審議会委員 山田 太郎  m.xlsx" in result.output, result.output


def test_workbook_of_another_year_is_refused(year, workspace, mini_plan):
    other = write_council_book(workspace, mini_plan, 2024, out=workspace.root / "r6.xlsx").path
    fill_member(other, workspace.inbox_dir / "r6.xlsx", "山田 太郎", {1: 4})
    result = _run(workspace, "check", str(workspace.inbox_dir / "r6.xlsx"))
    assert result.exit_code == 1
    assert ("この評価シートは令和6年度のものです（期待: 令和7年度から令和11年度（計画期間））。"
            in result.output.replace("\n", ""))
    fill_member(year, workspace.inbox_dir / "r7.xlsx", "山田 太郎", {1: 4})
    asked = _run(workspace, "check", "--period", "R8下期", str(workspace.inbox_dir / "r7.xlsx"))
    assert asked.exit_code == 1 and "この評価シートは令和7年度のものです（期待: 令和8年度）。" in asked.output.replace("\n", "")


# --- 3. results ---------------------------------------------------------------------------------------

def _expected(no: int) -> tuple[str, int]:
    scores = [s[no] for s in SCORES.values() if no in s]
    return f"{one_decimal(Fraction(sum(scores), len(scores))):.1f}", len(scores)


def test_averages_in_summary_and_publication_equal_the_workbooks(year, workspace, mini_plan):
    _members(workspace, year)
    assert _run(workspace, "merge").exit_code == 0
    wb = openpyxl.load_workbook(summary_path(workspace, 2025))
    assert wb.sheetnames == ["意見書（案）", "項目別"]
    items = {r[0]: r for r in wb["項目別"].iter_rows(min_row=4, values_only=True)}
    for no in range(1, 6):
        average, count = _expected(no)
        assert items[no][4] == f"{average}点/5点" and items[no][5] == count
    assert items[1][6] == "佐藤 花子: 佐藤 花子の意見\n山田 太郎: 山田 太郎の意見\n鈴木 一郎: 鈴木 一郎の意見"
    draft = [c for row in wb["意見書（案）"].iter_rows(values_only=True) for c in row if c is not None]
    assert "令和7年度の取組について、審議会委員 3 名の評価（5 点満点）をまとめました。全体の平均は 3.8点/5点 です。" in draft
    result = _run(workspace, "publish", "--year", "R7")
    folder = workspace.outbox_dir / "publish" / "2025"
    rows = list(csv.DictReader(io.StringIO((folder / "2025_council.csv").read_text(encoding="utf-8-sig"))))
    assert [(int(r["No"]), r["平均評価点"], int(r["評価した委員数"])) for r in rows] == [
        (no, *_expected(no)) for no in range(1, 6)]
    assert rows[0]["意見"] == "佐藤 花子の意見 / 山田 太郎の意見 / 鈴木 一郎の意見"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "<strong>3.8点/5点</strong>" in page and f'{_expected(1)[0]}点/5点' in page and "山田 太郎の意見" in page
    assert "審議会委員 山田" not in page  # opinions are published without the members' names
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    council = next(r for r in package["resources"] if r["name"] == "council")
    assert council["path"] == "2025_council.csv" and council["schema"]["foreignKeys"][0]["reference"]["resource"] == "items"
    assert result.exit_code in (0, 1), result.output
    import frictionless

    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


def test_average_rounds_half_up():
    assert one_decimal(Fraction(17, 4)) == 4.3 and one_decimal(Fraction(14, 3)) == 4.7 and one_decimal(Fraction(9, 2)) == 4.5
