"""Read a returned workbook into a Submission: identity, normalised entries and every finding.

Order: file-level safety (safety.py, before any parser) → values with python-calamine (formread) →
sheets and _meta → identity against the plan in use → rows matched by fingerprint → input cells read
at their matched rows (error values and formulas found by streaming the sheet XML), normalised
(normalise.py, recorded) → pandera schemas → cross-field rules. Bad files never raise: every problem
is a Finding. The department's file is only ever read.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd
from python_calamine import CalamineError

from . import checks, formread, forms, safety
from . import layout as L
from . import messages as msg
from . import normalise as N
from .checks import Findings, cell_of, header_of
from .config import Config
from .model import KPI_FIELDS, REPORT_FIELDS, FormIdentity, PreviousAnswers, Submission
from .periods import Period, PeriodError, parse_period
from .plan import Plan

RETURNED_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".csv", ".ods", ".txt", ".pdf", ""}
LOCK_PREFIXES = ("~$", ".~lock.")
NORM_MESSAGES = {"norm.status": msg.INTAKE_NORM_STATUS, "norm.number": msg.INTAKE_NORM_NUMBER,
                 "norm.unit": msg.INTAKE_NORM_UNIT, "kpi.approximate": msg.INTAKE_KPI_APPROXIMATE}


# --- which files ---------------------------------------------------------------------------------

def scan_paths(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to check (folders searched recursively) and the files skipped, each with a Japanese note."""
    files: set[Path] = set()
    skipped: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_file():
            files.add(path)
            continue
        for p in sorted(path.rglob("*")):
            folders = p.relative_to(path).parts[:-1]
            if not p.is_file() or any(part.startswith(".") for part in folders):  # .git … are not looked into
                continue
            if p.name.startswith(LOCK_PREFIXES):
                skipped.append((p, msg.INTAKE_SKIPPED_LOCK.format(path=p)))
            elif p.suffix.lower() not in RETURNED_SUFFIXES:
                continue
            elif p.name.startswith("."):
                skipped.append((p, msg.INTAKE_SKIPPED_HIDDEN.format(path=p)))
            else:
                files.add(p)
    return sorted(files), skipped


def collect_files(paths: list[Path]) -> list[Path]:
    """Files to check under paths (recursive, sorted; Excel lock files and hidden files skipped)."""
    return scan_paths(paths)[0]


def check_files(paths: list[Path], plan: Plan, cfg: Config, expected_period: Period | None = None,
                progress: Callable[[Submission], None] | None = None) -> list[Submission]:
    """read_submission for each file (one function per file, so a process pool can map it later)."""
    subs = []
    for path in paths:
        subs.append(read_submission(path, plan, cfg, expected_period))
        if progress:
            progress(subs[-1])
    return subs


def result_of(sub: Submission) -> str:
    """'accepted' (受理), 'returned' (差戻し: errors) or 'unreadable' (読めない: no identity)."""
    if not sub.readable:
        return "unreadable"
    return "accepted" if sub.accepted else "returned"


def submission_dict(sub: Submission) -> dict:
    """One file's result as plain JSON-able values (what `sheetflow check --json` prints)."""
    ident = sub.identity
    return {"file": str(sub.path), "result": result_of(sub), "sha256": sub.sha256, "size": sub.size,
            "identity": None if ident is None else {
                "plan_id": ident.plan_id, "plan_version": ident.plan_version, "period": ident.period,
                "department": ident.department, "format_version": ident.format_version,
                "generated_at": ident.generated_at},
            "findings": [f.as_dict() for f in sub.findings]}


# --- one file ------------------------------------------------------------------------------------

@dataclass
class _Read:
    identity: FormIdentity | None = None
    reports: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REPORT_FIELDS))
    kpis: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KPI_FIELDS))
    previous: PreviousAnswers | None = None
    saved_at: datetime | None = None


