"""Plan versions in one workspace: the archive of every version forms were issued from, and the version in force.

A revision is a new plan file with `plan.version` + 1 and `plan.effective_from` (the first period it applies
to). `sheetflow.toml`'s plan is always the newest file; every version `forms` was run with is kept in
`<outbox>/plans/<SHA-256>.yaml` (byte for byte, written once); the ledger's own snapshots
`<outbox>/archive/plans/<id>-v<version>.yaml` count too. `workspace_plan` returns the current plan with the archived versions of the same plan
id attached (`Plan.archived`), so that
- a returned form is checked against the version it was issued from (`issued_plan`), and
- forms and reports of a period use the version in force for it (`plan_in_force`): the highest version whose
  effective_from is at or before the period (a version without effective_from applies from the plan's start).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.ground.config import Config
from sheetflow.ground.files import atomic_write_bytes
from sheetflow.ground.periods import Period, fiscal_label, parse_period, short_year
from sheetflow.plan.load import load_plan, plan_cache_dir, read_plan
from sheetflow.plan.model import Plan


def plans_dir(cfg: Config) -> Path:
    """Where forms keep the plan versions they were issued from."""
    return cfg.outbox_dir / "plans"


def snapshots_dir(cfg: Config) -> Path:
    """The ledger's snapshots of the plans files were merged with (ledger.archive.snapshot_plan)."""
    return cfg.outbox_dir / "archive" / "plans"


def snapshot_path(cfg: Config, plan_id: str, version: int) -> Path:
    """The ledger's snapshot of one plan version."""
    return snapshots_dir(cfg) / f"{plan_id}-v{version}.yaml"


def archive_plan(cfg: Config, plan: Plan) -> Path | None:
    """Keep the plan file forms are issued from, by SHA-256 (written once, atomically); its archived path."""
    if plan.path is None or not plan.path.is_file():
        return None
    data = plan.path.read_bytes()
    target = plans_dir(cfg) / f"{hashlib.sha256(data).hexdigest()}.yaml"
    if not target.is_file():
        atomic_write_bytes(target, data)
    return target


def archived_plans(cfg: Config, besides: Plan | None = None) -> list[Plan]:
    """Every archived plan file that can be read, oldest first (forms' versions and the ledger's snapshots);
    the files whose names show they hold the version `besides` are not read (with_versions drops them)."""
    found = [p for folder in (snapshots_dir(cfg), plans_dir(cfg)) if folder.is_dir() for p in folder.glob("*.yaml")]
    skipped = copies_of(cfg, besides) if besides is not None else set()
    files = sorted((p for p in found if p not in skipped), key=lambda p: (p.stat().st_mtime, p.name))
    plans = []
    for path in files:
        try:
            plans.append(read_plan(path, plan_cache_dir(cfg))[0])  # it was valid when issued
        except msg.UserError:  # not a plan file any more (edited by hand): ignored
            continue
    return plans


def copies_of(cfg: Config, plan: Plan) -> set[Path]:
    """The archive's file names for this plan's version: its snapshot, and the copy of its file by SHA-256."""
    names = {snapshot_path(cfg, plan.id, plan.version)}
    if plan.path is not None and plan.path.is_file():
        names.add(plans_dir(cfg) / f"{hashlib.sha256(plan.path.read_bytes()).hexdigest()}.yaml")
    return names


def workspace_plan(cfg: Config, within: Period | int | None = None) -> Plan:
    """The workspace's plan (cfg.plan_path, validated) with its archived earlier versions attached.

    within: the period or fiscal year the command is for; outside the plan's years it is refused (UserError)."""
    current = load_plan(cfg.plan_path, plan_cache_dir(cfg))
    if within is not None:
        require_within(current, within)
    return with_versions(current, archived_plans(cfg, besides=current))


