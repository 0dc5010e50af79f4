"""The publication's HTML page: one self-contained file (inline CSS and SVG, no script, nothing fetched).

Top to bottom: a headline of the year's key figures (each linking to its section), status by theme as a
stacked-bar chart with its table, items behind schedule, 達成度, 効果額 by year, the council's score, the
items theme by theme, the indicators, and the open data. Figures another stage has not delivered yet
(public.Figures) are stated as not available, never guessed.

Accessibility (WCAG 2.1 AA / JIS X 8341-3): lang="ja", a skip link, headings h1 → h2 → h3 in order, every
table with a caption and th scope, charts with title/desc and their numbers in a table, colour plus pattern
plus written counts, visible focus. On a phone (≤ 40rem) the wide tables become one card per row (the
column name written above each value, hidden from screen readers, which keep the table's own headers);
the counts table scrolls inside its own focusable region with its header row and first column kept.
"""

from __future__ import annotations

from datetime import datetime

from sheetflow import messages as msg
from sheetflow.ground.periods import Period, fiscal_label, japan_time
from sheetflow.report import charts
from sheetflow.report.council import average_text
from sheetflow.report.data import by_theme, theme_label
from sheetflow.report.html import cards_table, escape, figure_html, scroll, section, table, tr
from sheetflow.report.public import (
    Publication,
    figure,
    file_names,
    rate_text,
    revision_note,
    target_text,
    verdict,
)
from sheetflow.report.responses import summary_text
from sheetflow.report.values import japanese_date

ACCENT = "#1f4e79"
CSS = """
*,*::before,*::after{box-sizing:border-box}
body{font-family:"Hiragino Kaku Gothic ProN","Yu Gothic","Noto Sans CJK JP",Meiryo,sans-serif;
margin:0 auto;max-width:72rem;padding:0 1rem 1.5rem;line-height:1.7;color:#1a1a1a;background:#fff;
overflow-wrap:anywhere}
a{color:#0b4f8a}
a:focus-visible,[tabindex]:focus-visible,summary:focus-visible{outline:3px solid #c05800;outline-offset:2px}
.skip{position:absolute;left:.5rem;top:-10rem;background:#fff;padding:.4rem .8rem;border:2px solid ACCENT;z-index:2}
.skip:focus{top:.5rem}
h1{font-size:1.5rem;line-height:1.4;border-bottom:3px solid ACCENT;padding:1rem 0 .3rem;margin:0 0 .5rem}
h2{font-size:1.25rem;margin:2.2rem 0 .6rem;border-left:6px solid ACCENT;padding-left:.5rem}
h3{font-size:1rem;margin:0}
.cards-list{list-style:none;padding:0;margin:.5rem 0;display:grid;gap:.8rem;
grid-template-columns:repeat(auto-fit,minmax(14rem,1fr))}
.card{border:1px solid #8c8c8c;border-top:5px solid ACCENT;border-radius:4px;padding:.6rem .8rem}
.card .big{font-size:1.6rem;font-weight:bold;margin:.1rem 0;line-height:1.3}
.card p{margin:.2rem 0}
figure{margin:1rem 0}
figcaption{font-weight:bold}
.chart{display:block;width:100%;max-width:32rem;height:auto;margin:.4rem 0}
table{border-collapse:collapse;width:100%;margin:.8rem 0 1.4rem;font-size:.92rem}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border:1px solid #8c8c8c;padding:.3rem .45rem;vertical-align:top;text-align:left}
thead th{background:#dde6f0;white-space:nowrap}
tbody th{font-weight:normal;background:#f7f7f7}
td.num{text-align:right;white-space:nowrap}
.scroll{overflow-x:auto;max-width:100%;margin:.8rem 0 1.4rem}
.scroll table{margin:0;width:auto;min-width:100%}
.scroll tbody th{position:sticky;left:0;min-width:9em}
.status-BEHIND,.verdict-NOT_ACHIEVED{color:#9c0006;font-weight:bold}
.verdict-ACHIEVED{color:#006100;font-weight:bold}
.note{font-size:.9rem;color:#333}
.print-only{display:none}
footer{margin-top:2rem;border-top:1px solid #ccc;font-size:.85rem}
@media (max-width:40rem){
h1{font-size:1.3rem}
table.cards,table.cards tbody,table.cards tr,table.cards td,table.cards tbody th{display:block;width:auto}
table.cards caption{display:block}
table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
table.cards tr{border:1px solid #8c8c8c;border-left:5px solid ACCENT;margin:0 0 .8rem;padding:.3rem .6rem}
table.cards td,table.cards tbody th{border:none;padding:.1rem 0;background:none;text-align:left;white-space:normal}
table.cards tbody th{font-weight:bold}
table.cards td:empty{display:none}
table.cards [data-label]::before{display:block;font-size:.8rem;color:#444;font-weight:normal;
content:attr(data-label);content:attr(data-label) / ""}
table.cards td.num::before{display:inline;margin-right:.6em}
}
@media print{
@page{size:A4;margin:14mm 12mm}
body{max-width:none;margin:0;padding:0;font-size:9.5pt}
.skip{display:none}
.print-only{display:block}
.page{break-before:page}
h2,h3,caption,figcaption{break-after:avoid}
figure,.chart,.card,tr,.scroll{break-inside:avoid}
.scroll{overflow:visible}
.scroll tbody th{position:static}
table{font-size:8.5pt}
thead{display:table-header-group}
a{color:inherit;text-decoration:none}
}
""".replace("ACCENT", ACCENT).replace(".status-BEHIND", f".status-{msg.STATUS_BEHIND}").replace(
    ".verdict-NOT_ACHIEVED", f".verdict-{msg.NOT_ACHIEVED}").replace(".verdict-ACHIEVED", f".verdict-{msg.ACHIEVED}").strip()


