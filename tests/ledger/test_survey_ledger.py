"""A survey's answers in the ledger (ledger/survey.py): a survey workspace built here (its definition with 部署
and 既定データ, `form =` in sheetflow.toml), each department's workbook written by forms/survey.py and filled
with openpyxl as the department would; merge, 差戻し, resubmission, status, rebuild, next year's defaults."""

from __future__ import annotations

import copy
import hashlib
import json
import sqlite3
import time
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from survey_support import JST, PASSWORD, SURVEY

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.forms.survey import SurveySpec, build_survey_form
from sheetflow.forms.workbook import form_filename
from sheetflow.ground.config import Config, load_config, write_default_config
from sheetflow.ledger.survey import (
    merge_survey,
    previous_defaults,
    rebuild_survey,
    survey_frames,
    survey_status,
)

SURVEY_ID = "telework2025"
DEPTS = ("総務課", "財政課", "市民課")
FACILITIES = {"総務課": [("F001", "市民会館", "12"), ("F002", "中央図書館", "")],
              "財政課": [("F010", "財政会館", "")], "市民課": [("F020", "出張所", "")]}
GOOD = {"実施状況!A4": 12, "実施状況!B4": "はい", "実施状況!C4": 2.5,
        "実施した取組!A4": "モバイルPC配備", "実施した取組!C4": "機器", "実施した取組!A6": "在宅勤務制度",
        "所管施設!C4": "いいえ", "所管施設!C5": "はい", "所管施設!D5": 3}
NOT_INTEGER = "「職員数」の「abc」を整数として読めません。0以上の整数だけを記入してください。"


def definition(departments: tuple[str, ...], facilities: dict) -> dict:
    data = copy.deepcopy(SURVEY)
    data["部署"] = [{"部署名": d} for d in departments]
    data["既定データ"] = [{"部署名": d, "表ID": "facilities", "facility_id": fid, "facility": name, "people": people}
                      for d in departments for fid, name, people in facilities.get(d, [(f"{d}-1", f"{d}施設", "")])]
    return data


def survey_workspace(root: Path, departments: tuple[str, ...] = DEPTS, facilities: dict = FACILITIES) -> Config:
    root.mkdir(parents=True, exist_ok=True)
    (root / "inbox").mkdir()
    (root / "照会定義.json").write_text(json.dumps(definition(departments, facilities), ensure_ascii=False),
                                      encoding="utf-8")
    write_default_config(root)
    with (root / "sheetflow.toml").open("a", encoding="utf-8") as toml:
        toml.write('form = "照会定義.json"\n')
    return load_config(root)


def form_of(cfg: Config, department: str, defaults: dict | None = None) -> Path:
    """The department's workbook as `forms` writes it (its 既定データ rows pre-filled)."""
    form = DW.workspace_form(cfg)
    if defaults is None:
        defaults = {t.id: [dict(r.values) for r in form.defaults_for(department, t.id)] for t in form.tables}
    spec = SurveySpec(form, department, defaults, PASSWORD, datetime(2025, 10, 1, 9, 0, tzinfo=JST))
    out = cfg.outbox_dir / "forms" / SURVEY_ID / form_filename(department)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build_survey_form(spec))
    return out


def answer(cfg: Config, department: str, cells: dict[str, object], name: str | None = None) -> Path:
    """The department fills its form with openpyxl and puts it in the inbox."""
    wb = openpyxl.load_workbook(form_of(cfg, department))
    for where, value in cells.items():
        sheet, cell = where.split("!")
        wb[sheet][cell] = value
    out = cfg.inbox_dir / (name or form_filename(department))
    wb.save(out)
    return out


def rows(cfg: Config, sql: str) -> list[tuple]:
    with sqlite3.connect(cfg.outbox_dir / "ledger.sqlite") as conn:
        return conn.execute(sql).fetchall()


