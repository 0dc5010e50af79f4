"""The checks of a returned workbook, each turning what it finds into `Finding`s (Japanese messages).

intake/read.py reads the file and calls these in order (and intake/schema_checks.py's pandera schema on
the rows); every check adds to one `Findings` collector, so a file's problems are all reported in one pass.

Every finding is made by its code (sheetflow.ground.findings.REGISTRY; the list with its wording and
対処 is docs/findings.md).

Finding codes (severity):
  file.empty, file.too_large, file.not_zip, file.not_xlsx, file.xls, file.csv, file.encrypted,
  file.macro, file.zip_bomb, file.xml_doctype, file.unreadable, file.internal ........... error
  file.damaged, package.* (damaged or ambiguous packages, intake/package.py) ............. error
  file.extension (an .xlsx form saved under another extension) ............................ warning
  sheet.missing, sheet.renamed, sheet.header_edited, meta.missing, meta.edited,
  meta.unknown_form (made from a definition this workspace does not have) ................. error
  identity.plan, identity.plan_period, identity.period, identity.department, identity.format  error
  identity.property (a document property disagrees with _meta) ........................... warning
  rows.deleted, rows.added, rows.duplicated, cell.locked_edited, cell.locked_restored ..... error
  rows.reordered (rows moved but intact; matched by content) .............................. warning
  status.missing, status.invalid, text.too_long, kpi.not_number, kpi.unit, kpi.negative,
  issues.required, result.required, cell.error ............................................ error
  effect.not_number, effect.unit, effect.negative, effect.fraction, grade.invalid,
  reason.required (中止 without its reason) ................................................ error
  kpi.implausible, kpi.missing, kpi.approximate, reporter.missing, cell.formula,
  grade.missing (下期) ...................................................................... warning
  norm.text, norm.status, norm.grade, norm.number, norm.unit, effect.number, effect.converted,
  effect.approximate ..................................................................... normalised
  A defined field (an input of the form's definition without built-in handling, intake/fields.py):
  field.not_integer, field.not_number, field.out_of_range, field.not_date, field.not_choice, text.too_long,
  field.required, field.required_when ..................................................... error
  field.approximate ....................................................................... warning
  field.number, field.date, field.choice, norm.text ..................................... normalised
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Collection
from dataclasses import dataclass

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import Field
from sheetflow.forms import layout as L
from sheetflow.forms.model import FormIdentity
from sheetflow.forms.read import Meta, RowReport, WorkbookValues
from sheetflow.ground.config import Config
from sheetflow.ground.findings import Findings
from sheetflow.ground.periods import Period, PeriodError, parse_period
from sheetflow.intake.explain import looks_like
from sheetflow.intake.fields import SHEET_TABLES, FormSheets, required_now
from sheetflow.intake.model import Rows
from sheetflow.plan.model import Kpi, Plan
from sheetflow.plan.versions import in_force_version, issued_plan, plan_label, versions

KNOWN_EXTRA_SHEETS = (L.LISTS_SHEET, msg.RETURN_SHEET, L.OPINION_SHEET)
IMPLAUSIBLE_FACTOR = 100
PROPERTY_PREFIX = "sheetflow_"


def item_no_of(key: str) -> int | None:
    head = str(key).split("-")[0]
    return int(head) if head.isdigit() else None


# --- sheets, _meta, identity ---------------------------------------------------------------------

def check_sheets(f: Findings, names: list[str]) -> bool:
    """The three visible sheets and _meta must exist with their exact names; True when _meta exists."""
    required = (*L.VISIBLE_SHEETS, L.META_SHEET)
    if not set(required) & set(names):  # identity first: not a form at all → one finding, no sheet repairs
        f.add("file.not_a_form", variant=looks_like(names), sheets="、".join(names[:6]))
        return False
    spare = [n for n in names if n not in required and n not in KNOWN_EXTRA_SHEETS]
    for sheet in L.VISIBLE_SHEETS:
        if sheet in names:
            continue
        found = difflib.get_close_matches(sheet, spare, n=1, cutoff=0.0) if spare else []
        if found:
            spare.remove(found[0])
            f.add("sheet.renamed", expected=sheet, found=found[0], sheet=found[0])
        else:
            f.add("sheet.missing", sheet=sheet)
    if L.META_SHEET not in names:
        f.add("meta.missing", sheet=L.META_SHEET)
        return False
    return True


def identity_of(f: Findings, meta: Meta) -> FormIdentity | None:
    """The form's identity from an unedited _meta; None (with meta.edited) when it cannot be trusted."""
    p = meta.pairs
    if not meta.digest_ok or meta.problems or not p.get("plan_version", "").isdigit():
        f.add("meta.edited", sheet=L.META_SHEET)
        return None
    return FormIdentity(p["format_version"], p["plan_id"], int(p["plan_version"]), p["period"], p["department"],
                        p["generated_at"], p["sheetflow_version"])


