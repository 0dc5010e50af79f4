"""The rows of a definition, as written: from a workbook (.xlsx, read with calamine), or from JSON (the
definitions the package ships, and the archived versions) or YAML written as the same rows; each cell kept
with its place so that a problem names [シート!セル]. JSON needs no YAML parser: `forms` and `status` start fast."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.definition.normalise import cell_text

SHEET_COLUMNS = {msg.DEF_SHEET_SETTINGS: msg.DEF_SETTING_COLUMNS, msg.DEF_SHEET_TABLES: msg.DEF_TABLE_COLUMNS,
                 msg.DEF_SHEET_FIELDS: msg.DEF_FIELD_COLUMNS, msg.DEF_SHEET_LISTS: msg.DEF_LIST_COLUMNS}
# The sheets only a survey has (部署, 既定データ): 既定データ's other columns are the 項目IDs of its tables.
SURVEY_SHEET_COLUMNS = {msg.DEF_SHEET_DEPARTMENTS: msg.DEF_DEPARTMENT_COLUMNS,
                        msg.DEF_SHEET_DEFAULTS: msg.DEF_DEFAULT_COLUMNS}
KNOWN_COLUMNS = {**SHEET_COLUMNS, **SURVEY_SHEET_COLUMNS}


@dataclass(frozen=True)
class Sheet:
    """One sheet of a definition: its header row as written and its rows (column name → text)."""

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]  # (1-based Excel row, values by column name)

    def cell(self, row: int, column: str) -> str:
        """The A1 address of a column in a row (the column where the header names it)."""
        at = self.header.index(column) if column in self.header else len(self.header)
        return column_letter(at) + str(row)


def column_letter(index: int) -> str:
    """0-based column → Excel letters (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def read_sheets(path: Path) -> dict[str, Sheet]:
    """Every sheet of a definition file (.xlsx, .json or .yaml); raises UserError when the file cannot be read."""
    if not path.is_file():  # calamine says so with a bare OSError
        raise msg.UserError(msg.DEF_FILE_NOT_FOUND.format(file=path))
    try:
        suffix = path.suffix.lower()
        if suffix in (".json", ".yaml", ".yml"):
            return row_sheets(_parse_text(path.read_text(encoding="utf-8-sig"), suffix))
        return _xlsx_sheets(path)
    except (ValueError, UnicodeError, *_calamine_errors()) as exc:
        raise msg.UserError(msg.DEF_UNREADABLE.format(file=path, error=exc)) from exc


def _parse_text(text: str, suffix: str) -> object:
    if suffix == ".json":
        return json.loads(text)
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValueError(str(exc)) from exc


def _calamine_errors() -> tuple[type[Exception], ...]:
    import python_calamine as calamine

    return calamine.CalamineError, calamine.PasswordError, calamine.XmlError, calamine.ZipError


def row_sheets(data: object) -> dict[str, Sheet]:
    """The sheets of a JSON or YAML definition: each sheet a list of rows written as {column: value}."""
    data = data or {}
    if not isinstance(data, dict) or not all(isinstance(rows or [], list) for rows in data.values()):
        raise ValueError(type(data).__name__)
    return {str(name): _row_sheet(str(name), rows or []) for name, rows in data.items()}


def _row_sheet(name: str, rows: list) -> Sheet:
    header = _row_header(name, rows)
    return Sheet(name, header, tuple((n, {_column_name(name, str(k)): _text(v) for k, v in row.items()})
                                     for n, row in enumerate(rows, start=2) if isinstance(row, dict)))


def _row_header(name: str, rows: list) -> tuple[str, ...]:
    """The header a JSON/YAML sheet stands for: the known columns in their order, then any others as found."""
    found = list(dict.fromkeys(_column_name(name, str(k)) for row in rows if isinstance(row, dict) for k in row))
    known = [c for c in KNOWN_COLUMNS.get(name, ()) if c in found or not found]
    return (*known, *(c for c in found if c not in known))


def _xlsx_sheets(path: Path) -> dict[str, Sheet]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return {name.strip(): _xlsx_sheet(name.strip(), book.get_sheet_by_name(name).to_python(skip_empty_area=False))
            for name in book.sheet_names}  # a blank after a sheet's name does not show on its tab


def _xlsx_sheet(name: str, cells: list[list]) -> Sheet:
    header = tuple(_column_name(name, _text(v)) for v in (cells[0] if cells else []))
    while header and not header[-1]:
        header = header[:-1]
    rows = []
    for n, values in enumerate(cells[1:], start=2):
        row = {h: _text(v) for h, v in zip(header, values, strict=False) if h and _text(v)}
        if row:
            rows.append((n, row))
    return Sheet(name, header, tuple(rows))


def _column_name(sheet: str, header: str) -> str:
    """A header as the sheet's known column it means, whatever its 全角/半角 and blanks (「見出し(上期)」,
    「最大 文字数」); other headers as written."""
    key = _loose(header)
    return next((c for c in KNOWN_COLUMNS.get(sheet, ()) if _loose(c) == key), header)


def _loose(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _text(value: object) -> str:
    """A cell as text; a date cell (回答期限, a 日付 in 既定データ) as 2026-01-30."""
    if isinstance(value, datetime) and value.time() == time():
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else cell_text(value).strip()


def columns_of(name: str, sheet: Sheet) -> tuple[str, ...]:
    """A sheet's columns in their fixed order: the known ones, then (既定データ) the 項目IDs as written."""
    known = KNOWN_COLUMNS[name]
    return known if name != msg.DEF_SHEET_DEFAULTS else (*known, *(h for h in sheet.header if h and h not in known))


def canonical_text(sheets: dict[str, Sheet]) -> str:
    """The definition as JSON in a fixed order (sheets and columns as SHEET_COLUMNS, then a survey's sheets when
    they have rows; empty cells left out, one row a line): the text archived and hashed, the same whether it
    came from Excel, JSON or YAML."""
    empty = Sheet("", (), ())
    parts = [_canonical_part(name, columns, sheets.get(name, empty)) for name, columns in SHEET_COLUMNS.items()]
    parts += [_canonical_part(name, columns_of(name, sheets[name]), sheets[name])
              for name in SURVEY_SHEET_COLUMNS if name in sheets and sheets[name].rows]
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _canonical_part(name: str, columns: tuple[str, ...], sheet: Sheet) -> str:
    rows = [{c: row[c] for c in columns if row.get(c)} for _, row in sheet.rows]
    lines = ",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in rows)
    return f"  {json.dumps(name, ensure_ascii=False)}: [\n{lines}\n  ]" if rows else \
        f"  {json.dumps(name, ensure_ascii=False)}: []"


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
