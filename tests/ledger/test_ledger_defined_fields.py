"""A field added to the workspace's form definition is stored by the ledger with no change to sheetflow: a
column of its type in current / history (added to an existing ledger when it is next opened for writing),
shown in ledger.xlsx under its 見出し, and a rebuild from the archive gives the same ledger.

The workspace's definition is the built-in one with one more report field: 予算額（千円）, 型 整数, 最小 0,
集計 合計, 公表 ○ (項目ID budget). The ledger is fed with Submissions built here, the report rows carrying
`budget` as intake's report frame does.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from definitions import edited_definition
from ledger_support import fill_dept, make_forms, mini_workspace, sheet_values
from openpyxl import load_workbook

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.forms import layout as L
from sheetflow.forms.model import FormIdentity
from sheetflow.ground.config import Config, load_config
from sheetflow.ground.periods import parse_period
from sheetflow.intake.model import Submission
from sheetflow.ledger.apply import apply_receipt, ledger_rows, receipt_for
from sheetflow.ledger.book import write_book
from sheetflow.ledger.issue import issue_forms
from sheetflow.ledger.merge import merge_inbox
from sheetflow.ledger.query import Ledger, open_ledger
from sheetflow.ledger.rebuild import rebuild_ledger
from sheetflow.ledger.store import DB_NAME, Store
from sheetflow.ledger.tables import LEDGER_FIELDS, PROVENANCE, ledger_forms

JST = timezone(timedelta(hours=9))
FIN = "財政部 財政課"
BUDGET_ROW = {"表ID": "report", "項目ID": "budget", "見出し": "予算額（千円）", "型": "整数", "最小": 0, "集計": "合計",
              "公表": "○", "幅": 7.5}
FIELD_TABLES = ("current", "history", "current_kpis", "history_kpis")


def budget_workspace(root: Path) -> Config:
    """The mini workspace with `form = "様式定義.yaml"`: the built-in definition plus the field budget."""
    mini_workspace(root)
    edited_definition(root / "様式定義.yaml", [BUDGET_ROW], after="grade")
    with (root / "sheetflow.toml").open("a", encoding="utf-8") as toml:
        toml.write('form = "様式定義.yaml"\n')
    return load_config(root)


@pytest.fixture
def cfg(tmp_path) -> Config:
    return budget_workspace(tmp_path)


def submission(tmp: Path, budget: int | None, saved: int, sha: str) -> Submission:
    ident = FormIdentity("5", "mini", 1, "2025H1", FIN, "2025-09-01T09:00:00+09:00", "0.1.0")
    reports = [(4 + i, {"no": no, "status": "順調", "result": f"実績{no}", "issues": "", "reporter": "佐藤",
                        "phone": "1", "revenue": 10, "saving": None, "basis": "", "grade": "", "response": "",
                        "budget": None if budget is None else budget + no}) for i, no in enumerate((1, 2))]
    return Submission(tmp / f"{sha}.xlsx", sha, 100, datetime(2025, 10, 1, tzinfo=JST), ident,
                      saved_at=datetime(2025, 10, saved, tzinfo=JST), report_rows=reports)


def apply(store: Store, tmp: Path, sub: Submission, merge_no: int) -> None:
    receipt = receipt_for(sub, sub.path, tmp, f"2025-10-{20 + merge_no}T10:00:00.000000+09:00", merge_no)
    with store.transaction():
        apply_receipt(store, receipt, ledger_rows(store, sub, receipt))


def open_store(cfg: Config) -> Store:
    return Store.open(cfg.outbox_dir / DB_NAME, forms=ledger_forms(cfg))


def test_the_field_is_an_integer_column_and_history_keeps_the_superseded_value(cfg, tmp_path):
    store = open_store(cfg)
    try:
        apply(store, tmp_path, submission(tmp_path, 1200, 5, "a" * 64), 1)
        apply(store, tmp_path, submission(tmp_path, 1500, 6, "b" * 64), 2)
        assert store.types("current")["budget"] == store.types("history")["budget"] == "INTEGER"
        now = store.rows("SELECT no, budget, typeof(budget), source_sha256, source_name, plan_version "
                         "FROM current ORDER BY no")
        assert [tuple(r) for r in now] == [(1, 1501, "integer", "b" * 64, f"{'b' * 64}.xlsx", 1),
                                           (2, 1502, "integer", "b" * 64, f"{'b' * 64}.xlsx", 1)]
        old = store.rows("SELECT no, budget, typeof(budget), source_sha256, replaced_by FROM history ORDER BY seq")
        assert [tuple(r) for r in old] == [(1, 1201, "integer", "a" * 64, "b" * 64),
                                           (2, 1202, "integer", "a" * 64, "b" * 64)]
    finally:
        store.close()
    frame = open_ledger(cfg).current()
    assert list(frame.columns) == [*LEDGER_FIELDS[:-len(PROVENANCE)], "budget", *PROVENANCE]
    assert list(frame["budget"]) == [1501, 1502]


def test_a_ledger_made_before_the_field_gains_its_column_and_keeps_every_row(cfg, tmp_path):
    store = Store.open(cfg.outbox_dir / DB_NAME)  # today's schema: the built-in definition's fields only
    try:
        apply(store, tmp_path, submission(tmp_path, None, 5, "a" * 64), 1)
        apply(store, tmp_path, submission(tmp_path, None, 6, "b" * 64), 2)
        assert "budget" not in store.types("current")
        before = {t: [tuple(r) for r in store.rows(f"SELECT * FROM {t} ORDER BY 1, 2")] for t in FIELD_TABLES}
    finally:
        store.close()
    store = open_store(cfg)
    try:
        for table in ("current", "history"):
            assert store.types(table)["budget"] == "INTEGER", table
            rows = [tuple(r) for r in store.rows(f"SELECT * FROM {table} ORDER BY 1, 2")]
            assert rows == [(*r, None) for r in before[table]]  # every row kept, the new column empty
        for table in ("current_kpis", "history_kpis"):
            assert [tuple(r) for r in store.rows(f"SELECT * FROM {table} ORDER BY 1, 2")] == before[table]
        apply(store, tmp_path, submission(tmp_path, 300, 7, "c" * 64), 3)
        got = store.rows("SELECT no, budget, typeof(budget) FROM current ORDER BY no")
        assert [tuple(r) for r in got] == [(1, 301, "integer"), (2, 302, "integer")]
        assert store.count("history") == 4 and store.meta("schema_version") == "3"
    finally:
        store.close()


def test_an_older_schema_opened_with_the_field_gains_both_its_columns_and_the_field(cfg):
    path = cfg.outbox_dir / DB_NAME
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    old = ["period", "no", "department", "status", "result", "issues", "reporter", "phone", *PROVENANCE]
    conn.execute(f"CREATE TABLE current ({', '.join(old)}, PRIMARY KEY (period, no))")
    conn.execute(f"CREATE TABLE history (seq INTEGER PRIMARY KEY AUTOINCREMENT, {', '.join(old)}, replaced_at, "
                 "replaced_by)")
    conn.execute("INSERT INTO current (period, no, status) VALUES ('2025H1', 1, '順調')")
    conn.commit()
    conn.close()
    open_store(cfg).close()
    assert list(open_ledger(cfg).current().columns) == [*LEDGER_FIELDS[:-len(PROVENANCE)], "budget", *PROVENANCE]
    assert open_ledger(cfg).current()[["no", "status", "revenue", "budget"]].values.tolist() == [[1, "順調", None, None]]


def first_row(rows: list[tuple]) -> dict[str, object]:
    """A sheet's first data row by header (the line breaks that fit a header to its column taken out)."""
    return dict(zip((str(h).replace("\n", "") for h in rows[0]), rows[1], strict=True))


