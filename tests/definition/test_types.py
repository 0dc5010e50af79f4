"""The types registry: what each 型 makes of a typed cell (value, recorded change, problem) and which Excel
validation its cells get — the same rules every stage uses."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from sheetflow.definition.types import Limits, type_named, type_names


def read(type_name: str, raw: object, **limits):
    reading = type_named(type_name).read(raw, Limits(**limits))
    return reading.value, [(c.code, c.before, c.after) for c in reading.changes], reading.problem


@pytest.mark.parametrize(("type_name", "raw", "limits", "expected"), [
    ("整数", 1200.0, {}, (1200, [], "")),
    ("整数", "１,２００", {}, (1200, [("field.number", "１,２００", "1200")], "")),
    ("整数", "約120", {}, (120, [("field.approximate", "約120", "120")], "")),
    ("整数", "1.5", {}, (None, [], "field.not_integer")),
    ("整数", "abc", {"minimum": 0}, (None, [], "field.not_integer")),
    ("整数", -1, {"minimum": 0}, (None, [], "field.out_of_range")),
    ("小数", "2.5", {"maximum": 31}, (2.5, [("field.number", "2.5", "2.5")], "")),
    ("金額（千円）", "120万円", {}, (1200, [("effect.converted", "120万円", "1200")], "")),
    ("金額（千円）", 1.5, {}, (None, [], "effect.fraction")),
    ("日付", "R7.9.30", {}, ("2025-09-30", [("field.date", "R7.9.30", "2025-09-30")], "")),
    ("日付", datetime(2025, 10, 1, 0, 0), {}, ("2025-10-01", [], "")),
    ("日付", "来月", {}, (None, [], "field.not_date")),
    ("はい・いいえ", "○", {}, ("はい", [("field.choice", "○", "はい")], "")),
    ("はい・いいえ", "たぶん", {}, (None, [], "field.not_choice")),
    ("選択:区分", "研 修", {"choices": ("機器", "研修")}, ("研修", [("field.choice", "研 修", "研修")], "")),
    ("文字", "  a\r\nb  ", {"max_len": 3}, ("a\nb", [("norm.text", "  a\r\nb  ", "a\nb")], "")),
    ("文字", "abcd", {"max_len": 3}, ("abcd", [], "text.too_long")),
    ("整数", "", {}, (None, [], "")),
])
def test_each_type_reads_a_typed_cell(type_name, raw, limits, expected):
    assert read(type_name, raw, **limits) == expected


def test_a_refused_amount_says_what_was_read():
    reading = type_named("金額（千円）").read(1.5, Limits())
    assert reading.detail["after"] == "1.5"


def test_type_names_are_read_loosely_and_unknown_ones_refused():
    assert type_named("選択：進捗状況").list_name == "進捗状況"
    assert type_named("整 数").name == "整数" and type_named("整数x") is None
    assert type_names() == ["文字", "整数", "小数", "金額（千円）", "日付", "はい・いいえ", "選択:<リスト名>"]


@pytest.mark.parametrize(("type_name", "limits", "expected"), [
    ("整数", {"minimum": 0}, {"validate": "integer", "criteria": ">=", "value": 0}),
    ("小数", {"minimum": 0, "maximum": 31}, {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 31}),
    ("金額（千円）", {}, {"validate": "integer", "criteria": ">=", "value": 0}),
    ("日付", {}, {"validate": "date", "criteria": "between", "minimum": date(1900, 1, 1), "maximum": date(2199, 12, 31)}),
    ("文字", {"max_len": 200}, {"validate": "length", "criteria": "<=", "value": 200}),
])
def test_each_type_owns_its_excel_validation(type_name, limits, expected):
    rule = type_named(type_name).validation("見出し", Limits(**limits))
    assert {k: rule[k] for k in expected} == expected and rule["error_type"] == "stop"
    assert type_named("文字").validation("見出し", Limits()) is None
