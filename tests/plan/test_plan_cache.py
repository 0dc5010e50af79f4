"""A validated plan is remembered by SHA-256 + sheetflow version; only a changed plan is validated again."""

from __future__ import annotations

import json

from revision_support import revise

from sheetflow import __version__
from sheetflow.plan import load as plan_load
from sheetflow.plan import versions
from sheetflow.plan.load import load_plan, plan_cache_dir
from sheetflow.plan.versions import workspace_plan


def test_first_load_writes_a_marker_named_by_hash_and_version(workspace):
    (workspace.outbox_dir).mkdir()
    plan = workspace_plan(workspace)
    [marker] = plan_cache_dir(workspace).glob("plan-*.json")
    assert marker.name.endswith(f"-{__version__}.json") and len(marker.name.split("-")[1]) == 64
    assert json.loads(marker.read_text(encoding="utf-8"))["plan_id"] == plan.id


def test_cached_plan_skips_validation_and_equals_the_validated_one(workspace, monkeypatch):
    workspace.outbox_dir.mkdir()
    first = workspace_plan(workspace)
    import sheetflow.plan.check as check

    monkeypatch.setattr(check, "validate", lambda *a: (_ for _ in ()).throw(AssertionError("validated again")))
    assert workspace_plan(workspace) == first


def test_no_outbox_no_cache(workspace):
    workspace_plan(workspace)
    assert not workspace.outbox_dir.exists()


def test_unwritable_cache_only_costs_speed(workspace, monkeypatch):
    workspace.outbox_dir.mkdir()

    def refuse(*args):
        raise PermissionError(13, "read-only share")

    monkeypatch.setattr(plan_load, "atomic_write_bytes", refuse)
    assert load_plan(workspace.plan_path, plan_cache_dir(workspace)).items
    assert not list(plan_cache_dir(workspace).glob("*.json"))


def test_cached_plan_is_not_parsed_again(workspace, monkeypatch):
    workspace.outbox_dir.mkdir()
    first = workspace_plan(workspace)
    monkeypatch.setattr(plan_load, "read_yaml", lambda *a: (_ for _ in ()).throw(AssertionError("parsed again")))
    assert workspace_plan(workspace) == first


def test_a_damaged_cache_entry_is_ignored(workspace):
    workspace.outbox_dir.mkdir()
    first = workspace_plan(workspace)
    [marker] = plan_cache_dir(workspace).glob("plan-*.json")
    marker.write_text('{"raw": {"plan": 1}}', encoding="utf-8")  # builds a plan with problems
    assert workspace_plan(workspace) == first
    marker.write_bytes(b"\xff not json")
    assert workspace_plan(workspace) == first


def test_yaml_values_json_cannot_hold_survive_the_cache():
    import datetime as dt

    raw = {"targets": {2025: 1, 2029: 2.5}, "d": dt.date(2026, 3, 31), "t": dt.datetime(2026, 3, 31, 9, 30),
           "$odd": None, "flags": [True, False], "no": "no"}
    assert json.loads(json.dumps(plan_load.to_json(raw)), object_hook=plan_load.untag) == raw


def test_archived_copies_of_the_current_version_are_not_read(workspace, monkeypatch):
    """The archive's copies of the plan in use (by SHA-256, and the ledger's snapshot of its version) are
    not read again on every command; an earlier version still is, and stays attached."""
    workspace.outbox_dir.mkdir()
    first = versions.archive_plan(workspace, workspace_plan(workspace))
    revise(workspace.root)
    current = workspace_plan(workspace)
    snapshot = versions.snapshot_path(workspace, current.id, current.version)
    snapshot.parent.mkdir(parents=True)
    snapshot.write_bytes(workspace.plan_path.read_bytes())
    versions.archive_plan(workspace, current)
    read = []
    real = versions.read_plan
    monkeypatch.setattr(versions, "read_plan", lambda path, cache: read.append(path) or real(path, cache))
    plan = workspace_plan(workspace)
    assert read == [first]
    assert [p.version for p in plan.archived] == [1] and plan.version == 2
