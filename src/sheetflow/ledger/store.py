"""The ledger's state: one SQLite file (outbox/ledger.sqlite), the index over the archive.

Tables: `current` (one row per (period, item no)), `current_kpis` (one per (period, kpi_key)),
`history` / `history_kpis` (superseded rows with replaced_at, replaced_by), `council_scores` (every
審議会 member's scores and opinions, per file), `submissions` (every file ever seen, with its result), `events` (each publication of a year and each
recorded reopening of a published one: who and when; created in an older ledger when it is next opened for
writing, read as empty before that) and `meta` (schema version, merge counter, "workbook needs rewriting",
the merge whose per-file results were not shown yet).
All changes of one merge happen in one transaction (rollback journal, no WAL: one file to back up, and WAL
does not work over a network filesystem: its index is shared memory, https://www.sqlite.org/wal.html; while
the outbox is often on an SMB share; only the holder of outbox/.sheetflow.lock ever writes).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import FormDefinition
from sheetflow.ground.files import local
from sheetflow.ground.periods import Period, parse_period
from sheetflow.ledger.tables import (
    COUNCIL_FIELDS,
    FIELD_TABLES,
    REPLACED_COLS,
    SUBMISSION_LOG_FIELDS,
    field_columns,
    stored_fields,
)

SCHEMA_VERSION = 3  # 2: 効果額 (revenue, saving, basis) and 達成度 (grade) in current / history; 3: response (意見への対応)
DB_NAME = "ledger.sqlite"
BOOK_NAME = "ledger.xlsx"


def db_path(cfg) -> Path:
    """outbox/ledger.sqlite of a workspace (cfg: ground.config.Config)."""
    return cfg.outbox_dir / DB_NAME


def period_code(period) -> str | None:
    """The code (e.g. 2025H1) of a Period or of anything parse_period reads; None for no period."""
    if period is None or period == "":
        return None
    return period.code if isinstance(period, Period) else parse_period(str(period)).code

# Submission log: the model's columns plus what ordering, receipts and the workbook need.
LOG_EXTRA = ["source_path", "saved_at", "size", "order_at", "merge_no", "format_version", "plan_id",
             "plan_version", "sheetflow_version", "live"]
LOG_COLS = [*SUBMISSION_LOG_FIELDS, *LOG_EXTRA]
UNSHOWN_KEY = "unshown_batch"  # meta: the merge whose per-file results were not shown yet (interrupted)
EVENT_COLS = ["kind", "year", "period", "at", "user"]  # kind: publish | reopen
# the columns that are no defined field (a field's storage is its type's: tables.stored_fields)
_INT_COLS = {"no", "plan_version", "errors", "warnings", "size", "merge_no", "live", "year", "score"}
BUILTIN = (DW.builtin_definition(),)


def quoted(name: str) -> str:
    """An SQL identifier (a 項目ID may be Japanese, or an SQL word)."""
    return '"' + name.replace('"', '""') + '"'


def names(cols: Iterable[str]) -> str:
    return ", ".join(quoted(c) for c in cols)


def _coldefs(cols: Iterable[str], storage: dict[str, str] | None = None) -> str:
    def kind(c: str) -> str:
        return (storage or {}).get(c) or ("INTEGER" if c in _INT_COLS else "TEXT")

    return ", ".join(f"{quoted(c)} {kind(c)}" for c in cols)


def field_storage(forms: Iterable[FormDefinition]) -> dict[str, dict[str, str]]:
    """ledger table (and its history) → {column: SQLite type} of its defined fields."""
    forms = tuple(forms)
    out = {}
    for table, (history, _, _) in FIELD_TABLES.items():
        out[table] = out[history] = {f.key: f.ftype.storage for f in stored_fields(table, forms)}
    return out


def schema(forms: Iterable[FormDefinition]) -> str:
    """The ledger's tables as they are created (an existing one gains new fields in _add_missing_columns)."""
    forms = tuple(forms)
    rep, kpi = field_columns("current", forms), field_columns("current_kpis", forms)
    rep_t, kpi_t = (field_storage(forms)[t] for t in ("current", "current_kpis"))
    return f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS submissions (seq INTEGER PRIMARY KEY AUTOINCREMENT, {_coldefs(LOG_COLS)},
    UNIQUE (source_sha256));
