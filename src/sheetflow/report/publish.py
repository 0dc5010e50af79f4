"""The yearly public disclosure: a self-contained HTML page and open-data CSVs of the fiscal year's results.

The year's result is its 下期 (H2, as of 3/31); an item without an H2 report falls back to its 上期 (H1)
report, marked 「上期時点」. `build_publication` is pure (frames in, {file name: bytes} out);
`publish_year` opens the ledger and writes the files. 記入者 and 連絡先 (staff names, extension
numbers) are never read from the ledger frames, so they cannot reach any published file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import pandas as pd

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import Field, FormDefinition
from sheetflow.forms.layout import DIRECTION_LABELS
from sheetflow.ground.config import Config, Status
from sheetflow.ground.files import atomic_write_bytes, check_replaceable
from sheetflow.ground.periods import Period, fiscal_label, parse_period
from sheetflow.ledger.periods import publishing, year_reopenings
from sheetflow.ledger.status import in_japan
from sheetflow.plan.model import Plan
from sheetflow.plan.versions import plan_of_year
from sheetflow.report.council import CouncilResults, year_council
from sheetflow.report.csvfile import csv_bytes
from sheetflow.report.data import for_period, item_reports, theme_counts
from sheetflow.report.kpis import kpi_results, measure
from sheetflow.report.public import (
    Figures,
    Publication,
    Published,
    Revision,
    field_columns,
    file_names,
    kpi_line,
    plain_number,
    theme_name,
    verdict,
)
from sheetflow.report.responses import period_responses
from sheetflow.report.values import number, rows_by, text

PUBLIC_REPORT = ["period", "no", "department", "status", "result", "issues", "revenue", "saving", "basis",
                 "grade"]  # never reporter / phone
PUBLIC_KPI = ["period", "kpi_key", "no", "actual"]
NEVER_PUBLIC = ("reporter", "phone")  # staff names and extensions, whatever a definition says


def publication(plan: Plan, year: int, statuses: tuple[Status, ...], h2: pd.DataFrame | None,
                h2_kpis: pd.DataFrame | None, h1: pd.DataFrame | None,
                h1_kpis: pd.DataFrame | None, figures: Figures | None = None,
                fields: tuple[Field, ...] = ()) -> Publication:
    """The year's results: H2 rows, H1 rows for items H2 lacks, only the public columns.

    `figures` (効果額, 達成度, council) come from the stages that collect them; without them the page
    says they are not available. `fields`: the definition's 公表 fields beyond those (published_fields)."""
    year_end, mid, columns = Period(year, 2).code, Period(year, 1).code, [*PUBLIC_REPORT, *(f.key for f in fields)]
    h2, h1 = _public(for_period(h2, year_end), columns), _public(for_period(h1, mid), columns)
    h2_kpis = _public(for_period(h2_kpis, year_end), PUBLIC_KPI)
    h1_kpis = _public(for_period(h1_kpis, mid), PUBLIC_KPI)
    late = {r.no for r in item_reports(plan, h2) if r.reported}
    early = {r.no for r in item_reports(plan, h1) if r.reported} - late
    merged = pd.concat([h2[h2["no"].isin(late)], h1[h1["no"].isin(early)]], ignore_index=True)
    merged_kpis = pd.concat([h2_kpis[h2_kpis["no"].isin(late)], h1_kpis[h1_kpis["no"].isin(early)]],
                            ignore_index=True)
    results = kpi_results(plan, year, merged_kpis)
    rows = rows_by(merged, "no")
    items = [Published(r, _source(r.no, late, early), [k for k in results if k.kpi.item_no == r.no],
                       tuple(_field_value(f, rows.get(r.no, {}).get(f.key)) for f in fields))
             for r in item_reports(plan, merged)]
    return Publication(plan, year, items, theme_counts(plan, statuses, merged),
                       frozenset(s.label for s in statuses if s.behind), figures or Figures(), fields=fields)


def published_fields(form: FormDefinition) -> tuple[Field, ...]:
    """The report table's 公表 fields the items CSV does not carry yet (never 記入者・連絡先)."""
    return tuple(f for f in form.columns(DW.REPORT_TABLE)
                 if f.publish and f.key not in PUBLIC_REPORT and f.key not in NEVER_PUBLIC)


def _field_value(f: Field, value: object) -> object:
    """A cell as the CSV writes it: numbers plain (3, not 3.0), the rest as text; "" when empty."""
    return plain_number(number(value)) if f.ftype.numeric else text(value)


