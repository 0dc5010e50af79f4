"""Every input field, end to end: a distinct value typed into each input cell of a department form arrives
everywhere it must — ledger.sqlite (with its storage type), ledger.xlsx under its own header, the period
report's 効果額 sums and the publication CSVs — and the fields that are not published reach no CSV.

The form is a real one: 財政課's 令和8年度 下期 workbook (達成度 is asked) with the sheet 審議会意見への対応
(format 5: the R7 council's opinions came back). The input cells are found in the workbook itself (the
unlocked cells of the data rows) and must be exactly the input fields of the shipped definition
(definition/builtin/progress.json). The definition says the storage type (its 型), which fields the report sums
(集計: the 集計 sheet's 計 row) and which the publication carries (公表); ARRIVALS adds only the places the
built-in fields have beyond that (their ledger.xlsx sheet and the built-in CSV columns). A field left out of
any stage fails here, naming the field and the place. The council's workbook (council.json) is typed too: its
inputs must reach the ledger's council_scores.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from council_support import BOOK, FIN, fill_member, run_cli
from ledger_support import fill_dept, form_path, make_forms, mini_workspace
from openpyxl import load_workbook

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.forms import layout as L
from sheetflow.ground.config import Config
from sheetflow.ground.periods import parse_period
from sheetflow.ledger.issue import issue_forms
from sheetflow.ledger.merge import merge_inbox

PERIOD = "2026H2"  # 下期 (達成度 asked) of the year after the R7 council: 審議会意見への対応 is asked too
YEAR = 2026


FORM = DW.builtin_definition()
STORAGE = {"INTEGER": "integer", "REAL": "real", "TEXT": "text"}  # the definition's storage → SQLite typeof()


def input_fields() -> dict[str, dict[str, str]]:
    """sheet → {header shown in a 下期 form: field key} of every input field of the shipped definition."""
    return {t.sheet: {f.in_half(2).header: f.key for f in FORM.inputs(t.id)} for t in FORM.tables}


def definition_field(key: str):
    return next(f for t in FORM.tables for f in FORM.inputs(t.id) if f.key == key)


@dataclass(frozen=True)
class Arrival:
    """Where a built-in field's typed value must arrive beyond what its definition says: ledger.sqlite table,
    ledger.xlsx sheet and header, the report's 効果額 sum column and the built-in publication CSV column."""

    table: str
    book: tuple[str, str]
    summed: str | None = None
    published: tuple[str, str] | None = None  # (file: items | kpis | responses, column)


ARRIVALS = {
    "status": Arrival("current", ("台帳", "進捗状況"), published=("items", "進捗状況")),
    "result": Arrival("current", ("台帳", "今期の取組実績"), published=("items", "取組実績")),
    "issues": Arrival("current", ("台帳", "課題・今後の対応"), published=("items", "課題・今後の対応")),
    "reporter": Arrival("current", ("台帳", "記入者")),
    "phone": Arrival("current", ("台帳", "連絡先")),
    "revenue": Arrival("current", ("効果額・達成度", "歳入増（千円）"), summed="歳入増",
                       published=("items", "効果額_歳入増_千円")),
    "saving": Arrival("current", ("効果額・達成度", "歳出減（千円）"), summed="歳出減",
                      published=("items", "効果額_歳出減_千円")),
    "basis": Arrival("current", ("効果額・達成度", "効果額の算定根拠"), published=("items", "効果額_算定根拠")),
    "grade": Arrival("current", ("効果額・達成度", "達成度"), published=("items", "達成度")),
    "actual": Arrival("current_kpis", ("指標", "実績値"), published=("kpis", "実績値")),
    "remark": Arrival("current_kpis", ("指標", "備考")),
    "response": Arrival("current", ("意見への対応", "意見への対応"), published=("responses", "市の対応")),
}
# How a row is found: ledger.sqlite key column, ledger.xlsx key header, publication CSV key column.
ROW_KEYS = {"current": ("no", "No.", "No"), "current_kpis": ("kpi_key", "指標No.", "指標番号")}
PROVENANCE = ("提出ファイル", "SHA-256")
SUBMITTED = "fin-all-fields.xlsx"


