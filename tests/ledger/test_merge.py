"""merge end to end on the mini plan: real forms, filled with openpyxl, merged from inbox/."""

from __future__ import annotations

import dataclasses
import json
import os
import zipfile

import pytest
from ledger_support import at, fill_dept, make_forms, sheet_values, snapshot
from openpyxl import load_workbook

from sheetflow import messages as msg
from sheetflow.ledger.lock import LOCK_NAME, LockBusy, holder_text
from sheetflow.ledger.merge import merge_inbox
from sheetflow.ledger.query import open_ledger, submission_status
from sheetflow.ledger.rebuild import rebuild_ledger
from sheetflow.ledger.store import Store
from sheetflow.ledger.tables import RESUBMITTED, RETURNED, SUBMITTED

FIN, SOMU, GIKAI, MADO = "財政部 財政課", "総務部 行政監理室/企画:係", "議会事務局", "市民生活部 窓口サービス課"
TABLES = ("meta", "submissions", "current", "current_kpis", "history", "history_kpis")


@pytest.fixture
def ws(workspace, mini_plan):
    make_forms(workspace, mini_plan)
    return workspace


def tables(cfg) -> dict:
    ledger = open_ledger(cfg)
    frames = {t: ledger.table(t) for t in TABLES}
    return {t: df.astype(object).where(df.notna(), None).to_dict("records") for t, df in frames.items()}


def results(res) -> dict[str, str]:
    return {f.path.name: f.result for f in res.files}


def book(cfg):
    return cfg.outbox_dir / "ledger.xlsx"


# --- idempotence -----------------------------------------------------------------------------------
def test_merge_writes_ledger_archive_and_status(ws, mini_plan):
    fill_dept(ws, FIN, status="順調", actual=2.5)
    fill_dept(ws, GIKAI, status="完了", result="オンライン化を実施した。")
    res = merge_inbox(ws, mini_plan)
    assert results(res) == {"財政部_財政課.xlsx": msg.RESULT_ACCEPTED, "議会事務局.xlsx": msg.RESULT_ACCEPTED}
    assert res.exit_code == 0 and res.changed and res.ledger_path == book(ws)
    current = open_ledger(ws).current("2025H1")
    assert list(current["no"]) == [1, 2, 4]
    assert list(current["status"]) == ["順調", "順調", "完了"]
    assert list(current["department"]) == [FIN, FIN, GIKAI]
    kpis = open_ledger(ws).current_kpis("2025H1")
    assert list(kpis["kpi_key"]) == ["1-1", "2-1", "2-2"] and list(kpis["actual"]) == [2.5, 2.5, 2.5]
    archived = sorted(p.name for p in (ws.outbox_dir / "archive").glob("*.xlsx"))
    assert archived == sorted(f"{f.sha256}.xlsx" for f in res.files)
    for f in res.files:  # byte for byte, with a receipt
        assert (ws.outbox_dir / "archive" / f"{f.sha256}.xlsx").read_bytes() == f.path.read_bytes()
        receipt = json.loads((ws.outbox_dir / "archive" / f"{f.sha256}.json").read_text(encoding="utf-8"))
        assert receipt["source_name"] == f.path.name and receipt["source_path"] == f.path.name
        assert receipt["result"] == msg.RESULT_ACCEPTED and receipt["size"] == f.path.stat().st_size
    sheets = sheet_values(book(ws))
    assert list(sheets) == ["台帳", "指標", "効果額・達成度", "履歴", "指標履歴", "提出履歴", "提出状況"]
    assert [h.replace("\n", "") for h in sheets["台帳"][0][:6]] == ["期間", "期間（和暦）", "No.", "項目名", "担当部署",
                                                                  "進捗状況"]
    assert sheets["台帳"][1][:6] == ("2025H1", "令和7年度 上期", 1, "基金の運用による税外収入の確保（債券運用）", FIN, "順調")
    assert [r[2:4] for r in sheets["提出状況"][1:]] == [(FIN, "提出済"), (SOMU, "未提出"), (GIKAI, "提出済"),
                                                         (MADO, "未提出")]
    assert res.missing == {"2025H1": [SOMU, MADO]}


