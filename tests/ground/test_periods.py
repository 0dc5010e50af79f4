"""Tests for sheetflow.periods: fiscal halves, 和暦 labels, and parsing of typed periods and dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheetflow.ground.periods import (
    Period,
    PeriodError,
    fiscal_label,
    japan_time,
    parse_period,
    short_year,
    wareki_time,
    wareki_year,
)

H1, H2 = Period(2025, 1), Period(2025, 2)


# --- Period ----------------------------------------------------------------------------------------


def test_labels_h1() -> None:
    assert H1.code == str(H1) == "2025H1"
    assert H1.label == "令和7年度 上期"
    assert H1.long_label == "令和7年度 上期（9月30日現在）"
    assert H1.short_label == "R7上期"


def test_labels_h2() -> None:
    assert H2.code == str(H2) == "2025H2"
    assert H2.label == "令和7年度 下期"
    assert H2.long_label == "令和7年度 下期・年度末（3月31日現在）"
    assert H2.short_label == "R7下期"


def test_labels_reiwa_gannen_and_heisei() -> None:
    assert Period(2019, 1).label == "令和元年度 上期"
    assert Period(2019, 2).short_label == "R1下期"
    assert Period(2018, 2).label == "平成30年度 下期"
    assert Period(2018, 1).short_label == "H30上期"
    assert Period(1989, 1).label == "平成元年度 上期"


def test_as_of_and_start() -> None:
    assert H1.as_of == date(2025, 9, 30)
    assert H2.as_of == date(2026, 3, 31)
    assert H1.start == date(2025, 4, 1)
    assert H2.start == date(2025, 10, 1)


def test_previous_and_next() -> None:
    assert H1.previous() == Period(2024, 2)
    assert H2.previous() == H1
    assert H1.next() == H2
    assert H2.next() == Period(2026, 1)
    assert Period(2019, 1).previous() == Period(2018, 2)


def test_ordering_and_hashing() -> None:
    assert Period(2024, 2) < H1 < H2 < Period(2026, 1)
    assert sorted([H2, Period(2024, 1), H1]) == [Period(2024, 1), H1, H2]
    assert len({H1, Period(2025, 1), H2}) == 2


@pytest.mark.parametrize(("year", "half"), [(2025, 3), (2025, 0), (1988, 1), (2201, 1), ("2025", 1)])
def test_invalid_period_values(year: object, half: object) -> None:
    with pytest.raises(PeriodError):
        Period(year, half)  # type: ignore[arg-type]


# --- parse_period --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025H1", H1),
        ("2025h2", H2),
        ("2025-H1", H1),
        ("2025_H1", H1),
        ("  2025H1  ", H1),
        ("２０２５Ｈ１", H1),
        ("２０２５－Ｈ２", H2),
        ("2025上期", H1),
        ("2025年度上期", H1),
        ("2025年度 下期", H2),
        ("R7上期", H1),
        ("R7 上期", H1),
        ("r7下期", H2),
        ("Ｒ７上期", H1),
        ("令和7年度上期", H1),
        ("令和7年度 上期", H1),
        ("令和７年度　下期", H2),
        ("R7-1", H1),
        ("R7-2", H2),
        ("Ｒ７－２", H2),
        ("R7下期・年度末", H2),
        ("令和7年度 下期・年度末", H2),
        ("令和7年度末", H2),
        ("R7年度末", H2),
        ("2025年度末", H2),
        ("令和7年度 上期（9月30日現在）", H1),
        ("令和7年度 下期・年度末（3月31日現在）", H2),
        ("令和元年度上期", Period(2019, 1)),
        ("R1上期", Period(2019, 1)),
        ("H31上期", Period(2019, 1)),
        ("平成31年度上期", Period(2019, 1)),
        ("平成30年度 下期", Period(2018, 2)),
        ("平成元年度 上期", Period(1989, 1)),
        ("H30-2", Period(2018, 2)),
    ],
)
def test_parse_accepted_forms(text: str, expected: Period) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "2025H3",
        "2025H0",
        "R7中期",
        "平成32年度上期",
        "H32上期",
        "abc",
        "R0上期",
        "令和0年度上期",
        "1988H1",
        "2201H1",
        "R7",
        "2025",
        "R7-3",
        "上期",
        "R7上期上期",
        "令和7年度 上期（3月31日現在）",
    ],
)
def test_parse_rejects(text: str) -> None:
    with pytest.raises(PeriodError) as info:
        parse_period(text)
    message = str(info.value)
    assert "読み取れません" in message
    for form in ("2025H1", "2025-H1", "R7上期", "令和7年度上期", "R7-1"):
        assert form in message


@pytest.mark.parametrize("text", ["7上期", "７上期", "07上期", "7年度上期", "7-1", "25H1", "25-H1", "125上期", "R上期"])
def test_a_year_without_its_era_or_century_is_never_guessed(text: str) -> None:
    """"7上期" could be 令和7年度 or 平成7年度, "25H1" 2025 or 令和25年度: refused, with the forms that work."""
    with pytest.raises(PeriodError) as info:
        parse_period(text)
    assert str(info.value) == f"期間「{text}」を読み取れません。使える書き方: 2025H1, 2025-H1, R7上期, 令和7年度上期, R7-1"


@pytest.mark.parametrize(("text", "expected"), [("H7上期", Period(1995, 1)), ("平成7年度下期", Period(1995, 2)),
                                                ("R7上期", Period(2025, 1))])
def test_an_era_written_out_is_read_as_written(text: str, expected: Period) -> None:
    """The era the user wrote is the era read (whether the plan has that year is the plan's to say)."""
    assert parse_period(text) == expected


def test_parse_error_quotes_input_and_is_value_error() -> None:
    with pytest.raises(ValueError, match="「R7中期」"):
        parse_period("R7中期")


def test_parse_non_string() -> None:
    with pytest.raises(PeriodError):
        parse_period(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("year", [1989, 1990, 2000, 2018, 2019, 2020, 2025, 2026, 2100, 2200])
@pytest.mark.parametrize("half", [1, 2])
def test_round_trips(year: int, half: int) -> None:
    p = Period(year, half)
    for text in (p.code, p.label, p.long_label, p.short_label, str(p)):
        assert parse_period(text) == p


@given(st.integers(min_value=1990, max_value=2100), st.integers(min_value=1, max_value=2))
def test_property_code_label_short_label_agree(year: int, half: int) -> None:
    p = Period(year, half)
    assert parse_period(p.code) == parse_period(p.label) == parse_period(p.short_label) == p


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "wareki", "fiscal", "short"),
    [
        (2025, "令和7年", "令和7年度", "R7"),
        (2020, "令和2年", "令和2年度", "R2"),
        (2019, "令和元年", "令和元年度", "R1"),
        (2018, "平成30年", "平成30年度", "H30"),
        (1990, "平成2年", "平成2年度", "H2"),
        (1989, "平成元年", "平成元年度", "H1"),
    ],
)
def test_wareki_helpers(year: int, wareki: str, fiscal: str, short: str) -> None:
    assert wareki_year(year) == wareki
    assert fiscal_label(year) == fiscal
    assert short_year(year) == short


@given(st.text(max_size=20))
def test_parse_period_only_raises_period_error(text: str) -> None:
    try:
        assert isinstance(parse_period(text), Period)
    except PeriodError:
        pass


def test_times_people_read_are_wareki_in_japan_time() -> None:
    assert wareki_time(datetime(2025, 10, 3, 5, 5, 59, tzinfo=UTC)) == "令和7年10月3日 14:05"
    assert wareki_time(datetime(2026, 3, 31, 20, 0, tzinfo=UTC)) == "令和8年4月1日 05:00"  # the next day in Japan
    assert wareki_time(datetime(2019, 5, 1, 0, 0, tzinfo=timezone(timedelta(hours=9)))) == "令和元年5月1日 00:00"
    assert japan_time(datetime(2025, 10, 3, 14, 5, tzinfo=timezone(timedelta(hours=9)))) == datetime(2025, 10, 3, 14, 5)


def test_label_with_code_is_what_people_read_beside_the_code():
    assert Period(2025, 1).label_with_code == "令和7年度 上期（2025H1）"
    assert Period(2019, 2).label_with_code == "令和元年度 下期（2019H2）"