@dataclass(frozen=True)
class Typed:
    field: str
    key: object  # item no (int) or KPI key (str)
    cell: str  # シート!セル in the form
    value: object

    def where(self) -> str:
        return f"field {self.field!r} (typed {self.value!r} at {self.cell}, row key {self.key!r})"


# --- typing the form -------------------------------------------------------------------------------------
def _header(value: object) -> str:
    """A header as compared: without the line breaks (or the spaces they replace) that fit it to its column."""
    return re.sub(r"\s", "", str(value or ""))


def _list_labels(wb, ws, cell) -> list[str]:
    """The labels of the dropdown on a cell (a list validation whose source is a range of _lists)."""
    for rule in ws.data_validations.dataValidation:
        if rule.type == "list" and cell.coordinate in rule.sqref:
            sheet, cells = rule.formula1.lstrip("=").split("!")
            return [c.value for (c,) in wb[sheet.strip("'")][cells.replace("$", "")] if c.value]
    raise AssertionError(f"{ws.title}!{cell.coordinate}: no dropdown list on a choice field")


def _value(wb, ws, cell, kind: str, field: str, n: int) -> object:
    """A distinct valid value for the n-th typed cell, by the column's kind."""
    if kind == "choice":
        labels = _list_labels(wb, ws, cell)
        return labels[n % len(labels)]
    if kind == "amount":
        return 1234 + n
    if kind == "number":
        return 10.25 + n
    return f"欄{field}{cell.row}"


def _kind(field: str) -> str:
    return next(c.kind for columns in L.SHEET_COLUMNS.values() for c in columns if c.key == field and c.input)


def _key_column(headers: dict[int, str], sheet: str) -> int:
    key = "kpi_key" if sheet == L.KPI_SHEET else "no"
    header = next(_header(c.header) for c in L.SHEET_COLUMNS[sheet] if c.key == key)
    return next(col for col, text in headers.items() if text == header)


def type_every_input(wb) -> list[Typed]:
    """Type a value into every unlocked cell of every data row of every data sheet."""
    typed: list[Typed] = []
    for sheet in (s for s in L.DATA_SHEETS if s in wb.sheetnames):
        ws, fields = wb[sheet], {_header(h): f for h, f in input_fields()[sheet].items()}
        headers = {c.column: _header(c.value) for c in ws[L.HEADER_ROW + 1]}
        key_col = _key_column(headers, sheet)
        for row in ws.iter_rows(min_row=L.FIRST_DATA_ROW + 1):
            key = row[key_col - 1].value
            for cell in (c for c in row if key not in (None, "") and not c.protection.locked):
                field = fields.get(headers[cell.column])
                assert field, f"{sheet}!{cell.coordinate}: unlocked, but 「{headers[cell.column]}」 is no input field"
                value = _value(wb, ws, cell, _kind(field), field, len(typed))
                cell.value = value
                typed.append(Typed(field, key, f"{sheet}!{cell.coordinate}", value))
    return typed


# --- the workspace ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Round:
    cfg: Config
    typed: list[Typed]
    sha256: str
    form_sheets: list[str]
    published: int  # exit code of publish --year


