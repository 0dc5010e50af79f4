"""The rows of 項目 → Field: each column checked at its cell (表ID, 項目ID, 型, 必須, 最小/最大, 集計, 期, …), and a
condition of 必須 checked to name a field of the same table."""

from __future__ import annotations

import re

from sheetflow import messages as msg
from sheetflow.definition import source
from sheetflow.definition.cells import (
    ROLE_BY_NAME,
    Sink,
    close_match,
    identifier,
    is_mark,
    mark,
    number,
    table_named,
    whole,
)
from sheetflow.definition.model import Field, Requirement, Table
from sheetflow.definition.types import type_named, type_names

# Names the stages keep for their own columns beside a table's fields (ledger identity and provenance).
RESERVED_IDS = frozenset({"period", "department", "seq", "replaced_at", "replaced_by", "source_sha256",
                          "source_name", "file_mtime", "merged_at", "form_generated_at", "format_version",
                          "plan_id", "plan_version", "sheetflow_version", "member", "year"})
_CONDITION = re.compile(r"(?P<field>[^\W\d]\w*)\s*(?P<op>[:=：＝])\s*(?P<what>.+)")


def read_fields(sink: Sink, sheet: source.Sheet, tables: tuple[Table, ...], lists: set[str]):
    """Every row of 項目 as a Field (problems go to sink); lists: the names of 選択肢's lists."""
    seen: dict[str, dict[str, str]] = {}
    for n, row in sheet.rows:
        table = table_named(sink, sheet, n, row, [t.id for t in tables], msg.DEF_FIELD_COLUMNS[0])
        key = identifier(sink, sheet, n, row, msg.DEF_FIELD_COLUMNS[1], seen.setdefault(table, {}))
        yield _field(sink, sheet, n, row, (table, key), lists)
    _check_conditions(sink, sheet)
def _field(sink: Sink, sheet: source.Sheet, n: int, row: dict, at: tuple[str, str], lists: set[str]) -> Field:
    """One row of 項目 (at: its 表ID and 項目ID, already checked); c names the columns in the sheet's order."""
    c = dict(zip(("table", "key", "header", "type", "required", "min", "max", "max_len", "prompt", "total",
                  "publish", "locked", "source", "h1", "h2", "p1", "p2", "half", "width", "since"),
                 msg.DEF_FIELD_COLUMNS, strict=True))
    if not row.get(c["header"]):
        sink.add(sheet, n, c["header"], msg.DEF_EMPTY.format(column=c["header"]))
    type_name = _type(sink, sheet, n, row.get(c["type"], ""), lists)
    limits = _limits(sink, sheet, n, row, type_name)
    locked = mark(sink, sheet, n, row, c["locked"])
    if not locked and at[1] in RESERVED_IDS:
        sink.add(sheet, n, c["key"], msg.DEF_RESERVED_ID.format(value=at[1]))
    requirement = _requirement(sink, sheet, n, row.get(c["required"], ""), locked)
    return Field(at[0], at[1], row.get(c["header"], ""), type_name, number(sink, sheet, n, row, c["width"]) or 10,
                 not locked, requirement, *limits, prompt=row.get(c["prompt"], ""),
                 total=_total(sink, sheet, n, row.get(c["total"], ""), type_name),
                 publish=mark(sink, sheet, n, row, c["publish"]), source=row.get(c["source"], ""),
                 half_headers=(row.get(c["h1"], ""), row.get(c["h2"], "")),
                 half_prompts=(row.get(c["p1"], ""), row.get(c["p2"], "")),
                 half=_half(sink, sheet, n, row.get(c["half"], "")),
                 since=str(whole(sink, sheet, n, row, c["since"]) or 1))


def _type(sink: Sink, sheet: source.Sheet, n: int, value: str, lists: set[str]) -> str:
    """型: a type of the registry ("" when unknown); 選択:<リスト名> names a list of 選択肢."""
    column = msg.DEF_FIELD_COLUMNS[3]
    found = type_named(value)
    if found is None:
        choices = msg.DEF_TYPE_NAMES_SEPARATOR.join(type_names())
        sink.add(sheet, n, column, msg.DEF_BAD_TYPE.format(value=value, choices=choices))
        return ""  # unknown: the checks that depend on the type say nothing more
    if found.list_name and found.list_name not in lists:
        near = close_match(found.list_name, sorted(lists))
        text = msg.DEF_BAD_LIST_HINT.format(value=value, name=found.list_name, found=near) if near else \
            msg.DEF_BAD_LIST.format(value=value, name=found.list_name)
        sink.add(sheet, n, column, text)
    return found.name


