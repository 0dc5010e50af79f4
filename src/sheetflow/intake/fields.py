"""The form a returned workbook was made from, as intake reads it: its definition, its sheets' columns, and
what a field without built-in meaning gets from its definition (read by its type, 必須).

A form from the built-in definition carries no `form_sha256` in _meta (every form of format 2–5); a form from
an edited definition names its SHA-256, and the workspace archived that definition when it wrote the form.
The built-in fields keep their own handling (status, 達成度, 効果額, 実績値, texts: entries and checks); every
other input is read by its type (definition.types), its changes and problem reported at its cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from sheetflow.definition import normalise as N
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import Field, FormDefinition, Requirement
from sheetflow.definition.types import Limits
from sheetflow.forms import layout as L
from sheetflow.ground.config import Config
from sheetflow.ground.findings import Findings

SHEET_TABLES = {L.REPORT_SHEET: DW.REPORT_TABLE, L.KPI_SHEET: DW.KPI_TABLE, L.OPINION_SHEET: DW.OPINION_TABLE}


def form_of(f: Findings, pairs: dict[str, str], cfg: Config) -> FormDefinition | None:
    """The definition the form was made from; None (meta.unknown_form) when this workspace does not have it."""
    sha = pairs.get(L.FORM_SHA256_KEY, "")
    form = DW.form_by_sha(cfg, sha) if sha else DW.builtin_definition()
    if form is None:
        f.add("meta.unknown_form", sha=sha[:12], sheet=L.META_SHEET)
    return form


@dataclass(frozen=True)
class FormSheets:
    """The data sheets' columns of one definition (the form's column order) and where each field is."""

    form: FormDefinition
    columns: dict[str, tuple[Field, ...]]  # sheet -> its fields
    positions: dict[str, dict[str, int]]  # sheet -> field key -> 0-based column
    defined: dict[str, tuple[Field, ...]]  # sheet -> its inputs without built-in handling (defined_inputs)

    def cell(self, sheet: str, row: int, key: str) -> str:
        """A1 address of field `key` in 1-based Excel row `row` of a data sheet."""
        return L.a1(row - 1, self.positions[sheet][key])

    def header(self, sheet: str, key: str) -> str:
        return self.columns[sheet][self.positions[sheet][key]].header

    def position(self, sheet: str, key: str) -> int:
        return self.positions[sheet][key]

    def column(self, sheet: str, key: str) -> Field:
        return self.columns[sheet][self.positions[sheet][key]]

    def columns_version(self, format_version: str) -> str:
        """Which columns a form of this definition has: a built-in form's format version decides (formats 2–5);
        a form made from its own definition has all of them ("")."""
        return format_version if self.form is DW.builtin_definition() else ""

    def inputs_at(self) -> dict[str, set[int]]:
        """Each sheet's input columns (0-based)."""
        return {s: {i for i, c in enumerate(cols) if c.input} for s, cols in self.columns.items()}


_SHEETS: dict[str, FormSheets] = {}


def sheets_of(form: FormDefinition) -> FormSheets:
    """The FormSheets of a definition (one per definition version)."""
    hit = _SHEETS.get(form.sha256)
    if hit is None:
        columns = {s: cols for s, cols in L.sheet_columns(form).items() if form.has_table(SHEET_TABLES[s])}
        positions = {s: {c.key: i for i, c in enumerate(cols)} for s, cols in columns.items()}
        defined = {s: defined_inputs(form, SHEET_TABLES[s]) for s in columns}
        hit = _SHEETS.setdefault(form.sha256, FormSheets(form, columns, positions, defined))
    return hit


def defined_inputs(form: FormDefinition, table: str) -> tuple[Field, ...]:
    """The table's inputs without built-in handling: every input the built-in definition does not have."""
    builtin = DW.builtin_definition()
    known = {f.key for f in builtin.inputs(table)} if builtin.has_table(table) else set()
    return tuple(f for f in form.inputs(table) if f.key not in known)


def limits_of(form: FormDefinition, field: Field) -> Limits:
    return field.limits(form.choice_values(field))


def read_defined(cells: Findings, form: FormDefinition, field: Field, raw: object, where: dict, skip: set) -> object:
    """One defined input read by its type; its changes and its problem are findings at its cell (where:
    sheet, cell, item_no). A refused value is taken as None (a text type's empty value is ""), its cell
    added to skip (no 必須 finding on top)."""
    reading = field.ftype.read(raw, limits_of(form, field))
    for change in reading.changes:
        cells.add(change.code, field=field.header, unit="", before=change.before, after=change.after, **where)
    if reading.problem:
        d, typed = reading.detail, N.cell_text(reading.detail.get("value", raw))
        cells.add(reading.problem, field=field.header, value=typed, range=d.get("range", ""),
                  choices=d.get("choices", ""), length=d.get("length", ""), max_len=d.get("max_len", ""),
                  unit=d.get("unit", ""), before=typed, after=d.get("after", ""), **where)
        skip.add((where["sheet"], where["cell"]))
        return None if field.ftype.numeric else ""
    if reading.value is None:
        return None if field.ftype.numeric else ""
    return reading.value


def required_now(form: FormDefinition, table: str, field: Field, entry: dict) -> tuple[str, str] | None:
    """Is this defined field required in this row? None: no; else (the other field's key, its value), both ""
    for 必須 ○ (Requirement())."""
    need: Requirement | None = field.required
    if need is None:
        return None
    if not need.field:
        return "", ""
    value = str(entry.get(need.field) or "")
    if need.value:
        return (need.field, value) if value == need.value else None
    other = form.field(table, need.field)
    roles = next((c.roles for c in form.choice_list(other.ftype.list_name) if c.value == value), frozenset())
    return (need.field, value) if need.role in roles else None
