"""A survey's (庁内照会) department workbook: 記入方法, one sheet per table of the definition, _lists, _meta.

The definition decides everything: each table is a sheet (title, note, header, data from layout's rows), its
行モード decides the rows — 単一 one input row, 自由行 最大行数 blank input rows, 既定行 the department's
pre-filled rows (from 既定データ, handed in as plain data) whose キー and 編集不可 columns are locked, grey and
fingerprinted in _meta. Inputs are yellow, validated by their type (definition.types) with 説明 as prompt.
intake/survey.py reads it back.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from xlsxwriter.worksheet import Worksheet

from sheetflow import __version__
from sheetflow import messages as msg
from sheetflow.definition.model import Field, FormDefinition, Table
from sheetflow.forms import layout as L
from sheetflow.forms import read as formread
from sheetflow.forms.sheets import PROTECT_OPTIONS, FormStyles, clean_text, write_data_sheet, write_meta
from sheetflow.forms.validations import list_source, prompt_options, write_lists
from sheetflow.ground import xlsx

KIND = "survey"  # _meta form_kind
FORMAT_VERSION = "s1"
GUIDE_WIDTHS = (16, 90)
@dataclass(frozen=True)
class SurveySpec:
    """One department's survey workbook: the definition, the department, its pre-filled rows per table
    (table id → rows of 項目ID → text, from 既定データ), the sheets' password and when it was made."""

    form: FormDefinition
    department: str
    defaults: dict[str, list[dict[str, str]]]
    password: str
    generated_at: datetime  # timezone-aware

    @property
    def survey_id(self) -> str:
        return self.form.settings.get(msg.DEF_SETTING_SURVEY_ID, "")

    @property
    def identity(self) -> tuple[str, str, str]:
        return survey_identity(self.survey_id, self.form.version, self.department)

    def setting(self, key: str) -> str:
        return self.form.settings.get(key, "")


def survey_identity(survey_id: str, version: str, department: str) -> tuple[str, str, str]:
    """What every row fingerprint is bound to: the survey, its 版 and the department."""
    return (survey_id, version, department)


# --- the tables' columns and rows ---------------------------------------------------------------------

def sheet_columns(form: FormDefinition, table: Table) -> tuple[Field, ...]:
    """A table's columns as the sheet has them: in a 既定行 table the キー is locked even when not 編集不可."""
    keyed = table.mode == msg.DEF_MODE_KEYED
    return tuple(replace(f, input=False) if keyed and f.key == table.key else f for f in form.columns(table.id))


def locked_at(columns: tuple[Field, ...]) -> list[int]:
    """0-based positions of the locked (fingerprinted) columns."""
    return [i for i, c in enumerate(columns) if not c.input]


def row_fingerprint(identity: tuple[str, ...], table: Table, columns: tuple[Field, ...], row: list[object]) -> str:
    """The fingerprint of a sheet row as it stands now (its locked cells)."""
    return L.fingerprint(identity, table.sheet, [row[i] if i < len(row) else None for i in locked_at(columns)])


def blank_rows(table: Table) -> int:
    """How many input rows a 単一 (1) or 自由行 (最大行数) sheet has; 既定行 has its department's rows."""
    return 1 if table.mode == msg.DEF_MODE_SINGLE else (table.max_rows or 0)


def typed(form: FormDefinition, f: Field, text: object) -> object:
    """A pre-filled value as the cell holds it: by the field's type (整数 "12" → 12), else as text."""
    reading = f.ftype.read(text, f.limits(form.choice_values(f)))
    value = text if reading.problem or reading.value is None else reading.value
    return clean_text(value) if isinstance(value, str) else value


# --- writing -----------------------------------------------------------------------------------------

