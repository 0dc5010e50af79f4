"""A ledger of schema 1 (before 効果額, 達成度 and 意見への対応) gets the new columns when it is next opened for writing."""

from __future__ import annotations

import sqlite3

import pytest

from sheetflow import messages as msg
from sheetflow.ledger.store import REPLACED_COLS, Store
from sheetflow.ledger.tables import LEDGER_FIELDS

NEW = ("revenue", "saving", "basis", "grade", "response")


def _old_ledger(path) -> None:
    old = [c for c in LEDGER_FIELDS if c not in NEW]
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.execute(f"CREATE TABLE current ({', '.join(old)}, PRIMARY KEY (period, no))")
    conn.execute(f"CREATE TABLE history (seq INTEGER PRIMARY KEY AUTOINCREMENT, {', '.join(old + REPLACED_COLS)})")
    conn.execute("INSERT INTO current (period, no, status) VALUES ('2025H1', 1, '順調')")
    conn.commit()
    conn.close()


def test_old_ledger_gets_the_new_columns_and_keeps_its_rows(tmp_path):
    path = tmp_path / "ledger.sqlite"
    _old_ledger(path)
    store = Store.open(path)
    try:
        for table in ("current", "history"):
            columns = [r[1] for r in store.rows(f"PRAGMA table_info({table})")]
            assert set(NEW) <= set(columns)
        assert [tuple(r) for r in store.rows("SELECT no, status, revenue, grade FROM current")] == [(1, "順調", None, None)]
        assert store.meta("schema_version") == "3"
    finally:
        store.close()


def test_reading_an_old_ledger_says_how_to_update_it(tmp_path):
    path = tmp_path / "ledger.sqlite"
    _old_ledger(path)
    with pytest.raises(msg.UserError) as err:
        Store.open(path, create=False)
    assert str(err.value) == msg.LEDGER_DB_OLDER.format(path=path, found="1")
    assert "「sheetflow merge」か「sheetflow rebuild」を一度実行すると" in str(err.value)
