"""Fields added in a workspace's own form definition are read by intake with no Python change: by their type
(整数 with 最小, 日付, 選択:<own list>), their 必須 (○, or a value of another field), with exact findings at
their cells, into the Submission's frames typed; a form made from a definition this workspace does not have
is refused at _meta.

The workspace uses 様式定義.yaml: the built-in definition plus four 進捗報告 fields and a list. The forms are
written by the forms writer (the new columns after the built-in ones, _meta form_sha256) and filled with
openpyxl like a department would.
"""

from __future__ import annotations

import io
from pathlib import Path

import badfiles as B
import pytest
from definitions import edited_definition
from openpyxl import load_workbook

from sheetflow.definition import workspace as DW
from sheetflow.definition.model import FormDefinition
from sheetflow.forms import layout as L
from sheetflow.forms.read import parse_meta
from sheetflow.ground.config import Config, load_config
from sheetflow.ground.findings import Findings
from sheetflow.intake import entries as E
from sheetflow.intake import read as intake
from sheetflow.intake import returns, schema_checks
from sheetflow.intake.fields import sheets_of
from sheetflow.intake.model import frame_columns

FIELDS = [
    {"表ID": "report", "項目ID": "budget", "見出し": "予算額（千円）", "型": "整数", "最小": 0, "集計": "合計", "公表": "○",
     "幅": 8},
    {"表ID": "report", "項目ID": "due", "見出し": "完了予定日", "型": "日付", "幅": 8},
    {"表ID": "report", "項目ID": "category", "見出し": "事業区分", "型": "選択:事業区分", "必須": "○", "幅": 8},
    {"表ID": "report", "項目ID": "recovery", "見出し": "挽回策", "型": "文字", "必須": "status=遅れ", "最大文字数": 200,
     "幅": 12},
]
CHOICES = [{"リスト名": "事業区分", "値": "新規"}, {"リスト名": "事業区分", "値": "継続"}]
NEW_KEYS = ("budget", "due", "category", "recovery")
GOOD = {"budget": 1200, "due": "2025/9/30", "category": "継続"}  # item 2 (遅れ) also gets its 挽回策


@pytest.fixture
def cfg(workspace: Config) -> Config:
    """The mini-plan workspace with form = "様式定義.yaml" (the built-in definition + FIELDS + CHOICES)."""
    edited_definition(workspace.root / "様式定義.yaml", FIELDS, CHOICES)
    toml = workspace.root / "sheetflow.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'form = "様式定義.yaml"\n', encoding="utf-8")
    return load_config(workspace.root)


def defined_form(plan, cfg: Config, sha: str | None = None) -> bytes:
    """The workspace's form as the writer makes it; with sha, its _meta names that definition instead."""
    data = B.form(plan, cfg)
    if sha is None:
        return data
    wb = load_workbook(io.BytesIO(data))
    ws = wb[L.META_SHEET]
    meta = parse_meta([list(r) for r in ws.iter_rows(values_only=True)])
    ws.delete_rows(1, ws.max_row)
    for row in L.meta_rows({**meta.pairs, L.FORM_SHA256_KEY: sha}, meta.table):
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def submit(tmp_path: Path, plan, cfg: Config, item1: dict, item2: dict | None = None, sha: str | None = None):
    """The form filled well (B.GOOD_REPORTS, GOOD in the new fields), with item 1's (and 2's) cells as given."""
    reports = {no: {**values, **GOOD} for no, values in B.GOOD_REPORTS.items()}
    reports[1].update(item1)
    reports[2].update({"recovery": "応募期間を延長する。", **(item2 or {})})
    data = _fill(defined_form(plan, cfg, sha), reports, DW.workspace_form(cfg))
    return intake.read_submission(B.write(tmp_path / "inbox", "財政課.xlsx", data), plan, cfg,
                                  expected_period=B.PERIOD)


