"""`sheetflow merge | rebuild | status`: output, exit codes, and the clean-workspace round trip."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime, timedelta, timezone

from click.testing import CliRunner
from ledger_support import fill_dept, make_forms, sheet_values, snapshot

from sheetflow import messages as msg
from sheetflow.cli import main
from sheetflow.ledger.lock import LOCK_NAME, holder_text

FIN, GIKAI = "財政部 財政課", "議会事務局"


def run(cfg, *args: str):
    return CliRunner().invoke(main, ["-C", str(cfg.root), *args], prog_name="sheetflow", catch_exceptions=False)


def test_round_trip_from_a_clean_workspace(workspace, mini_plan):
    assert run(workspace, "forms", "--period", "2025H1").exit_code == 0
    fill_dept(workspace, FIN, status="遅れ", issues="予算調整中。")
    fill_dept(workspace, GIKAI, status="完了")
    first = run(workspace, "merge")
    assert first.exit_code == 0, first.output
    out = first.output
    assert msg.LEDGER_SUMMARY.format(accepted=2, returned=0, known=0, unreadable=0, other=0) in out
    assert f"  {FIN}: 受理 1" in out
    assert msg.LEDGER_MISSING_HEAD.format(period="令和7年度 上期（2025H1）", count=2) in out
    assert "  総務部 行政監理室/企画:係、市民生活部 窓口サービス課" in out
    assert msg.LEDGER_WRITTEN.format(path=workspace.outbox_dir / "ledger.xlsx", rows=3, kpis=3, history=0, log=2) in out
    sheets = sheet_values(workspace.outbox_dir / "ledger.xlsx")
    assert [r[5] for r in sheets["台帳"][1:]] == ["遅れ", "遅れ", "完了"]
    assert len(list((workspace.outbox_dir / "archive").glob("*.xlsx"))) == 2
    before = snapshot(workspace.outbox_dir)
    second = run(workspace, "merge")
    assert second.exit_code == 0
    assert msg.LEDGER_SUMMARY.format(accepted=0, returned=0, known=2, unreadable=0, other=0) in second.output
    assert msg.LEDGER_NOTHING_NEW.format(path=workspace.outbox_dir / "ledger.xlsx") in second.output
    after = snapshot(workspace.outbox_dir)
    assert {k: v for k, v in after.items() if k != "ledger.sqlite"} == {
        k: v for k, v in before.items() if k != "ledger.sqlite"}


def test_merge_exits_1_when_a_file_is_returned(workspace, mini_plan):
    make_forms(workspace, mini_plan)
    fill_dept(workspace, GIKAI, status="")
    result = run(workspace, "merge", "--no-report")
    assert result.exit_code == 1
    path = workspace.outbox_dir / "returns" / "2025H1" / "議会事務局_差戻し.xlsx"
    assert msg.LEDGER_RETURN_WRITTEN.format(path=path) in result.output
    assert msg.LEDGER_MISSING_RETURNED.format(dept=GIKAI) in result.output
    assert not (workspace.outbox_dir / "reports").exists()  # --no-report


def test_merge_writes_the_period_report_unless_told_not_to(workspace, mini_plan):
    make_forms(workspace, mini_plan)
    fill_dept(workspace, FIN)
    result = run(workspace, "merge")
    assert result.exit_code == 0
    reports = list((workspace.outbox_dir / "reports").glob("2025H1*.xlsx"))
    assert len(reports) == 1 and msg.LEDGER_REPORT_WRITTEN.format(path=reports[0]) in result.output


def test_merge_while_another_runs_exits_2(workspace, mini_plan):
    workspace.outbox_dir.mkdir()
    lock = workspace.outbox_dir / LOCK_NAME
    lock.write_text(json.dumps({"pid": os.getppid(), "started": "2025-10-20T10:00:00+09:00"}), encoding="utf-8")
    result = CliRunner().invoke(main, ["-C", str(workspace.root), "merge"], prog_name="sheetflow")
    assert result.exit_code == 2
    assert msg.ERROR_PREFIX + msg.LEDGER_LOCK_BUSY.format(holder=holder_text(
        {"pid": os.getppid(), "started": "2025-10-20T10:00:00+09:00"}), path=lock) in result.output


def test_merge_without_inbox_exits_2(tmp_path):
    (tmp_path / "sheetflow.toml").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["-C", str(tmp_path), "merge"], prog_name="sheetflow")
    assert result.exit_code == 2
    assert msg.LEDGER_INBOX_MISSING.format(path=tmp_path / "inbox") in result.output


def test_other_period_option(workspace, mini_plan):
    make_forms(workspace, mini_plan)
    fill_dept(workspace, FIN)
    result = run(workspace, "merge", "--period", "R7下期", "--no-report")
    assert result.exit_code == 0
    assert msg.LEDGER_OTHER_PERIOD.format(name="財政部_財政課.xlsx", found="令和7年度 上期（2025H1）",
                                   period="令和7年度 下期（2025H2）", command="sheetflow merge --period 2025H1") in result.output
    assert msg.LEDGER_SUMMARY.format(accepted=0, returned=0, known=0, unreadable=0, other=1) in result.output


def test_status_shows_the_latest_period(workspace, mini_plan):
    assert run(workspace, "status").exit_code == 1  # no ledger yet
    make_forms(workspace, mini_plan)
    fill_dept(workspace, FIN)
    run(workspace, "merge", "--no-report")
    result = run(workspace, "status")
    assert result.exit_code == 0
    assert "令和7年度 上期（2025H1） の提出状況（4 部署）" in result.output
    assert msg.LEDGER_STATUS_COUNTS.format(submitted=1, resubmitted=0, returned=0, missing=3) in result.output
    lines = [line for line in result.output.splitlines() if FIN in line]
    assert len(lines) == 1 and "提出済" in lines[0]
    with sqlite3.connect(workspace.outbox_dir / "ledger.sqlite") as db:
        received = datetime.fromisoformat(db.execute("SELECT received_at FROM submissions").fetchone()[0])
    japan = received.astimezone(timezone(timedelta(hours=9)))  # whatever this computer's time zone is
    assert f"令和{japan.year - 2018}年{japan.month}月{japan.day}日" in lines[0]


def test_rebuild_command(workspace, mini_plan):
    make_forms(workspace, mini_plan)
    fill_dept(workspace, FIN)
    run(workspace, "merge", "--no-report")
    before = sheet_values(workspace.outbox_dir / "ledger.xlsx")
    result = run(workspace, "rebuild")
    assert result.exit_code == 0
    assert msg.LEDGER_REBUILT.format(accepted=1, returned=0, path=workspace.outbox_dir / "ledger.xlsx") in result.output
    assert sheet_values(workspace.outbox_dir / "ledger.xlsx") == before


def test_status_for_a_period_without_files(workspace, mini_plan):
    make_forms(workspace, mini_plan)
    fill_dept(workspace, FIN)
    run(workspace, "merge", "--no-report")
    result = run(workspace, "status", "--period", "2025H2")
    assert result.exit_code == 0
    assert msg.LEDGER_PERIOD_UNKNOWN.format(period="2025H2", periods="2025H1") in result.output
    assert msg.LEDGER_STATUS_COUNTS.format(submitted=0, resubmitted=0, returned=0, missing=4) in result.output


def test_merge_explains_each_file_and_quiet_prints_one_line(workspace, mini_plan):
    """A returned file: department, name, each error as シート!セル + reason, the 差戻し file; accepted: its 注意."""
    make_forms(workspace, mini_plan)
    fill_dept(workspace, FIN, actual="約3", per_item={2: {"status": "がんばってる"}})
    fill_dept(workspace, GIKAI, status="遅れ", issues="")
    (workspace.inbox_dir / "財政課.pdf").write_bytes(b"%PDF-1.4 x")
    (workspace.inbox_dir / "財政課.csv").write_text("No.,状況\n1,順調\n", encoding="utf-8")
    result = run(workspace, "merge", "--no-report")
    assert result.exit_code == 1
    returns = workspace.outbox_dir / "returns"
    lines = result.output.splitlines()
    head = lines.index("差戻し  財政部 財政課  財政部_財政課.xlsx")
    assert lines[head + 1:head + 3] == [
        "    エラー  進捗報告!I5  No.2  「進捗状況」の「がんばってる」は選択肢にありません。"
        "完了・順調・概ね順調・遅れ・未着手・対象外・中止 のいずれかを一覧から選んでください。",
        "    注意  指標実績!J4  指標 1-1「運用額」  「実績値」の「約3」は概数のため 3 として読み込みました。"
        "正確な値が分かれば記入し直してください。"]
    assert f"    差戻しファイルを作成しました: {returns / '2025H1' / '財政部_財政課_差戻し.xlsx'}" in lines
    assert "差戻し  議会事務局  議会事務局.xlsx" in lines
    assert "    エラー  進捗報告!K4  No.4  進捗状況が「遅れ」のときは「課題・今後の対応」を記入してください。" in lines
    assert f"    差戻しファイルを作成しました: {returns / '_unidentified' / '財政課_pdf_差戻し.xlsx'}" in lines
    assert f"    差戻しファイルを作成しました: {returns / '_unidentified' / '財政課_csv_差戻し.xlsx'}" in lines
    assert "読めない  （部署不明）  財政課.pdf" in lines
    quiet = run(workspace, "merge", "--quiet")
    assert quiet.exit_code == 0  # nothing new
    assert quiet.output.splitlines() == [msg.LEDGER_SUMMARY.format(accepted=0, returned=0, known=4, unreadable=0,
                                                                   other=0)]


def test_merge_shows_the_first_errors_then_a_count_and_the_return_file(workspace, mini_plan):
    make_forms(workspace, mini_plan)
    fill_dept(workspace, FIN, status="", reporter="", actual="たくさん")
    result = run(workspace, "merge", "--no-report")
    lines = result.output.splitlines()
    head = lines.index("差戻し  財政部 財政課  財政部_財政課.xlsx")
    shown = lines[head + 1:head + 6]
    assert all(line.startswith("    エラー  ") for line in shown), shown
    path = workspace.outbox_dir / "returns" / "2025H1" / "財政部_財政課_差戻し.xlsx"
    assert lines[head + 6].startswith("    ほか ") and lines[head + 6].endswith(
        f" 件の指摘があります（すべて差戻しファイルに記載: {path}）。")


def test_accepted_file_shows_its_warnings(workspace, mini_plan):
    make_forms(workspace, mini_plan)
    fill_dept(workspace, FIN, actual="約3")
    result = run(workspace, "merge", "--no-report")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    head = lines.index("受理  財政部 財政課  財政部_財政課.xlsx")
    assert lines[head + 1] == ("    注意  指標実績!J4  指標 1-1「運用額」  「実績値」の「約3」は概数のため 3 として読み込みました。"
                               "正確な値が分かれば記入し直してください。")


def test_identical_copies_are_counted_under_their_department(workspace, mini_plan):
    make_forms(workspace, mini_plan)
    path = fill_dept(workspace, FIN)
    (workspace.inbox_dir / "財政課（再送）.xlsx").write_bytes(path.read_bytes())
    (workspace.inbox_dir / "scan.pdf").write_bytes(b"%PDF-1.4 x")
    result = run(workspace, "merge", "--no-report")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"  {FIN}: 受理 1、取込済み（重複） 1" in lines
    assert "  （部署不明）: 読めない 1" in lines