def test_merge_twice_changes_nothing(ws, mini_plan):
    fill_dept(ws, FIN)
    fill_dept(ws, MADO)
    merge_inbox(ws, mini_plan)
    before_db, before_book = tables(ws), snapshot(ws.outbox_dir)
    values = sheet_values(book(ws))
    again = merge_inbox(ws, mini_plan)
    assert set(results(again).values()) == {msg.RESULT_KNOWN}
    assert not again.changed and again.ledger_path is None and again.exit_code == 0
    assert tables(ws) == before_db
    assert sheet_values(book(ws)) == values
    after = snapshot(ws.outbox_dir)
    assert after[("ledger.xlsx")] == before_book["ledger.xlsx"]  # not even rewritten
    assert {k: v for k, v in after.items() if k != "ledger.sqlite"} == {
        k: v for k, v in before_book.items() if k != "ledger.sqlite"}


def test_known_files_are_skipped_without_opening(ws, mini_plan, monkeypatch):
    fill_dept(ws, FIN)
    merge_inbox(ws, mini_plan)
    from sheetflow.intake import pool as intake_pool
    from sheetflow.intake import read as intake

    def refuse(*args, **kwargs):
        raise AssertionError("a known file was opened")

    monkeypatch.setattr(intake, "read_submission", refuse)
    monkeypatch.setattr(intake_pool, "check_files", refuse)
    assert results(merge_inbox(ws, mini_plan)) == {"財政部_財政課.xlsx": msg.RESULT_KNOWN}


def test_same_file_twice_in_inbox_is_merged_once(ws, mini_plan):
    path = fill_dept(ws, FIN)
    (ws.inbox_dir / "copy").mkdir()
    (ws.inbox_dir / "copy" / "財政課（再送）.xlsx").write_bytes(path.read_bytes())
    res = merge_inbox(ws, mini_plan)
    assert sorted(results(res).values()) == sorted([msg.RESULT_ACCEPTED, msg.RESULT_DUPLICATE])
    assert len(open_ledger(ws).submissions()) == 1


# --- supersede and order -------------------------------------------------------------------------
def test_resubmission_supersedes_earlier_rows(ws, mini_plan):
    first = fill_dept(ws, FIN, name="財政課_v1.xlsx", status="順調", actual=1.0, saved_at=at(5))
    merge_inbox(ws, mini_plan)
    second = fill_dept(ws, FIN, name="財政課_v2.xlsx", status="遅れ", issues="調整中。", actual=2.0, saved_at=at(6))
    res = merge_inbox(ws, mini_plan)
    assert results(res) == {first.name: msg.RESULT_KNOWN, second.name: msg.RESULT_ACCEPTED}
    ledger = open_ledger(ws)
    assert list(ledger.current("2025H1")["status"]) == ["遅れ", "遅れ"]
    assert list(ledger.current_kpis("2025H1")["actual"]) == [2.0, 2.0, 2.0]
    history = ledger.history()
    v2_sha = next(f.sha256 for f in res.files if f.path == second)
    assert list(history["no"]) == [1, 2] and list(history["status"]) == ["順調", "順調"]
    assert set(history["source_name"]) == {first.name} and set(history["replaced_by"]) == {v2_sha}
    assert set(history["replaced_at"]) == {ledger.current("2025H1")["merged_at"].iat[0]}
    assert list(ledger.history_kpis()["actual"]) == [1.0, 1.0, 1.0]
    status = submission_status(ledger, mini_plan, "2025H1").set_index("department")
    assert status.loc[FIN, "status"] == RESUBMITTED and status.loc[FIN, "accepted_files"] == 2
    sheets = sheet_values(book(ws))
    assert [r[5] for r in sheets["履歴"][1:]] == ["順調", "順調"]
    assert [h.replace("\n", " ") for h in sheets["履歴"][0][-2:]] == ["置換日時", "置換ファイルの SHA-256"]
    assert [r[5] for r in sheets["台帳"][1:]] == ["遅れ", "遅れ"]


