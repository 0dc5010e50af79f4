"""The plan maintained in Excel: `plan export` adds editable sheets of the whole plan, `plan import` reads them back.

One sheet per part of the plan file, one row per entry, one column per field (COLUMNS); lists are written one
entry per line in a cell, booleans as ○, the 取組予定 and yearly targets as one column per fiscal year. Import
turns the sheets back into the plan file's data, builds and validates it exactly as `plan check` does, and
writes the YAML only when there is no problem (export → import gives the same plan).
"""

from __future__ import annotations

from pathlib import Path

from sheetflow import messages as msg
from sheetflow.ground.files import atomic_write_bytes
from sheetflow.ground.xlsx import Styles, page_setup, write_table
from sheetflow.plan.model import Plan, PlanError, build_plan, read_yaml

HEAD = ("id", "version", "title", "municipality", "first_year", "last_year", "office", "source", "effective_from")
# sheet → ((header, path in the entry, type), …); "{year}" columns repeat for each fiscal year of the plan
COLUMNS = {
    "themes": (("no", "no", "int"), ("name", "name", "text"), ("items", "items", "int"), ("concept", "concept", "text")),
    "items": (("no", "no", "int"), ("theme", "theme", "int"), ("name", "name", "text"),
              ("departments", "departments", "text"), ("owner", "owner", "text"), ("related", "related", "list"),
              ("digital", "digital", "bool"), ("continued", "continued", "bool"), ("content", "content", "text"),
              ("goal.year", "goal.year", "int"), ("goal.texts", "goal.texts", "list"),
              ("schedule.{year}", "schedule.{year}", "text"), ("effects.citizen", "effects.citizen", "int"),
              ("effects.fiscal", "effects.fiscal", "int"), ("effects.efficiency", "effects.efficiency", "int"),
              ("pr", "pr", "text"), ("missing", "missing", "list"),
              ("practice_count.current", "practice_count.current", "int"),
              ("practice_count.new", "practice_count.new", "int"),
              ("practice_count.total", "practice_count.total", "int"),
              ("changed_practices", "changed_practices", "list")),
    "kpis": (("item", "item", "int"), ("name", "name", "text"), ("unit", "unit", "text"),
             ("direction", "direction", "text"), ("kind", "kind", "text"), ("accumulate", "accumulate", "bool"),
             ("allow_negative", "allow_negative", "bool"), ("targets.{year}", "targets.{year}", "number"),
             ("tentative", "tentative", "years"), ("goal.year", "goal.year", "int"),
             ("goal.value", "goal.value", "number"), ("goal.text", "goal.text", "text"),
             ("baseline.year", "baseline.year", "int"), ("baseline.value", "baseline.value", "number"),
             ("baseline.text", "baseline.text", "text"), ("baseline.unit", "baseline.unit", "text"),
             ("note", "note", "text"), ("confirm", "confirm", "text")),
    "estimates": (("item", "item", "int"), ("kind", "kind", "text"), ("amount", "amount", "int"),
                  ("span", "span", "text"), ("years", "years", "years"), ("at_least", "at_least", "bool"),
                  ("source", "source", "text"), ("note", "note", "text"), ("confirm", "confirm", "text")),
    "confirm": (("item", "item", "int"), ("field", "field", "text"), ("years", "years", "years"),
                ("note", "note", "text")),
    "practices": (("item", "item", "int"), ("no", "no", "text"), ("name", "name", "text"), ("new_in", "new_in", "int")),
    "prefixes": (("prefix", "prefix", "text"), ("bu", "bu", "text")),
}
HEAD_COLUMNS = (("key", "key", "text"), ("value", "value", "text"))


def columns(sheet: str, plan_years: range) -> list[tuple[str, str, str]]:
    """The sheet's columns with the {year} columns spelled out for the plan's fiscal years."""
    out = []
    for header, path, kind in COLUMNS[sheet]:
        years = plan_years if "{year}" in header else (None,)
        out += [(header.format(year=y), path.format(year=y), kind) for y in years]
    return out


# --- export --------------------------------------------------------------------------------------
def _get(entry: dict, path: str) -> object:
    value: object = entry
    for part in path.split("."):
        value = value.get(part if part in value else _year_key(part, value)) if isinstance(value, dict) else None
    return value


def _year_key(part: str, mapping: dict) -> object:
    return int(part) if part.isdigit() and int(part) in mapping else part


def _cell(value: object, kind: str) -> object:
    if isinstance(value, dict):  # a target written {value: 3, tentative: true}
        value = value.get("value")
    if kind in ("list", "years"):
        return "\n".join(str(v) for v in value or ()) or None
    if kind == "bool":
        return bool(value)
    return value if value is not None and value != "" else None


def sheet_rows(raw: dict, plan_years: range) -> dict[str, list[list[object]]]:
    """The plan file's data as the editable sheets' rows."""
    items = [i for i in raw.get("items") or [] if isinstance(i, dict)]
    per_item = {
        "kpis": [{"item": i["no"], **k, "tentative": [y for y, v in (k.get("targets") or {}).items()
                                                      if isinstance(v, dict) and v.get("tentative")]}
                 for i in items for k in i.get("kpis") or []],
        "estimates": [{"item": i["no"], **e} for i in items for e in i.get("estimates") or []],
        "confirm": [{"item": i["no"], **c} for i in items for c in i.get("confirm") or []],
        "practices": [{"item": i["no"], **p} for i in items for p in i.get("practices") or []],
    }
    entries = {"themes": raw.get("themes") or [], "items": items, **per_item,
               "prefixes": [{"prefix": k, "bu": v} for k, v in (raw.get("prefixes") or {}).items()]}
    rows = {s: [[_cell(_get(e, path), kind) for _, path, kind in columns(s, plan_years)] for e in entries[s]]
            for s in COLUMNS}
    head = raw.get("plan") or {}
    rows["plan"] = [[k, None if head.get(k) is None else str(head[k])] for k in HEAD]
    rows["plan"] += [[k, "\n".join(raw.get(k) or ())] for k in ("generic_owners", "standalone")]
    return rows


def write_editable_sheets(wb, styles: Styles, plan: Plan) -> None:
    """The editable sheets (named msg.PLAN_SHEET_NAMES) after the review sheet of `plan export`."""
    years = range(plan.first_year, plan.last_year + 1)
    rows = sheet_rows(read_yaml(plan.path), years)
    for sheet, name in msg.PLAN_SHEET_NAMES.items():
        cols = HEAD_COLUMNS if sheet == "plan" else columns(sheet, years)
        ws = wb.add_worksheet(name)
        write_table(ws, styles, 0, [h for h, _, _ in cols], rows[sheet], [14] * len(cols))
        page_setup(ws, name, repeat_rows=(0, 0))


# --- import --------------------------------------------------------------------------------------
def import_plan(source: Path, out: Path) -> Plan:
    """Read an exported (and edited) workbook back; write the plan file only when it validates."""
    import yaml

    from sheetflow.plan.check import validate
    from sheetflow.plan.excel_read import read_sheets

    raw = read_sheets(source, columns)
    plan, problems = build_plan(raw, out)
    problems += validate(plan, raw) if not problems else []
    if problems:
        raise PlanError(source, problems)
    text = yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=1000)
    atomic_write_bytes(out, text.encode("utf-8"))
    return plan