def check_identity(f: Findings, ident: FormIdentity, plan: Plan, departments: Collection[str],
                   expected_period: Period | None) -> bool:
    """Plan, format, period and department against the plan in use; False when rows cannot be checked."""
    if ident.format_version not in L.READABLE_FORMAT_VERSIONS:
        f.add("identity.format", found=ident.format_version, expected=L.FORMAT_VERSION)
        return False
    ok = True
    try:
        period = parse_period(ident.period)
    except PeriodError:
        period, ok = None, False
    if period is None or (expected_period is not None and period != expected_period):
        expected = expected_period.label if expected_period else msg.FINDING_NO_PERIOD
        f.add("identity.period", found=period.label if period else ident.period, expected=expected)
    if ident.department not in departments:
        f.add("identity.department", found=ident.department,
              plan=msg.INTAKE_PLAN_LABEL.format(plan_id=plan.id, version=plan.version))
        ok = False
    return ok


def form_plan(f: Findings, ident: FormIdentity, plan: Plan) -> Plan | None:
    """The plan version the form was issued from (current or archived); None with identity.plan when the
    workspace knows no such version, or identity.plan_period when another version is in force for its period."""
    issued = issued_plan(plan, ident.plan_id, ident.plan_version)
    if issued is None:
        known = msg.CLI_LIST_SEPARATOR.join(msg.INTAKE_PLAN_LABEL.format(plan_id=p.id, version=p.version)
                                            for p in reversed(versions(plan)))
        f.add("identity.plan", found=msg.INTAKE_PLAN_LABEL.format(plan_id=ident.plan_id, version=ident.plan_version),
              expected=known)
        return None
    try:
        in_force = in_force_version(plan, parse_period(ident.period))
    except PeriodError:
        return issued  # check_identity reports the period
    if in_force is not None and in_force.version != issued.version:
        f.add("identity.plan_period", found=msg.INTAKE_PLAN_LABEL.format(plan_id=issued.id, version=issued.version),
              period=parse_period(ident.period).label, expected=plan_label(in_force))
        return None
    return issued


def check_properties(f: Findings, props: dict[str, str], pairs: dict[str, str]) -> None:
    """Custom document properties (sheetflow_*), when present, should agree with _meta (warning)."""
    for key in ("format_version", "plan_id", "plan_version", "period", "department"):
        name = PROPERTY_PREFIX + key
        if name in props and props[name] != pairs.get(key, ""):
            f.add("identity.property", name=name, found=props[name], expected=pairs.get(key, ""))


# --- rows ----------------------------------------------------------------------------------------

@dataclass
class RowMatch:
    rows: dict[str, dict[str, int]]  # sheet -> key (item no / KPI key) -> 1-based row in the file
    edited: dict[str, list[tuple[str, int]]]  # sheet -> (key, row) whose locked cells were changed


ExpectedRows = Callable[[], dict[tuple[str, str], list[object]]]  # (sheet, key) -> locked values


def match_rows(f: Findings, values: WorkbookValues, meta: Meta, report: RowReport,
               expected: ExpectedRows, contact: str, fs: FormSheets) -> RowMatch:
    """Match every _meta row to a sheet row by fingerprint; report deleted, added, duplicated, edited and
    reordered rows. A row whose fingerprint no longer matches is matched by its key cell or position.
    contact: whom a department asks when it meant to change a grey cell (config)."""
    match = RowMatch({}, {})
    for sheet in L.DATA_SHEETS:
        checks = [c for c in report.checks if c.sheet == sheet]
        rows = values.sheets.get(sheet, [])
        unknown = list(report.unknown.get(sheet, []))
        found = {c.key: c.found_at for c in checks if c.intact}
        edited = []
        for c in (c for c in checks if not c.intact):
            at = next((r for r in unknown if _key_cell(rows, r) == c.key), None)
            at = at or (c.row if c.row in unknown else None)
            if at is None:
                f.add("rows.deleted", key=c.key, row=c.row, sheet=sheet, item_no=item_no_of(c.key))
                continue
            unknown.remove(at)
            found[c.key] = at
            edited.append((c.key, at))
        for r in unknown:
            f.add("rows.added", row=r, sheet=sheet, cell=f"A{r}")
        for r in report.duplicates.get(sheet, []):
            key = _key_cell(rows, r)
            f.add("rows.duplicated", row=r, key=key, sheet=sheet, cell=f"A{r}", item_no=item_no_of(key))
        _reordered(f, sheet, checks)
        match.rows[sheet], match.edited[sheet] = found, edited
    if any(match.edited.values()):
        _locked_edited(f, values, match, expected(), (meta.version, contact), fs)
    return match


