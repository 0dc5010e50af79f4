"""Reading in batches and in worker processes, and merging incrementally, give exactly what reading file by
file and merging from scratch give: the same Submissions and findings, the same ledger, the same
ledger.xlsx — also when a file breaks its worker. Plus the benchmark's smoke run (no timings are checked).
"""

from __future__ import annotations

import dataclasses
import itertools
import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path

import badfiles as B
import openpyxl
import pandas as pd
import pytest
from ledger_support import at, fill, form_path, make_forms, sheet_values

from sheetflow import messages as msg
from sheetflow.forms import workbook as forms
from sheetflow.forms.workbook import form_filename
from sheetflow.ground.config import load_config
from sheetflow.intake import files as intake_files
from sheetflow.intake import pool as intake_pool
from sheetflow.intake import read as intake
from sheetflow.intake import safety
from sheetflow.ledger import merge
from sheetflow.ledger.query import Ledger
from sheetflow.ledger.rebuild import rebuild_ledger
from sheetflow.ledger.store import db_path

TABLES = ("meta", "submissions", "current", "current_kpis", "history", "history_kpis")
ROOT = Path(__file__).resolve().parents[2]
SPAWN = os.environ.get(intake_pool.START_METHOD_ENV) == "spawn"  # pytest --start-method=spawn: as on Windows


@pytest.fixture(autouse=True)
def pool_for_test_sizes(monkeypatch):
    """With spawn forced, use the pool for these test inboxes too (in production only from 800 files)."""
    if SPAWN:
        monkeypatch.setattr(intake_pool, "MIN_FILES_SPAWN", intake_pool.MIN_FILES)


# --- a real inbox: every department of the real plan, resubmissions and bad files ----------------------
@pytest.fixture(scope="module")
def real(tmp_path_factory, tomakomai):
    """A workspace on the built-in plan whose inbox holds 50 files: 35 departments, resubmissions (older and
    newer), and files that are returned or unreadable for every kind of reason."""
    root = tmp_path_factory.mktemp("real")
    (root / "sheetflow.toml").write_text('outbox = "outbox"\n', encoding="utf-8")
    cfg = load_config(root)
    make_forms(cfg, tomakomai)
    inbox = cfg.inbox_dir
    for n, dept in enumerate(tomakomai.recipients()):
        behind = n % 5 == 0
        fill(form_path(cfg, dept.key), inbox / form_filename(dept), status="遅れ" if behind else "順調",
             issues="予算の調整中。" if behind else "", actual=float(n), saved_at=at(10))
    for n, dept in enumerate(tomakomai.recipients()[:6]):  # newer and older versions of the same forms
        fill(form_path(cfg, dept.key), inbox / "再提出" / f"{n}_新.xlsx", status="完了", result=f"完了した（{n}）。",
             saved_at=at(12))
        fill(form_path(cfg, dept.key), inbox / "再提出" / f"{n}_旧.xlsx", status="未着手", saved_at=at(3))
    biggest = max(tomakomai.recipients(), key=lambda d: len(tomakomai.items_for(d)))
    first = form_path(cfg, biggest.key)
    many = fill(first, root / "many.xlsx", status="ぼちぼち", result="長" * 1001, reporter="名" * 51, phone="0" * 31,
                actual=None)
    bad = {"空.xlsx": b"", "古い.xls": B.xls(), "一覧.csv": B.csv_text(), "壊れ.xlsx": b"PK\x03\x04broken",
           "爆弾.xlsx": B.zip_of_zeros({"xl/a.xml": 10 << 20}), "名前変更.xlsx": B.rename_sheet(
               many.read_bytes(), "進捗報告", "報告"), "誤り多数.xlsx": many.read_bytes(),
           "項目名変更.xlsx": _edited(first)}
    for name, data in bad.items():
        B.write(inbox / "差戻し", name, data)
    return cfg


def _edited(form: Path) -> bytes:
    """A form whose locked 項目名 was changed (intake rebuilds the form to name the column)."""
    import io

    wb = openpyxl.load_workbook(form)
    wb["進捗報告"]["C4"] = "書き換えた項目名"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def pooled(cfg, workers: int = 2):
    return dataclasses.replace(cfg, workers=workers)


def same(a: list, b: list) -> None:
    """Two lists of Submissions are equal in every value a later stage uses."""
    assert [intake.submission_dict(s) for s in a] == [intake.submission_dict(s) for s in b]
    for x, y in zip(a, b, strict=True):
        assert (x.mtime, x.saved_at, x.previous) == (y.mtime, y.saved_at, y.previous)
        pd.testing.assert_frame_equal(x.reports, y.reports)
        pd.testing.assert_frame_equal(x.kpis, y.kpis)
        assert [repr(v) for v in x.kpis["actual"]] == [repr(v) for v in y.kpis["actual"]]


