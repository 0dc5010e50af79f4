"""A survey workspace (庁内照会) on the command line: `init --form`, `forms` (one workbook per 部署 with its
既定データ rows), `check`, the progress report's commands and options refused in Japanese (exit 2), and the
progress workspace unchanged (--period still required there, --from-last refused)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from sheetflow.cli import main
from sheetflow.definition import workspace as DW
from sheetflow.ground.config import load_config
from sheetflow.intake.survey_check import check_survey_paths
from sheetflow.ledger.survey_forms import issue_survey_forms

TITLE, SURVEY_ID = "テレワーク実施状況調査", "telework"
DEPARTMENTS = ("職員課", "市民課", "道路維持課")  # the 部署 of `form new`'s example
COMMANDS = "forms（様式の作成）、check（検査）、merge（取り込み）、status（回答状況）、report（集計表）、rebuild（台帳の作り直し）"


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="sheetflow", catch_exceptions=False)


@pytest.fixture
def definition(tmp_path: Path) -> Path:
    out = tmp_path / "照会定義.xlsx"
    assert run("form", "new", "--out", str(out)).exit_code == 0
    return out


@pytest.fixture
def survey(tmp_path: Path, definition: Path) -> Path:
    """A survey workspace made by `init --form` from the example definition."""
    folder = tmp_path / "テレワーク調査"
    assert run("init", str(folder), "--form", str(definition)).exit_code == 0
    return folder


def fill(path: Path, values: dict[str, dict[str, object]]) -> Path:
    wb = openpyxl.load_workbook(path)
    for sheet, cells in values.items():
        for cell, value in cells.items():
            wb[sheet][cell] = value
    wb.save(path)
    return path


# --- init --form ------------------------------------------------------------------------------------

def test_init_with_a_survey_definition_copies_it_and_takes_its_sender_and_deadline(tmp_path, definition):
    folder = tmp_path / "テレワーク調査"
    result = run("init", str(folder), "--form", str(definition))
    assert result.exit_code == 0, result.output
    assert (folder / "照会定義.xlsx").read_bytes() == definition.read_bytes()
    cfg = load_config(folder, folder / "sheetflow.toml")
    assert (cfg.form_file, cfg.contact, cfg.deadline) == (Path("照会定義.xlsx"), "総務部 職員課（内線 1234）", "2026/1/30")
    assert DW.is_survey(cfg) and DW.workspace_form(cfg).survey_id == SURVEY_ID
    assert result.output.splitlines() == [
        f"作業フォルダを用意しました: {folder}", f"  作成: {folder}", f"  作成: {folder / 'inbox'}",
        f"  作成: {folder / 'outbox'}", f"  作成: {folder / '照会定義.xlsx'}", f"  作成: {folder / 'sheetflow.toml'}",
        f"次に: sheetflow -C {folder} forms（部署ごとの様式を outbox/forms/ に作ります）"]


def test_init_with_a_form_keeps_the_contact_given(tmp_path, definition):
    folder = tmp_path / "調査"
    assert run("init", str(folder), "--form", str(definition), "--contact", "行政監理室（内線 2231）").exit_code == 0
    assert load_config(folder, folder / "sheetflow.toml").contact == "行政監理室（内線 2231）"


def test_init_with_a_definition_that_has_problems_makes_nothing(tmp_path, definition):
    wb = openpyxl.load_workbook(definition)
    ws = wb["表"]
    ws.cell(row=ws.max_row, column=3).value = "自在行"  # 行モード of the last table
    wb.save(definition)
    folder = tmp_path / "調査"
    result = run("init", str(folder), "--form", str(definition))
    assert result.exit_code == 2
    assert result.output.startswith(f"エラー: 様式定義 {definition} に誤りが")
    assert not folder.exists()


def test_a_workspace_without_form_is_not_a_survey(workspace):
    assert not DW.is_survey(workspace)


def test_init_does_not_copy_over_another_definition_of_that_name(tmp_path, definition):
    folder = tmp_path / "調査"
    folder.mkdir()
    (folder / "照会定義.xlsx").write_bytes(b"other")
    result = run("init", str(folder), "--form", str(definition))
    assert result.exit_code == 2
    assert result.output == (f"エラー: {folder / '照会定義.xlsx'} は既にあります。写さずに止めました。"
                             "その定義を使うときは --force を付けてください（上書きします）。\n")
    assert (folder / "照会定義.xlsx").read_bytes() == b"other" and not (folder / "sheetflow.toml").exists()


# --- forms ------------------------------------------------------------------------------------------

def test_forms_writes_one_workbook_per_department_with_its_default_rows(survey):
    result = run("-C", str(survey), "forms")
    assert result.exit_code == 0, result.output
    folder = survey / "outbox" / "forms" / SURVEY_ID
    assert result.output == f"庁内照会「{TITLE}」の様式を 3 部署分書き出しました（あらかじめ記入した行 4 行）: {folder}\n"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{d}.xlsx" for d in DEPARTMENTS)
    ws = openpyxl.load_workbook(folder / "市民課.xlsx")["所管施設"]
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_row=6, max_col=2)] == [
        ["F002", "沼ノ端出張所"], ["F003", "錦岡出張所"], [None, None]]
    meta = dict(openpyxl.load_workbook(folder / "市民課.xlsx")["_meta"].iter_rows(max_col=2, values_only=True))
    assert (meta["form_kind"], meta["survey_id"], meta["department"]) == ("survey", SURVEY_ID, "市民課")
    cfg = load_config(survey, survey / "sheetflow.toml")
    assert (survey / "outbox" / "definitions" / f"{DW.workspace_form(cfg).sha256}.json").is_file()


def test_forms_keeps_the_files_already_written_unless_forced(survey):
    run("-C", str(survey), "forms")
    folder = survey / "outbox" / "forms" / SURVEY_ID
    (folder / "職員課.xlsx").write_bytes(b"kept")
    again = run("-C", str(survey), "forms")
    assert again.exit_code == 0
    assert again.output.splitlines()[0] == f"様式 3 件はすべて既に書き出してあります: {folder}"
    assert (folder / "職員課.xlsx").read_bytes() == b"kept"
    assert run("-C", str(survey), "forms", "--force", "--dept", "職員課").exit_code == 0
    assert (folder / "職員課.xlsx").read_bytes()[:2] == b"PK"


def test_forms_for_one_department_and_an_unknown_one(survey):
    one = issue_survey_forms(load_config(survey, survey / "sheetflow.toml"), only=["道路維持課"])
    assert [(r.department, r.path.name, r.rows, r.written) for r in one.results] == [
        ("道路維持課", "道路維持課.xlsx", 1, True)]
    result = run("-C", str(survey), "forms", "--dept", "道路課")
    assert result.exit_code == 2
    assert result.output == "エラー: 部署「道路課」は照会定義のシート「部署」にありません。部署: 職員課、市民課、道路維持課\n"


@pytest.mark.parametrize(("args", "option"), [(("forms", "--period", "R7上期"), "--period"),
                                              (("forms", "--by", "部"), "--by"),
                                              (("check", "--json"), "--json"),
                                              (("merge", "--period", "R7上期"), "--period"),
                                              (("merge", "--inbox", "x"), "--inbox"),
                                              (("status", "--period", "R7上期"), "--period"),
                                              (("report", "--period", "R7上期"), "--period"),
                                              (("report", "--out", "x.xlsx"), "--out")])
def test_the_progress_reports_options_are_refused_in_a_survey_workspace(survey, args, option):
    result = run("-C", str(survey), *args)
    assert result.exit_code == 2
    assert result.output == (f"エラー: {option} は進捗状況報告で使うオプションです。庁内照会「{TITLE}」（照会ID {SURVEY_ID}）の"
                             "作業フォルダでは使えません。\n")
    assert not (survey / "outbox" / "ledger.sqlite").exists()


@pytest.mark.parametrize("args", [("council", "--year", "2025"), ("publish", "--year", "R7"), ("publish",),
                                  ("plan", "check"), ("plan", "export")])
def test_the_progress_reports_commands_stop_in_a_survey_workspace(survey, args):
    result = run("-C", str(survey), *args)
    assert result.exit_code == 2
    assert result.output == (f"エラー: sheetflow {args[0]} は進捗状況報告のコマンドです。この作業フォルダは庁内照会「{TITLE}」"
                             f"（照会ID {SURVEY_ID}）用です（sheetflow.toml の form = 照会定義.xlsx）。\n"
                             f"庁内照会で使うコマンド: {COMMANDS}\n")
    assert sorted(p.name for p in (survey / "outbox").iterdir()) == []


def test_their_help_is_still_shown_in_a_survey_workspace(survey):
    result = run("-C", str(survey), "plan", "check", "--help")
    assert result.exit_code == 0 and "計画ファイルを検査し" in result.output


# --- check ------------------------------------------------------------------------------------------

def test_check_reads_the_survey_forms_by_type_and_names_the_cells(survey):
    run("-C", str(survey), "forms")
    forms = survey / "outbox" / "forms" / SURVEY_ID
    good = fill(forms / "職員課.xlsx", {"実施状況": {"A4": 120, "B4": "はい", "C4": 2.5}, "所管施設": {"C4": "はい", "D4": 30}})
    bad = fill(forms / "市民課.xlsx", {"実施状況": {"A4": "多数", "B4": "はい"}})
    other = survey / "inbox" / "memo.xlsx"
    openpyxl.Workbook().save(other)
    result = run("-C", str(survey), "check", str(good), str(bad), str(other))
    assert result.exit_code == 1
    assert result.output.splitlines() == [  # in path order
        f"読めない  {other}（エラー 1 件、注意 0 件、自動修正 0 件）",
        "    エラー  様式の管理用シート（_meta）がありません。配布した様式ではないか、シートが削除されています。"
        "配布した様式に記入して送ってください。",
        f"差戻し  {bad}（市民課）（エラー 4 件、注意 0 件、自動修正 0 件）",
        "    エラー  実施状況!A4  「職員数」の「多数」を整数として読めません。0以上の整数だけを記入してください。",
        "    エラー  実施状況!C4  「テレワーク実施」が「はい」のときは「実施日数」を記入してください。",
        "    エラー  所管施設!C4  「在宅可能な業務」は必須です。記入してください。",
        "    エラー  所管施設!C5  「在宅可能な業務」は必須です。記入してください。",
        f"受理  {good}（職員課）（エラー 0 件、注意 0 件、自動修正 0 件）",
        "3 件を検査: 受理 1 件、差戻し 1 件、読めない 1 件"]


def test_check_survey_paths_is_what_check_prints(survey):
    run("-C", str(survey), "forms")
    good = fill(survey / "outbox" / "forms" / SURVEY_ID / "職員課.xlsx",
                {"実施状況": {"A4": 120, "B4": "いいえ"}, "所管施設": {"C4": "いいえ"}})
    (survey / "inbox" / "職員課.xlsx").write_bytes(good.read_bytes())
    run_ = check_survey_paths(load_config(survey, survey / "sheetflow.toml"), [])
    assert [(c.path.name, c.result, c.back.department) for c in run_.checked] == [("職員課.xlsx", "accepted", "職員課")]
    assert run_.exit_code == 0
    assert run_.checked[0].back.rows["staff"] == [(4, {"staff_count": 120, "telework": "いいえ", "days": None, "note": ""})]
    result = run("-C", str(survey), "check")
    assert (result.exit_code, result.output.splitlines()[-1]) == (0, "1 件を検査: 受理 1 件、差戻し 0 件、読めない 0 件")


# --- the progress workspace as before ---------------------------------------------------------------

@pytest.mark.parametrize("command", ["forms", "report"])
def test_period_is_still_required_in_a_progress_workspace(workspace, command):
    result = run("-C", str(workspace.root), command)
    assert result.exit_code == 2
    assert "エラー: オプション '--period' を指定してください。" in result.output


def test_from_last_is_for_a_survey_workspace(workspace):
    result = run("-C", str(workspace.root), "forms", "--period", "R7上期", "--from-last")
    assert result.exit_code == 2
    assert result.output == ("エラー: --from-last は庁内照会の作業フォルダで使うオプションです（進捗状況報告の様式には、"
                             "前回の回答が自動で載ります）。\n")