def _limits(sink: Sink, sheet: source.Sheet, n: int, row: dict, type_name: str) -> tuple:
    """(最小, 最大, 最大文字数): a range only for a numeric type, 最小 not above 最大."""
    low_col, high_col, len_col = msg.DEF_FIELD_COLUMNS[5:8]
    low, high = number(sink, sheet, n, row, low_col), number(sink, sheet, n, row, high_col)
    numeric = _numeric(type_name)
    if (low is not None or high is not None) and not numeric:
        sink.add(sheet, n, low_col if low is not None else high_col, msg.DEF_RANGE_NOT_NUMERIC)
    elif low is not None and high is not None and low > high:
        sink.add(sheet, n, low_col, msg.DEF_BAD_RANGE.format(minimum=row[low_col], maximum=row[high_col]))
    return low, high, whole(sink, sheet, n, row, len_col)


def _total(sink: Sink, sheet: source.Sheet, n: int, value: str, type_name: str) -> str:
    """集計: blank, 合計 (a numeric type only) or 件数."""
    column = msg.DEF_FIELD_COLUMNS[9]
    if value and value not in msg.DEF_TOTALS:
        sink.add(sheet, n, column, msg.DEF_BAD_TOTAL.format(
            value=value, choices=msg.DEF_TYPE_NAMES_SEPARATOR.join(msg.DEF_TOTALS)))
        return ""
    if value == msg.DEF_TOTAL_SUM and not _numeric(type_name):
        sink.add(sheet, n, column, msg.DEF_SUM_NOT_NUMERIC)
    return value


def _numeric(type_name: str) -> bool:
    """A numeric type; an unknown one (already named as a problem) counts as numeric, to say nothing more."""
    found = type_named(type_name)
    return found is None or found.numeric


def _half(sink: Sink, sheet: source.Sheet, n: int, value: str) -> int:
    """期: blank (0: both halves), 上期 (1) or 下期 (2): the halves a field is asked in."""
    if value and value not in msg.DEF_HALVES:
        sink.add(sheet, n, msg.DEF_FIELD_COLUMNS[17], msg.DEF_BAD_HALF.format(value=value))
    return msg.DEF_HALVES.get(value, 0)


def _requirement(sink: Sink, sheet: source.Sheet, n: int, value: str, locked: bool) -> Requirement | None:
    """必須: ○ (always), "<項目ID>:<役割>" (when the choice made there has that role, e.g. status:理由必須) or
    "<項目ID>=<値>" (when that field holds the value); not on a locked (編集不可) field."""
    column = msg.DEF_FIELD_COLUMNS[4]
    if not value:
        return None
    if locked:
        sink.add(sheet, n, column, msg.DEF_LOCKED_REQUIRED)
    if is_mark(value):
        return Requirement()
    m = _CONDITION.fullmatch(value)
    if m is None:
        sink.add(sheet, n, column, msg.DEF_BAD_REQUIRED.format(value=value))
        return None
    if m["op"] in ":：":
        if m["what"] not in ROLE_BY_NAME:
            sink.add(sheet, n, column, msg.DEF_BAD_REQUIRED_ROLE.format(
                value=m["what"], choices=msg.DEF_TYPE_NAMES_SEPARATOR.join(msg.DEF_ROLE_NAMES.values())))
            return None
        return Requirement(m["field"], role=ROLE_BY_NAME[m["what"]])
    return Requirement(m["field"], value=m["what"].strip())


def _check_conditions(sink: Sink, sheet: source.Sheet) -> None:
    """A condition of 必須 names a field of the same table."""
    keys = {(row.get(msg.DEF_FIELD_COLUMNS[0], ""), row.get(msg.DEF_FIELD_COLUMNS[1], "")) for _, row in sheet.rows}
    for n, row in sheet.rows:
        m = _CONDITION.fullmatch(row.get(msg.DEF_FIELD_COLUMNS[4], ""))
        if m and (row.get(msg.DEF_FIELD_COLUMNS[0], ""), m["field"]) not in keys:
            sink.add(sheet, n, msg.DEF_FIELD_COLUMNS[4], msg.DEF_BAD_REQUIRED_FIELD.format(value=m["field"]))