def render_html(pub: Publication, generated: datetime) -> str:
    plan, year = pub.plan, fiscal_label(pub.year)
    title = msg.PUBLISH_TITLE.format(title=plan.title, year=year)
    lead = msg.PUBLISH_LEAD.format(municipality=plan.municipality, title=plan.title, year=year,
                                   first=fiscal_label(plan.first_year), last=fiscal_label(plan.last_year),
                                   as_of=japanese_date(Period(pub.year, 2).as_of))
    parts = [f'<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
             f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{escape(title)}</title>\n'
             f'<style>\n{CSS}\n</style>\n</head>\n<body>\n<a class="skip" href="#main">{escape(msg.PUBLISH_SKIP)}</a>\n'
             f"<header>\n<h1>{escape(title)}</h1>\n<p>{escape(lead)}</p>\n"
             f'<p class="note">{escape(msg.PUBLISH_DATE.format(date=japanese_date(japan_time(generated).date())))}</p>\n'
             f"{revised_html(pub)}"
             '</header>\n<main id="main" tabindex="-1">\n',
             headline_html(pub), counts_html(pub), behind_html(pub), grades_html(pub), effects_html(pub),
             council_html(pub), responses_html(pub), items_html(pub), kpis_html(pub), data_html(pub),
             f"</main>\n<footer><p>{escape(msg.PUBLISH_FOOTER.format(municipality=plan.municipality, office=plan.office))}"
             "</p></footer>\n</body>\n</html>\n"]
    return "".join(parts)


def revised_html(pub: Publication) -> str:
    """The line that says the page was revised after a published year was reopened ("" for a first edition)."""
    note = revision_note(pub)
    return f'<p class="revised"><strong>{escape(note)}</strong></p>\n' if note else ""


# --- headline --------------------------------------------------------------------------------------
def _card(heading: str, big: str, text: str, key: str, section: str) -> str:
    figure_line = f'<p class="big">{escape(big)}</p>\n' if big else ""
    return (f'<li class="card">\n<h3>{escape(heading)}</h3>\n{figure_line}<p>{escape(text)}</p>\n'
            f'<p><a href="#{key}">{escape(msg.PUBLISH_MORE.format(section=section))}</a></p>\n</li>\n')


