"""The report's sheet 「計画の見直し」: what the revision in force for the period changed (plan diff's words)."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook

from sheetflow import messages as msg
from sheetflow.ground.periods import Period
from sheetflow.ground.xlsx import Styles
from sheetflow.plan.diff import PlanDiff, diff_plans, write_diff_sheet
from sheetflow.plan.model import Plan
from sheetflow.plan.versions import previous_version


def revision_in_force(plan: Plan, period: Period) -> PlanDiff | None:
    """The changes of the version in force (plan) from the version before it, when a revision applies to period."""
    start = plan.effective_from
    earlier = previous_version(plan)
    if start is None or start > period or earlier is None:
        return None
    return diff_plans(earlier, plan)


def revision_sheet(wb: Workbook, plan: Plan, period: Period) -> None:
    """Add 「計画の見直し」 to the report when the period's plan version is a revision of a known one."""
    result = revision_in_force(plan, period)
    if result is not None:
        write_diff_sheet(wb, Styles(wb), result, msg.DIFF_SHEET, msg.DIFF_TITLE.format(old=result.old, new=result.new))