CREATE TABLE IF NOT EXISTS current ({_coldefs(rep, rep_t)}, PRIMARY KEY (period, no));
CREATE TABLE IF NOT EXISTS current_kpis ({_coldefs(kpi, kpi_t)}, PRIMARY KEY (period, kpi_key));
CREATE TABLE IF NOT EXISTS history (seq INTEGER PRIMARY KEY AUTOINCREMENT, {_coldefs(rep + REPLACED_COLS, rep_t)});
CREATE TABLE IF NOT EXISTS history_kpis (seq INTEGER PRIMARY KEY AUTOINCREMENT,
    {_coldefs(kpi + REPLACED_COLS, kpi_t)});
CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, {_coldefs(EVENT_COLS)});
CREATE TABLE IF NOT EXISTS council_scores ({_coldefs(COUNCIL_FIELDS)}, PRIMARY KEY (source_sha256, no));
CREATE INDEX IF NOT EXISTS submissions_unit ON submissions (period, department);
CREATE INDEX IF NOT EXISTS current_source ON current (source_sha256);
CREATE INDEX IF NOT EXISTS current_kpis_source ON current_kpis (source_sha256);
"""


# --- timestamps ------------------------------------------------------------------------------------
def now_iso() -> str:
    """Merge time: local time with its offset, microseconds kept (orders merges within a second)."""
    return datetime.now().astimezone().isoformat(timespec="microseconds")


def to_iso(value: datetime | None, naive_is_utc: bool = False) -> str:
    """A timestamp as ISO text with offset; naive values are local time unless naive_is_utc."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC) if naive_is_utc else local(value)
    return value.isoformat(timespec="microseconds")


