"""Wide or long? The ledger's report rows stored two ways, 100,000 rows (10 periods × 500 課 × 20 items), the
built-in fields plus one defined field (budget, 整数): `python benchmarks/ledger_layout.py [--rows 100000]`.

wide: sheetflow's own Store — one column per defined field, typed by its storage (what the ledger does).
long: one row per item (identity + provenance) and a typed long table `field_values (period, no, field, value)`
      (SQLite keeps each value's own type), history likewise.
Measured: loading every row in one transaction (a rebuild), a resubmission of one 課 (its 20 rows to
history, the new ones in: what a merge does per file, median of 50), one period's rows as a DataFrame with
every field (what the report reads, median of 5), and the file size.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sheetflow.definition import workspace as DW  # noqa: E402
from sheetflow.definition.read import load_definition  # noqa: E402
from sheetflow.ledger.query import Ledger  # noqa: E402
from sheetflow.ledger.store import Store, names  # noqa: E402
from sheetflow.ledger.tables import PROVENANCE  # noqa: E402

TEXT = "関係課と協議し、実施方針を整理した。計画どおり事業を実施した。"
PER_PERIOD, PER_DEPT = 10_000, 20
FIELDS = {"status": "順調", "result": TEXT, "issues": "", "reporter": "佐藤", "phone": "2001", "revenue": 1200,
          "saving": None, "basis": "", "grade": "", "response": "", "budget": 3400}
BUDGET = "  - {表ID: report, 項目ID: budget, 見出し: 予算額（千円）, 型: 整数, 最小: 0, 集計: 合計, 公表: ○}\n"


def budget_form(folder: Path):
    lines = DW.builtin_path().read_text(encoding="utf-8").splitlines(keepends=True)
    after = next(i for i, line in enumerate(lines) if "項目ID: grade," in line)
    path = folder / "様式定義.yaml"
    path.write_text("".join([*lines[:after + 1], BUDGET, *lines[after + 1:]]), encoding="utf-8")
    return load_definition(path)


def period_code(n: int) -> str:
    return f"{2025 + n // 2}H{n % 2 + 1}"


def rows(total: int, sha: str = "a") -> list[dict]:
    out = []
    for i in range(total):
        period, no = period_code(i // PER_PERIOD), i % PER_PERIOD + 1
        dept = f"課{(no - 1) // PER_DEPT:03d}"
        prov = {c: f"{sha}{dept}" if c == "source_sha256" else 1 if c == "plan_version" else "x" for c in PROVENANCE}
        out.append({"period": period, "no": no, "department": dept, **FIELDS, **prov})
    return out


# --- long layout ---------------------------------------------------------------------------------------------
IDENT = ["period", "no", "department", *PROVENANCE]
LONG_SCHEMA = f"""
CREATE TABLE items ({", ".join(IDENT)}, PRIMARY KEY (period, no));
CREATE INDEX items_source ON items (source_sha256);
CREATE TABLE field_values (period TEXT, no INTEGER, field TEXT, value, PRIMARY KEY (period, no, field)) WITHOUT ROWID;
CREATE TABLE history_items (seq INTEGER PRIMARY KEY AUTOINCREMENT, {", ".join(IDENT)}, replaced_at, replaced_by);
CREATE TABLE history_values (seq INTEGER, field TEXT, value);
"""


def long_insert(conn: sqlite3.Connection, batch: list[dict]) -> None:
    conn.executemany(f"INSERT INTO items VALUES ({', '.join('?' * len(IDENT))})", [[r[c] for c in IDENT] for r in batch])
    conn.executemany("INSERT INTO field_values VALUES (?, ?, ?, ?)",
                     [(r["period"], r["no"], f, r[f]) for r in batch for f in FIELDS])


def long_retire(conn: sqlite3.Connection, sha: str) -> None:
    for r in conn.execute("SELECT period, no FROM items WHERE source_sha256 = ?", (sha,)).fetchall():
        seq = conn.execute(f"INSERT INTO history_items ({', '.join(IDENT)}, replaced_at, replaced_by) SELECT "
                           f"{', '.join(IDENT)}, 'now', 'new' FROM items WHERE period = ? AND no = ?", r).lastrowid
        conn.execute("INSERT INTO history_values SELECT ?, field, value FROM field_values WHERE period = ? AND no = ?",
                     (seq, *r))
        conn.execute("DELETE FROM field_values WHERE period = ? AND no = ?", r)
    conn.execute("DELETE FROM items WHERE source_sha256 = ?", (sha,))


def long_period(path: Path, period: str) -> pd.DataFrame:
    conn = sqlite3.connect(path)
    try:
        items = pd.read_sql_query("SELECT * FROM items WHERE period = ? ORDER BY no", conn, params=(period,))
        values = pd.read_sql_query("SELECT no, field, value FROM field_values WHERE period = ?", conn, params=(period,))
    finally:
        conn.close()
    wide = values.pivot(index="no", columns="field", values="value").reset_index()
    return items.merge(wide, on="no")


# --- wide layout (sheetflow's Store) ---------------------------------------------------------------------------
def wide_insert(store: Store, batch: list[dict]) -> None:
    cols = list(store.types("current"))
    store.conn.executemany(f"INSERT INTO current ({names(cols)}) VALUES ({', '.join('?' * len(cols))})",
                           [[r.get(c) for c in cols] for r in batch])


def wide_resubmit(store: Store, sha: str, batch: list[dict]) -> None:
    store.retire_source("current", list(store.types("current")), "no", sha, "now", "new")
    wide_insert(store, batch)


# --- measuring -------------------------------------------------------------------------------------------------
def timed(fn: Callable[[], object], reps: int) -> float:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure_wide(folder: Path, data: list[dict], form) -> dict:
    path = folder / "wide.sqlite"
    store = Store.open(path, forms=(DW.builtin_definition(), form))
    with store.transaction():
        load = timed(lambda: wide_insert(store, data), 1)
    resub = _resubmissions(lambda sha, batch: wide_resubmit(store, sha, batch), store.conn, data)
    store.close()
    query = timed(lambda: Ledger(path).current(period_code(0)), 5)
    return {"load": load, "resubmit": resub, "query": query, "size": path.stat().st_size}


def measure_long(folder: Path, data: list[dict]) -> dict:
    path = folder / "long.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(LONG_SCHEMA)
    conn.execute("BEGIN")
    load = timed(lambda: long_insert(conn, data), 1)
    conn.execute("COMMIT")

    def resubmit(sha: str, batch: list[dict]) -> None:
        long_retire(conn, sha)
        long_insert(conn, batch)

    resub = _resubmissions(resubmit, conn, data)
    conn.close()
    query = timed(lambda: long_period(path, period_code(0)), 5)
    return {"load": load, "resubmit": resub, "query": query, "size": path.stat().st_size}


def _resubmissions(resubmit: Callable[[str, list[dict]], None], conn: sqlite3.Connection, data: list[dict]) -> float:
    """One 課's file replaced, 50 times over (a different 課 each time), each in its own transaction."""
    times = []
    for n in range(50):
        dept = f"課{n:03d}"
        batch = [{**r, "source_sha256": f"b{dept}"} for r in data[:PER_PERIOD] if r["department"] == dept]
        conn.execute("BEGIN")
        start = time.perf_counter()
        resubmit(f"a{dept}", batch)
        times.append(time.perf_counter() - start)
        conn.execute("COMMIT")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    total = parser.parse_args().rows
    data = rows(total)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        results = {"wide": measure_wide(folder, data, budget_form(folder)), "long": measure_long(folder, data)}
    print(f"| layout ({total:,} rows) | load all | one 課 resubmitted | one period as DataFrame | file |")
    print("|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['load']:.2f} s | {r['resubmit'] * 1000:.1f} ms | {r['query'] * 1000:.0f} ms "
              f"| {r['size'] / 1e6:.1f} MB |")


if __name__ == "__main__":
    main()
