"""Ledger cells as the report shows them: text, numbers, periods, 和暦 dates, rows by key."""

from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd

from sheetflow import messages as msg
from sheetflow.ground.periods import Period, parse_period, wareki_time, wareki_year


def text(value: object) -> str:
    """A ledger cell as text: None / NaN / NaT → ""."""
    if value is None:
        return ""
    if not isinstance(value, str):
        try:
            if pd.isna(value):
                return ""
        except (TypeError, ValueError):
            pass
    return str(value).strip()


def number(value: object) -> float | None:
    """A ledger cell as a number, or None when empty or not a number (never 0 for 'missing')."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return None if math.isnan(value) or math.isinf(value) else float(value)
    try:
        result = float(text(value))
    except ValueError:
        return None
    return None if math.isnan(result) or math.isinf(result) else result


def as_period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else parse_period(str(period))


def date_text(value: object) -> str:
    """A received timestamp (datetime or ISO text) in 和暦 and Japan time: 令和7年10月20日 14:05 (empty when
    missing)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return value.strip()
    if text(value) == "":
        return ""
    if isinstance(value, datetime | pd.Timestamp):
        return wareki_time(value.to_pydatetime() if isinstance(value, pd.Timestamp) else value)
    if isinstance(value, date):
        return japanese_date(value)
    return str(value)


def rows_by(df: pd.DataFrame | None, key: str) -> dict:
    """Last row per key (the ledger's current view has one row per key; be lenient anyway)."""
    if df is None or df.empty or key not in df.columns:
        return {}
    out: dict = {}
    for rec in df.to_dict("records"):
        k = rec.get(key)
        if key == "no":
            k = number(k)
            if k is None:
                continue
            k = int(k)
        else:
            k = text(k)
        out[k] = rec
    return out


def japanese_date(d: date) -> str:
    return msg.REPORT_DATE.format(era=wareki_year(d.year), month=d.month, day=d.day)
