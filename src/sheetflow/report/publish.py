"""The yearly public disclosure: a self-contained HTML page and open-data CSVs of the fiscal year's results.

The year's result is its 下期 (H2, as of 3/31); an item without an H2 report falls back to its 上期 (H1)
report, marked 「上期時点」. `build_publication` is pure (frames in, {file name: bytes} out);
`publish_year` opens the ledger and writes the files. 記入者 and 連絡先 (staff names, extension
numbers) are never read from the ledger frames, so they cannot reach any published file.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from sheetflow import messages as msg
from sheetflow.forms.layout import DIRECTION_LABELS
from sheetflow.ground.config import Config, Status
from sheetflow.ground.files import atomic_write_bytes, check_replaceable
from sheetflow.ground.periods import Period, fiscal_label
from sheetflow.plan.model import Plan
from sheetflow.report.data import (
    ItemReport,
    KpiResult,
    by_theme,
    for_period,
    item_reports,
    kpi_results,
    theme_counts,
    theme_label,
)
from sheetflow.report.workbook import japanese_date

PUBLIC_REPORT = ["period", "no", "department", "status", "result", "issues"]  # never reporter / phone
PUBLIC_KPI = ["period", "kpi_key", "no", "actual"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Published:
    """One item of the year's results: its report, where it came from, and its KPIs."""

    report: ItemReport
    source: str  # 下期 / 上期時点 / 未報告
    kpis: list[KpiResult]


@dataclass(frozen=True)
class Publication:
    plan: Plan
    year: int
    items: list[Published]
    counts: pd.DataFrame

    @property
    def kpis(self) -> list[KpiResult]:
        return [k for p in self.items for k in p.kpis]


def file_names(year: int) -> dict[str, str]:
    return {"html": "index.html", "items": f"{year}_items.csv", "kpis": f"{year}_kpis.csv",
            "columns": f"{year}_columns.md"}


def publication(plan: Plan, year: int, statuses: tuple[Status, ...], h2: pd.DataFrame | None,
                h2_kpis: pd.DataFrame | None, h1: pd.DataFrame | None,
                h1_kpis: pd.DataFrame | None) -> Publication:
    """The year's results: H2 rows, H1 rows for items H2 lacks, only the public columns."""
    year_end, mid = Period(year, 2).code, Period(year, 1).code
    h2, h1 = _public(for_period(h2, year_end), PUBLIC_REPORT), _public(for_period(h1, mid), PUBLIC_REPORT)
    h2_kpis = _public(for_period(h2_kpis, year_end), PUBLIC_KPI)
    h1_kpis = _public(for_period(h1_kpis, mid), PUBLIC_KPI)
    late = {r.no for r in item_reports(plan, h2) if r.reported}
    early = {r.no for r in item_reports(plan, h1) if r.reported} - late
    merged = pd.concat([h2[h2["no"].isin(late)], h1[h1["no"].isin(early)]], ignore_index=True)
    merged_kpis = pd.concat([h2_kpis[h2_kpis["no"].isin(late)], h1_kpis[h1_kpis["no"].isin(early)]],
                            ignore_index=True)
    results = kpi_results(plan, year, merged_kpis)
    items = [Published(r, _source(r.no, late, early), [k for k in results if k.kpi.item_no == r.no])
             for r in item_reports(plan, merged)]
    return Publication(plan, year, items, theme_counts(plan, statuses, merged))


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
                      generated: datetime | None = None) -> dict[str, bytes]:
    """Every file of the disclosure, by file name (pure). Raises DataError when H2 has no report."""
    return render_files(publication(plan, year, cfg.statuses, h2, h2_kpis, h1, h1_kpis), generated)


def render_files(pub: Publication, generated: datetime | None = None) -> dict[str, bytes]:
    if not any(p.source == msg.PUBLISH_SOURCE_H2 for p in pub.items):
        raise msg.DataError(msg.PUBLISH_NO_H2.format(period=Period(pub.year, 2).long_label))
    names = file_names(pub.year)
    return {names["html"]: render_html(pub, generated or datetime.now()).encode("utf-8"),
            names["items"]: items_csv(pub), names["kpis"]: kpis_csv(pub),
            names["columns"]: columns_doc(pub).encode("utf-8")}


def publish_dir(cfg: Config, year: int) -> Path:
    return cfg.outbox_dir / "publish" / str(year)


