"""`sheetflow council --year`: the year's 審議会 evaluation workbook, filled from the ledger.

The year's results are chosen as the publication chooses them (report.publish.year_publication: 下期,
else 上期時点) and handed to forms.council as plain CouncilItem values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.forms.council import CouncilItem, CouncilSpec, build_council_workbook
from sheetflow.ground.config import Config
from sheetflow.ground.files import atomic_write_bytes, check_replaceable
from sheetflow.ground.periods import fiscal_label
from sheetflow.plan.model import Plan
from sheetflow.plan.versions import plan_of_year
from sheetflow.report.data import ItemReport
from sheetflow.report.public import Publication, Published, kpi_line, theme_name
from sheetflow.report.publish import unreported_warning, year_publication


@dataclass(frozen=True)
class CouncilBook:
    path: Path
    publication: Publication

    def count(self, source: str) -> int:
        return sum(1 for p in self.publication.items if p.source == source)

    @property
    def unreported(self) -> str:
        """The 注意 about items without any report, worded as publish's ('' when there are none)."""
        return unreported_warning(self.publication, msg.COUNCIL_UNREPORTED)


def council_item(pub: Publication, p: Published) -> CouncilItem:
    """One item's year result as the council workbook shows it."""
    r = p.report
    status = r.status or msg.NOT_REPORTED
    if p.source == msg.PUBLISH_SOURCE_H1:
        status = f"{status}\n{msg.PUBLISH_H1_MARK}"
    return CouncilItem(no=r.no, theme=theme_name(pub.plan, r.theme), name=r.name, department=r.department,
                       status=status, result=r.result, indicators=tuple(kpi_line(k) for k in p.kpis),
                       issues=r.issues, grade=r.grade, effect=effect_lines(r))


def effect_lines(r: ItemReport) -> str:
    """歳入増 / 歳出減 (千円) as the council reads them, a line each that was given."""
    amounts = (("revenue", r.revenue), ("saving", r.saving))
    return "\n".join(msg.COUNCIL_EFFECT_LINES[key].format(amount=v) for key, v in amounts if v is not None)


def council_items(pub: Publication) -> tuple[CouncilItem, ...]:
    return tuple(council_item(pub, p) for p in pub.items)


def council_book_path(cfg: Config, year: int) -> Path:
    """outbox/council/2025/令和7年度_審議会評価シート.xlsx (Config.council_dir). A workspace whose book is in
    the folder named in 和暦 (outbox/council/令和7年度/, before the one naming rule) keeps it there."""
    name = msg.COUNCIL_FILENAME.format(year=fiscal_label(year))
    older = cfg.outbox_dir / "council" / fiscal_label(year) / name
    return older if older.is_file() else cfg.council_dir(year) / name


def write_council_book(cfg: Config, plan: Plan, year: int, out: Path | None = None, force: bool = False,
                       generated_at: datetime | None = None) -> CouncilBook:
    """Write the year's evaluation workbook (refuses to replace an existing one without force); its items are
    those of the plan version in force at the year's end, as in the publication."""
    plan = plan_of_year(plan, year)
    pub = year_publication(cfg, plan, year)
    path = out or council_book_path(cfg, year)
    if path.exists() and not force:
        raise msg.UserError(msg.COUNCIL_EXISTS.format(path=path))
    check_replaceable([path])
    spec = CouncilSpec(plan, year, council_items(pub), generated_at or datetime.now().astimezone(),
                       contact=cfg.contact, password=cfg.password)
    atomic_write_bytes(path, build_council_workbook(spec))
    return CouncilBook(path, pub)
