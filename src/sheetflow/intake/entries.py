"""The department's entries: the input cells of the matched rows, read, normalised and recorded.

Part of intake (intake.py matches the rows; this reads what was typed into them). Error values and
formulas are found by streaming the sheet XML, since calamine returns an error cell as empty.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from sheetflow import messages as msg
from sheetflow.definition import normalise as N
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import Field
from sheetflow.forms import layout as L
from sheetflow.forms import read as formread
from sheetflow.forms.model import PreviousAnswers, PreviousReport
from sheetflow.ground.config import Config
from sheetflow.ground.findings import Findings
from sheetflow.ground.periods import Period
from sheetflow.intake import checks, zipparts
from sheetflow.intake.fields import FormSheets, read_defined
from sheetflow.intake.model import Batch, FrameColumns
from sheetflow.plan.model import Kpi

Entries = tuple[list[dict], list[int]]  # one file's entries and the Excel row of each


def is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


# --- input cells ---------------------------------------------------------------------------------

def cell_marks(pkg: zipparts.Package, sheets: list[str],
               inputs: dict[str, set[int]]) -> dict[tuple[str, int, int], tuple[str, str | None, str]]:
    """(sheet, 0-based row, col) → (cell type, formula, cached value) for input cells holding a formula or
    an error value (calamine returns errors as empty cells, so the XML is the only place to see them).
    inputs: each sheet's input columns (FormSheets.inputs_at; the council's 評価シート: its own).
    A sheet whose XML has neither a formula element nor an error-typed cell is not parsed at all (and when
    no worksheet of the file has one, not even the workbook's sheet list is)."""
    if not any(_may_have_marks(pkg.part(name)) for name in pkg.infos if not name.startswith(NOT_SHEETS)):
        return {}
    parts = pkg.sheet_parts()
    marks = {}
    for sheet in sheets:
        columns = inputs.get(sheet, set())
        if sheet not in parts:
            continue
        xml = pkg.part(parts[sheet])
        if not _may_have_marks(xml):
            continue
        for row, col, kind, formula, cached in zipparts.worksheet_cells(iter((xml,))):
            if col in columns and row >= L.FIRST_DATA_ROW:
                marks[(sheet, row, col)] = (kind, formula, cached)
    return marks


NOT_SHEETS = ("[Content_Types].xml", "_rels/", "docProps/", "xl/_rels/", "xl/theme/", "xl/styles.xml",
              "xl/sharedStrings.xml", "xl/workbook.xml")  # parts that are never a worksheet, whatever the rels say
_FORMULA_OR_ERROR = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]|\st\s*=\s*[\"']e[\"']")


def _may_have_marks(xml: bytes) -> bool:
    """False only when UTF-8 sheet XML certainly holds no <f> element and no t="e" cell (the usual case:
    a department types values). Anything else (another encoding, a match) is parsed."""
    head = xml.lstrip()[:3]
    if not (head.startswith(b"<") or head == b"\xef\xbb\xbf"):
        return True
    if not (b'"e"' in xml or b"'e'" in xml or _formula_tag_at(xml)):  # cheap scans that every match passes
        return False
    return _FORMULA_OR_ERROR.search(xml) is not None


def _formula_tag_at(xml: bytes) -> bool:
    """Is some "f" byte preceded by < or : and followed by >, / or white space (as in <f>, <x:f t=…)?
    Sheet XML has few "f" bytes, so visiting each is much faster than a regular expression over all."""
    at = xml.find(b"f", 1)
    while at != -1:
        if xml[at - 1] in b"<:" and xml[at + 1:at + 2] in (b">", b"/", b" ", b"\t", b"\r", b"\n"):
            return True
        at = xml.find(b"f", at + 1)
    return False


def _rows_in_order(match: checks.RowMatch, sheet: str, order: dict[tuple[str, str], int]) -> list[tuple[str, int]]:
    return sorted(match.rows.get(sheet, {}).items(), key=lambda kv: order.get((sheet, kv[0]), 0))