def test_ledger_xlsx_shows_the_field_under_its_header_and_the_provenance_under_theirs(cfg, tmp_path, mini_plan):
    store = open_store(cfg)
    try:
        apply(store, tmp_path, submission(tmp_path, 1200, 5, "a" * 64), 1)
        apply(store, tmp_path, submission(tmp_path, 1500, 6, "b" * 64), 2)
    finally:
        store.close()
    book = write_book(cfg, mini_plan, Ledger(cfg.outbox_dir / DB_NAME), cfg.outbox_dir / "ledger.xlsx")
    sheets = sheet_values(book)
    for sheet, sha, budget in ((msg.LEDGER_SHEET_CURRENT, "b", 1501), (msg.LEDGER_SHEET_HISTORY, "a", 1201)):
        row = first_row(sheets[sheet])
        assert (row["No."], row["予算額（千円）"], row["進捗状況"]) == (1, budget, "順調"), sheet
        assert (row["提出ファイル"], row["SHA-256"]) == (f"{sha * 64}.xlsx", sha * 64), sheet
        assert row["計画版"] == msg.LEDGER_PLAN_VERSION.format(plan_id="mini", version=1), sheet
    effects = first_row(sheets[msg.LEDGER_SHEET_EFFECTS])
    assert "予算額（千円）" not in effects and effects["歳入増（千円）"] == 10