def build_survey_form(spec: SurveySpec) -> bytes:
    """The workbook bytes, checked by reading them back as intake will."""
    buffer = io.BytesIO()
    wb = xlsx.new_workbook(buffer)
    st = FormStyles(wb)
    guide = wb.add_worksheet(L.GUIDE_SHEET)
    lists = survey_lists(spec.form)
    table: list[tuple[str, int, str, str]] = []
    for t in spec.form.tables:
        ws = wb.add_worksheet(t.sheet)
        table += _table_sheet(ws, st, spec, t, lists)
        _finish(ws, spec)
    _write_guide(guide, st, spec)
    _finish(guide, spec)
    write_lists(wb, lists, spec.password)
    pairs = meta_pairs(spec, table)
    write_meta(wb, L.meta_rows(pairs, table), spec.password)
    wb.set_properties({"title": spec.form.title, "author": spec.setting(msg.DEF_SETTING_SENDER),
                       "created": spec.generated_at.astimezone(UTC)})
    wb.close()
    data = buffer.getvalue()
    _self_check(data, spec, pairs, table)
    return data


def meta_pairs(spec: SurveySpec, table: list[tuple[str, int, str, str]]) -> dict[str, str]:
    """_meta's keys: layout's (no plan or period: left empty), then the survey's identity and definition."""
    return {"format_version": FORMAT_VERSION, "plan_id": "", "plan_version": "", "period": "",
            "department": spec.department,
            "generated_at": spec.generated_at.isoformat(timespec="seconds"), "sheetflow_version": __version__,
            "row_count": str(len(table)), "kpi_count": "0", "form_kind": KIND, "survey_id": spec.survey_id,
            "survey_version": spec.form.version, L.FORM_SHA256_KEY: spec.form.sha256}


def _table_sheet(ws: Worksheet, st: FormStyles, spec: SurveySpec, t: Table,
                 lists: dict[str, list[str]]) -> list[tuple[str, int, str, str]]:
    """One table's sheet; returns its fingerprinted rows (sheet, Excel row, key, fingerprint)."""
    columns = sheet_columns(spec.form, t)
    keyed = t.mode == msg.DEF_MODE_KEYED
    rows = [{k: typed(spec.form, spec.form.field(t.id, k), v) for k, v in row.items() if v not in (None, "")}
            for row in (spec.defaults.get(t.id, []) if keyed else [{}] * blank_rows(t))]
    locked = [[row.get(columns[i].key) for i in locked_at(columns)] for row in rows]
    title = msg.SURVEY_SHEET_TITLE.format(title=spec.form.title, sheet=t.sheet)
    note = msg.SURVEY_SHEET_NOTE.format(department=spec.department, deadline=spec.setting(msg.DEF_SETTING_DEADLINE))
    excel_rows = write_data_sheet(ws, st, columns, title, note, locked, (t.key if keyed else "") or columns[0].key)
    xlsx.wrapped_note(ws, L.NOTE_ROW, note, [c.width for c in columns], st.text)  # a narrow table's note prints whole
    for r, row in zip(excel_rows, rows, strict=True):
        for c, col in enumerate(columns):
            if col.input and row.get(col.key) is not None:
                xlsx.write_value(ws, r - 1, c, row[col.key], st.input_num if col.ftype.numeric else st.input)
    _validate(ws, spec.form, columns, len(rows), lists)
    if not keyed:
        return []
    return [(t.sheet, r, L.cell_text(row.get(t.key)), L.fingerprint(spec.identity, t.sheet, values))
            for r, row, values in zip(excel_rows, rows, locked, strict=True)]


def _validate(ws: Worksheet, form: FormDefinition, columns: tuple[Field, ...], count: int,
              lists: dict[str, list[str]]) -> None:
    """Each input column's validation by its type over its rows, 説明 as the input message."""
    if not count:
        return
    first, last = L.FIRST_DATA_ROW, L.FIRST_DATA_ROW + count - 1
    for c, col in enumerate(columns):
        if not col.input:
            continue
        source = list_source(lists, col.ftype.list_name) if col.ftype.list_name else ""
        options = col.ftype.validation(col.header, col.limits(form.choice_values(col)), source) or {"validate": "any"}
        ws.data_validation(first, c, last, c, {**options, **prompt_options(col)})


