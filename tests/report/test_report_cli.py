"""`sheetflow report` and `sheetflow publish` on a real ledger: forms filled, merged, reported, published."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner
from ledger_support import fill_dept, make_forms

from sheetflow.cli import main
from sheetflow.ledger.merge import merge_inbox

FIN, GIKAI = "財政部 財政課", "議会事務局"
REPORTER, PHONE = "記入者オメガ", "内線7531"


def _run(cfg, *args: str):
    return CliRunner().invoke(main, ["-C", str(cfg.root), *args])


@pytest.fixture
def merged(workspace, mini_plan):
    """H1: 財政課 reports 順調; H2: 財政課 (No.1 完了, No.2 遅れ) and 議会事務局 report."""
    make_forms(workspace, mini_plan, "2025H1")
    fill_dept(workspace, FIN, name="h1.xlsx", period="2025H1", status="順調", actual=1.0)
    merge_inbox(workspace, mini_plan)
    make_forms(workspace, mini_plan, "2025H2")
    fill_dept(workspace, FIN, name="h2.xlsx", period="2025H2", status="完了", reporter=REPORTER, phone=PHONE,
              actual=3.0, per_item={2: {"status": "遅れ", "issues": "=応募が少ないため募集方法を見直す"}})
    fill_dept(workspace, GIKAI, name="gikai.xlsx", period="2025H2", status="順調", reporter=REPORTER, phone=PHONE)
    merge_inbox(workspace, mini_plan)
    return workspace


def test_report_command_writes_the_period_report(merged):
    result = _run(merged, "report", "--period", "R7下期")
    assert result.exit_code == 0, result.output
    path = merged.outbox_dir / "reports" / "2025H2_進捗状況報告.xlsx"
    assert f"報告書を書き出しました: {path}" in result.output
    assert "提出 2/4 部署、報告 3/5 項目、遅れ 1 項目" in result.output
    wb = openpyxl.load_workbook(path)
    changes = [r for r in wb["前回からの変化"].iter_rows(values_only=True) if isinstance(r[0], int) and r[4] == "進捗状況"]
    assert [(r[0], r[3]) for r in changes] == [(1, "改善"), (2, "悪化"), (3, "未報告"), (4, "新規報告"), (5, "未報告")]
    behind = [r for r in wb["遅れ"].iter_rows(values_only=True) if r[0] == 2]
    assert behind[0][5] == "=応募が少ないため募集方法を見直す"
    submitted = {r[0]: r[2] for r in wb["提出状況"].iter_rows(values_only=True) if r[0] and r[2]}
    assert submitted[FIN] == "提出済" and submitted["市民生活部 窓口サービス課"] == "未提出"


def test_report_command_with_out_and_without_a_ledger(workspace, tmp_path):
    out = tmp_path / "elsewhere" / "r.xlsx"
    result = _run(workspace, "report", "--period", "2025H1", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "台帳がまだありません" in result.output and out.is_file()
    assert "提出 0/4 部署、報告 0/5 項目" in result.output


def test_report_command_rejects_a_bad_period(workspace):
    result = _run(workspace, "report", "--period", "2025H3")
    assert result.exit_code == 2
    assert "期間「2025H3」を読み取れません" in result.output


def test_publish_command_never_publishes_contacts(merged):
    result = _run(merged, "publish", "--year", "R7")
    assert result.exit_code == 1, result.output  # written, but 2 items unreported: warned, exit 1
    folder = merged.outbox_dir / "publish" / "2025"
    assert "取組項目 5 件（下期 3 件、上期時点 0 件、未報告 2 件）" in result.output
    assert ("注意: 5 項目のうち 2 項目は上期・下期とも報告がなく「未報告」として載っています。公表の前に、未提出の部署の"
            "報告を merge してから publish をやり直してください（終了コード 1）。") in result.output
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["2025_columns.md", "2025_items.csv", "2025_kpis.csv", "datapackage.json", "index.html"]
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8-sig")
        assert REPORTER not in text and PHONE not in text and "佐藤" not in text, path.name
    assert "'=応募が少ないため" in (folder / "2025_items.csv").read_text(encoding="utf-8-sig")


def test_publish_falls_back_to_h1_when_h2_lacks_an_item(merged, mini_plan):
    make_forms(merged, mini_plan, "2025H1")
    fill_dept(merged, GIKAI, name="gikai_h1.xlsx", period="2025H1", status="概ね順調")
    fill_dept(merged, "市民生活部 窓口サービス課", name="mado_h1.xlsx", period="2025H1", status="遅れ",
              issues="人員不足")
    merge_inbox(merged, mini_plan, period="2025H1")  # an earlier period: named (a plain merge holds its files)
    result = _run(merged, "publish", "--year", "令和7年度", "--out", str(merged.root / "web"))
    assert result.exit_code == 1, result.output  # one item still unreported
    assert "下期 3 件、上期時点 1 件、未報告 1 件" in result.output
    page = (merged.root / "web" / "index.html").read_text(encoding="utf-8")
    assert "遅れ<br>※上期時点" in page
