"""Simulated departments for the demo: fill a form the way a person would, mistakes included.

A simulated department knows only what the workbook shows: the header texts, which cells are
unlocked, the dropdown's list and the number validation. It edits with openpyxl (as Excel would save
the file), never touches sheetflow's internals, and the checker is never told it is a demo.
"""

from __future__ import annotations

import random
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from sheetflow import messages as msg

RESULTS = msg.DEMO_RESULTS
ISSUES = msg.DEMO_ISSUES
REPORTERS = msg.DEMO_REPORTERS


@dataclass
class FillRecord:
    """What one simulated department did to one file (the demo's own record, for its tests)."""

    department: str
    path: Path
    mistakes: list[str] = field(default_factory=list)
    statuses: dict[int, str] = field(default_factory=dict)  # item no -> status entered
    kpi_values: dict[str, object] = field(default_factory=dict)  # kpi key -> value entered


def _header_row(ws: Worksheet, first: str) -> int:
    for row in ws.iter_rows(min_row=1, max_row=10):
        for cell in row:
            if cell.value == first:
                return cell.row
    raise LookupError(first)


def _columns(ws: Worksheet, header_row: int) -> dict[str, int]:
    return {str(c.value).replace("\n", ""): c.column for c in ws[header_row] if c.value}  # headers may wrap


def _data_rows(ws: Worksheet, header_row: int) -> list[int]:
    return [r for r in range(header_row + 1, ws.max_row + 1) if ws.cell(r, 1).value not in (None, "")]


def dropdown_choices(wb, ws: Worksheet, column: int) -> list[str]:
    """The values of the list validation on a column, as the dropdown shows them."""
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list" and any(rng.min_col <= column <= rng.max_col for rng in dv.sqref.ranges):
            ref = dv.formula1.lstrip("=")
            if "!" not in ref:
                return [v.strip('"') for v in ref.strip('"').split(",")]
            sheet, cells = ref.split("!")
            return [c.value for row in wb[sheet.strip("'")][cells.replace("$", "")] for c in row if c.value]
    return []


def _number_for(target: object, rng: random.Random) -> float:
    base = float(target) if isinstance(target, int | float) else float(rng.randint(1, 20))
    return round(base * rng.uniform(0.6, 1.2), 1) if base else 0.0


def fill_form(src: Path, dst: Path, department: str, rng: random.Random,
              mistakes: tuple[str, ...] = ()) -> FillRecord:
    """Open the form, answer every item (and KPI), save as dst."""
    wb = load_workbook(src)
    record = FillRecord(department, dst, list(mistakes))
    _fill_reports(wb, wb[msg.FORMS_REPORT_SHEET], rng, record)
    _fill_kpis(wb[msg.FORMS_KPI_SHEET], rng, record)
    if msg.OPINION_SHEET in wb.sheetnames:
        _fill_responses(wb[msg.OPINION_SHEET], random.Random(f"{department}-responses"))
    if "locked_edit" in mistakes:
        ws = wb[msg.FORMS_REPORT_SHEET]
        cols = _columns(ws, _header_row(ws, "No."))
        row = _data_rows(ws, _header_row(ws, "No."))[0]
        name = msg.FORMS_REPORT_HEADERS["name"]
        ws.cell(row, cols[name]).value = msg.DEMO_LOCKED_EDIT.format(value=ws.cell(row, cols[name]).value)
    dst.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dst)
    return record


def _fill_reports(wb, ws: Worksheet, rng: random.Random, record: FillRecord) -> None:
    head = _header_row(ws, "No.")
    cols = _columns(ws, head)
    choices = dropdown_choices(wb, ws, cols[msg.FORMS_REPORT_HEADERS["status"]]) or [msg.STATUS_ON_TRACK]
    rows = _data_rows(ws, head)
    for i, r in enumerate(rows):
        weights = [1, 6, 3, 1, 1, *[0] * len(choices)][: len(choices)]  # never 対象外 / 中止 by chance
        status = rng.choices(choices, weights=weights)[0]
        behind = status == msg.STATUS_BEHIND
        if "missing_issues" in record.mistakes and i == 0:
            status, behind = msg.STATUS_BEHIND, True
        ws.cell(r, cols[msg.FORMS_REPORT_HEADERS["status"]]).value = status
        ws.cell(r, cols[msg.FORMS_REPORT_HEADERS["result"]]).value = rng.choice(RESULTS)
        if behind and not ("missing_issues" in record.mistakes and i == 0):
            ws.cell(r, cols[msg.FORMS_REPORT_HEADERS["issues"]]).value = rng.choice(ISSUES)
        ws.cell(r, cols[msg.FORMS_REPORT_HEADERS["reporter"]]).value = rng.choice(REPORTERS)
        ws.cell(r, cols[msg.FORMS_REPORT_HEADERS["phone"]]).value = str(rng.randint(2000, 2999))
        record.statuses[int(ws.cell(r, 1).value)] = status
        _fill_effects(wb, ws, r, cols, choices.index(status) if status in choices else 1)


def _effect_column(cols: dict[str, int], key: str) -> int | None:
    """The column of a 効果額 / 達成度 input, whichever half's header the form shows."""
    names = {h[key].replace(" ", "") for h in msg.EFFECT_PERIOD_HEADERS.values()}
    return next((c for header, c in cols.items() if header.replace(" ", "") in names), None)


