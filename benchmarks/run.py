"""sheetflow benchmarks: `python benchmarks/run.py [--n 400] [--quick]`.

Builds a synthetic plan of N departments × 20 items (texts and KPIs from the real plan) with
sheetflow's own code, writes and fills the forms, then measures, in one run, with medians of at
least 3 repetitions: writing the forms; `check` of every returned file (with the process pool and
without); the naive openpyxl loop and the XML floor over the same files; `merge` into an empty ledger;
`merge` again with one late file; the period report; rewriting ledger.xlsx; peak memory of a merge and
of writing a 100,000-row ledger (child processes); and the real plan's `sheetflow demo`. Prints a
Markdown table and the ratios against the targets. `--n 2000` is the full-scale run.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path[:0] = [str(SRC), str(HERE)]

import baselines  # noqa: E402
import ledger100k  # noqa: E402
import workload as W  # noqa: E402

from sheetflow.forms import workbook as forms  # noqa: E402
from sheetflow.ground.periods import parse_period  # noqa: E402
from sheetflow.intake import files as intake_files
from sheetflow.intake import pool as intake_pool
from sheetflow.intake import read as intake
from sheetflow.ledger import book as ledger_book
from sheetflow.ledger import merge
from sheetflow.ledger.query import Ledger
from sheetflow.ledger.store import db_path  # noqa: E402
from sheetflow.plan.load import load_plan  # noqa: E402
from sheetflow.report import workbook as report

ROWS = ("plan", "forms", "check", "check1", "naive", "floor", "merge", "merge_inc", "book", "report",
        "rss_merge", "rss_100k", "demo")


@dataclasses.dataclass
class Row:
    key: str
    label: str
    count: str
    median: float | None  # seconds (None: not measured)
    unit: str = ""  # per-unit text
    note: str = ""


def timed(fn: Callable[[], object], reps: int, setup: Callable[[], object] | None = None) -> list[float]:
    """Wall-clock seconds of fn() for each repetition (setup() before each, not timed)."""
    out = []
    for _ in range(reps):
        if setup:
            setup()
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def secs(seconds: float) -> str:
    return f"{seconds:,.2f} s" if seconds < 100 else f"{seconds:,.0f} s"


# --- the measurements ----------------------------------------------------------------------------------
class Bench:
    def __init__(self, root: Path, n: int, items: int, reps: int, big_rows: int = ledger100k.ROWS):
        self.root, self.reps, self.rows, self.big_rows = root, reps, {}, big_rows
        start = time.perf_counter()
        self.ws = W.make_workspace(root / "ws", n, items)
        self.cfg = self.ws.config()
        self.period = parse_period(W.PERIOD)
        self.setup_s = time.perf_counter() - start

    def add(self, key: str, label: str, count: str, times: list[float] | None, per: int | None = None,
            note: str = "") -> None:
        median = statistics.median(times) if times else None
        unit = ms(median / per) if median is not None and per else ""
        self.rows[key] = Row(key, label, count, median, unit, note)

    def plan_and_forms(self) -> None:
        ws, out = self.ws, self.root / "forms"
        self.add("plan", "計画マスタの読み込み（load_plan・検証込み）", f"{ws.items:,} 項目",
                 timed(lambda: load_plan(ws.root / "plan.yaml"), self.reps))
        results: list = []
        self.add("forms", "様式の作成（write_forms）", f"{ws.departments:,} 様式",
                 timed(lambda: results.append(forms.write_forms(ws.plan, self.period, self.cfg, out, force=True)),
                       self.reps), per=ws.departments, note="1様式あたり")
        start = time.perf_counter()
        self.files = W.fill_all(ws, [r.path for r in results[-1]])
        W.fill(results[-1][0].path, self.root / "late" / "zz_再提出.xlsx", 999, "（再提出）")
        self.fill_s = time.perf_counter() - start

    def reading(self) -> None:
        files, ws = self.files, self.ws
        n = len(files)
        pooled = intake_pool.check_files(files, ws.plan, self.cfg)
        serial_cfg = dataclasses.replace(self.cfg, workers=1)
        if [intake.submission_dict(s) for s in pooled] != [
                intake.submission_dict(s) for s in intake_pool.check_files(files, ws.plan, serial_cfg)]:
            raise SystemExit("check: the pool and the serial path disagree")
        accepted = sum(s.accepted for s in pooled)
        workers = intake_pool.worker_count(self.cfg, n)
        self.add("check", f"check（intake.check_files、{workers} プロセス）", f"{n:,} ファイル",
                 timed(lambda: intake_pool.check_files(files, ws.plan, self.cfg), self.reps), per=n,
                 note=f"1ファイルあたり（受理 {accepted:,}）")
        self.add("check1", "check（同、プールなし workers=1）", f"{n:,} ファイル",
                 timed(lambda: intake_pool.check_files(files, ws.plan, serial_cfg), self.reps), per=n,
                 note="1ファイルあたり")
        self.add("naive", "比較: openpyxl で読むだけの素朴なループ", f"{n:,} ファイル",
                 timed(lambda: baselines.naive(files), self.reps), per=n, note="1ファイルあたり（検査なし）")
        self.add("floor", "下限: zip 展開 + XML 解析のみ", f"{n:,} ファイル",
                 timed(lambda: baselines.floor(files), self.reps), per=n, note="1ファイルあたり（型変換・検査なし）")

    def merging(self) -> None:
        outbox, n = self.cfg.outbox_dir, len(self.files)
        self.add("merge", "merge（空の台帳へ全件）", f"{n:,} ファイル",
                 timed(lambda: merge.merge_inbox(self.cfg, self.ws.plan), self.reps,
                       setup=lambda: W.clear(outbox)), per=n, note="1ファイルあたり")
        base = self.root / "outbox.merged"
        W.clear(base)
        shutil.copytree(outbox, base)
        late = self.ws.inbox / "zz_再提出.xlsx"
        shutil.copy(self.root / "late" / late.name, late)

        def restore() -> None:
            W.clear(outbox)
            shutil.copytree(base, outbox)

        results: list = []
        times = timed(lambda: results.append(merge.merge_inbox(self.cfg, self.ws.plan)), self.reps, setup=restore)
        counts = results[-1].counts_rows
        self.add("merge_inc", "merge（1件の再提出を追加）", f"{n:,} 件中 1 件",
                 times, note=f"台帳 {counts['current']:,} 行 + 指標 {counts['kpis']:,} 行を書き直し")
        ledger = Ledger(db_path(self.cfg))
        self.add("book", "　うち ledger.xlsx の書き直し（write_book）", f"{counts['current']:,} 行",
                 timed(lambda: ledger_book.write_book(self.cfg, self.ws.plan, ledger, self.root / "book.xlsx"), self.reps))
        self.add("report", "report（write_period_report）", f"{self.ws.items:,} 項目",
                 timed(lambda: report.write_period_report(self.cfg, self.ws.plan, self.period), self.reps))
        late.unlink()

    def memory(self) -> None:
        W.clear(self.cfg.outbox_dir)
        got = child("merge", self.ws.root)
        workers = (f"ワーカー {got['workers']} 個は各 {got['children_mb']:,.0f} MB 以下" if got["workers"] > 1
                   else "ワーカーなし")
        self.add("rss_merge", "merge のピークメモリ（子プロセスで計測）", f"{len(self.files):,} ファイル", None,
                 note=f"本体 {got['self_mb']:,.0f} MB（計画マスタを読み込んだ時点で {got['plan_mb']:,.0f} MB）、{workers}"
                      f"（{secs(got['seconds'])}）")
        self.rss_merge = got
        folder = self.root / "ledger100k"
        built = ledger100k.build(folder, self.big_rows)
        got = child("book", folder)
        self.add("rss_100k", f"{built:,} 行の台帳の ledger.xlsx 書き出し（ピークメモリ）",
                 f"{built // 10:,} 項目 × 10 期",
                 [got["seconds"]], note=f"ピーク {got['self_mb']:,.0f} MB（計画マスタを読み込んだ時点で {got['plan_mb']:,.0f} MB）"
                 f"、{'constant_memory' if got['constant_memory'] else 'in_memory'}、1回")
        self.rss_100k = got

    def demo(self, reps: int) -> None:
        def once() -> None:
            with tempfile.TemporaryDirectory() as tmp:
                env = {**os.environ, "PYTHONPATH": str(SRC)}
                done = subprocess.run([sys.executable, "-m", "sheetflow", "demo", str(Path(tmp) / "demo")],
                                      env=env, capture_output=True, text=True)
                if done.returncode not in (0, 1):
                    raise SystemExit(f"sheetflow demo failed:\n{done.stderr[-2000:]}")

        self.add("demo", "実際のプランで sheetflow demo（1年分、子プロセス）", "56 項目", timed(once, reps) if reps else None,
                 note="" if reps else "（--quick では省略）")


# --- child processes (peak memory) ----------------------------------------------------------------------
def child(what: str, folder: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", what, str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"child {what} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_child(what: str, folder: Path) -> None:
    from sheetflow.ground.config import load_config

    cfg = load_config(folder)
    plan = load_plan(cfg.plan_path)
    loaded = {"plan_mb": status_mb("VmRSS"), "load_peak_mb": peak_mb()}
    reset_peak()  # from here on VmHWM is the peak of the measured step (the plan stays resident)
    start = time.perf_counter()
    if what == "merge":
        merge.merge_inbox(cfg, plan)
        extra = {"workers": intake_pool.worker_count(cfg, len(intake_files.collect_files([cfg.inbox_dir])))}
    else:
        ledger = Ledger(db_path(cfg))
        ledger_book.write_book(cfg, plan, ledger, cfg.outbox_dir / "ledger.xlsx")
        rows = sum(s.count for s in ledger_book.book_sheets(cfg, plan, ledger))
        extra = {"constant_memory": rows > ledger_book.BIG}
    seconds = time.perf_counter() - start
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "self_mb": peak_mb(), "children_mb": kids, **loaded, **extra}))


def status_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def peak_mb() -> float:
    """This process's peak resident memory: VmHWM (Linux) belongs to the process image since exec (or since
    reset_peak); ru_maxrss would also count the benchmark's own memory, which the forked child holds for a
    moment before its exec."""
    hwm = status_mb("VmHWM")
    return hwm if hwm is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # Linux: reset VmHWM to the current RSS
    except OSError:
        pass


# --- output ---------------------------------------------------------------------------------------------
def table(bench: Bench) -> str:
    lines = ["| 測定 | 件数 | 中央値 | 1件あたり | 備考 |", "|---|---:|---:|---:|---|"]
    for key in ROWS:
        r = bench.rows[key]
        shown = "—" if r.median is None else secs(r.median) if r.median >= 1 else ms(r.median)
        lines.append(f"| {r.label} | {r.count} | {shown} | {r.unit or '—'} | {r.note} |")
    return "\n".join(lines)


def ratios(bench: Bench) -> list[tuple[str, str, bool | None]]:
    m = {k: r.median for k, r in bench.rows.items()}
    out = [
        ("check（プール）は素朴なループの何倍速いか", f"{m['naive'] / m['check']:.1f} 倍（目標 5 倍以上）",
         m["naive"] / m["check"] >= 5),
        ("check（プール）は下限の何倍かかるか", f"{m['check'] / m['floor']:.2f} 倍（目標 2 倍以内）",
         m["check"] / m["floor"] <= 2),
        ("check（プールなし）: 素朴なループ比 / 下限比",
         f"{m['naive'] / m['check1']:.1f} 倍速い / {m['check1'] / m['floor']:.2f} 倍", None),
        ("追加1件の merge ÷ 全件の merge", f"{m['merge_inc'] / m['merge'] * 100:.1f} %（目標 5 % 以下）",
         m["merge_inc"] / m["merge"] <= 0.05),
        ("　うち ledger.xlsx の書き直しを除いた分 ÷ 全件の merge",
         f"{max(m['merge_inc'] - m['book'], 0) / m['merge'] * 100:.1f} %", None),
        (f"{bench.big_rows:,} 行の台帳の書き出しのピークメモリ", f"{bench.rss_100k['self_mb']:,.0f} MB（目標 500 MB 未満）",
         bench.rss_100k["self_mb"] < 500),
    ]
    if m["demo"] is not None:
        out.append(("実際のプランの demo 1年分", f"{m['demo']:.1f} s（目標 1 分を十分下回る）", m["demo"] < 30))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400, help="departments (default 400; 2000 = full scale)")
    ap.add_argument("--items", type=int, default=20, help="items per department (default 20)")
    ap.add_argument("--reps", type=int, default=3, help="repetitions per measurement (at least 3)")
    ap.add_argument("--quick", action="store_true",
                    help="smoke run: 12 departments × 5 items, a 2,000-row ledger, no demo")
    ap.add_argument("--demo-reps", type=int, default=None, help="repetitions of sheetflow demo (default --reps)")
    ap.add_argument("--workdir", type=Path, default=None, help="keep the workload in this folder")
    ap.add_argument("--child", nargs=2, metavar=("WHAT", "FOLDER"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return run_child(args.child[0], Path(args.child[1]))
    n, items = (12, 5) if args.quick else (args.n, args.items)
    reps = max(3, args.reps)
    demo_reps = 0 if args.quick else (args.demo_reps if args.demo_reps is not None else reps)
    root = args.workdir or Path(tempfile.mkdtemp(prefix="sheetflow-bench-"))
    W.clear(root)
    try:
        run(root, n, items, reps, demo_reps, 2_000 if args.quick else ledger100k.ROWS)
    finally:
        if args.workdir is None:
            shutil.rmtree(root, ignore_errors=True)


def run(root: Path, n: int, items: int, reps: int, demo_reps: int, big_rows: int) -> None:
    started = time.perf_counter()
    bench = Bench(root, n, items, reps, big_rows)
    print(f"sheetflow ベンチマーク: {n:,} 課 × {items} 項目 = {bench.ws.items:,} 項目、指標 {bench.ws.kpis:,}、"
          f"{os.cpu_count()} コア、繰り返し {reps} 回の中央値", flush=True)
    for step in (bench.plan_and_forms, bench.reading, bench.merging, bench.memory):
        step()
    bench.demo(demo_reps)
    print(f"（準備: 計画マスタ {secs(bench.setup_s)}、記入 {secs(bench.fill_s)}。計測は含まない）\n")
    print(table(bench))
    print()
    for label, value, ok in ratios(bench):
        mark = "" if ok is None else " ✓" if ok else " ✗"
        print(f"- {label}: {value}{mark}")
    print(f"\n所要時間 {secs(time.perf_counter() - started)}")


if __name__ == "__main__":
    main()