@dataclass(frozen=True)
class PublishResult:
    folder: Path
    paths: list[Path]
    publication: Publication

    def count(self, source: str) -> int:
        return sum(1 for p in self.publication.items if p.source == source)


def publish_year(cfg: Config, plan: Plan, year: int, out: Path | None = None) -> PublishResult:
    """Open the ledger, build the year's disclosure and write its files (nothing when H2 is empty)."""
    from sheetflow.ledger.query import open_ledger

    ledger = open_ledger(cfg)
    h2, h1 = Period(year, 2).code, Period(year, 1).code
    pub = publication(plan, year, cfg.statuses, ledger.current(h2), ledger.current_kpis(h2), ledger.current(h1),
                      ledger.current_kpis(h1))
    files = render_files(pub)
    folder = out or publish_dir(cfg, year)
    check_replaceable(folder / name for name in files)  # a CSV open in Excel: nothing is replaced
    for name, data in files.items():
        atomic_write_bytes(folder / name, data)
    return PublishResult(folder, [folder / name for name in files], pub)


# --- CSV -----------------------------------------------------------------------------------------
def _cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _number(value: float | None) -> object:
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else value


def _csv(columns: tuple[tuple[str, str], ...], rows: list[list[object]]) -> bytes:
    frame = pd.DataFrame([[_cell(v) for v in r] for r in rows], columns=[c for c, _ in columns])
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8-sig")


def items_csv(pub: Publication) -> bytes:
    label = fiscal_label(pub.year)
    rows = [[pub.year, label, p.source, r.no, r.theme or "", _theme_name(pub.plan, r.theme), r.name, r.department,
             r.status or msg.NOT_REPORTED, r.result, r.issues, len(p.kpis), "; ".join(_kpi_line(k) for k in p.kpis)]
            for p in pub.items for r in [p.report]]
    return _csv(msg.PUBLISH_ITEM_COLUMNS, rows)


def kpis_csv(pub: Publication) -> bytes:
    label = fiscal_label(pub.year)
    rows = []
    for p in pub.items:
        for k in p.kpis:
            rate = k.achievement.rate
            rows.append([pub.year, label, p.source, k.kpi.key, k.kpi.item_no, k.item_name, k.kpi.name, k.kpi.unit,
                         DIRECTION_LABELS.get(k.kpi.direction, ""), _number(k.target), _number(k.cumulative),
                         _compared(k), _number(k.actual), "" if rate is None else round(rate * 100, 1),
                         _verdict(k)])
    return _csv(msg.PUBLISH_KPI_COLUMNS, rows)


def columns_doc(pub: Publication) -> str:
    names = file_names(pub.year)
    lines = [f"# {msg.PUBLISH_COLUMNS_TITLE.format(title=pub.plan.title, year=fiscal_label(pub.year))}", ""]
    lines += [f"- {n}" for n in msg.PUBLISH_COLUMNS_NOTES]
    for heading, file, columns in ((msg.PUBLISH_COLUMNS_ITEMS, names["items"], msg.PUBLISH_ITEM_COLUMNS),
                                   (msg.PUBLISH_COLUMNS_KPIS, names["kpis"], msg.PUBLISH_KPI_COLUMNS)):
        lines += ["", f"## {msg.PUBLISH_FILE_IN_BRACKETS.format(label=heading, file=file)}", "", msg.PUBLISH_COLUMNS_TABLE_HEAD, "|---|---|"]
        lines += [f"| {c} | {d} |" for c, d in columns]
    return "\n".join(lines) + "\n"


def _theme_name(plan: Plan, theme: int) -> str:
    t = plan.theme(theme)
    return t.name if t else ""


def _compared(k: KpiResult) -> str:
    return msg.COMPARED_CUMULATIVE if k.kpi.accumulate else msg.COMPARED_YEAR


def _verdict(k: KpiResult) -> str:
    a = k.achievement
    return a.verdict if a.verdict != msg.VERDICT_NONE or not a.shown else a.shown


def _figure(value: float | None, unit: str) -> str:
    return msg.NOT_REPORTED if value is None else msg.PUBLISH_VALUE.format(value=_number(value), unit=unit)


def _target_text(k: KpiResult) -> str:
    if k.compared is None:
        return msg.NO_TARGET
    return msg.PUBLISH_TARGET.format(value=_number(k.compared), unit=k.kpi.unit, kind=_compared(k))


