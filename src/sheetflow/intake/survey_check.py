"""`sheetflow check` in a survey workspace (庁内照会) as one library call: the returned workbooks under some
paths read with read_survey against the workspace's survey (the ledger is not touched); per file 受理 /
差戻し / 読めない and its findings as lines in the form's sheet order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sheetflow.definition import workspace as DW
from sheetflow.definition.model import FormDefinition
from sheetflow.forms import layout as L
from sheetflow.ground.config import Config
from sheetflow.ground.findings import ERROR, Finding
from sheetflow.intake.explain import FindingLine, finding_order
from sheetflow.intake.files import files_to_check
from sheetflow.intake.survey import SurveyReturn, read_survey


@dataclass(frozen=True)
class SurveyChecked:
    path: Path
    back: SurveyReturn

    @property
    def result(self) -> str:
        """'accepted' (受理), 'returned' (差戻し: errors) or 'unreadable' (読めない: not a form of any 部署)."""
        if not self.back.department:
            return "unreadable"
        return "returned" if any(f.severity == ERROR for f in self.back.findings) else "accepted"


@dataclass(frozen=True)
class SurveyCheckRun:
    survey_id: str
    checked: list[SurveyChecked]
    lines: dict[Path, list[FindingLine]]  # each file's findings, in the form's sheet order
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # not checked (Excel lock files …), with a note

    @property
    def exit_code(self) -> int:
        """1 when a file is refused or unreadable, else 0."""
        return int(any(c.result != "accepted" for c in self.checked))

    def count(self, result: str) -> int:
        return sum(1 for c in self.checked if c.result == result)


def check_survey_paths(cfg: Config, paths: list[Path],
                       progress: Callable[[str, int], None] | None = None) -> SurveyCheckRun:
    """Check every returned workbook under paths (default: the inbox) against the workspace's survey.
    UserError when a path does not exist or there is no file to check."""
    form = DW.workspace_form(cfg)
    files, skipped = files_to_check(paths, cfg.inbox_dir)
    checked = []
    for path in files:
        checked.append(SurveyChecked(path, read_survey(path, lambda sha: DW.form_by_sha(cfg, sha), form.survey_id,
                                                       cfg.max_file_mb)))
        if progress:
            progress(path.name, len(files))
    lines = {c.path: survey_finding_lines(form, c.back.findings) for c in checked}
    return SurveyCheckRun(form.survey_id, checked, lines, skipped)


def survey_finding_lines(form: FormDefinition, findings: list[Finding]) -> list[FindingLine]:
    """The findings as lines (severity, シート!セル, message): the file's own first, then by sheet in the
    survey form's order, row, column."""
    sheets = [t.sheet for t in form.tables]

    def order(f: Finding) -> tuple:
        rank = sheets.index(f.sheet) if f.sheet in sheets else len(sheets)
        row, col = L.a1_index(f.cell) or (-1, -1)
        return (bool(f.sheet), rank, row, col, finding_order(f)[-1])

    return [FindingLine(f.severity, f.where, "", f.message) for f in sorted(findings, key=order)]
