"""A survey's 集計表 (report/survey.py, survey_csv.py): 概要 (回答状況, 部署別の集計, choice counts with native
charts), one sheet per table, the CSVs and datapackage.json — from the ledger's live rows as frames."""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from io import BytesIO

import frictionless
import openpyxl
import pandas as pd
import pytest

from sheetflow.definition import workspace as DW
from sheetflow.definition.read import load_definition
from sheetflow.report.survey import build_tally, tally_files

GENERATED = datetime(2026, 2, 2, 9, 30, tzinfo=timezone(timedelta(hours=9)))


@dataclass(frozen=True)
class Answer:
    """What ledger.survey.survey_status gives per department (the builder reads these two)."""

    department: str
    status: str


STATUS = [Answer("職員課", "回答済"), Answer("市民課", "再回答"), Answer("道路維持課", "差戻し"),
          Answer("財政課", "未回答")]


@pytest.fixture
def form(tmp_path):
    """The shipped example テレワーク実施状況調査 with a fourth department that never answers."""
    data = json.loads(DW.builtin_path("survey.json").read_text(encoding="utf-8"))
    data["部署"].append({"部署名": "財政課"})
    path = tmp_path / "照会定義.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return load_definition(path)


def frame(rows: list[dict], fields: list[str]) -> pd.DataFrame:
    """Rows as survey_frames gives them (SQLite values; a missing number is NaN in its column)."""
    columns = ["department", "line", "key", *fields, "source_sha256"]
    return pd.DataFrame([[r.get(c, "a" * 64 if c == "source_sha256" else None) for c in columns] for r in rows],
                        columns=columns)


def frames() -> dict[str, pd.DataFrame]:
    # 市民課 answered before 職員課 in the ledger: the 集計表 keeps the order of 部署
    staff = frame([{"department": "市民課", "line": 1, "key": "", "staff_count": 25, "telework": "いいえ",
                    "note": "=HYPERLINK(\"x\")"},
                   {"department": "職員課", "line": 1, "key": "", "staff_count": 40, "telework": "はい",
                    "days": 2.5, "note": "在宅勤務規程を改正"}],
                  ["staff_count", "telework", "days", "note"])
    actions = frame([{"department": "職員課", "line": 3, "title": "研修の実施", "category": "研修・周知"},
                     {"department": "職員課", "line": 1, "title": "端末の配備", "started": "2025-10-01",
                      "category": "機器・回線の整備"},
                     {"department": "市民課", "line": 1, "title": "周知文の配布", "category": "研修・周知"}],
                    ["title", "started", "category"])
    facilities = frame([{"department": "職員課", "line": 1, "key": "F001", "facility_id": "F001",
                         "facility_name": "本庁舎", "remote_ok": "はい", "target_staff": 12},
                        {"department": "市民課", "line": 1, "key": "F002", "facility_id": "F002",
                         "facility_name": "沼ノ端出張所", "remote_ok": "はい", "target_staff": 3},
                        {"department": "市民課", "line": 2, "key": "F003", "facility_id": "F003",
                         "facility_name": "錦岡出張所", "remote_ok": "いいえ"}],
                       ["facility_id", "facility_name", "remote_ok", "target_staff"])
    return {"staff": staff, "actions": actions, "facilities": facilities}


def book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(BytesIO(data))


def values(ws, first: int, last: int, columns: int) -> list[tuple]:
    return [tuple(c.value for c in r) for r in ws.iter_rows(min_row=first, max_row=last, max_col=columns)]


def test_the_summary_counts_who_answered_and_sums_the_totals_per_department(form):
    ws = book(build_tally(form, frames(), STATUS))["概要"]
    assert ws["A1"].value == "テレワーク実施状況調査　集計表"
    assert ws["A2"].value == "照会ID telework（版 1）　回答期限 2026/1/30　照会元 総務部 職員課（内線 1234）"
    assert ws["A4"].value == "回答状況"
    assert values(ws, 5, 10, 3) == [("回答状況", "部署数", "部署"), ("回答済", 1, "職員課"), ("再回答", 1, "市民課"),
                                    ("差戻し", 1, "道路維持課"), ("未回答", 1, "財政課"), ("計", 4, None)]
    assert "C6:G6" in {str(r) for r in ws.merged_cells.ranges}  # the names across the table's width
    assert ws["A12"].value == "部署別の集計（集計欄の合計・件数）"
    assert values(ws, 13, 19, 7) == [
        (None, None, "実施状況", None, "実施した取組", "所管施設", None),
        ("部署", "回答状況", "職員数", "テレワーク実施（件数）", "区分（件数）", "在宅可能な業務（件数）", "対象職員数"),
        ("職員課", "回答済", 40, 1, 2, 1, 12),
        ("市民課", "再回答", 25, 1, 1, 2, 3),
        ("道路維持課", "差戻し", None, None, None, None, None),  # no answer in the ledger: blank, not 0
        ("財政課", "未回答", None, None, None, None, None),
        ("計", None, 65, 2, 3, 3, 15)]
    assert ws["C15"].number_format == "#,##0"