def _merged(cfg, plan, step: str) -> None:
    """Merge the inbox: its one new file must be accepted (else the files' findings are the message)."""
    res = merge_inbox(cfg, plan)
    lines = [f"{f.path.name}: {f.result} {f.note} {[x.message for x in f.findings]}" for f in res.files]
    assert res.exit_code == 0 and res.count(msg.RESULT_ACCEPTED) == 1, (
        f"{step}: merge exit code {res.exit_code}\n" + "\n".join(lines))


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory, mini_plan) -> Round:
    """R7 下期 of 財政課 merged, the council's opinions on its items merged, R8 下期 forms written; 財政課's
    form with every input typed, merged; the R8 下期 report and the R8 publication written."""
    cfg = mini_workspace(tmp_path_factory.mktemp("every-field"))
    make_forms(cfg, mini_plan, "2025H2")
    fill_dept(cfg, FIN, name="fin-r7.xlsx", period="2025H2")
    _merged(cfg, mini_plan, "R7 下期")
    assert run_cli(cfg, "council", "--year", "R7").exit_code == 1  # 1: the other departments' items 未報告
    fill_member(cfg.outbox_dir / "council" / "2025" / BOOK, cfg.inbox_dir / "member.xlsx", "山田 太郎",
                {1: 4, 2: 3}, {1: "効果額の根拠を示すこと。", 2: "周知が不足している。"})
    _merged(cfg, mini_plan, "R7 審議会")
    issue_forms(cfg, parse_period(PERIOD))
    wb = load_workbook(form_path(cfg, FIN, PERIOD))
    typed = type_every_input(wb)
    dst = cfg.inbox_dir / SUBMITTED
    wb.save(dst)
    _merged(cfg, mini_plan, f"{PERIOD}, every input typed")
    report = run_cli(cfg, "report", "--period", PERIOD)
    assert report.exit_code == 0, report.output
    published = run_cli(cfg, "publish", "--year", str(YEAR))
    return Round(cfg, typed, hashlib.sha256(dst.read_bytes()).hexdigest(), wb.sheetnames, published.exit_code)


def _check(typed: list[Typed], check) -> None:
    """Fail naming every typed value that `check(t, arrival)` finds missing (its text says where)."""
    problems = []
    for t in typed:
        arrival = ARRIVALS.get(t.field)
        problem = check(t, arrival) if arrival else "where it must arrive is not declared (ARRIVALS)"
        if problem:
            problems.append(f"{t.where()}: {problem}")
    assert not problems, f"{len(problems)} typed value(s) did not arrive:\n" + "\n".join(problems)


# --- the tests -------------------------------------------------------------------------------------------
def test_every_input_field_of_the_form_is_typed_and_has_its_destinations(round_trip):
    assert {L.REPORT_SHEET, L.KPI_SHEET, L.OPINION_SHEET} <= set(round_trip.form_sheets)
    declared = {f for fields in input_fields().values() for f in fields.values()}
    assert {t.field for t in round_trip.typed} == declared, "input fields without an unlocked cell in the form"
    assert declared == set(ARRIVALS), "input fields whose destinations this test does not know: add to ARRIVALS"
    free = [repr(t.value) for t in round_trip.typed if _kind(t.field) not in ("status", "grade")]
    assert len(set(free)) == len(free), "typed values must be distinct"


def _stored(conn, t: Typed, a: Arrival) -> str | None:
    """Why ledger.sqlite does not hold the typed value with its storage type (None: it does)."""
    key = ROW_KEYS[a.table][0]
    try:
        row = conn.execute(f"SELECT {t.field}, typeof({t.field}) FROM {a.table} WHERE period = ? AND {key} = ?",
                           (PERIOD, t.key)).fetchone()
    except sqlite3.OperationalError as exc:
        return f"ledger.sqlite {a.table}: {exc}"
    if row is None:
        return f"ledger.sqlite {a.table}: no row {key}={t.key!r}"
    storage = STORAGE[definition_field(t.field).ftype.storage]
    if row != (t.value, storage):
        return f"ledger.sqlite {a.table}.{t.field} holds {row[0]!r} stored as {row[1]}, expected stored as {storage}"
    return None


def test_every_typed_value_is_in_ledger_sqlite_with_its_storage_type(round_trip):
    conn = sqlite3.connect(round_trip.cfg.outbox_dir / "ledger.sqlite")
    try:
        _check(round_trip.typed, lambda t, a: _stored(conn, t, a))
    finally:
        conn.close()


