"""She department form is written from the definition the workspace uses (sheetflow.toml `form = …`): a field
added to the definition's 項目 becomes a form column — header, width, unlocked yellow input, its prompt and the
validation of its type — with no change to the code; the form's _meta names the definition (form_sha256) and
`forms` archives it under outbox/definitions/."""

from __future__ import annotations

import openpyxl
import pytest
from definitions import edited_definition
from ledger_support import form_path, mini_workspace

from sheetflow.definition import workspace as DW
from sheetflow.forms import layout as L
from sheetflow.forms.sheets import MARGIN
from sheetflow.ground import xlsx as X
from sheetflow.ground.config import load_config
from sheetflow.ground.periods import Period
from sheetflow.ledger.issue import issue_forms

H1 = Period(2025, 1)
FIN = "財政部 財政課"
BUDGET_PROMPT = "この取組の今年度の予算額を千円単位の整数で記入してください。"
# Rows added after the built-in 進捗報告 fields (so they are columns S, T, U, V) and one choice list.
ADDED_FIELDS = [
    {"表ID": "report", "項目ID": "budget", "見出し": "予算額（千円）", "型": "整数", "最小": 0, "集計": "合計", "公表": "○",
     "説明": BUDGET_PROMPT, "幅": 9},
    {"表ID": "report", "項目ID": "due", "見出し": "完了予定日", "型": "日付", "説明": "完了の予定日を記入してください。", "幅": 8},
    {"表ID": "report", "項目ID": "method", "見出し": "実施方法", "型": "選択:実施方法", "説明": "一覧から選んでください。", "幅": 8},
    {"表ID": "report", "項目ID": "code", "見出し": "事業コード", "型": "文字", "編集不可": "○", "転記元": "計画:code", "幅": 7},
]
ADDED_CHOICES = [{"リスト名": "実施方法", "値": v} for v in ("直営", "委託", "補助")]


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """A workspace whose sheetflow.toml names the edited definition, its 上期 forms issued."""
    root = tmp_path_factory.mktemp("edited-form")
    mini_workspace(root)
    edited_definition(root / "様式定義.yaml", ADDED_FIELDS, ADDED_CHOICES)
    with (root / "sheetflow.toml").open("a", encoding="utf-8") as f:
        f.write('form = "様式定義.yaml"\n')
    cfg = load_config(root)
    issue_forms(cfg, H1)  # each form passed its self-check (read back with the edited definition's columns)
    return cfg, openpyxl.load_workbook(form_path(cfg, FIN))


def validation_at(ws, cell: str):
    found = [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]
    assert len(found) == 1, (cell, found)
    return found[0]


def meta(wb) -> dict[str, str]:
    return {r[0]: r[1] for r in wb[L.META_SHEET].iter_rows(min_row=2, values_only=True) if r and r[0]}


def test_an_added_integer_field_is_a_yellow_input_column_with_a_whole_number_validation(edited):
    _, wb = edited
    ws = wb[L.REPORT_SHEET]
    assert ws["R3"].value == "前回の\n課題・\n今後の\n対応"  # the built-in columns stay where they were
    assert ws["S3"].value == "予算額\n（千円）"
    assert ws.column_dimensions["S"].width == pytest.approx(9.71, abs=0.01)  # 9 characters, as xlsxwriter stores it
    assert not ws["S4"].protection.locked
    assert ws["S4"].fill.fgColor.rgb == "FF" + X.YELLOW[1:]
    dv = validation_at(ws, "S4")
    assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert (dv.promptTitle, dv.prompt) == ("予算額（千円）", BUDGET_PROMPT)
    assert (dv.showErrorMessage, dv.errorStyle) == (True, None)  # None: stop, Excel's default
    assert dv.error == "「予算額（千円）」は0以上の整数で記入してください。"
    assert dv.sqref == openpyxl.worksheet.cell_range.MultiCellRange("S4:S5")  # 財政課's two items


