"""Load a plan master file: parse, build the typed plan, validate (pandera) — once per plan file.

A plan that passed validation is remembered in `<outbox>/.cache/plan-<SHA-256>-<version>.json`, keyed by the
plan file's SHA-256 and the sheetflow version (once the outbox exists). The entry holds the parsed YAML as
JSON: the next command that loads the same file neither parses the YAML again (0.1-0.2 s for a plan of
hundreds of items) nor runs pandera (and never imports pandas). An entry that cannot be read, or whose data
no longer builds a plan without problems, is ignored and the YAML is read and validated as the first time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
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


def plan_cache_dir(cfg: Config) -> Path:
    return cfg.outbox_dir / CACHE_DIR


def read_plan(path: Path, cache_dir: Path | None = None) -> tuple[Plan, list[str]]:
    """Load a plan and return it with every validation problem found (empty when valid)."""
    data = path.read_bytes() if path.is_file() else None  # read once: hashed and parsed are the same bytes
    marker = _marker(data, cache_dir)
    remembered = _from_cache(marker, path)
    if remembered is not None:
        return remembered, []
    raw = read_yaml(path, data)
    plan, problems = build_plan(raw, path)
    from sheetflow.plan.check import validate  # pandas + pandera: only for a plan not validated before

    problems += validate(plan, raw)
    if not problems and marker is not None:
        _remember(marker, plan, raw)
    return plan, problems


def _marker(data: bytes | None, cache_dir: Path | None) -> Path | None:
    if cache_dir is None or data is None:
        return None
    digest = hashlib.sha256(data).hexdigest()
    return cache_dir / f"plan-{digest}-{__version__}.json"


def _from_cache(marker: Path | None, path: Path) -> Plan | None:
    """The plan remembered for this file, or None when there is none that builds without problems."""
    raw = _remembered(marker)
    if raw is None:
        return None
    try:
        plan, problems = build_plan(raw, path)
    except (AttributeError, TypeError, ValueError, KeyError):  # an entry altered by hand
        return None
    return None if problems else plan


def _remembered(marker: Path | None) -> dict | None:
    """The parsed YAML of a plan validated before, or None (no entry, or one that cannot be used)."""
    if marker is None or not marker.is_file():
        return None
    try:
        raw = json.loads(marker.read_bytes(), object_hook=untag).get("raw")
    except (OSError, ValueError, TypeError, AttributeError):
        return None
    return raw if isinstance(raw, dict) else None


def _remember(marker: Path, plan: Plan, raw: dict) -> None:
    """Record a validated plan; a cache that cannot be written (read-only share) only costs speed.

    Written only into an outbox that exists already: a command that stops early leaves no outbox behind."""
    if not marker.parent.parent.is_dir():
        return
    body = {"plan_id": plan.id, "plan_version": plan.version, "sheetflow_version": __version__}
    try:
        body["raw"] = to_json(raw)
        atomic_write_bytes(marker, json.dumps(body, ensure_ascii=False).encode("utf-8"))
    except (OSError, TypeError, ValueError):  # TypeError: a YAML value JSON cannot hold (!!binary, !!set)
        pass


# Parsed YAML ↔ JSON. JSON has no dates and only text keys, so those are tagged: {"$date": …},
# {"$datetime": …}, and {"$map": [[key, value], …]} for a mapping with any key that is not plain text.
def to_json(value: object) -> object:
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("$") for k in value):
            return {k: to_json(v) for k, v in value.items()}
        return {"$map": [[to_json(k), to_json(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(type(value).__name__)


def untag(obj: dict) -> object:
    """json.loads' object_hook: each JSON object (innermost first) back to what to_json was given."""
    if len(obj) != 1:
        return obj
    (tag, value), = obj.items()
    if tag == "$map":
        return dict(value)  # [[key, value], …]
    if tag == "$datetime":
        return datetime.fromisoformat(value)
    if tag == "$date":
        return date.fromisoformat(value)
    return obj


@dataclass(frozen=True)
class PlanCheck:
    """What `sheetflow plan check` reports: the plan, its gaps (注意) and its problems (エラー)."""

    plan: Plan
    gaps: list[str]
    problems: list[str]


def check_plan(path: Path, cache_dir: Path | None = None) -> PlanCheck:
    plan, problems = read_plan(path, cache_dir)
    return PlanCheck(plan, gaps(plan), problems)
