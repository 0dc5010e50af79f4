"""Synthetic workload for the benchmarks, built with sheetflow's own code.

A plan of `n` departments × `items` items (texts and KPIs copied from the real Tomakomai plan, so the
forms look like the real ones), written as plan YAML in the format of docs/plan-format.md; the forms
written by forms.write_forms; each form filled the way a department would (openpyxl edits of the
input cells, saved by openpyxl as Excel-compatible xlsx) into inbox/. Filling is setup, not measured;
it runs on every core.
"""

from __future__ import annotations

import math
import os
import random
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml
from openpyxl import load_workbook

from sheetflow.forms import layout as L
from sheetflow.ground.config import builtin_plan_path, load_config
from sheetflow.plan.load import load_plan
from sheetflow.plan.model import Plan

PERIOD = "2025H1"
KA_PER_BU = 40
STATUSES = ("順調", "順調", "順調", "概ね順調", "完了", "遅れ", "未着手")
RESULTS = ("関係課と協議し、実施方針を整理した。", "計画どおり事業を実施した。", "仕様書を作成し、業者選定を進めた。",
           "先進自治体の事例を調査し、導入の課題を洗い出した。", "庁内説明会を開催し、運用を開始した。")
NEXT = ("下期は対象を広げて実施する。", "利用者アンケートの結果を次年度の計画に反映する。", "効果を検証し、手順を見直す。")
ISSUES = ("予算確保の調整に時間を要している。", "関係機関との調整が遅れている。", "担当職員の異動で引継ぎに時間を要した。")


@dataclass
class Workspace:
    root: Path
    plan: Plan
    departments: int
    items: int
    kpis: int

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def forms_dir(self) -> Path:
        return self.root / "outbox" / "forms" / PERIOD

    def config(self):
        return load_config(self.root)


# --- plan ------------------------------------------------------------------------------------------
def _prefix(k: int) -> str:
    """One CJK character per 部 (the plan format's prefix legend uses one character)."""
    return chr(0x4E00 + 1 + k)


def synthetic_plan(n: int, per_dept: int) -> dict:
    """The plan mapping: n departments (40 課 per 部), per_dept items each, cycling the real items."""
    real = yaml.load(builtin_plan_path().read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    templates = [e for e in real["items"] if e.get("owner")]
    bus = math.ceil(n / KA_PER_BU)
    items = []
    for d in range(n):
        bu, ka = f"第{d // KA_PER_BU + 1}部", f"第{d + 1}課"
        for j in range(per_dept):
            no = d * per_dept + j + 1
            t = templates[(no - 1) % len(templates)]
            items.append({
                "no": no, "theme": t["theme"], "name": f"{t['name']}（{ka}）",
                "departments": f"{_prefix(d // KA_PER_BU)}) {ka}", "owner": f"{bu} {ka}", "related": [],
                "digital": bool(t.get("digital")), "continued": bool(t.get("continued")),
                "content": t.get("content") or "", "goal": t.get("goal"), "schedule": t.get("schedule") or {},
                "kpis": t.get("kpis") or [], "effects": t.get("effects"), "pr": t.get("pr") or "",
                "missing": t.get("missing") or []})
    head = {**real["plan"], "id": f"bench-{n}x{per_dept}", "title": f"ベンチマーク用プラン（{n}課）"}
    head.pop("source", None)
    return {"plan": head, "prefixes": {_prefix(k): f"第{k + 1}部" for k in range(bus)},
            "generic_owners": real.get("generic_owners") or [], "standalone": [],
            "themes": [{k: v for k, v in t.items() if k != "items"} for t in real["themes"]], "items": items}


def make_workspace(root: Path, n: int, per_dept: int) -> Workspace:
    """root/ with sheetflow.toml, plan.yaml and an empty inbox/."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "inbox").mkdir(exist_ok=True)
    text = yaml.safe_dump(synthetic_plan(n, per_dept), allow_unicode=True, sort_keys=False, width=1000)
    (root / "plan.yaml").write_text(text, encoding="utf-8")
    (root / "sheetflow.toml").write_text('plan = "plan.yaml"\n', encoding="utf-8")
    plan = load_plan(root / "plan.yaml")
    return Workspace(root, plan, n, len(plan.items), len(plan.kpis))


# --- filling ---------------------------------------------------------------------------------------
def fill(src: Path, dst: Path, seed: int, note: str = "") -> Path:
    """A department's answers typed into the input cells (openpyxl load → edit → save, as Excel would)."""
    rng = random.Random(seed)
    wb = load_workbook(src)
    _fill_sheet(wb[L.REPORT_SHEET], L.REPORT_COLUMNS, lambda key, row: _report_value(key, row, rng, note))
    _fill_sheet(wb[L.KPI_SHEET], L.KPI_COLUMNS, lambda key, row: _kpi_value(key, row, rng))
    dst.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dst)
    return dst


def _fill_sheet(ws, columns, value_of) -> None:
    inputs = [(i + 1, c.key) for i, c in enumerate(columns) if c.input]
    for r in range(L.FIRST_DATA_ROW + 1, ws.max_row + 1):
        if ws.cell(r, 1).value in (None, ""):
            continue
        answers = {}
        for col, key in inputs:
            answers[key] = value_of(key, answers)
            if answers[key] is not None:
                ws.cell(r, col).value = answers[key]


def _report_value(key: str, row: dict, rng: random.Random, note: str) -> object:
    if key == "status":
        return rng.choice(STATUSES)
    if key == "result":  # texts differ from row to row, as real answers do
        return f"{rng.choice(RESULTS)}{rng.choice(NEXT)}（{rng.randint(1, 12)}月末時点で{rng.randint(1, 40)}件）{note}"
    if key == "issues":
        return f"{rng.choice(ISSUES)}次期は{rng.randint(1, 12)}月までに協議する。" if row.get("status") == "遅れ" else None
    return rng.choice(("佐藤", "鈴木", "高橋")) if key == "reporter" else str(rng.randint(2000, 2999))


def _kpi_value(key: str, row: dict, rng: random.Random) -> object:
    return round(rng.uniform(1, 50), 1) if key == "actual" else None


def _fill_one(args: tuple[str, str, int, str]) -> str:
    src, dst, seed, note = args
    return str(fill(Path(src), Path(dst), seed, note))


def fill_all(ws: Workspace, forms: list[Path], note: str = "", seed: int = 1) -> list[Path]:
    """Fill every form into inbox/ (on every core)."""
    jobs = [(str(p), str(ws.inbox / p.name), seed + i, note) for i, p in enumerate(forms)]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return [Path(p) for p in pool.map(_fill_one, jobs, chunksize=16)]


def clear(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
