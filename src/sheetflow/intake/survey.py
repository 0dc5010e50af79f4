"""A survey's (庁内照会) department workbook read back (form_kind=survey in _meta; forms/survey.py writes it).

Order, as for department forms: file-level safety (safety.py, before any parser) → values (calamine) →
_meta: a survey's form, unedited, of the expected survey, of a definition the workspace has → per table:
its sheet, its header row, rows beyond the form's (added) → 既定行 rows against their fingerprints → the
rows in use (単一: its row; 自由行: a row with any input filled; 既定行: every row) read input by input by
the field's type, then 必須. Bad files never raise: every problem is a Finding at シート!セル naming the 見出し.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineError

from sheetflow import messages as msg
from sheetflow.definition.model import Field, FormDefinition, Table
from sheetflow.forms import layout as L
from sheetflow.forms import read as formread
from sheetflow.forms import survey as S
from sheetflow.forms.council import KIND as COUNCIL_KIND
from sheetflow.ground.config import Config
from sheetflow.ground.findings import Finding, Findings
from sheetflow.intake import entries as E
from sheetflow.intake import headers, safety, zipparts
from sheetflow.intake.fields import read_defined, required_now
from sheetflow.intake.read import FAILED, guarded

FormLookup = Callable[[str], FormDefinition | None]  # a definition by its SHA-256 (None: not archived)
TableRows = list[tuple[int, dict[str, object]]]  # (1-based Excel row, 項目ID → value) of the rows in use


@dataclass(frozen=True)
class SurveyReturn:
    """What a department's survey workbook holds once checked: its rows in use per table id, and every finding
    (rows is empty when the file cannot be used)."""

    department: str
    rows: dict[str, TableRows]
    findings: list[Finding]


def read_survey(path: Path, forms: FormLookup, expected_survey_id: str,
                max_file_mb: float = Config.max_file_mb) -> SurveyReturn:
    """Check one returned survey workbook. Never raises for a bad file. forms: the workspace's definitions by
    SHA-256 (`lambda sha: DW.form_by_sha(cfg, sha)`); max_file_mb: sheetflow.toml's limit."""
    f = Findings(path.name)
    try:
        data, size = safety.read_capped(path, int(max_file_mb * zipparts.MB))
    except OSError:
        f.add("file.unreadable", error=msg.INTAKE_REASON_OPEN)
        return SurveyReturn("", {}, f.items)
    got = guarded(f, lambda: _read_checked(f, data, size, max_file_mb, (forms, expected_survey_id)))
    return SurveyReturn("", {}, f.items) if got is FAILED else got


def _read_checked(f: Findings, data: bytes | None, size: int, max_file_mb: float, want: tuple) -> SurveyReturn:
    """The checks of a file read within its size limit: the package, _meta and the survey, then its rows
    (want: the definitions by SHA-256 and the survey expected)."""
    forms, expected_survey_id = want
    fc = safety.check_bytes(data or b"", f.file, size, max_file_mb)
    f.items += fc.findings
    if not fc.ok or data is None:
        return SurveyReturn("", {}, f.items)
    try:
        values = formread.read_values(data)
    except (CalamineError, ValueError, OSError):
        f.add("file.damaged", detail=msg.PACKAGE_DAMAGED_VALUES)
        return SurveyReturn("", {}, f.items)
    meta, form = identify(f, values, forms, expected_survey_id)
    department = meta.pairs.get("department", "") if meta is not None else ""
    if meta is None or form is None:
        return SurveyReturn(department, {}, f.items)
    inputs = {t.sheet: {i for i, c in enumerate(S.sheet_columns(form, t)) if c.input} for t in form.tables}
    marks = E.cell_marks(fc.package, list(inputs), inputs)
    identity = S.survey_identity(meta.pairs.get("survey_id", ""), meta.pairs.get("survey_version", ""), department)
    rows = {t.id: table_rows(f, values, form, t, (identity, meta, marks)) for t in form.tables}
    return SurveyReturn(department, rows, f.items)


