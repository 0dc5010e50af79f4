"""The sheets of one department workbook: 進捗報告, 指標実績, 審議会意見への対応 and _meta (xlsxwriter; 記入方法 is
in guide.py, the data validations and _lists in validations.py).

workbook.py decides what goes into a form (FormSpec) and checks the result; this module only lays it out
at the positions layout.py fixes. Locked values are canonicalised here (`locked_report_rows`,
`locked_kpi_rows`) so that what is written, what is fingerprinted and what calamine reads back agree.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import Field, FormDefinition
from sheetflow.forms import layout as L
from sheetflow.forms.model import PreviousAnswers, PreviousReport
from sheetflow.ground import xlsx
from sheetflow.ground.config import Config
from sheetflow.ground.periods import Period, short_year
from sheetflow.plan.model import Item, Kpi, Plan

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
PROTECT_OPTIONS = {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                   "select_unlocked_cells": True}


@dataclass(frozen=True)
class FormSpec:
    """Everything one form shows: the plan, the department key, its items, the period, the settings, and the
    form definition whose columns it has."""

    plan: Plan
    dept: str  # Department.key, or the 部 name when grouped by 部
    items: tuple[Item, ...]
    period: Period
    cfg: Config
    form: FormDefinition
    previous: PreviousAnswers | None
    generated_at: datetime  # timezone-aware
    paper: str = "A4"  # A4 | A3 (landscape); see print_setup

    @property
    def identity(self) -> tuple[str, str, str, str]:
        return (self.plan.id, str(self.plan.version), self.period.code, self.dept)

    @property
    def kpis(self) -> list[Kpi]:
        return [k for i in self.items for k in i.kpis]

    @property
    def custom(self) -> bool:
        """Written from a definition other than the built-in one (its _meta names the definition)."""
        return self.form.sha256 != DW.builtin_definition().sha256

    def columns(self, table_id: str) -> tuple[Field, ...]:
        """A table's columns as this form shows them: the half's headers and prompts (効果額 見込 / 実績)."""
        return tuple(f.in_half(self.period.half) for f in self.form.columns(table_id))

    def closed(self, table_id: str) -> frozenset[str]:
        """Input fields of the table this form does not ask for (記入する期: 達成度 in 上期): locked, grey."""
        return frozenset(f.key for f in self.form.inputs(table_id) if not f.asked_in(self.period.half))


class FormStyles(xlsx.Styles):
    """The house styles, with number cells in General format: Excel shows "#,##0.##" integers as "3."."""

    def __init__(self, wb: Workbook):
        super().__init__(wb)
        base = {"font_name": xlsx.FONT, "font_size": xlsx.FONT_SIZE, "valign": "top", "text_wrap": True,
                "border": 1, "num_format": "General"}
        self.locked_num = wb.add_format({**base, "bg_color": xlsx.GREY, "locked": True})
        self.locked_int = wb.add_format({**base, "bg_color": xlsx.GREY, "locked": True, "align": "center"})
        self.input_num = wb.add_format({**base, "bg_color": xlsx.YELLOW, "locked": False})


# --- canonical values ----------------------------------------------------------------------------

def clean_text(value: str) -> str:
    """Text as it survives an xlsx round trip: no XML-illegal control characters, \\n line ends."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def clean_number(value: float | int | None) -> float | int | None:
    """A number as xlsxwriter writes it (%.16G) and calamine reads it back: 15 significant digits."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    number = float(f"{float(value):.15g}")
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _text_or(value: str, placeholder: str) -> str:
    value = clean_text(value or "").strip("\n")
    return value if value.strip() else placeholder


def schedule_text(item: Item, year: int) -> str:
    """This fiscal year's 取組予定; a lone "→" (continuing) is spelled out."""
    if "schedule" in item.missing:
        return msg.FORMS_NOT_IN_PLAN
    text = clean_text(item.schedule.get(year) or "").strip("\n")
    unclear = item.schedule_unclear(year)
    if not text.strip():
        return msg.FORMS_SCHEDULE_UNCLEAR if unclear else msg.FORMS_NO_SCHEDULE
    lines = [msg.FORMS_CONTINUED if line.strip() == "→" else line for line in text.split("\n")]
    return "\n".join([*lines, msg.FORMS_SCHEDULE_UNCLEAR] if unclear else lines)


def _plan(name: str) -> str:
    """The 転記元 of a value from the plan (計画:name); _previous and _council likewise (前回:…, 審議会:…)."""
    return f"{msg.DEF_SOURCE_PLAN}:{name}"


def _previous(name: str) -> str:
    return f"{msg.DEF_SOURCE_PREVIOUS}:{name}"