def _rate_text(k: KpiResult) -> str:
    a = k.achievement
    return f"{a.rate * 100:.1f}%" if a.rate is not None else a.shown or msg.VERDICT_NONE


def _kpi_line(k: KpiResult) -> str:
    actual = _figure(k.actual, k.kpi.unit)
    if k.compared is None:
        return msg.PUBLISH_KPI_LINE_NO_TARGET.format(kpi=k.kpi.name, actual=actual)
    line = msg.PUBLISH_KPI_LINE.format(kpi=k.kpi.name, actual=actual, kind=_compared(k),
                                       target=_figure(k.compared, k.kpi.unit))
    verdict = k.achievement.verdict
    return line + (msg.PUBLISH_KPI_VERDICT.format(verdict=verdict) if verdict != msg.VERDICT_NONE else "")


# --- HTML ----------------------------------------------------------------------------------------
CSS = ("""
body{font-family:"Hiragino Kaku Gothic ProN","Yu Gothic","Noto Sans CJK JP",Meiryo,sans-serif;
margin:1.5rem auto;max-width:72rem;padding:0 1rem;line-height:1.6;color:#1a1a1a;background:#fff}
h1{font-size:1.5rem;border-bottom:3px solid #1f4e79;padding-bottom:.3rem}
h2{font-size:1.2rem;margin-top:2rem;border-left:6px solid #1f4e79;padding-left:.5rem}
table{border-collapse:collapse;width:100%;margin:.8rem 0 1.4rem;font-size:.92rem}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border:1px solid #8c8c8c;padding:.3rem .45rem;vertical-align:top;text-align:left}
thead th{background:#dde6f0}
tbody th{font-weight:normal;background:#f7f7f7}
td.num{text-align:right;white-space:nowrap}
.status-BEHIND,.verdict-NOT_ACHIEVED{color:#9c0006;font-weight:bold}
.verdict-ACHIEVED{color:#006100;font-weight:bold}
.note{font-size:.9rem;color:#333}
footer{margin-top:2rem;border-top:1px solid #ccc;font-size:.85rem}
@media print{
@page{size:A4 landscape;margin:12mm}
body{max-width:none;margin:0;font-size:9pt}
h2{break-after:avoid}
table{font-size:8.5pt}
thead{display:table-header-group}
tr{break-inside:avoid}
a{color:inherit;text-decoration:none}
}
""".replace(".status-BEHIND", f".status-{msg.STATUS_BEHIND}")
       .replace(".verdict-NOT_ACHIEVED", f".verdict-{msg.NOT_ACHIEVED}")
       .replace(".verdict-ACHIEVED", f".verdict-{msg.ACHIEVED}")).strip()


def _e(value: object) -> str:
    """Escape any text for HTML (department text is data, never markup); newlines become <br>."""
    return html.escape("" if value is None else str(value), quote=True).replace("\n", "<br>")


def _tr(cells: list[str]) -> str:
    return "<tr>" + "".join(cells) + "</tr>"


def _head(headers: tuple[str, ...] | list[str]) -> str:
    return "<thead>" + _tr([f'<th scope="col">{_e(h)}</th>' for h in headers]) + "</thead>"


def render_html(pub: Publication, generated: datetime) -> str:
    plan, year = pub.plan, fiscal_label(pub.year)
    title = msg.PUBLISH_TITLE.format(title=plan.title, year=year)
    lead = msg.PUBLISH_LEAD.format(municipality=plan.municipality, title=plan.title, year=year,
                                   first=fiscal_label(plan.first_year), last=fiscal_label(plan.last_year),
                                   as_of=japanese_date(Period(pub.year, 2).as_of))
    parts = [f'<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
             f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{_e(title)}</title>\n'
             f"<style>\n{CSS}\n</style>\n</head>\n<body>\n<header>\n<h1>{_e(title)}</h1>\n<p>{_e(lead)}</p>\n"
             f'<p class="note">{_e(msg.PUBLISH_DATE.format(date=japanese_date(generated.date())))}</p>\n'
             "</header>\n<main>\n", _counts_html(pub), _items_html(pub), _kpis_html(pub), _data_html(pub),
             f"</main>\n<footer><p>{_e(msg.PUBLISH_FOOTER.format(municipality=plan.municipality, office=plan.office))}"
             "</p></footer>\n</body>\n</html>\n"]
    return "".join(parts)


