"""A returned form is checked against the plan version it was issued from (current or archived)."""

from __future__ import annotations

import dataclasses

import badfiles as B
import pytest

from sheetflow.ground.periods import Period
from sheetflow.intake import read as intake
from sheetflow.plan.versions import issued_plan, with_versions


@pytest.fixture
def cfg(workspace):
    return workspace


def revised(plan, start: Period):
    """Version 2 from start, with version 1 archived; item 1's name changed (its fingerprint changes)."""
    items = tuple(dataclasses.replace(i, name=i.name + "（見直し）") if i.no == 1 else i for i in plan.items)
    return with_versions(dataclasses.replace(plan, version=2, effective_from=start, items=items), [plan])


def submit(tmp_path, data: bytes, plan, cfg):
    return intake.read_submission(B.write(tmp_path / "inbox", "財政課.xlsx", data), plan, cfg)


def codes(sub) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in sub.findings if f.severity == "error"]


def test_a_form_of_the_archived_version_is_accepted_after_the_revision(tmp_path, mini_plan, cfg) -> None:
    data = B.fill(B.form(mini_plan, cfg, period=Period(2026, 2)), B.GOOD_REPORTS, B.GOOD_KPIS)
    sub = submit(tmp_path, data, revised(mini_plan, Period(2027, 1)), cfg)
    assert sub.accepted and sub.identity.plan_version == 1 and len(sub.reports) == 2


def test_a_form_of_an_earlier_version_for_a_period_of_the_new_one_is_refused(tmp_path, mini_plan, cfg) -> None:
    data = B.fill(B.form(mini_plan, cfg, period=Period(2027, 1)), B.GOOD_REPORTS, B.GOOD_KPIS)
    sub = submit(tmp_path, data, revised(mini_plan, Period(2027, 1)), cfg)
    assert codes(sub) == [("identity.plan_period", "このファイルは 計画「mini」第1版 の様式ですが、令和9年度 上期 には "
                                                   "mini 第2版（令和9年度 上期から適用） が適用されます。")]


def test_a_version_neither_current_nor_archived_is_refused(tmp_path, mini_plan, cfg) -> None:
    data = B.edit_meta(B.fill(B.form(mini_plan, cfg), B.GOOD_REPORTS, B.GOOD_KPIS), plan_version="7")
    sub = submit(tmp_path, data, revised(mini_plan, Period(2027, 1)), cfg)
    assert codes(sub) == [("identity.plan", "このファイルは 計画「mini」第7版 の様式です（期待: 計画「mini」第2版、計画「mini」第1版）。")]


def test_each_version_is_indexed_once_however_many_files_name_it(mini_plan) -> None:
    """The per-plan index (departments → items, indicators) is cached by the plan object: every file that names a
    version gets the same object, so checking 350 files builds it once, not once per file."""
    plan = revised(mini_plan, Period(2027, 1))
    first, again = (issued_plan(plan, mini_plan.id, 1) for _ in range(2))
    assert first is again and intake.plan_index(first) is intake.plan_index(again)
    assert issued_plan(plan, mini_plan.id, 2) is issued_plan(plan, mini_plan.id, 2)