def _key_cell(rows: list[list[object]], r: int) -> str:
    row = rows[r - 1] if 0 < r <= len(rows) else []
    return L.cell_text(row[0]).strip() if row else ""


def _reordered(f: Findings, sheet: str, checks: list) -> None:
    """Intact rows whose order differs from the form's (a shift after a deleted row is not a reorder)."""
    intact = sorted((c for c in checks if c.intact), key=lambda c: c.row)
    order = [c.found_at for c in intact]
    if order != sorted(order):
        moved = sum(1 for c in intact if c.moved)
        f.add("rows.reordered", count=moved, sheet=sheet)


def _locked_edited(f: Findings, values: WorkbookValues, match: RowMatch,
                   expected: dict[tuple[str, str], list[object]], about: tuple[str, str], fs: FormSheets) -> None:
    """A finding per edited row. The 差戻し workbook, rebuilt from the plan, has the original values back:
    cell.locked_restored says so (with the texts), cell.locked_edited asks for them back when the form is not
    rebuilt (an older format version), the change is not known, or it is in a column the ledger carried in
    (前回), which the rebuild takes as found. about: the form's format version and whom to ask."""
    version, contact = about
    for sheet, edited in ((s, e) for s, e in match.edited.items() if e):
        locked = L.locked_columns(fs.columns[sheet], fs.columns_version(version))
        last = L.a1(0, locked[-1][0])[:-1]
        for key, r in edited:
            row = values.sheets[sheet][r - 1]
            want = expected.get((sheet, key))
            cols = _changed_columns(row, locked, want) if want is not None else []
            kept = version != L.FORMAT_VERSION or not cols or any(c.key in L.CARRIED_COLUMNS for _, c in cols)
            names = [c.header if kept else _change_text(c.header, row, i, want[locked.index((i, c))])
                     for i, c in cols]
            columns = msg.INTAKE_LOCKED_COLUMNS.format(names="、".join(names)) if names else ""
            at = {"sheet": sheet, "cell": L.a1(r - 1, cols[0][0]) if cols else f"A{r}", "item_no": item_no_of(key)}
            if kept:
                f.add("cell.locked_edited", key=key, range=f"{sheet}!A{r}:{last}{r}", columns=columns, **at)
            else:
                f.add("cell.locked_restored", key=key, range=f"{sheet}!A{r}:{last}{r}", columns=columns,
                      contact=contact, **at)


SHORT_TEXT = 30  # characters: a changed grey cell's texts are shown up to this length


def _change_text(header: str, row: list[object], i: int, original: object) -> str:
    """項目名「changed」 → 元は「original」, or just the header when either text is long."""
    texts = [L.cell_text(row[i] if i < len(row) else ""), L.cell_text(original)]
    if any(len(t) > SHORT_TEXT for t in texts):
        return header
    changed, was = (msg.INTAKE_LOCKED_QUOTED.format(text=t) if t else msg.INTAKE_LOCKED_BLANK for t in texts)
    return msg.INTAKE_LOCKED_CHANGE.format(name=header, changed=changed, original=was)


def _changed_columns(row: list[object], locked: list[tuple[int, Field]],
                     want: list[object]) -> list[tuple[int, Field]]:
    """Locked columns whose text differs from the rebuilt form; the columns the ledger carried in (前回, the
    council's opinions: not rebuildable here) are named only when nothing else differs."""
    def text(i: int) -> str:
        return L.cell_text(row[i] if i < len(row) else "")

    pairs = list(zip(locked, want, strict=False))
    diff = [(i, c) for (i, c), w in pairs if c.key not in L.CARRIED_COLUMNS and text(i) != L.cell_text(w)]
    return diff or [(i, c) for (i, c), _ in pairs if c.key in L.CARRIED_COLUMNS]



# --- cross-field rules ---------------------------------------------------------------------------

