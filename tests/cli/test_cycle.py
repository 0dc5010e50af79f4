"""Issue 15 end to end through the real commands: a year (R7) with three members' evaluations, the city's
responses in the next year's forms, and a mid-term revision (version 2 from R8下期) with forms issued from
version 1 merged after the revision — down to the reports and both years' publications."""

from __future__ import annotations

import openpyxl
from council_support import FIN, fill_member, merged_year, run_cli
from ledger_support import fill_dept, form_path
from revision_support import revise

from sheetflow.forms import layout as L
from sheetflow.forms.read import parse_meta, read_values
from sheetflow.ledger.status import merged_versions

MEMBERS = {"山田 太郎": ({1: 5, 2: 4, 4: 3}, {1: "効果額の根拠を示すこと。"}),
           "佐藤 花子": ({1: 4, 2: 4, 4: 2}, {2: "周知が不足している。"}),
           "鈴木 一郎": ({1: 4, 2: 3, 4: 3}, {})}


def _version(path) -> str:
    return parse_meta(read_values(path.read_bytes()).sheets[L.META_SHEET]).pairs["plan_version"]


def _sheet(cfg, period: str, name: str) -> list[tuple]:
    wb = openpyxl.load_workbook(cfg.outbox_dir / "reports" / f"{period}_進捗状況報告.xlsx")
    return [tuple(r) for r in wb[name].iter_rows(values_only=True)]


def test_a_year_with_the_council_a_revision_and_the_responses(workspace, mini_plan):
    book = merged_year(workspace, mini_plan)
    for n, (member, (scores, opinions)) in enumerate(MEMBERS.items()):
        fill_member(book, workspace.inbox_dir / f"委員{n}.xlsx", member, scores, opinions)
    merged = run_cli(workspace, "merge")
    assert merged.exit_code == 0 and merged.output.count("受理  審議会委員") == 3, merged.output
    published = run_cli(workspace, "publish", "--year", "R7")
    page = (workspace.outbox_dir / "publish" / "2025" / "index.html").read_text(encoding="utf-8")
    assert published.exit_code == 1 and "4.3点/5点" in page and "効果額の根拠を示すこと。" in page  # 1: items unreported

    assert run_cli(workspace, "forms", "--period", "R8上期").exit_code == 0  # version 1, with the R7 opinions
    fill_dept(workspace, FIN, name="財政課_R8上期.xlsx", period="2026H1",
              per_item={1: {"response": "算定根拠を様式に明記した。"}})
    revise(workspace.root, start="R8下期")  # version 2 (item 6 added) from R8下期, before the R8上期 file is merged
    merged = run_cli(workspace, "merge", "--period", "R8上期")
    assert merged.exit_code == 0 and "受理 1 件 / 差戻し 0 件" in merged.output, merged.output

    assert run_cli(workspace, "forms", "--period", "R8下期").exit_code == 0
    h2 = form_path(workspace, FIN, "2026H2")
    assert _version(form_path(workspace, FIN, "2026H1")) == "1" and _version(h2) == "2"
    assert [r[0] for r in openpyxl.load_workbook(h2)[L.OPINION_SHEET].iter_rows(min_row=4, values_only=True)] == [1, 2]
    fill_dept(workspace, FIN, name="財政課_R8下期.xlsx", period="2026H2", per_item={2: {"response": "説明会を開いた。"}})
    merged = run_cli(workspace, "merge", "--period", "R8下期")
    assert merged.exit_code == 0, merged.output
    assert merged_versions(workspace) == [("2025H1", "mini", 1), ("2025H2", "mini", 1), ("2026H1", "mini", 1),
                                          ("2026H2", "mini", 2)]

    assert [r[:3] for r in _sheet(workspace, "2026H2", "計画の見直し")[4:]] == [
        ("目標の変更", 1, "基金の運用による税外収入の確保（債券運用）"), ("追加", 6, "公金収納のキャッシュレス化")]
    pairs = [(r[0], r[4], r[5], r[6]) for r in _sheet(workspace, "2026H2", "審議会意見への対応")[4:]]
    assert pairs == [(1, "・効果額の根拠を示すこと。", "算定根拠を様式に明記した。", "令和8年度 上期"),
                     (2, "・周知が不足している。", "説明会を開いた。", "令和8年度 下期")]
    assert run_cli(workspace, "publish", "--year", "R8").exit_code == 1  # 1: items of other departments unreported
    page = (workspace.outbox_dir / "publish" / "2026" / "index.html").read_text(encoding="utf-8")
    assert "令和7年度の審議会の意見への対応" in page and "算定根拠を様式に明記した。" in page and "説明会を開いた。" in page
