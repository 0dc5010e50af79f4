"""Damaged and ambiguous packages: one reading of a file, or none. Each is 読めない with its own finding
(exact Japanese text, the part or sheet named), never file.internal; edited header rows are refused at
their cell; forms of older format versions keep their headers."""

from __future__ import annotations

import zipfile
from pathlib import Path

import badfiles as B
import packages as P
import pytest
from council_support import fill_member, merged_year

from sheetflow.ground.config import Config
from sheetflow.intake import read as intake

RESAVE = "Excel で開いて「名前を付けて保存」で Excel ブック（.xlsx）として保存し直し、もう一度送ってください。"
DAMAGED = ("このファイルは壊れているため読み込めません（{detail}）。Excel で開いて「名前を付けて保存」で Excel ブック"
           "（.xlsx）として保存し直し、もう一度送ってください（Excel で開けないときは、配布した様式に記入し直して送ってください）。")


@pytest.fixture
def cfg(workspace: Config) -> Config:
    return workspace


@pytest.fixture
def filled(mini_plan, cfg) -> bytes:
    """A filled form whose text is in a shared-string table, as Excel saves it."""
    return P.with_shared_strings(B.good(mini_plan, cfg))


def check(tmp_path: Path, data: bytes, plan, cfg, name: str = "財政課.xlsx"):
    return intake.read_submission(B.write(tmp_path / "inbox", name, data), plan, cfg)


def refused(sub) -> tuple[str, str, str, str]:
    """(code, sheet, cell, message) of the one finding of a file refused before it was read."""
    assert sub.identity is None and not sub.accepted and sub.report_rows == [] and sub.kpi_rows == []
    assert len(sub.findings) == 1 and sub.findings[0].severity == "error"
    f = sub.findings[0]
    return f.code, f.sheet, f.cell, f.message


def test_the_shared_string_form_is_accepted_with_the_same_values(tmp_path, mini_plan, cfg, filled) -> None:
    plain = check(tmp_path, B.good(mini_plan, cfg), mini_plan, cfg, "plain.xlsx")
    shared = check(tmp_path, filled, mini_plan, cfg)
    assert shared.accepted and shared.findings == []
    assert repr(shared.report_rows) == repr(plain.report_rows) and repr(shared.kpi_rows) == repr(plain.kpi_rows)
    assert b't="s"' in B.parts(filled)[B.sheet_part(filled, "進捗報告")]


@pytest.mark.parametrize("value", ["-1", "abc", "99999", "1.0", " 1", "１"])
def test_a_shared_string_index_out_of_range_or_not_an_integer(tmp_path, mini_plan, cfg, filled, value) -> None:
    data, cell = P.string_index(filled, "進捗報告", value, nth=5)
    count = B.parts(filled)["xl/sharedStrings.xml"].count(b"<si>")
    assert refused(check(tmp_path, data, mini_plan, cfg)) == (
        "package.shared_string", "進捗報告", cell,
        f"セル 進捗報告!{cell} の文字列の参照番号「{value}」が不正です（このファイルの文字列は {count} 個）。"
        f"ファイルが壊れているため読み込みません。{RESAVE}")


def test_a_second_sheet_of_the_same_name(tmp_path, mini_plan, cfg, filled) -> None:
    data = B.rename_sheet(filled, "記入方法", "進捗報告")
    assert refused(check(tmp_path, data, mini_plan, cfg)) == (
        "package.duplicate_sheet", "進捗報告", "",
        "このファイルには「進捗報告」という名前のシートが 2 つあります（Excel では同じ名前のシートは作れません）。"
        "どれが報告か決められないため読み込みません。配布した様式に記入し直して送ってください。")


def test_a_zip_entry_stored_twice(tmp_path, mini_plan, cfg, filled) -> None:
    part = B.sheet_part(filled, "指標実績")
    for name in (part, part.upper()):
        data = P.duplicate_entry(filled, name, B.parts(filled)[part].replace(b"<v>3</v>", b"<v>300</v>"))
        assert refused(check(tmp_path, data, mini_plan, cfg)) == (
            "package.duplicate_part", "", "",
            f"このファイルの中に同じ名前の部品「{name}」が 2 つ以上あり、読むソフトによって内容が変わるため読み込みません。"
            f"{RESAVE}")