def files(cfg) -> list[Path]:
    return intake_files.collect_files([cfg.inbox_dir])


# --- intake: pool, batches ---------------------------------------------------------------------------
def test_check_files_with_a_pool_equals_without(real, tomakomai):
    paths = files(real)
    assert len(paths) == 55 and intake_pool.worker_count(pooled(real), len(paths)) == 2
    seen: list = []
    with_pool = intake_pool.check_files(paths, tomakomai, pooled(real), progress=seen.append)
    alone = intake_pool.check_files(paths, tomakomai, pooled(real, 1))
    same(with_pool, alone)
    assert seen == with_pool  # progress once per file, in the order of the files
    results = [intake.result_of(s) for s in with_pool]
    assert (results.count("accepted"), results.count("returned"), results.count("unreadable")) == (47, 3, 5)


def test_batched_reading_equals_reading_one_file_at_a_time(real, tomakomai):
    paths = files(real)
    same(intake.read_submissions(paths, tomakomai, real), [intake.read_submission(p, tomakomai, real) for p in paths])


def test_many_schema_failures_are_listed_cell_by_cell_in_sheet_order(real, tomakomai):
    sub = intake.read_submission(real.inbox_dir / "差戻し" / "誤り多数.xlsx", tomakomai, real)
    schema = [(f.code, f.cell) for f in sub.findings if f.code in ("status.invalid", "text.too_long")]
    rows = range(4, 4 + len(sub.reports))
    assert len(schema) == 4 * len(rows) > 16  # more than pandera keeps in order by itself
    assert schema == [("status.invalid", f"I{r}") for r in rows] + [
        ("text.too_long", f"{col}{r}") for col in "JLM" for r in rows]  # 今期の取組実績, 記入者, 連絡先


@pytest.mark.skipif(SPAWN, reason="the failure is injected with monkeypatch, which only forked workers inherit; "
                    "spawned workers are covered by the other pool tests")
def test_a_file_that_fails_inside_a_worker_gets_a_finding_and_the_others_are_read(real, tomakomai, monkeypatch):
    paths = files(real)
    victim = next(p for p in paths if p.name.endswith("_新.xlsx"))
    real_read = intake.formread.read_values

    def read_values(data, **kwargs):
        if data == victim.read_bytes():
            raise RuntimeError("calamine gave up")
        return real_read(data, **kwargs)

    monkeypatch.setattr(intake.formread, "read_values", read_values)  # inherited by the forked workers
    with_pool = intake_pool.check_files(paths, tomakomai, pooled(real))
    same(with_pool, intake_pool.check_files(paths, tomakomai, pooled(real, 1)))
    broken = with_pool[paths.index(victim)]
    assert broken.identity is None and [f.code for f in broken.errors] == ["file.internal"]
    assert "RuntimeError: calamine gave up" in broken.errors[0].message
    assert sum(s.accepted for s in with_pool) == 46


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods() or SPAWN,
                    reason="the deadly reader is injected with monkeypatch, which only forked workers inherit")
def test_a_file_that_kills_its_worker_never_stops_the_good_ones(real, tomakomai, monkeypatch):
    paths = files(real)
    victim = next(p for p in paths if p.name == "壊れ.xlsx")
    check_bytes = safety.check_bytes

    def deadly(data, name, size, max_mb):
        if name == victim.name:
            os._exit(3)  # as a crash in native code would: no exception, the process is gone
        return check_bytes(data, name, size, max_mb)

    expected = intake_pool.check_files([p for p in paths if p != victim], tomakomai, pooled(real, 1))
    monkeypatch.setattr(safety, "check_bytes", deadly)  # runs only in workers: the pool reads every file
    got = intake_pool.check_files(paths, tomakomai, pooled(real))
    dead = got.pop(paths.index(victim))
    same(got, expected)
    assert dead.identity is None and [f.code for f in dead.findings] == ["file.internal"]
    assert "BrokenProcessPool" in dead.findings[0].message


def test_workers_started_without_fork_give_the_same_results(real, tomakomai, monkeypatch):
    paths = files(real)[:10]
    monkeypatch.setattr(intake_pool, "_context", lambda: multiprocessing.get_context("spawn"))
    monkeypatch.setattr(intake_pool, "MIN_FILES_SPAWN", 2)
    assert intake_pool.worker_count(pooled(real), len(paths)) == 2
    same(intake_pool.check_files(paths, tomakomai, pooled(real)), intake_pool.check_files(paths, tomakomai, pooled(real, 1)))


def test_pool_only_for_enough_files_and_as_configured(real):
    assert intake_pool.worker_count(pooled(real), intake_pool.MIN_FILES - 1) == 1
    assert intake_pool.worker_count(pooled(real, 1), 500) == 1  # workers = 1: never a pool
    assert intake_pool.worker_count(pooled(real, 0), 500) == len(os.sched_getaffinity(0)) or os.cpu_count() == 1
    assert intake_pool.worker_count(pooled(real, 8), 40) == 5  # 40 files: 5 batches of 8, a worker each


