"""Ctrl-C after the ledger commit: the message says what was saved and what the next merge does; the batch's
per-file results are shown by the next `status` and `merge` (once)."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner
from ledger_support import fill_dept, make_forms, sheet_values

from sheetflow import messages as msg
from sheetflow.cli import main
from sheetflow.ledger.query import open_ledger

FIN, GIKAI = "財政部 財政課", "議会事務局"


def run(cfg, *args: str):
    return CliRunner().invoke(main, ["-C", str(cfg.root), *args], prog_name="sheetflow", catch_exceptions=False)


@pytest.fixture
def ctrl_c(monkeypatch):
    """Ctrl-C the moment a file whose name ends with `target` is put in place (after the commit)."""
    real = os.replace

    def arm(target: str) -> None:
        def replace(src, dst, *args, **kwargs):
            if str(dst).endswith(target):
                monkeypatch.setattr(os, "replace", real)  # one Ctrl-C
                raise KeyboardInterrupt
            return real(src, dst, *args, **kwargs)

        monkeypatch.setattr(os, "replace", replace)

    return arm


@pytest.mark.parametrize("target", ["ledger.xlsx", "_進捗状況報告.xlsx"], ids=["ledger-xlsx", "report"])
def test_ctrl_c_after_the_commit_says_what_was_saved(workspace, mini_plan, ctrl_c, target):
    make_forms(workspace, mini_plan)
    fill_dept(workspace, FIN)
    fill_dept(workspace, GIKAI, status="")  # returned
    ctrl_c(target)
    result = run(workspace, "merge")
    assert result.exit_code == 130
    db = workspace.outbox_dir / "ledger.sqlite"
    assert result.output.strip() == msg.LEDGER_INTERRUPTED_SAVED.format(count=2, accepted=1, returned=1, db=db)
    assert result.output.startswith("中断しました。ただし、今回の 2 件のファイル（受理 1 件、差戻し・読めない 1 件）は"
                                    "台帳のデータベース")
    assert "ledger.xlsx と報告書は次の sheetflow merge で更新します" in result.output
    assert len(open_ledger(workspace).current()) == 2  # committed
    # status shows the batch's per-file results
    status = run(workspace, "status")
    head = msg.LEDGER_INTERRUPTED_HEAD.split("（")[0]
    assert head in status.output
    assert msg.LEDGER_INTERRUPTED_LINE.format(result="受理", dept=FIN, name="財政部_財政課.xlsx", errors=0,
                                              warnings=0) in status.output
    assert f"  差戻し  {GIKAI}  議会事務局.xlsx（エラー " in status.output
    # the next merge shows them too, refreshes ledger.xlsx and the report; the one after does not show them
    again = run(workspace, "merge")
    assert again.exit_code == 0, again.output
    assert head in again.output and "  受理  財政部 財政課  財政部_財政課.xlsx（エラー 0 件、注意 0 件）" in again.output
    assert len(sheet_values(workspace.outbox_dir / "ledger.xlsx")["台帳"]) == 3
    assert (workspace.outbox_dir / "reports" / "2025H1_進捗状況報告.xlsx").is_file()
    assert head not in run(workspace, "merge").output
    assert head not in run(workspace, "status").output


def test_ctrl_c_before_the_commit_saves_nothing(workspace, mini_plan, ctrl_c):
    make_forms(workspace, mini_plan)
    fill_dept(workspace, FIN)
    ctrl_c(".json")  # a receipt: before the database transaction
    result = run(workspace, "merge")
    assert result.exit_code == 130
    assert result.output.strip() == msg.INTERRUPTED
    assert open_ledger(workspace).submissions().empty
