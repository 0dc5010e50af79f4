"""Reporting periods (上期 / 下期) of the Japanese fiscal year, and 和暦 helpers.

FY2025 = 令和7年度 = 2025-04-01 … 2026-03-31. H1 (上期) is reported as of 9/30, H2 (下期・年度末) as of 3/31.
Fiscal-year labels use 令和 from FY2019 (令和元年度) and 平成 before.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sheetflow import messages as msg

MIN_YEAR, MAX_YEAR = 1989, 2200
JAPAN = timezone(timedelta(hours=9))  # Japan keeps no daylight saving time: a fixed offset needs no tzdata
ERAS = msg.ERAS  # (kanji, letter, first day), newest first
HALF_NAMES = msg.HALF_NAMES
LONG_HALF = msg.LONG_HALF
_AS_OF_TEXT = msg.AS_OF_TEXT

ACCEPTED_FORMS = msg.ACCEPTED_FORMS
ERR_UNREADABLE = msg.PERIOD_UNREADABLE
REASON_YEAR = msg.PERIOD_REASON_YEAR
REASON_AS_OF = msg.PERIOD_REASON_AS_OF
ERR_YEAR = msg.PERIOD_BAD_YEAR
ERR_HALF = msg.PERIOD_BAD_HALF
ERR_WAREKI = msg.PERIOD_NO_WAREKI

_DASHES = str.maketrans({c: "-" for c in msg.PERIOD_DASHES})
_PERIOD_RE = re.compile(msg.PERIOD_PATTERN, re.ASCII)


class PeriodError(ValueError):
    """A period could not be read or built; the message is Japanese and user-facing."""


@dataclass(frozen=True, order=True)
class Period:
    """One half of a fiscal year: year = 西暦 of its April, half = 1 (上期) or 2 (下期)."""

    year: int
    half: int

    def __post_init__(self) -> None:
        if not isinstance(self.year, int) or not MIN_YEAR <= self.year <= MAX_YEAR:
            raise PeriodError(ERR_YEAR.format(lo=MIN_YEAR, hi=MAX_YEAR, value=self.year))
        if not isinstance(self.half, int) or self.half not in (1, 2):
            raise PeriodError(ERR_HALF.format(value=self.half))

    @property
    def code(self) -> str:
        """Canonical code for file and folder names, e.g. "2025H1"."""
        return f"{self.year}H{self.half}"

    @property
    def label(self) -> str:
        """E.g. "令和7年度 上期"."""
        return f"{fiscal_label(self.year)} {HALF_NAMES[self.half]}"

    @property
    def long_label(self) -> str:
        """E.g. "令和7年度 下期・年度末（3月31日現在）"."""
        return f"{fiscal_label(self.year)} {LONG_HALF[self.half]}"

    @property
    def label_with_code(self) -> str:
        """E.g. "令和7年度 上期（2025H1）": the label people read and the code folders and options use."""
        return msg.PERIOD_WITH_CODE.format(label=self.label, code=self.code)

    @property
    def short_label(self) -> str:
        """E.g. "R7上期"."""
        return f"{short_year(self.year)}{HALF_NAMES[self.half]}"

    @property
    def as_of(self) -> date:
        """Reference date of the report: 9/30 or the following 3/31."""
        return date(self.year, 9, 30) if self.half == 1 else date(self.year + 1, 3, 31)

    @property
    def start(self) -> date:
        """First day of the half: 4/1 or 10/1."""
        return date(self.year, 4 if self.half == 1 else 10, 1)

    def previous(self) -> Period:
        return Period(self.year - 1, 2) if self.half == 1 else Period(self.year, 1)

    def next(self) -> Period:
        return Period(self.year, 2) if self.half == 1 else Period(self.year + 1, 1)

    def __str__(self) -> str:
        return self.code


def _normalize(text: str) -> str:
    """NFKC (全角 → 半角), unify dashes, lower-case, drop all whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(_DASHES).lower())


def _era_index(token: str) -> int:
    return next(i for i, (kanji, letter, _) in enumerate(ERAS) if token in (kanji, letter.lower()))


def _era_to_year(token: str, number: str) -> int | None:
    """西暦 of era year `number` ("元" = 1), or None when the era has no such year."""
    i = _era_index(token)
    n = 1 if number == msg.ERA_FIRST_YEAR else int(number)
    last = ERAS[i - 1][2].year - ERAS[i][2].year + 1 if i > 0 else None
    if n < 1 or (last is not None and n > last):
        return None
    return ERAS[i][2].year - 1 + n


def _era_of(year: int) -> tuple[str, str, int]:
    """(kanji, letter, era year) naming a calendar year; a year two eras share takes the newer one."""
    for kanji, letter, first in ERAS:
        if first.year <= year:
            return kanji, letter, year - first.year + 1
    raise PeriodError(ERR_WAREKI.format(year=year))


def wareki_year(year: int) -> str:
    """2025 -> "令和7年", 2019 -> "令和元年", 2018 -> "平成30年"."""
    kanji, _, n = _era_of(year)
    return f"{kanji}{msg.ERA_FIRST_YEAR if n == 1 else n}{msg.YEAR_SUFFIX}"


def fiscal_label(year: int) -> str:
    """2025 -> "令和7年度", 2019 -> "令和元年度"."""
    return wareki_year(year) + msg.FISCAL_SUFFIX


def japan_time(value: datetime) -> datetime:
    """The same moment as a naive Japan time (what a person in the city office reads). A naive value is
    this computer's local time; Windows' astimezone fails far from 1970..3000, where a naive value is taken
    as Japan time already."""
    try:
        return value.astimezone(JAPAN).replace(tzinfo=None)
    except (OSError, OverflowError, ValueError):
        return value.replace(tzinfo=None)


def wareki_time(value: datetime) -> str:
    """A moment as people read it: 和暦 and Japan time, e.g. 「令和7年10月3日 14:05」."""
    t = japan_time(value)
    return msg.WAREKI_DATETIME.format(era=wareki_year(t.year), month=t.month, day=t.day, time=f"{t:%H:%M}")


def short_year(year: int) -> str:
    """2025 -> "R7", 2018 -> "H30"."""
    _, letter, n = _era_of(year)
    return f"{letter}{n}"


def parse_period(text: str) -> Period:
    """Read a period typed by a person ("2025H1", "R7上期", "令和7年度 下期・年度末", "R7-2", …)."""
    if not isinstance(text, str):
        raise PeriodError(ERR_UNREADABLE.format(text=text, reason=""))
    m = _PERIOD_RE.fullmatch(_normalize(text))
    if not m:
        raise PeriodError(ERR_UNREADABLE.format(text=text.strip(), reason=""))
    year = int(m["y"]) if m["y"] else _era_to_year(m["era"], m["ey"])
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        reason = REASON_YEAR.format(lo=MIN_YEAR, hi=MAX_YEAR)
        raise PeriodError(ERR_UNREADABLE.format(text=text.strip(), reason=reason))
    half = int(m["h"] or m["n"] or (1 if m["k"] == HALF_NAMES[1] else 2))
    if m["asof"] and m["asof"] != _AS_OF_TEXT[half]:
        raise PeriodError(ERR_UNREADABLE.format(text=text.strip(), reason=REASON_AS_OF))
    return Period(year, half)
