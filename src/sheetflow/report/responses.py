"""The city's response to the 審議会's opinions: opinion → response pairs for the report and the publication.

A period's forms show the opinions of the council year before the period's fiscal year
(forms.model.council_year_for) and ask for 意見への対応; the answer kept for an item is the latest non-empty
one of that fiscal year up to the period (a 下期 form may leave it blank when 上期 already answered).
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.workbook import Workbook

from sheetflow import messages as msg
from sheetflow.forms.model import council_year_for
from sheetflow.forms.sheets import opinion_text
from sheetflow.ground.config import Config
from sheetflow.ground.periods import Period, fiscal_label, parse_period
from sheetflow.ground.xlsx import Styles, fitted_height, page_setup, write_table
from sheetflow.ledger.status import item_opinions, ledger_rows, live_scores
from sheetflow.plan.model import Plan

WIDTHS = [5, 14, 18, 14, 44, 44, 9]


@dataclass(frozen=True)
class Response:
    """One item's council opinions and the department's answer ('' while none)."""

    no: int
    theme: str
    name: str
    department: str
    opinions: tuple[str, ...]
    response: str
    period: str  # code of the period whose form gave the answer ('' while none)

    @property
    def answered(self) -> bool:
        return bool(self.response)

    @property
    def period_label(self) -> str:
        """The answering period as users read it (令和8年度 上期), '' while none."""
        return parse_period(self.period).label if self.period else ""


def year_periods(period: Period) -> list[Period]:
    """The periods of the period's fiscal year up to it (上期, and 下期 when it is the 下期)."""
    return [p for p in (Period(period.year, 1), Period(period.year, 2)) if p <= period]


def latest_answers(rows: list[dict], period: Period) -> dict[int, tuple[str, str]]:
    """item no → (response, period code): the latest non-empty answer of the fiscal year up to period."""
    codes = [p.code for p in year_periods(period)]
    out: dict[int, tuple[str, str]] = {}
    for r in sorted((r for r in rows if r["period"] in codes), key=lambda r: codes.index(r["period"])):
        text = str(r.get("response") or "").strip()
        if text:
            out[int(r["no"])] = (text, r["period"])
    return out


def responses_of(plan: Plan, period: Period, opinions: dict[int, tuple[str, ...]], rows: list[dict]) -> list[Response]:
    """One Response per plan item with opinions, in item order (rows: the ledger's current rows)."""
    answers = latest_answers(rows, period)
    out = []
    for item in plan.items:
        if item.no in opinions:
            theme = plan.theme(item.theme)
            text, code = answers.get(item.no, ("", ""))
            out.append(Response(item.no, theme.name if theme else "", item.name,
                                item.owner.key if item.owner else "", opinions[item.no], text, code))
    return out


def period_responses(cfg: Config, plan: Plan, period: Period) -> list[Response]:
    """The pairs from the workspace's ledger (empty without a ledger or without opinions)."""
    opinions = item_opinions(live_scores(cfg, council_year_for(period.year)))
    if not opinions:
        return []
    codes = [p.code for p in year_periods(period)]
    marks = ", ".join("?" for _ in codes)
    rows = ledger_rows(cfg, f"SELECT period, no, response FROM current WHERE plan_id = ? AND period IN ({marks})",
                       (plan.id, *codes)) or []
    return responses_of(plan, period, opinions, rows)


def response_rows(responses: list[Response]) -> list[list[object]]:
    return [[r.no, r.theme, r.name, r.department, opinion_text(r.opinions), r.response or msg.RESPONSE_MISSING,
             r.period_label or None] for r in responses]


def summary_text(responses: list[Response]) -> str:
    answered = sum(1 for r in responses if r.answered)
    return msg.RESPONSE_SUMMARY.format(items=len(responses), answered=answered, missing=len(responses) - answered)


def response_sheet(wb: Workbook, period: Period, responses: list[Response]) -> None:
    """Add 「審議会意見への対応」 to the period's report when the council's opinions of the year before are in."""
    if not responses:
        return
    styles, ws = Styles(wb), wb.add_worksheet(msg.RESPONSE_REPORT_SHEET)
    title = msg.RESPONSE_REPORT_TITLE.format(year=fiscal_label(council_year_for(period.year)), period=period.label)
    ws.write_string(0, 0, title, styles.title)
    ws.write_string(1, 0, summary_text(responses), styles.note)
    rows = response_rows(responses)
    write_table(ws, styles, 3, list(msg.RESPONSE_REPORT_HEADERS), rows, WIDTHS, number_cols=frozenset({0}))
    for r, values in enumerate(rows, start=4):
        ws.set_row(r, fitted_height(zip(values, WIDTHS, strict=True)))
    page_setup(ws, title, repeat_rows=(3, 3))
