"""`sheetflow check` as one library call: the returned files under some paths checked against the
workspace's plan (the ledger is not touched), each with the file that replaces it, and on request the
差戻し workbooks of the refused ones. The CLI only prints what check_paths returns; `--json` prints
CheckRun.as_json()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sheetflow.ground.config import Config
from sheetflow.ground.periods import Period
from sheetflow.intake.current import Checked, current_state, exit_code
from sheetflow.intake.files import files_to_check
from sheetflow.intake.pool import check_files
from sheetflow.intake.read import submission_dict
from sheetflow.plan.model import Plan
from sheetflow.plan.versions import workspace_plan

Progress = Callable[[str, int], None] | None  # progress(file name, number of files) after each file


@dataclass(frozen=True)
class CheckRun:
    checked: list[Checked]  # every file, in path order, with the file that replaces it
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # not checked (Excel lock files …), with a note
    returns: dict[Path, Path] = field(default_factory=dict)  # refused file → its 差戻し workbook

    @property
    def exit_code(self) -> int:
        """1 when a current file is refused or unreadable, else 0."""
        return exit_code(self.checked)

    def as_json(self) -> list[dict]:
        """What `sheetflow check --json` prints: one object per file."""
        return [{**submission_dict(c.submission),
                 "return_file": str(self.returns[c.submission.path]) if c.submission.path in self.returns else None,
                 "replaced_by": str(c.replaced_by) if c.replaced_by else None} for c in self.checked]


def check_paths(cfg: Config, paths: list[Path], period: Period | None = None, write_returns: bool = False,
                progress: Progress = None) -> CheckRun:
    """Check every returned file under paths (default: the inbox). UserError when a path does not exist
    or there is no file to check."""
    plan = workspace_plan(cfg, period)
    files, skipped = files_to_check(paths, cfg.inbox_dir)
    step = (lambda sub: progress(sub.path.name, len(files))) if progress else None
    checked = current_state(check_files(files, plan, cfg, expected_period=period, progress=step))
    return CheckRun(checked, skipped, write_return_files(checked, plan, cfg) if write_returns else {})


def write_return_files(checked: list[Checked], plan: Plan, cfg: Config) -> dict[Path, Path]:
    """差戻し workbooks of the current refused files (replaced ones need none); names never collide."""
    from sheetflow.intake.returns import write_return  # xlsxwriter: only when asked for

    taken: set[Path] = set()
    return {c.submission.path: write_return(c.submission, plan, cfg, taken=taken)
            for c in checked if c.current and not c.submission.accepted}