@pytest.mark.parametrize("name", ["../xl/styles.xml", "/xl/styles.xml", "xl/../../styles.xml", "C:/styles.xml",
                                  "xl\\styles.xml", "xl/./styles.xml"])
def test_entry_names_that_leave_the_package(tmp_path, mini_plan, cfg, filled, name) -> None:
    data = P.rename_entry(filled, "xl/styles.xml", name)
    assert refused(check(tmp_path, data, mini_plan, cfg)) == (
        "package.part_name", "", "",
        f"このファイルの中の部品「{name}」の名前が不正です（ファイルの外を指す名前や「\\」を含む名前など、ZIP の部品に"
        f"使えない名前です）。安全のため読み込みません。{RESAVE}")


@pytest.mark.parametrize(("method", "label"), [(zipfile.ZIP_LZMA, "LZMA"), (zipfile.ZIP_BZIP2, "bzip2")])
def test_compression_other_than_deflate(tmp_path, mini_plan, cfg, filled, method, label) -> None:
    data = P.compress_with(filled, "docProps/core.xml", method)
    assert refused(check(tmp_path, data, mini_plan, cfg)) == (
        "package.compression", "", "",
        f"このファイルの部品「docProps/core.xml」は Excel が使わない圧縮方式（{label}）で保存されています。{RESAVE}")


def test_a_stored_part_is_accepted(tmp_path, mini_plan, cfg, filled) -> None:
    sub = check(tmp_path, P.compress_with(filled, "docProps/core.xml", zipfile.ZIP_STORED), mini_plan, cfg)
    assert sub.accepted and sub.findings == []


@pytest.mark.parametrize(("damage", "detail"), [
    (lambda d: P.wrong_crc(d, "xl/sharedStrings.xml"), "部品「xl/sharedStrings.xml」の内容がチェックサムと一致しません"),
    (lambda d: P.flip_in_stream(d, "xl/sharedStrings.xml"), None),
    (lambda d: P.bad_local_header(d, "xl/workbook.xml"), "部品「xl/workbook.xml」の見出しが ZIP の目次と一致しません"),
    (lambda d: B.replace_part(d, "docProps/core.xml", B.parts(d)["docProps/core.xml"][:300]),
     "部品「docProps/core.xml」の 1 行目が XML として正しくありません"),
    (lambda d: d[:-200], "ZIP の目次が読めません。ファイルが途中で切れているおそれがあります"),
    (lambda d: B.replace_part(d, "xl/theme/theme1.xml", B.parts(d)["xl/theme/theme1.xml"][:3000]),
     "部品「xl/theme/theme1.xml」の 2 行目が XML として正しくありません"),
])
def test_damaged_files(tmp_path, mini_plan, cfg, filled, damage, detail) -> None:
    code, sheet, cell, message = refused(check(tmp_path, damage(filled), mini_plan, cfg))
    assert (code, sheet, cell) == ("file.damaged", "", "")
    if detail is None:  # a flipped byte: the stream breaks, or it inflates to other bytes
        assert message in {DAMAGED.format(detail=f"部品「xl/sharedStrings.xml」を{d}")
                           for d in ("展開できません", "の内容がチェックサムと一致しません")} or "チェックサム" in message
    else:
        assert message == DAMAGED.format(detail=detail)


def test_a_worksheet_outside_spreadsheetml(tmp_path, mini_plan, cfg, filled) -> None:
    part = B.sheet_part(filled, "指標実績")
    assert refused(check(tmp_path, P.other_namespace(filled, "指標実績"), mini_plan, cfg)) == (
        "package.namespace", "指標実績", "",
        f"シート「指標実績」（部品「{part}」）が Excel のワークシートの形式ではありません。読むソフトによって内容が変わるため"
        "読み込みません。配布した様式に記入し直して送ってください。")


@pytest.mark.parametrize(("target", "kind"), [(P.UNC, "hyperlink"), ("\\\\fileserver\\share\\x.xlsx", "externalLink"),
                                              ("https://example.com/logo.png", "image")])
def test_external_relationships(tmp_path, mini_plan, cfg, filled, target, kind) -> None:
    assert refused(check(tmp_path, P.with_link(filled, target, kind), mini_plan, cfg)) == (
        "package.external", "", "",
        f"このファイルには外部の場所「{target}」への参照（リンク）があります（部品「xl/_rels/workbook.xml.rels」）。"
        "保管したファイルを開くとその場所へ接続するおそれがあるため読み込みません。リンクを解除して保存し直すか、"
        "配布した様式に値だけを記入して送ってください。")


