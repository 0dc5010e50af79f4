"""Checking many returned files: in batches, and across cores with a process pool.

Each batch is one intake.read_submissions call (the whole per-file job, with one pandera call per sheet
for the batch), so a worker returns only the small Submission values. The pool is used when there are
at least MIN_FILES files and cfg.workers allows it (0 = one per core, 1 = never). Results come back in
the order of the paths given and are the same as without a pool: a worker only runs intake's own
functions. A file that makes a worker process die (which intake's own guards cannot catch) is read
again alone in a fresh process; if that dies too, the file gets a file.internal finding and the others
are unaffected.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sheetflow.ground.config import Config
from sheetflow.ground.findings import Findings
from sheetflow.ground.periods import Period
from sheetflow.intake.model import Submission
from sheetflow.intake.read import plan_index, read_submissions
from sheetflow.plan.model import Plan

BATCH = 64  # files per read_submissions call (pandera's per-call cost, ~5 ms a sheet, is spread over them)
TASKS_PER_WORKER = 3
MIN_BATCH = 8  # smaller batches in a worker would pay that cost for too few files
MIN_FILES = 32  # fewer files are read in this process: starting workers would cost more than it saves
MIN_FILES_SPAWN = 800  # where workers cannot be forked (Windows) each one first imports pandas and pandera
# and receives the plan: about 2.3 s for two workers here, recovered at about 3 ms a file

Progress = Callable[[Submission], None] | None
_STATE: dict = {}  # the worker's plan, config and expected period (set once per worker process)


def worker_count(cfg: Config, files: int) -> int:
    """How many worker processes to use for this many files (1: read them in this process)."""
    wanted = cfg.workers if cfg.workers > 0 else _cores()
    smallest = MIN_FILES if _context().get_start_method() == "fork" else MIN_FILES_SPAWN
    if wanted <= 1 or files < smallest:
        return 1
    return max(1, min(wanted, -(-files // batch_size(files, wanted))))


def batch_size(files: int, workers: int) -> int:
    """Files per task: about three tasks per worker (so a slow batch does not leave a core idle), between
    MIN_BATCH and BATCH."""
    return max(MIN_BATCH, min(BATCH, -(-files // (workers * TASKS_PER_WORKER))))


def check_files(paths: list[Path], plan: Plan, cfg: Config, expected_period: Period | None = None,
                progress: Progress | None = None) -> list[Submission]:
    """read_submission for each file, in the order given. Files are read in batches (one pandera call per
    sheet for a whole batch) and, when there are enough of them, by a pool of worker processes
    (cfg.workers: 0 = one per core, 1 = none); the results are the same either way."""
    workers = worker_count(cfg, len(paths))
    with frozen_heap():
        if workers <= 1:
            return _serial(paths, plan, cfg, expected_period, progress)
        return _parallel(paths, plan, cfg, expected_period, progress, workers)


@contextmanager
def frozen_heap():
    """The objects alive before the run (modules, pandas and pandera, the plan) are left out of garbage
    collection while it lasts (gc.freeze; forked workers inherit it): full collections traversing them took
    about a third of the time of checking 350 files."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _serial(paths: list[Path], plan: Plan, cfg: Config, expected_period: Period | None,
            progress: Progress) -> list[Submission]:
    subs: list[Submission] = []
    for start in range(0, len(paths), BATCH):
        for sub in read_submissions(paths[start:start + BATCH], plan, cfg, expected_period):
            subs.append(sub)
            if progress:
                progress(sub)
    return subs


def _parallel(paths: list[Path], plan: Plan, cfg: Config, expected_period: Period | None, progress: Progress,
              workers: int) -> list[Submission]:
    plan_index(plan)  # built once here; forked workers inherit it
    size = batch_size(len(paths), workers)
    batches = [paths[i:i + size] for i in range(0, len(paths), size)]
    done: dict[int, list[Submission]] = {}
    report = _InOrder(progress, done)
    pool = _pool(workers, plan, cfg, expected_period)
    try:
        futures = {pool.submit(_read_batch, batch): n for n, batch in enumerate(batches)}
        for future in as_completed(futures):
            done[futures[future]] = future.result()
            report()
    except BrokenProcessPool:
        pass  # a worker died: the batches not returned are read again below, one file per process
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # Ctrl-C: do not start the batches still queued
    for n, batch in enumerate(batches):
        if n not in done:
            done[n] = [_alone(path, plan, cfg, expected_period) for path in batch]
            report()
    return [sub for n in range(len(batches)) for sub in done[n]]


class _InOrder:
    """Calls progress for each file in the order of the paths, as soon as all batches before it are done."""

    def __init__(self, progress: Progress, done: dict[int, list[Submission]]):
        self.progress, self.done, self.next = progress, done, 0

    def __call__(self) -> None:
        while self.next in self.done:
            for sub in self.done[self.next] if self.progress else ():
                self.progress(sub)
            self.next += 1


def _alone(path: Path, plan: Plan, cfg: Config, expected_period: Period | None) -> Submission:
    """One file in its own worker process; a file.internal finding if that process dies too."""
    try:
        with _pool(1, plan, cfg, expected_period) as pool:
            return pool.submit(_read_batch, [path]).result()[0]
    except BrokenProcessPool as exc:
        f = Findings(path.name)
        f.add("file.internal", error=f"{type(exc).__name__}: {exc}")
        return Submission(path=path, sha256="", size=0, mtime=datetime.now().astimezone(), identity=None,
                          findings=f.items)


def _pool(workers: int, plan: Plan, cfg: Config, expected_period: Period | None) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_init,
                               initargs=(plan, cfg, expected_period))


START_METHOD_ENV = "SHEETFLOW_START_METHOD"  # e.g. spawn: behave as on Windows (the tests' --start-method)


def _context():
    """fork where the platform has it (workers start in milliseconds, sharing the parent's imports and
    plan index); the platform's default (spawn) elsewhere; SHEETFLOW_START_METHOD overrides both."""
    methods = multiprocessing.get_all_start_methods()
    wanted = os.environ.get(START_METHOD_ENV, "")
    if wanted in methods:
        return multiprocessing.get_context(wanted)
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _init(plan: Plan, cfg: Config, expected_period: Period | None) -> None:
    _STATE.update(plan=plan, cfg=cfg, period=expected_period)
    gc.freeze()  # a spawned worker (Windows) has just imported everything and received the plan: as frozen_heap


def _read_batch(paths: list[Path]) -> list[Submission]:
    return read_submissions(paths, _STATE["plan"], _STATE["cfg"], _STATE["period"])