def test_department_units_are_the_form_units(tomakomai, mini_plan):
    for plan in (tomakomai, mini_plan):
        expected: dict = {}
        for by in (forms.BY_KA, forms.BY_BU):
            expected.update({key: [i.no for i in items] for key, items in forms.form_units(plan, by)})
        assert intake.department_units(plan) == expected
        assert list(intake.department_units(plan)) == list(expected)


# --- merge: pool and incremental ------------------------------------------------------------------------
def ledger_state(cfg) -> tuple[dict, bytes, dict]:
    ledger = Ledger(db_path(cfg))
    tables = {t: ledger.table(t).astype(object).where(ledger.table(t).notna(), None).to_dict("records")
              for t in TABLES}
    returned = {p.name: sheet_values(p) for p in sorted((cfg.outbox_dir / "returns").rglob("*.xlsx"))}
    return tables, (cfg.outbox_dir / "ledger.xlsx").read_bytes(), returned


def clock(monkeypatch) -> None:
    """Every merge's time (received_at, the workbook's date) from one fixed sequence."""
    ticks = (f"2025-10-{d:02d}T17:00:00.000000+09:00" for d in itertools.count(20))
    monkeypatch.setattr(merge, "now_iso", lambda: next(ticks))


def outbox(cfg, name: str):
    return dataclasses.replace(cfg, outbox=cfg.root / name)


def test_merge_with_a_pool_writes_the_same_ledger(real, tomakomai, monkeypatch):
    states = []
    for name, workers in (("serial", 1), ("pooled", 2)):
        clock(monkeypatch)
        cfg = pooled(outbox(real, name), workers)
        res = merge.merge_inbox(cfg, tomakomai)
        assert res.count(msg.RESULT_ACCEPTED, msg.RESULT_ACCEPTED_OLD) == 47
        assert (res.count(msg.RESULT_RETURNED), res.count(msg.RESULT_UNREADABLE)) == (3, 5)
        states.append(ledger_state(cfg))
    assert states[0] == states[1]  # tables, ledger.xlsx byte for byte, the 差戻し workbooks' values
    cfg = outbox(real, "pooled")
    rebuild_ledger(cfg, tomakomai)
    assert ledger_state(cfg)[0] == states[1][0]


def test_incremental_merge_reads_only_the_new_file_and_equals_merging_it_alone(real, tomakomai, monkeypatch,
                                                                               tmp_path):
    late = fill(form_path(real, tomakomai.recipients()[3].key), tmp_path / "遅れて届いた.xlsx", status="完了",
                result="遅れて提出。", saved_at=at(20))
    states = []
    for name in ("everything", "alone"):
        clock(monkeypatch)
        cfg = outbox(real, f"inc-{name}")
        merge.merge_inbox(cfg, tomakomai)
        inbox = tmp_path / name
        shutil.copytree(real.inbox_dir, inbox, copy_function=shutil.copy2) if name == "everything" else inbox.mkdir()
        shutil.copy2(late, inbox / late.name)
        read: list[Path] = []
        real_read = intake_pool.read_submissions

        def spy(paths, *args, read=read, real_read=real_read):
            read.extend(paths)
            return real_read(paths, *args)

        monkeypatch.setattr(intake_pool, "read_submissions", spy)
        res = merge.merge_inbox(cfg, tomakomai, inbox=inbox)
        monkeypatch.setattr(intake_pool, "read_submissions", real_read)
        assert [p.name for p in read] == [late.name]  # the 55 known files are recognised by hash, never opened
        assert res.count(msg.RESULT_KNOWN) == (55 if name == "everything" else 0)
        states.append(ledger_state(cfg))
    tables, book, _ = states[0]
    assert (tables, book) == states[1][:2]
    assert len(tables["history"]) > 0 and tables["submissions"][-1]["source_name"] == late.name


# --- the benchmark's smoke run ----------------------------------------------------------------------------
def test_benchmark_quick_run_prints_the_whole_table():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 0, done.stderr[-2000:]
    table = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    labels = ["計画マスタの読み込み", "様式の作成", "check（intake.check_files", "check（同、プールなし", "素朴なループ",
              "下限: zip 展開", "merge（空の台帳へ全件）", "merge（1件の再提出を追加）", "ledger.xlsx の書き直し",
              "report（write_period_report）", "merge のピークメモリ", "行の台帳の ledger.xlsx 書き出し", "sheetflow demo"]
    assert len(table) == 1 + len(labels)
    for line, label in zip(table[1:], labels, strict=True):
        assert label in line
    for ratio in ("素朴なループの何倍速いか", "下限の何倍かかるか", "追加1件の merge ÷ 全件の merge", "ピークメモリ"):
        assert ratio in done.stdout
