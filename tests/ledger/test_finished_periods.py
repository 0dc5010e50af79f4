"""Periods are finished on purpose: a plain merge changes only the current period, a late file of a finished
period is held (the department gets a notice), `merge --period` names what it replaces, a published year
changes only with a recorded --reopen and the next publish says the page was revised."""

from __future__ import annotations

import json

import lo
import pdf
import pytest
from click.testing import CliRunner
from ledger_support import fill_dept, make_forms, sheet_values, snapshot

from sheetflow import messages as msg
from sheetflow.cli import main
from sheetflow.ledger.lock import this_user
from sheetflow.ledger.query import open_ledger
from sheetflow.ledger.rebuild import rebuild_ledger
from sheetflow.ledger.status import when_text

FIN = "財政部 財政課"
H1, H2 = "令和7年度 上期（2025H1）", "令和7年度 下期（2025H2）"
LATE = "維持課_上期_再送.xlsx"


def run(cfg, *args: str):
    return CliRunner().invoke(main, ["-C", str(cfg.root), *args], prog_name="sheetflow", catch_exceptions=False)


def current(cfg, period: str) -> list[tuple]:
    df = open_ledger(cfg).current(period)
    return sorted(zip(df["no"], df["result"], df["source_name"], strict=True))


@pytest.fixture
def finished(workspace, mini_plan):
    """R7上期 merged, R7下期 forms issued and merged; then 財政課 sends its 上期 form filled with 下期 text."""
    make_forms(workspace, mini_plan, "2025H1")
    fill_dept(workspace, FIN, result="上期の実績")
    assert run(workspace, "merge").exit_code == 0
    make_forms(workspace, mini_plan, "2025H2")
    fill_dept(workspace, FIN, name="財政課_下期.xlsx", period="2025H2", result="下期の実績")
    assert run(workspace, "merge").exit_code == 0
    fill_dept(workspace, FIN, name=LATE, period="2025H1", result="下期の内容を書いてしまった")
    return workspace


def test_a_late_file_of_a_finished_period_is_held_and_the_department_told(finished):
    ws = finished
    h1_before = current(ws, "2025H1")
    log_before = len(open_ledger(ws).submissions())
    outbox_before = snapshot(ws.outbox_dir / "reports")
    inbox_before = snapshot(ws.inbox_dir)
    result = run(ws, "merge")
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"保留  {FIN}  {LATE}" in out
    assert msg.LEDGER_HELD_FINISHED.format(name=LATE, found=H1, period=H2, command="sheetflow merge --period 2025H1") in out
    assert ("維持課_上期_再送.xlsx: 令和7年度 上期（2025H1） の様式です。令和7年度 上期（2025H1） は締め切り済みのため"
            "取り込まず、inbox/ に残しました") in out
    notice = ws.outbox_dir / "returns" / "2025H2" / "財政部_財政課_様式の期間のお知らせ.xlsx"
    assert msg.LEDGER_NOTICE_WRITTEN_FOR.format(path=notice) in out
    assert msg.LEDGER_SUMMARY.format(accepted=0, returned=0, known=2, unreadable=0, other=1) in out
    rows = sheet_values(notice)["お知らせ"]
    assert rows[1][0] == (f"お送りいただいたファイル「{LATE}」は 令和7年度 上期（9月30日現在） の様式です。"
                          "令和7年度 上期（9月30日現在） の報告は締め切り、集計を終えているため、このファイルは取り込んでいません。"
                          "現在は 令和7年度 下期・年度末（3月31日現在） の報告をお願いしています。"
                          "令和7年度 下期・年度末（3月31日現在） の様式「財政部_財政課.xlsx」に記入して、提出先に返送してください。")
    assert rows[7][:2] == ("使っていただく様式", "財政部_財政課.xlsx")
    # nothing of the finished period changed, and the file stays where it was
    assert current(ws, "2025H1") == h1_before
    assert len(open_ledger(ws).submissions()) == log_before
    assert snapshot(ws.outbox_dir / "reports") == outbox_before
    assert snapshot(ws.inbox_dir) == inbox_before
    # shown again on the next merge (the notice is not rewritten) and by status
    mtime = notice.stat().st_mtime_ns
    again = run(ws, "merge")
    assert f"保留  {FIN}  {LATE}" in again.output and notice.stat().st_mtime_ns == mtime
    status = run(ws, "status")
    assert msg.LEDGER_HELD_HEAD.format(count=1) in status.output
    assert f"  保留  {FIN}  {LATE}  {H1} の様式（sheetflow merge --period 2025H1 で取り込みます）" in status.output


