"""The office adds a column and a status in Excel, with no Python change (issue 27's "done when").

From an exported definition: one row in 項目 (予算額（千円）: 整数, 最小 0, 集計 合計, 公表 ○) and one row in
選択肢 (a status 休止 that needs a reason and is counted apart), plus one line in sheetflow.toml. Then the
real commands: the forms show the column with a whole-number validation; text and a negative value are
refused at their cells; merged values are in ledger.sqlite (typed, with history and provenance), in
ledger.xlsx under their header, summed by theme in the report's 集計 sheet and in the publication CSV, typed
integer in datapackage.json; 休止 is offered, needs its reason, and is counted apart in the report.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from pathlib import Path

import pytest
from council_support import FIN, run_cli
from ledger_support import fill_dept, form_path, mini_workspace
from openpyxl import load_workbook

from sheetflow.ground.config import load_config
from sheetflow.ledger.merge import merge_inbox

BUDGET = {"表ID": "report", "項目ID": "budget", "見出し": "予算額（千円）", "型": "整数", "最小": 0,
          "集計": "合計", "公表": "○", "説明": "今年度の予算額を千円単位の整数で記入してください。", "幅": 9, "追加版": 6}
PAUSED = {"リスト名": "進捗状況", "値": "休止", "説明": "取組を一時休止している（理由を記入）", "順位": -1,
          "理由必須": "○", "別計上": "○"}
DEFINITION = "様式定義.xlsx"
PERIOD, YEAR = "2025H2", 2025


def set_version(path: Path, version: int) -> None:
    """設定 版: raised by one, as docs/form-definition.md asks when a column is added."""
    wb = load_workbook(path)
    next(r for r in wb["設定"].iter_rows(min_row=2) if r[0].value == "版")[1].value = version
    wb.save(path)


def add_row(path: Path, sheet: str, values: dict) -> None:
    """Append a row to a definition sheet as a person does in Excel: under the columns its header names."""
    wb = load_workbook(path)
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    ws.append([values.get(h) for h in header])
    wb.save(path)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """A workspace whose office exported the definition, added 予算額 and 休止 in Excel and named the copy in
    sheetflow.toml; forms written for R7下期."""
    cfg = mini_workspace(tmp_path_factory.mktemp("definition-e2e"))
    out = cfg.root / DEFINITION
    exported = run_cli(cfg, "form", "export", "--out", str(out))
    assert exported.exit_code == 0, exported.output
    set_version(out, 6)
    add_row(out, "項目", BUDGET)
    add_row(out, "選択肢", PAUSED)
    with (cfg.root / "sheetflow.toml").open("a", encoding="utf-8") as f:
        f.write(f'form = "{DEFINITION}"\n')
    checked = run_cli(cfg, "form", "check", str(out))
    assert checked.exit_code == 0, checked.output
    cfg = load_config(cfg.root)
    written = run_cli(cfg, "forms", "--period", "R7下期")
    assert written.exit_code == 0, written.output
    return cfg


def budget_column(ws) -> int:
    """1-based column of 予算額（千円） in the header row (row 3) of 進捗報告 (the form breaks a header before 「（」)."""
    return next(c.column for c in ws[3] if str(c.value or "").replace("\n", "") == BUDGET["見出し"])


def test_the_form_shows_the_new_column_with_a_whole_number_validation(office):
    wb = load_workbook(form_path(office, FIN, PERIOD))
    ws = wb["進捗報告"]
    col = budget_column(ws)
    letter = ws.cell(4, col).column_letter
    assert ws.cell(4, col).protection.locked is False
    rules = [dv for dv in ws.data_validations.dataValidation if f"{letter}4" in dv.sqref]
    assert [(dv.type, dv.operator, dv.formula1) for dv in rules] == [("whole", "greaterThanOrEqual", "0")]
    assert rules[0].prompt == BUDGET["説明"]
    assert "休止" in [r[0] for r in wb["_lists"].iter_rows(values_only=True)]


def fill_budget(cfg, name: str, budgets: dict[int, object], **kwargs) -> Path:
    """財政課's form filled (status 順調 unless kwargs say otherwise) with 予算額 per row (4, 5, …)."""
    path = fill_dept(cfg, FIN, name=name, period=PERIOD, **kwargs)
    wb = load_workbook(path)
    ws = wb["進捗報告"]
    col = budget_column(ws)
    for row, value in budgets.items():
        ws.cell(row, col).value = value
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def merged(office, mini_plan):
    """A refused file (text, a negative value, 休止 without reason), then an accepted one, then a resubmission."""
    fill_budget(office, "fin-bad.xlsx", {4: "abc", 5: -5}, per_item={1: {"status": "休止", "issues": ""}})
    refused = merge_inbox(office, mini_plan)
    fill_budget(office, "fin-1.xlsx", {4: 1000, 5: 2500})
    first = merge_inbox(office, mini_plan)
    second_path = fill_budget(office, "fin-2.xlsx", {4: "１，２００", 5: 3000},
                              per_item={2: {"status": "休止", "issues": "国の制度改正を待つため"}})
    second = merge_inbox(office, mini_plan)
    return refused, first, second, hashlib.sha256(second_path.read_bytes()).hexdigest()


