"""Load a plan master file: parse, build the typed plan, validate (pandera) — once per plan file.

A plan that passed validation is remembered in `<outbox>/.cache/plan-<SHA-256>-<version>.json`, keyed by the
plan file's SHA-256 and the sheetflow version (once the outbox exists); the next command that loads the same file skips pandera (and
never imports pandas). The marker holds no plan data, only that this exact file passed this version's
checks, so a stale or tampered cache can at worst cost one re-validation.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from sheetflow import __version__
from sheetflow.ground.config import Config
from sheetflow.ground.files import atomic_write_bytes
from sheetflow.plan.gaps import gaps
from sheetflow.plan.model import Plan, PlanError, build_plan, read_yaml

CACHE_DIR = ".cache"


def load_plan(path: Path, cache_dir: Path | None = None) -> Plan:
    """Load and validate; raise PlanError listing every problem."""
    plan, problems = read_plan(path, cache_dir)
    if problems:
        raise PlanError(path, problems)
    return plan


def workspace_plan(cfg: Config) -> Plan:
    """The workspace's plan (cfg.plan_path), validated once per file and sheetflow version."""
    return load_plan(cfg.plan_path, plan_cache_dir(cfg))


def plan_cache_dir(cfg: Config) -> Path:
    return cfg.outbox_dir / CACHE_DIR


def read_plan(path: Path, cache_dir: Path | None = None) -> tuple[Plan, list[str]]:
    """Load a plan and return it with every validation problem found (empty when valid)."""
    raw = read_yaml(path)
    plan, problems = build_plan(raw, path)
    marker = _marker(path, cache_dir)
    if not problems and marker is not None and marker.is_file():
        return plan, []
    from sheetflow.plan.check import validate  # pandas + pandera: only for a plan not validated before

    problems += validate(plan, raw)
    if not problems and marker is not None:
        _remember(marker, plan)
    return plan, problems


def _marker(path: Path, cache_dir: Path | None) -> Path | None:
    if cache_dir is None:
        return None
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return cache_dir / f"plan-{digest}-{__version__}.json"


def _remember(marker: Path, plan: Plan) -> None:
    """Record a validated plan; a cache that cannot be written (read-only share) only costs speed.

    Written only into an outbox that exists already: a command that stops early leaves no outbox behind."""
    if not marker.parent.parent.is_dir():
        return
    body = {"plan_id": plan.id, "plan_version": plan.version, "sheetflow_version": __version__}
    try:
        atomic_write_bytes(marker, json.dumps(body, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass


@dataclass(frozen=True)
class PlanCheck:
    """What `sheetflow plan check` reports: the plan, its gaps (注意) and its problems (エラー)."""

    plan: Plan
    gaps: list[str]
    problems: list[str]


def check_plan(path: Path, cache_dir: Path | None = None) -> PlanCheck:
    plan, problems = read_plan(path, cache_dir)
    return PlanCheck(plan, gaps(plan), problems)