def _council(name: str) -> str:
    return f"{msg.DEF_SOURCE_COUNCIL}:{name}"


def locked_values(columns: tuple[Field, ...], sources: dict[str, object]) -> list[object]:
    """The values of the locked columns in column order, each from its 転記元; a 転記元 this writer has no data
    for (a locked field an edited definition added) is left blank."""
    return [sources.get(c.source) for c in columns if not c.input]


def report_sources(spec: FormSpec, item: Item) -> dict[str, object]:
    """What the locked 進捗報告 columns of one item can be filled from, by 転記元 (None = blank)."""
    theme = spec.plan.theme(item.theme)
    prev = (spec.previous.reports.get(item.no) if spec.previous else None) or PreviousReport()
    return {_plan("no"): item.no, _plan("theme"): _text_or(theme.name if theme else "", msg.FORMS_NOT_IN_PLAN),
            _plan("name"): _text_or(item.name, msg.FORMS_NOT_IN_PLAN),
            _plan("content"): _text_or(item.content, msg.FORMS_NOT_IN_PLAN),
            _plan("goal"): _text_or(item.goal_text, msg.FORMS_NOT_IN_PLAN),
            _plan("plan"): schedule_text(item, spec.period.year),
            **{_previous(name): clean_text(getattr(prev, name) or "") or None
               for name in ("status", "result", "issues")}}


def locked_report_rows(spec: FormSpec) -> list[list[object]]:
    """Per item, the values of the locked 進捗報告 columns in column order (None = blank)."""
    columns = spec.columns(DW.REPORT_TABLE)
    return [locked_values(columns, report_sources(spec, item)) for item in spec.items]


def kpi_sources(spec: FormSpec, k: Kpi) -> dict[str, object]:
    """What the locked 指標実績 columns of one indicator can be filled from, by 転記元 (None = blank)."""
    year = spec.period.year
    prev = spec.previous.kpis if spec.previous else {}
    kind, goal, baseline = kpi_facts(k, year)
    return {_plan("kpi_key"): k.key, _plan("no"): k.item_no,
            _plan("name"): clean_text(spec.plan.item(k.item_no).name), _plan("kpi"): clean_text(k.name),
            _plan("unit"): clean_text(k.unit) or None,
            _plan("direction"): L.DIRECTION_LABELS.get(k.direction, k.direction),
            _plan("target"): clean_number(k.target(year)), _plan("cumulative"): clean_number(k.cumulative(year)),
            _previous("actual"): clean_number(prev.get(k.key)),
            _plan("kind"): kind, _plan("goal"): goal, _plan("baseline"): baseline}


def locked_kpi_rows(spec: FormSpec) -> list[tuple[Kpi, list[object]]]:
    """Per KPI, the values of the locked 指標実績 columns in column order (None = blank)."""
    columns = spec.columns(DW.KPI_TABLE)
    return [(k, locked_values(columns, kpi_sources(spec, k))) for k in spec.kpis]


def kpi_facts(k: Kpi, year: int) -> list[object]:
    """種類, 到達目標 (year and figure) and 基準値 of an indicator as the form shows them (None = blank)."""
    kind = msg.KPI_KIND_LABELS.get(k.kind) if k.kind else None
    goal = (msg.FORMS_KPI_GOAL.format(year=short_year(k.goal_year), value=f"{k.goal:g}")
            if k.goal is not None and k.goal_year is not None else "")
    notes = [msg.FORMS_KPI_TENTATIVE] if year in k.tentative else []
    notes += [msg.FORMS_KPI_CONFIRM] if k.confirm else []
    goal = "\n".join([goal, *notes]).strip("\n")
    return [kind, clean_text(goal) or None, clean_text(k.baseline_text) or None]


def opinion_text(opinions: tuple[str, ...]) -> str:
    """The members' opinions on one item as one cell: a bulleted line each."""
    return "\n".join(msg.OPINION_BULLET + clean_text(o).strip("\n") for o in opinions if clean_text(o).strip())


def locked_opinion_rows(spec: FormSpec) -> list[tuple[Item, list[object]]]:
    """Per item of the form with council opinions, the locked 審議会意見への対応 values (no, name, opinions)."""
    opinions = spec.previous.opinions if spec.previous else {}
    texts = {item.no: opinion_text(opinions.get(item.no, ())) for item in spec.items}
    columns = spec.columns(DW.OPINION_TABLE)
    return [(item, locked_values(columns, {_plan("no"): item.no, _council("opinions"): texts[item.no],
                                           _plan("name"): _text_or(item.name, msg.FORMS_NOT_IN_PLAN)}))
            for item in spec.items if texts[item.no]]