def test_older_file_arriving_later_goes_to_history(ws, mini_plan):
    newer = fill_dept(ws, FIN, name="新.xlsx", status="完了", saved_at=at(8))
    merge_inbox(ws, mini_plan)
    older = fill_dept(ws, FIN, name="旧.xlsx", status="未着手", saved_at=at(2))
    res = merge_inbox(ws, mini_plan)
    outcome = next(f for f in res.files if f.path == older)
    assert outcome.result == msg.RESULT_ACCEPTED_OLD
    assert outcome.note == msg.LEDGER_OLDER_FILE.format(name="旧.xlsx", newer="新.xlsx")
    ledger = open_ledger(ws)
    assert list(ledger.current("2025H1")["status"]) == ["完了", "完了"]
    assert set(ledger.current("2025H1")["source_name"]) == {newer.name}
    assert list(ledger.history()["status"]) == ["未着手", "未着手"]
    assert set(ledger.history()["replaced_by"]) == set(ledger.current("2025H1")["source_sha256"])
    log = ledger.submissions().set_index("source_name")
    assert log.loc["旧.xlsx", "result"] == msg.RESULT_ACCEPTED_OLD


def test_two_versions_in_one_merge_keep_the_later(ws, mini_plan):
    fill_dept(ws, FIN, name="b.xlsx", status="順調", saved_at=at(9))
    fill_dept(ws, FIN, name="a.xlsx", status="遅れ", issues="x", saved_at=at(3))
    merge_inbox(ws, mini_plan)
    ledger = open_ledger(ws)
    assert set(ledger.current()["source_name"]) == {"b.xlsx"}
    assert set(ledger.history()["source_name"]) == {"a.xlsx"}


# --- refused, unreadable, other period ---------------------------------------------------------------
def test_refused_and_unreadable_files_are_logged_and_returned(ws, mini_plan):
    fill_dept(ws, GIKAI, status="")  # status missing: refused
    (ws.inbox_dir / "壊れた.xlsx").write_bytes(b"this is not a workbook")
    fill_dept(ws, FIN)
    res = merge_inbox(ws, mini_plan)
    assert results(res) == {"議会事務局.xlsx": msg.RESULT_RETURNED, "壊れた.xlsx": msg.RESULT_UNREADABLE,
                            "財政部_財政課.xlsx": msg.RESULT_ACCEPTED}
    assert res.exit_code == 1
    returned = next(f for f in res.files if f.result == msg.RESULT_RETURNED)
    assert returned.return_path == ws.outbox_dir / "returns" / "2025H1" / "議会事務局_差戻し.xlsx"
    assert returned.return_path.is_file() and returned.errors >= 1
    archive = ws.outbox_dir / "archive"
    assert {p.name for p in archive.glob("*.xlsx")} == {f"{res.files[-1].sha256}.xlsx"} or len(
        list(archive.glob("*.xlsx"))) == 1
    assert len(list((archive / "returned").glob("*.json"))) == 2
    log = open_ledger(ws).submissions().set_index("source_name")
    assert log.loc["議会事務局.xlsx", "result"] == msg.RESULT_RETURNED and log.loc["議会事務局.xlsx", "errors"] >= 1
    assert log.loc["壊れた.xlsx", "result"] == msg.RESULT_UNREADABLE and log.loc["壊れた.xlsx", "period"] == ""
    status = submission_status(open_ledger(ws), mini_plan, "2025H1").set_index("department")
    assert status.loc[GIKAI, "status"] == RETURNED and status.loc[GIKAI, "returned_files"] == 1
    assert res.missing["2025H1"] == [SOMU, GIKAI, MADO]
    # the department fixes it: accepted after a return = 再提出
    (ws.inbox_dir / "議会事務局.xlsx").unlink()
    fill_dept(ws, GIKAI, name="議会事務局_修正.xlsx")
    again = merge_inbox(ws, mini_plan)
    assert again.exit_code == 0 and again.missing["2025H1"] == [SOMU, MADO]
    status = submission_status(open_ledger(ws), mini_plan, "2025H1").set_index("department")
    assert status.loc[GIKAI, "status"] == RESUBMITTED


