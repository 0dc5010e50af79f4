"""Human views of the plan: the `plan check` summary and the review workbook of `plan export`."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.ground.files import atomic_write_bytes
from sheetflow.ground.periods import fiscal_label
from sheetflow.ground.xlsx import Styles, new_workbook, page_setup, write_table
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
    """One sheet 「取組項目」 with every item, strings written as strings."""
    import io

    buffer = io.BytesIO()
    wb = new_workbook(buffer)
    styles = Styles(wb)
    ws = wb.add_worksheet(msg.EXPORT_SHEET)
    ws.write_string(0, 0, msg.EXPORT_TITLE.format(title=plan.title, plan_id=plan.id, version=plan.version), styles.title)
    write_table(ws, styles, 2, EXPORT_HEADERS, [_row(plan, i) for i in plan.items], EXPORT_WIDTHS,
                number_cols=frozenset({0, 12, 13, 14}))
    page_setup(ws, msg.EXPORT_PAGE_HEADER.format(title=plan.title), repeat_rows=(2, 2))
    wb.close()
    atomic_write_bytes(out, buffer.getvalue())