def _input(cells: Findings, fs: FormSheets, at: tuple[str, list[object], int], key: str, item_no: int | None,
           marks: dict, skip: set) -> object | None:
    """The value of one input cell (at: sheet, the row's values, 1-based row), or None (reported) when it
    holds an error value."""
    sheet, row, r = at
    i = fs.position(sheet, key)
    value = row[i] if i < len(row) else ""
    cell = fs.cell(sheet, r, key)
    where = {"sheet": sheet, "cell": cell, "item_no": item_no}
    if not usable_input(cells, marks.get((sheet, r - 1, i), NO_MARK), value, fs.header(sheet, key), where,
                        N.is_error_value(value)):
        skip.add((sheet, cell))
        return None
    return value


NO_MARK = ("", None, "")  # cell_marks' entry of a cell with neither a formula nor an error value


def usable_input(cells: Findings, mark: tuple[str, str | None, str], value: object, field_name: str, where: dict,
                 typed_error: bool = False) -> bool:
    """False (cell.error reported) for an error value, in the XML (mark) or typed; a formula is reported
    (cell.formula) and its cached value used. where: sheet, cell, item_no of the finding."""
    kind, formula, cached = mark
    if kind == "e" or typed_error:
        shown = cached if kind == "e" else str(value).strip()
        cells.add("cell.error", field=field_name, value=shown or "#N/A", **where, before=shown)
        return False
    if formula is not None:
        shown = L.cell_text(value)
        cells.add("cell.formula", variant="" if shown else "empty", field=field_name, formula="=" + formula,
                  value=shown, **where, before="=" + formula, after=shown)
    return True


def report_entries(cells: Findings, fs: FormSheets, values: formread.WorkbookValues, match: checks.RowMatch,
                   order: dict, marks: dict, cfg: Config, half: int = 2) -> tuple[Entries, set]:
    """The 進捗報告 inputs; a column the form's half does not ask for (達成度 in 上期) is taken as empty."""
    sheet, skip, records, index = L.REPORT_SHEET, set(), [], []
    defined = fs.defined[sheet]
    for key, r in _rows_in_order(match, sheet, order):
        row, no = values.sheets[sheet][r - 1], int(key)
        entry: dict[str, object] = {"no": no}
        for col in fs.form.inputs(DW.REPORT_TABLE):
            raw = _input(cells, fs, (sheet, row, r), col.key, no, marks, skip) if col.asked_in(half) else None
            where = {"sheet": sheet, "cell": fs.cell(sheet, r, col.key), "item_no": no}
            entry[col.key] = read_defined(cells, fs.form, col, raw, where, skip) if col in defined else \
                _report_value(cells, col, raw, cfg, where, skip)
        entry |= {c.key: "" for c in fs.form.inputs(DW.OPINION_TABLE)}  # from their own sheet (add_responses)
        records.append(entry)
        index.append(r)
    return (records, index), skip


def add_responses(cells: Findings, fs: FormSheets, values: formread.WorkbookValues, match: checks.RowMatch,
                  order: dict, marks: dict, reports: Entries) -> set:
    """Put each 意見への対応 of the sheet 審議会意見への対応 (a format 5 form that has it) into its item's
    entry; text over the length limit is reported at its cell."""
    sheet, skip = L.OPINION_SHEET, set()
    if sheet not in fs.columns:  # a definition without the sheet
        return skip
    by_no = {int(e["no"]): e for e in reports[0]}
    col = fs.column(sheet, "response")
    for key, r in _rows_in_order(match, sheet, order):
        no = int(key)
        if no not in by_no:
            continue
        value, change = N.normalise_text(_input(cells, fs, (sheet, values.sheets[sheet][r - 1], r), "response", no,
                                                marks, skip))
        cell = fs.cell(sheet, r, "response")
        _record(cells, change, sheet, cell, no, col.header)
        if col.max_len and len(value) > col.max_len:
            cells.add("text.too_long", field=col.header, length=len(value), max_len=col.max_len, sheet=sheet,
                      cell=cell, item_no=no)
        by_no[no]["response"] = value
    return skip


