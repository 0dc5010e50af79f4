"""Ledger semantics on submissions built in the test, the read API, carry forward, and the lock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest
from ledger_support import fill_dept, form_path, make_forms
from openpyxl import load_workbook

from sheetflow import messages as msg
from sheetflow.forms import layout as L
from sheetflow.forms.model import FormIdentity, PreviousAnswers, PreviousReport
from sheetflow.ground.findings import ERROR, Finding
from sheetflow.intake.model import Submission
from sheetflow.ledger.apply import apply_receipt, ledger_rows, receipt_for
from sheetflow.ledger.lock import Lock, LockBusy, holder_text
from sheetflow.ledger.merge import merge_inbox
from sheetflow.ledger.query import open_ledger, submission_status
from sheetflow.ledger.status import previous_answers
from sheetflow.ledger.store import DB_NAME, Store
from sheetflow.ledger.tables import (
    LEDGER_FIELDS,
    LEDGER_KPI_FIELDS,
    MISSING,
    STATUS_FIELDS,
    SUBMISSION_LOG_FIELDS,
)

JST = timezone(timedelta(hours=9))
FIN = "財政部 財政課"


def submission(tmp: Path, dept: str, nos: list[int], status: str, saved: int, sha: str, period: str = "2025H1",
               kpis: dict[str, float] | None = None, errors: int = 0) -> Submission:
    ident = FormIdentity("1", "mini", 1, period, dept, "2025-09-01T09:00:00+09:00", "0.1.0")
    reports = [(4 + i, {"no": n, "status": status, "result": f"実績{n}", "issues": "", "reporter": "佐藤",
                        "phone": "1"}) for i, n in enumerate(nos)]
    kpi_rows = [(4 + i, {"kpi_key": k, "no": int(k.split("-")[0]), "kpi": "指標", "unit": "件",
                         "actual": float("nan") if v is None else v, "remark": ""})
                for i, (k, v) in enumerate((kpis or {}).items())]
    findings = [Finding("f.xlsx", ERROR, "status.missing", "進捗状況がありません。")] * errors
    return Submission(tmp / f"{sha}.xlsx", sha, 100, datetime(2025, 10, 1, tzinfo=JST), ident,
                            saved_at=datetime(2025, 10, saved, tzinfo=JST), report_rows=reports, kpi_rows=kpi_rows,
                            findings=findings)


def apply(store: Store, tmp: Path, sub: Submission, merge_no: int) -> str:
    receipt = receipt_for(sub, sub.path, tmp, f"2025-10-{20 + merge_no}T10:00:00.000000+09:00", merge_no)
    with store.transaction():
        return apply_receipt(store, receipt, ledger_rows(store, sub, receipt) if sub.accepted else None)


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "outbox" / DB_NAME)
    yield s
    s.close()


def current(store: Store) -> dict[int, str]:
    return {r["no"]: r["source_sha256"] for r in store.rows("SELECT no, source_sha256 FROM current ORDER BY no")}


def test_latest_by_saved_time_wins_whatever_the_arrival_order(store, tmp_path):
    assert apply(store, tmp_path, submission(tmp_path, FIN, [1, 2], "順調", 9, "b" * 64), 1) == msg.RESULT_ACCEPTED
    assert apply(store, tmp_path, submission(tmp_path, FIN, [1, 2], "遅れ", 3, "a" * 64), 2) == msg.RESULT_ACCEPTED_OLD
    assert apply(store, tmp_path, submission(tmp_path, FIN, [1, 2], "完了", 12, "c" * 64), 3) == msg.RESULT_ACCEPTED
    assert current(store) == {1: "c" * 64, 2: "c" * 64}
    history = store.rows("SELECT source_sha256, replaced_by, replaced_at FROM history ORDER BY seq")
    assert [(h[0][0], h[1][0]) for h in history] == [("a", "b"), ("a", "b"), ("b", "c"), ("b", "c")]
    assert history[-1][2] == "2025-10-23T10:00:00.000000+09:00"
    live = store.rows("SELECT source_sha256 FROM submissions WHERE live = 1")
    assert [r[0] for r in live] == ["c" * 64]


def test_refused_file_is_logged_but_changes_no_row(store, tmp_path):
    apply(store, tmp_path, submission(tmp_path, FIN, [1, 2], "順調", 5, "a" * 64), 1)
    bad = submission(tmp_path, FIN, [1, 2], "", 9, "b" * 64, errors=2)
    assert apply(store, tmp_path, bad, 2) == msg.RESULT_RETURNED
    assert current(store) == {1: "a" * 64, 2: "a" * 64} and store.count("history") == 0
    row = store.submission("b" * 64)
    assert (row["result"], row["errors"], row["department"]) == (msg.RESULT_RETURNED, 2, FIN)


def test_per_bu_and_per_ka_forms_for_the_same_item(store, tmp_path):
    # the 部 sent a combined form, later the 課 sent its own: the later file holds item 1
    apply(store, tmp_path, submission(tmp_path, "財政部", [1, 2], "順調", 5, "a" * 64), 1)
    apply(store, tmp_path, submission(tmp_path, FIN, [1, 2], "遅れ", 7, "b" * 64), 2)
    assert current(store) == {1: "b" * 64, 2: "b" * 64}
    # an older 部 file arriving late does not take the items back
    apply(store, tmp_path, submission(tmp_path, "財政部", [1, 2], "完了", 6, "c" * 64), 3)
    assert current(store) == {1: "b" * 64, 2: "b" * 64}
    assert store.count("history") == 4


def test_kpi_rows_follow_their_file(store, tmp_path):
    apply(store, tmp_path, submission(tmp_path, FIN, [1, 2], "順調", 5, "a" * 64, kpis={"1-1": 3.0, "2-1": None}), 1)
    apply(store, tmp_path, submission(tmp_path, FIN, [1, 2], "順調", 6, "b" * 64, kpis={"1-1": 4.0, "2-1": 1.0}), 2)
    rows = store.rows("SELECT kpi_key, actual, source_sha256 FROM current_kpis ORDER BY kpi_key")
    assert [tuple(r) for r in rows] == [("1-1", 4.0, "b" * 64), ("2-1", 1.0, "b" * 64)]
    old = store.rows("SELECT kpi_key, actual FROM history_kpis ORDER BY seq")
    assert [tuple(r) for r in old] == [("1-1", 3.0), ("2-1", None)]


def test_periods_are_separate(store, tmp_path):
    apply(store, tmp_path, submission(tmp_path, FIN, [1], "順調", 5, "a" * 64, period="2025H1"), 1)
    apply(store, tmp_path, submission(tmp_path, FIN, [1], "完了", 6, "b" * 64, period="2025H2"), 2)
    rows = store.rows("SELECT period, source_sha256 FROM current ORDER BY period")
    assert [tuple(r) for r in rows] == [("2025H1", "a" * 64), ("2025H2", "b" * 64)]
    assert store.count("history") == 0


# --- read API -------------------------------------------------------------------------------------------
def test_empty_ledger_gives_empty_frames_with_the_contract_columns(workspace, mini_plan):
    ledger = open_ledger(workspace)
    assert not ledger.exists and ledger.periods() == []
    assert list(ledger.current().columns) == LEDGER_FIELDS
    assert list(ledger.current_kpis().columns) == LEDGER_KPI_FIELDS
    assert list(ledger.submissions().columns)[:len(SUBMISSION_LOG_FIELDS)] == SUBMISSION_LOG_FIELDS
    assert list(ledger.history().columns) == [*LEDGER_FIELDS, "replaced_at", "replaced_by"]
    status = submission_status(ledger, mini_plan, "2025H1")
    assert list(status.columns) == STATUS_FIELDS
    assert list(status["status"]) == [MISSING] * 4
    assert list(status["department"]) == [d.key for d in mini_plan.recipients()]
    assert previous_answers(workspace, mini_plan, "2025H2", FIN) is None
    assert not (workspace.outbox_dir / DB_NAME).exists()  # reading never creates the ledger


def test_status_dates_are_the_receipt_times(workspace, mini_plan):
    make_forms(workspace, mini_plan)
    fill_dept(workspace, FIN)
    merge_inbox(workspace, mini_plan)
    status = submission_status(workspace, mini_plan, "2025H1").set_index("department")
    received = open_ledger(workspace).submissions()["received_at"].iat[0]
    assert status.loc[FIN, "first_received"] == datetime.fromisoformat(received)
    assert status.loc[FIN, "last_received"] == status.loc[FIN, "first_received"]
    assert pd.isna(status.loc["議会事務局", "first_received"])


# --- carry forward --------------------------------------------------------------------------------------
def test_previous_answers_carry_into_next_period_forms(workspace, mini_plan):
    make_forms(workspace, mini_plan)
    fill_dept(workspace, FIN, per_item={1: {"status": "完了", "result": "債券運用を開始した。", "actual": 3.2},
                                        2: {"status": "遅れ", "issues": "調整中", "actual": 1.0}})
    merge_inbox(workspace, mini_plan)
    prev = previous_answers(workspace, mini_plan, "2025H2", FIN)
    assert prev == PreviousAnswers("2025H1", {1: PreviousReport("完了", "債券運用を開始した。"),
                                           2: PreviousReport("遅れ", "計画どおり実施した。", "調整中")},
                                         {"1-1": 3.2, "2-1": 1.0, "2-2": 1.0})
    assert previous_answers(workspace, mini_plan, "2025H2", "財政部") == prev  # a per-部 form
    assert previous_answers(workspace, mini_plan, "2025H2", "議会事務局") == PreviousAnswers("2025H1")
    make_forms(workspace, mini_plan, period="2025H2", carry=True)
    wb = load_workbook(form_path(workspace, FIN, "2025H2"))
    ws = wb[L.REPORT_SHEET]
    first = L.FIRST_DATA_ROW + 1
    s_col, r_col = L.col_index(L.REPORT_COLUMNS, "prev_status") + 1, L.col_index(L.REPORT_COLUMNS, "prev_result") + 1
    assert ws.cell(first, s_col).value == "完了" and ws.cell(first, r_col).value == "債券運用を開始した。"
    assert ws.cell(first + 1, s_col).value == "遅れ"
    assert ws.protection.sheet and ws.cell(first, s_col).protection.locked
    kws = wb[L.KPI_SHEET]
    a_col = L.col_index(L.KPI_COLUMNS, "prev_actual") + 1
    assert kws.cell(first, a_col).value == 3.2 and kws.cell(first, a_col).protection.locked


def test_previous_answers_ignore_another_plans_rows(workspace, mini_plan):
    import dataclasses

    make_forms(workspace, mini_plan)
    fill_dept(workspace, FIN)
    merge_inbox(workspace, mini_plan)
    other = dataclasses.replace(mini_plan, id="other")
    assert previous_answers(workspace, other, "2025H2", FIN) == PreviousAnswers("2025H1")


# --- lock --------------------------------------------------------------------------------------------
def test_lock_is_exclusive_and_released(tmp_path):
    path = tmp_path / ".sheetflow.lock"
    with Lock(path):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["pid"] == os.getpid() and data["started"]
        path.write_text(json.dumps({"pid": os.getppid(), "started": "x"}), encoding="utf-8")  # someone else's
        with pytest.raises(LockBusy):
            Lock(path).acquire()
    assert path.exists()  # not ours any more: left alone
    path.unlink()
    with Lock(path):
        pass
    assert not path.exists()


def test_stale_lock_is_taken_over_with_a_notice(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    pid = int(dead.stdout)
    path = tmp_path / ".sheetflow.lock"
    path.write_text(json.dumps({"pid": pid, "started": "2025-10-01T09:00:00+09:00"}), encoding="utf-8")
    notices: list[str] = []
    with Lock(path, notice=notices.append):
        assert json.loads(path.read_text(encoding="utf-8"))["pid"] == os.getpid()
    assert notices == [msg.LEDGER_LOCK_STALE.format(holder=holder_text({"pid": pid, "started": "2025-10-01T09:00:00+09:00"}), path=path)]


def test_lock_holder_says_when_in_wareki_and_japan_time():
    info = {"host": "PC-KIKAKU-07", "user": "tanaka", "pid": 4242, "started": "2025-10-03T05:05:09+00:00"}
    assert holder_text(info) == "コンピューター PC-KIKAKU-07、ユーザー tanaka、プロセス 4242、令和7年10月3日 14:05 開始"
    assert holder_text({"started": "昨日"}) == "コンピューター ?、ユーザー ?、プロセス ?、昨日 開始"
