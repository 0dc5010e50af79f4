"""Helpers for the ledger and merge tests (no tests here): write forms, fill them like a person, read sheets.

Forms are written with forms.write_forms and filled with openpyxl at the layout's input positions, then
saved into inbox/ — the files merge sees are real department workbooks.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import load_workbook

from sheetflow.forms import layout as L
from sheetflow.forms.workbook import form_filename, write_forms
from sheetflow.ground.config import Config, load_config
from sheetflow.ground.periods import parse_period
from sheetflow.ledger.status import previous_answers
from sheetflow.plan.model import Plan


def mini_workspace(root: Path) -> Config:
    """An empty workspace in root (inbox/; outbox/ comes with the first output) using tests/data/mini-plan.yaml,
    with 締切 and 連絡先 set."""
    shutil.copy(Path(__file__).parents[1] / "data" / "mini-plan.yaml", root / "plan.yaml")
    (root / "sheetflow.toml").write_text('plan = "plan.yaml"\ndeadline = "10月31日"\n'
                                         'contact = "総務部行政監理室（内線 2231）"\n', encoding="utf-8")
    (root / "inbox").mkdir()
    return load_config(root)


def make_forms(cfg: Config, plan: Plan, period: str = "2025H1", by: str = "課", carry: bool = False) -> Path:
    """Write the period's forms (outbox/forms/<period>/); with carry, last period's answers are carried."""
    p = parse_period(period)
    prev = (lambda key: previous_answers(cfg, plan, p, key)) if carry else None
    write_forms(plan, p, cfg, by=by, force=True, previous_for=prev)
    return cfg.outbox_dir / "forms" / p.code


def form_path(cfg: Config, dept: str, period: str = "2025H1") -> Path:
    return cfg.outbox_dir / "forms" / parse_period(period).code / form_filename(dept)


def _cols(columns: tuple) -> dict[str, int]:
    return {c.key: i + 1 for i, c in enumerate(columns)}


def fill(src: Path, dst: Path, status: str = "順調", result: str = "計画どおり実施した。", issues: str = "",
         reporter: str = "佐藤", phone: str = "1234", actual: float | None = 1.5, remark: str = "",
         per_item: dict[int, dict] | None = None, saved_at: datetime | None = None) -> Path:
    """Fill every input cell of a form (per_item overrides by item no) and save it as dst."""
    wb = load_workbook(src)
    ws, cols = wb[L.REPORT_SHEET], _cols(L.REPORT_COLUMNS)
    for r in range(L.FIRST_DATA_ROW + 1, ws.max_row + 1):
        no = ws.cell(r, cols["no"]).value
        if no in (None, ""):
            continue
        values = {"status": status, "result": result, "issues": issues, "reporter": reporter, "phone": phone,
                  **(per_item or {}).get(int(no), {})}
        for key, value in values.items():
            if key in cols and key != "actual":
                _type(ws.cell(r, cols[key]), value)
    ws, cols = wb[L.KPI_SHEET], _cols(L.KPI_COLUMNS)
    for r in range(L.FIRST_DATA_ROW + 1, ws.max_row + 1):
        no = ws.cell(r, cols["no"]).value
        if no in (None, ""):
            continue
        item = (per_item or {}).get(int(no), {})
        ws.cell(r, cols["actual"]).value = item.get("actual", actual)
        _type(ws.cell(r, cols["remark"]), item.get("remark", remark))
    if L.OPINION_SHEET in wb.sheetnames:  # 意見への対応: only where per_item gives a "response"
        ws, cols = wb[L.OPINION_SHEET], _cols(L.OPINION_COLUMNS)
        for r in range(L.FIRST_DATA_ROW + 1, ws.max_row + 1):
            no = ws.cell(r, cols["no"]).value
            if no not in (None, "") and "response" in (per_item or {}).get(int(no), {}):
                _type(ws.cell(r, cols["response"]), per_item[int(no)]["response"])
    dst.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    dst.write_bytes(set_saved_at(data, saved_at) if saved_at else data)
    return dst


def _type(cell, value: object) -> None:
    """Enter a value as a person types it: text that starts with = is text (Excel: '=…), not a formula."""
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


def set_saved_at(data: bytes, when: datetime) -> bytes:
    """Rewrite docProps/core.xml dcterms:modified (what Excel records as the last save time)."""
    stamp = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp.encode() + rb"\g<2>", body)
            dst.writestr(info, body)
    return out.getvalue()


def fill_dept(cfg: Config, dept: str, name: str | None = None, period: str = "2025H1", **kwargs) -> Path:
    """Fill one department's form into inbox/<name>."""
    return fill(form_path(cfg, dept, period), cfg.inbox_dir / (name or form_filename(dept)), **kwargs)


def sheet_values(path: Path) -> dict[str, list[tuple]]:
    """Every sheet's cell values, row by row (openpyxl, values only)."""
    wb = load_workbook(path, read_only=True)
    try:
        return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    finally:
        wb.close()


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and mtime (ns) of every file under folder."""
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def at(day: int, hour: int = 9) -> datetime:
    """A save time in October 2025 (JST)."""
    from datetime import timedelta, timezone

    return datetime(2025, 10, day, hour, tzinfo=timezone(timedelta(hours=9)))

