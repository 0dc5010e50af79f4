"""Forms in a real second client: LibreOffice headless opens, prints and re-saves every mini-plan form
(and the real plan's 財政部 財政課); what intake relies on must survive the re-save."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import lo
import openpyxl
import pytest

from sheetflow.forms import layout as L
from sheetflow.forms import read as formread
from sheetflow.forms.model import PreviousAnswers, PreviousReport
from sheetflow.forms.workbook import write_forms
from sheetflow.ground.config import Config
from sheetflow.ground.periods import Period

pytestmark = pytest.mark.libreoffice

H1 = Period(2025, 1)


@pytest.fixture(scope="module")
def converted(tmp_path_factory, mini_plan, tomakomai) -> list[tuple[Path, Path, Path]]:
    """(original, pdf, LibreOffice-resaved xlsx) for each mini-plan form and the real 財政部 財政課 form."""
    root = tmp_path_factory.mktemp("lo")
    cfg = Config(root=root)
    # carried-over answers with edge cases: surrounding and full-width spaces, "=", fractions
    previous = PreviousAnswers("2024H2", reports={i.no: PreviousReport("概ね順調", f"  =前回 {i.no}\n　・全角で始まる行  ",
                                                                 f"=課題 {i.no}\n再公告")
                                                  for i in tomakomai.items},
                               kpis={k.key: 1.25 for k in tomakomai.kpis})
    out = []
    for name, plan, only in (("mini", mini_plan, None), ("real", tomakomai, ["財政部 財政課"])):
        originals = [r.path for r in write_forms(plan, H1, cfg, out_dir=root / name, only=only,
                                                 previous_for=(lambda _: previous) if name == "real" else None)]
        pdfs = lo.convert_all(originals, "pdf", root / f"{name}-pdf")
        resaved = lo.convert_all(originals, "xlsx", root / f"{name}-xlsx")
        out += list(zip(originals, pdfs, resaved, strict=True))
    return out


def test_every_form_converts_to_pdf_with_its_japanese_text(converted):
    assert len(converted) == 5
    for original, pdf, _ in converted:
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout
            text = " ".join(text.replace("\u3000", " ").split())
            dept = formread.parse_meta(formread.read_values(original).sheets[L.META_SHEET]).pairs["department"]
            assert f"令和7年度 上期 進捗状況報告 {dept}" in text
            assert "守っていただきたいこと" in text and "指標実績" in text


def test_hidden_meta_validation_and_protection_survive_the_resave(converted):
    for _, _, resaved in converted:
        wb = openpyxl.load_workbook(resaved)
        assert wb[L.META_SHEET].sheet_state in ("hidden", "veryHidden")
        assert wb[L.LISTS_SHEET].sheet_state in ("hidden", "veryHidden")
        assert all(wb[name].protection.sheet for name in L.VISIBLE_SHEETS)
        ws = wb[L.REPORT_SHEET]
        n = ws.max_row - L.FIRST_DATA_ROW
        status = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
        assert len(status) == 1 and "_lists" in status[0].formula1
        assert str(status[0].sqref) == (f"I4:I{3 + n}" if n > 1 else "I4")
        assert all(ws.cell(r, 1).protection.locked and not ws.cell(r, 9).protection.locked
                   for r in range(L.FIRST_DATA_ROW + 1, ws.max_row + 1))
        kpi = wb[L.KPI_SHEET]
        if kpi.max_row > L.FIRST_DATA_ROW:
            assert {dv.type for dv in kpi.data_validations.dataValidation} >= {"decimal", "textLength"}


def test_fingerprints_survive_the_resave(converted):
    for original, _, resaved in converted:
        values = formread.read_values(resaved)
        meta = formread.parse_meta(values.sheets[L.META_SHEET])
        report = formread.check_rows(values, meta)
        before = formread.parse_meta(formread.read_values(original).sheets[L.META_SHEET])
        assert meta.pairs == before.pairs and meta.digest_ok and not meta.problems
        assert report.checks and all(c.intact and not c.moved for c in report.checks), resaved.name
        assert report.unknown == {} and report.duplicates == {}
        assert len(report.checks) == int(meta.pairs["row_count"]) + int(meta.pairs["kpi_count"])
