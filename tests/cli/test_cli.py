"""The command line: Japanese help for every command, version, exit codes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from sheetflow import __version__
from sheetflow.cli import app, main

DATA = Path(__file__).parents[1] / "data"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # the top level loads its commands on demand (app.COMMANDS)
        cmd = group.get_command(ctx, name)
        yield (*prefix, name), cmd
        if isinstance(cmd, click.Group):
            yield from _all_commands(cmd, (*prefix, name))


def run(*args: str, **kwargs):
    return CliRunner().invoke(main, list(args), prog_name="sheetflow", catch_exceptions=False, **kwargs)


def test_top_level_help_is_japanese():
    result = run("--help")
    assert result.exit_code == 0
    assert "使い方: sheetflow [オプション] コマンド [引数]..." in result.output
    assert "このヘルプを表示して終了します。" in result.output
    assert "Show this message" not in result.output and "Usage:" not in result.output


@pytest.mark.parametrize("path", [p for p, _ in _all_commands(main)], ids=" ".join)
def test_every_command_has_japanese_help(path):
    result = run(*path, "--help")
    assert result.exit_code == 0
    body = result.output.split("オプション:")[0]
    assert JAPANESE.search(body), f"{' '.join(path)} has no Japanese help text"
    assert "Usage:" not in result.output and "Options:" not in result.output


def test_the_command_table_is_every_command_with_its_own_help():
    """`sheetflow --help` lists app.COMMANDS without importing the command modules: the table names every
    command the modules register, each with the help text the command itself shows."""
    app.load_commands(*app.COMMANDS)
    assert set(main.commands) == set(app.COMMANDS)
    for name, (module, text) in app.COMMANDS.items():
        assert main.commands[name].help == text, name
        assert main.commands[name].callback.__module__ == f"sheetflow.cli.{module}", name
        assert not main.commands[name].hidden and main.commands[name].short_help is None, name


def test_the_command_list_without_the_modules_is_the_list_with_them(tmp_path):
    """--help in a fresh interpreter (no command module loaded) prints what it prints once all are loaded."""
    app.load_commands(*app.COMMANDS)
    loaded = run("--help").output
    code = "from sheetflow.cli import main; main(['--help'], prog_name='sheetflow')"
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                           env={**os.environ, "PYTHONIOENCODING": "utf-8"}, cwd=tmp_path, check=True)
    assert fresh.stdout == loaded
    assert "  status   期間ごとの提出状況" in loaded


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.strip() == f"sheetflow {__version__}"


def bare_workspace(folder: Path) -> Path:
    """A workspace without settings (an empty sheetflow.toml): the built-in plan."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sheetflow.toml").write_text("", encoding="utf-8")
    return folder


def test_plan_check_prints_the_summary_of_the_builtin_plan(tmp_path):
    result = run("-C", str(bare_workspace(tmp_path)), "plan", "check")
    assert result.exit_code == 0
    assert "取組項目 56 件、テーマ 9 件" in result.output
    assert "  8. デジタル技術の積極的活用によるDX: 11" in result.output
    assert "計画ファイルに誤りはありません。" in result.output


def test_plan_check_on_a_broken_plan_exits_2_with_japanese_errors(tmp_path):
    text = (DATA / "mini-plan.yaml").read_text(encoding="utf-8").replace("fiscal: 4, efficiency: 0}\n    pr: 運用益",
                                                                        "fiscal: 9, efficiency: 0}\n    pr: 運用益")
    broken = tmp_path / "plan.yaml"
    broken.write_text(text, encoding="utf-8")
    result = run("plan", "check", "--plan", str(broken))
    assert result.exit_code == 2
    assert "No.1: 効果「財政効果」の値 9 は 0〜5 の範囲外です。" in result.output


def test_missing_plan_file_exits_2(tmp_path):
    result = run("plan", "check", "--plan", str(tmp_path / "none.yaml"))
    assert result.exit_code == 2
    assert "が見つかりません" in result.output


def test_unknown_option_is_a_usage_error_in_japanese():
    result = run("plan", "check", "--bogus")
    assert result.exit_code == 2
    assert "'--bogus' というオプションはありません。" in result.output


