"""`sheetflow forms` as one library call: a period's department workbooks, from the plan version in force
for it, carrying last period's answers and the council's opinions from the ledger."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.ground.config import Config
from sheetflow.ground.periods import Period
from sheetflow.ledger.status import forms_plan, previous_answers
from sheetflow.plan.versions import workspace_plan

if TYPE_CHECKING:
    from sheetflow.forms.workbook import FormResult


@dataclass(frozen=True)
class IssuedForms:
    folder: Path
    results: list[FormResult]  # one per form unit, written or kept

    @property
    def written(self) -> list[FormResult]:
        return [r for r in self.results if r.written]

    @property
    def kept(self) -> list[FormResult]:
        """Forms that existed already and were left as they are (no --force)."""
        return [r for r in self.results if not r.written]


def issue_forms(cfg: Config, period: Period, by: str = msg.FORMS_BY_KA, only: list[str] | None = None,
                force: bool = False, paper: str = "A4", out_dir: Path | None = None,
                progress: Callable[[FormResult, int], None] | None = None) -> IssuedForms:
    """Write the period's forms (default folder outbox/forms/<period>/; one per 課, or per 部).
    Without force, existing files are kept and the 締切/連絡先 settings must have been filled in. The forms
    have the columns of the workspace's form definition; one other than the built-in definition is archived
    (outbox/definitions/<sha256>.yaml) so that intake reads the returned forms with it."""
    from sheetflow.forms.workbook import write_forms  # xlsxwriter: only for this command

    plan = forms_plan(cfg, workspace_plan(cfg, period), period)  # the version in force, once the ledger agrees
    folder = out_dir or cfg.forms_dir(period)
    form = DW.workspace_form(cfg)
    if form.sha256 != DW.builtin_definition().sha256:
        DW.archive_form(cfg, form)
    results = write_forms(plan, period, cfg, folder, by=by, only=only, force=force,
                          previous_for=lambda key: previous_answers(cfg, plan, period, key), progress=progress,
                          require_settings=not force, paper=paper, form=form)
    return IssuedForms(folder, results)
