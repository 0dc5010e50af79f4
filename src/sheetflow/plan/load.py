"""Load a plan master file: parse, build the typed plan, validate."""

from __future__ import annotations

from pathlib import Path

from sheetflow.plan.check import validate
from sheetflow.plan.model import Plan, PlanError, build_plan, read_yaml


def load_plan(path: Path) -> Plan:
    """Load and validate; raise PlanError listing every problem."""
    plan, problems = read_plan(path)
    if problems:
        raise PlanError(path, problems)
    return plan


def read_plan(path: Path) -> tuple[Plan, list[str]]:
    """Load a plan and return it with every validation problem found (empty when valid)."""
    raw = read_yaml(path)
    plan, problems = build_plan(raw, path)
    return plan, problems + validate(plan, raw)
