"""The 審議会's results of a year: per item the average 評価点 (x.x点/5点), how many members scored it and
every opinion; by theme; highest and lowest items; and the summary workbook 審議会評価集計.xlsx that
serves as the draft 意見書 (outbox/council/<年度>/, rewritten by merge's refresh).

Averages are rounded half up to one decimal (4.25 → 4.3), as a city writes them, from the exact mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from sheetflow import messages as msg
from sheetflow.ground.config import Config
from sheetflow.plan.model import Plan

RANKED = 5  # items listed as highest and as lowest in the draft 意見書


def one_decimal(value: Fraction) -> float:
    """The exact mean rounded half up to one decimal."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def mean(scores: list[int]) -> float | None:
    return one_decimal(Fraction(sum(scores), len(scores))) if scores else None


def average_text(average: float | None) -> str:
    return msg.COUNCIL_NO_SCORE if average is None else msg.COUNCIL_AVERAGE.format(average=f"{average:.1f}")


@dataclass(frozen=True)
class ItemScore:
    no: int
    theme: int
    name: str
    department: str
    scores: tuple[int, ...]
    opinions: tuple[tuple[str, str], ...]  # (member, opinion), members in name order

    @property
    def count(self) -> int:
        return len(self.scores)

    @property
    def average(self) -> float | None:
        return mean(list(self.scores))


@dataclass(frozen=True)
class CouncilResults:
    year: int
    items: tuple[ItemScore, ...]
    members: tuple[str, ...]

    @property
    def average(self) -> float | None:
        """The mean of every score given this year."""
        return mean([s for i in self.items for s in i.scores])

    @property
    def scored(self) -> list[ItemScore]:
        return [i for i in self.items if i.count]

    def ranked(self, highest: bool) -> list[ItemScore]:
        order = sorted(self.scored, key=lambda i: (-Fraction(sum(i.scores), i.count), i.no))
        return order[:RANKED] if highest else list(reversed(order))[:RANKED]

    def by_theme(self, plan: Plan) -> list[tuple[str, float | None, int]]:
        """(theme name, average of its scores, items scored) per theme of the plan."""
        out = []
        for theme in plan.themes:
            items = [i for i in self.items if i.theme == theme.no]
            out.append((theme.name, mean([s for i in items for s in i.scores]), sum(1 for i in items if i.count)))
        return out


def council_results(plan: Plan, year: int, rows: list[dict]) -> CouncilResults:
    """Results from the ledger's live council rows (ledger.status.live_scores), every plan item listed."""
    by_no: dict[int, list[dict]] = {}
    for row in rows:
        by_no.setdefault(int(row["no"]), []).append(row)
    items = []
    for item in plan.items:
        mine = sorted(by_no.get(item.no, []), key=lambda r: r["member"])
        items.append(ItemScore(item.no, item.theme, item.name, item.owner.key if item.owner else "",
                               tuple(int(r["score"]) for r in mine if r["score"] is not None),
                               tuple((r["member"], r["opinion"]) for r in mine if r["opinion"])))
    return CouncilResults(year, tuple(items), tuple(sorted({r["member"] for r in rows})))


def year_council(cfg: Config, plan: Plan, year: int) -> CouncilResults:
    """The year's results from the workspace's ledger."""
    from sheetflow.ledger.status import live_scores

    return council_results(plan, year, live_scores(cfg, year))
