"""Findings are listed in place order everywhere: the 差戻し workbook's 指摘事項, check's and merge's lines,
check --json. Sheet as in the form, then row and column as numbers (I9 before I10), errors first at one cell."""

from __future__ import annotations

import json
import re
import shutil

import badfiles as B
import openpyxl
import pytest
from click.testing import CliRunner

from sheetflow.cli import main
from sheetflow.ground.config import Config, builtin_plan_path
from sheetflow.ground.periods import Period
from sheetflow.intake import read as intake
from sheetflow.intake import returns

ICT = "総務部 ICT推進室"  # real plan: items 16, 35, 39, 43, 44, 53, 55 (進捗報告 rows 4–10), 8 KPIs (rows 4–11)
ITEMS = (16, 35, 39, 43, 44, 53, 55)
# the places of the findings, in the order every list shows them
PLACES = ["進捗報告!I4", "進捗報告!L4", "進捗報告!I6", "進捗報告!I9", "進捗報告!I10",
          *(f"指標実績!J{r}" for r in range(4, 12))]


@pytest.fixture
def cfg(workspace: Config) -> Config:
    shutil.copy(builtin_plan_path(), workspace.root / "plan.yaml")  # the real plan: forms with ten rows and more
    return workspace


@pytest.fixture
def ict_file(cfg, tomakomai):
    """An ICT推進室 R7上期 form: 進捗状況 blank in rows 4, 6, 9 and 10 (errors), no 記入者 (注意 at L4), every
    実績値 blank (注意)."""
    blank = {16, 39, 53, 55}
    reports = {no: {"status": None if no in blank else "順調"} for no in ITEMS}
    data = B.fill(B.form(tomakomai, cfg, dept=ICT, period=Period(2025, 1)), reports)
    return B.write(cfg.inbox_dir, "ICT.xlsx", data)


def run(cfg, *args):
    return CliRunner().invoke(main, ["-C", str(cfg.root), *args], prog_name="sheetflow")


def test_return_workbook_lists_findings_by_sheet_row_and_column(cfg, tomakomai, ict_file) -> None:
    sub = intake.read_submission(ict_file, tomakomai, cfg)
    wb = openpyxl.load_workbook(returns.write_return(sub, tomakomai, cfg))
    listed = [(sheet, cell, kind) for _, sheet, cell, _, kind, _ in wb["指摘事項"].iter_rows(min_row=11, values_only=True)]
    assert [f"{s}!{c}" for s, c, _ in listed] == PLACES
    assert [k for _, _, k in listed][:5] == ["エラー", "注意", "エラー", "エラー", "エラー"]


def test_check_lines_and_json_are_in_place_order(cfg, ict_file) -> None:
    result = run(cfg, "check", str(ict_file))
    assert result.exit_code == 1
    places = re.findall(r"^\s+(?:エラー|注意)\s+(\S+!\S+)", result.output, flags=re.M)
    assert places == PLACES
    as_json = json.loads(run(cfg, "check", "--json", str(ict_file)).output)
    assert [f"{f['sheet']}!{f['cell']}" for f in as_json[0]["findings"]] == PLACES


def test_merge_shows_the_errors_among_many_findings_in_place_order(cfg, ict_file) -> None:
    result = run(cfg, "merge", "--period", "2025H1", "--no-report")
    assert result.exit_code == 1
    lines = [line.split()[:2] for line in result.output.splitlines() if line.startswith("    ")]
    # five shown: the four errors and the first 注意, in place order; the other eight counted
    assert lines[:5] == [["エラー", "進捗報告!I4"], ["注意", "進捗報告!L4"], ["エラー", "進捗報告!I6"],
                         ["エラー", "進捗報告!I9"], ["エラー", "進捗報告!I10"]]
    assert "ほか 8 件" in result.output
