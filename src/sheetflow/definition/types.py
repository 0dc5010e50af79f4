"""The field types of a form definition: a registry, each type owning what it means at every stage.

A type (the definition's 型) gives: the Excel validation of its cells (xlsxwriter options), the normaliser of
what a respondent typed (全角 digits, 「約120万円」, 「R7.9.30」 — every change recorded, never silent), the
check of a normalised value (used as pandera's element check), the SQLite storage type, whether numbers sum,
and the generic finding codes that name the field's 見出し (messages/findings.py, codes `field.*`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from sheetflow import messages as msg
from sheetflow.definition import normalise as N


@dataclass(frozen=True)
class Reading:
    """One typed cell read by its field's type: the value taken (None: empty or refused), the recorded
    changes, and the problem (a finding code; its template fields in detail)."""

    value: object
    changes: tuple[N.Change, ...] = ()
    problem: str = ""
    detail: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Limits:
    """What a field adds to its type: 最小, 最大, 最大文字数, and the choices of a 選択 type."""

    minimum: float | None = None
    maximum: float | None = None
    max_len: int | None = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class FieldType:
    """One entry of the registry (see the module docstring)."""

    name: str  # as the definition writes it: 整数, 選択:進捗状況, …
    storage: str  # SQLite: INTEGER | REAL | TEXT
    numeric: bool = False  # 集計 合計 and 最小・最大 apply
    list_name: str = ""  # 選択:<リスト名>

    def read(self, raw: object, limits: Limits) -> Reading:
        """Normalise one typed cell and judge it (empty is None, left to the 必須 rules)."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return Reading(None)
        reading = _READERS[self.kind](raw, limits)
        if reading.problem or not self.numeric or reading.value is None:
            return reading
        return _in_range(reading, limits)

    @property
    def kind(self) -> str:
        """The registry key: the type's name, or "choice" for every 選択:<リスト名>."""
        return "choice" if self.list_name else self.name

    def accepts(self, value: object, limits: Limits) -> bool:
        """The check of a normalised value (pandera's element-wise check): empty, or what read() takes."""
        if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
            return True
        return not self.read(value, limits).problem

    def validation(self, header: str, limits: Limits, list_source: str = "") -> dict | None:
        """The xlsxwriter data_validation options of the type's cells (input message added by the writer);
        None for a type without one (文字 without 最大文字数)."""
        return _VALIDATIONS[self.kind](self, header, limits, list_source)


def type_named(name: str) -> FieldType | None:
    """The type a definition's 型 names (NFKC, so 全角/半角 and blanks do not matter); None if unknown."""
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name or ""))
    prefix = unicodedata.normalize("NFKC", msg.TYPE_CHOICE_PREFIX)
    if key.startswith(prefix) and len(key) > len(prefix):
        return FieldType(msg.TYPE_CHOICE_PREFIX + key[len(prefix):], "TEXT", list_name=key[len(prefix):])
    return next((t for t in PLAIN_TYPES if unicodedata.normalize("NFKC", t.name) == key), None)


def type_names() -> list[str]:
    """The names a definition may write in 型 (for the check's message)."""
    return [t.name for t in PLAIN_TYPES] + [msg.TYPE_CHOICE_PREFIX + msg.TYPE_CHOICE_PLACEHOLDER]


# --- readers -----------------------------------------------------------------------------------------

def _read_text(raw: object, limits: Limits) -> Reading:
    text, change = N.normalise_text(raw)
    if limits.max_len and len(text) > limits.max_len:
        return Reading(text, (), "text.too_long", {"length": len(text), "max_len": limits.max_len})
    return Reading(text, (change,) if change else ())


def _read_number(raw: object, limits: Limits) -> Reading:
    number = N.normalise_number(raw, "")
    if number.problem:
        return Reading(None, (), "field.not_number", {"value": number.typed, "range": range_text(limits)})
    return Reading(number.value, _field_changes(number.changes))


