"""End to end: `sheetflow demo` runs the whole year on the real plan, and its results match what the
simulated departments did (the demo's own record, demo_record.json)."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from sheetflow.cli import main
from sheetflow.ground.config import load_config
from sheetflow.ledger.query import open_ledger, submission_status
from sheetflow.plan.load import load_plan

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "ws"
    result = CliRunner().invoke(main, ["demo", str(folder), "--seed", "11"], prog_name="sheetflow",
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    record = json.loads((folder / "demo_record.json").read_text(encoding="utf-8"))
    cfg = load_config(folder)
    return folder, result.output, record, cfg, load_plan(cfg.plan_path)


def _items_of(plan, depts) -> int:
    return sum(len(plan.items_for(d)) for d in plan.recipients() if d.key in depts)


def test_the_demo_prints_each_step_and_where_to_look(demo):
    folder, output, _, _, _ = demo
    for line in ("$ sheetflow forms --period 2025H1", "$ sheetflow merge --period 2025H1",
                 "$ sheetflow forms --period 2025H2", "$ sheetflow merge --period 2025H2",
                 "$ sheetflow publish --year 2025", "まず開いてみるファイル:"):
        assert line in output
    assert str(folder / "outbox" / "ledger.xlsx") in output


@pytest.mark.parametrize("period", ["2025H1", "2025H2"])
def test_ledger_holds_exactly_the_departments_that_got_through(demo, period):
    _, _, record, cfg, plan = demo
    rec = record["periods"][period]
    delivered = set(rec["submitted"]) | set(rec["wrong_period"])
    assert not delivered & set(rec["skipped"])
    current = open_ledger(cfg).current(period)
    assert len(current) == _items_of(plan, delivered)
    assert set(current["department"]) == delivered
    status = submission_status(open_ledger(cfg), plan, period).set_index("department")["status"]
    assert sorted(status[status == "未提出"].index) == sorted(rec["skipped"])
    resubmitted = (set(rec["fixed"]) | set(rec["corrected"])) - set(rec["wrong_period"])
    assert set(status[status == "再提出"].index) == resubmitted


@pytest.mark.parametrize("period", ["2025H1", "2025H2"])
def test_every_mistake_was_returned_and_then_fixed(demo, period):
    _, _, record, cfg, _ = demo
    rec = record["periods"][period]
    refused = [d for d, m in rec["submitted"].items() if set(m) & {"missing_issues", "text_in_kpi", "locked_edit"}]
    assert len(refused) == 3
    returns = sorted(p.name for p in (cfg.outbox_dir / "returns" / period).glob("*_差戻し.xlsx"))
    assert len(returns) == len(refused)
    assert set(refused) <= set(rec["fixed"])
    assert rec["exit_codes"] == [1, 0]  # the first merge returns files, the merge after the fixes is clean


def test_corrections_supersede_and_keep_history(demo):
    _, _, record, cfg, plan = demo
    corrected = [d for rec in record["periods"].values() for d in rec["corrected"]]
    history = open_ledger(cfg).history()
    assert len(history) == sum(_items_of(plan, {d}) for d in corrected)
    assert set(history["department"]) == set(corrected)


def test_zenkaku_digits_were_normalised_and_accepted(demo):
    _, _, record, cfg, _ = demo
    for period, rec in record["periods"].items():
        (dept,) = [d for d, m in rec["submitted"].items() if m == ["zenkaku"]]
        kpis = open_ledger(cfg).current_kpis(period)
        values = kpis[kpis["department"] == dept]["actual"]
        assert values.notna().all() and len(values) >= 1


def test_libreoffice_saved_file_was_accepted(demo):
    _, _, record, cfg, _ = demo
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    for period, rec in record["periods"].items():
        (dept,) = rec["libreoffice"]
        assert dept in set(open_ledger(cfg).current(period)["department"])


def test_report_publish_and_rebuild(demo):
    folder, _, _, cfg, _ = demo
    for period in ("2025H1", "2025H2"):
        report = cfg.outbox_dir / "reports" / f"{period}_進捗状況報告.xlsx"
        names = pd.ExcelFile(report, engine="calamine").sheet_names
        assert names == ["概要", "テーマ別", "指標", "効果額・達成度", "計画期間の推移", "集計", "遅れ", "前回からの変化", "提出状況"]
        assert any(n.startswith("xl/charts/chart") for n in zipfile.ZipFile(report).namelist())
    html = (cfg.outbox_dir / "publish" / "2025" / "index.html").read_text(encoding="utf-8")
    reporters = set(open_ledger(cfg).current()["reporter"]) - {""}
    assert reporters and not any(name in html for name in reporters)
    csv = pd.read_csv(cfg.outbox_dir / "publish" / "2025" / "2025_items.csv", encoding="utf-8-sig")
    assert len(csv) == 56
    assert csv["効果額_計_千円"].sum() > 0 and csv["達成度"].notna().sum() > 40  # the departments filled them in
    assert "効果額はまだ集計されていません。" not in html and "A 目標以上" in html
    before = {t: open_ledger(cfg).table(t) for t in ("current", "current_kpis")}
    result = CliRunner().invoke(main, ["-C", str(folder), "rebuild"], prog_name="sheetflow", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for name, frame in before.items():
        pd.testing.assert_frame_equal(open_ledger(cfg).table(name), frame)


def test_demo_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["demo", str(tmp_path)], prog_name="sheetflow")
    assert result.exit_code == 2
    assert "空ではありません" in result.output
    assert (tmp_path / "keep.txt").exists()


def test_same_seed_same_answers(tmp_path):
    folders = [tmp_path / "a", tmp_path / "b"]
    for folder in folders:
        result = CliRunner().invoke(main, ["demo", str(folder), "--seed", "5"], prog_name="sheetflow",
                                    catch_exceptions=False)
        assert result.exit_code == 0
    frames = [open_ledger(load_config(f)).current()[["period", "no", "status", "result"]] for f in folders]
    pd.testing.assert_frame_equal(*frames)
    records = [json.loads((f / "demo_record.json").read_text(encoding="utf-8"))["periods"] for f in folders]
    assert records[0] == records[1]


def test_files_were_identified_by_content_not_by_name(demo):
    from sheetflow.forms.workbook import form_filename

    folder, _, record, _, plan = demo
    inbox_names = {p.name for p in Path(folder, "inbox").iterdir()}
    assert not inbox_names & {form_filename(d.key) for d in plan.recipients()}
    assert len(inbox_names) >= sum(len(r["submitted"]) for r in record["periods"].values())


def test_three_members_evaluate_and_the_next_years_forms_answer_them(demo):
    import openpyxl

    folder, output, record, cfg, plan = demo
    assert "$ sheetflow council --year 2025" in output and record["council"] == ["山田 太郎", "佐藤 花子", "鈴木 一郎"]
    scores = open_ledger(cfg).table("council_scores")
    assert sorted(set(scores["member"])) == sorted(record["council"]) and len(scores) == 3 * len(plan.items)
    page = (cfg.outbox_dir / "publish" / "2025" / "index.html").read_text(encoding="utf-8")
    assert "点/5点" in page and "山田" not in page
    opinion_items = {int(n) for n in scores[scores["opinion"] != ""]["no"]}
    answered = open_ledger(cfg).current("2026H1")
    answered = {int(r.no) for r in answered.itertuples() if r.response}
    assert answered and answered <= opinion_items  # only items with an opinion can carry an answer
    sheet = openpyxl.load_workbook(cfg.outbox_dir / "reports" / "2026H1_進捗状況報告.xlsx")["審議会意見への対応"]
    nos = [r[0] for r in sheet.iter_rows(min_row=5, values_only=True) if r[0] is not None]
    assert set(nos) == {no for no in opinion_items if plan.item(no)}


def test_the_survey_round_trip_matches_what_the_simulated_departments_did(demo):
    """The demo's 庁内照会: 35 departments asked; the ones it made refuse-worthy mistakes were sent back and
    answered again; status names exactly the departments that never answered; the 集計表 has every answer."""
    folder, output, record, _, plan = demo
    survey = record["survey"]
    departments = [d.key for d in plan.recipients()]
    assert len(departments) == 35 and len(survey["skipped"]) == 2
    assert sorted(survey["fixed"]) == sorted(d for d, m in survey["answered"].items() if set(m) - {"zenkaku"})
    assert survey["exit_codes"] == [1, 0]
    missing = "、".join(d for d in departments if d in survey["skipped"])
    assert f"未回答の部署（2）: {missing}" in output
    returns = folder / "照会" / "outbox" / "returns" / "telework"
    assert len(list(returns.glob("*.xlsx"))) == len(survey["fixed"])
    tally = pd.ExcelFile(folder / "照会" / "outbox" / "reports" / "telework" / "telework_集計表.xlsx", engine="calamine")
    assert tally.sheet_names == ["概要", "実施状況", "実施した取組", "担当する取組項目"]
    items = tally.parse("担当する取組項目", header=None)
    answered = [d for d in departments if d not in survey["skipped"]]
    assert sum(len(plan.items_for(d)) for d in plan.recipients() if d.key in answered) == \
        sum(1 for v in items[0] if v in answered)