# --- data sheets ---------------------------------------------------------------------------------

def write_data_sheet(ws: Worksheet, st: FormStyles, columns: tuple[Field, ...], title: str, note: str,
                     rows: list[list[object]], freeze_after: str, closed: frozenset[str] = frozenset()) -> list[int]:
    """Title, note, header and one row per locked-value list; returns the 1-based Excel data rows.
    Input columns named in `closed` are left blank and locked (not asked in this period)."""
    ws.write_string(L.TITLE_ROW, 0, title, st.title)
    ws.set_row(L.TITLE_ROW, 24)
    ws.write_string(L.NOTE_ROW, 0, note, st.note)
    heads = [header_text(col.header, col.width) for col in columns]
    for c, (col, head) in enumerate(zip(columns, heads, strict=True)):
        ws.set_column(c, c, col.width)
        ws.write_string(L.HEADER_ROW, c, head, st.header)
    ws.set_row(L.HEADER_ROW, xlsx.fitted_height((h, c.width) for h, c in zip(heads, columns, strict=True)))
    excel_rows = []
    for r, locked in enumerate(rows, start=L.FIRST_DATA_ROW):
        values = iter(locked)
        cells = []
        for c, col in enumerate(columns):
            value = None if col.input else next(values)
            xlsx.write_value(ws, r, c, value, st.locked if col.key in closed else _format(st, col))
            cells.append((value, col.width))
        ws.set_row(r, xlsx.fitted_height((L.cell_text(v), w) for v, w in cells))
        excel_rows.append(r + 1)
    ws.freeze_panes(L.FIRST_DATA_ROW, L.col_index(columns, freeze_after) + 1)
    return excel_rows


def _format(st: FormStyles, col: Field):
    numeric = col.kind in ("int", "number")
    if col.input:
        return st.input_num if numeric else st.input
    if col.kind == "int":
        return st.locked_int
    return st.locked_num if numeric else st.locked


def finish_sheet(ws: Worksheet, spec: FormSpec) -> None:
    """Print setup and protection shared by the visible sheets."""
    print_setup(ws, spec)
    ws.protect(spec.cfg.password, PROTECT_OPTIONS)


# --- print settings (apart from the layout, so that new columns merge without touching them) -----------

PAPERS = {"A4": xlsx.A4, "A3": 8}  # xlsxwriter's paper codes
MARGIN = 0.25  # inches, left and right: A4 landscape keeps the data sheets' text at 8 pt or more


def print_setup(ws: Worksheet, spec: FormSpec) -> None:
    """Landscape (記入方法 portrait), one page wide, header row on every page, department and period in
    the header; the column widths of layout.py keep the fitted text at 8 pt or more on A4."""
    header = msg.FORMS_PAGE_HEADER.format(dept=spec.dept, period=spec.period.label)
    if ws.name == L.GUIDE_SHEET:
        xlsx.page_setup(ws, header)
        ws.set_portrait()
    else:
        xlsx.page_setup(ws, header, repeat_rows=(L.HEADER_ROW, L.HEADER_ROW))
    ws.set_paper(PAPERS.get(spec.paper, xlsx.A4))
    ws.set_margins(left=MARGIN, right=MARGIN, top=0.6, bottom=0.6)


def header_text(text: str, width: float) -> str:
    """The header with line breaks only between words (after の・、, before （) so each line fits the
    column; a header that fits stays one line. Excel would otherwise break CJK text anywhere."""
    usable = max(width - 1.5, 1.0)
    breaks = [i for i in range(1, len(text)) if text[i - 1] in msg.FORMS_HEADER_BREAK_AFTER
              or text[i] in msg.FORMS_HEADER_BREAK_BEFORE]
    lines, start = [], 0
    while xlsx.text_width(text[start:]) > usable:
        fitting = [b for b in breaks if b > start and xlsx.text_width(text[start:b]) <= usable]
        later = [b for b in breaks if b > start]
        cut = max(fitting) if fitting else (min(later) if later else None)
        if cut is None:
            break
        lines.append(text[start:cut])
        start = cut
    return "\n".join(line.strip(" ") for line in [*lines, text[start:]])


# --- hidden sheets -------------------------------------------------------------------------------

def write_meta(wb: Workbook, rows: list[list[object]], password: str) -> None:
    """The hidden, protected _meta sheet (identity and row fingerprints) of a department or council workbook."""
    ws = wb.add_worksheet(L.META_SHEET)
    ws.set_column(0, 0, 18)
    ws.set_column(1, 3, 28)
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            if isinstance(value, int):
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, str(value))
    ws.very_hidden()
    ws.protect(password)