def _counts_html(pub: Publication) -> str:
    counts = pub.counts
    body = [_tr([f'<th scope="row">{_e(theme_label(pub.plan, int(t)))}</th>',
                 *(f'<td class="num">{int(v)}</td>' for v in values)]) for t, values in counts.iterrows()]
    total = _tr([f'<th scope="row">{_e(msg.REPORT_TOTAL)}</th>',
                 *(f'<td class="num">{int(v)}</td>' for v in counts.sum())])
    caption = msg.PUBLISH_COUNTS_CAPTION.format(year=fiscal_label(pub.year))
    return (f"<section>\n<h2>{_e(msg.PUBLISH_COUNTS_HEADING)}</h2>\n<table>\n<caption>{_e(caption)}</caption>\n"
            f"{_head([msg.REPORT_COUNTS_THEME, *counts.columns])}\n<tbody>\n" + "\n".join(body) +
            f"\n</tbody>\n<tfoot>\n{total}\n</tfoot>\n</table>\n</section>\n")


def _items_html(pub: Publication) -> str:
    by_no = {p.report.no: p for p in pub.items}
    out = [f"<section>\n<h2>{_e(msg.PUBLISH_ITEMS_HEADING)}</h2>\n<p class=\"note\">{_e(msg.PUBLISH_H1_NOTE)}</p>\n"]
    for theme, reports in by_theme(pub.plan, [p.report for p in pub.items]):
        if not reports:
            continue
        caption = msg.PUBLISH_THEME_CAPTION.format(theme=theme_label(pub.plan, theme), count=len(reports))
        rows = [_item_row(r, by_no[r.no].source) for r in reports]
        out.append(f"<table>\n<caption>{_e(caption)}</caption>\n{_head(msg.PUBLISH_ITEMS_HEADERS)}\n<tbody>\n"
                   + "\n".join(rows) + "\n</tbody>\n</table>\n")
    return "".join(out) + "</section>\n"


def _item_row(r: ItemReport, source: str) -> str:
    status = r.status or msg.NOT_REPORTED
    mark = f"<br>{_e(msg.PUBLISH_H1_MARK)}" if source == msg.PUBLISH_SOURCE_H1 else ""
    return _tr([f'<td class="num">{r.no}</td>', f'<th scope="row">{_e(r.name)}</th>', f"<td>{_e(r.department)}</td>",
                f'<td class="status-{_e(status)}">{_e(status)}{mark}</td>', f"<td>{_e(r.result)}</td>",
                f"<td>{_e(r.issues)}</td>"])


def _kpis_html(pub: Publication) -> str:
    rows = [_tr([f'<td class="num">{k.kpi.item_no}</td>', f"<td>{_e(k.item_name)}</td>",
                 f'<th scope="row">{_e(k.kpi.name)}</th>', f'<td class="num">{_e(_target_text(k))}</td>',
                 f'<td class="num">{_e(_figure(k.actual, k.kpi.unit))}</td>', f'<td class="num">{_e(_rate_text(k))}</td>',
                 f'<td class="verdict-{_e(_verdict(k))}">{_e(_verdict(k))}</td>'])
            for k in pub.kpis]
    caption = msg.PUBLISH_KPI_CAPTION.format(year=fiscal_label(pub.year))
    return (f"<section>\n<h2>{_e(msg.PUBLISH_KPI_HEADING)}</h2>\n<p class=\"note\">{_e(msg.PUBLISH_RATE_NOTE)}</p>\n"
            f"<table>\n<caption>{_e(caption)}</caption>\n{_head(msg.PUBLISH_KPI_HEADERS)}\n<tbody>\n"
            + "\n".join(rows) + "\n</tbody>\n</table>\n</section>\n")


def _data_html(pub: Publication) -> str:
    names = file_names(pub.year)
    links = [(names["items"], msg.PUBLISH_DATA_ITEMS), (names["kpis"], msg.PUBLISH_DATA_KPIS)]
    items = "".join(f'<li><a href="{_e(f)}">{_e(msg.PUBLISH_FILE_IN_BRACKETS.format(label=label, file=f))}</a></li>\n' for f, label in links)
    return (f"<section>\n<h2>{_e(msg.PUBLISH_DATA_HEADING)}</h2>\n<p>{_e(msg.PUBLISH_DATA_LEAD)}"
            f'<a href="{_e(names["columns"])}">{_e(names["columns"])}</a></p>\n<ul>\n{items}</ul>\n</section>\n')
