"""`sheetflow form export`: the definition in use as the workbook a person edits — the same definition when read
back (same SHA-256), each sheet's header bold, frozen and filtered, dropdowns where a column takes fixed values."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from definition_support import F, scratch_sheets, write_book
from openpyxl import load_workbook

from sheetflow.cli import main
from sheetflow.definition import source
from sheetflow.definition import workspace as DW
from sheetflow.definition.read import load_definition
from sheetflow.ground.config import load_config

STOP = None  # Excel's default error style (refuses the value), left out of the file
TYPES = '"文字,整数,小数,金額（千円）,日付,はい・いいえ,選択:進捗状況,選択:達成度"'



def same(a, b) -> bool:
    """Two definitions read from different files are the same definition: same version and same contents."""
    return (a.sha256, a.settings, a.tables, a.fields, a.choices) == (b.sha256, b.settings, b.tables, b.fields, b.choices)


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="sheetflow", catch_exceptions=False)


def exported_builtin(tmp_path: Path) -> Path:
    out = tmp_path / "様式定義.xlsx"
    result = run("-C", str(tmp_path), "form", "export", "--out", str(out))
    assert (result.exit_code, result.output) == (0, f"様式定義を {out} に書き出しました（進捗状況報告、版 5）。"
                                                    "Excel で編集し、sheetflow.toml に form = \"様式定義.xlsx\" と書くと使われます。\n")
    return out


def test_the_builtin_definition_reads_back_as_itself(tmp_path):
    out = exported_builtin(tmp_path)
    assert source.canonical_text(source.read_sheets(out)) == source.canonical_text(source.read_sheets(DW.builtin_path()))
    assert same(load_definition(out), DW.builtin_definition())


def test_each_sheet_has_its_columns_under_a_bold_frozen_filtered_header(tmp_path):
    wb = load_workbook(exported_builtin(tmp_path))
    assert wb.sheetnames == ["設定", "表", "項目", "選択肢"]
    headers = {ws.title: tuple(c.value for c in ws[1]) for ws in wb}
    assert headers == {"設定": ("項目", "値"), "表": ("表ID", "シート名", "行モード", "キー", "最大行数"), "項目": F,
                       "選択肢": ("リスト名", "値", "説明", "順位", "理由必須", "実績必須", "遅れ", "別計上", "評価しない")}
    for ws in wb:
        assert all(c.font.b for c in ws[1]), ws.title
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:"), ws.title
    fields = wb["項目"]
    assert fields.column_dimensions["I"].width >= 40 > fields.column_dimensions["A"].width  # 説明 wide, 表ID narrow
    assert fields["I10"].alignment.wrap_text and fields["I10"].value.startswith("一覧から選んでください")


def test_numbers_are_numbers_and_text_stays_text(tmp_path):
    wb = load_workbook(exported_builtin(tmp_path))
    status = next(r for r in wb["項目"].iter_rows(min_row=2) if r[1].value == "status")
    assert (status[18].value, status[19].value) == (7.5, 2)  # 幅, 追加版
    assert wb["項目"]["B2"].value == "no" and wb["設定"]["B3"].value == 5
    assert [r[3].value for r in wb["選択肢"].iter_rows(min_row=2)][:7] == [4, 3, 2, 1, 0, 0, -1]


def test_dropdowns_offer_the_types_the_lists_the_modes_totals_halves_and_marks(tmp_path):
    wb = load_workbook(exported_builtin(tmp_path))
    rules = {(ws.title, str(v.sqref)): (v.formula1, v.errorStyle) for ws in wb for v in ws.data_validations.dataValidation}
    assert rules == {("表", "C2:C1001"): ('"既定行,単一,自由行"', STOP),
                     ("項目", "D2:D1001"): (TYPES, "warning"), ("項目", "J2:J1001"): ('"合計,件数"', STOP),
                     ("項目", "R2:R1001"): ('"上期,下期"', STOP), ("項目", "K2:K1001"): ('"○"', "warning"),
                     ("項目", "L2:L1001"): ('"○"', "warning"),
                     **{("選択肢", f"{c}2:{c}1001"): ('"○"', "warning") for c in "EFGHI"}}


def test_adding_a_column_and_a_status_in_excel_is_read_as_the_doc_says(tmp_path):
    """The two examples of docs/form-definition.md: one row in 項目 adds 予算額（千円）; one row in 選択肢 adds 休止."""
    wb = load_workbook(exported_builtin(tmp_path))
    wb["項目"].append(["report", "budget", "予算額（千円）", "整数", None, 0, None, None, "今年度の予算額を千円単位で。", "合計",
                      "○", None, None, None, None, None, None, None, 10, 6])
    wb["選択肢"].append(["進捗状況", "休止", "取組を一時休止している", -1, "○", None, None, "○"])
    wb["設定"]["B3"] = 6
    wb.save(tmp_path / "様式定義.xlsx")
    (tmp_path / "sheetflow.toml").write_text('form = "様式定義.xlsx"\n', encoding="utf-8")
    result = run("-C", str(tmp_path), "form", "check")
    assert result.output == f"様式定義 {tmp_path / '様式定義.xlsx'} に誤りはありません（進捗状況報告、版 6、表 3、項目 37）。\n"
    cfg = load_config(tmp_path)
    budget = DW.workspace_form(cfg).field("report", "budget")
    assert (budget.type_name, budget.minimum, budget.total, budget.publish, budget.since) == ("整数", 0, "合計", True, "6")
    assert [s.label for s in DW.statuses(cfg) if s.stopped] == ["中止", "休止"]
    assert DW.status_named(cfg, "休止").rank == -1


def test_a_workspace_exports_the_definition_it_uses_beside_its_settings_and_never_over_a_file(tmp_path):
    write_book(tmp_path / "mine.xlsx", scratch_sheets())
    (tmp_path / "sheetflow.toml").write_text('form = "mine.xlsx"\n', encoding="utf-8")
    out = tmp_path / "様式定義.xlsx"
    assert run("-C", str(tmp_path), "form", "export").exit_code == 0
    assert load_definition(out).sha256 == load_definition(tmp_path / "mine.xlsx").sha256
    before = out.read_bytes()
    again = run("-C", str(tmp_path), "form", "export")
    assert (again.exit_code, again.output) == (2, f"エラー: {out} は既にあります。上書きするときは --force を付けてください。\n")
    assert out.read_bytes() == before
    (tmp_path / "sheetflow.toml").write_text("", encoding="utf-8")
    assert run("-C", str(tmp_path), "form", "export", "--force").exit_code == 0
    assert same(load_definition(out), DW.builtin_definition())


def test_text_that_looks_like_a_number_or_a_formula_reads_back_as_written(tmp_path):
    """Only a number that reads back as the same text is written as a number (幅 7.5); 「007」, 「1.0」, 「nan」,
    「=SUM(A1)」, 「TRUE」 and a two-line 説明 stay the text they are."""
    sheets = scratch_sheets()
    tricky = ["007", "1.0", "nan", "=SUM(A1:A2)", "TRUE", "一行目\n二行目", "1e3", "-0"]
    for n, text in enumerate(tricky):
        sheets["項目"].append([*("report", f"extra{n}", text, "文字"), *([None] * 4), text])
    as_yaml = {name: [{h: v for h, v in zip(rows[0], row, strict=False) if v is not None} for row in rows[1:]]
               for name, rows in sheets.items()}
    (tmp_path / "tricky.yaml").write_text(yaml.safe_dump(as_yaml, allow_unicode=True), encoding="utf-8")
    (tmp_path / "sheetflow.toml").write_text('form = "tricky.yaml"\n', encoding="utf-8")
    assert run("-C", str(tmp_path), "form", "export").exit_code == 0
    back = load_definition(tmp_path / "様式定義.xlsx")
    assert back.sha256 == load_definition(tmp_path / "tricky.yaml").sha256
    assert [f.header for f in back.fields[4:]] == tricky == [f.prompt for f in back.fields[4:]]