def cross_field(f: Findings, fs: FormSheets, reports: Rows, kpis: Rows, cfg: Config, plan_kpis: dict[str, Kpi],
                period: Period | None, skip: set[tuple[str, str]]) -> None:
    """Required status, 遅れ → 課題, 完了 → 実績, 中止 → 理由, 達成度 in 下期, KPI sign / range / missing, a 記入者;
    the 必須 of every defined input (fs: the form's sheets).

    skip holds (sheet, cell) already reported (error values, unreadable numbers): no second finding."""
    sheet, half = L.REPORT_SHEET, period.half if period else 2  # period unknown: every input is asked
    for row, e in reports:
        _report_rules(f, fs, row, e, cfg, period, skip)
        _defined_rules(f, fs, (sheet, row), e, half, skip)
    if reports and not any(str(e["reporter"]).strip() for _, e in reports):
        f.add("reporter.missing", sheet=sheet, cell=fs.cell(sheet, min(row for row, _ in reports), "reporter"))
    for row, e in kpis:
        kpi = plan_kpis.get(str(e["kpi_key"]))
        cell = fs.cell(L.KPI_SHEET, row, "actual")
        if kpi is not None and (L.KPI_SHEET, cell) not in skip:
            _kpi_rules(f, kpi, e["actual"], period.year if period else 0,
                       {"sheet": L.KPI_SHEET, "cell": cell, "item_no": kpi.item_no})
        _defined_rules(f, fs, (L.KPI_SHEET, row), e, half, skip)


def _defined_rules(f: Findings, fs: FormSheets, at: tuple[str, int], e: dict, half: int, skip: set) -> None:
    """必須 of the defined inputs of one row: field.required (○), field.required_when (a condition on another
    field: its value, or a role of its choice); not for a cell already reported or not asked in this half."""
    sheet, row = at
    table = SHEET_TABLES[sheet]
    for field in fs.defined[sheet]:
        cell = fs.cell(sheet, row, field.key)
        if e.get(field.key) not in (None, "") or (sheet, cell) in skip or not field.asked_in(half):
            continue
        need = required_now(fs.form, table, field, e)
        where = {"sheet": sheet, "cell": cell, "item_no": int(e["no"])}
        if need is not None and need[0]:
            f.add("field.required_when", field=field.header, other=fs.header(sheet, need[0]), value=need[1], **where)
        elif need is not None:
            f.add("field.required", field=field.header, **where)


def _report_rules(f: Findings, fs: FormSheets, row: int, e: dict, cfg: Config, period: Period | None,
                  skip: set) -> None:
    sheet = L.REPORT_SHEET
    where = {"sheet": sheet, "item_no": int(e["no"])}

    def empty(key: str) -> bool:
        return not e.get(key) and (sheet, fs.cell(sheet, row, key)) not in skip

    status = DW.status_named(cfg, e["status"])
    if empty("status"):
        f.add("status.missing", cell=fs.cell(sheet, row, "status"), **where)
    if status and status.behind and empty("issues"):
        f.add("issues.required", status=status.label, cell=fs.cell(sheet, row, "issues"), **where)
    if status and status.stopped and empty("issues"):
        f.add("reason.required", status=status.label, cell=fs.cell(sheet, row, "issues"), **where)
    if status and status.done and empty("result"):
        f.add("result.required", status=status.label, cell=fs.cell(sheet, row, "result"), **where)
    if status and not status.stopped and period is not None and period.half == 2 and DW.grades(cfg) and empty("grade"):
        f.add("grade.missing", cell=fs.cell(sheet, row, "grade"), **where)


def _kpi_rules(f: Findings, kpi: Kpi, actual: object, year: int, where: dict) -> None:
    target, cumulative = kpi.target(year), kpi.cumulative(year)
    if not isinstance(actual, int | float) or isinstance(actual, bool) or not math.isfinite(actual):
        if actual is None or (isinstance(actual, float) and math.isnan(actual)):  # blank: always 注意
            f.add("kpi.missing", variant="" if target is not None else "no_target",
                  target=L.cell_text(target), unit=kpi.unit, **where)
        return
    shown = L.cell_text(float(actual))
    if actual < 0 and not kpi.allow_negative:
        f.add("kpi.negative", value=shown, **where)
    scale = max(abs(target or 0), abs(cumulative or 0))
    if target is not None and scale and abs(actual) > IMPLAUSIBLE_FACTOR * scale:
        f.add("kpi.implausible", value=shown, target=L.cell_text(target), unit=kpi.unit, **where)