def read_submission(path: Path, plan: Plan, cfg: Config, expected_period: Period | None = None) -> Submission:
    """Check one returned file. Never raises for a bad file: every problem becomes a Finding, and a file
    without a trustworthy identity gets identity None."""
    f = Findings(path.name)
    try:
        stat = path.stat()
        data, size = safety.read_capped(path, int(cfg.max_file_mb * safety.MB))
        digest = hashlib.sha256(data).hexdigest() if data is not None else _hash_file(path)
    except OSError:
        f.error("file.unreadable", msg.INTAKE_FILE_UNREADABLE.format(error=msg.INTAKE_REASON_OPEN))
        return Submission(path=path, sha256="", size=0, mtime=datetime.now().astimezone(), identity=None,
                          findings=f.items)
    try:
        read = _inspect(f, path, data, size, plan, cfg, expected_period)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - an unforeseen parser failure (even a Rust panic) is a finding
        f.error("file.internal", msg.INTAKE_FILE_INTERNAL.format(error=f"{type(exc).__name__}: {exc}"))
        read = _Read()
    return Submission(path=path, sha256=digest, size=size, mtime=datetime.fromtimestamp(stat.st_mtime).astimezone(),
                      identity=read.identity, saved_at=read.saved_at, reports=read.reports, kpis=read.kpis,
                      findings=f.items, previous=read.previous)


def _hash_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _inspect(f: Findings, path: Path, data: bytes | None, size: int, plan: Plan, cfg: Config,
             expected_period: Period | None) -> _Read:
    fc = safety.check_bytes(data or b"", path.name, size, cfg.max_file_mb)
    f.items += fc.findings
    if not fc.ok or data is None:
        return _Read()
    if path.suffix.lower() != ".xlsx":
        f.warning("file.extension", msg.INTAKE_FILE_EXTENSION.format(ext=path.suffix or "（なし）"))
    try:
        values = formread.read_values(data)
    except (CalamineError, ValueError, OSError):
        f.error("file.unreadable", msg.INTAKE_FILE_UNREADABLE.format(error=msg.INTAKE_REASON_BROKEN))
        return _Read()
    if not checks.check_sheets(f, list(values.sheets)):
        return _Read()
    meta = formread.parse_meta(values.sheets[L.META_SHEET])
    ident = checks.identity_of(f, meta)
    if ident is None:
        return _Read()
    usable = checks.check_identity(f, ident, plan, list(department_units(plan)), expected_period)
    checks.check_properties(f, fc.package.custom_properties(), meta.pairs)
    saved_at = fc.package.saved_at()
    if not usable:
        return _Read(ident, saved_at=saved_at)
    read = _read_rows(f, fc.package, values, meta, ident, plan, cfg)
    read.saved_at = saved_at
    return read


def department_units(plan: Plan) -> dict[str, list[int]]:
    """Form keys the plan can have sent (each 課, and each 部 for forms grouped by 部) → their item nos."""
    units: dict[str, list[int]] = {}
    for by in (forms.BY_KA, forms.BY_BU):
        try:
            units.update({key: [i.no for i in items] for key, items in forms.form_units(plan, by)})
        except msg.UserError:
            pass
    return units


def _read_rows(f: Findings, pkg: safety.Package, values: formread.WorkbookValues, meta: formread.Meta,
               ident: FormIdentity, plan: Plan, cfg: Config) -> _Read:
    try:
        period = parse_period(ident.period)
    except PeriodError:
        period = None
    report = formread.check_rows(values, meta)
    present = [s for s in (L.REPORT_SHEET, L.KPI_SHEET) if s in values.sheets]
    report.checks = [c for c in report.checks if c.sheet in present]
    match = checks.match_rows(f, values, meta, report, lambda: expected_rows(plan, ident, period, cfg))
    order = {(s, k): r for s, r, k, _ in meta.table}
    cells = Findings(f.file)
    marks = _cell_marks(pkg, present)
    reports, skip = _report_entries(cells, values, match, order, marks, cfg)
    kpis, kpi_skip = _kpi_entries(cells, values, match, order, marks, plan)
    units = {k.key: k.unit for k in plan.kpis}
    checks.schema_findings(f, reports, kpis, cfg, units)
    checks.cross_field(f, reports, kpis, cfg, {k.key: k for k in plan.kpis}, period.year if period else 0,
                       skip | kpi_skip)
    f.items += cells.items
    kpis["actual"] = [float(v) if _is_number(v) else math.nan for v in kpis["actual"]]
    kpis["actual"] = kpis["actual"].astype(float)
    return _Read(ident, reports, kpis, _previous(values, match, period))