@pytest.mark.libreoffice
def test_the_notice_prints_on_one_a4_page_with_its_whole_text(finished, tmp_path):
    assert run(finished, "merge").exit_code == 0
    notice = finished.outbox_dir / "returns" / "2025H2" / "財政部_財政課_様式の期間のお知らせ.xlsx"
    out = lo.convert(notice, "pdf", tmp_path)
    assert pdf.page_count(out) == 1
    text = pdf.page_text(out, 1)
    assert "財政部_財政課.xlsx" in text and "総務部行政監理室" in text and pdf.smallest_text(out) >= 8.0


def test_naming_the_finished_period_merges_it_and_says_what_it_replaces(finished):
    ws = finished
    old = open_ledger(ws).table("submissions").set_index("source_name").loc["財政部_財政課.xlsx"]
    reports = snapshot(ws.outbox_dir / "reports")
    result = run(ws, "merge", "--period", "R7上期")
    assert result.exit_code == 0, result.output
    received = when_text(old["received_at"])
    assert received.startswith("令和") and "月" in received
    assert msg.LEDGER_REPLACES.format(period=H1, dept=FIN, name="財政部_財政課.xlsx", received=received) in result.output
    assert [r[1] for r in current(ws, "2025H1")] == ["下期の内容を書いてしまった"] * 2
    assert set(open_ledger(ws).history()["source_name"]) == {"財政部_財政課.xlsx"}
    after = snapshot(ws.outbox_dir / "reports")  # the period's report and the current one (前回からの変化)
    assert all(after[name] != reports[name] for name in ("2025H1_進捗状況報告.xlsx", "2025H2_進捗状況報告.xlsx"))
    assert f"保留  {FIN}" not in run(ws, "merge").output  # handled: nothing held any more


def test_a_held_file_of_a_published_year_names_reopen_in_merge_and_status(finished):
    ws = finished
    assert run(ws, "publish", "--year", "R7").exit_code in (0, 1)
    held = run(ws, "merge")
    assert ("令和7年度 上期（2025H1） の報告を訂正するときは sheetflow merge --period 2025H1 --reopen を実行します。"
            in held.output), held.output
    status = run(ws, "status")
    assert f"  保留  {FIN}  {LATE}  {H1} の様式（sheetflow merge --period 2025H1 --reopen で取り込みます）" in status.output