def headline_html(pub: Publication) -> str:
    cards = [_status_card(pub), _behind_card(pub), _kpi_card(pub), _grades_card(pub), _effects_card(pub),
             _council_card(pub)]
    body = '<ul class="cards-list">\n' + "".join(c for c in cards if c) + "</ul>\n"
    return section("summary", msg.PUBLISH_SUMMARY_HEADING, body)


def _words(counts: list[tuple[str, int]]) -> str:
    return msg.CHART_WORD_SEPARATOR.join(msg.CHART_COUNT_WORDS.format(label=label, count=n) for label, n in counts)


def _status_totals(pub: Publication) -> list[tuple[str, int]]:
    totals = pub.counts.drop(columns=[msg.REPORT_TOTAL]).sum()
    return [(str(label), int(n)) for label, n in totals.items()]


def _status_card(pub: Publication) -> str:
    text = _words([(label, n) for label, n in _status_totals(pub) if n])
    return _card(msg.PUBLISH_CARD_STATUS, msg.PUBLISH_CARD_STATUS_BIG.format(count=len(pub.items)), text,
                 "status", msg.PUBLISH_COUNTS_HEADING)


def _behind_labels(pub: Publication) -> str:
    order = list(pub.counts.columns)
    return msg.PUBLISH_LABEL_SEPARATOR.join(sorted(pub.behind, key=lambda s: order.index(s) if s in order else 99))


def _behind_card(pub: Publication) -> str:
    if not pub.behind:
        return ""
    return _card(msg.PUBLISH_CARD_BEHIND, msg.PUBLISH_BIG_COUNT.format(count=len(pub.behind_items())),
                 msg.PUBLISH_BEHIND_TEXT.format(labels=_behind_labels(pub)), "behind", msg.PUBLISH_CARD_BEHIND)


def _kpi_card(pub: Publication) -> str:
    kpis = pub.kpis
    if not kpis:
        return ""
    verdicts = [verdict(k) for k in kpis]
    achieved, missed, unreported = (verdicts.count(v) for v in (msg.ACHIEVED, msg.NOT_ACHIEVED, msg.NOT_REPORTED))
    text = msg.PUBLISH_KPI_TEXT.format(achieved=achieved, missed=missed, unreported=unreported,
                                       other=len(kpis) - achieved - missed - unreported)
    return _card(msg.PUBLISH_CARD_KPIS, msg.PUBLISH_KPI_BIG.format(achieved=achieved, count=len(kpis)), text,
                 "kpis", msg.PUBLISH_KPI_HEADING)


def _grades_card(pub: Publication) -> str:
    grades = pub.figures.grades
    if grades is None:
        return _card(msg.PUBLISH_GRADES_HEADING, "", msg.PUBLISH_GRADES_NONE, "grades", msg.PUBLISH_GRADES_HEADING)
    return _card(msg.PUBLISH_GRADES_HEADING, msg.PUBLISH_GRADES_BIG.format(count=sum(n for _, n in grades)),
                 msg.PUBLISH_GRADES_TEXT.format(counts=_words(grades)), "grades", msg.PUBLISH_GRADES_HEADING)


def _yen(value: float) -> str:
    return msg.PUBLISH_VALUE.format(value=charts.plain(value), unit=msg.PUBLISH_UNIT_THOUSAND_YEN)


def _effects_card(pub: Publication) -> str:
    f, year = pub.figures, fiscal_label(pub.year)
    value, cumulative = f.effect(pub.year), f.cumulative_effect(pub.year)
    if f.effects is None or value is None:
        text = msg.PUBLISH_EFFECTS_NONE if f.effects is None else msg.PUBLISH_EFFECTS_YEAR_NONE.format(year=year)
        return _card(msg.PUBLISH_CARD_EFFECTS, "", text, "effects", msg.PUBLISH_EFFECTS_HEADING)
    text = msg.PUBLISH_EFFECTS_TEXT.format(year=year, first=fiscal_label(pub.plan.first_year),
                                           cumulative=_yen(cumulative or 0))
    return _card(msg.PUBLISH_CARD_EFFECTS, _yen(value), text, "effects", msg.PUBLISH_EFFECTS_HEADING)