def utc_key(iso: str) -> str:
    """ISO text → fixed-width UTC text, so that string order is time order."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
    except (OSError, OverflowError, ValueError):
        return iso


def connect(path: Path, write: bool) -> sqlite3.Connection:
    """The ledger file, opened the one way for every table in it. For writing it is made if missing, with a
    rollback journal and full sync (it often sits on a share). For reading it is query only and never made: a
    missing file is an error. No file: URI (a UNC path gives file://server/..., which SQLite refuses)."""
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.is_file():
        raise sqlite3.OperationalError(msg.LEDGER_DB_MISSING)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=DELETE" if write else "PRAGMA query_only = ON")
    if write:
        conn.execute("PRAGMA synchronous=FULL")
    return conn


# --- the store -------------------------------------------------------------------------------------
class Store:
    """An open ledger database. Use `with store.transaction(): ...` for changes."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        self._types: dict[str, dict[str, str]] = {}

    @classmethod
    def open(cls, path: Path, create: bool = True, forms: Iterable[FormDefinition] = BUILTIN) -> Store:
        """The ledger at path; with create (for writing), made or brought up to date: every input field of
        `forms` (tables.ledger_forms) is a column."""
        try:
            conn = connect(path, create)
            store = cls(path, conn)
            if create:
                conn.executescript(schema(forms))
            store._check_version(create)
            if create:
                store._add_missing_columns(tuple(forms))
        except sqlite3.Error as exc:
            raise msg.UserError(msg.LEDGER_DB_UNREADABLE.format(path=path, error=exc)) from exc
        return store

    def _check_version(self, create: bool) -> None:
        found = self.meta("schema_version")
        if found is None and create:
            self.conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif found is not None and int(found) > SCHEMA_VERSION:
            raise msg.UserError(msg.LEDGER_DB_NEWER.format(path=self.path, found=found, supported=SCHEMA_VERSION))
        elif found is not None and int(found) < SCHEMA_VERSION and not create:
            raise msg.UserError(msg.LEDGER_DB_OLDER.format(path=self.path, found=found))

    def _add_missing_columns(self, forms: tuple[FormDefinition, ...]) -> None:
        """A ledger of an older schema, or made before a field was defined, gets the columns added since
        (empty in its old rows)."""
        storage = field_storage(forms)
        for table, (history, _, _) in FIELD_TABLES.items():
            cols = field_columns(table, forms)
            for name, wanted in ((table, cols), (history, cols + REPLACED_COLS)):
                have = set(self.types(name))
                for col in (c for c in wanted if c not in have):
                    self.conn.execute(f"ALTER TABLE {quoted(name)} ADD COLUMN {_coldefs([col], storage[name])}")
                self._types.pop(name, None)
        if self.meta("schema_version") != str(SCHEMA_VERSION):
            self.set_meta("schema_version", str(SCHEMA_VERSION))

    def close(self) -> None:
        self.conn.close()

    def transaction(self) -> _Transaction:
        return _Transaction(self.conn)

    def types(self, table: str) -> dict[str, str]:
        """A table's columns (in the database's order) and their declared types."""
        if table not in self._types:
            self._types[table] = {r[1]: r[2] for r in self.conn.execute(f"PRAGMA table_info({quoted(table)})")}
        return self._types[table]

    # meta
    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                          (key, value))

    def drop_meta(self, key: str) -> None:
        self.conn.execute("DELETE FROM meta WHERE key = ?", (key,))

    def next_merge_no(self) -> int:
        return int(self.meta("merge_no") or 0) + 1

    # submissions log
    def known(self, shas: Iterable[str]) -> dict[str, sqlite3.Row]:
        """sha256 → its log row (result, period, department, source_name), for hashes already seen."""
        shas = list(shas)
        out: dict[str, sqlite3.Row] = {}
        for i in range(0, len(shas), 500):
            chunk = shas[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute("SELECT source_sha256, result, period, department, source_name "
                                         f"FROM submissions WHERE source_sha256 IN ({marks})", chunk):
                out[row[0]] = row
        return out

    def log(self, record: dict) -> None:
        cols = [c for c in LOG_COLS if c in record]
        self.conn.execute(f"INSERT INTO submissions ({names(cols)}) VALUES ({', '.join('?' * len(cols))})",
                          [record[c] for c in cols])

    def submission(self, sha: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM submissions WHERE source_sha256 = ?", (sha,)).fetchone()

    def live_submission(self, period: str, department: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM submissions WHERE period = ? AND department = ? AND live = 1",
                                 (period, department)).fetchone()

    def set_live(self, sha: str, live: int) -> None:
        self.conn.execute("UPDATE submissions SET live = ? WHERE source_sha256 = ?", (live, sha))

    def replaced_by(self, sha: str) -> list[sqlite3.Row]:
        """The logged files whose current rows the file `sha` moved into history."""
        return self.rows("SELECT * FROM submissions WHERE source_sha256 IN (SELECT DISTINCT source_sha256 "
                         "FROM history WHERE replaced_by = ? UNION SELECT DISTINCT source_sha256 FROM history_kpis "
                         "WHERE replaced_by = ?) AND source_sha256 <> ? ORDER BY seq", (sha, sha, sha))

    # events (publications and reopenings)
    def add_event(self, event: dict) -> None:
        self.insert("events", EVENT_COLS, event)

    def events(self) -> list[sqlite3.Row]:
        """Every event, oldest first; none in a ledger made before the table existed (read-only open)."""
        if not self.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'events'"):
            return []
        return self.rows(f"SELECT {', '.join(EVENT_COLS)} FROM events ORDER BY at, seq")

    # rows
    def current_row(self, table: str, period: str, key_col: str, key: object) -> sqlite3.Row | None:
        return self.conn.execute(f"SELECT * FROM {table} WHERE period = ? AND {quoted(key_col)} = ?",
                                 (period, key)).fetchone()

    def insert(self, table: str, cols: list[str], row: dict) -> None:
        self.conn.execute(f"INSERT INTO {table} ({names(cols)}) VALUES ({', '.join('?' * len(cols))})",
                          [row[c] for c in cols])

    def retire_source(self, table: str, cols: list[str], key_col: str, sha: str, at: str, by: str) -> int:
        """Move every current row that came from file `sha` into history (in key order)."""
        hist = "history" if table == "current" else "history_kpis"
        cols_sql = names(cols)
        cur = self.conn.execute(
            f"INSERT INTO {hist} ({cols_sql}, replaced_at, replaced_by) SELECT {cols_sql}, ?, ? FROM {table} "
            f"WHERE source_sha256 = ? ORDER BY period, {quoted(key_col)}", (at, by, sha))
        self.conn.execute(f"DELETE FROM {table} WHERE source_sha256 = ?", (sha,))
        return cur.rowcount

    def retire_row(self, table: str, cols: list[str], key_col: str, period: str, key: object, at: str,
                   by: str) -> None:
        hist = "history" if table == "current" else "history_kpis"
        cols_sql = names(cols)
        self.conn.execute(
            f"INSERT INTO {hist} ({cols_sql}, replaced_at, replaced_by) SELECT {cols_sql}, ?, ? FROM {table} "
            f"WHERE period = ? AND {quoted(key_col)} = ?", (at, by, period, key))
        self.conn.execute(f"DELETE FROM {table} WHERE period = ? AND {quoted(key_col)} = ?", (period, key))

    def insert_history(self, table: str, cols: list[str], row: dict, at: str, by: str) -> None:
        hist = "history" if table == "current" else "history_kpis"
        self.insert(hist, [*cols, *REPLACED_COLS], {**row, "replaced_at": at, "replaced_by": by})

    # reading
    def rows(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def count(self, table: str) -> int:
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception (including KeyboardInterrupt)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