def type_budget(path: Path, value: int) -> bool:
    """Type the budget into every item row of a filled form, where the form has the column (forms that are
    written from the workspace's definition); False when it has none."""
    wb = load_workbook(path)
    ws = wb[L.REPORT_SHEET]
    headers = [str(c.value or "").replace("\n", "") for c in ws[L.HEADER_ROW + 1]]
    if "予算額（千円）" not in headers:
        return False
    col, no = headers.index("予算額（千円）") + 1, headers.index("No.") + 1
    for r in range(L.FIRST_DATA_ROW + 1, ws.max_row + 1):
        if ws.cell(r, no).value not in (None, ""):
            ws.cell(r, col).value = value
    wb.save(path)
    return True


def test_rebuild_equals_the_live_ledger_with_the_field(cfg, mini_plan):
    make_forms(cfg, mini_plan)
    fill_dept(cfg, FIN, name="v1.xlsx")
    fill_dept(cfg, "議会事務局")
    merge_inbox(cfg, mini_plan)
    typed = type_budget(fill_dept(cfg, FIN, name="v2.xlsx", status="完了"), 700)
    merge_inbox(cfg, mini_plan)
    ledger = open_ledger(cfg)
    live = {t: ledger.table(t).astype(object).where(ledger.table(t).notna(), None).to_dict("records")
            for t in ("submissions", *FIELD_TABLES)}
    assert [r["budget"] for r in live["current"] if r["department"] == FIN] == [700 if typed else None] * 2
    assert len(live["history"]) == 2
    live_book = sheet_values(cfg.outbox_dir / "ledger.xlsx")
    rebuild_ledger(cfg, mini_plan)
    rebuilt = {t: ledger.table(t).astype(object).where(ledger.table(t).notna(), None).to_dict("records")
               for t in ("submissions", *FIELD_TABLES)}
    assert rebuilt == live
    assert sheet_values(cfg.outbox_dir / "ledger.xlsx") == live_book
    assert "予算額（千円）" in first_row(live_book[msg.LEDGER_SHEET_CURRENT])


def test_a_form_made_before_a_field_was_removed_still_brings_its_value(cfg, mini_plan):
    """The office takes 予算額 out of its definition after the forms went out: a form already out still brings
    its 予算額 into the ledger (the archived definition it was made from keeps the column), nothing is lost."""
    issue_forms(cfg, parse_period("2025H1"))
    assert type_budget(fill_dept(cfg, FIN, name="old.xlsx"), 900)
    edited_definition(cfg.root / "様式定義.yaml", [])  # the built-in columns only
    assert "budget" not in {f.key for f in DW.workspace_form(load_config(cfg.root)).inputs("report")}
    assert merge_inbox(load_config(cfg.root), mini_plan).exit_code == 0
    with sqlite3.connect(cfg.outbox_dir / DB_NAME) as conn:
        assert conn.execute("SELECT no, budget, typeof(budget) FROM current ORDER BY no").fetchall() == [
            (1, 900, "integer"), (2, 900, "integer")]