def _council_card(pub: Publication) -> str:
    score = pub.figures.council_average
    if score is None:
        return _card(msg.PUBLISH_COUNCIL_HEADING, "", msg.PUBLISH_COUNCIL_NONE, "council", msg.PUBLISH_COUNCIL_HEADING)
    return _card(msg.PUBLISH_COUNCIL_HEADING, msg.PUBLISH_COUNCIL_BIG.format(score=f"{score:.1f}"),
                 msg.PUBLISH_COUNCIL_TEXT, "council", msg.PUBLISH_COUNCIL_HEADING)


# --- status by theme, behind -----------------------------------------------------------------------
def counts_html(pub: Publication) -> str:
    counts = pub.counts
    statuses = [str(c) for c in counts.columns if c != msg.REPORT_TOTAL]
    caption = msg.PUBLISH_COUNTS_CAPTION.format(year=fiscal_label(pub.year))
    rows = [(theme_label(pub.plan, int(t)), [int(values[s]) for s in statuses]) for t, values in counts.iterrows()]
    svg = charts.stacked_bars("chart-status", caption, rows,
                              charts.series_for(statuses, (msg.NOT_REPORTED,)))
    body = [tr([f'<th scope="row">{escape(label)}</th>', *(f'<td class="num">{v}</td>' for v in [*values, sum(values)])])
            for label, values in rows]
    total = tr([f'<th scope="row">{escape(msg.REPORT_TOTAL)}</th>', *(f'<td class="num">{int(v)}</td>' for v in counts.sum())])
    counts_table = table(caption, [msg.REPORT_COUNTS_THEME, *counts.columns], body, foot=total)
    return section("status", msg.PUBLISH_COUNTS_HEADING, figure_html(svg, caption) + scroll("counts", counts_table), True)


def behind_html(pub: Publication) -> str:
    items = pub.behind_items()
    if not pub.behind:
        return ""
    if not items:
        return section("behind", msg.PUBLISH_CARD_BEHIND, f"<p>{escape(msg.PUBLISH_BEHIND_NONE)}</p>\n")
    links = "".join(f'<li><a href="#item-{p.report.no}">{escape(msg.PUBLISH_BEHIND_ITEM.format(no=p.report.no, name=p.report.name, department=p.report.department))}</a></li>\n'
                    for p in items)
    lead = msg.PUBLISH_BEHIND_LEAD.format(labels=_behind_labels(pub))
    return section("behind", msg.PUBLISH_CARD_BEHIND, f"<p>{escape(lead)}</p>\n<ul>\n{links}</ul>\n")


# --- 達成度, 効果額, council ------------------------------------------------------------------------
def grades_html(pub: Publication) -> str:
    grades = pub.figures.grades
    if grades is None:
        return section("grades", msg.PUBLISH_GRADES_HEADING, f"<p>{escape(msg.PUBLISH_GRADES_NONE)}</p>\n")
    title = msg.PUBLISH_GRADES_TITLE.format(year=fiscal_label(pub.year))
    rows = [tr([f'<th scope="row">{escape(label)}</th>', f'<td class="num">{n}</td>']) for label, n in grades]
    total = tr([f'<th scope="row">{escape(msg.REPORT_TOTAL)}</th>', f'<td class="num">{sum(n for _, n in grades)}</td>'])
    body = figure_html(charts.count_bars("chart-grades", title, grades), title)
    return section("grades", msg.PUBLISH_GRADES_HEADING, body + table(title, msg.PUBLISH_GRADES_HEADERS, rows, foot=total))