def test_date_and_own_list_fields_get_a_date_and_a_list_validation(edited):
    _, wb = edited
    ws = wb[L.REPORT_SHEET]
    assert [ws[c].value for c in ("T3", "U3")] == ["完了予定日", "実施方法"]
    due, method = validation_at(ws, "T4"), validation_at(ws, "U4")
    assert (due.type, due.operator, due.promptTitle) == ("date", None, "完了予定日")  # None: between
    assert (due.formula1, due.formula2) == ("1", "109574")  # 1900-01-01 … 2199-12-31
    assert due.error == "「完了予定日」は日付（例: 2025/9/30）で記入してください。"
    assert (method.type, method.formula1) == ("list", "'_lists'!$C$1:$C$3")
    assert method.error == "「実施方法」は一覧から選んでください。"
    lists = wb[L.LISTS_SHEET]
    assert [lists.cell(r, 3).value for r in (1, 2, 3, 4)] == ["直営", "委託", "補助", None]
    assert lists["A1"].value == "完了" and lists["B1"].value == "A 目標以上"  # the scales stay in A and B


def test_a_locked_field_whose_source_the_writer_has_no_data_for_is_blank_and_grey(edited):
    _, wb = edited
    ws = wb[L.REPORT_SHEET]
    assert ws["V3"].value == "事業コード"
    assert ws["V4"].value is None and ws["V4"].protection.locked
    assert ws["V4"].fill.fgColor.rgb == "FF" + X.GREY[1:]
    assert [dv for dv in ws.data_validations.dataValidation if "V4" in dv.sqref] == []


def test_the_guide_lists_the_added_inputs(edited):
    _, wb = edited
    steps = [c.value for c in wb[L.GUIDE_SHEET]["A"] if isinstance(c.value, str) and "予算額（千円）" in c.value]
    assert len(steps) == 1 and "連絡先（内線）、歳入増 見込（千円）" in steps[0]
    assert steps[0].index("効果額の算定根拠") < steps[0].index("予算額（千円）") < steps[0].index("実施方法")
    assert "事業コード" not in steps[0] and "達成度" not in steps[0]  # locked; asked in 下期


def test_the_added_columns_still_print_one_page_wide_at_8pt(edited):
    cfg, wb = edited
    ws = wb[L.REPORT_SHEET]
    assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$3:$3"
    printable = (297 / 25.4 - 2 * MARGIN) * 72
    columns = DW.workspace_form(cfg).columns(DW.REPORT_TABLE)
    assert len(columns) == len(L.REPORT_COLUMNS) + 4
    sheet = sum(int(c.width * 7 + 5) for c in columns) * 0.75
    assert X.FONT_SIZE * min(1.0, printable / sheet) >= 8


def test_the_form_names_its_definition_which_is_archived(edited):
    cfg, wb = edited
    form = DW.workspace_form(cfg)
    assert form.sha256 != DW.builtin_definition().sha256
    pairs = meta(wb)
    assert pairs[L.FORM_SHA256_KEY] == form.sha256
    keys = [r[0] for r in wb[L.META_SHEET].iter_rows(min_row=2, max_row=len(L.META_KEYS) + 2, values_only=True)]
    assert keys == [*L.META_KEYS, L.FORM_SHA256_KEY]  # after the existing keys
    archived = cfg.outbox_dir / "definitions" / f"{form.sha256}.json"
    assert archived.is_file()
    assert DW.form_by_sha(cfg, form.sha256).columns(DW.REPORT_TABLE) == form.columns(DW.REPORT_TABLE)


def test_a_form_of_the_built_in_definition_has_no_form_sha256(workspace, mini_plan):
    issue_forms(workspace, H1)
    wb = openpyxl.load_workbook(form_path(workspace, FIN))
    assert L.FORM_SHA256_KEY not in meta(wb)
    assert not (workspace.outbox_dir / "definitions").exists()