def test_text_and_a_negative_value_are_refused_at_their_cells(office, merged):
    refused = merged[0]
    assert refused.exit_code == 1
    bad = next(f for f in refused.files if f.path.name == "fin-bad.xlsx")
    col = budget_column(load_workbook(form_path(office, FIN, PERIOD))["進捗報告"])
    letter = chr(64 + col)
    found = {(f.where, f.message) for f in bad.findings if f.severity == "error"}
    assert (f"進捗報告!{letter}4", "「予算額（千円）」の「abc」を整数として読めません。0以上の整数だけを記入してください。") in found
    assert (f"進捗報告!{letter}5", "「予算額（千円）」の -5 は範囲の外です。0以上の値を記入してください。") in found
    assert ("進捗報告!K4", "進捗状況が「休止」のときは「課題・今後の対応」に理由を記入してください。") in found


def test_merged_values_are_in_the_ledger_typed_with_history_and_provenance(office, merged):
    sha = merged[3]
    assert merged[1].exit_code == 0 and merged[2].exit_code == 0
    conn = sqlite3.connect(office.outbox_dir / "ledger.sqlite")
    rows = conn.execute("SELECT no, budget, typeof(budget), source_sha256 FROM current WHERE period = ? "
                        "ORDER BY no", (PERIOD,)).fetchall()
    old = conn.execute("SELECT no, budget, replaced_by FROM history WHERE period = ? ORDER BY no",
                       (PERIOD,)).fetchall()
    conn.close()
    assert rows == [(1, 1200, "integer", sha), (2, 3000, "integer", sha)]
    assert old == [(1, 1000, sha), (2, 2500, sha)]


def test_ledger_xlsx_shows_the_value_under_its_header(office, merged):
    ws = load_workbook(office.outbox_dir / "ledger.xlsx", read_only=True)["台帳"]
    rows = list(ws.iter_rows(values_only=True))
    header = [str(h or "").replace("\n", "") for h in rows[0]]
    at, sha_at = header.index("予算額（千円）"), header.index("SHA-256")
    values = {(r[at], r[sha_at]) for r in rows[1:] if r[at] is not None}
    assert values == {(1200, merged[3]), (3000, merged[3])}


def test_the_report_sums_it_by_theme_and_counts_paused_items_apart(office, merged):
    assert run_cli(office, "report", "--period", "R7下期").exit_code == 0
    wb = load_workbook(office.outbox_dir / "reports" / f"{PERIOD}_進捗状況報告.xlsx", read_only=True)
    table = list(wb["集計"].iter_rows(values_only=True))
    header = next(r for r in table if "予算額（千円）" in r)
    at = header.index("予算額（千円）")
    total = next(r for r in table if r[0] == "計")
    assert total[at] == 4200
    effects = [[c for c in r if c is not None] for r in wb["効果額・達成度"].iter_rows(values_only=True)]
    assert ["取組中の項目 4 件（全 5 件のうち中止・休止 1 件を除く）"] in effects
    at = effects.index(["中止・休止の項目（1 件、取組中の項目数から除く）"])
    assert effects[at + 1:at + 3] == [["項目", "担当部署", "中止・休止の理由"],
                                     ["No.2 広告料収入の確保", "財政部 財政課", "国の制度改正を待つため"]]


def test_the_publication_carries_it_typed_integer(office, merged):
    run_cli(office, "publish", "--year", str(YEAR))
    folder = office.outbox_dir / "publish" / str(YEAR)
    items = next(folder.glob("*_items.csv"))
    rows = list(csv.DictReader(io.StringIO(items.read_text(encoding="utf-8-sig"))))
    assert sorted(r["予算額（千円）"] for r in rows if r["予算額（千円）"]) == ["1200", "3000"]
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f["type"] for res in package["resources"] for f in res["schema"]["fields"]}
    assert fields["予算額（千円）"] == "integer"
