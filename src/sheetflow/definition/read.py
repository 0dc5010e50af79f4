"""A definition's rows → FormDefinition, checked first: every problem is named with its [シート!セル] in the
style of pyxform's messages, with a hint for a misspelt sheet, column, table or list name.

Here: the sheets and their columns, 設定, 表 and 選択肢, and the build; the rows of 項目 are read by fields_read,
a survey's 回答期限, 部署 and 既定データ by survey_check, each with the cell readers of cells."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.definition import source
from sheetflow.definition.cells import (
    ROLE_BY_NAME,
    Problem,
    Sink,
    close_match,
    identifier,
    mark,
    unknown_sheets,
    whole,
)
from sheetflow.definition.fields_read import read_fields
from sheetflow.definition.model import Choice, Field, FormDefinition, Table
from sheetflow.definition.survey_check import check_deadline, check_survey, read_defaults, read_departments


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
    """The definition in a file (.xlsx, .json or .yaml) and its problems (`form check`)."""
    return check_sheets(source.read_sheets(path))


def check_sheets(sheets: dict[str, source.Sheet]) -> Checked:
    """Check every sheet; build the definition only when nothing is wrong."""
    sink = Sink([])
    _check_layout(sink, sheets)
    if sink.problems:
        return Checked(None, sink.problems)
    definition = _build(sink, sheets)
    if sink.problems:
        return Checked(None, sink.problems)
    return Checked(replace(definition, sha256=source.sha256_of(source.canonical_text(sheets))))


# --- sheets and columns ----------------------------------------------------------------------------

_REQUIRED_COLUMNS = {msg.DEF_SHEET_FIELDS: 4, msg.DEF_SHEET_DEPARTMENTS: 1}  # else the first 2 columns


def _check_layout(sink: Sink, sheets: dict[str, source.Sheet]) -> None:
    """Every sheet a definition needs is there (a survey's 部署 and 既定データ are optional), with its columns."""
    for name, columns in source.SHEET_COLUMNS.items():
        if name not in sheets:
            found = close_match(name, unknown_sheets(sheets))
            text = msg.DEF_MISSING_SHEET_HINT.format(sheet=name, found=found) if found else \
                msg.DEF_MISSING_SHEET.format(sheet=name)
            sink.problems.append(Problem(name, "", text))
            continue
        _check_columns(sink, sheets[name], columns)
    for name, columns in source.SURVEY_SHEET_COLUMNS.items():
        if name in sheets:
            _check_columns(sink, sheets[name], columns)


def _check_columns(sink: Sink, sheet: source.Sheet, columns: tuple[str, ...]) -> None:
    """A missing column is named at the unknown header it may be misspelt as (that header is not named again).
    既定データ's other columns are 項目IDs, checked with its rows."""
    required = columns[:_REQUIRED_COLUMNS.get(sheet.name, 2)]
    unknown = [h for h in sheet.header if h and h not in columns]
    for column in required:
        if column not in sheet.header:
            found = close_match(column, unknown)
            if not found:
                sink.problems.append(Problem(sheet.name, "", msg.DEF_MISSING_COLUMN.format(column=column)))
                continue
            sink.add(sheet, 1, found, msg.DEF_MISSING_COLUMN_HINT.format(column=column, found=found))
            unknown.remove(found)
    for column in unknown if sheet.name != msg.DEF_SHEET_DEFAULTS else ():
        sink.add(sheet, 1, column, msg.DEF_UNKNOWN_COLUMN.format(
            column=column, choices=msg.DEF_TYPE_NAMES_SEPARATOR.join(columns)))


# --- building, row by row --------------------------------------------------------------------------

def _build(sink: Sink, sheets: dict[str, source.Sheet]) -> FormDefinition:
    """The definition from sheets laid out right, every row checked (problems go to sink)."""
    settings = _settings(sink, sheets[msg.DEF_SHEET_SETTINGS])
    choices = tuple(_choices(sink, sheets[msg.DEF_SHEET_LISTS]))
    tables = tuple(_tables(sink, sheets[msg.DEF_SHEET_TABLES]))
    fields = tuple(read_fields(sink, sheets[msg.DEF_SHEET_FIELDS], tables, {c.list_name for c in choices}))
    _check_tables(sink, sheets[msg.DEF_SHEET_TABLES], tables, fields)
    departments = tuple(read_departments(sink, sheets.get(msg.DEF_SHEET_DEPARTMENTS)))
    check_survey(sink, sheets, settings, departments)
    form = FormDefinition(settings, tables, fields, choices, departments=departments)
    return replace(form, defaults=read_defaults(sink, sheets.get(msg.DEF_SHEET_DEFAULTS), form))


def _settings(sink: Sink, sheet: source.Sheet) -> dict[str, str]:
    """設定 as 項目 → 値: each 項目 one the definition knows."""
    out = {}
    for n, row in sheet.rows:
        key, value = row.get(msg.DEF_SETTING_COLUMNS[0], ""), row.get(msg.DEF_SETTING_COLUMNS[1], "")
        if key not in msg.DEF_SETTING_KEYS:
            sink.add(sheet, n, msg.DEF_SETTING_COLUMNS[0], msg.DEF_BAD_SETTING.format(
                value=key, choices=msg.DEF_TYPE_NAMES_SEPARATOR.join(msg.DEF_SETTING_KEYS)))
        check_deadline(sink, sheet, n, key, value)
        out[key] = value
    return out


def _choices(sink: Sink, sheet: source.Sheet):
    """The rows of 選択肢: リスト名 and 値 filled, each 値 once in its list, 順位 an integer, the role columns ○."""
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
        roles = frozenset(ROLE_BY_NAME[c] for c in msg.DEF_LIST_COLUMNS[4:] if mark(sink, sheet, n, row, c))
        yield Choice(name, value, row.get(description, ""), whole(sink, sheet, n, row, rank, allow_negative=True),
                     roles)


def _tables(sink: Sink, sheet: source.Sheet):
    """The rows of 表 (at least one): 表ID an id of its own, シート名 filled, 行モード with what it needs."""
    seen: dict[str, str] = {}
    names: dict[str, str] = {}
    id_col, sheet_col, mode_col, key_col, rows_col = msg.DEF_TABLE_COLUMNS
    for n, row in sheet.rows:
        table_id = identifier(sink, sheet, n, row, id_col, seen)
        _sheet_name(sink, sheet, n, row.get(sheet_col, ""), names)
        mode = _mode(sink, sheet, n, row)
        yield Table(table_id, row.get(sheet_col, ""), mode, row.get(key_col, ""),
                    whole(sink, sheet, n, row, rows_col))
    if not sheet.rows:
        sink.problems.append(Problem(sheet.name, "", msg.DEF_NO_TABLES))


_EXCEL_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(sink: Sink, sheet: source.Sheet, n: int, name: str, names: dict[str, str]) -> None:
    """シート名: filled, a name Excel takes (31 characters, none of [ ] : * ? / \\), not one the forms and the
    集計表 use themselves, and one table's only."""
    column = msg.DEF_TABLE_COLUMNS[1]
    if not name:
        sink.add(sheet, n, column, msg.DEF_EMPTY.format(column=column))
    elif len(name) > 31 or _EXCEL_FORBIDDEN.search(name) or name in msg.DEF_RESERVED_SHEETS:
        sink.add(sheet, n, column, msg.DEF_BAD_SHEET_NAME.format(
            value=name, reserved=msg.DEF_TYPE_NAMES_SEPARATOR.join(msg.DEF_RESERVED_SHEETS)))
    elif name.casefold() in names:
        sink.add(sheet, n, column, msg.DEF_DUPLICATE.format(column=column, value=name, first=names[name.casefold()]))
    names.setdefault(name.casefold(), sheet.cell(n, column))


def _mode(sink: Sink, sheet: source.Sheet, n: int, row: dict) -> str:
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


def _check_tables(sink: Sink, sheet: source.Sheet, tables: tuple[Table, ...], fields: tuple[Field, ...]) -> None:
    """Each table has a row in 項目, and its キー is one of its 項目IDs."""
    rows = dict(zip((t.id for t in tables), (n for n, _ in sheet.rows), strict=True))
    for t in tables:
        keys = [f.key for f in fields if f.table == t.id]
        if not keys:
            sink.add(sheet, rows[t.id], msg.DEF_TABLE_COLUMNS[0], msg.DEF_NO_FIELDS.format(table=t.id))
        elif t.key and t.key not in keys:
            sink.add(sheet, rows[t.id], msg.DEF_TABLE_COLUMNS[3], msg.DEF_BAD_KEY.format(value=t.key, table=t.id))
