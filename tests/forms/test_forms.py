"""Department workbooks: what a department sees and can edit, and what intake can rely on."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as hs

from sheetflow import messages as msg
from sheetflow.cli import main
from sheetflow.definition import workspace as DW
from sheetflow.forms import layout as L
from sheetflow.forms import read as formread
from sheetflow.forms import sheets as form_sheets
from sheetflow.forms.model import PreviousAnswers, PreviousReport
from sheetflow.forms.workbook import (
    FormCheckError,
    build_form,
    form_filename,
    form_units,
    self_check,
    write_forms,
)
from sheetflow.ground.config import Config
from sheetflow.ground.periods import Period
from sheetflow.ground.xlsx import text_width
from sheetflow.plan.model import Department

H1 = Period(2025, 1)
WHEN = datetime(2025, 10, 1, 9, 30, tzinfo=timezone(timedelta(hours=9)))
REPORT_INPUTS = "IJKLM"  # 進捗状況 … 連絡先（内線）
PLAN_2020 = Path(__file__).parents[2] / "templates" / "plan" / "tomakomai-2020.yaml"


@pytest.fixture
def cfg(tmp_path: Path) -> Config:
    return Config(root=tmp_path)


def open_form(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def rows(ws, first: int = L.FIRST_DATA_ROW + 1) -> list[tuple]:
    return [r for r in ws.iter_rows(min_row=first, values_only=True)]


def check_form(source: Path | bytes) -> tuple[formread.Meta, formread.RowReport]:
    """Read a form as intake does and assert every pre-filled row is intact and in place."""
    values = formread.read_values(source)
    meta = formread.parse_meta(values.sheets[L.META_SHEET])
    report = formread.check_rows(values, meta)
    assert meta.digest_ok and not meta.problems
    assert all(c.intact and not c.moved for c in report.checks)
    assert report.unknown == {} and report.duplicates == {}
    return meta, report


def meta_pairs(wb: openpyxl.Workbook) -> dict[str, str]:
    ws = wb[L.META_SHEET]
    return {r[0]: r[1] for r in ws.iter_rows(min_row=2, max_row=len(L.META_KEYS) + 1, values_only=True)}


# --- the 進捗報告 sheet -----------------------------------------------------------------------------

def test_report_rows_of_the_mini_plan_are_prefilled_exactly(mini_plan, cfg):
    ws = open_form(build_form(mini_plan, "財政部 財政課", H1, cfg))[L.REPORT_SHEET]
    assert ws["A1"].value == "令和7年度 上期 進捗状況報告　財政部 財政課"
    assert [c.value.replace("\n", "") for c in ws[L.HEADER_ROW + 1]] == [
        c.header.replace(" ", "") for c in L.for_half(L.REPORT_COLUMNS, 1)]
    assert [c.value for c in ws[L.HEADER_ROW + 1]][13:] == ["歳入増\n見込\n（千円）", "歳出減\n見込\n（千円）",
                                                          "効果額の\n算定根拠", "達成度\n（下期）",
                                                          "前回の\n課題・\n今後の\n対応"]
    assert rows(ws) == [
        (1, "健全な財政運営", "基金の運用による税外収入の確保（債券運用）", "基金残高の運用について、債券運用を実施する。",
         "R11年度\n・債券運用の実施及び拡大", "債券運用実施", *(None,) * 12),
        (2, "健全な財政運営", "広告料収入の確保", "=SUM(A1:A2) のような文字も文字として扱う",
         "R11年度\n・収入額+10%", "導入の拡大", *(None,) * 12),
    ]


def test_report_rows_of_the_real_plan(tomakomai, cfg):
    ws = open_form(build_form(tomakomai, "財政部 財政課", H1, cfg))[L.REPORT_SHEET]
    got = rows(ws)
    assert [r[0] for r in got] == [2, 3, 4, 32]
    assert got[0][:3] == (2, "健全な財政運営と新たな財源確保", "基金の運用による税外収入の確保（債券運用）")
    assert got[0][3] == tomakomai.item(2).content
    assert got[0][4:6] == ("R11年度\n・債券運用の実施及び拡大", "債券運用実施\n運用額 3億円")
    assert got[3][1:3] == ("公共施設のマネジメント", "公共施設等総合管理計画の推進")
    assert all(r[6:] == (None,) * 12 for r in got)


def test_schedule_continuation_missing_year_and_missing_content(mini_plan, cfg):
    ws = open_form(build_form(mini_plan, "財政部 財政課", Period(2027, 1), cfg))[L.REPORT_SHEET]
    assert [r[5] for r in rows(ws)] == ["→（継続）", "（今年度の予定なし）"]
    ws = open_form(build_form(mini_plan, Department("市民生活部", "窓口サービス課"), H1, cfg))[L.REPORT_SHEET]
    (row,) = rows(ws)
    assert row[:6] == (5, "市民サービスの向上", "出張所の効果的な運営", "（計画に記載なし）", "（計画に記載なし）",
                       "（計画に記載なし）")


def test_previous_answers_fill_the_locked_previous_columns(mini_plan, cfg):
    previous = PreviousAnswers("2024H2", reports={1: PreviousReport("遅れ", "=1+1\r\n入札を延期\x07", "=2+2\r\n再公告\x07")},
                               kpis={"1-1": 2.5, "2-2": -12.0})
    data = build_form(mini_plan, "財政部 財政課", H1, cfg, previous)
    wb = open_form(data)
    assert [r[6:8] for r in rows(wb[L.REPORT_SHEET])] == [("遅れ", "=1+1\n入札を延期"), (None, None)]
    assert [r[L.col_index(L.REPORT_COLUMNS, "prev_issues")] for r in rows(wb[L.REPORT_SHEET])] == ["=2+2\n再公告", None]
    assert [r[L.col_index(L.KPI_COLUMNS, "prev_actual")] for r in rows(wb[L.KPI_SHEET])] == [2.5, None, -12]
    check_form(data)


def test_kpi_sheet_shows_kind_goal_and_baseline(tomakomai, cfg):
    wb = open_form(build_form(tomakomai, "総務部 行政監理室", H1, cfg))
    by_key = {r[0]: r for r in rows(wb[L.KPI_SHEET])}
    kind, goal, base = (L.col_index(L.KPI_COLUMNS, k) for k in ("kind", "goal", "baseline"))
    score = by_key["36-1"]
    assert (score[kind], score[goal], score[base]) == ("水準", "R11年度 3", "R5:2.6")
    assert by_key["38-1"][goal] == "R9年度 -10\n（読み方は確認中）"
    report = {r[0]: r for r in rows(wb[L.REPORT_SHEET])}
    assert report[38][L.col_index(L.REPORT_COLUMNS, "plan")] == "会計年度任用の仕組みの検討\n職員の流動体制の実施"


def test_prefilled_cells_are_locked_and_inputs_unlocked(mini_plan, cfg):
    wb = open_form(build_form(mini_plan, "財政部 財政課", H1, cfg))
    ws = wb[L.REPORT_SHEET]
    for r in (4, 5):
        assert all(ws[f"{c}{r}"].protection.locked for c in "ABCDEFGH")
        assert not any(ws[f"{c}{r}"].protection.locked for c in REPORT_INPUTS)
        assert ws[f"I{r}"].fill.fgColor.rgb.endswith("FFF2CC") and ws[f"A{r}"].fill.fgColor.rgb.endswith("E7E6E6")
    kpi = wb[L.KPI_SHEET]
    assert all(kpi[f"{c}4"].protection.locked for c in "ABCDEFGHI")
    assert not kpi["J4"].protection.locked and not kpi["K4"].protection.locked
    assert ws["A1"].protection.locked and ws["I3"].protection.locked  # title and header


def test_every_visible_sheet_is_protected_allowing_column_and_row_formatting(mini_plan, cfg):
    wb = open_form(build_form(mini_plan, "財政部 財政課", H1, cfg))
    for name in L.VISIBLE_SHEETS:
        p = wb[name].protection
        assert p.sheet and p.password is None
        assert p.formatColumns is False and p.formatRows is False  # "0" = allowed
        assert p.selectLockedCells is False and p.selectUnlockedCells is False
        assert p.insertRows is not False and p.deleteRows is not False
    wb = open_form(build_form(mini_plan, "財政部 財政課", H1, dataclasses.replace(cfg, password="secret")))
    assert all(wb[name].protection.password for name in L.VISIBLE_SHEETS)


def test_input_validations(mini_plan, cfg):
    wb = open_form(build_form(mini_plan, "財政部 財政課", H1, cfg))
    dvs = {str(dv.sqref): dv for dv in wb[L.REPORT_SHEET].data_validations.dataValidation}
    status = dvs["I4:I5"]
    assert status.type == "list" and status.formula1 == "'_lists'!$A$1:$A$7"
    assert status.errorStyle in (None, "stop") and status.showErrorMessage
    assert status.error == "進捗状況は一覧（完了・順調・概ね順調・遅れ・未着手・対象外・中止）から選んでください。"
    assert status.prompt == L.REPORT_COLUMNS[8].prompt and status.promptTitle == "進捗状況"
    assert [r[0] for r in wb[L.LISTS_SHEET].iter_rows(values_only=True)] == [s.label for s in DW.statuses(cfg)]
    assert [r[1] for r in wb[L.LISTS_SHEET].iter_rows(values_only=True)][:5] == [g.label for g in DW.grades(cfg)]
    for cells in ("N4:N5", "O4:O5"):  # 効果額: whole 千円 ≥ 0, with how to count it
        assert (dvs[cells].type, dvs[cells].operator, dvs[cells].formula1) == ("whole", "greaterThanOrEqual", "0")
        assert dvs[cells].error == "千円単位の 0 以上の整数を入力してください（例: 120万円 → 1200）。"
    assert dvs["N4:N5"].prompt.startswith("この取組による今年度の歳入増の見込額を千円単位の整数で")
    assert (dvs["P4:P5"].type, dvs["P4:P5"].formula1) == ("textLength", "200")
    assert "Q4:Q5" not in dvs  # 達成度 is not asked in 上期: locked, no dropdown
    assert wb[L.REPORT_SHEET]["Q4"].protection.locked and not wb[L.REPORT_SHEET]["N4"].protection.locked
    assert (dvs["J4:J5"].type, dvs["J4:J5"].operator, dvs["J4:J5"].formula1) == ("textLength", "lessThanOrEqual", "1000")
    assert dvs["J4:J5"].error == "「今期の取組実績」は1000字以内で記入してください。"
    assert (dvs["M4:M5"].type, dvs["M4:M5"].formula1) == ("textLength", "30")
    kpi = {str(dv.sqref): dv for dv in wb[L.KPI_SHEET].data_validations.dataValidation}
    plain, negative = kpi["J4:J5"], kpi["J6"]  # 2-2 苦情件数 allows negative actuals
    assert (plain.type, plain.operator, plain.formula1) == ("decimal", "greaterThanOrEqual", "0")
    assert plain.error == msg.FORMS_ACTUAL_ERROR and plain.errorStyle in (None, "stop")
    assert (negative.type, negative.operator) == ("decimal", None)  # between
    assert float(negative.formula1) < -1e300 and float(negative.formula2) > 1e300
    assert negative.error == msg.FORMS_ACTUAL_ERROR_NEGATIVE
    assert (kpi["K4:K6"].type, kpi["K4:K6"].formula1) == ("textLength", "500")


def test_kpi_rows_of_the_mini_plan(mini_plan, cfg):
    ws = open_form(build_form(mini_plan, "財政部 財政課", Period(2026, 2), cfg))[L.KPI_SHEET]
    assert ws["A1"].value == "令和8年度 下期 指標実績　財政部 財政課"
    assert [c.value.replace("\n", "") for c in ws[L.HEADER_ROW + 1]] == [c.header for c in L.KPI_COLUMNS]
    assert rows(ws) == [
        ("1-1", 1, "基金の運用による税外収入の確保（債券運用）", "運用額", "億円", "増やす", 3, 6, None, None, None,
         None, None, None),
        ("2-1", 2, "広告料収入の確保", "収入額", "%", "増やす", 2, 4, None, None, None, None, None, None),
        ("2-2", 2, "広告料収入の確保", "苦情件数", "件", "減らす", -50, -50, None, None, None, None, None, None),
    ]
    ws = open_form(build_form(mini_plan, "財政部 財政課", Period(2028, 1), cfg))[L.KPI_SHEET]
    assert [r[6:8] for r in rows(ws)] == [(3, 12), (None, 4), (None, None)]


def test_numbers_show_as_typed_without_a_trailing_point(mini_plan, cfg):
    wb = open_form(build_form(mini_plan, "財政部 財政課", H1, cfg))
    kpi, report = wb[L.KPI_SHEET], wb[L.REPORT_SHEET]
    assert {kpi[f"{c}4"].number_format for c in "GHIJ"} == {"General"}  # "#,##0.##" shows 3 as "3." in Excel
    assert report["A4"].number_format == "General" and report["A4"].alignment.horizontal == "center"


def test_a_department_without_kpis_gets_the_sheet_with_a_note_and_no_rows(mini_plan, cfg):
    data = build_form(mini_plan, "議会事務局", H1, cfg)
    ws = open_form(data)[L.KPI_SHEET]
    assert ws.cell(L.NOTE_ROW + 1, 1).value == "この部署の取組項目には数値指標がありません。"
    assert [c.value.replace("\n", "") for c in ws[L.HEADER_ROW + 1]] == [c.header for c in L.KPI_COLUMNS]
    assert ws.max_row == L.HEADER_ROW + 1 and not ws.data_validations.dataValidation
    meta, report = check_form(data)
    assert meta.pairs["kpi_count"] == "0" and [c.sheet for c in report.checks] == [L.REPORT_SHEET]
    guide = [v for r in open_form(data)[L.GUIDE_SHEET].iter_rows(values_only=True) for v in r if v]
    assert "3. この部署の取組項目には数値指標がないため、「指標実績」シートの記入は不要です。" in guide


def test_a_co_owned_item_appears_only_in_its_owners_form(mini_plan, cfg):
    owner = open_form(build_form(mini_plan, "財政部 財政課", H1, cfg))
    related = open_form(build_form(mini_plan, "総務部 行政監理室/企画:係", H1, cfg))
    assert 2 in [r[0] for r in rows(owner[L.REPORT_SHEET])]
    assert [r[0] for r in rows(related[L.REPORT_SHEET])] == [3]
    assert rows(related[L.KPI_SHEET]) == []


def test_text_starting_with_equals_is_a_string_not_a_formula(mini_plan, cfg):
    data = build_form(mini_plan, "財政部 財政課", H1, cfg)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(re.search(r"<f[ >]", z.read(n).decode()) for n in sheets)
        assert "=SUM(A1:A2)" in z.read("xl/sharedStrings.xml").decode()
    ws = open_form(data)[L.REPORT_SHEET]
    assert ws["D5"].data_type == "s" and ws["D5"].value.startswith("=SUM")


# --- the other sheets, properties, printing ----------------------------------------------------

def test_sheet_order_visibility_and_active_sheet(mini_plan, cfg):
    wb = open_form(build_form(mini_plan, "財政部 財政課", H1, cfg))
    assert wb.sheetnames == [L.GUIDE_SHEET, L.REPORT_SHEET, L.KPI_SHEET, L.META_SHEET, L.LISTS_SHEET]
    assert [ws.sheet_state for ws in wb.worksheets] == ["visible"] * 3 + ["veryHidden"] * 2
    assert wb.active.title == L.REPORT_SHEET


def test_guide_sheet_tells_what_by_when_and_the_rules(mini_plan, cfg):
    wb = open_form(build_form(mini_plan, "財政部 財政課", H1, cfg))
    ws = wb[L.GUIDE_SHEET]
    text = "\n".join(str(v) for r in ws.iter_rows(values_only=True) for v in r if v)
    for expected in ("令和7年度 上期（9月30日現在）", "財政部 財政課", cfg.deadline, cfg.contact, mini_plan.title,
                     "シート名を変えない", "行を追加・削除しない", "灰色のセルは編集しない", "ファイル名は変えてもかまいません",
                     "「進捗報告」2 行、「指標実績」3 行"):
        assert expected in text
    legend = {r[0]: r[1:] for r in ws.iter_rows(values_only=True) if r[0] in {s.label for s in DW.statuses(cfg)}}
    assert legend["遅れ"] == (DW.status_named(cfg, "遅れ").description, "課題・今後の対応（必須）")
    assert legend["完了"][1] == "今期の取組実績（必須）" and legend["順調"][1] is None
    assert ws.protection.sheet


def _steps(wb) -> list[str]:
    rows = [r[0] for r in wb[L.GUIDE_SHEET].iter_rows(values_only=True) if r[0]]
    first = rows.index("記入の手順") + 1
    return rows[first:rows.index("進捗状況の選び方")]


def _yellow_headers(ws) -> list[str]:
    """The headers (row 3) of the columns whose first data cell is unlocked: what the form asks for."""
    return [ws.cell(3, c).value.replace("\n", "") for c in range(1, ws.max_column + 1)
            if not ws.cell(4, c).protection.locked]


@pytest.mark.parametrize(("half", "amounts"), [(1, "歳入増 見込（千円）、歳出減 見込（千円）、効果額の算定根拠"),
                                               (2, "歳入増 実績（千円）、歳出減 実績（千円）、効果額の算定根拠、達成度")])
def test_guide_steps_list_every_input_column_of_the_half(mini_plan, cfg, half, amounts):
    wb = open_form(build_form(mini_plan, "財政部 財政課", Period(2025, half), cfg))
    steps = _steps(wb)
    assert steps[0] == ("1. 「進捗報告」シートで、取組項目ごとに黄色のセル（進捗状況、今期の取組実績、課題・今後の対応、記入者、"
                        f"連絡先（内線）、{amounts}）を記入してください。")
    assert steps[2] == ("3. 「指標実績」シートで、指標ごとに黄色のセル（実績値、備考）を記入してください。実績値は今期末時点の値を"
                        "数値だけで記入します（単位は「単位」列のとおりです）。")
    for sheet, step in ((L.REPORT_SHEET, steps[0]), (L.KPI_SHEET, steps[2])):  # the layout and the step agree
        listed = re.search(r"黄色のセル（(.*)）を記入", step).group(1).split("、")
        assert [h.replace(" ", "") for h in listed] == [h.replace(" ", "") for h in _yellow_headers(wb[sheet])]


def test_meta_sheet_holds_identity_and_one_fingerprint_per_prefilled_row(mini_plan, cfg):
    data = build_form(mini_plan, "財政部 財政課", H1, cfg, generated_at=WHEN)
    wb = open_form(data)
    assert wb[L.META_SHEET].sheet_state == "veryHidden"
    pairs = meta_pairs(wb)
    assert {k: v for k, v in pairs.items() if k != "meta_digest"} == {
        "format_version": L.FORMAT_VERSION, "plan_id": "mini", "plan_version": "1", "period": "2025H1",
        "department": "財政部 財政課", "generated_at": "2025-10-01T09:30:00+09:00", "sheetflow_version": "0.1.0",
        "row_count": "2", "kpi_count": "3"}
    table = [r for r in wb[L.META_SHEET].iter_rows(min_row=len(L.META_KEYS) + 4, values_only=True)]
    assert [r[:3] for r in table] == [("進捗報告", 4, "1"), ("進捗報告", 5, "2"), ("指標実績", 4, "1-1"),
                                      ("指標実績", 5, "2-1"), ("指標実績", 6, "2-2")]
    identity = ("mini", "1", "2025H1", "財政部 財政課")
    report = wb[L.REPORT_SHEET]
    locked = [v for c, v in zip(L.REPORT_COLUMNS, next(report.iter_rows(min_row=4, values_only=True)),
                                strict=True) if not c.input]
    assert table[0][3] == L.fingerprint(identity, L.REPORT_SHEET, locked)
    expected = L.meta_rows({k: v for k, v in pairs.items() if k != "meta_digest"},
                           [tuple(r) for r in table])
    got = [[v for v in r if v is not None] for r in wb[L.META_SHEET].iter_rows(values_only=True)]
    assert got == expected


def test_identity_as_document_properties(mini_plan, cfg):
    wb = open_form(build_form(mini_plan, "財政部 財政課", H1, cfg, generated_at=WHEN))
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props == {"sheetflow_plan_id": "mini", "sheetflow_plan_version": "1", "sheetflow_period": "2025H1",
                     "sheetflow_department": "財政部 財政課", "sheetflow_format_version": L.FORMAT_VERSION}
    assert wb.properties.title == "令和7年度 上期 進捗状況報告（財政部 財政課）"
    assert (wb.properties.subject, wb.properties.creator) == ("テスト用プラン", "総務部行政監理室")
    assert wb.properties.created == datetime(2025, 10, 1, 0, 30)
    with zipfile.ZipFile(io.BytesIO(build_form(mini_plan, "財政部 財政課", H1, cfg))) as z:
        assert "<Company>苫小牧市</Company>" in z.read("docProps/app.xml").decode()


def test_print_settings_and_frozen_header(mini_plan, cfg):
    wb = open_form(build_form(mini_plan, "財政部 財政課", H1, cfg))
    for name, freeze in ((L.REPORT_SHEET, "D4"), (L.KPI_SHEET, "E4")):
        ws = wb[name]
        assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.print_title_rows == "$3:$3" and ws.freeze_panes == freeze
        assert "財政部 財政課" in ws.oddHeader.left.text and "令和7年度 上期" in ws.oddHeader.left.text
        assert [ws.column_dimensions[chr(65 + i)].width for i in range(3)] == pytest.approx(
            [c.width for c in (L.REPORT_COLUMNS if name == L.REPORT_SHEET else L.KPI_COLUMNS)[:3]], abs=0.8)
    assert wb[L.GUIDE_SHEET].page_setup.paperSize == 9


def test_rows_are_tall_enough_for_wrapped_text(tomakomai, cfg):
    ws = open_form(build_form(tomakomai, "財政部 財政課", H1, cfg))[L.REPORT_SHEET]
    content = ws["D5"].value  # No.3: over 100 characters in a narrow column
    assert len(content) > 100
    width = L.REPORT_COLUMNS[L.col_index(L.REPORT_COLUMNS, "content")].width
    lines = sum(-(-text_width(t) // (width - 1.5)) for t in content.split("\n"))
    assert ws.row_dimensions[5].height >= lines * 15 >= 6 * 15


# --- file names, units, selection ------------------------------------------------------------------

def test_form_filenames_are_safe_on_windows():
    assert form_filename("財政部 財政課") == "財政部_財政課.xlsx"
    assert form_filename(Department("", "議会事務局")) == "議会事務局.xlsx"
    assert form_filename("財政部") == "財政部.xlsx"
    assert form_filename("総務部 行政監理室/企画:係") == "総務部_行政監理室／企画：係.xlsx"
    assert form_filename('総務部 a\\b*c?d"e<f>g|h') == "総務部_a＼b＊c？d＂e＜f＞g｜h.xlsx"
    assert form_filename("CON") == "_CON.xlsx" and form_filename(" 課. ") == "課.xlsx"
    long = form_filename("総務部 " + "長" * 300)
    assert len(long) == 100 and long.endswith("長.xlsx")


@given(hs.text(min_size=1, max_size=200))
def test_any_department_name_gives_a_safe_file_name(name):
    filename = form_filename(name)
    assert filename.endswith(".xlsx") and len(filename) <= 100
    assert not set('\\/:*?"<>|') & set(filename) and all(ch.isprintable() for ch in filename)


@given(hs.integers(0, 1_048_575), hs.integers(0, 16_383))
def test_a1_index_reads_back_every_cell_address(row, col):
    assert L.a1_index(L.a1(row, col)) == (row, col)


def test_a1_index_refuses_what_is_no_cell_address():
    assert [L.a1_index(ref) for ref in ("", None, "a1", "A", "12", "A1:B2", "Sheet!A1")] == [None] * 7
    assert (L.a1_index("A1"), L.a1_index("Z9"), L.a1_index("AA10")) == ((0, 0), (8, 25), (9, 26))


def test_form_units_by_ka_and_by_bu(mini_plan, tomakomai):
    assert [(k, [i.no for i in items]) for k, items in form_units(mini_plan)] == [
        ("財政部 財政課", [1, 2]), ("総務部 行政監理室/企画:係", [3]), ("議会事務局", [4]),
        ("市民生活部 窓口サービス課", [5])]
    by_bu = dict(form_units(tomakomai, "部"))
    assert [i.no for i in by_bu["財政部"]] == [i.no for i in tomakomai.items if i.owner.bu == "財政部"]
    assert {i.owner.ka for i in by_bu["財政部"]} == {"財政課", "管財課", "資産税課", "納税課"}
    assert [i.no for i in by_bu["議会事務局"]] == [49]  # a standalone body stays alone
    assert len(by_bu) == len({d.bu or d.ka for d in tomakomai.recipients()})


def test_only_accepts_ka_names_keys_and_full_width_spaces(tomakomai):
    assert [k for k, _ in form_units(tomakomai, only=["財政課", "総務部　総務課", "財政課"])] == [
        "財政部 財政課", "総務部 総務課"]
    assert [k for k, _ in form_units(tomakomai, "部", only=["管財課", "議会事務局"])] == ["財政部", "議会事務局"]


def test_unknown_department_lists_close_matches(tomakomai):
    with pytest.raises(msg.UserError) as err:
        form_units(tomakomai, only=["財政科"])
    assert str(err.value).startswith("部署「財政科」は報告様式を送る部署にありません。もしかして: ")
    assert "財政部 財政課" in str(err.value)


def test_a_ka_name_shared_by_two_bu_must_be_given_with_its_bu(mini_plan):
    item = dataclasses.replace(mini_plan.item(4), owner=Department("市民生活部", "財政課"))
    plan = dataclasses.replace(mini_plan, items=(*mini_plan.items[:3], item, mini_plan.items[4]))
    with pytest.raises(msg.UserError, match="「部 課」の形で指定してください: 財政部 財政課、市民生活部 財政課"):
        form_units(plan, only=["財政課"])
    assert [k for k, _ in form_units(plan, only=["市民生活部 財政課"])] == ["市民生活部 財政課"]


def test_a_plan_without_owners_is_refused(cfg):
    from sheetflow.plan.load import load_plan

    with pytest.raises(msg.UserError, match=msg.PLAN_NO_RECIPIENTS):
        write_forms(load_plan(PLAN_2020), H1, cfg)


# --- writing many forms ------------------------------------------------------------------------------

def test_write_forms_writes_one_checked_form_per_department(mini_plan, cfg):
    results = write_forms(mini_plan, H1, cfg)
    folder = cfg.outbox_dir / "forms" / "2025H1"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["財政部_財政課.xlsx", "総務部_行政監理室／企画：係.xlsx", "議会事務局.xlsx", "市民生活部_窓口サービス課.xlsx"])
    assert [(r.department, r.items, r.kpis, r.written) for r in results] == [
        ("財政部 財政課", 2, 3, True), ("総務部 行政監理室/企画:係", 1, 0, True), ("議会事務局", 1, 0, True),
        ("市民生活部 窓口サービス課", 1, 0, True)]
    for r in results:
        meta, _ = check_form(r.path)
        assert meta.pairs["department"] == r.department


def test_by_bu_writes_one_form_per_bu_keyed_by_the_bu_name(tomakomai, cfg, tmp_path):
    results = write_forms(tomakomai, H1, cfg, out_dir=tmp_path / "bu", by="部", only=["財政部"])
    (r,) = results
    assert r.path == tmp_path / "bu" / "財政部.xlsx" and r.department == "財政部"
    meta, report = check_form(r.path)
    assert meta.pairs["department"] == "財政部"
    wb = openpyxl.load_workbook(r.path)
    assert wb[L.REPORT_SHEET]["A1"].value == "令和7年度 上期 進捗状況報告　財政部"
    assert [row[0] for row in rows(wb[L.REPORT_SHEET])] == [i.no for i in dict(form_units(tomakomai, "部"))["財政部"]]


def test_existing_forms_are_kept_unless_forced(mini_plan, cfg):
    first = write_forms(mini_plan, H1, cfg, only=["財政課"])
    first[0].path.write_bytes(b"edited by hand")
    again = write_forms(mini_plan, H1, cfg, only=["財政課"])
    assert not again[0].written and first[0].path.read_bytes() == b"edited by hand"
    forced = write_forms(mini_plan, H1, cfg, only=["財政課"], force=True)
    assert forced[0].written
    check_form(forced[0].path)


def test_progress_and_previous_answers_hooks(mini_plan, cfg):
    seen, asked = [], []

    def previous_for(key):
        asked.append(key)
        return PreviousAnswers("2024H2", reports={4: PreviousReport("順調", "試行した")}) if key == "議会事務局" else None

    results = write_forms(mini_plan, H1, cfg, previous_for=previous_for,
                          progress=lambda result, total: seen.append((result.department, total)))
    assert seen == [(r.department, 4) for r in results] and asked == [r.department for r in results]
    ws = openpyxl.load_workbook(results[2].path)[L.REPORT_SHEET]
    assert (ws["G4"].value, ws["H4"].value) == ("順調", "試行した")


def test_every_form_of_the_real_plan_passes_the_check(tomakomai, cfg):
    results = write_forms(tomakomai, H1, cfg)
    assert len(results) == len(tomakomai.recipients())
    assert sum(r.items for r in results) == 56 and sum(r.kpis for r in results) == len(tomakomai.kpis)
    for r in results:
        meta, report = check_form(r.path)
        assert int(meta.pairs["row_count"]) == r.items and int(meta.pairs["kpi_count"]) == r.kpis
        assert len(report.checks) == r.items + r.kpis


def test_an_edited_locked_cell_fails_the_row_check(mini_plan, cfg, tmp_path):
    data = build_form(mini_plan, "財政部 財政課", H1, cfg)
    wb = open_form(data)
    wb[L.REPORT_SHEET]["C5"] = "書き換えた項目名"
    wb[L.REPORT_SHEET]["I4"] = "順調"  # an input: does not matter
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    values = formread.read_values(path)
    meta = formread.parse_meta(values.sheets[L.META_SHEET])
    report = formread.check_rows(values, meta)
    assert [(c.key, c.intact) for c in report.checks if c.sheet == L.REPORT_SHEET] == [("1", True), ("2", False)]
    assert report.unknown == {L.REPORT_SHEET: [5]}


def test_the_pre_flight_check_refuses_a_broken_form(mini_plan, cfg):
    data = build_form(mini_plan, "財政部 財政課", H1, cfg)
    meta = formread.parse_meta(formread.read_values(data).sheets[L.META_SHEET])
    pairs = {k: v for k, v in meta.pairs.items() if k != "meta_digest"}
    self_check(data, pairs, meta.table, "財政部 財政課")  # the form as built passes
    wb = open_form(data)
    wb[L.KPI_SHEET]["G4"] = 4
    buffer = io.BytesIO()
    wb.save(buffer)
    with pytest.raises(FormCheckError, match=r"自己点検に失敗.*財政部 財政課.*row:指標実績!4"):
        self_check(buffer.getvalue(), pairs, meta.table, "財政部 財政課")
    with pytest.raises(FormCheckError, match="meta.department"):
        self_check(data, {**pairs, "department": "議会事務局"}, meta.table, "議会事務局")


def test_fractional_and_summed_targets_round_trip(mini_plan, cfg):
    kpi = dataclasses.replace(mini_plan.item(1).kpis[0], targets={2025: 0.1, 2026: 0.2, 2027: 1 / 3})
    item = dataclasses.replace(mini_plan.item(1), kpis=(kpi,))
    plan = dataclasses.replace(mini_plan, items=(item, *mini_plan.items[1:]))
    data = build_form(plan, "財政部 財政課", Period(2027, 1), cfg,
                      PreviousAnswers("2026H2", kpis={"1-1": 0.30000000000000004}))
    assert rows(open_form(data)[L.KPI_SHEET])[0][6:9] == (0.333333333333333, 0.633333333333333, 0.3)
    check_form(data)


@settings(max_examples=60, deadline=None)
@given(hs.lists(hs.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15)
                | hs.integers(min_value=-(2**53), max_value=2**53).map(float), min_size=1, max_size=20))
def test_numbers_read_back_as_written(numbers):
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet("s")
    cleaned = [form_sheets.clean_number(n) for n in numbers]
    for r, n in enumerate(cleaned):
        ws.write_number(r, 0, n)
    wb.close()
    back = [row[0] for row in formread.read_values(buffer.getvalue()).sheets["s"]]
    assert [L.cell_text(b) for b in back] == [L.cell_text(c) for c in cleaned]


# --- the command ---------------------------------------------------------------------------------------

def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="sheetflow", catch_exceptions=False)


def test_cli_writes_one_form_per_recipient_of_the_real_plan(tomakomai, tmp_path):
    (tmp_path / "sheetflow.toml").write_text("", encoding="utf-8")  # a workspace on the built-in plan
    result = run("-C", str(tmp_path), "forms", "--period", "2025H1", "--force")  # --force: placeholder contact
    assert result.exit_code == 0, result.output
    folder = tmp_path / "outbox" / "forms" / "2025H1"
    assert len(list(folder.glob("*.xlsx"))) == len(tomakomai.recipients()) == 35
    assert result.output.strip() == msg.FORMS_WRITTEN.format(count=35, items=56, kpis=len(tomakomai.kpis),
                                                             folder=folder)


def test_cli_skips_existing_files_and_says_so(workspace):
    root = str(workspace.root)
    assert run("-C", root, "forms", "--period", "R7上期", "--dept", "財政課").exit_code == 0
    result = run("-C", root, "forms", "--period", "R7上期")
    assert result.exit_code == 0
    assert "様式を 3 件書き出しました（取組項目 3 件、指標 0 件）" in result.output
    assert "既にあるため上書きしなかった様式が 1 件あります（上書きするには --force を付けてください）: 財政部_財政課.xlsx" \
        in result.output
    result = run("-C", root, "forms", "--period", "R7上期", "--force", "--by", "部", "--out", str(workspace.root / "b"))
    assert result.exit_code == 0 and "様式を 4 件書き出しました" in result.output


def test_cli_says_plainly_when_every_form_was_written_before(workspace):
    root = str(workspace.root)
    assert run("-C", root, "forms", "--period", "R7上期").exit_code == 0
    folder = workspace.root / "outbox" / "forms" / "2025H1"
    before = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.xlsx")}
    result = run("-C", root, "forms", "--period", "R7上期")
    assert result.exit_code == 0
    assert result.output.strip() == (f"様式 4 件はすべて既に書き出してあります: {folder}\n"
                                     "どれも上書きしていません。書き直すには --force を付けてください。")
    assert {p.name: p.stat().st_mtime_ns for p in folder.glob("*.xlsx")} == before


def test_cli_unknown_department_exits_2_with_close_matches(workspace):
    result = run("-C", str(workspace.root), "forms", "--period", "2025H1", "--dept", "財政")
    assert result.exit_code == 2
    assert "エラー: 部署「財政」は報告様式を送る部署にありません。もしかして: " in result.output
    assert "財政課" in result.output


def test_cli_plan_without_owners_exits_2(tmp_path):
    (tmp_path / "sheetflow.toml").write_text(f'plan = "{PLAN_2020.as_posix()}"\n', encoding="utf-8")
    result = run("-C", str(tmp_path), "forms", "--period", "2023H1")
    assert result.exit_code == 2
    assert result.output.strip() == msg.ERROR_PREFIX + msg.PLAN_NO_RECIPIENTS
    assert not (tmp_path / "outbox").exists()
