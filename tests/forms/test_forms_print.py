"""The department form on paper: LibreOffice prints it (PDF) on A4 landscape, every column header is on
the page, and the text measured in the PDF is 8 pt or more after fitting to the page width."""

from __future__ import annotations

from pathlib import Path

import lo
import openpyxl
import pdf
import pytest

from sheetflow.forms import layout as L
from sheetflow.forms.sheets import MARGIN, header_text
from sheetflow.forms.workbook import build_form
from sheetflow.ground import xlsx as X
from sheetflow.ground.config import Config
from sheetflow.ground.periods import Period
from sheetflow.plan.model import Department

MIN_PT = 8.0


def _department_with_most_items(plan):
    return max(plan.recipients(), key=lambda d: (len(plan.items_for(d)), sum(len(i.kpis) for i in plan.items_for(d))))


@pytest.fixture(scope="module")
def printed(tmp_path_factory, tomakomai) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("print")
    xlsx = root / "form.xlsx"
    xlsx.write_bytes(build_form(tomakomai, _department_with_most_items(tomakomai), Period(2025, 1), Config(root=root)))
    return xlsx, lo.convert(xlsx, "pdf", root / "pdf")


def test_print_settings_of_the_form(printed):
    wb = openpyxl.load_workbook(printed[0])
    for name in (L.REPORT_SHEET, L.KPI_SHEET):
        ws = wb[name]
        assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9)  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0  # 1 page wide
        assert ws.page_setup.fitToWidth in (None, 1)  # xlsxwriter leaves out the default 1
        assert ws.print_title_rows == "$3:$3"
        assert ws.oddFooter.center.text == "&P / &N ページ"
    assert wb[L.GUIDE_SHEET].page_setup.orientation == "portrait"


def test_data_sheets_fit_a4_landscape_at_8pt_by_their_column_widths():
    """Without LibreOffice: Excel's column width in pixels (7 a character + 5 padding, 0.75 pt each) against
    A4 landscape's width between the margins gives the scale that fitting to one page wide applies."""
    printable = (297 / 25.4 - 2 * MARGIN) * 72
    for columns in (L.REPORT_COLUMNS, L.KPI_COLUMNS, L.OPINION_COLUMNS):
        sheet = sum(int(c.width * 7 + 5) for c in columns) * 0.75
        assert X.FONT_SIZE * min(1.0, printable / sheet) >= MIN_PT, [c.key for c in columns]


def test_headers_break_only_between_words():
    assert header_text("前回の進捗状況", 8) == "前回の\n進捗状況"
    assert header_text("今年度の取組予定", 13) == "今年度の\n取組予定"
    assert header_text("連絡先（内線）", 7) == "連絡先\n（内線）"
    assert header_text("記入者", 8) == "記入者"


@pytest.mark.libreoffice
def test_form_prints_every_header_at_8pt_or_more(printed):
    xlsx, out = printed
    words = pdf.words(out)
    pages = {w.page for w in words}
    assert len(pages) >= 3
    for columns in (L.for_half(L.REPORT_COLUMNS, 1), L.KPI_COLUMNS):  # headers as the 上期 form shows them
        first = next(p for p in sorted(pages) if columns[-1].header.split("（")[0] in pdf.page_text(out, p)
                     and all(h.split("\n")[0] in pdf.page_text(out, p)
                             for h in (header_text(c.header, c.width) for c in columns)))
        on_page = {w.text for w in words if w.page == first}
        for col in columns:
            for token in header_text(col.header, col.width).replace("\n", " ").split():
                assert token in on_page, (col.key, token, sorted(on_page)[:50])
    assert pdf.smallest_text(out) >= MIN_PT


@pytest.mark.libreoffice
def test_a_department_with_few_rows_prints_on_few_pages(tmp_path, tomakomai):
    """財政課 has 4 items whose 取組内容 run to 116 characters: its 進捗報告 sheet prints on 2 pages (it took 3
    when 取組内容 was a narrow column), a department with 2 or 3 items on 1 page."""
    counts = {"財政部 財政課": 2, "財政部 管財課": 1, "総合政策部 政策推進課": 1}
    files = []
    for n, dept in enumerate(counts):
        path = tmp_path / f"form{n}.xlsx"
        path.write_bytes(build_form(tomakomai, dept, Period(2025, 2), Config(root=tmp_path)))
        files.append(path)
    for (dept, pages), out in zip(counts.items(), lo.convert_all(files, "pdf", tmp_path / "pdf"), strict=True):
        words = pdf.words(out)
        report = sorted({w.page for w in words if w.text == L.REPORT_SHEET and w.y0 < 60})  # the page header
        assert len(report) == pages, (dept, report)
        rows = {w.text for w in words if w.page in report and w.x0 < 40 and w.text.isdigit()}
        assert rows == {str(i.no) for i in tomakomai.items_for(Department.from_key(dept))}, dept