def _fill(data: bytes, reports: dict, form: FormDefinition) -> bytes:
    data = B.fill(data, {no: {k: v for k, v in r.items() if k not in NEW_KEYS} for no, r in reports.items()},
                  B.GOOD_KPIS)
    wb = load_workbook(io.BytesIO(data))
    ws = wb[L.REPORT_SHEET]
    keys = [f.key for f in form.columns(DW.REPORT_TABLE)]
    for no, values in reports.items():
        for key in NEW_KEYS:
            ws.cell(B.row_of(ws, str(no)), keys.index(key) + 1).value = values.get(key)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def found(sub) -> list[tuple[str, str, str, str]]:
    return [(f.severity, f.code, f.where, f.message) for f in sub.findings]


def of(sub, *codes: str) -> list[tuple[str, str, str, str]]:
    return [f for f in found(sub) if f[1] in codes]


def test_a_well_filled_form_is_accepted_and_its_new_fields_are_typed(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, mini_plan, cfg, {})
    assert sub.accepted, found(sub)
    reports = sub.reports
    assert list(reports.columns) == ["no", "status", "result", "issues", "reporter", "phone", "revenue", "saving",
                                     "basis", "grade", "budget", "due", "category", "recovery", "response"]
    row = reports.loc[reports["no"] == 1].iloc[0]
    assert type(row["budget"]) is int and row["budget"] == 1200
    assert (row["due"], row["category"], row["recovery"]) == ("2025-09-30", "継続", "")
    assert reports.loc[reports["no"] == 2, "recovery"].item() == "応募期間を延長する。"
    assert of(sub, "field.date") == [
        ("normalised", "field.date", "進捗報告!T4", "「完了予定日」の「2025/9/30」を日付 2025-09-30 として読み込みました。"),
        ("normalised", "field.date", "進捗報告!T5", "「完了予定日」の「2025/9/30」を日付 2025-09-30 として読み込みました。")]


def test_text_in_a_whole_number_field_is_refused_at_its_cell(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, mini_plan, cfg, {"budget": "abc"})
    assert not sub.accepted
    assert of(sub, "field.not_integer") == [
        ("error", "field.not_integer", "進捗報告!S4",
         "「予算額（千円）」の「abc」を整数として読めません。0以上の整数だけを記入してください。")]
    assert sub.reports.loc[sub.reports["no"] == 1, "budget"].item() is None


def test_a_negative_value_is_out_of_range(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, mini_plan, cfg, {"budget": -1})
    assert [f for f in found(sub) if f[0] == "error"] == [
        ("error", "field.out_of_range", "進捗報告!S4", "「予算額（千円）」の -1 は範囲の外です。0以上の値を記入してください。")]


def test_full_width_digits_are_read_and_recorded(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, mini_plan, cfg, {"budget": "１,２００"})
    assert sub.accepted, found(sub)
    assert of(sub, "field.number") == [
        ("normalised", "field.number", "進捗報告!S4", "「予算額（千円）」の「１,２００」を 1200 として読み込みました。")]
    assert sub.report_rows[0][1]["budget"] == 1200 and type(sub.report_rows[0][1]["budget"]) is int


def test_a_date_and_a_choice_that_cannot_be_read(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, mini_plan, cfg, {"due": "来年", "category": "廃止"})
    assert of(sub, "field.not_date", "field.not_choice", "field.required") == [
        ("error", "field.not_date", "進捗報告!T4", "「完了予定日」の「来年」を日付として読めません。2025/9/30 のように記入してください。"),
        ("error", "field.not_choice", "進捗報告!U4",
         "「事業区分」の「廃止」は選択肢にありません。新規・継続 のいずれかを一覧から選んでください。")]


def test_required_rules_come_from_the_definition(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, mini_plan, cfg, {"category": None}, {"recovery": None})
    assert of(sub, "field.required", "field.required_when") == [
        ("error", "field.required", "進捗報告!U4", "「事業区分」は必須です。記入してください。"),
        ("error", "field.required_when", "進捗報告!V5", "「進捗状況」が「遅れ」のときは「挽回策」を記入してください。")]