def test_other_period_is_reported_not_merged(ws, mini_plan):
    fill_dept(ws, FIN)
    res = merge_inbox(ws, mini_plan, period="2025H2")
    assert results(res) == {"財政部_財政課.xlsx": msg.RESULT_OTHER_PERIOD}
    assert res.files[0].note == msg.LEDGER_OTHER_PERIOD.format(
        name="財政部_財政課.xlsx", found="令和7年度 上期（2025H1）", period="令和7年度 下期（2025H2）", command="sheetflow merge --period 2025H1")
    assert not res.changed and open_ledger(ws).submissions().empty
    assert res.missing == {"2025H2": [FIN, SOMU, GIKAI, MADO]}
    assert results(merge_inbox(ws, mini_plan)) == {"財政部_財政課.xlsx": msg.RESULT_ACCEPTED}  # default: its own


# --- per-部 forms --------------------------------------------------------------------------------------
def test_form_per_bu_counts_for_its_ka(workspace, mini_plan):
    make_forms(workspace, mini_plan, by="部")
    fill_dept(workspace, "財政部")
    res = merge_inbox(workspace, mini_plan)
    assert res.files[0].result == msg.RESULT_ACCEPTED and res.files[0].department == "財政部"
    status = submission_status(open_ledger(workspace), mini_plan, "2025H1").set_index("department")
    assert status.loc[FIN, "status"] == SUBMITTED
    assert FIN not in res.missing["2025H1"]


# --- text stays text -------------------------------------------------------------------------------------
def test_formula_looking_text_stays_text(ws, mini_plan):
    fill_dept(ws, FIN, result="=SUM(A1:A2)", issues="+81 課題", reporter="@佐藤", phone="-1234")
    merge_inbox(ws, mini_plan)
    with zipfile.ZipFile(book(ws)) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
        strings = z.read("xl/sharedStrings.xml").decode("utf-8") if "xl/sharedStrings.xml" in z.namelist() else ""
    assert "<f>" not in xml and "<f " not in xml
    assert "=SUM(A1:A2)" in strings or "=SUM(A1:A2)" in xml
    ws_ = load_workbook(book(ws))["台帳"]
    cell = ws_.cell(2, 7)
    assert cell.value == "=SUM(A1:A2)" and cell.data_type == "s"
    assert [ws_.cell(2, c).value for c in (8, 9, 10)] == ["+81 課題", "@佐藤", "-1234"]


# --- safety -------------------------------------------------------------------------------------------
def test_inbox_files_are_never_changed(ws, mini_plan):
    fill_dept(ws, FIN, saved_at=at(3))
    fill_dept(ws, GIKAI, status="")
    (ws.inbox_dir / "sub").mkdir()
    fill_dept(ws, MADO, name="sub/窓口.xlsx")
    (ws.inbox_dir / "memo.xlsx").write_bytes(b"PK\x03\x04 broken")
    before = snapshot(ws.inbox_dir)
    merge_inbox(ws, mini_plan)
    fill_dept(ws, FIN, name="財政課2.xlsx", saved_at=at(4))
    before2 = snapshot(ws.inbox_dir)
    merge_inbox(ws, mini_plan)
    rebuild_ledger(ws, mini_plan)
    after = snapshot(ws.inbox_dir)
    assert {k: after[k] for k in before} == before and after == before2


def test_lock_refuses_a_second_merge(ws, mini_plan):
    fill_dept(ws, FIN)
    ws.outbox_dir.mkdir(exist_ok=True)
    lock = ws.outbox_dir / LOCK_NAME
    lock.write_text(json.dumps({"pid": os.getppid(), "started": "2025-10-01T09:00:00+09:00"}), encoding="utf-8")
    with pytest.raises(LockBusy) as err:
        merge_inbox(ws, mini_plan)
    assert str(err.value) == msg.LEDGER_LOCK_BUSY.format(holder=holder_text(
        {"pid": os.getppid(), "started": "2025-10-01T09:00:00+09:00"}), path=lock)
    assert not (ws.outbox_dir / "ledger.sqlite").exists() and not (ws.outbox_dir / "archive").exists()
    assert lock.exists()  # the other process's lock is left alone
    lock.unlink()
    assert merge_inbox(ws, mini_plan).changed


