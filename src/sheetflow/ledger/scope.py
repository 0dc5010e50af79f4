"""The scope of one merge: which period it changes, and what becomes of the files of other periods.

A plain merge changes the current period (ledger.periods.current_period), `--period` the one named. A file
of another period, or of a published year not reopened, is held: left in inbox/, never logged, explained
in one line; the department that sent a finished period's form gets a notice (intake.notice) telling it
which form to use. `--reopen` of a published year is recorded with the commit (ledger.periods.event).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.forms.council import FORMAT_VERSION as COUNCIL_FORMAT
from sheetflow.ground.config import Config
from sheetflow.ground.files import FileInUse
from sheetflow.ground.periods import Period, fiscal_label, parse_period
from sheetflow.intake.model import Submission
from sheetflow.intake.notice import notice_path, write_notice
from sheetflow.ledger.periods import REOPEN, current_period, event, finished_before, period_or_none, published
from sheetflow.ledger.store import Store


@dataclass
class Scope:
    """The period this merge changes (`target`) and how files of other periods are held."""

    code: str | None  # --period
    reopen: bool  # --reopen
    current: str | None = None
    target: str | None = None
    closed: str | None = None  # the target's year is published (how) and not reopened: its files are held
    reopening: bool = False  # a published year reopened: recorded with the commit
    published_years: frozenset[int] = frozenset()  # the years of this merge's files that are published

    def correct_command(self, period: str) -> str:
        """The command that takes a held file of `period` in (with --reopen once its year is published)."""
        published_year = parse_period(period).year in self.published_years
        return (msg.LEDGER_CORRECT_REOPEN if published_year else msg.LEDGER_CORRECT).format(code=period)

    def holds(self, sub: Submission) -> bool:
        """A file of another period or of a closed (published) one; a period that does not parse is intake's
        finding (returned), not held."""
        ident = sub.identity
        if ident is None or self.target is None or period_or_none(ident.period) is None:
            return False
        return ident.period != self.target or bool(self.closed)

    def finished(self, period: str) -> bool:
        return finished_before(period, self.current)

    def report_periods(self, logged: list[str]) -> list[str]:
        """The period the merge changed (the one named, else the current one), and the current one after a
        finished period (its report compares with the period before); else the ledger's latest."""
        if self.target is None:
            return logged[-1:]
        return [self.target, self.current] if self.finished(self.target) else [self.target]

    def reopening_event(self, accepted: bool, at: str) -> dict | None:
        """The reopening to record: --reopen of a published year and an accepted file of it in this batch."""
        if not self.reopening or not accepted:
            return None
        return event(REOPEN, parse_period(self.target).year, self.target, at)


def settle(cfg: Config, store: Store, scope: Scope, subs: list[Submission], notices: list[str]) -> None:
    """The current period, this merge's target, and whether the target's year is published."""
    scope.current = current_period(cfg, store, [s.identity.period for s in subs if s.identity is not None])
    scope.target = scope.code or scope.current
    year = parse_period(scope.target).year if scope.target else None
    how = published(cfg, store, year) if year else None
    scope.closed = None if scope.reopen else how
    scope.reopening = scope.reopen and how is not None
    years = {p.year for p in (period_or_none(s.identity.period) for s in subs if s.identity is not None) if p}
    scope.published_years = frozenset(y for y in years if published(cfg, store, y))
    if scope.reopen and how is None and year:
        notices.append(msg.LEDGER_REOPEN_UNNEEDED.format(year=fiscal_label(year)))


def held_note(cfg: Config, sub: Submission, scope: Scope, held_before: bool,
              notices: list[str]) -> tuple[str, Path | None]:
    """Why a file is held (one line) and the notice written for its department, if any: a notice when its
    period is finished (a department form, not a council member's)."""
    ident = sub.identity
    found, name = parse_period(ident.period), sub.path.name
    if ident.period == scope.target:
        return msg.LEDGER_HELD_PUBLISHED.format(name=name, year=fiscal_label(found.year), code=ident.period), None
    command = scope.correct_command(ident.period)
    if scope.finished(ident.period) and ident.format_version != COUNCIL_FORMAT:
        current = parse_period(scope.current)
        note = msg.LEDGER_HELD_FINISHED.format(name=name, found=found.label_with_code, period=current.label_with_code,
                                               command=command)
        return note, _notice(cfg, sub, found, current, held_before, notices)
    return msg.LEDGER_OTHER_PERIOD.format(name=name, found=found.label_with_code,
                                          period=parse_period(scope.target).label_with_code, command=command), None


def _notice(cfg: Config, sub: Submission, found: Period, current: Period, held_before: bool,
            notices: list[str]) -> Path | None:
    """The department's notice, written the first time the file is held (again if it was deleted)."""
    path = notice_path(cfg, sub.identity.department, current)
    if held_before and path.is_file():
        return path
    try:
        return write_notice(cfg, sub.path.name, sub.identity.department, found, current)
    except FileInUse as exc:
        notices.extend(msg.LEDGER_NOTICE_IN_USE.format(path=p) for p in exc.paths)
        return None
