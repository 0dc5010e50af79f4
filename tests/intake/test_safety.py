"""File-level checks: each kind of bad file is refused with its code and Japanese message, never parsed."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import badfiles as B
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs
from python_calamine import CalamineWorkbook

from sheetflow.forms import read as formread
from sheetflow.ground.config import Config
from sheetflow.ground.findings import ERROR
from sheetflow.intake import entries as intake_entries
from sheetflow.intake import read as intake
from sheetflow.intake import returns, safety, zipparts


@pytest.fixture
def cfg(workspace: Config) -> Config:
    return workspace


def check(tmp_path: Path, name: str, data: bytes, plan, cfg):
    path = B.write(tmp_path / "inbox", name, data)
    return intake.read_submission(path, plan, cfg)


def only_error(sub, code: str):
    """The file was refused by exactly one file-level error with this code (no sheet, no cell)."""
    assert sub.identity is None and not sub.accepted
    assert [(f.severity, f.code) for f in sub.findings] == [(ERROR, code)]
    f = sub.findings[0]
    assert (f.sheet, f.cell, f.item_no) == ("", "", None)
    assert f.file == sub.path.name
    return f


def test_empty_file(tmp_path, mini_plan, cfg) -> None:
    f = only_error(check(tmp_path, "空.xlsx", b"", mini_plan, cfg), "file.empty")
    assert f.message == "ファイルが空です（0 バイト）。様式に記入して保存し直してから送ってください。"


def test_not_a_zip(tmp_path, mini_plan, cfg) -> None:
    f = only_error(check(tmp_path, "画像.xlsx", B.random_binary(), mini_plan, cfg), "file.not_zip")
    assert "Excel ブック（.xlsx）として読めません（形式が分かりません）" in f.message


def test_html_saved_as_xls(tmp_path, mini_plan, cfg) -> None:
    f = only_error(check(tmp_path, "web.xls", B.html_as_xls(), mini_plan, cfg), "file.not_zip")
    assert "（HTML または XML のファイルです）" in f.message


def test_pdf_sent_instead(tmp_path, mini_plan, cfg) -> None:
    f = only_error(check(tmp_path, "財政課.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", mini_plan, cfg), "file.not_zip")
    assert "（PDF ファイルです）" in f.message


def test_truncated_zip(tmp_path, mini_plan, cfg) -> None:
    f = only_error(check(tmp_path, "途中.xlsx", B.good(mini_plan, cfg)[:4000], mini_plan, cfg), "file.damaged")
    assert f.message == ("このファイルは壊れているため読み込めません（ZIP の目次が読めません。ファイルが途中で切れているおそれが"
                         "あります）。Excel で開いて「名前を付けて保存」で Excel ブック（.xlsx）として保存し直し、もう一度送って"
                         "ください（Excel で開けないときは、配布した様式に記入し直して送ってください）。")


def test_renamed_xls(tmp_path, mini_plan, cfg) -> None:
    f = only_error(check(tmp_path, "財政課.xlsx", B.xls(), mini_plan, cfg), "file.xls")
    assert f.message.startswith("このファイルは古い Excel 形式（.xls）です。")


def test_password_encrypted_xlsx(tmp_path, mini_plan, cfg) -> None:
    data = B.encrypted_xlsx()
    assert data[:8] == safety.OLE2_MAGIC and "EncryptedPackage".encode("utf-16-le") in data
    f = only_error(check(tmp_path, "財政課.xlsx", data, mini_plan, cfg), "file.encrypted")
    assert f.message == "このファイルはパスワードで暗号化されています。パスワードを解除して保存し直してから送ってください。"


def test_csv_renamed_or_not(tmp_path, mini_plan, cfg) -> None:
    for name in ("財政課.csv", "財政課.xlsx"):
        f = only_error(check(tmp_path, name, B.csv_text(), mini_plan, cfg), "file.csv")
        assert "テキスト（CSV など）" in f.message


def test_macro_workbook(tmp_path, mini_plan, cfg) -> None:
    data = B.xlsm(B.good(mini_plan, cfg))
    for name in ("財政課.xlsm", "財政課.xlsx"):
        f = only_error(check(tmp_path, name, data, mini_plan, cfg), "file.macro")
        assert "マクロ（VBA）が含まれています" in f.message


def test_ods_is_not_xlsx(tmp_path, mini_plan, cfg) -> None:
    f = only_error(check(tmp_path, "財政課.ods", B.ods_like(), mini_plan, cfg), "file.not_xlsx")
    assert "LibreOffice の .ods 形式です" in f.message


def test_too_large(tmp_path, mini_plan, workspace) -> None:
    small = Config(root=workspace.root, plan_file=workspace.plan_file, max_file_mb=0.001)
    sub = check(tmp_path, "大きい.xlsx", B.good(mini_plan, workspace), mini_plan, small)
    f = only_error(sub, "file.too_large")
    assert "ファイルが大きすぎます（0.0 MB、上限 0.001 MB）" in f.message
    assert sub.size > 1024 and len(sub.sha256) == 64


@pytest.mark.parametrize(("sizes", "detail"), [
    ({"xl/a.xml": 10 << 20}, "圧縮率 "),
    ({"xl/a.xml": 60 << 20}, "部品「xl/a.xml」が展開後 60 MB、上限 50 MB"),
    ({f"xl/p{i}.xml": 45 << 20 for i in range(5)}, "展開後の合計 225 MB、上限 200 MB"),
])
def test_zip_bombs_by_central_directory(tmp_path, mini_plan, cfg, sizes, detail) -> None:
    f = only_error(check(tmp_path, "bomb.xlsx", B.zip_of_zeros(sizes), mini_plan, cfg), "file.zip_bomb")
    assert f.message.startswith("このファイルは展開後の大きさが異常なため、安全のため読み込みません（")
    assert detail in f.message


def test_zip_bomb_lying_about_its_size(tmp_path, mini_plan, cfg) -> None:
    """The central directory says 100 bytes; the part inflates to 1 MB: caught by the capped inflater."""
    inflated = B.replace_part(B.good(mini_plan, cfg), "xl/styles.xml", b"<a>" + b" " * (1 << 20) + b"</a>")
    f = only_error(check(tmp_path, "lie.xlsx", B.lying_sizes(inflated, "xl/styles.xml", 100), mini_plan, cfg),
                   "file.zip_bomb")
    assert "部品「xl/styles.xml」の展開後の大きさが記録された大きさを超えています" in f.message


def test_capped_reader_never_inflates_past_the_cap() -> None:
    data = B.lying_sizes(B.zip_of_zeros({"xl/a.xml": 4 << 20}), "xl/a.xml", 1000)
    chunks = []
    with pytest.raises(zipparts.ZipBomb):
        for chunk in zipparts.Package(data).iter_part("xl/a.xml"):
            chunks.append(chunk)
    assert sum(map(len, chunks)) <= 1000


SECRET = "TOP-SECRET-4711"


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def xxe_cases(plan, cfg, secret: Path) -> dict[str, tuple[bytes, str]]:
    """Files with an external entity or billion laughs in a part each reader would parse first."""
    form = B.form(plan, cfg)  # xlsxwriter: shared strings
    filled = B.good(plan, cfg)  # openpyxl: inline strings in the sheets
    xxe = (B.XXE[0].format(target=secret.as_posix()), B.XXE[1])
    report_part = B.sheet_part(filled, "進捗報告")
    return {
        "calamine: shared strings (XXE)": (B.with_doctype(form, "xl/sharedStrings.xml", *xxe), "xl/sharedStrings.xml"),
        "calamine: workbook (XXE, UTF-16)": (B.with_doctype(form, "xl/workbook.xml", xxe[0], "", "utf-16"),
                                             "xl/workbook.xml"),
        "calamine: worksheet (billion laughs)": (B.with_doctype(filled, report_part, *B.LAUGHS), report_part),
        "openpyxl: styles (billion laughs)": (B.with_doctype(form, "xl/styles.xml", *B.LAUGHS), "xl/styles.xml"),
        "openpyxl: custom properties (XXE)": (B.with_doctype(form, "docProps/custom.xml", xxe[0], ""),
                                              "docProps/custom.xml"),
        "content types (XXE)": (B.with_doctype(form, "[Content_Types].xml", xxe[0], ""), "[Content_Types].xml"),
    }


def test_xml_attacks_are_refused_before_any_parser(tmp_path, mini_plan, cfg, secret_file, monkeypatch) -> None:
    cases = xxe_cases(mini_plan, cfg, secret_file)
    parsed = []
    real = formread.read_values
    monkeypatch.setattr(formread, "read_values", lambda *a: parsed.append(a) or real(*a))
    for label, (data, part) in cases.items():
        sub = check(tmp_path, "attack.xlsx", data, mini_plan, cfg)
        f = only_error(sub, "file.xml_doctype")
        assert f.message == (f"このファイルの部品「{part}」に DOCTYPE / ENTITY 宣言があります。安全のため読み込みません。"
                             "配布した様式に記入し直して送ってください。"), label
        assert SECRET not in repr(sub)
    assert parsed == []  # calamine never saw any of them


def test_xml_attack_return_file_is_built_without_opening_it(tmp_path, mini_plan, cfg, secret_file) -> None:
    """The 差戻し for a refused attack file holds the findings only; openpyxl never loads the attack."""
    data, _ = xxe_cases(mini_plan, cfg, secret_file)["openpyxl: styles (billion laughs)"]
    sub = check(tmp_path, "attack.xlsx", data, mini_plan, cfg)
    out = returns.write_return(sub, mini_plan, cfg)
    assert out == cfg.outbox_dir / "returns" / "_unidentified" / "attack_差戻し.xlsx"
    wb = CalamineWorkbook.from_path(str(out))
    assert wb.sheet_names == ["指摘事項"]
    rows = wb.get_sheet_by_name("指摘事項").to_python()
    assert rows[10][:2] == ["attack.xlsx", ""] and "DOCTYPE" in rows[10][5]


def test_attack_files_are_real_xml_attacks(mini_plan, cfg, secret_file) -> None:
    """Sanity: the DOCTYPE really is in the bytes each reader would parse (so the refusal matters)."""
    for data, part in xxe_cases(mini_plan, cfg, secret_file).values():
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            raw = zf.read(part)
        text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or raw[1:2] == b"\0" else raw.decode()
        assert "<!DOCTYPE" in text and "<!ENTITY" in text
    assert openpyxl.__version__  # both readers are installed in this environment


def test_doctype_scan_spans_chunk_boundaries() -> None:
    pattern = b"<!DOCTYPE x>"
    assert safety.has_doctype(iter([b"abc<!DOC", b"TYPE x>"]))
    assert safety.has_doctype(iter([b"a" * 100 + pattern[:3], pattern[3:]]))
    assert safety.has_doctype(iter(["<!entity".encode("utf-16-le")]))
    assert not safety.has_doctype(iter([b"<?xml version='1.0'?><a>DOCTYPE ENTITY</a>"]))


def test_renamed_sheet(tmp_path, mini_plan, cfg) -> None:
    sub = check(tmp_path, "r.xlsx", B.rename_sheet(B.good(mini_plan, cfg), "指標実績", "指標実績 (2)"), mini_plan, cfg)
    errors = [(f.code, f.sheet, f.message) for f in sub.errors]
    assert errors == [("sheet.renamed", "指標実績 (2)", "シート「指標実績」が見つかりません（代わりに「指標実績 (2)」という"
                                                        "シートがあります）。シート名を「指標実績」に戻してください。")]
    assert sub.identity is not None and list(sub.reports["no"]) == [1, 2]  # the other sheet is still read


def test_missing_sheet(tmp_path, mini_plan, cfg) -> None:
    data = B.fill(B.good(mini_plan, cfg), edit=lambda wb: wb.remove(wb["記入方法"]))
    sub = check(tmp_path, "m.xlsx", data, mini_plan, cfg)
    assert [(f.code, f.sheet) for f in sub.errors] == [("sheet.missing", "記入方法")]
    assert sub.errors[0].message.startswith("シート「記入方法」が見つかりません。シートを削除しないでください。")


def test_meta_missing(tmp_path, mini_plan, cfg) -> None:
    data = B.fill(B.good(mini_plan, cfg), edit=lambda wb: wb.remove(wb["_meta"]))
    sub = check(tmp_path, "m.xlsx", data, mini_plan, cfg)
    assert [(f.code, f.sheet) for f in sub.findings] == [("meta.missing", "_meta")]
    assert "様式の管理用シート（_meta）がありません" in sub.findings[0].message
    assert sub.identity is None


def test_meta_edited(tmp_path, mini_plan, cfg) -> None:
    def edit(wb):
        ws = wb["_meta"]
        row = next(r for r in range(1, 20) if ws.cell(r, 1).value == "department")
        ws.cell(row, 2).value = "総務部 行政監理室/企画:係"

    sub = check(tmp_path, "m.xlsx", B.fill(B.good(mini_plan, cfg), edit=edit), mini_plan, cfg)
    assert [(f.code, f.sheet) for f in sub.findings] == [("meta.edited", "_meta")]
    assert sub.findings[0].message == "様式の管理用シート（_meta）が書き換えられています。配布した様式に記入し直して送ってください。"
    assert sub.identity is None


def test_form_under_another_extension_is_read_with_a_warning(tmp_path, mini_plan, cfg) -> None:
    for name, ext in (("財政課.xlsm", ".xlsm"), ("財政課", "（なし）")):
        sub = check(tmp_path, name, B.good(mini_plan, cfg), mini_plan, cfg)
        assert sub.accepted
        assert [(f.code, f.severity) for f in sub.findings] == [("file.extension", "warning")]
        assert f"ファイル名の拡張子が「{ext}」ですが" in sub.findings[0].message


def test_zip_that_calamine_cannot_read(tmp_path, mini_plan, cfg) -> None:
    data = B.rezip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook><sheets><sheet"})
    sub = check(tmp_path, "壊れ.xlsx", data, mini_plan, cfg)
    assert [f.code for f in sub.findings] == ["file.damaged"]
    assert sub.findings[0].message.startswith("このファイルは壊れているため読み込めません（部品「xl/workbook.xml」の 1 行目が "
                                              "XML として正しくありません）。Excel で開いて")
    assert sub.identity is None and not sub.accepted


def test_unreadable_path_is_a_finding(tmp_path, mini_plan, cfg) -> None:
    sub = intake.read_submission(tmp_path / "ない.xlsx", mini_plan, cfg)
    assert [f.code for f in sub.findings] == ["file.unreadable"] and sub.identity is None
    assert sub.findings[0].message == ("このファイルを読み込めません（ファイルを開けません。ファイルの場所とアクセス権を確認して"
                                       "ください）。配布した様式に記入し直して送ってください。")


# --- the cheap scans before the regular expressions give the same answers ---------------------------

_XMLISH = hs.binary().map(lambda b: b"<?xml?>" + b) | hs.text(alphabet='<:f>/ \t"\'e=tax!DOCTYPEentity', max_size=60).map(
    lambda s: b"<?xml?>" + s.encode())


@settings(max_examples=400, deadline=None)
@given(_XMLISH)
def test_the_formula_prefilter_never_hides_what_the_regex_finds(xml):
    assert intake_entries._may_have_marks(xml) == (intake_entries._FORMULA_OR_ERROR.search(xml) is not None)


@settings(max_examples=400, deadline=None)
@given(_XMLISH, hs.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]))
def test_the_doctype_prefilter_never_hides_a_doctype(head, encoding):
    data = head + "<!DocType x>".encode(encoding)
    assert safety.has_doctype(iter((data[:7], data[7:])))