def test_unwritable_ledger_fails_before_changing_anything(ws, mini_plan):
    fill_dept(ws, FIN)
    book(ws).mkdir(parents=True)  # something that cannot be replaced by a file (like a file Excel holds)
    with pytest.raises(msg.UserError) as err:
        merge_inbox(ws, mini_plan)
    assert str(book(ws)) in str(err.value) and "書き込めません" in str(err.value)
    assert not (ws.outbox_dir / "archive").exists() and not (ws.outbox_dir / "ledger.sqlite").exists()
    assert not (ws.outbox_dir / LOCK_NAME).exists()


def test_crash_before_rename_keeps_previous_ledger(ws, mini_plan, monkeypatch):
    fill_dept(ws, FIN)
    merge_inbox(ws, mini_plan)
    old = sheet_values(book(ws))
    fill_dept(ws, GIKAI)
    real_replace = os.replace

    def failing(src, dst, *args, **kwargs):
        if str(dst).endswith("ledger.xlsx"):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(msg.UserError) as err:
        merge_inbox(ws, mini_plan)
    assert str(err.value) == msg.LEDGER_WRITE_FAILED.format(path=book(ws), error="No space left on device",
                                                            db=ws.outbox_dir / "ledger.sqlite")
    assert sheet_values(book(ws)) == old  # previous ledger intact and readable
    assert not list(ws.outbox_dir.glob(".ledger.xlsx.*"))  # no half-written temp file left
    assert len(open_ledger(ws).current()) == 3  # the database committed
    monkeypatch.setattr(os, "replace", real_replace)
    res = merge_inbox(ws, mini_plan)
    assert set(results(res).values()) == {msg.RESULT_KNOWN} and res.ledger_path == book(ws)
    assert [r[2] for r in sheet_values(book(ws))["台帳"][1:]] == [1, 2, 4]


def test_backups_keep_the_last_n(ws, mini_plan):
    cfg = dataclasses.replace(ws, keep_backups=2)
    for n, dept in enumerate((FIN, SOMU, GIKAI, MADO)):
        fill_dept(cfg, dept)
        previous = book(cfg).read_bytes() if n else None
        merge_inbox(cfg, mini_plan)
    backups = sorted((cfg.outbox_dir / "backup").glob("ledger-*.xlsx"), key=lambda p: p.stat().st_mtime_ns)
    assert len(backups) == 2
    assert backups[-1].read_bytes() == previous
    load_workbook(backups[0])  # a readable workbook


# --- rebuild ------------------------------------------------------------------------------------------
def test_rebuild_equals_live(ws, mini_plan):
    fill_dept(ws, FIN, name="v2.xlsx", status="遅れ", issues="予算調整中", saved_at=at(6))
    fill_dept(ws, GIKAI, status="")
    merge_inbox(ws, mini_plan)
    fill_dept(ws, FIN, name="v1.xlsx", saved_at=at(5))  # older, arrives later
    fill_dept(ws, FIN, name="v3.xlsx", status="完了", saved_at=at(7))
    (ws.inbox_dir / "議会事務局.xlsx").unlink()
    fill_dept(ws, GIKAI, name="議会_修正.xlsx")
    (ws.inbox_dir / "x.xlsx").write_bytes(b"garbage")
    merge_inbox(ws, mini_plan)
    live_db, live_sheets = tables(ws), sheet_values(book(ws))
    live_bytes = book(ws).read_bytes()
    assert len(live_db["history"]) == 4 and len(live_db["submissions"]) == 6
    result = rebuild_ledger(ws, mini_plan)
    assert (result.accepted, result.returned) == (4, 2)
    assert tables(ws) == live_db
    assert sheet_values(book(ws)) == live_sheets
    assert book(ws).read_bytes() == live_bytes
    assert len(list((ws.outbox_dir / "backup").glob("ledger-*.sqlite"))) == 1