def test_built_in_required_rules_keep_their_wording(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, mini_plan, cfg, {"status": None}, {"issues": None})
    assert of(sub, "status.missing", "issues.required") == [
        ("error", "status.missing", "進捗報告!I4", "「進捗状況」が未記入です。一覧から選んでください。"),
        ("error", "issues.required", "進捗報告!K5", "進捗状況が「遅れ」のときは「課題・今後の対応」を記入してください。")]


def test_a_form_from_a_definition_this_workspace_does_not_have_is_refused(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, mini_plan, cfg, {}, sha="0" * 64)
    assert found(sub) == [
        ("error", "meta.unknown_form", "_meta",
         "このファイルは、この作業フォルダにない様式定義（000000000000…）から作られた様式のため読み込めません。"
         "担当から最新の様式を受け取り、それに記入して送ってください。")]
    assert sub.readable and not sub.accepted


def test_the_schema_checks_a_defined_field_as_its_type_does(cfg) -> None:
    """A value that reached the frame unread (as a bug would let through) is refused by the pandera schema
    with the same finding and cell the reading gives."""
    fs = sheets_of(DW.workspace_form(cfg))
    columns = frame_columns(fs.form)
    entry = {key: "" for key in columns.report} | {"no": 1, "status": "順調", "category": "継続", "budget": -1,
                                                     "revenue": None, "saving": None}
    reports = E.report_batch([([entry], [4])], columns)
    kpis = E.kpi_batch([([], [])], columns)
    f = Findings("財政課.xlsx")
    schema_checks.schema_findings([f], reports, kpis, cfg, {}, fs)
    assert [(x.code, x.where, x.message) for x in f.items] == [
        ("field.out_of_range", "進捗報告!S4", "「予算額（千円）」の -1 は範囲の外です。0以上の値を記入してください。")]


def test_a_form_out_is_read_with_the_definition_it_was_made_from(tmp_path, mini_plan, cfg) -> None:
    """The office edits its definition after the forms went out (予算額 now at most 1000, 挽回策 gone): a
    returned form is still read with its own, archived definition."""
    made_from = DW.workspace_form(cfg)
    DW.archive_form(cfg, made_from)
    data = defined_form(mini_plan, cfg)
    edited_definition(cfg.root / "様式定義.yaml", [{**FIELDS[0], "最大": 1000}, *FIELDS[1:3]], CHOICES)
    assert DW.workspace_form(cfg).sha256 != made_from.sha256
    reports = {no: {**values, **GOOD, "recovery": "応募期間を延長する。"} for no, values in B.GOOD_REPORTS.items()}
    data = _fill(data, reports, made_from)
    sub = intake.read_submission(B.write(tmp_path / "inbox", "財政課.xlsx", data), mini_plan, cfg,
                                 expected_period=B.PERIOD)
    assert sub.accepted, found(sub)
    assert sub.report_rows[0][1]["budget"] == 1200 and "recovery" in sub.reports.columns


def test_the_return_workbook_keeps_what_the_department_typed_in_defined_fields(tmp_path, mini_plan, cfg) -> None:
    """The 差戻し workbook is the form of the same definition with their entries: a refused 予算額 as typed,
    marked with its finding; the other defined values as read."""
    sub = submit(tmp_path, mini_plan, cfg, {"budget": "abc"})
    ws = load_workbook(returns.write_return(sub, mini_plan, cfg))[L.REPORT_SHEET]
    assert [ws[c].value.replace("\n", "") for c in ("S3", "T3", "U3", "V3")] == ["予算額（千円）", "完了予定日", "事業区分", "挽回策"]
    assert ws["S4"].value == "abc" and "整数として読めません" in ws["S4"].comment.text
    assert (ws["S5"].value, ws["T4"].value, ws["U4"].value, ws["V5"].value) == (
        1200, "2025-09-30", "継続", "応募期間を延長する。")