def identify(f: Findings, values: formread.WorkbookValues, forms: FormLookup,
             expected: str) -> tuple[formread.Meta | None, FormDefinition | None]:
    """The form's _meta and definition; definition None (with its finding) when the file is not this survey's."""
    rows = values.sheets.get(L.META_SHEET)
    if rows is None:
        f.add("meta.missing")
        return None, None
    meta = formread.parse_meta(rows)
    kind = meta.pairs.get("form_kind", "")
    if kind != S.KIND:
        found = msg.SURVEY_FOUND_COUNCIL if kind == COUNCIL_KIND else msg.SURVEY_FOUND_PROGRESS
        f.add("survey.other_form", found=found, expected=expected)
        return meta, None
    if not meta.digest_ok or meta.problems:
        f.add("meta.edited")
        return meta, None
    if meta.pairs.get("survey_id", "") != expected:
        f.add("survey.other_survey", found=meta.pairs.get("survey_id", ""), expected=expected)
        return meta, None
    if meta.version != S.FORMAT_VERSION:
        f.add("identity.format", found=meta.version, expected=S.FORMAT_VERSION)
        return meta, None
    sha = meta.pairs.get(L.FORM_SHA256_KEY, "")
    form = forms(sha)
    if form is None:
        f.add("meta.unknown_form", sha=sha[:12], sheet=L.META_SHEET)
    return meta, form


def table_rows(f: Findings, values: formread.WorkbookValues, form: FormDefinition, t: Table, ctx: tuple) -> TableRows:
    """The rows in use of one table's sheet, each input read by its type (ctx: fingerprint identity, _meta,
    the input cells holding formulas or error values)."""
    identity, meta, marks = ctx
    if t.sheet not in values.sheets:
        f.add("sheet.missing", sheet=t.sheet)
        return []
    columns = S.sheet_columns(form, t)
    headers.check_table(f, values, t.sheet, columns)
    sheet = values.sheets[t.sheet]
    keyed = t.mode == msg.DEF_MODE_KEYED
    places = ([(r, key, fp) for s, r, key, fp in meta.table if s == t.sheet] if keyed
              else [(L.FIRST_DATA_ROW + 1 + i, "", "") for i in range(S.blank_rows(t))])
    _added_rows(f, t.sheet, sheet, L.FIRST_DATA_ROW + len(places))
    out = []
    for excel_row, key, fp in places:
        row = [*(sheet[excel_row - 1] if excel_row <= len(sheet) else []), *[None] * len(columns)]
        if keyed and S.row_fingerprint(identity, t, columns, row) != fp:
            f.add("survey.locked_edited", sheet=t.sheet, cell=L.a1(excel_row - 1, 0), row=excel_row,
                  key=f"{form.field(t.id, t.key).header if t.key else ''}「{key}」")
            continue
        if t.mode == msg.DEF_MODE_LIST and not any(L.cell_text(row[i]).strip() for i, c in enumerate(columns)
                                                   if c.input):
            continue
        out.append((excel_row, _entry(f, form, t, columns, (excel_row, row), marks)))
    return out


def _added_rows(f: Findings, sheet: str, rows: list[list[object]], last: int) -> None:
    """rows.added for every filled row below the form's last data row (0-based `last` is the first after)."""
    for r in range(last, len(rows)):
        if any(L.cell_text(v).strip() for v in rows[r]):
            f.add("rows.added", sheet=sheet, cell=L.a1(r, 0), row=r + 1)


def _entry(f: Findings, form: FormDefinition, t: Table, columns: tuple[Field, ...], at: tuple[int, list[object]],
           marks: dict) -> dict[str, object]:
    """One row in use: locked values as the form holds them, inputs read by type, then 必須."""
    excel_row, row = at
    entry: dict[str, object] = {}
    skip: set = set()
    for c, col in enumerate(columns):
        if not col.input:
            entry[col.key] = S.typed(form, col, row[c])
            continue
        where = {"sheet": t.sheet, "cell": L.a1(excel_row - 1, c), "item_no": None}
        mark = marks.get((t.sheet, excel_row - 1, c), E.NO_MARK)
        usable = E.usable_input(f, mark, row[c], col.header, where)
        entry[col.key] = read_defined(f, form, col, row[c], where, skip) if usable else None
        if mark != E.NO_MARK:  # reported already (an error value, or a formula): no 必須 finding on top
            skip.add((t.sheet, where["cell"]))
    _required(f, form, t, columns, (excel_row, entry), skip)
    return entry


def _required(f: Findings, form: FormDefinition, t: Table, columns: tuple[Field, ...],
              at: tuple[int, dict[str, object]], skip: set) -> None:
    """field.required (○) and field.required_when (a condition on another field) of one row in use."""
    excel_row, entry = at
    for c, col in enumerate(columns):
        cell = L.a1(excel_row - 1, c)
        if not col.input or entry.get(col.key) not in (None, "") or (t.sheet, cell) in skip:
            continue
        need = required_now(form, t.id, col, entry)
        if need is not None and need[0]:
            f.add("field.required_when", sheet=t.sheet, cell=cell, field=col.header,
                  other=form.field(t.id, need[0]).header, value=need[1])
        elif need is not None:
            f.add("field.required", sheet=t.sheet, cell=cell, field=col.header)
