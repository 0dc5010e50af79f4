"""Helpers for the revision tests (no tests here): the plan file as 行政監理室 revises it."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parents[1] / "data"
ITEM_6 = """  - no: 6
    theme: 2
    name: 公金収納のキャッシュレス化
    departments: 財) 財政課
    owner: 財政部 財政課
    related: []
    content: 窓口での公金収納にキャッシュレス決済を導入する。
    goal: {year: 2029, texts: [全窓口で導入]}
    schedule: {2027: 導入の検討, 2028: 一部導入, 2029: 全窓口で導入}
    kpis: []
    effects: {citizen: 4, fiscal: 1, efficiency: 3}
    pr: 市民の利便性向上
"""


def revise(root: Path, version: int = 2, start: str = "R9上期") -> None:
    """The plan file as 行政監理室 revises it: version + 1, effective_from, item 6 added, No.1 targets changed."""
    text = (DATA / "mini-plan.yaml").read_text(encoding="utf-8")
    text = text.replace("  version: 1\n", f"  version: {version}\n  effective_from: {start}\n")
    text = text.replace("{no: 2, name: 市民サービスの向上, items: 2}", "{no: 2, name: 市民サービスの向上, items: 3}")
    text = text.replace("targets: {2025: 3, 2026: 3, 2027: 3, 2028: 3, 2029: 3}",
                        "targets: {2025: 3, 2026: 3, 2027: 5, 2028: 5, 2029: 5}")
    (root / "plan.yaml").write_text(text + ITEM_6, encoding="utf-8")
