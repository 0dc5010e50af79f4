"""A form definition typed from scratch in Excel (openpyxl), as a person would: numbers as numbers, ○ marks,
only the columns they need. Tests change a cell and name it as the check does ([項目!D5])."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from openpyxl import Workbook

from sheetflow.cli import main

F = ("表ID", "項目ID", "見出し", "型", "必須", "最小", "最大", "最大文字数", "説明", "集計", "公表", "編集不可", "転記元",
     "見出し（上期）", "見出し（下期）", "説明（上期）", "説明（下期）", "記入する期", "幅", "追加版")


def _field(**cells) -> list:
    return [cells.get(c) for c in F]


def scratch_sheets() -> dict[str, list[list]]:
    """A small survey: 4 fields on one table, the list 進捗状況 (Excel rows: 項目 row 2 = no … row 5 = budget)."""
    return {
        "設定": [["項目", "値"], ["様式ID", "survey"], ["版", 1], ["件名", "テスト調査"]],
        "表": [["表ID", "シート名", "行モード", "キー", "最大行数"], ["report", "進捗報告", "既定行", "no", None]],
        "項目": [list(F),
                 _field(表ID="report", 項目ID="no", 見出し="No.", 型="整数", 編集不可="○", 転記元="計画:no", 幅=4, 追加版=1),
                 _field(表ID="report", 項目ID="status", 見出し="進捗状況", 型="選択:進捗状況", 必須="○", 公表="○", 幅=7.5,
                        追加版=1),
                 _field(表ID="report", 項目ID="result", 見出し="今期の取組実績", 型="文字", 必須="status:実績必須",
                        最大文字数=1000, 説明="「完了」のときは必須です。", 幅=20, 追加版=1),
                 _field(表ID="report", 項目ID="budget", 見出し="予算額（千円）", 型="整数", 最小=0, 集計="合計", 公表="○",
                        幅=10, 追加版=5)],
        "選択肢": [["リスト名", "値", "説明", "順位", "理由必須", "実績必須", "遅れ", "別計上", "評価しない"],
                  ["進捗状況", "完了", "終えた", 4, None, "○", None, None, None],
                  ["進捗状況", "遅れ", "遅れている", 1, "○", None, "○", None, None]],
    }


def write_book(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def form_check(path: Path):
    return CliRunner().invoke(main, ["form", "check", str(path)], prog_name="sheetflow", catch_exceptions=False)


def problems_of(path: Path, sheets: dict) -> list[str]:
    """The problems `form check` lists for the sheets written to path (exit 1, a count line, one line each)."""
    result = form_check(write_book(path, sheets))
    assert result.exit_code == 1, result.output
    head, *lines = result.output.splitlines()
    assert head == f"様式定義 {path} に誤りが {len(lines)} 件あります:"
    return [line.removeprefix("  ") for line in lines]
