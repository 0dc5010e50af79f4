"""Validation of a loaded plan: pandera schemas over the plan's tables plus cross-references.

Returns Japanese messages naming the item and field. Missing-but-allowed fields are warnings.
"""

from __future__ import annotations

import pandas as pd

from sheetflow import messages as msg
from sheetflow.plan import schemas
from sheetflow.plan.departments import parse_departments
from sheetflow.plan.model import (
    CONFIRM_FIELDS,
    EFFECT_KEYS,
    ESTIMATE_KINDS,
    ESTIMATE_SPANS,
    KPI_KINDS,
    Plan,
)


def validate(plan: Plan, raw: dict) -> list[str]:
    """Every error of the plan (empty list: usable)."""
    problems = _item_table(plan) + _numbering(plan) + _theme_counts(plan) + _years(plan)
    problems += _targets(plan) + _figures(plan)
    for item in plan.items:
        problems += _departments(plan, item)
    return problems


def _item_table(plan: Plan) -> list[str]:
    rows = [{"no": i.no, "name": i.name, "theme": i.theme, "goal_year": i.goal_year,
             **{k: (i.effects or {}).get(k) for k in EFFECT_KEYS}} for i in plan.items]
    df = pd.DataFrame(rows, columns=["no", "name", "theme", "goal_year", *EFFECT_KEYS], dtype=object)
    df = df.astype({"no": int, "name": str})
    problems = _non_integers(df)
    if problems:
        return problems
    df = df.astype({c: "Int64" for c in ["theme", "goal_year", *EFFECT_KEYS]})
    schema = schemas.plan_items_schema(plan.first_year, plan.last_year, [t.no for t in plan.themes])
    out = []
    for case in schemas.failures(schema, df).itertuples():
        no = df.loc[case.index, "no"] if case.index is not None and case.index in df.index else "?"
        out.append(_item_message(no, case.column, case.failure_case, plan))
    return list(dict.fromkeys(out))


def _non_integers(df: pd.DataFrame) -> list[str]:
    out = []
    for col in ["theme", "goal_year", *EFFECT_KEYS]:
        for no, value in zip(df["no"], df[col], strict=True):
            if value is not None and not pd.isna(value) and not (isinstance(value, int) and not isinstance(value, bool)):
                out.append(msg.PLAN_FIELD_TYPE.format(where=f"No.{no}", field=msg.FIELD_LABELS.get(col, col),
                                                      value=value, expected=msg.PLAN_EXPECTED_INTEGER))
    return out


def _item_message(no: object, column: str, value: object, plan: Plan) -> str:
    if column == "no":
        return msg.PLAN_DUPLICATE_NO.format(no=no)
    if column == "name":
        return msg.PLAN_FIELD_REQUIRED.format(where=f"No.{no}", field=msg.FIELD_LABELS["name"])
    if column == "theme":
        return msg.PLAN_UNKNOWN_THEME.format(no=no, theme=value)
    if column == "goal_year":
        return msg.PLAN_YEAR_RANGE.format(no=no, field=msg.PLAN_FIELD_GOAL, year=value, first=plan.first_year,
                                          last=plan.last_year)
    return msg.PLAN_RATING_RANGE.format(no=no, field=msg.FIELD_LABELS[column], value=value)


def _numbering(plan: Plan) -> list[str]:
    nos = {i.no for i in plan.items}
    if not nos:
        return []
    gaps = sorted(set(range(1, max(nos) + 1)) - nos)
    return [msg.PLAN_NOT_CONTIGUOUS.format(count=max(nos), gaps=", ".join(map(str, gaps)))] if gaps else []


def _theme_counts(plan: Plan) -> list[str]:
    out = []
    for theme in plan.themes:
        actual = sum(1 for i in plan.items if i.theme == theme.no)
        if theme.expected_items is not None and actual != theme.expected_items:
            out.append(msg.PLAN_THEME_COUNT.format(theme=theme.no, name=theme.name,
                                                   expected=theme.expected_items, actual=actual))
    return out


def _years(plan: Plan) -> list[str]:
    rows = [{"no": i.no, "field": msg.PLAN_FIELD_SCHEDULE, "year": y} for i in plan.items for y in i.schedule]
    rows += [{"no": k.item_no, "field": msg.PLAN_FIELD_KPI.format(name=k.name), "year": y} for k in plan.kpis for y in k.targets]
    if not rows:
        return []
    df = pd.DataFrame(rows)
    cases = schemas.failures(schemas.plan_years_schema(plan.first_year, plan.last_year), df)
    return [msg.PLAN_YEAR_RANGE.format(no=df.loc[c.index, "no"], field=df.loc[c.index, "field"],
                                       year=c.failure_case, first=plan.first_year, last=plan.last_year)
            for c in cases.itertuples() if c.index is not None]