def _book_rows(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """sheet → (headers, data rows) of ledger.xlsx."""
    wb = load_workbook(path, read_only=True)
    try:
        out = {}
        for ws in wb.worksheets:
            rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
            out[ws.title] = ([_header(h) for h in rows[0]], rows[1:])
        return out
    finally:
        wb.close()


def _book_row(sheets, t: Typed, a: Arrival) -> tuple[list[str], tuple] | str:
    """The headers and the ledger.xlsx row of the typed value's period and key, or why there is none."""
    sheet, key_header = a.book[0], ROW_KEYS[a.table][1]
    if sheet not in sheets:
        return f"ledger.xlsx has no sheet 「{sheet}」"
    headers, rows = sheets[sheet]
    if "期間" not in headers or key_header not in headers:
        return f"ledger.xlsx 「{sheet}」 has no header 期間 / {key_header}"
    period, key = headers.index("期間"), headers.index(key_header)
    found = [r for r in rows if r[period] == PERIOD and r[key] == t.key]
    return (headers, found[0]) if found else f"ledger.xlsx 「{sheet}」 has no row {key_header}={t.key!r}"


def _in_book(sheets, t: Typed, a: Arrival, sha256: str) -> str | None:
    """Why the typed value is not under its header in ledger.xlsx, or its row's provenance is not under
    提出ファイル / SHA-256 (a header without its value shifts them)."""
    got = _book_row(sheets, t, a)
    if isinstance(got, str):
        return got
    (headers, row), (sheet, header) = got, (a.book[0], _header(a.book[1]))
    if header not in headers:
        return f"ledger.xlsx 「{sheet}」 has no header 「{header}」"
    if row[headers.index(header)] != t.value:
        return f"ledger.xlsx 「{sheet}」 under 「{header}」 holds {row[headers.index(header)]!r}"
    want = dict(zip(PROVENANCE, (SUBMITTED, sha256), strict=True))
    wrong = {h: row[headers.index(h)] if h in headers else "(no such header)" for h in PROVENANCE
             if h not in headers or row[headers.index(h)] != want[h]}
    return f"ledger.xlsx 「{sheet}」 provenance shifted: {wrong} (expected {want})" if wrong else None


def test_every_typed_value_is_in_ledger_xlsx_under_its_own_header(round_trip):
    assert re.fullmatch(r"[0-9a-f]{64}", round_trip.sha256)
    sheets = _book_rows(round_trip.cfg.outbox_dir / "ledger.xlsx")
    _check(round_trip.typed, lambda t, a: _in_book(sheets, t, a, round_trip.sha256))


def _report_total(ws, header: str) -> object:
    """The 計 row of the report's 効果額 table, in the column headed `header` (the table's own header row)."""
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    head = next((i for i, r in enumerate(rows) if r[0] == "テーマ" and header in r), None)
    if head is None:
        return f"(no column 「{header}」)"
    col = rows[head].index(header)
    return next(r[col] for r in rows[head + 1:] if r[0] == msg.REPORT_TOTAL)


def _summed(ws, typed: list[Typed], t: Typed, a: Arrival) -> str | None:
    """Why the report's 効果額 計 under the field's column is not the sum of every value typed in it."""
    if not a.summed:
        return None
    values = [x.value for x in typed if x.field == t.field]
    total = _report_total(ws, a.summed)
    return None if total == sum(values) else (
        f"the report's 効果額・達成度 計 row under 「{a.summed}」 holds {total!r}, expected {sum(values)} ({values})")


def test_summed_amounts_are_totalled_in_the_period_report(round_trip):
    path = round_trip.cfg.outbox_dir / "reports" / f"{PERIOD}_進捗状況報告.xlsx"
    ws = load_workbook(path)["効果額・達成度"]
    _check(round_trip.typed, lambda t, a: _summed(ws, round_trip.typed, t, a))


def _csv_rows(folder: Path) -> dict[str, list[dict[str, str]]]:
    return {kind: list(csv.DictReader(io.StringIO((folder / f"{YEAR}_{kind}.csv").read_text(encoding="utf-8-sig"))))
            for kind in ("items", "kpis", "responses")}


def _published(tables, everything: str, t: Typed, a: Arrival) -> str | None:
    """Why a published field is not in its CSV column, or an unpublished one is in some CSV."""
    if not a.published:
        return "not published, yet found in a publication CSV" if str(t.value) in everything else None
    (kind, column), key = a.published, ROW_KEYS[a.table][2]
    rows = [r for r in tables[kind] if r.get(key) == str(t.key)]
    if not rows or column not in rows[0]:
        return f"{YEAR}_{kind}.csv has no row {key}={t.key!r} or no column 「{column}」"
    got = rows[0][column]
    same = float(got) == t.value if isinstance(t.value, int | float) and got else got == t.value
    return None if same else f"{YEAR}_{kind}.csv column 「{column}」 holds {got!r}"


def test_published_fields_are_in_the_publication_csv_and_the_others_nowhere(round_trip):
    assert round_trip.published == 1  # 1: the items of the departments that did not report are 未報告
    folder = round_trip.cfg.outbox_dir / "publish" / str(YEAR)
    everything = "\n".join(p.read_text(encoding="utf-8-sig") for p in sorted(folder.glob("*.csv")))
    tables = _csv_rows(folder)
    _check(round_trip.typed, lambda t, a: _published(tables, everything, t, a))


def test_the_definition_says_which_fields_are_summed_and_published(round_trip):
    """集計 and 公表 of the definition are what the report sums and what the publication carries."""
    summed = {f.key for f in FORM.fields if f.input and f.total}
    assert summed == {k for k, a in ARRIVALS.items() if a.summed}
    assert {f.key for f in FORM.fields if f.input and f.publish} == {k for k, a in ARRIVALS.items() if a.published}


def _totals_row(path: Path) -> dict[str, object]:
    """The report's 集計 sheet: header → value of its 計 row."""
    rows = [[c.value for c in r] for r in load_workbook(path)[msg.REPORT_TOTALS_SHEET].iter_rows()]
    head = next(r for r in rows if r[0] == "テーマ")
    total = next(r for r in rows if r[0] == msg.REPORT_TOTAL)
    return {_header(h): v for h, v in zip(head, total, strict=True) if h}


def test_every_field_with_a_total_is_summed_in_the_report_totals_sheet(round_trip):
    totals = _totals_row(round_trip.cfg.outbox_dir / "reports" / f"{PERIOD}_進捗状況報告.xlsx")

    def summed(t: Typed, a: Arrival) -> str | None:
        field = definition_field(t.field)
        if not field.total:
            return None
        want = sum(x.value for x in round_trip.typed if x.field == t.field)
        got = totals.get(_header(field.in_half(2).header), "(no column)")
        return None if got == want else f"the report's 集計 計 under 「{field.in_half(2).header}」 holds {got!r}, expected {want}"

    _check(round_trip.typed, summed)


def test_the_council_workbook_inputs_reach_the_ledger(round_trip):
    """Every input of the shipped council definition is a column of council_scores holding the member's values
    (items 1 and 2 were scored and given opinions; the member left the others unscored)."""
    council = DW.builtin_definition(DW.COUNCIL_FORM)
    keys = [f.key for f in council.inputs(DW.COUNCIL_TABLE)]
    conn = sqlite3.connect(round_trip.cfg.outbox_dir / "ledger.sqlite")
    try:
        rows = conn.execute(f"SELECT no, {', '.join(keys)} FROM council_scores WHERE no IN (1, 2) ORDER BY no")
        rows = rows.fetchall()
    finally:
        conn.close()
    assert rows == [(1, 4, "効果額の根拠を示すこと。"), (2, 3, "周知が不足している。")]