def require_within(plan: Plan, when: Period | int) -> None:
    """UserError naming the plan and its years when a period or fiscal year lies outside them (the plan file
    in use decides which periods exist; a plan without years refuses none)."""
    year = when.year if isinstance(when, Period) else when
    if plan.covers(year):
        return
    what = (msg.PLAN_OUTSIDE_PERIOD.format(period=when.label) if isinstance(when, Period)
            else msg.PLAN_OUTSIDE_YEAR.format(year=fiscal_label(when)))
    first = Period(plan.first_year, 1)
    raise msg.UserError(msg.PLAN_OUTSIDE.format(
        what=what, title=plan.title or plan.id, file=plan.path.name if plan.path else plan.id,
        first=fiscal_label(plan.first_year), last=fiscal_label(plan.last_year),
        example=first.short_label if isinstance(when, Period) else short_year(first.year)))


def with_versions(current: Plan, others: Iterable[Plan]) -> Plan:
    """current with every other version of the same plan id (per version the file archived last)."""
    by_version = {p.version: replace(p, archived=()) for p in others
                  if p.id == current.id and p.version != current.version}
    return replace(current, archived=tuple(by_version[v] for v in sorted(by_version)))


_VERSIONS: dict[int, tuple[Plan, tuple[Plan, ...]]] = {}


def versions(plan: Plan) -> list[Plan]:
    """Every known version of the plan, oldest first, each without archived. The same objects each time for
    the same plan: intake looks its per-plan index up by identity, once per file."""
    hit = _VERSIONS.get(id(plan))
    if hit is None or hit[0] is not plan:
        if len(_VERSIONS) >= 8:
            _VERSIONS.clear()
        hit = (plan, tuple(sorted((replace(plan, archived=()), *plan.archived), key=lambda p: p.version)))
        _VERSIONS[id(plan)] = hit
    return list(hit[1])


def issued_plan(plan: Plan, plan_id: str, version: int) -> Plan | None:
    """The version a form names in its _meta (current or archived), or None when the workspace does not know it."""
    return next((p for p in versions(plan) if (p.id, p.version) == (plan_id, version)), None)


def in_force_version(plan: Plan, period: Period) -> Plan | None:
    """The version that applies to period (without archived), or None when no known version does."""
    applying = [p for p in versions(plan) if p.effective_from is None or p.effective_from <= period]
    return applying[-1] if applying else None


def plan_of_year(plan: Plan, year: int) -> Plan:
    """The version a fiscal year's outputs use (publication, council workbook and summary): the one in force
    at the year's end (下期)."""
    return plan_in_force(plan, Period(year, 2))


def plan_in_force(plan: Plan, period: Period) -> Plan:
    """The version in force for period, carrying the other known versions (UserError when there is none)."""
    chosen = in_force_version(plan, period)
    if chosen is None:
        oldest = versions(plan)[0]
        raise msg.UserError(msg.REVISION_NO_VERSION.format(
            period=period.label, plan_id=oldest.id, version=oldest.version, start=oldest.effective_from.label))
    return replace(chosen, archived=tuple(p for p in versions(plan) if p.version != chosen.version))


def previous_version(plan: Plan) -> Plan | None:
    """The known version just before this one (the one its revision changed), if any."""
    earlier = [p for p in versions(plan) if p.version < plan.version]
    return earlier[-1] if earlier else None


def plan_label(plan: Plan) -> str:
    if plan.effective_from is None:
        return msg.REVISION_PLAN_LABEL.format(plan_id=plan.id, version=plan.version)
    return msg.REVISION_PLAN_LABEL_FROM.format(plan_id=plan.id, version=plan.version, start=plan.effective_from.label)


def revision_conflicts(plan: Plan, merged: Iterable[tuple[str, str, int]]) -> list[str]:
    """One Japanese line per version whose effective_from precedes periods merged with an earlier version.

    merged: (period code, plan id, plan version) of the accepted files in the ledger."""
    problems = []
    for version in versions(plan):
        start = version.effective_from
        if start is None:
            continue
        late = sorted({(parse_period(code), v) for code, plan_id, v in merged
                       if plan_id == plan.id and v is not None and v < version.version and parse_period(code) >= start})
        if late:
            problems.append(msg.REVISION_CONFLICT.format(
                plan_id=plan.id, version=version.version, start=start.label, merged=late[-1][1],
                periods=msg.CLI_LIST_SEPARATOR.join(dict.fromkeys(p.label for p, _ in late)),
                path=version.path or "", next=late[-1][0].next().label))
    return problems
