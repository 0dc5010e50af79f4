"""`sheetflow form check` exit codes, and a workspace whose definition (sheetflow.toml's form) has mistakes:
every command that loads it stops with exit 2 and the list `form check` prints."""

from __future__ import annotations

from click.testing import CliRunner
from definition_support import scratch_sheets, write_book
from ledger_support import mini_workspace

from sheetflow.cli import main

BROKEN = ("様式定義 {path} に誤りが 2 件あります:\n"
          "  [項目!J4] 集計「合計」は数値の型（整数、小数、金額（千円））の項目にだけ使えます。\n"
          "  [項目!D5] 型「整数x」は使えません。使える型: 文字、整数、小数、金額（千円）、日付、はい・いいえ、選択:<リスト名>\n")


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="sheetflow", catch_exceptions=False)


def broken_workspace(tmp_path):
    cfg = mini_workspace(tmp_path)
    sheets = scratch_sheets()
    sheets["項目"][3][9] = "合計"
    sheets["項目"][4][3] = "整数x"
    write_book(tmp_path / "様式定義.xlsx", sheets)
    with (tmp_path / "sheetflow.toml").open("a", encoding="utf-8") as fh:
        fh.write('form = "様式定義.xlsx"\n')
    return cfg


def test_a_missing_or_unreadable_file_is_exit_2(tmp_path):
    missing = run("form", "check", str(tmp_path / "ない.xlsx"))
    assert (missing.exit_code, missing.output) == (2, f"エラー: 様式定義 {tmp_path / 'ない.xlsx'} が見つかりません。\n")
    (tmp_path / "メモ.xlsx").write_text("様式ではありません", encoding="utf-8")
    unreadable = run("form", "check", str(tmp_path / "メモ.xlsx"))
    assert unreadable.exit_code == 2
    assert unreadable.output.startswith(f"エラー: 様式定義 {tmp_path / 'メモ.xlsx'} を読めません: ")


def test_the_builtin_yaml_checks_clean(tmp_path):
    from sheetflow.definition import workspace as DW

    result = run("form", "check", str(DW.builtin_path()))
    assert (result.exit_code, result.output) == (
        0, f"様式定義 {DW.builtin_path()} に誤りはありません（進捗状況報告、版 5、表 3、項目 36）。\n")


def test_form_check_without_a_file_checks_the_workspace_definition(tmp_path):
    broken_workspace(tmp_path)
    result = run("-C", str(tmp_path), "form", "check")
    assert (result.exit_code, result.output) == (1, BROKEN.format(path=tmp_path / "様式定義.xlsx"))


def test_commands_that_load_a_broken_workspace_definition_stop_with_its_problems(tmp_path):
    broken_workspace(tmp_path)
    expected = "エラー: " + BROKEN.format(path=tmp_path / "様式定義.xlsx")
    for args in (("forms", "--period", "R7上期"), ("form", "export", "--out", str(tmp_path / "out.xlsx"))):
        result = run("-C", str(tmp_path), *args)
        assert (result.exit_code, result.output) == (2, expected), args
    assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "outbox" / "forms").exists()


def test_form_new_without_out_writes_the_starter_in_the_folder_given(tmp_path):
    result = run("-C", str(tmp_path), "form", "new")
    out = tmp_path / "照会定義.xlsx"
    assert (result.exit_code, result.output) == (0, f"照会の定義の見本（テレワーク実施状況調査）を {out} に書き出しました。"
                                                    "Excel で直し、sheetflow form check 照会定義.xlsx で検査してください。\n")
    assert run("form", "check", str(out)).exit_code == 0
