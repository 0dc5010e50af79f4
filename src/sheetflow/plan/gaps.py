"""What a valid plan does not say but a reporting cycle would like to know (shown as 注意)."""

from __future__ import annotations

from sheetflow import messages as msg
from sheetflow.plan.model import Plan


def gaps(plan: Plan) -> list[str]:
    """What the plan does not say but a reporting cycle would like to know."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for item in plan.items:
        if item.missing:
            groups.setdefault(item.missing, []).append(item.no)
    notes = [msg.PLAN_MISSING_FIELDS.format(nos=", No.".join(map(str, nos)), count=len(nos),
                                            fields="、".join(msg.FIELD_LABELS.get(f, f) for f in missing))
             for missing, nos in groups.items()]
    ownerless = [str(i.no) for i in plan.items if i.owner is None]
    if ownerless:
        notes.append(msg.PLAN_NO_OWNERS.format(count=len(ownerless), nos=", No.".join(ownerless)))
    return notes


def confirmations(plan: Plan) -> list[tuple[int, str, tuple[int, ...], str]]:
    """Every 要確認 of the plan as (item no, field label, years, note), in plan order.

    Item entries (`confirm:`), indicators with a `confirm:` note and 効果額 estimates with one.
    """
    out = []
    for item in plan.items:
        out += [(item.no, msg.CONFIRM_FIELD_LABELS.get(c.field, c.field), c.years, c.note) for c in item.confirms]
        out += [(item.no, msg.PLAN_FIELD_KPI.format(name=f"{k.key} {k.name}"), (), k.confirm)
                for k in item.kpis if k.confirm]
        out += [(item.no, msg.PLAN_FIELD_ESTIMATE, (), e.confirm) for e in item.estimates if e.confirm]
    return out
