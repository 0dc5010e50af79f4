"""Explicit, recorded normalisation of the values departments type into input cells.

Every function returns the value taken and the changes it made (`Change`: code, before, after);
intake turns each change into a `normalised` (or, for approximate numbers, a `warning`) Finding, so
nothing is ever changed silently. Texts stay texts (全角 kept); only numeric cells and the status
get NFKC (全角 → 半角).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sheetflow import messages as msg

EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                          "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"})
_MULTIPLIERS = msg.NUMBER_MULTIPLIERS  # unit prefixes that scale a base unit; longest first
_APPROX_PREFIX = msg.NUMBER_APPROX_PREFIX
_APPROX_SUFFIX = msg.NUMBER_APPROX_SUFFIX
_MINUS = msg.NUMBER_MINUS_SIGNS
_NUMBER_RE = re.compile(r"(?P<sign>[+-]?)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?P<unit>(?![\d,.]).*)")


@dataclass(frozen=True)
class Change:
    code: str  # norm.text | norm.status | norm.number | norm.unit | kpi.approximate
    before: str
    after: str


@dataclass(frozen=True)
class Number:
    """A KPI cell read as a number in the KPI's unit."""

    value: float | None  # None: empty, or unreadable (see problem)
    typed: str  # the cell as typed (canonical text)
    changes: tuple[Change, ...] = ()
    problem: str = ""  # "" | "kpi.not_number" | "kpi.unit" (効果額: effect.not_number / unit / negative / fraction)
    unit_found: str = ""  # the unit typed, when problem == "kpi.unit" (効果額: or the value read)


def cell_text(value: object) -> str:
    """Canonical text of a cell value as written or as read back (calamine returns 1 as 1.0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def is_error_value(value: object) -> bool:
    """An Excel/LibreOffice error value read back as text (#REF!, #N/A, …)."""
    return isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS


def normalise_text(value: object) -> tuple[str, Change | None]:
    """Strip leading/trailing blanks and line breaks, unify line ends, drop runs of empty lines."""
    raw = value if isinstance(value, str) else cell_text(value)
    text = cell_text(raw).strip()
    text = re.sub(r"[ \t\u3000]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text, (Change("norm.text", raw, text) if text != raw else None)


def normalise_status(value: object, labels: list[str]) -> tuple[str, Change | None]:
    """Match a typed status to the scale ignoring blanks and 全角/半角; unknown text is kept (stripped)."""
    raw = cell_text(value)
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw))
    for label in labels:
        if key and key == re.sub(r"\s+", "", unicodedata.normalize("NFKC", label)):
            return label, (Change("norm.status", raw, label) if raw != label else None)
    return raw.strip(), None


def normalise_number(value: object, unit: str) -> Number:
    """Read a KPI actual in `unit`: numbers as they are; typed text with 全角 digits, thousands separators,
    the KPI's unit (or a scaled form of it: 円 → 億円, 件 → 千件), %, △ for minus and 約 (approximate)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Number(None, "")
    if isinstance(value, bool) or isinstance(value, date | datetime) or not isinstance(value, str | int | float):
        return Number(None, cell_text(value), problem="kpi.not_number")
    if isinstance(value, int | float):
        ok = math.isfinite(value)
        return Number(float(value) if ok else None, cell_text(value), problem="" if ok else "kpi.not_number")
    return _parse_number_text(value, unit)


def _parse_number_text(raw: str, unit: str) -> Number:
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw))
    approx = False
    for mark in _APPROX_PREFIX:
        if text.startswith(mark):
            text, approx = text[len(mark):], True
    for mark in _APPROX_SUFFIX:
        if text.endswith(mark):
            text, approx = text[: -len(mark)], True
    if text[:1] and text[0] in _MINUS:
        text = "-" + text[1:]
    m = _NUMBER_RE.fullmatch(text)
    if not m:
        return Number(None, raw, problem="kpi.not_number")
    try:
        number = Decimal(m["num"].replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern only admits decimals
        return Number(None, raw, problem="kpi.not_number")
    number = -number if m["sign"] == "-" else number
    found = m["unit"]
    factor = unit_factor(found, unit)
    if factor is None:
        return Number(None, raw, problem="kpi.unit", unit_found=found)
    value = float(number * factor)
    after = cell_text(value)
    code = "kpi.approximate" if approx else ("norm.unit" if factor != 1 else "norm.number")
    changes = (Change(code, raw, after),)  # text read as a number is always a recorded change
    return Number(value, raw, changes)


AMOUNT_UNIT = msg.EFFECT_UNIT  # 効果額 are whole 千円
_AMOUNT_CODES = {"norm.number": "effect.number", "norm.unit": "effect.converted",
                 "kpi.approximate": "effect.approximate"}


def normalise_amount(value: object) -> Number:
    """Read a 効果額 cell in 千円 the way KPI actuals are read (全角, 1,200, 約, 万円 → 千円), then require a
    whole number ≥ 0. Problems: effect.not_number, effect.unit, effect.negative, effect.fraction (for the
    last two, value is the amount read, which the caller refuses)."""
    number = normalise_number(value, AMOUNT_UNIT)
    changes = tuple(Change(_AMOUNT_CODES[c.code], c.before, c.after) for c in number.changes)
    problem = {"kpi.not_number": "effect.not_number", "kpi.unit": "effect.unit"}.get(number.problem, "")
    if number.value is not None and number.value < 0:
        problem = "effect.negative"
    elif number.value is not None and not float(number.value).is_integer():
        problem = "effect.fraction"
    if problem:
        return Number(number.value, number.typed, (), problem, number.unit_found)
    return Number(number.value, number.typed, changes)


def unit_factor(found: str, unit: str) -> Decimal | None:
    """Factor turning a number typed with unit `found` into `unit`; 1 for no unit; None if not convertible."""
    found, unit = (unicodedata.normalize("NFKC", u).strip() for u in (found, unit))
    if not found or found == unit:
        return Decimal(1)
    f_mult, f_base = _split_unit(found)
    u_mult, u_base = _split_unit(unit)
    if f_base != u_base or not f_base:
        return None
    return Decimal(f_mult) / Decimal(u_mult)


def _split_unit(unit: str) -> tuple[int, str]:
    for prefix, mult in _MULTIPLIERS:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return mult, unit[len(prefix):]
    return 1, unit