def dump(cfg: Config) -> dict[str, list[tuple]]:
    tables = [r[0] for r in rows(cfg, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {t: sorted(rows(cfg, f'SELECT * FROM "{t}"'), key=repr) for t in tables}


def inbox_state(cfg: Config) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in cfg.inbox_dir.iterdir()}


@pytest.fixture
def cfg(tmp_path) -> Config:
    return survey_workspace(tmp_path / "照会")


@pytest.fixture
def merged(cfg):
    """総務課 answered well, 財政課 typed letters into 職員数; 市民課 did not answer."""
    good = answer(cfg, "総務課", GOOD)
    bad = answer(cfg, "財政課", {**GOOD, "実施状況!A4": "abc", "所管施設!C5": None, "所管施設!D5": None})
    before = inbox_state(cfg)
    return merge_survey(cfg), good, bad, before


def test_good_files_merge_typed_with_provenance_and_a_bad_one_is_refused(cfg, merged) -> None:
    res, good, bad, before = merged
    assert [(o.path.name, o.result, o.department) for o in res.files] == [
        (good.name, msg.RESULT_ACCEPTED, "総務課"), (bad.name, msg.RESULT_RETURNED, "財政課")]
    assert res.exit_code == 1 and res.changed
    assert [(x.where, x.message) for x in res.files[1].findings_lines] == [("実施状況!A4", NOT_INTEGER)]
    sha = hashlib.sha256(good.read_bytes()).hexdigest()
    assert rows(cfg, "SELECT department, line, key, staff, typeof(staff), telework, days, typeof(days), "
                     "source_sha256 FROM survey_staff") == [("総務課", 1, "", 12, "integer", "はい", 2.5, "real", sha)]
    assert rows(cfg, "SELECT line, action, kind FROM survey_actions ORDER BY line") == [
        (1, "モバイルPC配備", "機器"), (3, "在宅勤務制度", "")]
    assert rows(cfg, "SELECT key, facility, remote, people, typeof(people) FROM survey_facilities ORDER BY line") == [
        ("F001", "市民会館", "いいえ", 12, "integer"), ("F002", "中央図書館", "はい", 3, "integer")]
    assert rows(cfg, "SELECT department, result, errors, live FROM survey_submissions ORDER BY seq") == [
        ("総務課", msg.RESULT_ACCEPTED, 0, 1), ("財政課", msg.RESULT_RETURNED, 1, 0)]
    assert inbox_state(cfg) == before  # the inbox is only ever read
    archive = cfg.outbox_dir / "archive"
    assert (archive / f"{sha}.xlsx").read_bytes() == good.read_bytes()
    assert sorted(p.name for p in archive.glob("*.xlsx")) == [f"{sha}.xlsx"]  # the refused file is not kept


def test_the_refused_file_gets_a_return_workbook_listing_the_finding_at_its_cell(cfg, merged) -> None:
    res = merged[0]
    path = cfg.outbox_dir / "returns" / SURVEY_ID / "財政課_差戻し.xlsx"
    assert res.files[1].return_path == path
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == msg.RETURN_SHEET
    listed = [tuple(c.value for c in row) for row in wb[msg.RETURN_SHEET].iter_rows(min_row=1)]
    assert ("財政課.xlsx", "実施状況", "A4", "職員数", "エラー", NOT_INTEGER) in listed
    assert ("部署", "財政課") in [r[:2] for r in listed]
    assert ("照会", "テレワーク実施状況調査") in [r[:2] for r in listed]
    cell = wb["実施状況"]["A4"]
    assert cell.value == "abc" and NOT_INTEGER in cell.comment.text


def test_status_names_who_answered_was_sent_back_and_did_not_answer(cfg, merged) -> None:
    assert [(s.department, s.status, s.source_name) for s in survey_status(cfg)] == [
        ("総務課", msg.SURVEY_STATUS_ANSWERED, "総務課.xlsx"), ("財政課", msg.SURVEY_STATUS_RETURNED, "財政課.xlsx"),
        ("市民課", msg.SURVEY_STATUS_NONE, "")]


def test_a_resubmission_moves_the_old_rows_to_history_and_the_same_file_twice_changes_nothing(cfg, merged) -> None:
    _, good, bad, _ = merged
    old = hashlib.sha256(good.read_bytes()).hexdigest()
    again = answer(cfg, "総務課", {**GOOD, "実施状況!A4": 15, "実施した取組!A6": None}, name="総務課_訂正.xlsx")
    bad.unlink()
    res = merge_survey(cfg)
    new = hashlib.sha256(again.read_bytes()).hexdigest()
    assert [(o.path.name, o.result) for o in res.files] == [
        ("総務課.xlsx", msg.RESULT_KNOWN), ("総務課_訂正.xlsx", msg.RESULT_ACCEPTED)]
    assert res.exit_code == 0
    assert rows(cfg, "SELECT staff, source_sha256 FROM survey_staff") == [(15, new)]
    assert rows(cfg, "SELECT staff, source_sha256, replaced_by FROM survey_staff_history") == [(12, old, new)]
    assert rows(cfg, "SELECT action, replaced_by FROM survey_actions_history ORDER BY line") == [
        ("モバイルPC配備", new), ("在宅勤務制度", new)]
    assert rows(cfg, "SELECT action FROM survey_actions") == [("モバイルPC配備",)]
    assert rows(cfg, "SELECT source_name, live FROM survey_submissions WHERE department = '総務課' ORDER BY seq") == [
        ("総務課.xlsx", 0), ("総務課_訂正.xlsx", 1)]
    assert survey_status(cfg)[0].status == msg.SURVEY_STATUS_AGAIN
    before = dump(cfg)
    res = merge_survey(cfg)
    assert {o.result for o in res.files} == {msg.RESULT_KNOWN} and not res.changed and res.exit_code == 0
    assert dump(cfg) == before


def test_a_copy_in_the_same_batch_is_a_duplicate(cfg) -> None:
    good = answer(cfg, "総務課", GOOD)
    (cfg.inbox_dir / "総務課 - コピー.xlsx").write_bytes(good.read_bytes())
    res = merge_survey(cfg)
    assert sorted(o.result for o in res.files) == sorted([msg.RESULT_ACCEPTED, msg.RESULT_DUPLICATE])
    assert rows(cfg, "SELECT COUNT(*) FROM survey_submissions") == [(1,)]


def test_rebuild_from_the_archive_equals_the_live_ledger(cfg, merged) -> None:
    answer(cfg, "総務課", {**GOOD, "実施状況!A4": 15}, name="総務課_訂正.xlsx")
    answer(cfg, "財政課", GOOD | {"所管施設!C5": None, "所管施設!D5": None})
    merge_survey(cfg)
    live = dump(cfg)
    assert len(live["survey_staff_history"]) == 1 and len(live["survey_staff"]) == 2
    assert rebuild_survey(cfg) == 4  # 総務課 twice, 財政課 refused then accepted
    assert dump(cfg) == live


def test_frames_and_next_years_defaults_come_from_the_accepted_rows(cfg, merged) -> None:
    frames = survey_frames(cfg)
    assert list(frames["facilities"].columns) == ["department", "line", "key", "facility_id", "facility", "remote",
                                                  "people", "source_sha256"]
    assert frames["facilities"][["key", "people"]].values.tolist() == [["F001", 12], ["F002", 3]]
    assert frames["staff"]["staff"].tolist() == [12]
    form = DW.workspace_form(cfg)
    defaults = previous_defaults(cfg, form)
    assert defaults == {"総務課": {"facilities": [
        {"facility_id": "F001", "facility": "市民会館", "remote": "いいえ", "people": "12"},
        {"facility_id": "F002", "facility": "中央図書館", "remote": "はい", "people": "3"}]}}
    spec = SurveySpec(form, "総務課", defaults["総務課"], PASSWORD, datetime(2026, 10, 1, tzinfo=JST))
    wb = openpyxl.load_workbook(__import__("io").BytesIO(build_survey_form(spec)))
    assert [c.value for c in wb["所管施設"][5]] == ["F002", "中央図書館", "はい", 3]


def test_thirty_five_departments_merge_in_the_time_of_the_progress_report(tmp_path) -> None:
    depts = tuple(f"第{n:02d}課" for n in range(1, 36))
    cfg = survey_workspace(tmp_path / "照会", depts, {})
    for d in depts:
        answer(cfg, d, {**GOOD, "所管施設!C5": None, "所管施設!D5": None})
    started = time.perf_counter()
    res = merge_survey(cfg)
    elapsed = time.perf_counter() - started
    print(f"survey merge of 35 departments: {elapsed:.2f} s")
    assert [o.result for o in res.files] == [msg.RESULT_ACCEPTED] * 35
    assert rows(cfg, "SELECT COUNT(*) FROM survey_facilities") == [(35,)]
    assert {s.status for s in survey_status(cfg)} == {msg.SURVEY_STATUS_ANSWERED}
    assert elapsed < 60


def test_the_corrected_return_workbook_sent_back_is_accepted(cfg, merged) -> None:
    _, _, bad, _ = merged
    returned = cfg.outbox_dir / "returns" / SURVEY_ID / "財政課_差戻し.xlsx"
    wb = openpyxl.load_workbook(returned)
    wb["実施状況"]["A4"] = 20
    bad.unlink()
    wb.save(cfg.inbox_dir / "財政課_差戻し.xlsx")
    res = merge_survey(cfg)
    assert [(o.path.name, o.result, o.findings_lines) for o in res.files] == [
        ("総務課.xlsx", msg.RESULT_KNOWN, []), ("財政課_差戻し.xlsx", msg.RESULT_ACCEPTED, [])]
    assert rows(cfg, "SELECT department, staff FROM survey_staff ORDER BY department") == [("総務課", 12), ("財政課", 20)]


def test_a_file_that_is_no_form_gets_the_findings_alone_and_the_others_still_merge(cfg) -> None:
    (cfg.inbox_dir / "市民課.xlsx").write_bytes(b"not a workbook")
    good = answer(cfg, "総務課", GOOD)
    before = inbox_state(cfg)
    res = merge_survey(cfg)
    assert sorted((o.path.name, o.result) for o in res.files) == [
        ("市民課.xlsx", msg.RESULT_RETURNED), (good.name, msg.RESULT_ACCEPTED)]
    refused = next(o for o in res.files if o.result == msg.RESULT_RETURNED)
    assert refused.return_path == cfg.outbox_dir / "returns" / SURVEY_ID / "_unidentified" / "市民課_差戻し.xlsx"
    assert openpyxl.load_workbook(refused.return_path).sheetnames == [msg.RETURN_SHEET]
    assert inbox_state(cfg) == before
    assert [s.status for s in survey_status(cfg)] == [msg.SURVEY_STATUS_ANSWERED, msg.SURVEY_STATUS_NONE,
                                                      msg.SURVEY_STATUS_NONE]


def test_status_and_frames_before_any_merge_leave_no_ledger_behind(cfg) -> None:
    assert {s.status for s in survey_status(cfg)} == {msg.SURVEY_STATUS_NONE}
    assert list(survey_frames(cfg)["staff"].columns) == ["department", "line", "key", "staff", "telework", "days",
                                                         "note", "source_sha256"]
    assert not (cfg.outbox_dir / "ledger.sqlite").exists()


def test_next_years_survey_starts_from_this_years_answers(cfg, merged) -> None:
    path = cfg.root / "照会定義.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["設定"] = [{**row, "値": "telework2026"} if row["項目"] == "照会ID" else row for row in data["設定"]]
    data["項目"].append({"表ID": "facilities", "項目ID": "rooms", "見出し": "会議室数", "型": "整数"})
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    form = DW.workspace_form(cfg)
    assert form.survey_id == "telework2026"
    assert survey_frames(cfg)["facilities"].empty  # this year's survey has no answers yet
    assert previous_defaults(cfg, form)["総務課"]["facilities"][1] == {
        "facility_id": "F002", "facility": "中央図書館", "remote": "はい", "people": "3", "rooms": ""}


def test_the_return_workbook_is_the_form_rebuilt_with_grey_cells_restored_and_what_they_typed(cfg) -> None:
    answer(cfg, "財政課", {"実施状況!A4": "abc", "実施状況!B4": "はい", "実施状況!D4": "=1+1",
                        "所管施設!B4": "新会館", "所管施設!C4": "はい"})
    res = merge_survey(cfg)
    assert [(x.where, x.message) for x in res.files[0].findings_lines] == [
        ("実施状況!A4", NOT_INTEGER),
        ("実施状況!D4", "「備考」に数式（=1+1）が入っていますが計算結果が保存されていないため、空欄として読み込みました。"
                       "値を直接入力してください。"),
        ("所管施設!A4", "所管施設 シートの 4 行目（施設ID「F010」）で、変更できない灰色の欄が書き換えられています。元の内容に戻してください。")]
    wb = openpyxl.load_workbook(res.files[0].return_path)
    assert [c.value for c in wb["所管施設"][4]] == ["F010", "財政会館", "はい", None]  # the grey cell restored
    assert "灰色の欄" in wb["所管施設"]["A4"].comment.text
    assert [wb["実施状況"][c].value for c in ("A4", "B4", "D4")] == ["abc", "はい", None]  # no formula comes back
    notes = wb[msg.RETURN_SHEET]["A2"].value
    assert msg.RETURN_NOTE_RESTORED in notes


def test_a_form_issued_from_last_years_answers_is_rebuilt_from_them_when_sent_back(cfg, merged) -> None:
    path = cfg.root / "照会定義.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["設定"] = [{**row, "値": "telework2026"} if row["項目"] == "照会ID" else row for row in data["設定"]]
    data["既定データ"] = [{**row, "facility": "新図書館"} if row.get("facility_id") == "F002" else row
                      for row in data["既定データ"]]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for p in cfg.inbox_dir.iterdir():
        p.unlink()
    wb = openpyxl.load_workbook(form_of(cfg, "総務課", previous_defaults(cfg, DW.workspace_form(cfg))["総務課"]))
    wb["実施状況"]["A4"], wb["実施状況"]["B4"], wb["所管施設"]["B5"] = "abc", "はい", "別館"
    wb.save(cfg.inbox_dir / "総務課.xlsx")
    res = merge_survey(cfg)
    assert res.files[0].result == msg.RESULT_RETURNED
    returned = openpyxl.load_workbook(cfg.outbox_dir / "returns" / "telework2026" / "総務課_差戻し.xlsx")
    assert [c.value for c in returned["所管施設"][5]] == ["F002", "中央図書館", "はい", 3]  # as issued last year's way