def _targets(plan: Plan) -> list[str]:
    rows = [{"no": k.item_no, "kpi": k.name, "year": y, "value": v, "direction": k.direction,
             "allow_negative": k.allow_negative} for k in plan.kpis for y, v in k.targets.items()]
    if not rows:
        return []
    df = pd.DataFrame(rows)
    out = []
    cases = schemas.failures(schemas.plan_targets_schema(), df.drop(columns="allow_negative"))
    for c in cases.itertuples():
        if c.index is None:
            continue
        r = df.loc[c.index]
        if c.column == "direction":
            out.append(msg.PLAN_KPI_DIRECTION.format(no=r.no, kpi=r.kpi, value=r.direction))
        else:
            out.append(msg.PLAN_KPI_TARGET.format(no=r.no, kpi=r.kpi, year=r.year, value=r.value))
    numeric = df[df["value"].map(lambda v: isinstance(v, int | float) and not isinstance(v, bool))]
    bad_neg = numeric[(numeric["value"].astype(float) < 0) & ~numeric["allow_negative"]]
    for r in bad_neg.drop_duplicates(["no", "kpi"]).itertuples():
        out.append(msg.PLAN_KPI_NEGATIVE.format(no=r.no, kpi=r.kpi))
    return list(dict.fromkeys(out))


def _departments(plan: Plan, item) -> list[str]:
    if not item.departments and item.owner is None:
        return []  # allowed when listed as missing; plan.gaps reports it
    depts, problems = parse_departments(item.departments, plan.prefixes, plan.generic_owners, plan.standalone)
    out = []
    for p in problems:
        kind, _, detail = p.partition(":")
        out.append(msg.PLAN_UNKNOWN_PREFIX.format(no=item.no, text=item.departments, prefix=detail)
                   if kind == "prefix" else msg.PLAN_NO_PREFIX.format(no=item.no, name=detail))
    if item.owner is not None and item.owner.ka in plan.generic_owners:
        return out + [msg.PLAN_OWNER_GENERIC.format(no=item.no, owner=item.owner.ka)]
    if not depts or problems:
        return out
    if item.owner is None or item.owner not in depts:
        out.append(msg.PLAN_OWNER_UNKNOWN.format(no=item.no, owner=item.owner or "", text=item.departments))
    elif item.owner != depts[0]:
        out.append(msg.PLAN_OWNER_MISMATCH.format(no=item.no, owner=item.owner, text=item.departments,
                                                  expected=depts[0]))
    if item.owner in depts and list(item.related) != [d for d in depts if d != item.owner]:
        out.append(msg.PLAN_RELATED_MISMATCH.format(
            no=item.no, related=[str(d) for d in item.related],
            expected=[str(d) for d in depts if d != item.owner], text=item.departments))
    return out


def _figures(plan: Plan) -> list[str]:
    """Kinds, goal figures and baselines of the indicators, the 効果額 estimates, the 要確認 entries."""
    out = []
    for k in plan.kpis:
        out += _kpi_figures(plan, k)
    for item, e in plan.estimates:
        out += _estimate(plan, item.no, e)
    for item in plan.items:
        for c in item.confirms:
            if c.field not in CONFIRM_FIELDS or not c.note:
                out.append(msg.PLAN_CONFIRM_BAD.format(no=item.no, field=c.field, fields="、".join(CONFIRM_FIELDS)))
            out += [_year_problem(plan, item.no, msg.PLAN_FIELD_CONFIRM, y) for y in c.years
                    if not plan.first_year <= y <= plan.last_year]
    return out


def _kpi_figures(plan: Plan, k) -> list[str]:
    out = []
    if k.kind and k.kind not in KPI_KINDS:
        out.append(msg.PLAN_KPI_KIND.format(no=k.item_no, kpi=k.name, value=k.kind, kinds="、".join(KPI_KINDS)))
    if k.goal is not None and not schemas.is_finite_number(k.goal):
        out.append(msg.PLAN_KPI_GOAL.format(no=k.item_no, kpi=k.name, value=k.goal))
    if k.goal is not None and (k.goal_year is None or not plan.first_year <= k.goal_year <= plan.last_year):
        out.append(_year_problem(plan, k.item_no, msg.PLAN_FIELD_KPI_GOAL.format(name=k.name), k.goal_year))
    if k.baseline is not None and not schemas.is_finite_number(k.baseline):
        out.append(msg.PLAN_KPI_BASELINE.format(no=k.item_no, kpi=k.name, value=k.baseline))
    return out


def _estimate(plan: Plan, no: int, e) -> list[str]:
    out = []
    if e.kind not in ESTIMATE_KINDS or e.span not in ESTIMATE_SPANS or not e.source:
        out.append(msg.PLAN_ESTIMATE_BAD.format(no=no, kinds="、".join(ESTIMATE_KINDS),
                                                spans="、".join(ESTIMATE_SPANS)))
    if not (isinstance(e.amount, int) and not isinstance(e.amount, bool) and e.amount >= 0):
        out.append(msg.PLAN_ESTIMATE_AMOUNT.format(no=no, value=e.amount))
    for y in (e.first_year, e.last_year):
        if not plan.first_year <= y <= plan.last_year:
            out.append(_year_problem(plan, no, msg.PLAN_FIELD_ESTIMATE, y))
    return out


def _year_problem(plan: Plan, no: int, field: str, year: object) -> str:
    return msg.PLAN_YEAR_RANGE.format(no=no, field=field, year=year, first=plan.first_year, last=plan.last_year)