def test_plan_export_writes_strings_as_strings(tmp_path):
    out = tmp_path / "plan.xlsx"
    result = run("plan", "export", "--plan", str(DATA / "mini-plan.yaml"), "--out", str(out))
    assert result.exit_code == 0, result.output
    import zipfile

    sheet = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # item 2's content starts with "=" and must stay text
    from openpyxl import load_workbook

    ws = load_workbook(out)["取組項目"]
    cells = [c.value for row in ws.iter_rows() for c in row]
    assert "=SUM(A1:A2) のような文字も文字として扱う" in cells


def test_config_file_sets_workspace_paths(tmp_path):
    (tmp_path / "sheetflow.toml").write_text('plan = "p.yaml"\noutbox = "out"\n', encoding="utf-8")
    (tmp_path / "p.yaml").write_text((DATA / "mini-plan.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("-C", str(tmp_path), "plan", "export")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "mini_計画一覧.xlsx").is_file()


def test_unknown_config_key_is_reported(tmp_path):
    (tmp_path / "sheetflow.toml").write_text('inboxx = "in"\n', encoding="utf-8")
    result = run("-C", str(tmp_path), "plan", "check")
    assert result.exit_code == 2
    assert "不明な項目があります: inboxx" in result.output


def test_bare_sheetflow_lists_the_commands_and_exits_0():
    result = run()
    assert result.exit_code == 0
    assert result.output.startswith("使い方: sheetflow [オプション] コマンド [引数]...")
    assert "コマンド:" in result.output and "  merge " in result.output


@pytest.mark.parametrize(("args", "line"), [
    (("mrge",), "エラー: 'mrge' というコマンドはありません。 'merge' のことですか？"),
    (("merge", "--perod", "R7上期"), "エラー: '--perod' というオプションはありません。 '--period' のことですか？"),
    (("publish",), "エラー: オプション '--year' を指定してください。"),
    (("demo", "--seed", "abc"), "エラー: '--seed' の値が正しくありません: 'abc' は正しい整数ではありません。"),
    (("publish", "--year", "abc"),
     "エラー: '--year' の値が正しくありません: 年度「abc」を読み取れません。使える書き方: 2025、R7、令和7年度"),
    (("forms", "--period"), "エラー: オプション '--period' には値が必要です。"),
    (("forms", "--period", "R7上期", "--by", "係"),
     "エラー: '--by' の値が正しくありません: '係' は '課', '部' のいずれでもありません。"),
])
def test_click_errors_are_japanese_and_exit_2(args, line):
    result = run(*args)
    assert result.exit_code == 2
    assert line in result.output.splitlines(), result.output
    assert "Did you mean" not in result.output and "Missing" not in result.output and "integer" not in result.output


def test_range_text_is_japanese():
    from click import IntRange

    assert IntRange(1, 10)._describe_range() == "1～10"


@pytest.mark.parametrize("year", ["2025", "R7", "令和7年度", "r7", "Ｒ７", "令和7年"])
def test_publish_year_accepts_wareki_like_periods(tmp_path, year):
    result = run("-C", str(bare_workspace(tmp_path)), "publish", "--year", year)
    assert result.exit_code == 1  # the year is read; there is just nothing to publish yet
    assert "令和7年度 下期・年度末（3月31日現在） の報告が台帳に1件もない" in result.output


def test_init_makes_a_workspace_and_forms_refuses_placeholders(tmp_path):
    folder = tmp_path / "進捗報告"
    result = run("init", str(folder), "--contact", "総務部行政監理室（内線 2231）")
    assert result.exit_code == 0, result.output
    assert (folder / "inbox").is_dir() and (folder / "outbox").is_dir()
    text = (folder / "sheetflow.toml").read_text(encoding="utf-8")
    assert 'contact = "総務部行政監理室（内線 2231）"' in text and text.startswith("# sheetflow の設定ファイル。")
    assert ("注意: deadline（提出期限）は仮の文「上期は10月末日、下期は4月末日」のままです。様式を送る前に "
            f"{folder / 'sheetflow.toml'} の deadline を書き換えてください。") in result.output
    again = run("init", str(folder))
    assert again.exit_code == 2 and "は既にあります。作り直すときは --force を付けてください" in again.output
    refused = run("-C", str(folder), "forms", "--period", "R7上期")
    assert refused.exit_code == 2
    assert refused.output.splitlines() == [
        "エラー: 様式に載る設定が仮の文のままのため、様式を作りませんでした。",
        "  deadline（提出期限）: 「上期は10月末日、下期は4月末日」",
        f"設定ファイル {folder / 'sheetflow.toml'} に実際の値を書いてから、もう一度実行してください（仮の文のまま作るときは --force）。"]
    assert not (folder / "outbox" / "forms").exists()
    assert run("init", str(folder), "--force", "--deadline", "10月31日", "--contact", "行政監理室（内線 2231）").exit_code == 0
    assert run("-C", str(folder), "forms", "--period", "R7上期", "--dept", "財政課").exit_code == 0
    assert list((folder / "outbox" / "forms" / "2025H1").glob("*.xlsx"))


NO_WORKSPACE = ("エラー: 作業フォルダが見つかりません: {folder} とその上のフォルダに sheetflow.toml がありません"
                "（何も作っていません）。\n"
                "次のどれかで続けてください:\n"
                "  ・作業フォルダ（sheetflow.toml のあるフォルダ）に移ってから実行する: cd \"作業フォルダ\"\n"
                "  ・作業フォルダを指定して実行する: sheetflow -C \"作業フォルダ\" {command} …\n"
                "  ・ここを新しい作業フォルダにする: sheetflow init\n")


@pytest.mark.parametrize("args", [("merge",), ("forms", "--period", "R7上期", "--force"), ("check",), ("status",),
                                  ("report", "--period", "R7上期"), ("publish", "--year", "R7"),
                                  ("council", "--year", "R7"), ("rebuild",), ("unlock", "--yes"), ("plan", "check"),
                                  ("plan", "export"), ("form", "export"), ("form", "check")], ids=" ".join)
def test_outside_a_workspace_every_command_says_where_it_looked_and_creates_nothing(tmp_path, args):
    folder = tmp_path / "共有 フォルダ" / "どこか"
    folder.mkdir(parents=True)
    result = run("-C", str(folder), *args)
    assert result.exit_code == 2
    assert result.output == NO_WORKSPACE.format(folder=folder, command=args[0])
    assert [p.name for p in tmp_path.rglob("*")] == ["共有 フォルダ", "どこか"]


def test_outside_a_workspace_in_a_real_process_nothing_is_created(tmp_path):
    """From the current folder (no -C), as a user types it: exit 2, the message, no inbox/ or outbox/."""
    done = subprocess.run([sys.executable, "-m", "sheetflow", "merge", "--period", "R7上期"], cwd=tmp_path,
                          capture_output=True, text=True, encoding="utf-8",
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 2
    assert done.stderr == NO_WORKSPACE.format(folder=tmp_path.resolve(), command="merge")
    assert list(tmp_path.iterdir()) == []


def test_a_workspace_is_found_from_a_folder_inside_it(tmp_path):
    inside = bare_workspace(tmp_path / "進捗報告") / "inbox" / "財政課"
    inside.mkdir(parents=True)
    result = run("-C", str(inside), "plan", "export")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "進捗報告" / "outbox" / "tomakomai-2025_計画一覧.xlsx").is_file()


def test_plan_files_given_by_name_are_checked_outside_a_workspace(tmp_path):
    result = run("-C", str(tmp_path), "plan", "check", "--plan", str(DATA / "mini-plan.yaml"))
    assert result.exit_code == 0, result.output
    assert list(tmp_path.iterdir()) == []


OUTSIDE = ("エラー: {what}は、計画「{title}」（{file}）の期間 {first}〜{last} の外です。"
           "この期間の中で指定してください（例: {example}）。\n")


@pytest.mark.parametrize(("args", "what"), [
    (("forms", "--period", "R6下期", "--force"), "期間「令和6年度 下期」"),
    (("forms", "--period", "R12上期", "--force"), "期間「令和12年度 上期」"),
    (("forms", "--period", "H7上期", "--force"), "期間「平成7年度 上期」"),
    (("check", "--period", "2030H1"), "期間「令和12年度 上期」"),
    (("merge", "--period", "R12上期"), "期間「令和12年度 上期」"),
    (("report", "--period", "R6下期"), "期間「令和6年度 下期」"),
    (("status", "--period", "R12-1"), "期間「令和12年度 上期」"),
])
def test_a_period_outside_the_plan_is_refused_naming_the_plan_and_its_years(tmp_path, args, what):
    ws = bare_workspace(tmp_path)
    result = run("-C", str(ws), *args)
    assert result.exit_code == 2
    assert result.output == OUTSIDE.format(what=what, title="とまこまい行革創成プラン", file="tomakomai-2025.yaml",
                                           first="令和7年度", last="令和11年度", example="R7上期")
    assert [p.name for p in ws.iterdir()] == ["sheetflow.toml"]  # no forms, no ledger, no report


@pytest.mark.parametrize(("command", "year", "what"), [("publish", "R12", "年度「令和12年度」"),
                                                      ("council", "2024", "年度「令和6年度」"),
                                                      ("publish", "H7", "年度「平成7年度」")])
def test_a_year_outside_the_plan_is_refused(workspace, command, year, what):
    result = run("-C", str(workspace.root), command, "--year", year)
    assert result.exit_code == 2
    assert result.output == OUTSIDE.format(what=what, title="テスト用プラン", file="plan.yaml", first="令和7年度",
                                           last="令和11年度", example="R7")
    assert not workspace.outbox_dir.exists()


def test_the_plan_in_use_decides_the_years(tmp_path):
    """A workspace on the previous plan (令和2〜6年度) takes R6下期 and refuses R7上期."""
    import shutil

    from sheetflow.ground.config import builtin_plan_path

    ws = bare_workspace(tmp_path)
    shutil.copy(builtin_plan_path("tomakomai-2020.yaml"), ws / "plan.yaml")
    (ws / "sheetflow.toml").write_text('plan = "plan.yaml"\n', encoding="utf-8")
    inside = run("-C", str(ws), "status", "--period", "R6下期")
    assert (inside.exit_code, inside.output) == (1, "エラー: 台帳がまだありません。sheetflow merge で返送ファイルを取り込んでください。\n")
    result = run("-C", str(ws), "status", "--period", "R7上期")
    assert result.exit_code == 2
    assert result.output == OUTSIDE.format(what="期間「令和7年度 上期」", title="行政創革プラン", file="plan.yaml",
                                           first="令和2年度", last="令和6年度", example="R2上期")


def test_exit_codes_agree_in_the_code_the_help_and_the_readme():
    """The constants the error boundary exits with, the list at the end of `sheetflow --help` and the README's
    終了コード table: the same codes with the same meanings (each README row starts with the help's words)."""
    constants = {0, app.EXIT_DATA, app.EXIT_USAGE, app.EXIT_FILE, app.EXIT_UNEXPECTED, app.EXIT_INTERRUPTED,
                 app.EXIT_CLOSED_PIPE}
    line = next(x for x in run("--help").output.splitlines() if x.strip().startswith("終了コード:"))
    in_help = dict(re.findall(r"(\d+) ([^、]+)", line.split(":", 1)[1]))
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme.split("### 終了コード", 1)[1].split("\n\n", 2)[1]
    in_readme = dict(re.findall(r"^\| (\d+) \| ([^|]+) \|$", table, re.MULTILINE))
    assert set(map(int, in_help)) == set(map(int, in_readme)) == constants
    for code, words in in_help.items():
        assert in_readme[code].startswith(words), code
    assert (in_help[str(app.EXIT_USAGE)], in_help[str(app.EXIT_FILE)]) == ("指定・設定の誤り", "ファイル・フォルダの問題")
    for name in ("check", "merge"):  # the commands whose help lists its own codes list only known ones
        codes = re.findall(r"[:、]\s*(\d+) ", app.COMMANDS[name][1].split("終了コード:", 1)[1])
        assert codes and set(map(int, codes)) <= constants, name


@pytest.mark.parametrize(("name", "shown"), [("進捗報告", "{path}"), ("進捗 報告", '"{path}"'), ("進捗　報告", '"{path}"'),
                                             ("行革(R7)", '"{path}"'), ("A&B", '"{path}"')])
def test_init_next_line_quotes_a_folder_that_needs_it_to_be_pasted(tmp_path, name, shown):
    """The 「次に:」 line is pasted into cmd.exe or PowerShell: a space (full-width too) or ( & needs quotes."""
    folder = tmp_path / name
    result = run("init", str(folder), "--contact", "総務部行政監理室（内線 2231）", "--deadline", "10月31日")
    assert result.exit_code == 0, result.output
    path = shown.format(path=folder)
    assert result.output.splitlines()[-1] == f"次に: sheetflow -C {path} plan check → sheetflow -C {path} forms --period R7上期"