def test_each_choice_field_is_counted_per_choice_with_a_column_chart(form):
    data = build_tally(form, frames(), STATUS)
    ws = book(data)["概要"]
    assert ws["A21"].value == "選択肢ごとの件数"
    assert values(ws, 22, 25, 2) == [("実施状況：テレワーク実施", "件数"), ("はい", 1), ("いいえ", 1), ("計", 2)]
    assert values(ws, 38, 43, 2) == [("実施した取組：区分", "件数"), ("機器・回線の整備", 1), ("規程・ルールの整備", 0),
                                     ("研修・周知", 2), ("その他", 0), ("計", 3)]
    assert values(ws, 54, 57, 2) == [("所管施設：在宅可能な業務", "件数"), ("はい", 2), ("いいえ", 1), ("計", 3)]
    with zipfile.ZipFile(BytesIO(data)) as z:
        charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
        xml = [z.read(n).decode() for n in charts]
    assert len(charts) == 3
    assert all('<c:barDir val="col"/>' in x and '<c:majorUnit val="1"/>' in x for x in xml)  # whole counts
    assert "概要!$A$23:$A$24" in xml[0] and "概要!$B$23:$B$24" in xml[0]
    assert "概要!$B$39:$B$42" in xml[1] and "概要!$B$55:$B$56" in xml[2]


def test_every_table_has_a_sheet_of_all_departments_rows_with_filters_and_print_setup(form):
    wb = book(build_tally(form, frames(), STATUS))
    assert wb.sheetnames == ["概要", "実施状況", "実施した取組", "所管施設"]
    ws = wb["実施した取組"]
    assert ws["A1"].value == "テレワーク実施状況調査　実施した取組"
    assert ws["A2"].value == "2 部署の回答 3 行（各部署の受理した最新の回答）。見出しの ▼ で絞り込めます。"
    assert values(ws, 4, 7, 4) == [("部署", "取組名", "開始日", "区分"),
                                   ("職員課", "端末の配備", datetime(2025, 10, 1), "機器・回線の整備"),
                                   ("職員課", "研修の実施", None, "研修・周知"),
                                   ("市民課", "周知文の配布", None, "研修・周知")]
    assert ws["C5"].number_format == "yyyy/m/d"
    assert ws.auto_filter.ref == "A4:D7"
    assert ws.freeze_panes == "A5"
    assert ws.print_title_rows == "$4:$4"
    assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9)
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0  # None: the default 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    staff = wb["実施状況"]
    assert values(staff, 4, 6, 5) == [("部署", "職員数", "テレワーク実施", "実施日数", "備考"),
                                      ("職員課", 40, "はい", 2.5, "在宅勤務規程を改正"),
                                      ("市民課", 25, "いいえ", None, "=HYPERLINK(\"x\")")]
    assert staff["E6"].data_type == "s"  # a department's text is never a formula
    assert values(wb["所管施設"], 5, 7, 5)[2] == ("市民課", "F003", "錦岡出張所", "いいえ", None)


def test_the_csvs_have_the_headers_and_plain_values_and_the_package_validates(form, tmp_path):
    files = tally_files(form, frames(), STATUS, GENERATED)
    assert list(files) == ["telework_集計表.xlsx", "telework_staff.csv", "telework_actions.csv",
                           "telework_facilities.csv", "datapackage.json"]
    staff = files["telework_staff.csv"]
    assert staff.startswith(b"\xef\xbb\xbf")
    assert staff.decode("utf-8-sig").split("\r\n") == [
        "部署,職員数,テレワーク実施,実施日数,備考", "職員課,40,はい,2.5,在宅勤務規程を改正",
        "市民課,25,いいえ,,\"'=HYPERLINK(\"\"x\"\")\"", ""]
    assert files["telework_facilities.csv"].decode("utf-8-sig").splitlines()[3] == "市民課,F003,錦岡出張所,いいえ,"
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads(files["datapackage.json"])
    assert package["name"] == "survey-telework" and package["created"] == "2026-02-02T09:30:00+09:00"
    staff_schema, actions, facilities = (r["schema"] for r in package["resources"])
    assert [(f["name"], f["type"]) for f in staff_schema["fields"]] == [
        ("部署", "string"), ("職員数", "integer"), ("テレワーク実施", "string"), ("実施日数", "number"),
        ("備考", "string")]
    assert staff_schema["fields"][1]["constraints"] == {"minimum": 0, "required": True}
    assert staff_schema["fields"][2]["constraints"] == {"required": True, "enum": ["はい", "いいえ"]}
    assert staff_schema["primaryKey"] == ["部署"] and "primaryKey" not in actions
    assert actions["fields"][2]["type"] == "date"
    assert facilities["primaryKey"] == ["部署", "施設ID"]


