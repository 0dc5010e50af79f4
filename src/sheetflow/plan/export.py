"""Human views of the plan: the `plan check` summary and the review workbook of `plan export`."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.ground.files import atomic_write_bytes
from sheetflow.ground.periods import fiscal_label
from sheetflow.ground.xlsx import Styles, new_workbook, page_setup, write_table
from sheetflow.plan.excel import write_editable_sheets
from sheetflow.plan.gaps import confirmations
from sheetflow.plan.model import EFFECT_KEYS, Plan


def summary_lines(plan: Plan) -> list[str]:
    lines = [msg.PLAN_SUMMARY_TITLE.format(title=plan.title, plan_id=plan.id, version=plan.version,
                                           first=fiscal_label(plan.first_year), last=fiscal_label(plan.last_year))]
    lines.append(msg.PLAN_SUMMARY_COUNTS.format(items=len(plan.items), themes=len(plan.themes),
                                                kpis=len(plan.kpis), depts=len(plan.recipients()),
                                                practices=sum(len(i.practices) for i in plan.items)))
    counts = [i.practice_count for i in plan.items if i.practice_count]
    if counts:
        lines.append(msg.PLAN_SUMMARY_PRACTICES.format(**{k: sum(c.get(k, 0) for c in counts)
                                                          for k in ("current", "new", "total")}))
    lines.append(msg.PLAN_SUMMARY_THEMES)
    for theme in plan.themes:
        count = sum(1 for i in plan.items if i.theme == theme.no)
        lines.append(f"  {theme.no}. {theme.name}: {count}")
    unthemed = sum(1 for i in plan.items if i.theme is None)
    if unthemed:
        lines.append(msg.PLAN_SUMMARY_UNTHEMED.format(count=unthemed))
    owned = Counter(i.owner for i in plan.items if i.owner is not None)
    related = Counter(d for i in plan.items for d in i.related)
    if owned or related:
        lines.append(msg.PLAN_SUMMARY_DEPTS)
        for dept in plan.departments():
            lines.append(msg.PLAN_SUMMARY_DEPT_LINE.format(dept=dept, owned=owned.get(dept, 0),
                                                           related=related.get(dept, 0)))
    return lines + figure_lines(plan) + confirm_lines(plan)


def figure_lines(plan: Plan) -> list[str]:
    """Per item with figures: the 到達目標, each indicator (kind, targets, goal, baseline) and 効果額 見込."""
    kpis = plan.kpis
    lines = [msg.PLAN_SUMMARY_COUNTS_FIGURES.format(
        kpis=len(kpis), goals=sum(k.goal is not None for k in kpis),
        baselines=sum(bool(k.baseline_text) for k in kpis), tentative=sum(bool(k.tentative) for k in kpis),
        estimates=len(plan.estimates), confirms=len(confirmations(plan)))]
    changed = sum(len(i.changed_practices) for i in plan.items)
    if changed:
        lines.append(msg.PLAN_SUMMARY_CHANGED.format(count=changed))
    items = [i for i in plan.items if i.kpis or i.estimates]
    if items:
        lines.append(msg.PLAN_SUMMARY_FIGURES)
    for item in items:
        goal = fiscal_label(item.goal_year) if item.goal_year else msg.VERDICT_NONE
        lines.append(msg.PLAN_SUMMARY_ITEM.format(no=item.no, name=item.name, goal=goal))
        lines += [msg.PLAN_SUMMARY_GOAL_TEXT.format(text=t) for t in item.goal_texts]
        lines += [_kpi_line(k) for k in item.kpis] + [_estimate_line(e) for e in item.estimates]
    return lines


def _kpi_line(k) -> str:
    sep = msg.EXPORT_LIST_SEPARATOR
    targets = sep.join(msg.EXPORT_KPI_TARGET.format(year=y, value=v) for y, v in sorted(k.targets.items()))
    goal = msg.PLAN_SUMMARY_KPI_GOAL.format(year=k.goal_year, value=f"{k.goal:g}") if k.goal is not None else ""
    base = msg.PLAN_SUMMARY_KPI_BASELINE.format(text=k.baseline_text) if k.baseline_text else ""
    tent = (msg.PLAN_SUMMARY_KPI_TENTATIVE.format(years=sep.join(map(str, sorted(k.tentative))))
            if k.tentative else "")
    return msg.PLAN_SUMMARY_KPI.format(key=k.key, name=k.name, unit=k.unit,
                                       direction=msg.FORMS_DIRECTION_LABELS.get(k.direction, k.direction),
                                       kind=msg.KPI_KIND_LABELS.get(k.kind, k.kind),
                                       targets=targets or msg.PLAN_SUMMARY_NO_TARGETS, goal=goal, baseline=base,
                                       tentative=tent)


def _estimate_line(e) -> str:
    span = (msg.PLAN_SUMMARY_ESTIMATE_YEAR if e.span == "year" else msg.PLAN_SUMMARY_ESTIMATE_TOTAL).format(
        first=e.first_year, last=e.last_year)
    amount = f"{e.amount:,}" + (msg.PLAN_SUMMARY_ESTIMATE_AT_LEAST if e.at_least else "")
    return msg.PLAN_SUMMARY_ESTIMATE.format(kind=msg.ESTIMATE_KIND_LABELS.get(e.kind, e.kind), amount=amount,
                                            span=span, source=e.source)


def confirm_lines(plan: Plan) -> list[str]:
    """Every 要確認, for 行政監理室 to confirm with the departments."""
    entries = confirmations(plan)
    if not entries:
        return []
    lines = [msg.PLAN_SUMMARY_CONFIRMS.format(count=len(entries))]
    for no, field, years, note in entries:
        shown = msg.PLAN_SUMMARY_CONFIRM_YEARS.format(years=msg.EXPORT_LIST_SEPARATOR.join(
            fiscal_label(y) for y in years)) if years else ""
        lines.append(msg.PLAN_SUMMARY_CONFIRM.format(no=no, field=field, years=shown, note=note))
    return lines


EXPORT_HEADERS = list(msg.EXPORT_HEADERS)
EXPORT_WIDTHS = [5, 16, 26, 22, 18, 22, 7, 7, 40, 28, 36, 30, 7, 7, 7, 24, 14]


def _row(plan: Plan, item) -> list:
    theme = plan.theme(item.theme)
    schedule = "\n".join(f"{fiscal_label(y)}: {t}" for y, t in sorted(item.schedule.items()))
    sep = msg.EXPORT_LIST_SEPARATOR
    kpis = "\n".join(msg.EXPORT_KPI_LINE.format(name=k.name, unit=k.unit)
                     + sep.join(msg.EXPORT_KPI_TARGET.format(year=y, value=v) for y, v in sorted(k.targets.items()))
                     for k in item.kpis)
    effects = [(item.effects or {}).get(k) for k in EFFECT_KEYS]
    missing = sep.join(msg.FIELD_LABELS.get(f, f) for f in item.missing)
    return [item.no, theme.name if theme else "", item.name, item.departments, str(item.owner or ""),
            sep.join(map(str, item.related)), item.digital, item.continued, item.content, item.goal_text,
            schedule, kpis, *effects, item.pr, missing]


def export_plan(plan: Plan, out: Path) -> None:
    """The review sheet 「取組項目」, then the editable sheets of the whole plan (plan.excel); strings as strings."""
    import io

    buffer = io.BytesIO()
    wb = new_workbook(buffer)
    styles = Styles(wb)
    ws = wb.add_worksheet(msg.EXPORT_SHEET)
    ws.write_string(0, 0, msg.EXPORT_TITLE.format(title=plan.title, plan_id=plan.id, version=plan.version), styles.title)
    write_table(ws, styles, 2, EXPORT_HEADERS, [_row(plan, i) for i in plan.items], EXPORT_WIDTHS,
                number_cols=frozenset({0, 12, 13, 14}))
    page_setup(ws, msg.EXPORT_PAGE_HEADER.format(title=plan.title), repeat_rows=(2, 2))
    if plan.path is not None and plan.path.is_file():
        write_editable_sheets(wb, styles, plan)  # the whole plan, for plan import
    wb.close()
    atomic_write_bytes(out, buffer.getvalue())