def test_a_web_hyperlink_is_accepted(tmp_path, mini_plan, cfg, filled) -> None:
    sub = check(tmp_path, P.with_link(filled, "https://www.city.tomakomai.hokkaido.jp/"), mini_plan, cfg)
    assert sub.accepted and sub.findings == []


def test_an_edited_header_is_refused_at_its_cell(tmp_path, mini_plan, cfg) -> None:
    def edit(wb):
        wb["進捗報告"]["E3"] = "目標"
        wb["指標実績"]["J3"] = "実績"

    sub = check(tmp_path, B.fill(B.good(mini_plan, cfg), edit=edit), mini_plan, cfg)
    assert [(f.code, f.where, f.message) for f in sub.errors] == [
        ("sheet.header_edited", "進捗報告!E3",
         "見出しのセル 進捗報告!E3 が「目標」に書き換えられています（元は「到達目標」）。列の見出しを元に戻してください。"),
        ("sheet.header_edited", "指標実績!J3",
         "見出しのセル 指標実績!J3 が「実績」に書き換えられています（元は「実績値」）。列の見出しを元に戻してください。")]
    assert sub.identity is not None and not sub.accepted


def test_a_header_with_other_line_breaks_is_the_same_header(tmp_path, mini_plan, cfg) -> None:
    def edit(wb):
        wb["進捗報告"]["F3"] = "今年度の\n取組 予定"

    sub = check(tmp_path, B.fill(B.good(mini_plan, cfg), edit=edit), mini_plan, cfg)
    assert sub.accepted and sub.findings == []


def test_a_format_3_form_keeps_its_own_headers(tmp_path, mini_plan, cfg) -> None:
    v3 = (Path(__file__).parents[1] / "data" / "form-v3-2025H2.xlsx").read_bytes()
    sub = check(tmp_path, B.fill(v3, B.GOOD_REPORTS, B.GOOD_KPIS), mini_plan, cfg)
    assert sub.errors == [] and sub.accepted
    edited = B.fill(v3, B.GOOD_REPORTS, B.GOOD_KPIS, lambda wb: wb["進捗報告"].__setitem__("Q3", "達成"))
    assert [(f.code, f.where) for f in check(tmp_path, edited, mini_plan, cfg).errors] == [
        ("sheet.header_edited", "進捗報告!Q3")]


def test_an_edited_council_header_is_refused_at_its_cell(workspace, mini_plan) -> None:
    book = merged_year(workspace, mini_plan)
    path = fill_member(book, workspace.inbox_dir / "山田.xlsx", "山田 太郎", {1: 4},
                       edit=lambda ws: ws.__setitem__("K5", "評価"))
    sub = intake.read_submission(path, mini_plan, workspace)
    assert [(f.code, f.where, f.message) for f in sub.errors] == [
        ("sheet.header_edited", "評価シート!K5",
         "見出しのセル 評価シート!K5 が「評価」に書き換えられています（元は「評価点（1から5）」）。列の見出しを元に戻してください。")]
    intact = fill_member(book, workspace.inbox_dir / "佐藤.xlsx", "佐藤 花子", {1: 4})
    assert intake.read_submission(intact, mini_plan, workspace).accepted


@pytest.mark.parametrize("damage", ["missing part", "cell beyond the sheet"])
def test_what_calamine_cannot_read_after_the_package_checks_is_damaged_not_a_bug(tmp_path, mini_plan, cfg, filled,
                                                                                 damage) -> None:
    part = B.sheet_part(filled, "指標実績")
    if damage == "missing part":
        data = P.build([(n, c, m) for n, c, m in P.entries(filled) if n != part])
    else:
        data = B.replace_part(filled, part, B.parts(filled)[part].replace(
            b"<sheetData>", b'<sheetData><row r="x"><c r="ZZZZZZZZ99999999999"><v>1</v></c></row>'))
    assert refused(check(tmp_path, data, mini_plan, cfg)) == (
        "file.damaged", "", "", DAMAGED.format(detail="ブックの内容を読み取れません"))