def _report_value(cells: Findings, col: Field, raw: object, cfg: Config, where: dict, skip: set) -> object:
    """One built-in 進捗報告 input normalised, its changes recorded (効果額 problems reported here, but text
    that is not a number at all is left for the schema to report)."""
    sheet, cell, no = where["sheet"], where["cell"], where["item_no"]
    if col.kind == "amount":
        return _amount(cells, col, raw, (sheet, cell, no), skip)
    if col.key == DW.STATUS_FIELD:
        value, change = N.normalise_status(raw, [s.label for s in DW.statuses(cfg)])
    elif col.key == DW.GRADE_FIELD:
        value, change = N.normalise_status(raw, [g.label for g in DW.grades(cfg)])
        change = change and N.Change("norm.grade", change.before, change.after)
    else:
        value, change = N.normalise_text(raw)
    _record(cells, change, sheet, cell, no, col.header)
    return value


def _amount(cells: Findings, col: Field, raw: object, where: tuple[str, str, int], skip: set) -> object:
    sheet, cell, no = where
    number = N.normalise_amount(raw)
    if number.problem == "effect.not_number":
        return raw  # left for the schema to report as not a number
    if number.problem:  # effect.unit / negative / fraction: refused, recorded as any change is
        _record(cells, N.Change(number.problem, number.typed, L.cell_text(number.value)), sheet, cell, no,
                col.header, unit=number.unit_found)
        skip.add((sheet, cell))
        return None
    for change in number.changes:
        _record(cells, change, sheet, cell, no, col.header)
    return number.value


def kpi_entries(cells: Findings, fs: FormSheets, values: formread.WorkbookValues, match: checks.RowMatch,
                order: dict, marks: dict, kpis: dict[str, Kpi]) -> tuple[Entries, set]:
    """The 指標実績 inputs: 実績値 in the KPI's unit, 備考, every defined input by its type."""
    sheet, skip, records, index = L.KPI_SHEET, set(), [], []
    for key, r in _rows_in_order(match, sheet, order):
        kpi, at = kpis.get(key), (sheet, values.sheets[sheet][r - 1], r)
        if kpi is None:
            continue
        raw = _input(cells, fs, at, "actual", kpi.item_no, marks, skip)
        entry = {"kpi_key": key, "no": kpi.item_no, "kpi": kpi.name, "unit": kpi.unit,
                 "actual": _actual(cells, fs, raw, kpi, (r, skip))}
        remark, change = N.normalise_text(_input(cells, fs, at, "remark", kpi.item_no, marks, skip))
        _record(cells, change, sheet, fs.cell(sheet, r, "remark"), kpi.item_no, fs.header(sheet, "remark"))
        entry["remark"] = remark
        for col in fs.defined[sheet]:
            where = {"sheet": sheet, "cell": fs.cell(sheet, r, col.key), "item_no": kpi.item_no}
            raw = _input(cells, fs, at, col.key, kpi.item_no, marks, skip)
            entry[col.key] = read_defined(cells, fs.form, col, raw, where, skip)
        records.append(entry)
        index.append(r)
    return (records, index), skip


def _actual(cells: Findings, fs: FormSheets, raw: object, kpi: Kpi, at: tuple[int, set]) -> object:
    """実績値 in the KPI's unit (a unit that cannot be converted reported here, text that is not a number left
    for the schema to report)."""
    r, skip = at
    sheet = L.KPI_SHEET
    number = N.normalise_number(raw, kpi.unit)
    actual: object = number.value
    cell = fs.cell(sheet, r, "actual")
    if number.problem == "kpi.unit":
        cells.add("kpi.unit", value=number.typed, found=number.unit_found, unit=kpi.unit, cell=cell, sheet=sheet,
                  item_no=kpi.item_no, before=number.typed)
        skip.add((sheet, cell))
    elif number.problem:
        actual = raw  # left for the schema to report as not a number
    for change in number.changes:
        _record(cells, change, sheet, cell, kpi.item_no, fs.header(sheet, "actual"), unit=kpi.unit)
    return actual


def report_batch(parts: list[Entries], columns: FrameColumns) -> Batch:
    """The 進捗報告 entries of several files in one frame: "no" int64, numbers as typed (objects: 効果額 and
    every numeric defined input), every other column pandas' "str"."""
    return _batch(parts, list(columns.report), ints=("no",), objects=columns.numbers)