def survey_lists(form: FormDefinition) -> dict[str, list[str]]:
    """The 選択 lists the inputs use, one a column of _lists."""
    return {f.ftype.list_name: list(form.choice_values(f)) for f in form.fields if f.input and f.ftype.list_name}


def guide_lines(spec: SurveySpec) -> list[str]:
    """Per table: what to fill and which columns are inputs (required ones named)."""
    lines = []
    for t in spec.form.tables:
        columns = sheet_columns(spec.form, t)
        inputs = msg.SURVEY_LABEL_SEPARATOR.join(c.header for c in columns if c.input) or msg.SURVEY_GUIDE_NONE
        locked = msg.SURVEY_LABEL_SEPARATOR.join(c.header for c in columns if not c.input)
        text = {msg.DEF_MODE_SINGLE: msg.SURVEY_GUIDE_SINGLE, msg.DEF_MODE_LIST: msg.SURVEY_GUIDE_LIST}.get(
            t.mode, msg.SURVEY_GUIDE_KEYED).format(sheet=t.sheet, inputs=inputs, locked=locked, max_rows=t.max_rows,
                                                   count=len(spec.defaults.get(t.id, [])))
        required = [c.header for c in columns if c.input and c.required is not None]
        lines.append(text + (msg.SURVEY_GUIDE_REQUIRED.format(fields=msg.SURVEY_LABEL_SEPARATOR.join(required))
                             if required else ""))
    return lines


def _write_guide(ws: Worksheet, st: FormStyles, spec: SurveySpec) -> None:
    """記入方法: 件名, 部署, 回答期限, 照会元, the steps, then one line per table."""
    for c, width in enumerate(GUIDE_WIDTHS):
        ws.set_column(c, c, width)
    ws.write_string(0, 0, msg.SURVEY_GUIDE_TITLE.format(title=spec.form.title), st.title)
    ws.set_row(0, 24)
    facts = (spec.form.title, spec.department, spec.setting(msg.DEF_SETTING_DEADLINE),
             spec.setting(msg.DEF_SETTING_SENDER))
    r = 2
    for label, value in zip(msg.SURVEY_GUIDE_LABELS, facts, strict=True):
        ws.write_string(r, 0, label, st.header)
        ws.write_string(r, 1, value, st.cell)
        r += 1
    r += 1
    for n, step in enumerate(msg.SURVEY_GUIDE_STEPS, start=1):
        ws.write_string(r, 0, f"{n}. {step}", st.text)
        r += 1
    ws.write_string(r + 1, 0, msg.SURVEY_GUIDE_SHEETS, st.header)
    for n, line in enumerate(guide_lines(spec), start=r + 2):
        ws.merge_range(n, 0, n, 1, line, st.text)
        ws.set_row(n, xlsx.fitted_height([(line, sum(GUIDE_WIDTHS))]))


def _finish(ws: Worksheet, spec: SurveySpec) -> None:
    """A4 landscape, one page wide, the header row on every page; protected as department forms are."""
    header = msg.SURVEY_PAGE_HEADER.format(title=spec.form.title, department=spec.department)
    xlsx.page_setup(ws, header, repeat_rows=None if ws.name == L.GUIDE_SHEET else (L.HEADER_ROW, L.HEADER_ROW))
    ws.protect(spec.password, PROTECT_OPTIONS)


def _self_check(data: bytes, spec: SurveySpec, pairs: dict[str, str], table: list[tuple[str, int, str, str]]) -> None:
    values = formread.read_values(data)
    meta = formread.parse_meta(values.sheets.get(L.META_SHEET, []))
    problems = formread.meta_problems(meta, pairs)
    tables = {t.sheet: t for t in spec.form.tables}
    for sheet, r, _, fp in table:
        rows, t = values.sheets.get(sheet, []), tables[sheet]
        row = rows[r - 1] if r <= len(rows) else []
        if row_fingerprint(spec.identity, t, sheet_columns(spec.form, t), row) != fp:
            problems.append(f"{sheet}:{r}")
    if problems:
        raise msg.DataError(msg.SURVEY_SELF_CHECK_FAILED.format(problems=", ".join(problems)))
