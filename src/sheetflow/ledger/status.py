"""Submission status and carried-forward answers, read straight from ledger.sqlite (no pandas).

`sheetflow status` and `sheetflow forms` use only this module, so they start fast; ledger.query builds its
DataFrames from the same rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.forms.model import PreviousAnswers, PreviousReport, council_year_for
from sheetflow.ground.config import Config
from sheetflow.ground.periods import Period, japan_time, parse_period, wareki_time
from sheetflow.ledger.store import UNSHOWN_KEY, Store, db_path, period_code
from sheetflow.ledger.tables import COUNCIL_FIELDS, COUNCIL_TABLE, MISSING, RESUBMITTED, RETURNED, SUBMITTED
from sheetflow.plan.model import Plan
from sheetflow.plan.versions import plan_in_force, revision_conflicts

ACCEPTED_RESULTS = (msg.RESULT_ACCEPTED, msg.RESULT_ACCEPTED_OLD)


def in_japan(iso: str) -> datetime | None:
    """ISO text (any offset; naive = this computer's time) as Japan time; None when unreadable."""
    try:
        return japan_time(datetime.fromisoformat(iso))
    except (TypeError, ValueError):
        return None


def when_text(iso: str) -> str:
    """ISO text as 和暦 in Japan time, e.g. 令和7年10月20日 09:15; the text itself when unreadable."""
    try:
        return wareki_time(datetime.fromisoformat(iso))
    except (TypeError, ValueError):
        return iso or ""


def ledger_rows(cfg: Config, sql: str, params: tuple = ()) -> list[dict] | None:
    """Rows of a query on the workspace's ledger.sqlite as dicts; None when there is no ledger yet."""
    path = db_path(cfg)
    if not path.is_file():
        return None
    store = Store.open(path, create=False)
    try:
        return [dict(r) for r in store.rows(sql, params)]
    finally:
        store.close()


def status_rows(log: list[dict], plan: Plan, period: Period | str) -> list[dict]:
    """One row (STATUS_FIELDS) per plan.recipients() department from the submission log.

    提出済: one accepted file; 再提出: more than one accepted, or accepted after a returned one;
    差戻し: only returned files; 未提出: none. A per-部 form counts for every 課 of that 部.
    """
    code = period_code(period)
    by_unit: dict[str, list[tuple[datetime, str]]] = {}
    for r in log:
        if r["period"] == code and r["department"]:
            by_unit.setdefault(r["department"], []).append((datetime.fromisoformat(r["received_at"]), r["result"]))
    rows = []
    for dept in plan.recipients():
        files = sorted(f for unit in {dept.key, dept.bu} - {""} for f in by_unit.get(unit, []))
        rows.append(status_row(code, dept.key, files))
    return rows


def status_row(period: str, key: str, files: list[tuple[datetime, str]]) -> dict:
    """files: (received_at, result) of the department's files for the period, oldest first."""
    accepted = [t for t, result in files if result in ACCEPTED_RESULTS]
    returned = [t for t, result in files if result == msg.RESULT_RETURNED]
    if len(accepted) > 1 or (accepted and any(t < accepted[0] for t in returned)):
        word = RESUBMITTED
    else:
        word = SUBMITTED if accepted else RETURNED if returned else MISSING
    return {"period": period, "department": key, "status": word,
            "first_received": files[0][0] if files else None, "last_received": files[-1][0] if files else None,
            "accepted_files": len(accepted), "returned_files": len(returned)}


@dataclass(frozen=True)
class PeriodStatus:
    """What `sheetflow status` shows: the period, every department's row, and the counts per word."""

    period: str
    rows: list[dict]
    known_periods: list[str]
    held: list[dict] = field(default_factory=list)  # files the last merge held for another period
    interrupted: list[dict] = field(default_factory=list)  # log rows of a merge interrupted after its commit

    @property
    def known(self) -> bool:
        return self.period in self.known_periods

    def count(self, word: str) -> int:
        return sum(1 for r in self.rows if r["status"] == word)


def period_status(cfg: Config, plan: Plan, period: Period | None = None) -> PeriodStatus:
    """Submission status of one period (default: the newest in the ledger); DataError without a ledger."""
    log = ledger_rows(cfg, "SELECT period, department, received_at, result FROM submissions ORDER BY seq")
    periods = sorted({r["period"] for r in log or [] if r["period"]}, key=parse_period)
    if not periods:
        raise msg.DataError(msg.LEDGER_NO_LEDGER)
    code = period.code if period else periods[-1]
    return PeriodStatus(code, status_rows(log, plan, code), periods, *merge_leftovers(cfg))


def held_path(cfg: Config) -> Path:
    """outbox/.held.json: the files the last merge held for another period (not ledger data: a file of its
    own, so that writing it never makes the reports look older than the database)."""
    return cfg.outbox_dir / ".held.json"


def merge_leftovers(cfg: Config) -> tuple[list[dict], list[dict]]:
    """What the last merges left to say: the files held for another period (name, sha256, period,
    department), and the per-file results of a merge interrupted after its commit (log rows; empty once a
    merge has shown them)."""
    path = held_path(cfg)
    held = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
    meta = ledger_rows(cfg, "SELECT value FROM meta WHERE key = ?", (UNSHOWN_KEY,))
    number = meta[0]["value"] if meta else ""
    batch = ledger_rows(cfg, "SELECT * FROM submissions WHERE merge_no = ? ORDER BY seq", (int(number),)) if number else []
    return held, batch or []


def previous_answers(cfg: Config, plan: Plan, period: Period | str, department_key: str) -> PreviousAnswers | None:
    """Last period's current answers for the items of one form unit (a 課 key or a 部 name), and the
    council's opinions on them of the year before the period's (council_year_for).

    None when there is no ledger yet. Rows of another plan (the previous plan's numbering) are ignored.
    """
    period = period if isinstance(period, Period) else parse_period(str(period))
    prev = period.previous()
    nos = {i.no for i in plan.items if i.owner is not None and department_key in (i.owner.key, i.owner.bu)}
    where = "WHERE period = ? AND plan_id = ?"
    reports = ledger_rows(cfg, f"SELECT no, status, result, issues FROM current {where}", (prev.code, plan.id))
    if reports is None:
        return None
    kpis = ledger_rows(cfg, f"SELECT kpi_key, no, actual FROM current_kpis {where}", (prev.code, plan.id))
    return PreviousAnswers(
        period=prev.code,
        reports={int(r["no"]): PreviousReport(r["status"] or "", r["result"] or "", r["issues"] or "")
                 for r in reports if r["no"] in nos},
        kpis={str(k["kpi_key"]): _number(k["actual"]) for k in kpis if k["no"] in nos},
        opinions=item_opinions(live_scores(cfg, council_year_for(period.year)), nos))


def live_scores(cfg: Config, year: int) -> list[dict]:
    """The year's council scores and opinions in force: each member's live file only (COUNCIL_FIELDS dicts)."""
    cols = ", ".join(f"c.{c}" for c in COUNCIL_FIELDS)
    rows = ledger_rows(cfg, f"SELECT {cols} FROM {COUNCIL_TABLE} c JOIN submissions s "
                            "ON s.source_sha256 = c.source_sha256 WHERE s.live = 1 AND c.year = ? "
                            "ORDER BY c.no, c.member", (year,))
    return rows or []


def item_opinions(rows: list[dict], nos: set[int] | None = None) -> dict[int, tuple[str, ...]]:
    """item no → the members' non-empty opinions (in member order) of live council rows."""
    out: dict[int, list[str]] = {}
    for r in rows:
        if (r["opinion"] or "").strip() and (nos is None or r["no"] in nos):
            out.setdefault(int(r["no"]), []).append(str(r["opinion"]).strip())
    return {no: tuple(texts) for no, texts in out.items()}


def _number(value) -> float | None:
    return None if value is None or value != value else float(value)


def merged_versions(cfg: Config) -> list[tuple[str, str, int]]:
    """(period, plan id, plan version) of every accepted file in the ledger (empty without a ledger)."""
    rows = ledger_rows(cfg, "SELECT DISTINCT period, plan_id, plan_version FROM submissions WHERE result IN (?, ?)",
                       ACCEPTED_RESULTS)
    return [(r["period"], r["plan_id"], int(r["plan_version"])) for r in rows or []
            if r["period"] and r["plan_version"] is not None]


def check_revision(cfg: Config, plan: Plan) -> None:
    """UserError (nothing changed) when a version's effective_from precedes periods merged with an earlier one."""
    problems = revision_conflicts(plan, merged_versions(cfg))
    if problems:
        raise msg.UserError("\n".join(problems))


def forms_plan(cfg: Config, plan: Plan, period: Period) -> Plan:
    """The plan version `forms` issues for period: the one in force, once the ledger agrees with the revision."""
    check_revision(cfg, plan)
    return plan_in_force(plan, period)