def _fill_effects(wb, ws: Worksheet, r: int, cols: dict[str, int], status_rank: int) -> None:
    """About one item in three reports a 効果額 (千円); in 下期 every item gets the 達成度 its status suggests.
    A random generator of its own per row keeps the main one (and so the rest of the demo) as it was."""
    rng = random.Random(f"{ws.cell(r, 1).value}-{ws.title}-{r}")
    revenue, saving = _effect_column(cols, "revenue"), _effect_column(cols, "saving")
    if revenue and saving and rng.random() < 0.35:
        ws.cell(r, rng.choice((revenue, saving))).value = rng.randrange(100, 20000, 50)
        ws.cell(r, _effect_column(cols, "basis") or revenue).value = rng.choice(msg.DEMO_EFFECT_BASIS)
    grade = _effect_column(cols, "grade")
    grades = dropdown_choices(wb, ws, grade) if grade else []
    if grades:
        ws.cell(r, grade).value = grades[min(max(status_rank, 0), len(grades) - 1)]


def _fill_responses(ws: Worksheet, rng: random.Random) -> None:
    """Answer most of the council's opinions in the unlocked 意見への対応 column (one in four left blank)."""
    head = _header_row(ws, "No.")
    column = _columns(ws, head)[msg.OPINION_HEADERS["response"]]
    for r in _data_rows(ws, head):
        if rng.random() < 0.75:
            ws.cell(r, column).value = rng.choice(msg.DEMO_RESPONSES)


def fill_council(src: Path, dst: Path, member: str, rng: random.Random) -> None:
    """A council member fills the evaluation workbook: the name in the unlocked cell beside 委員名, a score
    from the dropdown for every item, an opinion on about one item in four."""
    wb = load_workbook(src)
    ws = wb[msg.COUNCIL_SHEET]
    label = next(c for row in ws.iter_rows(max_row=10) for c in row if c.value == msg.COUNCIL_MEMBER_LABEL)
    next(c for c in ws[label.row] if c.column > label.column and not c.protection.locked).value = member
    head = _header_row(ws, "No.")
    rows = list(_data_rows(ws, head))
    score, opinion = [c.column for c in ws[rows[0]] if not c.protection.locked][:2]  # the two yellow cells
    choices = dropdown_choices(wb, ws, score)
    for r in rows:
        ws.cell(r, score).value = int(rng.choices(choices, weights=[1, 2, 4, 6, 3][:len(choices)])[0])
        if rng.random() < 0.25:
            ws.cell(r, opinion).value = rng.choice(msg.DEMO_OPINIONS)
    dst.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dst)


def _fill_kpis(ws: Worksheet, rng: random.Random, record: FillRecord) -> None:
    head = _header_row(ws, msg.FORMS_KPI_HEADERS["kpi_key"])
    cols = _columns(ws, head)
    for i, r in enumerate(_data_rows(ws, head)):
        key = str(ws.cell(r, 1).value)
        target = ws.cell(r, cols[msg.FORMS_KPI_HEADERS["cumulative"]]).value
        value: object = _number_for(target, rng)
        if "zenkaku" in record.mistakes and i == 0:
            value = unicodedata.normalize("NFKC", str(value)).translate(_ZENKAKU)
        if "text_in_kpi" in record.mistakes and i == 0:
            value = msg.DEMO_TEXT_IN_KPI
        ws.cell(r, cols[msg.FORMS_KPI_HEADERS["actual"]]).value = value
        record.kpi_values[key] = value


_ZENKAKU = str.maketrans("0123456789.-", msg.DEMO_ZENKAKU_DIGITS)


def fix_return(returned: Path, dst: Path, rng: random.Random, department: str) -> FillRecord:
    """Fix every cell the 差戻し workbook lists in 「指摘事項」 and save it for sending back."""
    wb = load_workbook(returned)
    record = FillRecord(department, dst, ["fixed"])
    findings = wb[msg.RETURN_SHEET]
    head = _header_row(findings, msg.DEMO_FINDINGS_HEADERS["cell"])
    cols = _columns(findings, head)
    for r in range(head + 1, findings.max_row + 1):
        sheet, cell = findings.cell(r, cols[msg.DEMO_FINDINGS_HEADERS["sheet"]]).value, findings.cell(r, cols[msg.DEMO_FINDINGS_HEADERS["cell"]]).value
        level = findings.cell(r, cols[msg.DEMO_FINDINGS_HEADERS["level"]]).value
        if level == msg.DEMO_FINDINGS_ERROR and sheet in wb.sheetnames and cell:
            _fix_cell(wb[sheet], str(cell).split(":")[0], rng)
    dst.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dst)
    return record


def _fix_cell(ws: Worksheet, address: str, rng: random.Random) -> None:
    """Put a valid answer into a flagged input cell, judging by its column header."""
    cell = ws[address]
    if cell.protection.locked:
        return  # a grey cell: the return file already holds the original value
    header_row = _header_row(ws, msg.FORMS_KPI_HEADERS["kpi_key"] if ws.title == msg.FORMS_KPI_SHEET else "No.")
    header = str(ws.cell(header_row, cell.column).value).replace("\n", "")  # headers may wrap between words
    if header == msg.FORMS_KPI_HEADERS["actual"]:
        cell.value = float(rng.randint(1, 10))
    elif header == msg.FORMS_REPORT_HEADERS["issues"]:
        cell.value = rng.choice(ISSUES)
    elif header == msg.FORMS_REPORT_HEADERS["result"]:
        cell.value = rng.choice(RESULTS)
    elif header == msg.FORMS_REPORT_HEADERS["status"]:
        cell.value = msg.STATUS_ON_TRACK


def resave_with_libreoffice(src: Path, dst: Path) -> bool:
    """Open and save the file in LibreOffice headless, as a department using Calc would. False if absent."""
    import subprocess
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp, "profile").as_uri()
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
                        "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=180)
        shutil.copyfile(Path(tmp, src.name), dst)
    return True