def kpi_batch(parts: list[Entries], columns: FrameColumns) -> Batch:
    """The 指標実績 entries of several files: as report_batch (`actual` held as typed)."""
    return _batch(parts, list(columns.kpi), ints=("no",), objects=columns.numbers)


def _batch(parts: list[Entries], columns: list[str], ints: tuple[str, ...], objects: tuple[str, ...] = ()) -> Batch:
    """One frame for all files (building a small DataFrame costs more than its rows), and each file's rows
    as the frame holds them."""
    records = [r for entries, _ in parts for r in entries]
    data: dict[str, object] = {}
    for col in columns:
        values = [r[col] for r in records]
        dtype = "int64" if col in ints else object if col in objects else "str"
        data[col] = pd.array(values, dtype=dtype)
    frame = pd.DataFrame(data, columns=columns)
    held = frame_records(frame)
    per_file, start = [], 0
    for entries, rows in parts:
        per_file.append(list(zip(rows, held[start:start + len(entries)], strict=True)))
        start += len(entries)
    owners = [(n, row, values) for n, rows in enumerate(per_file) for row, values in rows]
    return Batch(frame, owners, per_file)


def frame_records(df: pd.DataFrame) -> list[dict]:
    """The rows as dicts of Python values (DataFrame.to_dict("records") without its per-call cost)."""
    cols = list(df.columns)
    return [dict(zip(cols, values, strict=True)) for values in zip(*(df[c].tolist() for c in cols), strict=True)]


def _record(cells: Findings, change: N.Change | None, sheet: str, cell: str, item_no: int | None,
            field_name: str, unit: str = "") -> None:
    """A normalisation as a finding by its code (norm.text, norm.status, norm.grade, norm.number, norm.unit,
    effect.number, effect.converted, effect.approximate: normalised; kpi.approximate: a warning)."""
    if change is None:
        return
    cells.add(change.code, field=field_name, unit=unit, sheet=sheet, cell=cell, item_no=item_no,
              before=change.before, after=change.after)


def previous_in_form(values: formread.WorkbookValues, match: checks.RowMatch, period: Period | None) -> PreviousAnswers | None:
    """The 前回 values the form carried, read from its (fingerprint-checked) locked cells."""
    if period is None:
        return None
    a_i = L.col_index(L.KPI_COLUMNS, "prev_actual")
    reports, kpis = {}, {}
    for key, r in match.rows.get(L.REPORT_SHEET, {}).items():
        prev = previous_report(values.sheets[L.REPORT_SHEET][r - 1])
        if prev != PreviousReport():
            reports[int(key)] = prev
    for key, r in match.rows.get(L.KPI_SHEET, {}).items():
        row = values.sheets[L.KPI_SHEET][r - 1] + [""] * 12
        if is_number(row[a_i]):
            kpis[key] = float(row[a_i])
    return PreviousAnswers(period.previous().code, reports, kpis, opinions_in_form(values, match))


def opinions_in_form(values: formread.WorkbookValues, match: checks.RowMatch) -> dict[int, tuple[str, ...]]:
    """The council's opinions the form carried on its sheet 審議会意見への対応, one per bulleted line."""
    at = L.col_index(L.OPINION_COLUMNS, "opinions")
    out = {}
    for key, r in match.rows.get(L.OPINION_SHEET, {}).items():
        row = values.sheets[L.OPINION_SHEET][r - 1]
        text = "\n" + L.cell_text(row[at] if at < len(row) else "")
        out[int(key)] = tuple(o for o in text.split("\n" + msg.OPINION_BULLET) if o.strip())
    return out


_PREVIOUS = [L.col_index(L.REPORT_COLUMNS, key) for key in ("prev_status", "prev_result", "prev_issues")]


def previous_report(row: list[object]) -> PreviousReport:
    """The 前回 cells of one 進捗報告 row (a form older than format 4 has no 前回の課題 cell: blank)."""
    return PreviousReport(*(L.cell_text(row[i]) if i < len(row) else "" for i in _PREVIOUS))