def _read_integer(raw: object, limits: Limits) -> Reading:
    reading = _read_number(raw, limits)
    if reading.problem:
        return Reading(None, (), "field.not_integer", reading.detail)
    if not float(reading.value).is_integer():
        return Reading(None, (), "field.not_integer", {"value": N.cell_text(raw), "range": range_text(limits)})
    return Reading(int(reading.value), reading.changes)


def _read_amount(raw: object, limits: Limits) -> Reading:
    number = N.normalise_amount(raw)
    if number.problem:
        return Reading(None, (), number.problem, {"value": number.typed, "unit": number.unit_found,
                                                   "before": number.typed, "after": N.cell_text(number.value)})
    return Reading(int(number.value), number.changes)


def _field_changes(changes: tuple[N.Change, ...]) -> tuple[N.Change, ...]:
    codes = {"kpi.approximate": "field.approximate"}
    return tuple(N.Change(codes.get(c.code, "field.number"), c.before, c.after) for c in changes)


def _read_date(raw: object, limits: Limits) -> Reading:
    if isinstance(raw, datetime | date):
        return Reading((raw.date() if isinstance(raw, datetime) else raw).isoformat())
    typed = N.cell_text(raw).strip()
    found = _parse_date(typed)
    if found is None:
        return Reading(None, (), "field.not_date", {"value": typed})
    return Reading(found.isoformat(), () if typed == found.isoformat() else
                   (N.Change("field.date", typed, found.isoformat()),))


_DATE_RE = re.compile(msg.TYPE_DATE_PATTERN)
_ERA_START = msg.TYPE_DATE_ERA_OFFSETS


def _parse_date(typed: str) -> date | None:
    m = _DATE_RE.fullmatch(re.sub(r"\s+", "", unicodedata.normalize("NFKC", typed)))
    if m is None or (m["era"] and m["era"].upper() not in _ERA_START and m["era"] not in _ERA_START):
        return None
    year = int(m["y"]) + (_ERA_START.get(m["era"].upper(), _ERA_START.get(m["era"], 0)) if m["era"] else 0)
    try:
        return date(year, int(m["m"]), int(m["d"])) if year >= 1900 else None
    except ValueError:
        return None


def _read_yes_no(raw: object, limits: Limits) -> Reading:
    typed = N.cell_text(raw).strip()
    key = unicodedata.normalize("NFKC", typed).casefold()
    for value, words in ((msg.TYPE_YES, msg.TYPE_YES_WORDS), (msg.TYPE_NO, msg.TYPE_NO_WORDS)):
        if key in {unicodedata.normalize("NFKC", w).casefold() for w in words}:
            return Reading(value, () if typed == value else (N.Change("field.choice", typed, value),))
    return Reading(None, (), "field.not_choice", {"value": typed, "choices": _choice_text(
        (msg.TYPE_YES, msg.TYPE_NO))})


def _read_choice(raw: object, limits: Limits) -> Reading:
    value, change = N.normalise_status(raw, list(limits.choices))
    if value not in limits.choices:
        return Reading(None, (), "field.not_choice", {"value": value, "choices": _choice_text(limits.choices)})
    return Reading(value, (N.Change("field.choice", change.before, change.after),) if change else ())


def _choice_text(choices: tuple[str, ...]) -> str:
    return msg.FINDING_CHOICE_SEPARATOR.join(choices)


def _in_range(reading: Reading, limits: Limits) -> Reading:
    value = reading.value
    low = limits.minimum is not None and value < limits.minimum
    if low or (limits.maximum is not None and value > limits.maximum):
        return Reading(None, (), "field.out_of_range", {"value": N.cell_text(value), "range": range_text(limits)})
    return reading


