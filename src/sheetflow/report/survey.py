"""A survey's 集計表 (庁内照会): what `sheetflow report` writes in a survey workspace.

`build_tally(form, frames, status)` is pure (the definition, the ledger's live rows per table and every
department's 回答状況 in, the workbook's bytes out): sheet 概要 — 回答状況 with counts and the departments of
each, 部署別の集計 (each 集計 field summed (合計) or counted (件数) per department and in total; blank for a
department without an answer) and, for each 選択 / はい・いいえ field, the count per choice with a native
Excel column chart — then one sheet per table (シート名) with every department's rows, 部署 first, headers =
見出し, filters, frozen and repeated header, A4 landscape one page wide. `write_tally(cfg)` reads the ledger
and writes it with the CSVs and datapackage.json (survey_csv.py) under outbox/reports/<照会ID>/.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import Field, FormDefinition, Table
from sheetflow.forms.workbook import SUFFIX, form_filename
from sheetflow.ground import xlsx
from sheetflow.ground.config import Config
from sheetflow.ground.files import atomic_write_bytes, check_replaceable
from sheetflow.plan.model import Department
from sheetflow.report.cells import DECIMAL, WHOLE, ReportStyles, add_sheet, write_header, write_row
from sheetflow.report.excel_charts import column_chart
from sheetflow.report.survey_csv import Frames, data_files, departments, table_records, table_values, value
from sheetflow.report.values import number, text

HEADER_ROW = 3  # a table sheet: title, note, blank, header (data below it)
LABEL_WIDTH = (16, 40)  # 概要's column A (部署, choices): at least, at most
STATUS_WIDTH, TOTAL_WIDTH, MIN_TOTAL_COLUMNS = 10, 14, 4  # 概要's columns: 部署, 回答状況, the 集計 fields
CHART_BOX = (3, 480, 264)  # a choice's chart: its column (D) and size in pixels, beside its count table
CHART_ROWS = 15  # the rows a chart takes (a count table with more choices takes more)
EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True)
class TallyResult:
    folder: Path
    paths: list[Path]  # the 集計表 first, then the CSVs and datapackage.json


class TallyStyles(ReportStyles):
    """The report's styles plus the table sheets' number and date cells."""

    def __init__(self, wb: Workbook):
        super().__init__(wb)
        cell = {"font_name": xlsx.FONT, "font_size": xlsx.FONT_SIZE, "border": 1, "valign": "top"}
        self.whole = wb.add_format({**cell, "align": "right", "num_format": WHOLE})
        self.decimal = wb.add_format({**cell, "align": "right", "num_format": DECIMAL})
        self.date = wb.add_format({**cell, "align": "right", "num_format": "yyyy/m/d"})


def build_tally(form: FormDefinition, frames: Frames, status: list) -> bytes:
    """The 集計表 workbook (pure). status: objects with .department and .status (ledger.survey.DeptStatus)."""
    buffer = io.BytesIO()
    wb = xlsx.new_workbook(buffer)
    fmt = TallyStyles(wb)
    fmt.page_header = form.title
    _summary(wb, fmt, form, frames, status)
    for t in form.tables:
        _table_sheet(wb, fmt, form, t, frames)
    wb.close()
    return buffer.getvalue()


# --- 概要 ------------------------------------------------------------------------------------------------
def _summary(wb: Workbook, fmt: TallyStyles, form: FormDefinition, frames: Frames, status: list) -> None:
    names = list(dict.fromkeys([*departments(form, frames), *(s.department for s in status)]))
    totals = [f for t in form.tables for f in form.columns(t.id) if f.total]
    labels = [*names, *(c for t in form.tables for f in form.columns(t.id) for c in form.choice_values(f))]
    widths = [min(LABEL_WIDTH[1], max([LABEL_WIDTH[0], *(xlsx.text_width(n) + 2 for n in labels)])), STATUS_WIDTH,
              *[TOTAL_WIDTH] * max(len(totals), MIN_TOTAL_COLUMNS)]
    ws = add_sheet(wb, fmt, msg.SURVEY_TALLY_SUMMARY, msg.SURVEY_TALLY_TITLE.format(title=form.title), widths)
    ws.write_string(1, 0, msg.SURVEY_TALLY_NOTE.format(
        survey=form.survey_id, version=form.version, deadline=form.settings.get(msg.DEF_SETTING_DEADLINE, ""),
        sender=form.settings.get(msg.DEF_SETTING_SENDER, "")), fmt.note)
    row = _status_table(ws, fmt, status, 3)
    row = _department_table(ws, fmt, form, frames, (names, status), row + 1)
    _choice_tables(wb, ws, fmt, form, frames, row + 1)


def status_groups(status: list) -> dict[str, list[str]]:
    """回答状況 → its departments: 回答済, 再回答, 差戻し, 未回答 always (maybe empty), any other after them."""
    groups: dict[str, list[str]] = {s: [] for s in msg.SURVEY_TALLY_STATUSES}
    for s in status:
        groups.setdefault(s.status, []).append(s.department)
    return groups


def _status_table(ws: Worksheet, fmt: TallyStyles, status: list, row: int) -> int:
    """回答状況 | 部署数 | 部署 (the names across the rest of the table's width); a 計 row. The next free row."""
    ws.write_string(row, 0, msg.SURVEY_TALLY_STATUS_HEADING, fmt.heading)
    label, count, names = msg.SURVEY_TALLY_STATUS_HEADERS
    _wide_row(ws, fmt, row + 1, (label, count, names), (fmt.header, fmt.header, fmt.header))
    groups = status_groups(status)
    for i, (state, depts) in enumerate(groups.items(), start=row + 2):
        _wide_row(ws, fmt, i, (state, len(depts), msg.SURVEY_LABEL_SEPARATOR.join(depts)),
                  (fmt.cell, fmt.count, fmt.cell))
    end = row + 2 + len(groups)
    _wide_row(ws, fmt, end, (msg.REPORT_TOTAL, len(status), ""), (fmt.total_label, fmt.total, fmt.total_label))
    return end + 1


def _wide_row(ws: Worksheet, fmt: TallyStyles, row: int, values: tuple, formats: tuple) -> None:
    """Two cells and a third merged across the rest of the sheet's columns, the row as tall as its text."""
    widths = fmt.widths[ws.name]
    for c in (0, 1):
        xlsx.write_value(ws, row, c, values[c], formats[c])
    ws.merge_range(row, 2, row, len(widths) - 1, "", formats[2])
    xlsx.write_value(ws, row, 2, values[2] or None, formats[2])
    ws.set_row(row, xlsx.fitted_height([(values[2], sum(widths[2:])), (values[0], widths[0])]))


def _department_table(ws: Worksheet, fmt: TallyStyles, form: FormDefinition, frames: Frames,
                      who: tuple[list[str], list], row: int) -> int:
    """部署 | 回答状況 | each 集計 field (grouped under its sheet's name); a 計 row. The next free row."""
    names, status = who
    ws.write_string(row, 0, msg.SURVEY_TALLY_DEPT_HEADING, fmt.heading)
    groups = [(t, [f for f in form.columns(t.id) if f.total]) for t in form.tables]
    groups = [(t, fields) for t, fields in groups if fields]
    row = _group_row(ws, fmt, groups, row + 1)
    fields = [f for _, fields in groups for f in fields]
    row = write_header(ws, fmt, row, (msg.SURVEY_TALLY_DEPARTMENT, msg.SURVEY_TALLY_STATUS_HEADERS[0],
                                      *(_total_header(f) for f in fields)))
    answered = _answered(frames, status)
    by_dept = {t.id: _by_department(form, t.id, frames) for t, _ in groups}
    states = {s.department: s.status for s in status}
    cells, sums = zip(*(_sum_formats(fmt, f) for f in fields), strict=True) if fields else ((), ())
    for i, name in enumerate(names):
        values = [_total(f, by_dept[f.table].get(name, [])) if name in answered else None for f in fields]
        write_row(ws, fmt, row + i, [name, states.get(name, ""), *values], [fmt.label, fmt.center, *cells])
    everyone = [_total(f, sum(by_dept[f.table].values(), [])) if answered else None for f in fields]
    write_row(ws, fmt, row + len(names), [msg.REPORT_TOTAL, "", *everyone],
              [fmt.total_label, fmt.total_label, *sums], fit=False)
    return row + len(names) + 1


def _group_row(ws: Worksheet, fmt: TallyStyles, groups: list[tuple[Table, list[Field]]], row: int) -> int:
    """Above the 集計 columns, each table's sheet name across its columns (no row without 集計 fields)."""
    if not groups:
        return row
    col = 2
    for t, fields in groups:
        if len(fields) > 1:
            ws.merge_range(row, col, row, col + len(fields) - 1, "", fmt.header)
        ws.write_string(row, col, t.sheet, fmt.header)
        col += len(fields)
    return row + 1


def _total_header(f: Field) -> str:
    return msg.REPORT_TOTALS_COUNT.format(header=f.header) if f.total == msg.DEF_TOTAL_COUNT else f.header


def _sum_formats(fmt: TallyStyles, f: Field) -> tuple:
    """(cell, 計 row) formats: 小数 sums keep their decimals; 金額・整数 sums and every 件数 are whole."""
    decimal = f.total == msg.DEF_TOTAL_SUM and f.ftype.kind == msg.TYPE_DECIMAL
    return fmt.sums[DECIMAL if decimal else WHOLE]


def _answered(frames: Frames, status: list) -> set[str]:
    """Departments with an answer: 回答済 / 再回答, or rows in the ledger (zero rows of a list is an answer)."""
    done = {s.department for s in status if s.status in msg.SURVEY_TALLY_STATUSES[:2]}
    return done | {text(d) for frame in frames.values() if "department" in frame.columns for d in frame["department"]}


def _by_department(form: FormDefinition, table_id: str, frames: Frames) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in table_records(form, table_id, frames):
        out.setdefault(text(r["department"]), []).append(r)
    return out


def _total(f: Field, records: list[dict]) -> object:
    """合計: the sum of the values (0 when none is filled); 件数: the rows that filled the field in."""
    if f.total == msg.DEF_TOTAL_COUNT:
        return sum(1 for r in records if value(f, r.get(f.key)) is not None)
    return value(f, sum(n for r in records if (n := number(r.get(f.key))) is not None))


def _choice_tables(wb: Workbook, ws: Worksheet, fmt: TallyStyles, form: FormDefinition, frames: Frames,
                   row: int) -> None:
    """For each 選択 / はい・いいえ field: its choices and their counts, a 計 row, a column chart beside."""
    fields = [(t, f) for t in form.tables for f in form.columns(t.id) if form.choice_values(f)]
    if not fields:
        return
    ws.write_string(row, 0, msg.SURVEY_TALLY_CHOICE_HEADING, fmt.heading)
    row += 1
    for t, f in fields:
        title = msg.SURVEY_TALLY_CHOICE_HEADER.format(sheet=t.sheet, header=f.header)
        choices = form.choice_values(f)
        filled = [text(r.get(f.key)) for r in table_records(form, t.id, frames)]
        write_header(ws, fmt, row, (title, msg.SURVEY_TALLY_COUNT))
        for i, choice in enumerate(choices, start=row + 1):
            write_row(ws, fmt, i, [choice, filled.count(choice)], [fmt.label, fmt.count])
        counts = [filled.count(c) for c in choices]
        write_row(ws, fmt, row + len(choices) + 1, [msg.REPORT_TOTAL, sum(counts)], [fmt.total_label, fmt.total])
        step = max(1, math.ceil(max(counts, default=0) / 5))  # whole counts on the axis, about five steps
        column_chart(wb, ws, (title, step), (row + 1, row + len(choices)), (row, *CHART_BOX))
        row += max(len(choices) + 2, CHART_ROWS) + 1


# --- one sheet per table ------------------------------------------------------------------------------------
def _table_sheet(wb: Workbook, fmt: TallyStyles, form: FormDefinition, t: Table, frames: Frames) -> None:
    fields = form.columns(t.id)
    rows = table_values(form, t.id, frames)
    widths = [max([12, *(xlsx.text_width(r[0]) + 2 for r in rows)]), *(f.width for f in fields)]
    ws = add_sheet(wb, fmt, t.sheet, msg.SURVEY_TALLY_SHEET_TITLE.format(title=form.title, sheet=t.sheet), widths)
    ws.write_string(1, 0, msg.SURVEY_TALLY_SHEET_NOTE.format(departments=len({r[0] for r in rows}),
                                                            rows=len(rows)), fmt.note)
    first = write_header(ws, fmt, HEADER_ROW, (msg.SURVEY_TALLY_DEPARTMENT, *(f.header for f in fields)),
                         repeat=True)
    formats = [fmt.cell, *(_cell_format(fmt, f) for f in fields)]
    for i, values in enumerate(rows):
        cells = [values[0], *(_excel(f, v) for f, v in zip(fields, values[1:], strict=True))]
        write_row(ws, fmt, first + i, cells, formats)
    ws.autofilter(HEADER_ROW, 0, HEADER_ROW + len(rows), len(fields))


def _cell_format(fmt: TallyStyles, f: Field):
    if f.ftype.kind == msg.TYPE_DATE:
        return fmt.date
    if f.ftype.numeric:
        return fmt.whole if f.ftype.storage == "INTEGER" else fmt.decimal
    return fmt.cell


def _excel(f: Field, v: object) -> object:
    """A date (ISO text) as Excel's serial day number, shown by the date format; the rest as it is."""
    if f.ftype.kind != msg.TYPE_DATE or v is None:
        return v
    try:
        return (date.fromisoformat(str(v)) - EXCEL_EPOCH).days
    except ValueError:
        return v


# --- the files -------------------------------------------------------------------------------------------
def file_stem(name: str) -> str:
    """A name made safe as a Windows file name (the department forms' rule), without the suffix."""
    return form_filename(Department("", name)).removesuffix(SUFFIX)


def tally_files(form: FormDefinition, frames: Frames, status: list, generated: datetime) -> dict[str, bytes]:
    """The 集計表, the CSVs and datapackage.json, by file name."""
    workbook = file_stem(msg.SURVEY_TALLY_FILE.format(survey=form.survey_id)) + SUFFIX
    return {workbook: build_tally(form, frames, status)} | data_files(form, frames, file_stem(form.survey_id),
                                                                     generated)


def write_tally(cfg: Config) -> TallyResult:
    """Read the survey ledger and write the 集計表 and its data under outbox/reports/<照会ID>/ (nothing is
    replaced while one of them is open in Excel)."""
    from sheetflow.ledger.survey import survey_frames, survey_status

    form = DW.workspace_form(cfg)
    files = tally_files(form, survey_frames(cfg), survey_status(cfg), datetime.now().astimezone())
    folder = cfg.reports_dir / file_stem(form.survey_id)
    check_replaceable(folder / name for name in files)
    for name, data in files.items():
        atomic_write_bytes(folder / name, data)
    return TallyResult(folder, [folder / name for name in files])
