"""The demo's simulated department answers a survey workbook from what the workbook shows only: a clean
answer is accepted by intake; each kind of mistake it makes is caught (or recorded) at its cell."""

from __future__ import annotations

import random

import pytest
from survey_support import SURVEY, survey_form

from sheetflow.demo.survey_fill import MISTAKES, fill_survey
from sheetflow.intake.survey import read_survey


def answered(tmp_path, mistakes=(), seed=3):
    src, form = survey_form(tmp_path)
    dst = tmp_path / "inbox" / "answered.xlsx"
    made = fill_survey(src, dst, random.Random(seed), mistakes)
    ret = read_survey(dst, lambda sha: form if sha == form.sha256 else None, "telework2025")
    return made, ret


def test_a_clean_answer_is_accepted_with_every_table_answered(tmp_path):
    made, ret = answered(tmp_path)
    assert made == [] and [f.message for f in ret.findings if f.severity == "error"] == []
    assert ret.department == "総務課"
    assert {t: len(rows) for t, rows in ret.rows.items()}["facilities"] == 2
    assert 1 <= len(ret.rows["actions"]) <= 3 and len(ret.rows["staff"]) == 1


@pytest.mark.parametrize(("mistake", "code", "severity"), [
    ("approx_number", "field.not_integer", "error"),
    ("zenkaku", "field.number", "normalised"),
    ("missing_required", "field.required", "error"),
])
def test_each_mistake_is_found_at_its_cell(tmp_path, mistake, code, severity):
    made, ret = answered(tmp_path, (mistake,))
    assert made == [mistake]
    found = [f for f in ret.findings if f.code == code]
    assert found and found[0].severity == severity and found[0].cell, [f.message for f in ret.findings]


def test_the_mistakes_are_the_ones_the_demo_uses():
    assert MISTAKES == ("approx_number", "zenkaku", "missing_required") and SURVEY["表"]
