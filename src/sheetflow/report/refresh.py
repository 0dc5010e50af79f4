"""`merge` as one library call: merge the inbox into the ledger, then rewrite the reports it changed.

The CLI and any other caller get the same result: ledger.xlsx is rewritten by ledger.merge, and here the
period reports follow whenever the ledger changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.ground.config import Config
from sheetflow.ground.files import FileInUse
from sheetflow.ground.periods import Period, parse_period
from sheetflow.ledger.merge import MergeResult, merge_inbox
from sheetflow.plan.model import Plan
from sheetflow.report.workbook import report_path, write_period_report


@dataclass
class MergeRun:
    """A merge and the reports written after it (report_error: why the next report could not be written)."""

    merge: MergeResult
    reports: list[Path] = field(default_factory=list)
    report_error: str = ""
    stale: list[Path] = field(default_factory=list)  # ledger.xlsx / reports in use after the commit

    @property
    def exit_code(self) -> int:
        if self.stale:
            return 3  # a file problem (cli.app EXIT_FILE): the commit stands, rerun to finish
        return max(self.merge.exit_code, 1 if self.report_error else 0)


def merge_and_report(cfg: Config, plan: Plan, period: Period | None = None, inbox: Path | None = None,
                     progress: Callable[[int, int], None] | None = None, report: bool = True,
                     reopen: bool = False) -> MergeRun:
    """Check and merge the inbox's new files; when the ledger changed, rewrite its periods' reports (still
    under the merge's lock, so that a Ctrl-C there is told as one after the commit)."""
    run = MergeRun(MergeResult())

    def reports(result: MergeResult) -> None:
        run.merge = result
        run.stale.extend(result.stale)
        if report and (result.changed or _behind(cfg, result.periods)):
            write_reports(run, cfg, plan)

    merge_inbox(cfg, plan, period, inbox, progress=progress, reopen=reopen, after=reports)
    return run


def _behind(cfg: Config, periods: list[str]) -> bool:
    """A report older than the ledger database (it was open in Excel at the last merge)."""
    from sheetflow.ledger.store import db_path

    db = db_path(cfg)
    if not db.is_file():
        return False
    paths = [report_path(cfg, p) for p in periods]
    return any(not p.is_file() or p.stat().st_mtime < db.stat().st_mtime for p in paths)


def write_reports(run: MergeRun, cfg: Config, plan: Plan) -> None:
    """Each period's report; after a 下期, the year's 審議会評価集計.xlsx too when members' files are in."""
    from sheetflow.report.council_summary import write_council_summary

    for code in run.merge.periods:
        try:
            run.reports.append(write_period_report(cfg, plan, code))
            year_end = parse_period(code)
            summary = write_council_summary(cfg, plan, year_end.year) if year_end.half == 2 else None
            run.reports.extend([summary] if summary else [])
        except FileInUse as exc:
            run.stale.extend(exc.paths)
        except (msg.UserError, msg.DataError, OSError) as exc:
            run.report_error = str(exc)
            return