def range_text(limits: Limits) -> str:
    """「0以上100以下の」: the range a finding or an Excel error names (empty without limits)."""
    low, high = (None if v is None else N.cell_text(v) for v in (limits.minimum, limits.maximum))
    if low is not None and high is not None:
        return msg.TYPE_RANGE_BOTH.format(minimum=low, maximum=high)
    if low is not None:
        return msg.TYPE_RANGE_MIN.format(minimum=low)
    return msg.TYPE_RANGE_MAX.format(maximum=high) if high is not None else ""


_READERS = {msg.TYPE_TEXT: _read_text, msg.TYPE_INTEGER: _read_integer, msg.TYPE_DECIMAL: _read_number,
            msg.TYPE_AMOUNT: _read_amount, msg.TYPE_DATE: _read_date, msg.TYPE_YES_NO: _read_yes_no,
            "choice": _read_choice}


# --- Excel validations ---------------------------------------------------------------------------------

def _error(kind: str, header: str, limits: Limits) -> dict:
    text = msg.TYPE_ERRORS[kind].format(header=header, range=range_text(limits))
    return {"error_type": "stop", "error_title": msg.TYPE_ERROR_TITLE, "error_message": text}


def _number_rule(limits: Limits, default_minimum: float | None = None) -> dict:
    low, high = (_plain(v) for v in (limits.minimum if limits.minimum is not None else default_minimum,
                                     limits.maximum))
    if low is not None and high is not None:
        return {"criteria": "between", "minimum": low, "maximum": high}
    if low is not None:
        return {"criteria": ">=", "value": low}
    if high is not None:
        return {"criteria": "<=", "value": high}
    return {"criteria": "between", "minimum": -1e15, "maximum": 1e15}


def _plain(value: float | None) -> float | int | None:
    """A whole bound as an int, so that Excel's formula reads 0, not 0.0."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _validate_text(t: FieldType, header: str, limits: Limits, source: str) -> dict | None:
    if not limits.max_len:
        return None
    text = msg.FORMS_LENGTH_ERROR.format(header=header, max_len=limits.max_len)
    return {"validate": "length", "criteria": "<=", "value": limits.max_len, "error_type": "stop",
            "error_title": msg.FORMS_LENGTH_ERROR_TITLE, "error_message": text}


def _validate_number(t: FieldType, header: str, limits: Limits, source: str) -> dict:
    validate = "integer" if t.kind in (msg.TYPE_INTEGER, msg.TYPE_AMOUNT) else "decimal"
    rule = _number_rule(limits, 0 if t.kind == msg.TYPE_AMOUNT else None)
    return {"validate": validate, **rule, **_error(t.kind, header, limits)}


def _validate_date(t: FieldType, header: str, limits: Limits, source: str) -> dict:
    return {"validate": "date", "criteria": "between", "minimum": date(1900, 1, 1), "maximum": date(2199, 12, 31),
            **_error(t.kind, header, limits)}


def _validate_list(t: FieldType, header: str, limits: Limits, source: str) -> dict:
    return {"validate": "list", "source": source or [msg.TYPE_YES, msg.TYPE_NO],
            **_error(t.kind, header, limits)}


_VALIDATIONS = {msg.TYPE_TEXT: _validate_text, msg.TYPE_INTEGER: _validate_number,
                msg.TYPE_DECIMAL: _validate_number, msg.TYPE_AMOUNT: _validate_number,
                msg.TYPE_DATE: _validate_date, msg.TYPE_YES_NO: _validate_list, "choice": _validate_list}

PLAIN_TYPES = (
    FieldType(msg.TYPE_TEXT, "TEXT"),
    FieldType(msg.TYPE_INTEGER, "INTEGER", numeric=True),
    FieldType(msg.TYPE_DECIMAL, "REAL", numeric=True),
    FieldType(msg.TYPE_AMOUNT, "INTEGER", numeric=True),
    FieldType(msg.TYPE_DATE, "TEXT"),
    FieldType(msg.TYPE_YES_NO, "TEXT"),
)
