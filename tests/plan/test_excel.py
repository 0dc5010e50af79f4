"""The plan maintained in Excel: plan export → edit in Excel → plan import gives the plan file back."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from sheetflow.cli import main
from sheetflow.plan.load import load_plan

TEMPLATES = Path(__file__).parents[2] / "templates" / "plan"


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="sheetflow", catch_exceptions=False)


def exported(tmp_path: Path, plan: Path) -> Path:
    out = tmp_path / "計画.xlsx"
    assert run("-C", str(tmp_path), "plan", "export", "--plan", str(plan), "--out", str(out)).exit_code == 0
    return out


def same(a: Path, b: Path) -> bool:
    return dataclasses.replace(load_plan(a), path=None) == dataclasses.replace(load_plan(b), path=None)


@pytest.mark.parametrize("name", ["tomakomai-2025.yaml", "tomakomai-2020.yaml", "tomakomai-2020-v1.yaml"])
def test_export_then_import_gives_the_same_plan(tmp_path, name) -> None:
    book = exported(tmp_path, TEMPLATES / name)
    assert openpyxl.load_workbook(book).sheetnames == ["取組項目", "計画", "テーマ", "項目", "指標", "効果額", "要確認",
                                                        "実践項目", "凡例"]
    result = run("-C", str(tmp_path), "plan", "import", str(book), "--out", str(tmp_path / "back.yaml"))
    assert result.exit_code == 0, result.output
    assert same(TEMPLATES / name, tmp_path / "back.yaml")


def test_an_edit_in_excel_reaches_the_plan_file(tmp_path) -> None:
    book = exported(tmp_path, TEMPLATES / "tomakomai-2025.yaml")
    wb = openpyxl.load_workbook(book)
    ws = wb["指標"]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("targets.2027") + 1).value = 7
    wb.save(book)
    assert run("plan", "import", str(book), "--out", str(tmp_path / "new.yaml")).exit_code == 0
    first = load_plan(tmp_path / "new.yaml").kpis[0]
    assert first.key == "1-1" and first.targets[2027] == 7


def test_missing_columns_are_a_clear_error_and_nothing_is_written(tmp_path) -> None:
    book = exported(tmp_path, TEMPLATES / "tomakomai-2025.yaml")
    wb = openpyxl.load_workbook(book)
    wb["指標"].delete_cols(3)  # unit
    wb.save(book)
    result = run("plan", "import", str(book), "--out", str(tmp_path / "new.yaml"))
    assert result.exit_code == 2
    assert f"エラー: {book} のシート「指標」の1行目に列 unit がありません。何も書き出していません。" in result.output
    assert not (tmp_path / "new.yaml").exists()


def test_a_bad_cell_is_named_by_sheet_and_address_and_a_bad_plan_by_item(tmp_path) -> None:
    book = exported(tmp_path, TEMPLATES / "tomakomai-2025.yaml")
    wb = openpyxl.load_workbook(book)
    header = [c.value for c in wb["項目"][1]]
    wb["項目"].cell(3, header.index("effects.fiscal") + 1).value = "多い"
    wb.save(book)
    result = run("plan", "import", str(book), "--out", str(tmp_path / "new.yaml"))
    column = openpyxl.utils.get_column_letter(header.index("effects.fiscal") + 1)
    assert result.exit_code == 2
    assert f"シート「項目」のセル {column}3: 「多い」は整数である必要があります。" in result.output
    wb["項目"].cell(3, header.index("effects.fiscal") + 1).value = 9
    wb.save(book)
    result = run("plan", "import", str(book), "--out", str(tmp_path / "new.yaml"))
    assert result.exit_code == 2 and "No.2: 効果「財政効果」の値 9 は 0〜5 の範囲外です。" in result.output
    assert not (tmp_path / "new.yaml").exists()
