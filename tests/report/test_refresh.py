"""merge through the library does what `sheetflow merge` does: ledger.xlsx and the period report follow."""

from __future__ import annotations

from ledger_support import fill_dept, make_forms

from sheetflow.report.refresh import merge_and_report
from sheetflow.report.workbook import report_path


def test_library_merge_writes_ledger_and_report(workspace, mini_plan):
    make_forms(workspace, mini_plan)
    fill_dept(workspace, "財政部 財政課")
    run = merge_and_report(workspace, mini_plan)
    assert run.exit_code == 0 and run.report_error == ""
    assert run.reports == [report_path(workspace, "2025H1")] and run.reports[0].is_file()
    assert (workspace.outbox_dir / "ledger.xlsx").is_file()


def test_nothing_new_writes_no_report(workspace, mini_plan):
    make_forms(workspace, mini_plan)
    fill_dept(workspace, "財政部 財政課")
    merge_and_report(workspace, mini_plan)
    again = merge_and_report(workspace, mini_plan)
    assert again.reports == [] and not again.merge.changed


def test_no_report_option(workspace, mini_plan):
    make_forms(workspace, mini_plan)
    fill_dept(workspace, "財政部 財政課")
    run = merge_and_report(workspace, mini_plan, report=False)
    assert run.reports == [] and not report_path(workspace, "2025H1").exists()
