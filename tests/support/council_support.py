"""Helpers for the council tests (no tests here): a member fills the evaluation workbook as a person does.

Only the unlocked cells are touched (委員名 C3, 評価点 and 意見 of each item row), with openpyxl.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from click.testing import CliRunner
from ledger_support import fill_dept, make_forms, set_saved_at
from openpyxl import load_workbook

from sheetflow.cli import main
from sheetflow.forms import council as C
from sheetflow.ground.config import Config
from sheetflow.ledger.merge import merge_inbox
from sheetflow.plan.model import Plan

FIN, GIKAI = "財政部 財政課", "議会事務局"
BOOK = "令和7年度_審議会評価シート.xlsx"
UNREPORTED = ("注意: 5 項目のうち 2 項目は上期・下期とも報告がなく「未報告」として載っています。委員に配る前に、"
              "未提出の部署の報告を merge してから council --force で作り直してください（終了コード 1）。")


def run_cli(cfg: Config, *args: str):
    return CliRunner().invoke(main, ["-C", str(cfg.root), *args])


def merged_year(cfg: Config, plan: Plan) -> Path:
    """H1 and H2 reports of 財政課 and 議会事務局 merged; the R7 evaluation workbook written (its path)."""
    make_forms(cfg, plan, "2025H1")
    fill_dept(cfg, FIN, name="fin-h1.xlsx", period="2025H1", status="順調", result="上期の実績")
    merge_inbox(cfg, plan)
    make_forms(cfg, plan, "2025H2")
    fill_dept(cfg, FIN, name="fin-h2.xlsx", period="2025H2", status="完了", result="下期の実績", actual=3.0,
              per_item={1: {"revenue": 1200, "saving": 300, "grade": "B 目標どおり"}})
    fill_dept(cfg, GIKAI, name="gikai-h1.xlsx", period="2025H2", status="遅れ", result="会議録の公開",
              issues="予算の確保")
    merge_inbox(cfg, plan)
    result = run_cli(cfg, "council", "--year", "R7")
    assert result.exit_code == 1 and UNREPORTED in result.output, result.output  # 総務 and 窓口 sent nothing
    return cfg.outbox_dir / "council" / "2025" / BOOK


def item_rows(path: Path) -> dict[int, int]:
    """item no → 1-based Excel row of the workbook's 評価シート."""
    ws = load_workbook(path)[C.SHEET]
    return {int(ws.cell(r, 1).value): r for r in range(C.FIRST_DATA_ROW + 1, ws.max_row + 1)
            if ws.cell(r, 1).value not in (None, "")}


def fill_member(src: Path, dst: Path, member: str | None, scores: dict[int, object],
                opinions: dict[int, str] | None = None, saved_at: datetime | None = None, edit=None) -> Path:
    """Fill a copy: the member's name, a score per item no, opinions; saved as dst (any name)."""
    wb = load_workbook(src)
    ws = wb[C.SHEET]
    if member is not None:
        ws[C.member_cell()] = member
    rows = item_rows(src)
    for no, score in scores.items():
        ws[C.score_cell(rows[no])] = score
    for no, text in (opinions or {}).items():
        ws[C.opinion_cell(rows[no])] = text
    if edit:
        edit(ws)
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(set_saved_at(data, saved_at) if saved_at else data)
    return dst
