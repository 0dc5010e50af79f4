"""審議会評価集計.xlsx: the year's council results as the draft 意見書 and item by item (xlsxwriter).

Sheet 意見書（案）: the lead sentence (members, overall average), the average by theme, the highest and the
lowest items with their opinions. Sheet 項目別: every item with its average, the number of members who
scored it and every opinion with the member's name. Print-ready: A4 landscape, print titles, header/footer.
"""

from __future__ import annotations

import io
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.ground import xlsx
from sheetflow.ground.config import Config
from sheetflow.ground.files import atomic_write_bytes
from sheetflow.ground.periods import fiscal_label
from sheetflow.plan.model import Plan
from sheetflow.plan.versions import plan_of_year
from sheetflow.report.council import CouncilResults, ItemScore, average_text, year_council
from sheetflow.report.council_book import council_book_path


def summary_path(cfg: Config, year: int) -> Path:
    """Next to the year's council workbook."""
    return council_book_path(cfg, year).parent / msg.COUNCIL_SUMMARY_NAME


def opinion_lines(item: ItemScore) -> str:
    return "\n".join(msg.COUNCIL_OPINION_LINE.format(member=m, opinion=o) for m, o in item.opinions)


def build_summary(plan: Plan, results: CouncilResults) -> bytes:
    buffer = io.BytesIO()
    wb = xlsx.new_workbook(buffer)
    st = xlsx.Styles(wb)
    header = msg.COUNCIL_PAGE_HEADER_SUMMARY.format(year=fiscal_label(results.year))
    _draft(wb.add_worksheet(msg.COUNCIL_DRAFT_SHEET), st, plan, results, header)
    _items(wb.add_worksheet(msg.COUNCIL_ITEMS_SHEET), st, plan, results, header)
    wb.close()
    return buffer.getvalue()


def _draft(ws, st: xlsx.Styles, plan: Plan, results: CouncilResults, header: str) -> None:
    year = fiscal_label(results.year)
    ws.write_string(0, 0, msg.COUNCIL_SUMMARY_TITLE.format(year=year), st.title)
    ws.write_string(1, 0, msg.COUNCIL_DRAFT_LEAD.format(year=year, members=len(results.members),
                                                        average=average_text(results.average)), st.note)
    widths = list(msg.COUNCIL_DRAFT_WIDTHS)
    for c, width in enumerate(widths):
        ws.set_column(c, c, width)
    ws.write_string(3, 0, msg.COUNCIL_DRAFT_THEMES, st.title)
    themes = [[name, average_text(avg), n] for name, avg, n in results.by_theme(plan)]
    row = xlsx.write_table(ws, st, 4, list(msg.COUNCIL_THEME_HEADERS), themes, widths[:3], frozenset({2})) + 1
    for heading, highest in ((msg.COUNCIL_DRAFT_HIGH, True), (msg.COUNCIL_DRAFT_LOW, False)):
        ws.write_string(row, 0, heading, st.title)
        ranked = [[i.no, i.name, average_text(i.average), opinion_lines(i)] for i in results.ranked(highest)]
        row = _rows(ws, st, row + 1, msg.COUNCIL_RANK_HEADERS, ranked, msg.COUNCIL_DRAFT_WIDTHS) + 1
    xlsx.page_setup(ws, header)


def _rows(ws, st: xlsx.Styles, first: int, headers: tuple[str, ...], rows: list[list[object]],
          widths: tuple[float, ...]) -> int:
    """A bordered table with fitted row heights (no filter: several tables share the sheet)."""
    for c, head in enumerate(headers):
        ws.write_string(first, c, head, st.header)
    for r, values in enumerate(rows, start=first + 1):
        for c, value in enumerate(values):
            xlsx.write_value(ws, r, c, value, st.cell)
        ws.set_row(r, xlsx.fitted_height(zip((str(v) for v in values), widths, strict=False)))
    return first + len(rows) + 1


def _items(ws, st: xlsx.Styles, plan: Plan, results: CouncilResults, header: str) -> None:
    ws.write_string(0, 0, msg.COUNCIL_SUMMARY_TITLE.format(year=fiscal_label(results.year)), st.title)
    rows = [[i.no, _theme(plan, i.theme), i.name, i.department, average_text(i.average), i.count, opinion_lines(i)]
            for i in results.items]
    xlsx.write_table(ws, st, 2, list(msg.COUNCIL_ITEM_HEADERS), rows, list(msg.COUNCIL_ITEM_WIDTHS),
                     frozenset({0, 5}))
    for r, values in enumerate(rows, start=3):
        ws.set_row(r, xlsx.fitted_height(zip((str(v) for v in values), msg.COUNCIL_ITEM_WIDTHS, strict=True)))
    xlsx.page_setup(ws, header, repeat_rows=(2, 2))


def _theme(plan: Plan, no: int) -> str:
    theme = plan.theme(no)
    return theme.name if theme else ""


def write_council_summary(cfg: Config, plan: Plan, year: int) -> Path | None:
    """Write the year's 審議会評価集計.xlsx; None (nothing written) when no member's file is in the ledger. The
    items are those of the plan version in force at the year's end, as in the evaluation workbook."""
    plan = plan_of_year(plan, year)
    results = year_council(cfg, plan, year)
    if not results.members:
        return None
    path = summary_path(cfg, year)
    atomic_write_bytes(path, build_summary(plan, results))
    return path
