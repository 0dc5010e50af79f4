"""What only a survey (庁内照会) has: 設定 回答期限 a date, 部署 (the departments asked), 既定データ (each
department's pre-filled rows of a 既定行 table), and that a survey (設定 照会ID) asks at least one department."""

from __future__ import annotations

from dataclasses import replace

from sheetflow import messages as msg
from sheetflow.definition import source
from sheetflow.definition.cells import Problem, Sink, close_match, one_of, table_named, unknown_sheets
from sheetflow.definition.model import DefaultRow, Department, FormDefinition, Table
from sheetflow.definition.types import Limits, type_named


def check_deadline(sink: Sink, sheet: source.Sheet, n: int, key: str, value: str) -> None:
    """設定 回答期限 (a row of 設定) is a date."""
    if key == msg.DEF_SETTING_DEADLINE and type_named(msg.TYPE_DATE).read(value, Limits()).problem:
        sink.add(sheet, n, msg.DEF_SETTING_COLUMNS[1], msg.DEF_BAD_DEADLINE.format(value=value))


def read_departments(sink: Sink, sheet: source.Sheet | None):
    """The rows of 部署 (none without the sheet): a 部署名 filled and listed once."""
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


def check_survey(sink: Sink, sheets: dict[str, source.Sheet], settings: dict[str, str],
                 departments: tuple[Department, ...]) -> None:
    """A survey (設定 照会ID) asks at least one department; 部署 and 既定データ belong to surveys only."""
    name = msg.DEF_SHEET_DEPARTMENTS
    if not settings.get(msg.DEF_SETTING_SURVEY_ID):
        for sheet in (s for s in source.SURVEY_SHEET_COLUMNS if s in sheets and sheets[s].rows):
            sink.problems.append(Problem(sheet, "", msg.DEF_NOT_A_SURVEY.format(sheet=sheet)))
    elif not departments:
        found = "" if name in sheets else close_match(name, unknown_sheets(sheets))
        text = msg.DEF_SURVEY_MISSING_SHEET_HINT.format(sheet=name, found=found) if found else \
            msg.DEF_SURVEY_NO_DEPARTMENTS
        sink.problems.append(Problem(name, "", text))


def read_defaults(sink: Sink, sheet: source.Sheet | None, form: FormDefinition) -> tuple[DefaultRow, ...]:
    """The rows of 既定データ: a listed department, a 既定行 table, its 項目IDs, its キー filled and unique."""
    rows = []
    for n, row in sheet.rows if sheet is not None else ():
        department, table = _default_department(sink, sheet, n, row, form), _default_table(sink, sheet, n, row, form)
        values = {c: v for c, v in row.items() if c not in msg.DEF_DEFAULT_COLUMNS}
        if table is not None:
            _check_default_values(sink, sheet, n, values, (table.id, [f.key for f in form.columns(table.id)]))
        rows.append(DefaultRow(department, row.get(msg.DEF_DEFAULT_COLUMNS[1], ""), values, n))
    form = replace(form, defaults=tuple(rows))
    for department in form.departments:
        for table in (t for t in form.tables if t.mode == msg.DEF_MODE_KEYED and t.key):
            _check_default_keys(sink, sheet, table, form.defaults_for(department.name, table.id))
    return form.defaults


def _default_department(sink: Sink, sheet: source.Sheet, n: int, row: dict, form: FormDefinition) -> str:
    return one_of(sink, sheet, (n, row, msg.DEF_DEFAULT_COLUMNS[0]), [d.name for d in form.departments],
                  (msg.DEF_BAD_DEPARTMENT, msg.DEF_BAD_DEPARTMENT_HINT))


def _default_table(sink: Sink, sheet: source.Sheet, n: int, row: dict, form: FormDefinition) -> Table | None:
    """The row's table when it is one of 表 in mode 既定行 (else the problem is named, and None)."""
    value = table_named(sink, sheet, n, row, [t.id for t in form.tables], msg.DEF_DEFAULT_COLUMNS[1])
    if not form.has_table(value):
        return None
    table = form.table(value)
    if table.mode != msg.DEF_MODE_KEYED:
        sink.add(sheet, n, msg.DEF_DEFAULT_COLUMNS[1], msg.DEF_DEFAULTS_NOT_KEYED.format(table=value,
                                                                                          mode=table.mode))
        return None
    return table


def _check_default_values(sink: Sink, sheet: source.Sheet, n: int, values: dict[str, str],
                          table_keys: tuple[str, list[str]]) -> None:
    """Every other column of a row of 既定データ is a 項目ID of its table (table_keys: the 表ID and its 項目IDs,
    none when 項目 has no row of it, a problem 表 names)."""
    table, keys = table_keys
    for column in (c for c in values if c not in keys):
        found = close_match(column, keys)
        text = msg.DEF_BAD_DEFAULT_COLUMN_HINT.format(column=column, table=table, found=found) if found else \
            msg.DEF_BAD_DEFAULT_COLUMN.format(column=column, table=table)
        sink.add(sheet, n, column, text)


def _check_default_keys(sink: Sink, sheet: source.Sheet, table: Table, rows: tuple[DefaultRow, ...]) -> None:
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
