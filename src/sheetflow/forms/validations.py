"""The data validations of a department workbook's input columns and the hidden sheet _lists they draw on.

By the field's type (types.FieldType.validation): a 選択 list kept in _lists, whole numbers, decimals, dates,
a length limit. The built-in 進捗状況, 達成度 and 効果額 keep their own wording (keyed by field id), and 実績値
is bounded per indicator (≥ 0 unless the KPI allows negatives).
"""

from __future__ import annotations

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import Field
from sheetflow.forms import layout as L
from sheetflow.forms.model import AMOUNT_FIELDS
from sheetflow.forms.sheets import FormSpec
from sheetflow.plan.model import Kpi

ANY_NUMBER = 9.99e307  # bounds of the "any decimal" validation when negative actuals are allowed
ACTUAL_FIELD = "actual"  # the built-in KPI 実績値: its bounds depend on the indicator (validate_kpis)
# Excel refuses an input title over 32 characters and an input or error message over 255 (xlsxwriter then
# drops the whole validation): a long 見出し or 説明 of an edited definition is cut to fit, a scale's error
# that would not fit names no labels.
_TITLE_MAX, _MESSAGE_MAX = 32, 255


def validate_fields(ws: Worksheet, spec: FormSpec, table_id: str, count: int) -> None:
    """The data validation of each input column this form asks for, over its `count` data rows."""
    if not count:
        return
    first, last = L.FIRST_DATA_ROW, L.FIRST_DATA_ROW + count - 1
    closed = spec.closed(table_id)
    for c, col in enumerate(spec.columns(table_id)):
        options = field_validation(spec, table_id, col) if col.input and col.key not in closed else None
        if options:
            ws.data_validation(first, c, last, c, options)


def field_validation(spec: FormSpec, table_id: str, col: Field) -> dict | None:
    """One input column's validation (xlsxwriter options) by the field's type: a 選択 list kept in _lists,
    whole numbers, decimals, dates, a length limit. The built-in 進捗状況, 達成度 and 効果額 keep their own
    wording (keyed by field id); 実績値 is set per indicator by validate_kpis."""
    if table_id == DW.REPORT_TABLE and col.key in (DW.STATUS_FIELD, DW.GRADE_FIELD):
        return _scale_validation(spec, col)
    if table_id == DW.REPORT_TABLE and col.key in AMOUNT_FIELDS:
        return {"validate": "integer", "criteria": ">=", "value": 0,
                **_messages(col, msg.EFFECT_ERROR_TITLE, msg.EFFECT_ERROR)}
    if table_id == DW.KPI_TABLE and col.key == ACTUAL_FIELD:
        return None
    source = list_source(choice_lists(spec), col.ftype.list_name) if col.ftype.list_name else ""
    options = col.ftype.validation(col.header, col.limits(spec.form.choice_values(col)), source)
    return {**options, **prompt_options(col)} if options else None


_SCALE_ERRORS = {DW.STATUS_FIELD: (msg.FORMS_STATUS_ERROR_TITLE, msg.FORMS_STATUS_ERROR, msg.FORMS_STATUS_ERROR_SHORT),
                 DW.GRADE_FIELD: (msg.GRADE_ERROR_TITLE, msg.GRADE_ERROR, msg.GRADE_ERROR_SHORT)}


def _scale_validation(spec: FormSpec, col: Field) -> dict:
    """A dropdown of the progress or 達成度 scale; the error names the labels when it fits."""
    title, error, short = _SCALE_ERRORS[col.key]
    lists = choice_lists(spec)
    error = error.format(labels=msg.FORMS_LABEL_SEPARATOR.join(lists[col.ftype.list_name]))
    return {"validate": "list", "source": list_source(lists, col.ftype.list_name),
            **_messages(col, title, error if len(error) <= _MESSAGE_MAX else short)}


def choice_lists(spec: FormSpec) -> dict[str, list[str]]:
    """The lists _lists holds, one a column from A: the progress scale and the 達成度 scale (as sheetflow.toml or
    the definition says), then every other 選択 list an input field of the form uses."""
    form = spec.form
    status, grade = (form.field(DW.REPORT_TABLE, key).ftype.list_name for key in (DW.STATUS_FIELD, DW.GRADE_FIELD))
    lists = {status: [s.label for s in DW.statuses(spec.cfg, form)],
             grade: [g.label for g in DW.grades(spec.cfg, form)]}
    for f in form.fields:
        if f.input and f.ftype.list_name and f.ftype.list_name not in lists:
            lists[f.ftype.list_name] = list(form.choice_values(f))
    return lists


def list_source(lists: dict[str, list[str]], list_name: str) -> str:
    """The cell range of _lists (written by write_lists) holding a choice list, as a list validation's source."""
    letter = L.a1(0, list(lists).index(list_name)).rstrip("0123456789")
    return f"='{L.LISTS_SHEET}'!${letter}$1:${letter}${len(lists[list_name])}"


def validate_kpis(ws: Worksheet, spec: FormSpec, kpis: list[Kpi]) -> None:
    """Decimal validation on 実績値 (≥ 0 unless the KPI allows negatives), then the other inputs by type."""
    if not kpis:
        return
    first = L.FIRST_DATA_ROW
    columns = spec.columns(DW.KPI_TABLE)
    actual = L.col_index(columns, ACTUAL_FIELD)
    for start, end, negative in _runs([k.allow_negative for k in kpis]):
        rule = ({"criteria": "between", "minimum": -ANY_NUMBER, "maximum": ANY_NUMBER} if negative
                else {"criteria": ">=", "value": 0})
        error = msg.FORMS_ACTUAL_ERROR_NEGATIVE if negative else msg.FORMS_ACTUAL_ERROR
        ws.data_validation(first + start, actual, first + end, actual, {
            "validate": "decimal", **rule, **_messages(columns[actual], msg.FORMS_ACTUAL_ERROR_TITLE, error)})
    validate_fields(ws, spec, DW.KPI_TABLE, len(kpis))


def prompt_options(col: Field) -> dict:
    """A cell's input message: the field's 見出し and 説明, cut to what Excel keeps (else it drops the rule)."""
    return {"input_title": col.header[:_TITLE_MAX], "input_message": col.prompt[:_MESSAGE_MAX], "ignore_blank": True}


def _messages(col: Field, error_title: str, error: str) -> dict:
    return {**prompt_options(col), "error_type": "stop", "error_title": error_title, "error_message": error}


def _runs(flags: list[bool]) -> list[tuple[int, int, bool]]:
    """Consecutive runs of equal flags as (first index, last index, flag)."""
    runs: list[tuple[int, int, bool]] = []
    for i, flag in enumerate(flags):
        if runs and runs[-1][2] == flag:
            runs[-1] = (runs[-1][0], i, flag)
        else:
            runs.append((i, i, flag))
    return runs


# --- hidden sheet --------------------------------------------------------------------------------

def write_lists(wb: Workbook, lists: dict[str, list[str]], password: str) -> None:
    """The very hidden, protected _lists sheet: each list a column from A (the dropdowns' source)."""
    ws = wb.add_worksheet(L.LISTS_SHEET)
    for c, labels in enumerate(lists.values()):
        for r, label in enumerate(labels):
            ws.write_string(r, c, label)
    ws.very_hidden()
    ws.protect(password)