def effects_html(pub: Publication) -> str:
    effects = pub.figures.effects
    if effects is None:
        return section("effects", msg.PUBLISH_EFFECTS_HEADING, f"<p>{escape(msg.PUBLISH_EFFECTS_NONE)}</p>\n")
    plan = pub.plan
    years = [(fiscal_label(y), effects.get(y)) for y in range(plan.first_year, plan.last_year + 1)]
    title = msg.PUBLISH_EFFECTS_TITLE.format(first=fiscal_label(plan.first_year), last=fiscal_label(plan.last_year))
    rows = [tr([f'<th scope="row">{escape(label)}</th>',
                 f'<td class="num">{escape(msg.CHART_NOT_COUNTED if v is None else charts.plain(v))}</td>'])
            for label, v in years]
    known = [v for _, v in years if v is not None]
    total = tr([f'<th scope="row">{escape(msg.PUBLISH_EFFECTS_TOTAL)}</th>', f'<td class="num">{escape(charts.plain(sum(known)))}</td>'])
    zero = f"<p>{escape(msg.PUBLISH_EFFECTS_ZERO)}</p>\n" if known and not any(known) else ""
    body = figure_html(charts.year_bars("chart-effects", title, years, msg.PUBLISH_UNIT_THOUSAND_YEN), title) + zero
    return section("effects", msg.PUBLISH_EFFECTS_HEADING,
                    body + table(title, msg.PUBLISH_EFFECTS_HEADERS, rows, foot=total) + theme_effects_html(pub))


def theme_effects_html(pub: Publication) -> str:
    """The year's 効果額 and the cumulative one, theme by theme (千円)."""
    themes = pub.figures.themes or []
    if not themes:
        return ""
    year = fiscal_label(pub.year)
    rows = [tr([f'<th scope="row">{escape(theme_label(pub.plan, t))}</th>', f'<td class="num">{escape(charts.plain(now))}</td>',
                 f'<td class="num">{escape(charts.plain(cumulative))}</td>']) for t, now, cumulative in themes]
    total = tr([f'<th scope="row">{escape(msg.PUBLISH_EFFECTS_ALL_THEMES)}</th>',
                 f'<td class="num">{escape(charts.plain(sum(n for _, n, _ in themes)))}</td>',
                 f'<td class="num">{escape(charts.plain(sum(c for _, _, c in themes)))}</td>'])
    return table(msg.PUBLISH_EFFECTS_THEME_TITLE.format(year=year),
                  [msg.PUBLISH_EFFECTS_THEME_HEADERS[0], year, msg.PUBLISH_EFFECTS_TOTAL], rows, foot=total)


def council_html(pub: Publication) -> str:
    score = pub.figures.council_average
    if score is None:
        return section("council", msg.PUBLISH_COUNCIL_HEADING, f"<p>{escape(msg.PUBLISH_COUNCIL_NONE)}</p>\n")
    big = msg.PUBLISH_COUNCIL_BIG.format(score=f"{score:.1f}")
    return section("council", msg.PUBLISH_COUNCIL_HEADING,
                    f'<p class="big"><strong>{escape(big)}</strong></p>\n<p>{escape(msg.PUBLISH_COUNCIL_TEXT)}</p>\n'
                    + council_items_html(pub))


def council_items_html(pub: Publication) -> str:
    """Per item the council scored: average x.x点/5点, members who scored it, every opinion (no names)."""
    items = pub.council_items
    if not items:
        return ""
    rows = [[("td", "num", str(i.no)), ("th", "", escape(i.name)), ("td", "num", escape(average_text(i.average))),
             ("td", "num", str(i.count)), ("td", "", "<br>".join(escape(o) for _, o in i.opinions))] for i in items]
    caption = msg.PUBLISH_COUNCIL_ITEMS_CAPTION.format(year=fiscal_label(pub.year))
    return cards_table(caption, msg.PUBLISH_COUNCIL_HEADERS, rows, [f"council-{i.no}" for i in items])


