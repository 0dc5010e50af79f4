"""Shared fixtures: the real built-in plan, a small test plan, and a fresh workspace folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from sheetflow.ground.config import Config, builtin_plan_path
from sheetflow.plan.load import load_plan
from sheetflow.plan.model import Plan

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def tomakomai() -> Plan:
    """The real Tomakomai plan (R7–R11), as shipped in the package."""
    return load_plan(builtin_plan_path())


@pytest.fixture(scope="session")
def mini_plan() -> Plan:
    return load_plan(DATA / "mini-plan.yaml")


@pytest.fixture
def workspace(tmp_path: Path) -> Config:
    """An empty workspace (inbox/, outbox/) using the mini plan."""
    from ledger_support import mini_workspace

    return mini_workspace(tmp_path)


def pytest_addoption(parser):
    parser.addoption("--start-method", choices=("fork", "spawn", "forkserver"), default=None,
                     help="start method of sheetflow's worker processes (spawn: as on Windows); "
                          "the same as SHEETFLOW_START_METHOD")


def pytest_configure(config):
    import os

    wanted = config.getoption("--start-method")
    if wanted:
        os.environ["SHEETFLOW_START_METHOD"] = wanted  # read by intake.pool, inherited by subprocesses


def spawn_forced() -> bool:
    import os

    return os.environ.get("SHEETFLOW_START_METHOD") == "spawn"
