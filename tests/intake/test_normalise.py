"""Normalisation of typed values: every change is returned with before / after (never silent)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import badfiles as B
import pytest

from sheetflow.definition import normalise as N
from sheetflow.ground.findings import NORMALISED, WARNING
from sheetflow.intake import read as intake

LABELS = ["完了", "順調", "概ね順調", "遅れ", "未着手"]


@pytest.mark.parametrize(("typed", "unit", "value", "code"), [
    ("1,200件", "件", 1200.0, "norm.number"),
    ("１，２００件", "件", 1200.0, "norm.number"),
    ("１２", "件", 12.0, "norm.number"),
    ("3億円", "億円", 3.0, "norm.number"),
    ("300000000円", "億円", 3.0, "norm.unit"),
    ("12,000千円", "万円", 1200.0, "norm.unit"),
    ("2.5万円", "千円", 25.0, "norm.unit"),
    ("35%", "%", 35.0, "norm.number"),
    ("３５％", "%", 35.0, "norm.number"),
    ("△50", "件", -50.0, "norm.number"),
    ("▲1.5億円", "億円", -1.5, "norm.number"),
    (" 7 ", "件", 7.0, "norm.number"),
    ("+2", "%", 2.0, "norm.number"),
])
def test_numbers_typed_as_text(typed, unit, value, code) -> None:
    n = N.normalise_number(typed, unit)
    assert (n.value, n.problem) == (value, "")
    assert n.changes == (N.Change(code, typed, N.cell_text(value)),)


def test_approximate_numbers_are_taken_with_a_warning_change() -> None:
    n = N.normalise_number("約3億円", "億円")
    assert n.value == 3.0 and n.changes == (N.Change("kpi.approximate", "約3億円", "3"),)
    assert N.normalise_number("1,000件程度", "件").changes == (N.Change("kpi.approximate", "1,000件程度", "1000"),)


def test_plain_numbers_need_no_change() -> None:
    assert N.normalise_number(3.0, "億円") == N.Number(3.0, "3")
    assert N.normalise_number(7, "件") == N.Number(7.0, "7")
    assert N.normalise_number("", "件") == N.Number(None, "")
    assert N.normalise_number(None, "件") == N.Number(None, "")


def test_a_number_typed_as_text_is_a_recorded_change() -> None:
    """Text read as a number is never silent, even when it reads the same (a council 評価点 「4」 too)."""
    assert N.normalise_number("12", "件") == N.Number(12.0, "12", (N.Change("norm.number", "12", "12"),))
    assert N.normalise_number("4点", "点") == N.Number(4.0, "4点", (N.Change("norm.number", "4点", "4"),))


@pytest.mark.parametrize(("typed", "unit", "problem", "found"), [
    ("3件", "億円", "kpi.unit", "件"),
    ("3人", "%", "kpi.unit", "人"),
    ("5割", "%", "kpi.unit", "割"),
    ("たくさん", "件", "kpi.not_number", ""),
    ("1,2", "件", "kpi.not_number", ""),
    ("3億5000万円", "億円", "kpi.unit", "億5000万円"),
])
def test_numbers_that_cannot_be_read(typed, unit, problem, found) -> None:
    n = N.normalise_number(typed, unit)
    assert (n.value, n.problem, n.unit_found, n.changes) == (None, problem, found, ())


def test_non_numeric_cell_values() -> None:
    for value in (True, date(2025, 9, 30), datetime(2025, 9, 30, 12, 0), float("inf"), float("nan")):
        assert N.normalise_number(value, "件").problem == "kpi.not_number"


@pytest.mark.parametrize(("typed", "label"), [
    ("順調 ", "順調"), ("\u3000遅れ", "遅れ"), ("概ね 順調", "概ね順調"), ("完了\n", "完了"), ("順調", "順調"),
])
def test_status_spaces_and_fullwidth(typed, label) -> None:
    value, change = N.normalise_status(typed, LABELS)
    assert value == label
    assert change == (None if typed == label else N.Change("norm.status", typed, label))


def test_unknown_status_is_kept_for_the_schema() -> None:
    assert N.normalise_status(" がんばってる ", LABELS) == ("がんばってる", None)
    assert N.normalise_status(None, LABELS) == ("", None)


@pytest.mark.parametrize(("typed", "text"), [
    ("  実施した  ", "実施した"),
    ("実施した\r\n課題なし\r\n", "実施した\n課題なし"),
    ("\u3000実施した\u3000", "実施した"),
    ("一行目  \n\n\n\n二行目", "一行目\n\n二行目"),
])
def test_text_blanks_and_line_breaks(typed, text) -> None:
    assert N.normalise_text(typed) == (text, N.Change("norm.text", typed, text))


def test_text_unchanged_and_numbers_as_text() -> None:
    assert N.normalise_text("全角のまま　残す") == ("全角のまま　残す", None)
    assert N.normalise_text(1234.0) == ("1234", None)
    assert N.normalise_text(None) == ("", None)


def test_error_values() -> None:
    assert N.is_error_value("#REF!") and N.is_error_value(" #n/a ") and N.is_error_value("#DIV/0!")
    assert not N.is_error_value("#1 の件") and not N.is_error_value(3.0)


def test_normalisations_are_recorded_as_findings(tmp_path: Path, mini_plan, workspace) -> None:
    reports = {1: {**B.GOOD_REPORTS[1], "status": "順調\u3000", "result": "  実施した\n"}, 2: B.GOOD_REPORTS[2]}
    kpis = {"1-1": {"actual": "約3億円"}, "2-1": {"actual": "３５％"}, "2-2": {"actual": "△1,200件"}}
    path = B.write(tmp_path, "n.xlsx", B.fill(B.form(mini_plan, workspace), reports, kpis))
    sub = intake.read_submission(path, mini_plan, workspace)
    got = [(f.severity, f.code, f.where, f.before, f.after, f.message) for f in sub.findings]
    assert got == [
        (NORMALISED, "norm.status", "進捗報告!I4", "順調\u3000", "順調",
         "「進捗状況」の「順調\u3000」を「順調」として読み込みました（空白・全角文字を整えました）。"),
        (NORMALISED, "norm.text", "進捗報告!J4", "  実施した\n", "実施した", "「今期の取組実績」の前後の空白・改行を取り除きました。"),
        (WARNING, "kpi.approximate", "指標実績!J4", "約3億円", "3",
         "「実績値」の「約3億円」は概数のため 3 として読み込みました。正確な値が分かれば記入し直してください。"),
        (NORMALISED, "norm.number", "指標実績!J5", "３５％", "35", "「実績値」の「３５％」を 35 として読み込みました。"),
        (NORMALISED, "norm.number", "指標実績!J6", "△1,200件", "-1200", "「実績値」の「△1,200件」を -1200 として読み込みました。"),
    ]
    assert sub.accepted
    assert sub.reports["status"].tolist()[0] == "順調" and sub.reports["result"].tolist()[0] == "実施した"
    assert sub.kpis["actual"].tolist() == [3.0, 35.0, -1200.0]


def test_unit_conversion_recorded(tmp_path: Path, mini_plan, workspace) -> None:
    kpis = {"1-1": {"actual": "300000000円"}}
    path = B.write(tmp_path, "u.xlsx", B.fill(B.form(mini_plan, workspace), B.GOOD_REPORTS, kpis))
    sub = intake.read_submission(path, mini_plan, workspace)
    f = next(f for f in sub.findings if f.code == "norm.unit")
    assert (f.where, f.before, f.after) == ("指標実績!J4", "300000000円", "3")
    assert f.message == "「実績値」の「300000000円」を単位「億円」に換算して 3 として読み込みました。"