def test_rebuild_from_archive_alone(ws, mini_plan):
    fill_dept(ws, FIN)
    merge_inbox(ws, mini_plan)
    live = tables(ws)
    (ws.outbox_dir / "ledger.sqlite").unlink()
    book(ws).unlink()
    for p in ws.inbox_dir.iterdir():
        p.unlink()
    rebuild_ledger(ws, mini_plan)
    assert tables(ws) == live and book(ws).is_file()


def test_receipts_of_an_interrupted_merge_are_rewritten(ws, mini_plan, monkeypatch):
    fill_dept(ws, FIN)
    from sheetflow.ledger import merge as merge_mod

    def boom(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(merge_mod, "apply_receipt", boom)
    with pytest.raises(RuntimeError):
        merge_inbox(ws, mini_plan)
    assert len(list((ws.outbox_dir / "archive").glob("*.json"))) == 1  # written before the commit point
    assert open_ledger(ws).submissions().empty  # rolled back
    monkeypatch.undo()
    merge_inbox(ws, mini_plan)
    live = tables(ws)
    rebuild_ledger(ws, mini_plan)
    assert tables(ws) == live


def test_ledger_sqlite_schema_version(ws, mini_plan):
    fill_dept(ws, FIN)
    merge_inbox(ws, mini_plan)
    store = Store.open(ws.outbox_dir / "ledger.sqlite", create=False)
    try:
        assert store.meta("schema_version") == "3" and store.meta("book_stale") == "0"
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        store.close()


def test_rebuild_after_a_plan_revision_uses_the_plan_each_file_was_made_for(ws, mini_plan):
    from sheetflow.plan.load import load_plan

    fill_dept(ws, FIN)
    merge_inbox(ws, mini_plan)
    plan_file = ws.root / "plan.yaml"
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace("version: 1", "version: 2"), encoding="utf-8")
    revised = load_plan(plan_file)
    make_forms(ws, revised)
    fill_dept(ws, GIKAI)
    res = merge_inbox(ws, revised)
    assert results(res)["議会事務局.xlsx"] == msg.RESULT_ACCEPTED
    assert sorted(p.name for p in (ws.outbox_dir / "archive" / "plans").iterdir()) == ["mini-v1.yaml", "mini-v2.yaml"]
    live = tables(ws)
    rebuild_ledger(ws, revised)
    assert tables(ws) == live
    assert sorted(open_ledger(ws).current()["plan_version"]) == [1, 1, 2]


def test_rebuild_stops_without_replacing_anything_when_an_original_no_longer_reads(ws, mini_plan):
    fill_dept(ws, FIN)
    res = merge_inbox(ws, mini_plan)
    live, live_book = tables(ws), book(ws).read_bytes()
    original = ws.outbox_dir / "archive" / f"{res.files[0].sha256}.xlsx"
    original.write_bytes(b"damaged")
    with pytest.raises(msg.DataError) as err:
        rebuild_ledger(ws, mini_plan)
    assert str(original) in str(err.value) and "中止" in str(err.value)
    assert tables(ws) == live and book(ws).read_bytes() == live_book
    assert not list(ws.outbox_dir.glob(".ledger.sqlite.rebuild*"))


def test_big_ledger_is_written_in_constant_memory_mode(ws, mini_plan, monkeypatch):
    from sheetflow.ledger import book as ledger_book

    fill_dept(ws, FIN, result="=1+1")
    fill_dept(ws, GIKAI)
    merge_inbox(ws, mini_plan)
    normal = sheet_values(book(ws))
    monkeypatch.setattr(ledger_book, "BIG", 0)
    data = ledger_book.build_book(ws, mini_plan, open_ledger(ws))
    (ws.root / "big.xlsx").write_bytes(data)
    assert sheet_values(ws.root / "big.xlsx") == normal
    with zipfile.ZipFile(ws.root / "big.xlsx") as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert 't="inlineStr"' in xml and "<f>" not in xml
