"""A real client: a form filled with openpyxl, then re-saved by LibreOffice headless, is accepted as is."""

from __future__ import annotations

import math

import badfiles as B
import pytest
from lo import convert

from sheetflow.ground.periods import Period
from sheetflow.intake import read as intake

pytestmark = pytest.mark.libreoffice


def test_libreoffice_resaved_form_is_accepted_with_the_same_values(tmp_path, mini_plan, workspace) -> None:
    reports = {1: {**B.GOOD_REPORTS[1], "result": "債券運用を実施した。\n運用益 1,200万円（見込）"},
               2: {**B.GOOD_REPORTS[2], "phone": "０１２３"}}
    kpis = {"1-1": {"actual": 3.25, "remark": "=見込み（式ではない）"}, "2-1": {"actual": 1.5}, "2-2": {"actual": -20}}
    original = B.write(tmp_path / "filled", "財政課.xlsx", B.fill(B.form(mini_plan, workspace), reports, kpis))
    resaved = convert(original, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    assert resaved.read_bytes() != original.read_bytes()

    before = intake.read_submission(original, mini_plan, workspace, expected_period=Period(2025, 1))
    after = intake.read_submission(resaved, mini_plan, workspace, expected_period=Period(2025, 1))
    assert before.findings == [] and before.accepted
    assert [f.code for f in after.findings] == [] and after.accepted
    assert after.identity == before.identity
    assert after.reports.to_dict("records") == before.reports.to_dict("records")
    assert after.kpis.drop(columns="actual").to_dict("records") == before.kpis.drop(columns="actual").to_dict("records")
    assert [a if not math.isnan(a) else None for a in after.kpis["actual"]] == [3.25, 1.5, -20.0]
    assert after.reports["result"].iloc[0] == "債券運用を実施した。\n運用益 1,200万円（見込）"
    assert after.kpis["remark"].iloc[0] == "=見込み（式ではない）"


def test_return_file_fixed_and_resaved_by_libreoffice_is_accepted(tmp_path, mini_plan, workspace) -> None:
    import openpyxl

    from sheetflow.intake import returns

    data = B.fill(B.form(mini_plan, workspace), {1: {**B.GOOD_REPORTS[1], "status": "よくわからない"}, 2: B.GOOD_REPORTS[2]},
                  B.GOOD_KPIS)
    sub = intake.read_submission(B.write(tmp_path / "inbox", "財政課.xlsx", data), mini_plan, workspace)
    assert [f.code for f in sub.errors] == ["status.invalid"]
    back = returns.write_return(sub, mini_plan, workspace)
    wb = openpyxl.load_workbook(back)
    wb["進捗報告"]["I4"] = "順調"
    fixed = tmp_path / "fixed" / "財政課_修正.xlsx"
    fixed.parent.mkdir()
    wb.save(fixed)
    resaved = convert(fixed, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    again = intake.read_submission(resaved, mini_plan, workspace, expected_period=Period(2025, 1))
    assert again.findings == [] and again.accepted
    assert again.reports["status"].tolist() == ["順調", "遅れ"]
