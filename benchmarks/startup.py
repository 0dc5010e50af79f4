"""Start-up and whole-command figures: `python benchmarks/startup.py [--files 350] [--reps 7] [--quick]
[--source]`.

Every figure is a ratio against a baseline measured in the same run, each command in a fresh interpreter
(as a user runs it): `sheetflow --help` and `sheetflow status` against `python -c "import click"`;
`sheetflow check` of N returned workbooks against the naive openpyxl loop over the same files (start-up
included on both sides); check's cost per file after start-up against a raw python-calamine read.

The cost per file after start-up is a slope. check is run on the first quarter, half and three quarters
of the files and on all of them, each time in a fresh interpreter timed from the moment its modules are
imported (after_startup.py) to its end. The least-squares line through the four best times gives the cost of
one more file (its slope) and what every check pays whatever the number of files (its intercept: loading
the plan, starting the workers, their first imports). The interpreter's start and the imports of pandas and
pandera vary by a tenth of a second from run to run on a shared machine: taken out, they no longer tilt the
line. (A difference of two whole runs, N files − 1 file, charged starting the workers to the files and rested
on two noisy timings: it gave 2.2× to 3.7× for the same code.)

sheetflow's modules are compiled to bytecode (.pyc in __pycache__/) before measuring, as `pip install`
leaves an install (click and the other libraries in the venv already are). Without it, where
PYTHONDONTWRITEBYTECODE=1 is set (some shells and CI), every measured command compiles every sheetflow
module from its source again: about a third of `status`. `--source` measures that way (no .pyc, none
written), for comparison with figures taken before.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path[:0] = [str(SRC), str(HERE)]

import workload as W  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402

from sheetflow.forms import workbook as forms  # noqa: E402
from sheetflow.ground.periods import parse_period  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), str(HERE)])}
NAIVE = "import sys; from pathlib import Path; import baselines; baselines.naive(sorted(Path(sys.argv[1]).glob('*.xlsx')))"
TARGETS = (("help", "click", 3.0, "≤"), ("status", "click", 4.0, "≤"), ("naive", "check", 5.0, "≥"),
           ("per_file", "calamine", 3.0, "≤"))


def wall(cmd: list[str]) -> float:
    """Seconds from starting the command in a fresh interpreter to its end (output discarded)."""
    start = time.perf_counter()
    subprocess.run(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def after_startup(cmd: list[str]) -> float:
    """Seconds the command takes once started (after_startup.py: interpreter and its modules excluded)."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "seconds"
        subprocess.run([sys.executable, "-m", "after_startup", str(out), *cmd], env=ENV,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return float(out.read_text(encoding="utf-8"))


def seconds(commands: dict[str, list[str]], reps: int, timer=wall) -> dict[str, float]:
    """Best time of each command, each run in a fresh interpreter. The commands take turns, round after
    round, so a burst of load on the machine falls on all of them alike; the best of the rounds is kept,
    since other work on the machine can only ever add time."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(reps):
        for name, cmd in commands.items():
            times[name].append(timer(cmd))
    return {name: min(t) for name, t in times.items()}


def sheetflow(*args: str) -> list[str]:
    """The command as a user's install runs it (no test-only packages: see as_installed.py)."""
    return [sys.executable, "-m", "as_installed", *args]


CHECK_ROUNDS = 3  # the runs the slope is taken from get three times the rounds
CITY = 35  # departments of the real plan: `status` is measured at the size a city runs it


def workspace(root: Path, files: int) -> W.Workspace:
    """N departments × 2 items (the real plan has 56 items over 35 forms), forms filled into inbox/."""
    ws = W.make_workspace(root, files, 2)
    results = forms.write_forms(ws.plan, parse_period(W.PERIOD), ws.config(), ws.forms_dir, force=True)
    W.fill_all(ws, [r.path for r in results])
    return ws


def merged(ws: W.Workspace) -> W.Workspace:
    """After one `sheetflow merge` (a merged period; the plan validated once and remembered)."""
    subprocess.run(sheetflow("-C", str(ws.root), "merge", "--no-report"), env=ENV, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return ws


def raw_calamine(paths: list[Path], reps: int) -> float:
    """Best seconds per file, over the rounds, of reading every sheet's values with python-calamine (in
    process)."""
    def once() -> float:
        start = time.perf_counter()
        for p in paths:
            wb = CalamineWorkbook.from_path(str(p))
            for name in wb.sheet_names:
                wb.get_sheet_by_name(name).to_python()
        return (time.perf_counter() - start) / len(paths)
    return min(once() for _ in range(reps))


def first_files(paths: list[Path], count: int, folder: Path) -> Path:
    """A folder holding copies of the first `count` returned files."""
    folder.mkdir()
    for p in paths[:count]:
        shutil.copy2(p, folder)
    return folder


def line_fit(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Least-squares slope and intercept of y over x."""
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    slope = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)
    return slope, my - slope * mx


def measure(root: Path, files: int, reps: int) -> dict[str, float]:
    ws = merged(workspace(root / "ws", files))
    city = merged(workspace(root / "city", CITY))
    paths = sorted(ws.inbox.glob("*.xlsx"))
    sizes = sorted({max(1, len(paths) * k // 4) for k in (1, 2, 3)} - {len(paths)})
    parts = {n: first_files(paths, n, root / f"first{n}") for n in [1, *sizes]}
    parts[len(paths)] = ws.inbox
    check = {n: ["-C", str(ws.root), "check", str(folder)] for n, folder in parts.items()}
    t = seconds({"click": [sys.executable, "-c", "import click"],
                 "help": sheetflow("--help"),
                 "status": sheetflow("-C", str(city.root), "status"),
                 "check": sheetflow(*check[len(paths)]), "check_1": sheetflow(*check[1]),
                 "naive": [sys.executable, "-c", NAIVE, str(ws.inbox)]}, reps)
    t["calamine"] = raw_calamine(paths, reps)
    started = seconds({n: check[n] for n in [*sizes, len(paths)]}, reps * CHECK_ROUNDS, timer=after_startup)
    t["points"] = sorted(started.items())
    t["per_file"], t["fixed"] = line_fit(t["points"])
    return t


def report(t: dict, files: int) -> str:
    points = "、".join(f"{n:,}: {y:.2f} s" for n, y in t["points"])
    rows = ["| 測定 | 最良値 |", "|---|---:|",
            f"| `python -c \"import click\"` | {t['click'] * 1000:.0f} ms |",
            f"| `sheetflow --help` | {t['help'] * 1000:.0f} ms |",
            f"| `sheetflow status`（merge 済みの期間、35 課） | {t['status'] * 1000:.0f} ms |",
            f"| `sheetflow check`（{files:,} ファイル、起動込み） | {t['check']:.2f} s |",
            f"| `sheetflow check`（1 ファイル、起動込み） | {t['check_1']:.2f} s |",
            f"| 素朴な openpyxl のループ（{files:,} ファイル、起動込み） | {t['naive']:.2f} s |",
            f"| check の起動後の 1 ファイルあたり（ファイル数に対する時間の傾き） | {t['per_file'] * 1000:.2f} ms |",
            f"| 起動後の check のファイル数によらない時間（同じ直線の切片） | {t['fixed']:.2f} s |",
            f"| 直線を引いた起動後の check の時間（ファイル数: 最良値） | {points} |",
            f"| python-calamine で全シートを読むだけ（1 ファイルあたり） | {t['calamine'] * 1000:.2f} ms |", ""]
    for num, den, target, op in TARGETS:
        ratio = t[num] / t[den]
        ok = ratio <= target if op == "≤" else ratio >= target
        rows.append(f"- {num} / {den} = {ratio:.2f}（目標 {op} {target:g}）{' ✓' if ok else ' ✗'}")
    return "\n".join(rows)


def bytecode(compiled: bool) -> str:
    """sheetflow's and these scripts' modules compiled to .pyc as an install has them, or (compiled=False)
    their .pyc removed and none written, each command then compiling from source; the condition, in words."""
    folders = (SRC / "sheetflow", HERE)
    if compiled:
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        for folder in folders:
            compileall.compile_dir(folder, quiet=1)
        return "バイトコード（.pyc）はインストールと同じく作成済み"
    ENV["PYTHONDONTWRITEBYTECODE"] = "1"
    for folder in folders:
        for cache in folder.rglob("__pycache__"):
            shutil.rmtree(cache, ignore_errors=True)
    return "毎回ソースからコンパイル（.pyc なし）"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=350, help="returned workbooks (default 350; moonshot 2000)")
    ap.add_argument("--reps", type=int, default=7, help="rounds (the best of them is kept; at least 3; check gets three times as many)")
    ap.add_argument("--quick", action="store_true", help="a small run that only shows the table's shape")
    ap.add_argument("--source", action="store_true",
                    help="no .pyc: every command compiles sheetflow from source (as figures taken before)")
    args = ap.parse_args(argv)
    files, reps = (8, 3) if args.quick else (args.files, max(3, args.reps))
    root = Path(tempfile.mkdtemp(prefix="sheetflow-startup-"))
    try:
        condition = bytecode(not args.source)
        print(f"sheetflow 起動と1コマンドの計測: 返送 {files:,} ファイル、{os.cpu_count()} コア、{reps} 回の最良値、"
              f"{condition}\n")
        print(report(measure(root, files, reps), files))
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