def test_a_package_that_breaks_its_schema_is_caught(form, tmp_path):
    """The validation above can fail: a 施設ID twice for one department breaks the primary key."""
    broken = frames()
    broken["facilities"].loc[2, "facility_id"] = "F002"
    for name, data in tally_files(form, broken, STATUS, GENERATED).items():
        (tmp_path / name).write_bytes(data)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert {e[1] for e in report.flatten(["rowNumber", "type"])} == {"primary-key"}


def test_before_any_answer_the_tally_lists_everyone_as_unanswered(form, tmp_path):
    empty = {t.id: frame([], [f.key for f in form.columns(t.id)]) for t in form.tables}
    status = [Answer(d.name, "未回答") for d in form.departments]
    files = tally_files(form, empty, status, GENERATED)
    ws = book(files["telework_集計表.xlsx"])["概要"]
    assert values(ws, 6, 10, 3) == [("回答済", 0, None), ("再回答", 0, None), ("差戻し", 0, None),
                                    ("未回答", 4, "職員課、市民課、道路維持課、財政課"), ("計", 4, None)]
    assert values(ws, 19, 19, 7) == [("計", None, None, None, None, None, None)]
    assert book(files["telework_集計表.xlsx"])["所管施設"].auto_filter.ref == "A4:E4"
    assert files["telework_actions.csv"].decode("utf-8-sig") == "部署,取組名,開始日,区分\r\n"
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    assert frictionless.validate(str(tmp_path / "datapackage.json")).valid


def test_write_tally_shows_what_the_departments_typed_after_a_merge(tmp_path):
    """The round trip: the shipped example's forms filled as departments do, merged, then the 集計表."""
    ledger = pytest.importorskip("sheetflow.ledger.survey")
    from sheetflow.forms.survey import SurveySpec, build_survey_form
    from sheetflow.ground.config import load_config
    from sheetflow.report.survey import write_tally

    (tmp_path / "inbox").mkdir()
    (tmp_path / "照会定義.json").write_bytes(DW.builtin_path("survey.json").read_bytes())
    (tmp_path / "sheetflow.toml").write_text('form = "照会定義.json"\n', encoding="utf-8")
    cfg = load_config(tmp_path)
    form = DW.workspace_form(cfg)
    typed = {"職員課": {"実施状況!A4": "４０", "実施状況!B4": "はい", "実施状況!C4": 2.5,
                        "実施した取組!A4": "端末の配備", "実施した取組!C4": "機器・回線の整備",
                        "所管施設!C4": "はい", "所管施設!D4": 12},
             "市民課": {"実施状況!A4": "abc", "実施状況!B4": "いいえ"}}  # not a number: sent back
    for department, cells in typed.items():
        defaults = {t.id: [dict(r.values) for r in form.defaults_for(department, t.id)] for t in form.tables}
        wb = openpyxl.load_workbook(BytesIO(build_survey_form(SurveySpec(form, department, defaults, "pw",
                                                                         GENERATED))))
        for where, typed_value in cells.items():
            sheet, cell = where.split("!")
            wb[sheet][cell] = typed_value
        wb.save(tmp_path / "inbox" / f"{department}.xlsx")
    assert ledger.merge_survey(cfg).exit_code == 1
    result = write_tally(cfg)
    folder = tmp_path / "outbox" / "reports" / "telework"
    assert (result.folder, [p.name for p in result.paths]) == (folder, [
        "telework_集計表.xlsx", "telework_staff.csv", "telework_actions.csv", "telework_facilities.csv",
        "datapackage.json"])
    ws = openpyxl.load_workbook(folder / "telework_集計表.xlsx")["概要"]
    assert values(ws, 6, 9, 3) == [("回答済", 1, "職員課"), ("再回答", 0, None), ("差戻し", 1, "市民課"),
                                   ("未回答", 1, "道路維持課")]
    assert values(ws, 15, 18, 7) == [("職員課", "回答済", 40, 1, 1, 1, 12), ("市民課", "差戻し", *[None] * 5),
                                     ("道路維持課", "未回答", *[None] * 5), ("計", None, 40, 1, 1, 1, 12)]
    assert (folder / "telework_staff.csv").read_text(encoding="utf-8-sig").splitlines()[1] == "職員課,40,はい,2.5,"
    assert frictionless.validate(str(folder / "datapackage.json")).valid