def responses_html(pub: Publication) -> str:
    """Last year's council opinions on each item and the city's answer this year (no member names)."""
    if not pub.responses:
        return ""
    last = fiscal_label(pub.year - 1)
    rows = [[("td", "num", str(r.no)), ("th", "", escape(r.name)), ("td", "", escape(r.department)),
             ("td", "", "<br>".join(escape(o) for o in r.opinions)),
             ("td", "", escape(r.response or msg.RESPONSE_MISSING))] for r in pub.responses]
    intro = msg.PUBLISH_RESPONSES_INTRO.format(year=last, year_now=fiscal_label(pub.year))
    body = (f"<p>{escape(intro)}</p>\n<p>{escape(summary_text(pub.responses))}</p>\n"
            + cards_table(msg.PUBLISH_RESPONSES_CAPTION.format(year=last), msg.PUBLISH_RESPONSE_HEADERS, rows,
                          [f"response-{r.no}" for r in pub.responses]))
    return section("responses", msg.PUBLISH_RESPONSES_HEAD.format(year=last), body)


# --- items and indicators: tables on a screen, one card per row on a phone (html.cards_table) ---------
def items_html(pub: Publication) -> str:
    source = {p.report.no: p.source for p in pub.items}
    out = [f'<p class="note">{escape(msg.PUBLISH_H1_NOTE)}</p>\n']
    for theme, reports in by_theme(pub.plan, [p.report for p in pub.items]):
        label = theme_label(pub.plan, theme)
        if not reports:
            out.append(f"<p>{escape(msg.PUBLISH_EMPTY_THEME.format(theme=label))}</p>\n")
            continue
        caption = msg.PUBLISH_THEME_CAPTION.format(theme=label, count=len(reports))
        out.append(cards_table(caption, msg.PUBLISH_ITEMS_HEADERS, [_item_cells(r, source[r.no]) for r in reports],
                                [f"item-{r.no}" for r in reports]))
    return section("items", msg.PUBLISH_ITEMS_HEADING, "".join(out), True)


def _item_cells(r, source: str) -> list[tuple[str, str, str]]:
    status = r.status or msg.NOT_REPORTED
    mark = f"<br>{escape(msg.PUBLISH_H1_MARK)}" if source == msg.PUBLISH_SOURCE_H1 else ""
    return [("td", "num", str(r.no)), ("th", "", escape(r.name)), ("td", "", escape(r.department)),
            ("td", f"status-{escape(status)}", escape(status) + mark), ("td", "", escape(r.result)), ("td", "", escape(r.issues))]


def kpis_html(pub: Publication) -> str:
    rows = [[("td", "num", str(k.kpi.item_no)), ("td", "", escape(k.item_name)), ("th", "", escape(k.kpi.name)),
             ("td", "num", escape(target_text(k))), ("td", "num", escape(figure(k.actual, k.kpi.unit))),
             ("td", "num", escape(rate_text(k))), ("td", f"verdict-{escape(verdict(k))}", escape(verdict(k)))]
            for k in pub.kpis]
    caption = msg.PUBLISH_KPI_CAPTION.format(year=fiscal_label(pub.year))
    body = f'<p class="note">{escape(msg.PUBLISH_RATE_NOTE)}</p>\n' + cards_table(caption, msg.PUBLISH_KPI_HEADERS, rows)
    return section("kpis", msg.PUBLISH_KPI_HEADING, body, True)


def data_html(pub: Publication) -> str:
    names = file_names(pub.year)
    council = [(names["council"], msg.PUBLISH_DATA_COUNCIL)] if pub.council_items else []
    council += [(names["responses"], msg.PUBLISH_DATA_RESPONSES)] if pub.responses else []
    links = [(names["items"], msg.PUBLISH_DATA_ITEMS), (names["kpis"], msg.PUBLISH_DATA_KPIS), *council,
             (names["package"], msg.PUBLISH_DATA_PACKAGE)]
    items = "".join(f'<li><a href="{escape(f)}">{escape(msg.PUBLISH_FILE_IN_BRACKETS.format(label=label, file=f))}</a></li>\n'
                    for f, label in links)
    body = (f'<p>{escape(msg.PUBLISH_DATA_LEAD)}<a href="{escape(names["columns"])}">{escape(names["columns"])}</a></p>\n'
            f'<ul class="data">\n{items}</ul>\n<p class="print-only note">{escape(msg.PUBLISH_PRINT_NOTE)}</p>\n')
    return section("data", msg.PUBLISH_DATA_HEADING, body)
