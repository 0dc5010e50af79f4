"""ledger.xlsx on paper: every column of every sheet prints (one page wide, landscape, header row on each
page, header and footer), checked in the PDF LibreOffice prints."""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import lo
import openpyxl
import pdf
import pytest
from ledger_support import fill_dept, make_forms

from sheetflow import messages as msg
from sheetflow.ground.config import load_config
from sheetflow.ledger.merge import merge_inbox
from sheetflow.plan.versions import workspace_plan

SHEETS_AT_8PT = (msg.LEDGER_SHEET_CURRENT, msg.LEDGER_SHEET_KPIS, msg.LEDGER_SHEET_EFFECTS, msg.LEDGER_SHEET_LOG, msg.LEDGER_SHEET_STATUS)


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    root = tmp_path_factory.mktemp("book")
    shutil.copy(Path(__file__).parents[1] / "data" / "mini-plan.yaml", root / "plan.yaml")
    (root / "sheetflow.toml").write_text('plan = "plan.yaml"\n', encoding="utf-8")
    (root / "inbox").mkdir()
    cfg = load_config(root)
    plan = workspace_plan(cfg)
    make_forms(cfg, plan)
    fill_dept(cfg, "財政部 財政課", result="予定どおり実施した。" * 6)
    fill_dept(cfg, "議会事務局", status="完了")
    result = merge_inbox(cfg, plan)
    return result.ledger_path


def test_every_sheet_prints_all_columns_with_header_and_footer(book):
    wb = openpyxl.load_workbook(book)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0  # 1 page wide
        assert ws.page_setup.fitToWidth in (None, 1)  # xlsxwriter leaves out the default 1
        assert ws.print_title_rows == "$1:$1"
        last = openpyxl.utils.get_column_letter(ws.max_column)
        assert str(ws.print_area).endswith(f"$A$1:${last}${max(ws.max_row, 2)}"), ws.print_area
        assert ws.oddFooter.center.text == "&P / &N ページ" and ws.oddFooter.right.text == "&A"
        assert ws.oddFooter.left.text.startswith("作成 ")


@pytest.mark.libreoffice
def test_ledger_pdf_has_every_header_and_readable_text(book, tmp_path):
    out = lo.convert(book, "pdf", tmp_path)
    words = pdf.words(out)
    wb = openpyxl.load_workbook(book)
    by_page: dict[int, set[str]] = {}
    for w in words:
        by_page.setdefault(w.page, set()).add(w.text)
    for n, ws in enumerate(wb.worksheets, start=1):
        page = next(p for p in sorted(by_page) if ws.title in by_page[p] and p >= n)
        for cell in ws[1]:  # the header as written: broken between words, each line a word in the PDF
            for token in str(cell.value).split():
                assert token in by_page[page], (ws.title, token)
        sizes = [w.size for w in words if w.page == page and w.full_width]
        assert min(sizes) >= (8.0 if ws.title in SHEETS_AT_8PT else 6.5), (ws.title, min(sizes))


def test_times_are_shown_in_wareki_and_japan_time(book):
    """The database keeps ISO text with its offset; ledger.xlsx shows Japan time in 和暦, whatever the
    computer's time zone (this machine's may be UTC)."""
    with sqlite3.connect(book.parent / "ledger.sqlite") as db:
        received = db.execute("SELECT received_at FROM submissions ORDER BY received_at LIMIT 1").fetchone()[0]
    japan = datetime.fromisoformat(received).astimezone(timezone(timedelta(hours=9)))
    ws = openpyxl.load_workbook(book)[msg.LEDGER_SHEET_LOG]
    assert ws["A1"].value == "受付日時"
    assert ws["A2"].value == japan.replace(tzinfo=None, microsecond=0)
    assert ws["A2"].number_format == '[$-411]ggge"年"m"月"d"日" hh:mm'
    assert re.fullmatch(r"作成 令和\d+年\d+月\d+日 \d\d:\d\d", ws.oddFooter.left.text)


@pytest.mark.libreoffice
def test_printed_receipt_time_reads_in_wareki(book, tmp_path):
    with sqlite3.connect(book.parent / "ledger.sqlite") as db:
        received = db.execute("SELECT received_at FROM submissions ORDER BY received_at LIMIT 1").fetchone()[0]
    japan = datetime.fromisoformat(received).astimezone(timezone(timedelta(hours=9)))
    out = lo.convert(book, "pdf", tmp_path)
    printed = "".join(w.text for w in pdf.words(out))
    assert f"令和{japan.year - 2018}年{japan.month}月{japan.day}日{japan:%H:%M}" in printed
    assert str(japan.year) + "-" not in printed
