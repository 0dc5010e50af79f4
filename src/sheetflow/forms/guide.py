"""The 記入方法 sheet of a department workbook: identity, deadline and contact, steps, the status and 達成度
legends, 効果額, the rules, how to return."""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.forms import layout as L
from sheetflow.forms.model import council_year_for
from sheetflow.forms.sheets import FormSpec, clean_text
from sheetflow.ground import xlsx
from sheetflow.ground.periods import fiscal_label

GUIDE_WIDTHS = (20, 52, 26)


def write_guide(ws: Worksheet, st: xlsx.Styles, spec: FormSpec, opinions: bool = False) -> None:
    """記入方法: identity, deadline and contact, steps (with the 審議会意見への対応 step when the form has that
    sheet), the status legend, the rules, how to return."""
    for c, w in enumerate(GUIDE_WIDTHS):
        ws.set_column(c, c, w)
    ws.write_string(0, 0, msg.FORMS_GUIDE_TITLE.format(period=spec.period.label), st.title)
    ws.set_row(0, 24)
    labels = msg.FORMS_GUIDE_LABELS
    facts = [(labels["plan"], spec.plan.title), (labels["period"], spec.period.long_label),
             (labels["dept"], spec.dept), (labels["deadline"], spec.cfg.deadline),
             (labels["contact"], spec.cfg.contact),
             (labels["rows"], msg.FORMS_GUIDE_ROWS.format(items=len(spec.items), kpis=len(spec.kpis)))]
    r = 2
    for label, value in facts:
        _guide_row(ws, r, [label, value], [st.header, st.cell])
        r += 1
    r = _guide_list(ws, st, r + 1, msg.FORMS_GUIDE_STEPS_HEAD, guide_steps(spec, opinions))
    r = _guide_statuses(ws, st, r + 1, spec)
    r = _guide_grades(ws, st, r + 1, spec)
    r = _guide_list(ws, st, r + 1, msg.GUIDE_EFFECT_HEAD, list(msg.GUIDE_EFFECT_LINES), numbered=False)
    r = _guide_list(ws, st, r + 1, msg.FORMS_GUIDE_RULES_HEAD, list(msg.FORMS_GUIDE_RULES))
    _guide_list(ws, st, r + 1, msg.FORMS_GUIDE_RETURN_HEAD,
                    [msg.FORMS_GUIDE_RETURN.format(contact=spec.cfg.contact)], numbered=False)


def guide_steps(spec: FormSpec, opinions: bool = False) -> list[str]:
    """The steps of 記入方法; each step that names the yellow cells of a sheet lists them from the definition as
    this form has them (the half's 効果額 headers, 達成度 only in 下期, the opinion sheet only when it exists)."""
    steps = [s.format(columns=_yellow(spec, DW.REPORT_TABLE), kpi_columns=_yellow(spec, DW.KPI_TABLE))
             for s in msg.FORMS_GUIDE_STEPS]
    if not spec.kpis:
        steps[2] = msg.FORMS_GUIDE_STEP_NO_KPIS  # the 指標実績 step
    if opinions:
        steps.insert(-1, msg.GUIDE_OPINION_STEP.format(year=fiscal_label(council_year_for(spec.period.year)),
                                                       columns=_yellow(spec, DW.OPINION_TABLE)))
    return steps


def _yellow(spec: FormSpec, table_id: str) -> str:
    """The headers of a table's input (yellow) columns, but those the form does not ask for, as a step lists them."""
    closed = spec.closed(table_id)
    return msg.FORMS_GUIDE_COLUMN_SEPARATOR.join(c.header for c in L.input_columns(spec.columns(table_id))
                                                 if c.key not in closed)


def _guide_row(ws: Worksheet, r: int, values: list[str], formats: list) -> None:
    """One guide row; the last value spans the remaining columns."""
    widths = GUIDE_WIDTHS[:len(values) - 1] + (sum(GUIDE_WIDTHS[len(values) - 1:]),)
    for c, (value, fmt) in enumerate(zip(values, formats, strict=True)):
        if c == len(values) - 1 and c < len(GUIDE_WIDTHS) - 1:
            ws.merge_range(r, c, r, len(GUIDE_WIDTHS) - 1, "", fmt)
        xlsx.write_value(ws, r, c, clean_text(value) or None, fmt)
    ws.set_row(r, xlsx.fitted_height(zip(values, widths, strict=True)))


def _guide_list(ws: Worksheet, st: xlsx.Styles, r: int, head: str, lines: list[str],
                numbered: bool = True) -> int:
    ws.write_string(r, 0, head, st.title)
    ws.set_row(r, 22)
    for n, line in enumerate(lines, start=1):
        _guide_row(ws, r + n, [f"{n}. {line}" if numbered else line], [st.text])
    return r + len(lines) + 1


def _guide_statuses(ws: Worksheet, st: xlsx.Styles, r: int, spec: FormSpec) -> int:
    ws.write_string(r, 0, msg.FORMS_GUIDE_STATUS_HEAD, st.title)
    ws.set_row(r, 22)
    _guide_row(ws, r + 1, list(msg.FORMS_GUIDE_STATUS_COLUMNS), [st.header] * 3)
    for n, s in enumerate(DW.statuses(spec.cfg, spec.form), start=r + 2):
        needs = "、".join(t for t, on in ((msg.FORMS_GUIDE_NEEDS_ISSUES, s.behind),
                                          (msg.FORMS_GUIDE_NEEDS_RESULT, s.done),
                                          (msg.GUIDE_NEEDS_REASON.format(status=s.label), s.stopped)) if on)
        _guide_row(ws, n, [s.label, s.description, needs], [st.cell] * 3)
    return r + len(DW.statuses(spec.cfg, spec.form)) + 2


def _guide_grades(ws: Worksheet, st: xlsx.Styles, r: int, spec: FormSpec) -> int:
    """The 達成度 scale with each grade's criterion (上期 forms say it is asked in 下期)."""
    ws.write_string(r, 0, msg.GUIDE_GRADE_HEAD, st.title)
    ws.set_row(r, 22)
    _guide_row(ws, r + 1, list(msg.GUIDE_GRADE_COLUMNS), [st.header] * 2)
    for n, g in enumerate(DW.grades(spec.cfg, spec.form), start=r + 2):
        _guide_row(ws, n, [g.label, g.description], [st.cell] * 2)
    r += len(DW.grades(spec.cfg, spec.form)) + 2
    if spec.period.half == 1:
        _guide_row(ws, r, [msg.GUIDE_GRADE_H1], [st.text])
        r += 1
    return r
