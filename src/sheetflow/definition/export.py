"""`sheetflow form export`: the definition in use as an Excel workbook (sheets 設定, 表, 項目, 選択肢, and a
survey's 部署 and 既定データ) to edit; `sheetflow form new`: the starter survey definition (a worked example).

The cells are the definition's rows as written (a number stays a number where it reads back as the same text),
so that reading the workbook back gives the same canonical text and the same SHA-256. Each sheet has a bold,
frozen header row with an autofilter, wrapped text and dropdowns where a column takes a few fixed values.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.definition import source
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import FormDefinition
from sheetflow.definition.normalise import cell_text
from sheetflow.definition.types import type_names
from sheetflow.ground.config import Config
from sheetflow.ground.files import atomic_write_bytes, check_replaceable
from sheetflow.ground.xlsx import Styles, fitted_height, new_workbook, text_width

VALIDATED_ROWS = 1000  # the dropdowns reach this row, beyond the rows written
MAX_LIST_CHARS = 255  # Excel's limit for a dropdown's values written in the rule itself
WIDE_COLUMNS = frozenset({msg.DEF_FIELD_COLUMNS[8], *msg.DEF_FIELD_COLUMNS[15:17], msg.DEF_LIST_COLUMNS[2]})
MAX_WIDTH, WIDE_WIDTH, MIN_WIDTH = 24.0, 44.0, 6.0
SURVEY_STARTER = "survey.json"  # form new's worked example: テレワーク実施状況調査 (definition/builtin)


@dataclass(frozen=True)
class Exported:
    path: Path
    definition: FormDefinition


def export_definition(cfg: Config | None, out: Path, force: bool = False) -> Exported:
    """Write the workspace's definition (the built-in one outside a workspace) to out; an existing file is
    replaced only with force."""
    if out.exists() and not force:
        raise msg.UserError(msg.DEF_EXPORT_EXISTS.format(path=out))
    form = DW.workspace_form(cfg) if cfg is not None else DW.builtin_definition()
    return _write(out, source.read_sheets(DW.form_path(cfg) if cfg is not None else DW.builtin_path()), form)


def new_survey(out: Path, force: bool = False) -> Exported:
    """Write the starter survey definition (3 tables, one of each 行モード; 3 departments, their 既定データ) to
    out; an existing file is replaced only with force."""
    if out.exists() and not force:
        raise msg.UserError(msg.DEF_EXPORT_EXISTS.format(path=out))
    return _write(out, source.read_sheets(DW.builtin_path(SURVEY_STARTER)), DW.builtin_definition(SURVEY_STARTER))


def _write(out: Path, sheets: dict[str, source.Sheet], form: FormDefinition) -> Exported:
    check_replaceable([out])
    atomic_write_bytes(out, definition_workbook(sheets, form))
    return Exported(out, form)


def definition_workbook(sheets: dict[str, source.Sheet], form: FormDefinition) -> bytes:
    """The sheets in the order a person reads them: 設定, 表, 項目, 選択肢, then a survey's 部署 and 既定データ."""
    buffer = io.BytesIO()
    wb = new_workbook(buffer)
    styles = Styles(wb)
    names = [*source.SHEET_COLUMNS, *(s for s in source.SURVEY_SHEET_COLUMNS if s in sheets)]
    for name in names:
        sheet = sheets.get(name, source.Sheet(name, (), ()))
        columns = source.columns_of(name, sheet)
        rows = [[row.get(c, "") for c in columns] for _, row in sheet.rows]
        ws = wb.add_worksheet(name)
        _write_sheet(ws, styles, columns, rows)
        for column, values, strict in _dropdowns(name, form):
            _dropdown(ws, columns.index(column), values, strict)
    wb.close()
    return buffer.getvalue()


def _write_sheet(ws, styles: Styles, columns: tuple[str, ...], rows: list[list[str]]) -> None:
    widths = [_width(c, [r[i] for r in rows]) for i, c in enumerate(columns)]
    for c, (header, width) in enumerate(zip(columns, widths, strict=True)):
        ws.write_string(0, c, header, styles.header)
        ws.set_column(c, c, width)
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            _write_cell(ws, styles, r, c, value)
        ws.set_row(r, fitted_height(zip(values, widths, strict=True)))
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)


def _width(header: str, values: list[str]) -> float:
    longest = max((text_width(line) for v in values for line in v.split("\n")), default=0)
    cap = WIDE_WIDTH if header in WIDE_COLUMNS else MAX_WIDTH
    return min(cap, max(MIN_WIDTH, text_width(header) + 3.0, longest + 2.0))


def _write_cell(ws, styles: Styles, row: int, col: int, value: str) -> None:
    """A number where Excel's number reads back as the same text (幅 7.5, 順位 -1), else the text as text."""
    number = _exact_number(value)
    if number is not None:
        ws.write_number(row, col, number, styles.cell_num)
    elif value:
        ws.write_string(row, col, value, styles.cell)
    else:
        ws.write_blank(row, col, None, styles.cell)


def _exact_number(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and cell_text(number) == value else None


def _dropdowns(sheet: str, form: FormDefinition) -> list[tuple[str, tuple[str, ...], bool]]:
    """(column, values, strict) of each dropdown on a sheet; a strict one refuses other values, the others
    only warn (a list added to 選択肢 after the export, 〇 typed for ○)."""
    marks = (msg.DEF_MARK,)
    if sheet == msg.DEF_SHEET_TABLES:
        return [(msg.DEF_TABLE_COLUMNS[2], msg.DEF_MODES, True)]
    if sheet == msg.DEF_SHEET_FIELDS:
        c = msg.DEF_FIELD_COLUMNS
        return [(c[3], _type_choices(form), False), (c[9], msg.DEF_TOTALS, True),
                (c[17], tuple(msg.DEF_HALVES), True), *((column, marks, False) for column in (c[10], c[11]))]
    if sheet == msg.DEF_SHEET_LISTS:
        return [(column, marks, False) for column in msg.DEF_LIST_COLUMNS[4:]]
    return []


def _type_choices(form: FormDefinition) -> tuple[str, ...]:
    """The plain types, then 選択:<list> for each list of 選択肢, as many as Excel's rule can hold."""
    plain = [name for name in type_names() if not name.startswith(msg.TYPE_CHOICE_PREFIX)]
    out = plain + [msg.TYPE_CHOICE_PREFIX + name for name in form.list_names()]
    while len(",".join(out)) > MAX_LIST_CHARS:
        out.pop()
    return tuple(out)


def _dropdown(ws, col: int, values: tuple[str, ...], strict: bool) -> None:
    ws.data_validation(1, col, VALIDATED_ROWS, col, {
        "validate": "list", "source": list(values), "ignore_blank": True,
        "error_type": "stop" if strict else "warning", "error_title": msg.TYPE_ERROR_TITLE,
        "error_message": msg.DEF_EXPORT_CHOOSE.format(choices=msg.DEF_TYPE_NAMES_SEPARATOR.join(values))})
