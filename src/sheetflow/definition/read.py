"""A definition's rows → FormDefinition, checked first: every problem is named with its [シート!セル] in the
style of pyxform's messages, with a hint for a misspelt sheet, column, table or list name."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.definition import source
from sheetflow.definition.model import (
    Choice,
    DefaultRow,
    Department,
    Field,
    FormDefinition,
    Requirement,
    Table,
)
from sheetflow.definition.types import Limits, type_named, type_names

# Names the stages keep for their own columns beside a table's fields (ledger identity and provenance).
RESERVED_IDS = frozenset({"period", "department", "seq", "replaced_at", "replaced_by", "source_sha256",
                          "source_name", "file_mtime", "merged_at", "form_generated_at", "format_version",
                          "plan_id", "plan_version", "sheetflow_version", "member", "year"})
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]*")  # ASCII: a column name in SQLite, the CSV, _meta
_ROLE_BY_NAME = {name: role for role, name in msg.DEF_ROLE_NAMES.items()}


@dataclass(frozen=True)
class Problem:
    sheet: str
    cell: str
    text: str

    def __str__(self) -> str:
        if not self.cell:
            return msg.DEF_PROBLEM_SHEETLESS.format(sheet=self.sheet, text=self.text)
        return msg.DEF_PROBLEM.format(sheet=self.sheet, cell=self.cell, text=self.text)


@dataclass
class Checked:
    """A definition read and checked: the definition (None when problems were found) and the problems."""

    definition: FormDefinition | None = None
    problems: list[Problem] = field(default_factory=list)


def load_definition(path: Path) -> FormDefinition:
    """The definition in a file; UserError listing every problem when it has any."""
    checked = check_definition(path)
    if checked.definition is None:
        raise msg.UserError(problems_text(path, checked.problems))
    return checked.definition


def problems_text(path: Path, problems: list[Problem]) -> str:
    """「様式定義 … に誤りが n 件あります:」 and one indented line per problem (form check prints the same)."""
    lines = "\n".join(f"  {p}" for p in problems)
    return msg.DEF_HAS_PROBLEMS.format(file=path, count=len(problems), problems=lines)


def check_definition(path: Path) -> Checked:
    return check_sheets(source.read_sheets(path))


def check_sheets(sheets: dict[str, source.Sheet]) -> Checked:
    """Check every sheet; build the definition only when nothing is wrong."""
    sink = _Sink([])
    _check_layout(sink, sheets)
    if sink.problems:
        return Checked(None, sink.problems)
    definition = _build(sink, sheets)
    if sink.problems:
        return Checked(None, sink.problems)
    return Checked(replace(definition, sha256=source.sha256_of(source.canonical_text(sheets))))


@dataclass
class _Sink:
    problems: list[Problem]

    def add(self, sheet: source.Sheet, row: int, column: str, text: str) -> None:
        self.problems.append(Problem(sheet.name, sheet.cell(row, column), text))


# --- sheets and columns ----------------------------------------------------------------------------

_REQUIRED_COLUMNS = {msg.DEF_SHEET_FIELDS: 4, msg.DEF_SHEET_DEPARTMENTS: 1}  # else the first 2 columns


def _check_layout(sink: _Sink, sheets: dict[str, source.Sheet]) -> None:
    for name, columns in source.SHEET_COLUMNS.items():
        if name not in sheets:
            found = _close(name, _unknown_sheets(sheets))
            text = msg.DEF_MISSING_SHEET_HINT.format(sheet=name, found=found) if found else \
                msg.DEF_MISSING_SHEET.format(sheet=name)
            sink.problems.append(Problem(name, "", text))
            continue
        _check_columns(sink, sheets[name], columns)
    for name, columns in source.SURVEY_SHEET_COLUMNS.items():
        if name in sheets:
            _check_columns(sink, sheets[name], columns)


def _unknown_sheets(sheets: dict[str, source.Sheet]) -> list[str]:
    """Sheets a definition does not use (notes, or a known sheet's misspelt name)."""
    return [s for s in sheets if s not in source.KNOWN_COLUMNS]


def _check_columns(sink: _Sink, sheet: source.Sheet, columns: tuple[str, ...]) -> None:
    """A missing column is named at the unknown header it may be misspelt as (that header is not named again).
    既定データ's other columns are 項目IDs, checked with its rows."""
    required = columns[:_REQUIRED_COLUMNS.get(sheet.name, 2)]
    unknown = [h for h in sheet.header if h and h not in columns]
    for column in required:
        if column not in sheet.header:
            found = _close(column, unknown)
            if not found:
                sink.problems.append(Problem(sheet.name, "", msg.DEF_MISSING_COLUMN.format(column=column)))
                continue
            sink.add(sheet, 1, found, msg.DEF_MISSING_COLUMN_HINT.format(column=column, found=found))
            unknown.remove(found)
    for column in unknown if sheet.name != msg.DEF_SHEET_DEFAULTS else ():
        sink.add(sheet, 1, column, msg.DEF_UNKNOWN_COLUMN.format(
            column=column, choices=msg.DEF_TYPE_NAMES_SEPARATOR.join(columns)))


def _close(word: str, candidates: list[str]) -> str:
    found = difflib.get_close_matches(word, candidates, n=1, cutoff=0.5)
    return found[0] if found else ""


# --- building, row by row --------------------------------------------------------------------------

def _build(sink: _Sink, sheets: dict[str, source.Sheet]) -> FormDefinition:
    settings = _settings(sink, sheets[msg.DEF_SHEET_SETTINGS])
    choices = tuple(_choices(sink, sheets[msg.DEF_SHEET_LISTS]))
    tables = tuple(_tables(sink, sheets[msg.DEF_SHEET_TABLES]))
    fields = tuple(_fields(sink, sheets[msg.DEF_SHEET_FIELDS], tables, {c.list_name for c in choices}))
    _check_tables(sink, sheets[msg.DEF_SHEET_TABLES], tables, fields)
    departments = tuple(_departments(sink, sheets.get(msg.DEF_SHEET_DEPARTMENTS)))
    _check_survey(sink, sheets, settings, departments)
    form = FormDefinition(settings, tables, fields, choices, departments=departments)
    return replace(form, defaults=_defaults(sink, sheets.get(msg.DEF_SHEET_DEFAULTS), form))


def _settings(sink: _Sink, sheet: source.Sheet) -> dict[str, str]:
    out = {}
    for n, row in sheet.rows:
        key, value = row.get(msg.DEF_SETTING_COLUMNS[0], ""), row.get(msg.DEF_SETTING_COLUMNS[1], "")
        if key not in msg.DEF_SETTING_KEYS:
            sink.add(sheet, n, msg.DEF_SETTING_COLUMNS[0], msg.DEF_BAD_SETTING.format(
                value=key, choices=msg.DEF_TYPE_NAMES_SEPARATOR.join(msg.DEF_SETTING_KEYS)))
        if key == msg.DEF_SETTING_DEADLINE and type_named(msg.TYPE_DATE).read(value, Limits()).problem:
            sink.add(sheet, n, msg.DEF_SETTING_COLUMNS[1], msg.DEF_BAD_DEADLINE.format(value=value))
        out[key] = value
    return out


def _choices(sink: _Sink, sheet: source.Sheet):
    seen: dict[tuple[str, str], str] = {}
    name_col, value_col, description, rank = msg.DEF_LIST_COLUMNS[:4]
    for n, row in sheet.rows:
        name, value = row.get(name_col, ""), row.get(value_col, "")
        for column, text in ((name_col, name), (value_col, value)):
            if not text:
                sink.add(sheet, n, column, msg.DEF_EMPTY.format(column=column))
        if (name, value) in seen:
            sink.add(sheet, n, value_col, msg.DEF_DUPLICATE.format(column=value_col, value=value,
                                                                   first=seen[(name, value)]))
        seen.setdefault((name, value), sheet.cell(n, value_col))
        roles = frozenset(_ROLE_BY_NAME[c] for c in msg.DEF_LIST_COLUMNS[4:] if _mark(sink, sheet, n, row, c))
        yield Choice(name, value, row.get(description, ""), _whole(sink, sheet, n, row, rank, allow_negative=True),
                     roles)


def _tables(sink: _Sink, sheet: source.Sheet):
    seen: dict[str, str] = {}
    id_col, sheet_col, mode_col, key_col, rows_col = msg.DEF_TABLE_COLUMNS
    for n, row in sheet.rows:
        table_id = _identifier(sink, sheet, n, row, id_col, seen)
        if not row.get(sheet_col):
            sink.add(sheet, n, sheet_col, msg.DEF_EMPTY.format(column=sheet_col))
        mode = _mode(sink, sheet, n, row)
        yield Table(table_id, row.get(sheet_col, ""), mode, row.get(key_col, ""),
                    _whole(sink, sheet, n, row, rows_col))
    if not sheet.rows:
        sink.problems.append(Problem(sheet.name, "", msg.DEF_NO_TABLES))


def _mode(sink: _Sink, sheet: source.Sheet, n: int, row: dict) -> str:
    """行モード (blank: 既定行); 自由行 needs 最大行数 and 既定行 a キー."""
    mode_col, key_col, rows_col = msg.DEF_TABLE_COLUMNS[2:]
    mode = row.get(mode_col) or msg.DEF_MODE_KEYED
    if mode not in msg.DEF_MODES:
        sink.add(sheet, n, mode_col, msg.DEF_BAD_MODE.format(
            value=mode, choices=msg.DEF_TYPE_NAMES_SEPARATOR.join(msg.DEF_MODES)))
    elif mode == msg.DEF_MODE_LIST and not row.get(rows_col):
        sink.add(sheet, n, rows_col, msg.DEF_LIST_NEEDS_ROWS)
    elif mode == msg.DEF_MODE_KEYED and not row.get(key_col):
        sink.add(sheet, n, key_col, msg.DEF_KEYED_NEEDS_KEY)
    return mode


def _check_tables(sink: _Sink, sheet: source.Sheet, tables: tuple[Table, ...], fields: tuple[Field, ...]) -> None:
    rows = dict(zip((t.id for t in tables), (n for n, _ in sheet.rows), strict=True))
    for t in tables:
        keys = [f.key for f in fields if f.table == t.id]
        if not keys:
            sink.add(sheet, rows[t.id], msg.DEF_TABLE_COLUMNS[0], msg.DEF_NO_FIELDS.format(table=t.id))
        elif t.key and t.key not in keys:
            sink.add(sheet, rows[t.id], msg.DEF_TABLE_COLUMNS[3], msg.DEF_BAD_KEY.format(value=t.key, table=t.id))


def _identifier(sink: _Sink, sheet: source.Sheet, n: int, row: dict, column: str, seen: dict[str, str]) -> str:
    value = row.get(column, "")
    if not value:
        sink.add(sheet, n, column, msg.DEF_EMPTY.format(column=column))
    elif not _ID.fullmatch(value):
        sink.add(sheet, n, column, msg.DEF_BAD_ID.format(column=column, value=value))
    elif value in seen:
        sink.add(sheet, n, column, msg.DEF_DUPLICATE.format(column=column, value=value, first=seen[value]))
    seen.setdefault(value, sheet.cell(n, column))
    return value


def _mark(sink: _Sink, sheet: source.Sheet, n: int, row: dict, column: str) -> bool:
    value = row.get(column, "")
    if value and not _is_mark(value):
        sink.add(sheet, n, column, msg.DEF_BAD_MARK.format(column=column, value=value))
    return bool(value)


def _is_mark(value: str) -> bool:
    """○ and the other ways of writing a yes (〇, はい, yes, TRUE, 1; 全角 or 半角, any case)."""
    return unicodedata.normalize("NFKC", value).casefold() in {
        unicodedata.normalize("NFKC", m).casefold() for m in msg.DEF_MARKS}


def _whole(sink: _Sink, sheet: source.Sheet, n: int, row: dict, column: str, allow_negative: bool = False) -> int | None:
    value = unicodedata.normalize("NFKC", row.get(column, ""))
    if not value:
        return None
    number = _number_or_none(value)
    if number is None or not number.is_integer() or (number < 1 and not allow_negative):
        text = msg.DEF_BAD_INTEGER if allow_negative else msg.DEF_BAD_WHOLE
        sink.add(sheet, n, column, text.format(column=column, value=value))
        return None
    return int(number)


def _number(sink: _Sink, sheet: source.Sheet, n: int, row: dict, column: str) -> float | None:
    value = unicodedata.normalize("NFKC", row.get(column, ""))
    number = _number_or_none(value) if value else None
    if value and number is None:
        sink.add(sheet, n, column, msg.DEF_BAD_NUMBER.format(column=column, value=value))
    return number


def _number_or_none(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


# --- 項目 -------------------------------------------------------------------------------------------

def _fields(sink: _Sink, sheet: source.Sheet, tables: tuple[Table, ...], lists: set[str]):
    seen: dict[str, dict[str, str]] = {}
    for n, row in sheet.rows:
        table = _field_table(sink, sheet, n, row, [t.id for t in tables])
        key = _identifier(sink, sheet, n, row, msg.DEF_FIELD_COLUMNS[1], seen.setdefault(table, {}))
        yield _field(sink, sheet, n, row, (table, key), lists)
    _check_conditions(sink, sheet)


def _field_table(sink: _Sink, sheet: source.Sheet, n: int, row: dict, table_ids: list[str],
                 column: str = msg.DEF_FIELD_COLUMNS[0]) -> str:
    """The 表ID of a row of 項目 (or 既定データ): one of 表 (a person may write it once per table, or merge the
    cells: an empty one is named)."""
    return _one_of(sink, sheet, (n, row, column), table_ids, (msg.DEF_BAD_TABLE, msg.DEF_BAD_TABLE_HINT))


def _one_of(sink: _Sink, sheet: source.Sheet, at: tuple[int, dict, str], names: list[str],
            texts: tuple[str, str]) -> str:
    """A cell that must name one of names: empty, or unknown with the name it may be misspelt for (texts: the
    message without and with a hint)."""
    n, row, column = at
    value = row.get(column, "")
    if not value:
        sink.add(sheet, n, column, msg.DEF_EMPTY.format(column=column))
    elif value not in names:
        found = _close(value, names)
        sink.add(sheet, n, column, texts[1].format(value=value, found=found) if found else
                 texts[0].format(value=value))
    return value


def _field(sink: _Sink, sheet: source.Sheet, n: int, row: dict, at: tuple[str, str], lists: set[str]) -> Field:
    c = dict(zip(("table", "key", "header", "type", "required", "min", "max", "max_len", "prompt", "total",
                  "publish", "locked", "source", "h1", "h2", "p1", "p2", "half", "width", "since"),
                 msg.DEF_FIELD_COLUMNS, strict=True))
    if not row.get(c["header"]):
        sink.add(sheet, n, c["header"], msg.DEF_EMPTY.format(column=c["header"]))
    type_name = _type(sink, sheet, n, row.get(c["type"], ""), lists)
    limits = _limits(sink, sheet, n, row, type_name)
    locked = _mark(sink, sheet, n, row, c["locked"])
    if not locked and at[1] in RESERVED_IDS:
        sink.add(sheet, n, c["key"], msg.DEF_RESERVED_ID.format(value=at[1]))
    requirement = _requirement(sink, sheet, n, row.get(c["required"], ""), locked)
    return Field(at[0], at[1], row.get(c["header"], ""), type_name, _number(sink, sheet, n, row, c["width"]) or 10,
                 not locked, requirement, *limits, prompt=row.get(c["prompt"], ""),
                 total=_total(sink, sheet, n, row.get(c["total"], ""), type_name),
                 publish=_mark(sink, sheet, n, row, c["publish"]), source=row.get(c["source"], ""),
                 half_headers=(row.get(c["h1"], ""), row.get(c["h2"], "")),
                 half_prompts=(row.get(c["p1"], ""), row.get(c["p2"], "")),
                 half=_half(sink, sheet, n, row.get(c["half"], "")),
                 since=str(_whole(sink, sheet, n, row, c["since"]) or 1))


def _type(sink: _Sink, sheet: source.Sheet, n: int, value: str, lists: set[str]) -> str:
    column = msg.DEF_FIELD_COLUMNS[3]
    found = type_named(value)
    if found is None:
        choices = msg.DEF_TYPE_NAMES_SEPARATOR.join(type_names())
        sink.add(sheet, n, column, msg.DEF_BAD_TYPE.format(value=value, choices=choices))
        return ""  # unknown: the checks that depend on the type say nothing more
    if found.list_name and found.list_name not in lists:
        near = _close(found.list_name, sorted(lists))
        text = msg.DEF_BAD_LIST_HINT.format(value=value, name=found.list_name, found=near) if near else \
            msg.DEF_BAD_LIST.format(value=value, name=found.list_name)
        sink.add(sheet, n, column, text)
    return found.name


def _limits(sink: _Sink, sheet: source.Sheet, n: int, row: dict, type_name: str) -> tuple:
    low_col, high_col, len_col = msg.DEF_FIELD_COLUMNS[5:8]
    low, high = _number(sink, sheet, n, row, low_col), _number(sink, sheet, n, row, high_col)
    numeric = _numeric(type_name)
    if (low is not None or high is not None) and not numeric:
        sink.add(sheet, n, low_col if low is not None else high_col, msg.DEF_RANGE_NOT_NUMERIC)
    elif low is not None and high is not None and low > high:
        sink.add(sheet, n, low_col, msg.DEF_BAD_RANGE.format(minimum=row[low_col], maximum=row[high_col]))
    return low, high, _whole(sink, sheet, n, row, len_col)


def _total(sink: _Sink, sheet: source.Sheet, n: int, value: str, type_name: str) -> str:
    column = msg.DEF_FIELD_COLUMNS[9]
    if value and value not in msg.DEF_TOTALS:
        sink.add(sheet, n, column, msg.DEF_BAD_TOTAL.format(
            value=value, choices=msg.DEF_TYPE_NAMES_SEPARATOR.join(msg.DEF_TOTALS)))
        return ""
    if value == msg.DEF_TOTAL_SUM and not _numeric(type_name):
        sink.add(sheet, n, column, msg.DEF_SUM_NOT_NUMERIC)
    return value


def _numeric(type_name: str) -> bool:
    """A numeric type; an unknown one (already named as a problem) counts as numeric, to say nothing more."""
    found = type_named(type_name)
    return found is None or found.numeric


def _half(sink: _Sink, sheet: source.Sheet, n: int, value: str) -> int:
    if value and value not in msg.DEF_HALVES:
        sink.add(sheet, n, msg.DEF_FIELD_COLUMNS[17], msg.DEF_BAD_HALF.format(value=value))
    return msg.DEF_HALVES.get(value, 0)


_CONDITION = re.compile(r"(?P<field>[^\W\d]\w*)\s*(?P<op>[:=：＝])\s*(?P<what>.+)")


def _requirement(sink: _Sink, sheet: source.Sheet, n: int, value: str, locked: bool) -> Requirement | None:
    column = msg.DEF_FIELD_COLUMNS[4]
    if not value:
        return None
    if locked:
        sink.add(sheet, n, column, msg.DEF_LOCKED_REQUIRED)
    if _is_mark(value):
        return Requirement()
    m = _CONDITION.fullmatch(value)
    if m is None:
        sink.add(sheet, n, column, msg.DEF_BAD_REQUIRED.format(value=value))
        return None
    if m["op"] in ":：":
        if m["what"] not in _ROLE_BY_NAME:
            sink.add(sheet, n, column, msg.DEF_BAD_REQUIRED_ROLE.format(
                value=m["what"], choices=msg.DEF_TYPE_NAMES_SEPARATOR.join(msg.DEF_ROLE_NAMES.values())))
            return None
        return Requirement(m["field"], role=_ROLE_BY_NAME[m["what"]])
    return Requirement(m["field"], value=m["what"].strip())


def _check_conditions(sink: _Sink, sheet: source.Sheet) -> None:
    """A condition of 必須 names a field of the same table."""
    keys = {(row.get(msg.DEF_FIELD_COLUMNS[0], ""), row.get(msg.DEF_FIELD_COLUMNS[1], "")) for _, row in sheet.rows}
    for n, row in sheet.rows:
        m = _CONDITION.fullmatch(row.get(msg.DEF_FIELD_COLUMNS[4], ""))
        if m and (row.get(msg.DEF_FIELD_COLUMNS[0], ""), m["field"]) not in keys:
            sink.add(sheet, n, msg.DEF_FIELD_COLUMNS[4], msg.DEF_BAD_REQUIRED_FIELD.format(value=m["field"]))



# --- a survey: 部署 and 既定データ ----------------------------------------------------------------------

def _departments(sink: _Sink, sheet: source.Sheet | None):
    seen: dict[str, str] = {}
    name_col, mail_col, person_col = msg.DEF_DEPARTMENT_COLUMNS
    for n, row in sheet.rows if sheet is not None else ():
        name = row.get(name_col, "")
        if not name:
            sink.add(sheet, n, name_col, msg.DEF_EMPTY.format(column=name_col))
        elif name in seen:
            sink.add(sheet, n, name_col, msg.DEF_DUPLICATE.format(column=name_col, value=name, first=seen[name]))
        seen.setdefault(name, sheet.cell(n, name_col))
        yield Department(name, row.get(mail_col, ""), row.get(person_col, ""))


def _check_survey(sink: _Sink, sheets: dict[str, source.Sheet], settings: dict[str, str],
                  departments: tuple[Department, ...]) -> None:
    """A survey (設定 照会ID) asks at least one department; 部署 and 既定データ belong to surveys only."""
    name = msg.DEF_SHEET_DEPARTMENTS
    if not settings.get(msg.DEF_SETTING_SURVEY_ID):
        for sheet in (s for s in source.SURVEY_SHEET_COLUMNS if s in sheets and sheets[s].rows):
            sink.problems.append(Problem(sheet, "", msg.DEF_NOT_A_SURVEY.format(sheet=sheet)))
    elif not departments:
        found = "" if name in sheets else _close(name, _unknown_sheets(sheets))
        text = msg.DEF_SURVEY_MISSING_SHEET_HINT.format(sheet=name, found=found) if found else \
            msg.DEF_SURVEY_NO_DEPARTMENTS
        sink.problems.append(Problem(name, "", text))


def _defaults(sink: _Sink, sheet: source.Sheet | None, form: FormDefinition) -> tuple[DefaultRow, ...]:
    """The rows of 既定データ: a listed department, a 既定行 table, its 項目IDs, its キー filled and unique."""
    rows = []
    for n, row in sheet.rows if sheet is not None else ():
        department, table = _default_department(sink, sheet, n, row, form), _default_table(sink, sheet, n, row, form)
        values = {c: v for c, v in row.items() if c not in msg.DEF_DEFAULT_COLUMNS}
        if table is not None:
            _check_default_values(sink, sheet, n, values, form.columns(table.id))
        rows.append(DefaultRow(department, row.get(msg.DEF_DEFAULT_COLUMNS[1], ""), values, n))
    form = replace(form, defaults=tuple(rows))
    for department in form.departments:
        for table in (t for t in form.tables if t.mode == msg.DEF_MODE_KEYED and t.key):
            _check_default_keys(sink, sheet, table, form.defaults_for(department.name, table.id))
    return form.defaults


def _default_department(sink: _Sink, sheet: source.Sheet, n: int, row: dict, form: FormDefinition) -> str:
    return _one_of(sink, sheet, (n, row, msg.DEF_DEFAULT_COLUMNS[0]), [d.name for d in form.departments],
                   (msg.DEF_BAD_DEPARTMENT, msg.DEF_BAD_DEPARTMENT_HINT))


def _default_table(sink: _Sink, sheet: source.Sheet, n: int, row: dict, form: FormDefinition) -> Table | None:
    """The row's table when it is one of 表 in mode 既定行 (else the problem is named, and None)."""
    value = _field_table(sink, sheet, n, row, [t.id for t in form.tables], msg.DEF_DEFAULT_COLUMNS[1])
    if not form.has_table(value):
        return None
    table = form.table(value)
    if table.mode != msg.DEF_MODE_KEYED:
        sink.add(sheet, n, msg.DEF_DEFAULT_COLUMNS[1], msg.DEF_DEFAULTS_NOT_KEYED.format(table=value,
                                                                                          mode=table.mode))
        return None
    return table


def _check_default_values(sink: _Sink, sheet: source.Sheet, n: int, values: dict[str, str],
                          fields: tuple[Field, ...]) -> None:
    keys = [f.key for f in fields]
    for column in (c for c in values if c not in keys):
        found = _close(column, keys)
        table = fields[0].table
        text = msg.DEF_BAD_DEFAULT_COLUMN_HINT.format(column=column, table=table, found=found) if found else \
            msg.DEF_BAD_DEFAULT_COLUMN.format(column=column, table=table)
        sink.add(sheet, n, column, text)


def _check_default_keys(sink: _Sink, sheet: source.Sheet, table: Table, rows: tuple[DefaultRow, ...]) -> None:
    """The キー of a department's rows of a table: filled, and each value once."""
    seen: dict[str, str] = {}
    for r in rows:
        value, cell = r.values.get(table.key, ""), sheet.cell(r.row, table.key)
        if not value:
            sink.add(sheet, r.row, table.key, msg.DEF_DEFAULT_NO_KEY.format(table=table.id, key=table.key))
        elif value in seen:
            sink.add(sheet, r.row, table.key, msg.DEF_DUPLICATE_DEFAULT.format(
                department=r.department, table=table.id, value=value, first=seen[value]))
        seen.setdefault(value, cell)
