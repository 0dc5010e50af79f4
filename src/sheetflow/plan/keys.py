"""Strict plan files: every key a plan file may use, and the Japanese problem for any other key.

A key that no code reads is refused rather than silently ignored (a typo such as `kpi:` for `kpis:`
would otherwise drop data without a word).
"""

from __future__ import annotations

from sheetflow import messages as msg

TOP = ("plan", "prefixes", "generic_owners", "standalone", "themes", "items")
HEAD = ("id", "version", "title", "municipality", "first_year", "last_year", "office", "source",
        "effective_from")
THEME = ("no", "name", "items", "concept")
ITEM = ("no", "theme", "name", "departments", "owner", "related", "digital", "continued", "content", "goal",
        "schedule", "kpis", "effects", "pr", "missing", "practices", "practice_count", "changed_practices",
        "estimates", "confirm")
GOAL = ("year", "texts")
KPI = ("name", "unit", "direction", "accumulate", "targets", "allow_negative", "note", "kind", "goal",
       "baseline", "confirm")
KPI_GOAL = ("year", "value", "text")
BASELINE = ("year", "value", "text", "unit")
TARGET = ("value", "tentative")
EFFECTS = ("citizen", "fiscal", "efficiency")
PRACTICE = ("no", "name", "new_in")
PRACTICE_COUNT = ("current", "new", "total")
ESTIMATE = ("kind", "amount", "span", "years", "source", "at_least", "note", "confirm")
CONFIRM = ("field", "note", "years")


def unknown_keys(raw: dict) -> list[str]:
    """One Japanese message per key the plan format does not know, naming where it is."""
    out = _extra(raw, TOP, msg.PLAN_WHERE_TOP)
    out += _extra(raw.get("plan"), HEAD, "plan")
    for n, theme in enumerate(_list(raw.get("themes")), start=1):
        out += _extra(theme, THEME, msg.PLAN_WHERE_THEME.format(no=_no(theme, n)))
    for n, item in enumerate(_list(raw.get("items")), start=1):
        out += _item_keys(item, msg.PLAN_WHERE_ITEM.format(no=_no(item, n)))
    return out


def _item_keys(item: object, where: str) -> list[str]:
    if not isinstance(item, dict):
        return []
    out = _extra(item, ITEM, where)
    out += _extra(item.get("goal"), GOAL, f"{where} goal")
    out += _extra(item.get("effects"), EFFECTS, f"{where} effects")
    out += _extra(item.get("practice_count"), PRACTICE_COUNT, f"{where} practice_count")
    out += _each(item.get("practices"), PRACTICE, f"{where} practices")
    out += _each(item.get("estimates"), ESTIMATE, f"{where} estimates")
    out += _each(item.get("confirm"), CONFIRM, f"{where} confirm")
    for n, kpi in enumerate(_list(item.get("kpis")), start=1):
        out += _kpi_keys(kpi, f"{where} kpis[{n}]")
    return out


def _kpi_keys(kpi: object, where: str) -> list[str]:
    if not isinstance(kpi, dict):
        return []
    out = _extra(kpi, KPI, where)
    out += _extra(kpi.get("goal"), KPI_GOAL, f"{where} goal")
    out += _extra(kpi.get("baseline"), BASELINE, f"{where} baseline")
    targets = kpi.get("targets")
    for year, value in (targets.items() if isinstance(targets, dict) else ()):
        out += _extra(value, TARGET, f"{where} targets {year}")
    return out


def _each(entries: object, allowed: tuple[str, ...], where: str) -> list[str]:
    return [p for n, e in enumerate(_list(entries), start=1) for p in _extra(e, allowed, f"{where}[{n}]")]


def _extra(mapping: object, allowed: tuple[str, ...], where: str) -> list[str]:
    if not isinstance(mapping, dict):
        return []
    return [msg.PLAN_UNKNOWN_KEY.format(where=where, key=k, allowed="、".join(allowed))
            for k in mapping if k not in allowed]


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


def _no(entry: object, n: int) -> object:
    return entry.get("no", n) if isinstance(entry, dict) else n
