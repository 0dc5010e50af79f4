"""A survey's (庁内照会) tables in outbox/ledger.sqlite, made from its definition.

`survey_submissions` logs every file seen (受理 or 差戻し; source_sha256 unique, live 1 for each department's
answer in use); per table of the definition `survey_<表ID>` holds the live rows (survey_id, department, line: the
row's 1-based order in the department's sheet, key: the 既定行 キー or "", one column per field typed by its
storage, source_sha256, merged_at) and `survey_<表ID>_history` the rows a newer answer replaced (+ replaced_at,
replaced_by). A field added to the definition is a column added on open. Only the holder of the lock writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.definition.model import FormDefinition, Table
from sheetflow.ledger.store import connect, db_path, names, quoted

SUBMISSIONS = "survey_submissions"
SUBMISSION_COLS = {"seq": "INTEGER PRIMARY KEY", "survey_id": "TEXT", "source_sha256": "TEXT UNIQUE",
                   "source_name": "TEXT", "received_at": "TEXT", "file_mtime": "TEXT", "department": "TEXT",
                   "result": "TEXT", "errors": "INTEGER", "warnings": "INTEGER", "live": "INTEGER"}
HEAD_COLS = {"survey_id": "TEXT", "department": "TEXT", "line": "INTEGER", "key": "TEXT"}
TAIL_COLS = {"source_sha256": "TEXT", "merged_at": "TEXT"}
REPLACED_COLS = {"replaced_at": "TEXT", "replaced_by": "TEXT"}


def table_name(t: Table) -> str:
    return f"survey_{t.id}"


def history_name(t: Table) -> str:
    return f"survey_{t.id}_history"


def row_columns(form: FormDefinition, t: Table) -> dict[str, str]:
    """A live table's columns and their SQLite types: the head, the fields (by storage), the tail."""
    fields = {f.key: f.ftype.storage for f in form.columns(t.id)}
    return {**HEAD_COLS, **fields, **TAIL_COLS}


def stored(value: object) -> object:
    """A read value as SQLite keeps it (a date as ISO text)."""
    return value.isoformat() if isinstance(value, date | datetime) else value


class SurveyDB:
    """The ledger database opened for one survey definition (tables made or brought up to date)."""

    def __init__(self, conn: sqlite3.Connection, form: FormDefinition):
        self.conn = conn
        self.form = form

    @classmethod
    def open(cls, cfg, form: FormDefinition, write: bool = True) -> SurveyDB:
        """For writing (under the lock): made or brought up to date. For reading: as it is, query only."""
        path: Path = db_path(cfg)
        try:
            db = cls(connect(path, write), form)
            if write:
                db.ensure_tables()
        except sqlite3.Error as exc:
            raise msg.UserError(msg.LEDGER_DB_UNREADABLE.format(path=path, error=exc)) from exc
        return db

    def has_table(self, table: str) -> bool:
        return bool(self.rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)))

    def ensure_tables(self) -> None:
        self._ensure(SUBMISSIONS, SUBMISSION_COLS)
        for t in self.form.tables:
            columns = row_columns(self.form, t)
            self._ensure(table_name(t), columns)
            self._ensure(history_name(t), {**columns, **REPLACED_COLS})

    def _ensure(self, table: str, columns: dict[str, str]) -> None:
        """Create the table, or add the columns a newer definition has (migration on open)."""
        defs = ", ".join(f"{quoted(c)} {kind}" for c, kind in columns.items())
        self.conn.execute(f"CREATE TABLE IF NOT EXISTS {quoted(table)} ({defs})")
        have = {r["name"] for r in self.conn.execute(f"PRAGMA table_info({quoted(table)})")}
        for c, kind in columns.items():
            if c not in have:
                self.conn.execute(f"ALTER TABLE {quoted(table)} ADD COLUMN {quoted(c)} {kind}")

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception (including KeyboardInterrupt)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def rows(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def known(self) -> set[str]:
        return {r[0] for r in self.rows(f"SELECT source_sha256 FROM {SUBMISSIONS}")}

    def submissions(self) -> list[sqlite3.Row]:
        if not self.has_table(SUBMISSIONS):
            return []
        return self.rows(f"SELECT * FROM {SUBMISSIONS} WHERE survey_id = ? ORDER BY seq", (self.form.survey_id,))

    def next_seq(self) -> int:
        """The next file's number, over every survey this ledger holds."""
        return int(self.rows(f"SELECT COALESCE(MAX(seq), 0) + 1 FROM {SUBMISSIONS}")[0][0])

    def log(self, record: dict) -> None:
        cols = [c for c in SUBMISSION_COLS if c in record]
        self.conn.execute(f"INSERT INTO {SUBMISSIONS} ({names(cols)}) VALUES ({', '.join('?' * len(cols))})",
                          [record[c] for c in cols])

    def replace_answer(self, department: str, sha: str, at: str) -> None:
        """Move the department's live rows of every table to history; its earlier answer is no longer live."""
        for t in self.form.tables:
            cols = names(row_columns(self.form, t))
            where = "WHERE survey_id = ? AND department = ?"
            args = (self.form.survey_id, department)
            self.conn.execute(f"INSERT INTO {quoted(history_name(t))} ({cols}, replaced_at, replaced_by) "
                              f"SELECT {cols}, ?, ? FROM {quoted(table_name(t))} {where}", (at, sha, *args))
            self.conn.execute(f"DELETE FROM {quoted(table_name(t))} {where}", args)
        self.conn.execute(f"UPDATE {SUBMISSIONS} SET live = 0 WHERE survey_id = ? AND department = ?",
                          (self.form.survey_id, department))

    def insert_rows(self, t: Table, rows: list[dict]) -> None:
        cols = list(row_columns(self.form, t))
        sql = f"INSERT INTO {quoted(table_name(t))} ({names(cols)}) VALUES ({', '.join('?' * len(cols))})"
        self.conn.executemany(sql, [[stored(row.get(c)) for c in cols] for row in rows])

    def live_rows(self, t: Table) -> list[sqlite3.Row]:
        if not self.has_table(table_name(t)):
            return []
        return self.rows(f"SELECT * FROM {quoted(table_name(t))} WHERE survey_id = ? ORDER BY department, line",
                         (self.form.survey_id,))

    def latest_rows(self, t: Table) -> list[sqlite3.Row]:
        """Each department's rows of its latest accepted answer to any survey of this ledger (the one merged
        last): what next year's form starts from, whatever the new 照会ID."""
        if not self.has_table(table_name(t)):
            return []
        name = quoted(table_name(t))
        return self.rows(f"SELECT * FROM {name} WHERE (department, merged_at) IN (SELECT department, MAX(merged_at) "
                         f"FROM {name} GROUP BY department) ORDER BY department, line")

    def clear(self) -> None:
        """Every row of this survey (for a rebuild from the archive)."""
        tables = [SUBMISSIONS, *(n(t) for t in self.form.tables for n in (table_name, history_name))]
        for table in tables:
            self.conn.execute(f"DELETE FROM {quoted(table)} WHERE survey_id = ?", (self.form.survey_id,))