def expected_rows(plan: Plan, ident: FormIdentity, period: Period | None,
                  cfg: Config) -> dict[tuple[str, str], list[object]]:
    """Locked values of the form as built for this identity (without 前回 answers), by (sheet, key)."""
    if period is None:
        return {}
    try:
        generated = datetime.fromisoformat(ident.generated_at)
        data = forms.build_form(plan, ident.department, period, cfg, generated_at=generated)
    except (msg.UserError, msg.DataError, ValueError):
        return {}
    values = formread.read_values(data)
    out = {}
    for sheet, row, key, _ in formread.parse_meta(values.sheets[L.META_SHEET]).table:
        columns = checks.COLUMNS[sheet]
        cells = values.sheets[sheet][row - 1]
        out[(sheet, key)] = [cells[i] if i < len(cells) else "" for i, c in enumerate(columns) if not c.input]
    return out


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


# --- input cells ---------------------------------------------------------------------------------

def _cell_marks(pkg: safety.Package, sheets: list[str]) -> dict[tuple[str, int, int], tuple[str, str | None, str]]:
    """(sheet, 0-based row, col) → (cell type, formula, cached value) for input cells holding a formula or
    an error value (calamine returns errors as empty cells, so the XML is the only place to see them)."""
    parts = pkg.sheet_parts()
    marks = {}
    for sheet in sheets:
        inputs = {i for i, c in enumerate(checks.COLUMNS[sheet]) if c.input}
        if sheet not in parts:
            continue
        for row, col, kind, formula, cached in safety.worksheet_cells(pkg.iter_part(parts[sheet])):
            if col in inputs and row >= L.FIRST_DATA_ROW:
                marks[(sheet, row, col)] = (kind, formula, cached)
    return marks


def _rows_in_order(match: checks.RowMatch, sheet: str, order: dict[tuple[str, str], int]) -> list[tuple[str, int]]:
    return sorted(match.rows.get(sheet, {}).items(), key=lambda kv: order.get((sheet, kv[0]), 0))


def _input(cells: Findings, sheet: str, row: list[object], r: int, key: str, item_no: int | None,
           marks: dict, skip: set) -> object | None:
    """The value of one input cell, or None (reported) when it holds an error value."""
    i = L.col_index(checks.COLUMNS[sheet], key)
    value = row[i] if i < len(row) else ""
    cell, field_name = cell_of(sheet, r, key), header_of(sheet, key)
    kind, formula, cached = marks.get((sheet, r - 1, i), ("", None, ""))
    where = {"sheet": sheet, "cell": cell, "item_no": item_no}
    if kind == "e" or N.is_error_value(value):
        shown = cached if kind == "e" else str(value).strip()
        cells.error("cell.error", msg.INTAKE_CELL_ERROR.format(field=field_name, value=shown or "#N/A"),
                    **where, before=shown)
        skip.add((sheet, cell))
        return None
    if formula is not None:
        shown = L.cell_text(value)
        template = msg.INTAKE_CELL_FORMULA if shown else msg.INTAKE_CELL_FORMULA_EMPTY
        cells.warning("cell.formula", template.format(field=field_name, formula="=" + formula, value=shown),
                      **where, before="=" + formula, after=shown)
    return value


def _report_entries(cells: Findings, values: formread.WorkbookValues, match: checks.RowMatch,
                    order: dict, marks: dict, cfg: Config) -> tuple[pd.DataFrame, set]:
    sheet, skip, records, index = L.REPORT_SHEET, set(), [], []
    labels = [s.label for s in cfg.statuses]
    for key, r in _rows_in_order(match, sheet, order):
        row, no = values.sheets[sheet][r - 1], int(key)
        entry: dict[str, object] = {"no": no}
        for col in L.input_columns(L.REPORT_COLUMNS):
            raw = _input(cells, sheet, row, r, col.key, no, marks, skip)
            normal = N.normalise_status if col.kind == "status" else None
            value, change = normal(raw, labels) if normal else N.normalise_text(raw)
            entry[col.key] = value
            _record(cells, change, sheet, cell_of(sheet, r, col.key), no, col.header)
        records.append(entry)
        index.append(r)
    df = pd.DataFrame(records, columns=REPORT_FIELDS, index=pd.Index(index, name="row", dtype=int))
    return df.astype({"no": int, **{c: "str" for c in REPORT_FIELDS[1:]}}), skip


