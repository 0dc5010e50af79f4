"""The council evaluation workbook on paper and as a contract: it prints like the department form (A4
landscape, the same margins, columns no wider in total than the 進捗報告 sheet, which LibreOffice prints at
8 pt or more: tests/forms/test_forms_print.py), and the _meta of a department form is unchanged by the
keys the council workbook adds."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import openpyxl

from sheetflow.forms import council as C
from sheetflow.forms import layout as L
from sheetflow.forms import read as formread
from sheetflow.forms.sheets import MARGIN


def _spec(plan) -> C.CouncilSpec:
    items = tuple(C.CouncilItem(i.no, "テーマ", i.name, "財政部 財政課", "順調", "実績" * 40, ("指標: 実績 3件",), "")
                  for i in plan.items)
    return C.CouncilSpec(plan, 2025, items, datetime(2026, 5, 1, tzinfo=UTC), contact="行政監理室（内線 2231）")


def test_council_columns_fit_the_width_the_department_form_prints_at_8pt():
    assert sum(c.width for c in C.COLUMNS) <= sum(c.width for c in L.REPORT_COLUMNS)
    assert C.MARGIN == MARGIN


def test_print_setup_of_the_council_workbook(tomakomai):
    wb = openpyxl.load_workbook(io.BytesIO(C.build_council_workbook(_spec(tomakomai))))
    ws = wb[C.SHEET]
    assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    assert ws.page_margins.left == MARGIN and ws.print_title_rows == "$5:$5"
    assert ws.oddFooter.center.text == "&P / &N ページ" and wb[C.GUIDE_SHEET].page_setup.orientation == "portrait"
    assert ws.freeze_panes == "D6"


def test_meta_digest_covers_the_council_keys(tomakomai):
    data = C.build_council_workbook(_spec(tomakomai))
    meta = formread.parse_meta(formread.read_values(data).sheets[L.META_SHEET])
    assert meta.digest_ok and not meta.problems
    assert not formread.parse_meta([["key", "value"], *[[k, v] for k, v in {**meta.pairs, "year": "2024"}.items()],
                                    [], list(L.META_TABLE_HEADER), *[list(t) for t in meta.table]]).digest_ok


def test_department_meta_rows_have_no_extra_keys():
    rows = L.meta_rows({k: "x" for k in L.META_KEYS if k != "meta_digest"}, [])
    assert [r[0] for r in rows[1:len(L.META_KEYS) + 1]] == list(L.META_KEYS) and rows[len(L.META_KEYS) + 1] == []
