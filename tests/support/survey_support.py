"""A survey definition written as a person writes one (rows of 設定, 表, 項目, 選択肢; JSON here), and its
forms: one department's workbook with its pre-filled rows (tests/forms/test_survey_form.py,
tests/intake/test_survey_intake.py)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sheetflow.definition.read import load_definition
from sheetflow.forms.survey import SurveySpec, build_survey_form

JST = timezone(timedelta(hours=9))
PASSWORD = "test-password"
DEPARTMENT = "総務課"

SURVEY = {
    "設定": [{"項目": "様式ID", "値": "telework"}, {"項目": "版", "値": 1},
             {"項目": "件名", "値": "テレワーク実施状況調査"}, {"項目": "照会ID", "値": "telework2025"},
             {"項目": "回答期限", "値": "2025/10/31"}, {"項目": "照会元", "値": "行政監理室（内線 1234）"}],
    "表": [{"表ID": "staff", "シート名": "実施状況", "行モード": "単一"},
           {"表ID": "actions", "シート名": "実施した取組", "行モード": "自由行", "最大行数": 5},
           {"表ID": "facilities", "シート名": "所管施設", "行モード": "既定行", "キー": "facility_id"}],
    "項目": [
        {"表ID": "staff", "項目ID": "staff", "見出し": "職員数", "型": "整数", "必須": "○", "最小": 0,
         "説明": "4月1日現在の正職員数"},
        {"表ID": "staff", "項目ID": "telework", "見出し": "テレワーク実施", "型": "はい・いいえ", "必須": "○"},
        {"表ID": "staff", "項目ID": "days", "見出し": "実施日数", "型": "小数", "最小": 0},
        {"表ID": "staff", "項目ID": "note", "見出し": "備考", "型": "文字", "最大文字数": 200},
        {"表ID": "actions", "項目ID": "action", "見出し": "取組名", "型": "文字", "必須": "○"},
        {"表ID": "actions", "項目ID": "start", "見出し": "開始日", "型": "日付"},
        {"表ID": "actions", "項目ID": "kind", "見出し": "区分", "型": "選択:取組区分"},
        {"表ID": "facilities", "項目ID": "facility_id", "見出し": "施設ID", "型": "文字", "編集不可": "○"},
        {"表ID": "facilities", "項目ID": "facility", "見出し": "施設名", "型": "文字", "編集不可": "○"},
        {"表ID": "facilities", "項目ID": "remote", "見出し": "在宅可能な業務", "型": "はい・いいえ", "必須": "○"},
        {"表ID": "facilities", "項目ID": "people", "見出し": "対象職員数", "型": "整数", "最小": 0, "集計": "合計"},
    ],
    "選択肢": [{"リスト名": "取組区分", "値": "機器"}, {"リスト名": "取組区分", "値": "制度"},
               {"リスト名": "取組区分", "値": "研修"}],
    "部署": [{"部署名": "総務課"}, {"部署名": "市民課"}],
    "既定データ": [{"部署名": "総務課", "表ID": "facilities", "facility_id": "F001", "facility": "市民会館", "people": "12"},
                {"部署名": "総務課", "表ID": "facilities", "facility_id": "F002", "facility": "中央図書館",
                 "remote": "はい"}],
}

DEFAULTS = {"facilities": [{"facility_id": "F001", "facility": "市民会館", "people": "12"},
                           {"facility_id": "F002", "facility": "中央図書館", "remote": "はい"}]}


def write_survey(path: Path, data: dict = SURVEY) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def survey_form(folder: Path, data: dict = SURVEY, department: str = DEPARTMENT,
                defaults: dict = DEFAULTS) -> tuple[Path, object]:
    """The definition (read and checked) and the department's workbook written from it."""
    form = load_definition(write_survey(folder / "照会定義.json", data))
    spec = SurveySpec(form, department, defaults, PASSWORD, datetime(2025, 10, 1, 9, 0, tzinfo=JST))
    out = folder / f"{department}.xlsx"
    out.write_bytes(build_survey_form(spec))
    return out, form
