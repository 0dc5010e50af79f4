"""What the yearly publication holds (shared by its HTML page, CSVs and datapackage.json) and how its
figures read as text.

`Figures` carries what other stages add when they have it — 効果額 by fiscal year, counts by 達成度, the
council's average score. Each is None until it exists; the page then says plainly that it is not available
and never shows an invented figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from sheetflow import messages as msg
from sheetflow.definition.model import Field
from sheetflow.plan.model import Plan
from sheetflow.report.council import CouncilResults
from sheetflow.report.data import ItemReport
from sheetflow.report.kpis import KpiResult, measure
from sheetflow.report.values import japanese_date

if TYPE_CHECKING:  # the value only: its module reads the ledger and writes a workbook sheet
    from sheetflow.report.responses import Response


@dataclass(frozen=True)
class Published:
    """One item of the year's results: its report, where it came from, and its KPIs."""

    report: ItemReport
    source: str  # 下期 / 上期時点 / 未報告
    kpis: list[KpiResult]
    extra: tuple[object, ...] = ()  # the values of Publication.fields, as the items CSV writes them


@dataclass(frozen=True)
class Figures:
    """Optional figures of the year; None = not available yet (the page says so)."""

    effects: dict[int, float | None] | None = None  # 効果額 (千円, 歳入増 + 歳出減) by fiscal year
    grades: list[tuple[str, int]] | None = None  # items per 達成度 grade, in the scale's order
    council_average: float | None = None  # the 審議会's average 評価点 (out of 5)
    themes: list[tuple[int, float, float]] | None = None  # per theme: (theme no, the year's 効果額, cumulative)

    def effect(self, year: int) -> float | None:
        return None if self.effects is None else self.effects.get(year)

    def cumulative_effect(self, year: int) -> float | None:
        """The sum of the known 効果額 up to and including `year` (None when none is known)."""
        known = [v for y, v in (self.effects or {}).items() if y <= year and v is not None]
        return sum(known) if known else None


@dataclass(frozen=True)
class Revision:
    """A published year corrected: the period (label) and the day (Japan time) of the recorded reopening."""

    period: str
    day: date | None


def revision_note(pub: Publication) -> str:
    """「改訂版: …」 for a revised publication; "" for a first one."""
    if not pub.revisions:
        return ""
    days = [r.day for r in pub.revisions if r.day is not None]
    periods = msg.CLI_LIST_SEPARATOR.join(dict.fromkeys(r.period for r in pub.revisions))
    return msg.PUBLISH_REVISED.format(date=japanese_date(max(days)) if days else "", periods=periods)


@dataclass(frozen=True)
class Publication:
    plan: Plan
    year: int
    items: list[Published]
    counts: pd.DataFrame
    behind: frozenset[str] = frozenset()  # status labels that mean 'behind schedule'
    figures: Figures = field(default_factory=Figures)
    council: CouncilResults | None = None  # the 審議会's scores and opinions, when members' files are in
    responses: tuple[Response, ...] = ()  # the city's answers this year to last year's council opinions
    revisions: tuple[Revision, ...] = ()  # the year was reopened after it was published: the page is revised
    fields: tuple[Field, ...] = ()  # the definition's 公表 fields the items CSV adds after its own columns

    @property
    def council_items(self) -> list:
        """The items the council scored or commented on (an empty list when it has not yet)."""
        return [] if self.council is None else [i for i in self.council.items if i.count or i.opinions]

    @property
    def kpis(self) -> list[KpiResult]:
        return [k for p in self.items for k in p.kpis]

    def behind_items(self) -> list[Published]:
        return [p for p in self.items if p.report.status in self.behind]


def field_columns(pub: Publication) -> tuple[tuple[str, str], ...]:
    """The items CSV's columns of the definition's 公表 fields: (header, note)."""
    return tuple((f.header, msg.PUBLISH_FIELD_NOTE.format(header=f.header, type=f.type_name)) for f in pub.fields)


def file_names(year: int) -> dict[str, str]:
    return {"html": "index.html", "items": f"{year}_items.csv", "kpis": f"{year}_kpis.csv",
            "columns": f"{year}_columns.md", "package": "datapackage.json", "council": f"{year}_council.csv",
            "responses": f"{year}_responses.csv"}


# --- figures as text -----------------------------------------------------------------------------
def plain_number(value: float | None) -> object:
    """A figure as it is written: "" for none, 3 rather than 3.0."""
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else value


def theme_name(plan: Plan, theme: int) -> str:
    t = plan.theme(theme)
    return t.name if t else ""


def verdict(k: KpiResult) -> str:
    a = k.achievement
    return a.verdict if a.verdict != msg.VERDICT_NONE or not a.shown else a.shown


def figure(value: float | None, unit: str) -> str:
    return msg.NOT_REPORTED if value is None else msg.PUBLISH_VALUE.format(value=plain_number(value), unit=unit)


def target_text(k: KpiResult) -> str:
    if k.compared is None:
        return msg.NO_TARGET
    return msg.PUBLISH_TARGET.format(value=plain_number(k.compared), unit=k.kpi.unit, kind=measure(k.kpi))


def rate_text(k: KpiResult) -> str:
    a = k.achievement
    return f"{a.rate * 100:.1f}%" if a.rate is not None else a.shown or msg.VERDICT_NONE


def kpi_line(k: KpiResult) -> str:
    actual = figure(k.actual, k.kpi.unit)
    if k.compared is None:
        return msg.PUBLISH_KPI_LINE_NO_TARGET.format(kpi=k.kpi.name, actual=actual)
    line = msg.PUBLISH_KPI_LINE.format(kpi=k.kpi.name, actual=actual, kind=measure(k.kpi),
                                       target=figure(k.compared, k.kpi.unit))
    v = k.achievement.verdict
    return line + (msg.PUBLISH_KPI_VERDICT.format(verdict=v) if v != msg.VERDICT_NONE else "")