def _public(df: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    """Only the columns that may be published (an empty frame when there is nothing)."""
    if df is None or df.empty:
        return pd.DataFrame(columns=columns)
    out = df[[c for c in columns if c in df.columns]].copy()
    out["no"] = pd.to_numeric(out["no"], errors="coerce")
    return out


def _source(no: int, late: set[int], early: set[int]) -> str:
    return msg.PUBLISH_SOURCE_H2 if no in late else msg.PUBLISH_SOURCE_H1 if no in early else msg.NOT_REPORTED


def build_publication(plan: Plan, year: int, cfg: Config, h2: pd.DataFrame | None, h2_kpis: pd.DataFrame | None,
                      h1: pd.DataFrame | None, h1_kpis: pd.DataFrame | None,
                      generated: datetime | None = None, figures: Figures | None = None) -> dict[str, bytes]:
    """Every file of the disclosure, by file name (pure). Raises DataError when H2 has no report."""
    return render_files(publication(plan, year, DW.statuses(cfg), h2, h2_kpis, h1, h1_kpis, figures,
                                    published_fields(DW.workspace_form(cfg))), generated)


def render_files(pub: Publication, generated: datetime | None = None) -> dict[str, bytes]:
    """The page, the CSVs, their column notes and datapackage.json, all in one folder."""
    from sheetflow.report.datapackage import datapackage_json
    from sheetflow.report.page import render_html

    if not any(p.source == msg.PUBLISH_SOURCE_H2 for p in pub.items):
        raise msg.DataError(msg.PUBLISH_NO_H2.format(period=Period(pub.year, 2).long_label))
    names = file_names(pub.year)
    generated = generated or datetime.now()
    council = {names["council"]: council_csv(pub)} if pub.council_items else {}
    council |= {names["responses"]: responses_csv(pub)} if pub.responses else {}
    return {names["html"]: render_html(pub, generated).encode("utf-8"),
            names["items"]: items_csv(pub), names["kpis"]: kpis_csv(pub), **council,
            names["columns"]: columns_doc(pub).encode("utf-8"), names["package"]: datapackage_json(pub, generated)}


def with_council(pub: Publication, results: CouncilResults) -> Publication:
    """The publication with the council's results (and its average as the headline figure) when it has any."""
    if not results.members:
        return pub
    return replace(pub, council=results, figures=replace(pub.figures, council_average=results.average))


@dataclass(frozen=True)
class PublishResult:
    folder: Path
    paths: list[Path]
    publication: Publication

    def count(self, source: str) -> int:
        return sum(1 for p in self.publication.items if p.source == source)

    @property
    def unreported(self) -> str:
        """The 注意 about items without any report ('' when there are none)."""
        return unreported_warning(self.publication, msg.PUBLISH_UNREPORTED)


def unreported_warning(pub: Publication, template: str) -> str:
    """The 注意 that publish and council print (and exit 1 for) when some items have no report in either
    half: template (PUBLISH_UNREPORTED, COUNCIL_UNREPORTED) with the counts; '' when every item has one."""
    missing = sum(1 for p in pub.items if p.source == msg.NOT_REPORTED)
    return template.format(missing=missing, items=len(pub.items)) if missing else ""


def year_publication(cfg: Config, plan: Plan, year: int) -> Publication:
    """The year's results from the workspace's ledger (the council workbook shows the same)."""
    from sheetflow.ledger.query import open_ledger

    ledger = open_ledger(cfg)
    h2, h1 = Period(year, 2).code, Period(year, 1).code
    from sheetflow.report.effects import publication_figures

    return publication(plan, year, DW.statuses(cfg), ledger.current(h2), ledger.current_kpis(h2), ledger.current(h1),
                       ledger.current_kpis(h1), publication_figures(plan, cfg, ledger.current(), year),
                       published_fields(DW.workspace_form(cfg)))


def publish_year(cfg: Config, plan: Plan, year: int, out: Path | None = None) -> PublishResult:
    """Open the ledger, build the year's disclosure and write its files (nothing when H2 is empty). The items
    and targets are those of the plan version in force at the year's end (下期)."""
    plan = plan_of_year(plan, year)
    pub = with_council(year_publication(cfg, plan, year), year_council(cfg, plan, year))
    pub = replace(pub, responses=tuple(period_responses(cfg, plan, Period(year, 2))),
                  revisions=revisions(cfg, year))
    files = render_files(pub)
    folder = out or cfg.publish_dir(year)
    check_replaceable(folder / name for name in files)  # a CSV open in Excel: nothing is replaced

    def write() -> None:
        for name, data in files.items():
            atomic_write_bytes(folder / name, data)

    publishing(cfg, year, write)  # the ledger records the publication: the year changes only with --reopen
    return PublishResult(folder, [folder / name for name in files], pub)


def revisions(cfg: Config, year: int) -> tuple[Revision, ...]:
    """The year's recorded reopenings (a published year corrected): the page says it was revised."""
    out = []
    for e in year_reopenings(cfg, year):
        when = in_japan(e["at"])
        out.append(Revision(parse_period(e["period"]).label, when.date() if when else None))
    return tuple(out)


# --- CSV -----------------------------------------------------------------------------------------
def _csv(columns: tuple[tuple[str, str], ...], rows: list[list[object]]) -> bytes:
    return csv_bytes([c for c, _ in columns], rows)


def items_csv(pub: Publication) -> bytes:
    label = fiscal_label(pub.year)
    rows = [[pub.year, label, p.source, r.no, r.theme or "", theme_name(pub.plan, r.theme), r.name, r.department,
             r.status or msg.NOT_REPORTED, r.result, r.issues, len(p.kpis), "; ".join(kpi_line(k) for k in p.kpis),
             r.grade, plain_number(r.revenue), plain_number(r.saving), plain_number(r.effect), r.basis, *p.extra]
            for p in pub.items for r in [p.report]]
    return _csv((*msg.PUBLISH_ITEM_COLUMNS, *field_columns(pub)), rows)


def kpis_csv(pub: Publication) -> bytes:
    label = fiscal_label(pub.year)
    rows = []
    for p in pub.items:
        for k in p.kpis:
            rate = k.achievement.rate
            rows.append([pub.year, label, p.source, k.kpi.key, k.kpi.item_no, k.item_name, k.kpi.name, k.kpi.unit,
                         DIRECTION_LABELS.get(k.kpi.direction, ""), plain_number(k.target), plain_number(k.cumulative),
                         measure(k.kpi), plain_number(k.actual), "" if rate is None else round(rate * 100, 1),
                         verdict(k)])
    return _csv(msg.PUBLISH_KPI_COLUMNS, rows)


def council_csv(pub: Publication) -> bytes:
    """Per item the council scored: average (one decimal), members who scored, opinions (no names)."""
    label = fiscal_label(pub.year)
    rows = [[pub.year, label, i.no, i.name, "" if i.average is None else f"{i.average:.1f}", i.count,
             msg.PUBLISH_OPINION_SEPARATOR.join(o for _, o in i.opinions)] for i in pub.council_items]
    return _csv(msg.PUBLISH_COUNCIL_COLUMNS, rows)


def responses_csv(pub: Publication) -> bytes:
    """Per item with last year's council opinions: the opinions (no names) and the city's answer."""
    label = fiscal_label(pub.year)
    rows = [[pub.year, label, r.no, r.name, msg.PUBLISH_OPINION_SEPARATOR.join(r.opinions), r.response,
             r.period_label] for r in pub.responses]
    return _csv(msg.PUBLISH_RESPONSE_COLUMNS, rows)


def columns_doc(pub: Publication) -> str:
    names = file_names(pub.year)
    lines = [f"# {msg.PUBLISH_COLUMNS_TITLE.format(title=pub.plan.title, year=fiscal_label(pub.year))}", ""]
    lines += [f"- {n}" for n in msg.PUBLISH_COLUMNS_NOTES]
    council = ((msg.PUBLISH_COLUMNS_COUNCIL, names["council"], msg.PUBLISH_COUNCIL_COLUMNS),) if pub.council_items else ()
    council += ((msg.PUBLISH_COLUMNS_RESPONSES, names["responses"], msg.PUBLISH_RESPONSE_COLUMNS),) if pub.responses else ()
    items = (*msg.PUBLISH_ITEM_COLUMNS, *field_columns(pub))
    for heading, file, columns in ((msg.PUBLISH_COLUMNS_ITEMS, names["items"], items),
                                   (msg.PUBLISH_COLUMNS_KPIS, names["kpis"], msg.PUBLISH_KPI_COLUMNS), *council):
        lines += ["", f"## {msg.PUBLISH_FILE_IN_BRACKETS.format(label=heading, file=file)}", "", msg.PUBLISH_COLUMNS_TABLE_HEAD, "|---|---|"]
        lines += [f"| {c} | {d} |" for c, d in columns]
    return "\n".join(lines) + "\n"