def _kpi_entries(cells: Findings, values: formread.WorkbookValues, match: checks.RowMatch, order: dict,
                 marks: dict, plan: Plan) -> tuple[pd.DataFrame, set]:
    sheet, skip, records, index = L.KPI_SHEET, set(), [], []
    kpis = {k.key: k for k in plan.kpis}
    for key, r in _rows_in_order(match, sheet, order):
        kpi, row = kpis.get(key), values.sheets[sheet][r - 1]
        if kpi is None:
            continue
        where = {"sheet": sheet, "item_no": kpi.item_no}
        raw = _input(cells, sheet, row, r, "actual", kpi.item_no, marks, skip)
        number = N.normalise_number(raw, kpi.unit)
        actual: object = number.value
        cell = cell_of(sheet, r, "actual")
        if number.problem == "kpi.unit":
            cells.error("kpi.unit", msg.INTAKE_KPI_UNIT.format(value=number.typed, found=number.unit_found,
                                                               unit=kpi.unit), cell=cell, **where, before=number.typed)
            skip.add((sheet, cell))
        elif number.problem:
            actual = raw  # left for the schema to report as not a number
        for change in number.changes:
            _record(cells, change, sheet, cell, kpi.item_no, "実績値", unit=kpi.unit)
        remark, change = N.normalise_text(_input(cells, sheet, row, r, "remark", kpi.item_no, marks, skip))
        _record(cells, change, sheet, cell_of(sheet, r, "remark"), kpi.item_no, header_of(sheet, "remark"))
        records.append({"kpi_key": key, "no": kpi.item_no, "kpi": kpi.name, "unit": kpi.unit, "actual": actual,
                        "remark": remark})
        index.append(r)
    df = pd.DataFrame(records, columns=KPI_FIELDS, index=pd.Index(index, name="row", dtype=int))
    df = df.astype({"kpi_key": "str", "no": int, "kpi": "str", "unit": "str", "remark": "str"})
    df["actual"] = df["actual"].astype(object)
    return df, skip


def _record(cells: Findings, change: N.Change | None, sheet: str, cell: str, item_no: int | None,
            field_name: str, unit: str = "") -> None:
    """A normalisation as a finding: normalised, or a warning for an approximate number."""
    if change is None:
        return
    template = NORM_MESSAGES.get(change.code, msg.INTAKE_NORM_TEXT)
    text = template.format(field=field_name, before=change.before, after=change.after, unit=unit)
    add = cells.warning if change.code == "kpi.approximate" else cells.normalised
    add(change.code, text, sheet=sheet, cell=cell, item_no=item_no, before=change.before, after=change.after)


def _previous(values: formread.WorkbookValues, match: checks.RowMatch, period: Period | None) -> PreviousAnswers | None:
    """The 前回 values the form carried, read from its (fingerprint-checked) locked cells."""
    if period is None:
        return None
    rc, kc = L.REPORT_COLUMNS, L.KPI_COLUMNS
    s_i, r_i, a_i = L.col_index(rc, "prev_status"), L.col_index(rc, "prev_result"), L.col_index(kc, "prev_actual")
    reports, kpis = {}, {}
    for key, r in match.rows.get(L.REPORT_SHEET, {}).items():
        row = values.sheets[L.REPORT_SHEET][r - 1] + ["", ""] * 8
        if L.cell_text(row[s_i]) or L.cell_text(row[r_i]):
            reports[int(key)] = (L.cell_text(row[s_i]), L.cell_text(row[r_i]))
    for key, r in match.rows.get(L.KPI_SHEET, {}).items():
        row = values.sheets[L.KPI_SHEET][r - 1] + [""] * 12
        if _is_number(row[a_i]):
            kpis[key] = float(row[a_i])
    return PreviousAnswers(period.previous().code, reports, kpis)