def test_a_published_year_changes_only_with_a_recorded_reopen(finished):
    ws = finished
    published = run(ws, "publish", "--year", "R7")
    assert published.exit_code in (0, 1), published.output
    page = ws.outbox_dir / "publish" / "2025" / "index.html"
    assert "改訂版" not in page.read_text(encoding="utf-8")
    (event,) = open_ledger(ws).table("events").to_dict("records")
    assert (event["kind"], event["year"], event["user"]) == ("publish", 2025, this_user())
    h1_before = current(ws, "2025H1")
    refused = run(ws, "merge", "--period", "R7上期")
    assert refused.exit_code == 2
    assert msg.ERROR_PREFIX + msg.LEDGER_PUBLISHED_REFUSED.format(
        year="令和7年度", published=msg.LEDGER_PUBLISHED_BY.format(at=when_text(event["at"]), user=this_user()),
        period="令和7年度 上期", code="2025H1") in refused.output
    assert "sheetflow merge --period 2025H1 --reopen" in refused.output
    assert current(ws, "2025H1") == h1_before
    reopened = run(ws, "merge", "--period", "R7上期", "--reopen")
    assert reopened.exit_code == 0, reopened.output
    events = open_ledger(ws).table("events").to_dict("records")
    assert [(e["kind"], e["period"], e["user"]) for e in events] == [("publish", "", this_user()),
                                                                     ("reopen", "2025H1", this_user())]
    assert msg.LEDGER_REOPENED.format(period=H1, at=when_text(events[1]["at"]), user=this_user(),
                                      fiscal=2025) in reopened.output
    assert [r[1] for r in current(ws, "2025H1")] == ["下期の内容を書いてしまった"] * 2
    # the next publish says the page was revised (and when), in the page and in datapackage.json
    run(ws, "publish", "--year", "R7")
    html = page.read_text(encoding="utf-8")
    assert "改訂版: 令和" in html and "に改訂しました（公表の後に令和7年度 上期の報告を訂正したため）。" in html
    package = json.loads((ws.outbox_dir / "publish" / "2025" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["description"].startswith("改訂版: 令和")
    live = open_ledger(ws).table("events").to_dict("records")
    rebuild_ledger(ws, load(ws))
    assert open_ledger(ws).table("events").to_dict("records") == live


def load(ws):
    from sheetflow.plan.load import load_plan

    return load_plan(ws.plan_path)


def test_a_plain_merge_holds_files_of_a_published_current_period(finished):
    ws = finished
    (ws.inbox_dir / LATE).unlink()
    assert run(ws, "publish", "--year", "2025").exit_code in (0, 1)
    fill_dept(ws, FIN, name="財政課_下期_訂正.xlsx", period="2025H2", result="訂正")
    result = run(ws, "merge")
    assert result.exit_code == 0
    assert msg.LEDGER_HELD_PUBLISHED.format(name="財政課_下期_訂正.xlsx", year="令和7年度", code="2025H2") in result.output
    assert set(r[1] for r in current(ws, "2025H2")) == {"下期の実績"}
    assert not (ws.outbox_dir / "returns").exists()  # the operator decides; the department did nothing wrong


def test_reopen_of_a_year_not_yet_published_is_not_needed(finished):
    result = run(finished, "merge", "--period", "R7上期", "--reopen")
    assert result.exit_code == 0
    assert msg.WARNING_PREFIX + msg.LEDGER_REOPEN_UNNEEDED.format(year="令和7年度") in result.output
    assert open_ledger(finished).table("events").empty


def test_without_forms_the_first_merge_takes_the_latest_period_in_the_inbox(workspace, mini_plan):
    make_forms(workspace, mini_plan, "2025H1")
    make_forms(workspace, mini_plan, "2025H2")
    fill_dept(workspace, FIN, period="2025H1")
    fill_dept(workspace, "議会事務局", period="2025H2")
    for period in ("2025H1", "2025H2"):  # forms issued outside outbox/forms (forms --out)
        for form in (workspace.outbox_dir / "forms" / period).iterdir():
            form.unlink()
    result = run(workspace, "merge")
    assert result.exit_code == 0
    assert f"保留  {FIN}  財政部_財政課.xlsx" in result.output
    assert "受理  議会事務局  議会事務局.xlsx" in result.output
    assert (workspace.outbox_dir / "returns" / "2025H2" / "財政部_財政課_様式の期間のお知らせ.xlsx").is_file()


def test_a_year_published_before_the_ledger_recorded_it_counts_as_published(finished):
    page = finished.outbox_dir / "publish" / "2025" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<html></html>", encoding="utf-8")
    result = run(finished, "merge", "--period", "R7上期")
    assert result.exit_code == 2
    assert msg.LEDGER_PUBLISHED_FOLDER.format(path=page) in result.output


def test_a_ledger_without_the_events_table_reads_as_none_and_gets_it_when_written(finished):
    import sqlite3

    from sheetflow.ledger.periods import year_reopenings
    from sheetflow.ledger.store import Store

    path = finished.outbox_dir / "ledger.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE events")
    conn.commit()
    conn.close()
    reader = Store.open(path, create=False)
    assert reader.events() == []
    reader.close()
    assert year_reopenings(finished, 2025) == []
    assert run(finished, "status").exit_code == 0
    store = Store.open(path)  # opened for writing (a merge): the table is added
    assert store.events() == [] and store.rows("SELECT COUNT(*) FROM events")[0][0] == 0
    store.close()


def test_rebuild_stops_on_a_damaged_event_record(finished):
    assert run(finished, "publish", "--year", "R7").exit_code in (0, 1)
    (record,) = (finished.outbox_dir / "archive" / "events").glob("*.json")
    record.write_text("{", encoding="utf-8")
    before = (finished.outbox_dir / "ledger.sqlite").read_bytes()
    result = run(finished, "rebuild")
    assert result.exit_code == 1
    assert msg.LEDGER_REBUILD_BAD_EVENT.format(path=record, error="").split("（")[0] in result.output
    assert "作り直しを中止しました（台帳は元のままです）。" in result.output
    assert (finished.outbox_dir / "ledger.sqlite").read_bytes() == before
