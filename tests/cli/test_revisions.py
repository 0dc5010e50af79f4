"""A mid-term revision end to end through the real commands (issue 15, points 5-7).

Forms of version 1 are issued for R8下期; the plan file is then revised (version 2, effective_from R9上期,
one item added, one item's targets changed); the version-1 forms are merged after the revision and accepted;
R8下期 forms are still version 1, R9上期 forms are version 2; the R9上期 report has 「計画の見直し」.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from ledger_support import fill, form_path
from revision_support import revise

from sheetflow.cli import main
from sheetflow.forms import layout as L
from sheetflow.forms.read import parse_meta, read_values
from sheetflow.ground.config import load_config
from sheetflow.ledger.status import merged_versions

DEPT = "財政部 財政課"
NAME_1 = "基金の運用による税外収入の確保（債券運用）"


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(root), *args], prog_name="sheetflow", catch_exceptions=False)


def meta_of(path: Path) -> dict[str, str]:
    return parse_meta(read_values(path.read_bytes()).sheets[L.META_SHEET]).pairs


def item_nos(path: Path) -> list[int]:
    ws = openpyxl.load_workbook(path)[L.REPORT_SHEET]
    return [int(r[0]) for r in ws.iter_rows(min_row=L.FIRST_DATA_ROW + 1, values_only=True) if r[0] not in (None, "")]


def report_sheet(root: Path, period: str, name: str) -> list[tuple] | None:
    wb = openpyxl.load_workbook(root / "outbox" / "reports" / f"{period}_進捗状況報告.xlsx")
    return [tuple(r) for r in wb[name].iter_rows(values_only=True)] if name in wb.sheetnames else None


def outbox_files(root: Path) -> dict[str, bytes]:
    """Every file of the outbox but the plan validation cache (which only remembers that a file is valid)."""
    return {str(p): p.read_bytes() for p in (root / "outbox").rglob("*") if p.is_file() and ".cache" not in p.parts}


def test_forms_of_version_1_merged_after_the_revision_and_forms_by_period(workspace) -> None:
    root = workspace.root
    assert run(root, "forms", "--period", "R8下期").exit_code == 0
    fill(form_path(workspace, DEPT, "2026H2"), workspace.inbox_dir / "財政課_R8下期.xlsx")
    revise(root)

    merged = run(root, "merge", "--period", "R8下期")  # the version-1 file, after the revision
    assert merged.exit_code == 0, merged.output
    assert "受理 1 件 / 差戻し 0 件" in merged.output
    assert merged_versions(load_config(root)) == [("2026H2", "mini", 1)]
    assert report_sheet(root, "2026H2", "計画の見直し") is None  # the revision applies from R9上期

    assert run(root, "forms", "--period", "R8下期", "--force").exit_code == 0  # an earlier period: still version 1
    old = form_path(workspace, DEPT, "2026H2")
    assert meta_of(old)["plan_version"] == "1" and item_nos(old) == [1, 2]

    assert run(root, "forms", "--period", "R9上期").exit_code == 0  # from effective_from on: version 2
    new = form_path(workspace, DEPT, "2027H1")
    assert meta_of(new)["plan_version"] == "2" and item_nos(new) == [1, 2, 6]
    assert len(list((root / "outbox" / "plans").glob("*.yaml"))) >= 2  # both versions archived

    shutil.rmtree(workspace.inbox_dir)
    fill(new, workspace.inbox_dir / "財政課_R9上期.xlsx")
    merged = run(root, "merge", "--period", "R9上期")
    assert merged.exit_code == 0, merged.output
    rows = report_sheet(root, "2027H1", "計画の見直し")
    assert rows[0] == ("計画の見直し（mini 第1版 → mini 第2版（令和9年度 上期から適用））",) + (None,) * 6
    assert rows[3] == ("区分", "No.", "項目名", "変更した欄", "変更前", "変更後", "備考")
    assert [r[:4] for r in rows[4:]] == [
        ("目標の変更", 1, NAME_1, "運用額"),
        ("追加", 6, "公金収納のキャッシュレス化", "")]
    assert rows[4][4:6] == ("運用額（億円）: 2025年度 3、2026年度 3、2027年度 3、2028年度 3、2029年度 3",
                            "運用額（億円）: 2025年度 3、2026年度 3、2027年度 5、2028年度 5、2029年度 5")
    # indicators compare with the targets of the version in force: R9 is 5 (version 2), running total 11
    [kpi] = [r for r in report_sheet(root, "2027H1", "指標") if r[:3] == (1, NAME_1, "運用額")]
    assert kpi[5:7] == (5, 11)
    [kpi] = [r for r in report_sheet(root, "2026H2", "指標") if r[:3] == (1, NAME_1, "運用額")]
    assert kpi[5:7] == (3, 6)  # R8下期: version 1


def test_a_revision_starting_before_merged_periods_is_refused_and_changes_nothing(workspace) -> None:
    root = workspace.root
    run(root, "forms", "--period", "R8下期")
    fill(form_path(workspace, DEPT, "2026H2"), workspace.inbox_dir / "財政課.xlsx")
    assert run(root, "merge", "--period", "R8下期").exit_code == 0
    revise(root, start="R8下期")
    before = outbox_files(root)

    for args in (("forms", "--period", "R9上期"), ("merge",)):
        result = run(root, *args)
        assert result.exit_code == 2, result.output
        assert ("エラー: 計画 mini 第2版の適用開始（令和8年度 下期）より後の 令和8年度 下期 は、すでに第1版の様式で"
                "台帳に反映されています。") in result.output
        assert "plan.effective_from を 令和9年度 上期 以降にしてください（何も変更していません）。" in result.output
    assert outbox_files(root) == before


def test_a_period_before_the_revision_without_the_earlier_version_is_a_clear_error(workspace) -> None:
    revise(workspace.root)  # version 2 from R9上期, and no forms were ever issued from version 1 here
    result = run(workspace.root, "forms", "--period", "R8下期")
    assert result.exit_code == 2
    assert ("令和8年度 下期 に適用される計画の版がありません: 計画 mini 第2版は 令和9年度 上期 から適用され、"
            "それより前の版はこの作業フォルダのアーカイブ（outbox/plans/）にありません。") in result.output


def test_a_years_publication_lists_the_items_of_the_version_in_force_at_its_end(workspace) -> None:
    import csv
    import io

    root = workspace.root
    assert run(root, "forms", "--period", "R8下期").exit_code == 0
    fill(form_path(workspace, DEPT, "2026H2"), workspace.inbox_dir / "財政課_R8下期.xlsx")
    assert run(root, "merge", "--period", "R8下期").exit_code == 0
    revise(root)  # version 2 adds item 6 from R9上期: not an item of R8
    assert run(root, "publish", "--year", "R8").exit_code == 1  # 1: other departments' items unreported
    text = (root / "outbox" / "publish" / "2026" / "2026_items.csv").read_text(encoding="utf-8-sig")
    assert [r["No"] for r in csv.DictReader(io.StringIO(text))] == ["1", "2", "3", "4", "5"]


def test_ledger_xlsx_names_each_row_by_the_version_its_form_came_from(workspace) -> None:
    root = workspace.root
    assert run(root, "forms", "--period", "R8下期").exit_code == 0
    fill(form_path(workspace, DEPT, "2026H2"), workspace.inbox_dir / "財政課_R8下期.xlsx")
    revise(root)
    plan = root / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(f"name: {NAME_1}", "name: 基金の債券運用"), encoding="utf-8")
    assert run(root, "merge", "--period", "R8下期").exit_code == 0  # the version-1 file, after the renaming
    ws = openpyxl.load_workbook(root / "outbox" / "ledger.xlsx")["台帳"]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "2026H2"]
    assert [(r[2], r[3]) for r in rows] == [(1, NAME_1), (2, "広告料収入の確保")]
