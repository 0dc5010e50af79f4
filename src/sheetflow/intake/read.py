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
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from pyexpat import ExpatError
from xml.etree.ElementTree import ParseError

from python_calamine import CalamineError

from sheetflow import messages as msg
from sheetflow.forms import layout as L
from sheetflow.forms import read as formread
from sheetflow.forms.council import CouncilReturn
from sheetflow.forms.model import FormIdentity, PreviousAnswers
from sheetflow.ground.config import Config
from sheetflow.ground.files import file_time
from sheetflow.ground.findings import Findings
from sheetflow.ground.periods import Period, PeriodError, parse_period
from sheetflow.intake import checks, headers, package, safety, schema_checks, zipparts
from sheetflow.intake import council as council_intake
from sheetflow.intake import entries as E
from sheetflow.intake.explain import in_place_order
from sheetflow.intake.fields import FormSheets, form_of, sheets_of
from sheetflow.intake.model import Batch, FrameColumns, Rows, Submission, frame_columns
from sheetflow.plan.model import Kpi, Plan

READ_SHEETS = package.VALUE_SHEETS  # the sheets intake reads
# what a reader raises for bytes it cannot read (a file.damaged finding, not file.internal)
DAMAGE = (CalamineError, ParseError, ExpatError, zipfile.BadZipFile, zlib.error, zipparts.Damaged)
FAILED = object()  # what guarded returns when the step failed (its finding added)


def guarded(f: Findings, step: Callable[[], object]) -> object:
    """Run one step of reading a file; an unforeseen failure (even a Rust panic) becomes the file's finding —
    file.damaged when a reader met bytes the package checks let pass, else file.internal — and FAILED is
    returned. One bad file never stops the others."""
    try:
        return step()
    except (KeyboardInterrupt, SystemExit):
        raise
    except DAMAGE:  # the file's bytes, not sheetflow
        f.add("file.damaged", detail=msg.PACKAGE_DAMAGED_VALUES)
    except BaseException as exc:  # noqa: BLE001
        f.add("file.internal", error=f"{type(exc).__name__}: {exc}")
    return FAILED


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
            "findings": [f.as_dict() for f in in_place_order(sub.findings)]}


# --- one file ------------------------------------------------------------------------------------

@dataclass
class _Read:
    identity: FormIdentity | None = None
    report_rows: Rows = field(default_factory=list)
    kpi_rows: Rows = field(default_factory=list)
    previous: PreviousAnswers | None = None
    saved_at: datetime | None = None
    council: CouncilReturn | None = None  # a council member's answers (form_kind=council)
    columns: FrameColumns | None = None  # of the form's definition (None: the built-in one)
    form_sha256: str = ""  # the definition the form names ("": the built-in one)


@dataclass
class _Rows:
    """A file whose rows are read and normalised, waiting for the (batched) schema check."""

    ident: FormIdentity
    period: Period | None
    entries: tuple[E.Entries, E.Entries]  # report rows, KPI rows (made into frames batch by batch)
    cells: Findings  # input-cell findings, reported after the schema and cross-field ones
    skip: set
    values: formread.WorkbookValues
    match: checks.RowMatch
    plan: Plan  # the version the form was issued from
    fs: FormSheets  # the sheets of the definition the form was made from
    saved_at: datetime | None = None
    report_rows: Rows = field(default_factory=list)  # the batch frame's rows as Python values
    kpi_rows: Rows = field(default_factory=list)

    def finish(self, f: Findings, cfg: Config) -> _Read:
        """Cross-field rules once the schema findings are in; the entries as the ledger takes them."""
        checks.cross_field(f, self.fs, self.report_rows, self.kpi_rows, cfg, plan_index(self.plan).kpis,
                           self.period or None, self.skip)
        f.items += self.cells.items
        kpis = [(row, {**e, "actual": float(e["actual"]) if E.is_number(e["actual"]) else math.nan})
                for row, e in self.kpi_rows]
        return _Read(self.ident, self.report_rows, kpis, E.previous_in_form(self.values, self.match, self.period),
                     self.saved_at, columns=frame_columns(self.fs.form), form_sha256=self.fs.form.sha256)


@dataclass
class _Job:
    """One file on its way through read_submissions."""

    path: Path
    f: Findings
    sha256: str = ""
    size: int = 0
    mtime: datetime | None = None
    read: _Read = field(default_factory=_Read)
    rows: _Rows | None = None

    def guard(self, step: Callable[[], object]) -> object:
        """Run one step (guarded); after a failure the file is read as nothing more than its finding."""
        result = guarded(self.f, step)
        if result is FAILED:
            self.read, self.rows = _Read(), None
            return None
        return result

    def submission(self) -> Submission:
        read = self.read
        return Submission(path=self.path, sha256=self.sha256, size=self.size,
                          mtime=self.mtime or datetime.now().astimezone(), identity=read.identity,
                          saved_at=read.saved_at, report_rows=read.report_rows, kpi_rows=read.kpi_rows,
                          findings=self.f.items,
                          previous=read.previous, council=read.council, columns=read.columns,
                          form_sha256=read.form_sha256)


def read_submission(path: Path, plan: Plan, cfg: Config, expected_period: Period | None = None) -> Submission:
    """Check one returned file. Never raises for a bad file: every problem becomes a Finding, and a file
    without a trustworthy identity gets identity None."""
    return read_submissions([path], plan, cfg, expected_period)[0]


def read_submissions(paths: list[Path], plan: Plan, cfg: Config,
                     expected_period: Period | None = None) -> list[Submission]:
    """read_submission for several files, with one schema validation per sheet for all of their rows
    (pandera's per-call cost dominates small files); each file's findings are exactly its own."""
    jobs = [_start(path, plan, cfg, expected_period) for path in paths]
    waiting = [j for j in jobs if j.rows is not None]
    if waiting:
        _schemas(_batches(waiting), cfg)
    for job in waiting:
        if job.rows is not None:
            rows = job.rows
            read = job.guard(lambda rows=rows, job=job: rows.finish(job.f, cfg))
            if read is not None:
                job.read, job.rows = read, None
    return [job.submission() for job in jobs]


def _start(path: Path, plan: Plan, cfg: Config, expected_period: Period | None) -> _Job:
    job = _Job(path, Findings(path.name))
    try:
        stat = path.stat()
        data, size = safety.read_capped(path, int(cfg.max_file_mb * zipparts.MB))
        digest = hashlib.sha256(data).hexdigest() if data is not None else _hash_file(path)
    except OSError:
        job.f.add("file.unreadable", error=msg.INTAKE_REASON_OPEN)
        return job
    job.sha256, job.size = digest, size
    job.mtime = file_time(stat.st_mtime)
    read = job.guard(lambda: _inspect(job.f, path, data, size, plan, cfg, expected_period))
    if isinstance(read, _Rows):
        job.rows = read
    elif isinstance(read, _Read):
        job.read = read
    return job


Batched = tuple[list[_Job], Batch, Batch]  # files, their report rows, their KPI rows


def _batches(jobs: list[_Job]) -> list[Batched]:
    """The files' rows in one batch per plan version (the versions the forms were issued from) and form
    definition (the columns of their frames)."""
    by_plan: dict[tuple[int, str], list[_Job]] = {}
    for job in jobs:
        by_plan.setdefault((job.rows.plan.version, job.rows.fs.form.sha256), []).append(job)
    return [b for group in by_plan.values() for b in _batches_of(group)]


def _batches_of(jobs: list[_Job]) -> list[Batched]:
    """One batch; file by file if that fails (a file that fails alone gets its finding)."""
    try:
        return [_batch(jobs)]
    except Exception:  # noqa: BLE001 - find the file that fails, keep the others
        pass
    return [b for job in jobs if (b := job.guard(lambda job=job: _batch([job]))) is not None]


def _batch(jobs: list[_Job]) -> Batched:
    columns = frame_columns(jobs[0].rows.fs.form)
    reports = E.report_batch([j.rows.entries[0] for j in jobs], columns)
    kpis = E.kpi_batch([j.rows.entries[1] for j in jobs], columns)
    for job, report_rows, kpi_rows in zip(jobs, reports.rows, kpis.rows, strict=True):
        job.rows.report_rows, job.rows.kpi_rows = report_rows, kpi_rows
    return jobs, reports, kpis


def _schemas(batches: list[Batched], cfg: Config) -> None:
    """Schema findings, one pandera call per sheet and batch; file by file if a batch itself fails."""
    for jobs, reports, kpis in batches:
        units, fs = plan_index(jobs[0].rows.plan).kpi_units, jobs[0].rows.fs
        try:
            schema_checks.schema_findings([j.f for j in jobs], reports, kpis, cfg, units, fs)
            continue
        except Exception:  # noqa: BLE001 - find the file that fails, keep the others
            pass
        for job in jobs:
            job.guard(lambda job=job, units=units, fs=fs: schema_checks.schema_findings(
                [job.f], *_batch([job])[1:], cfg, units, fs))


def _hash_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _inspect(f: Findings, path: Path, data: bytes | None, size: int, plan: Plan, cfg: Config,
             expected_period: Period | None) -> _Read | _Rows:
    fc = safety.check_bytes(data or b"", path.name, size, cfg.max_file_mb)
    f.items += fc.findings
    if not fc.ok or data is None:
        return _Read()
    if path.suffix.lower() != ".xlsx":
        f.add("file.extension", ext=path.suffix or msg.FINDING_NO_EXTENSION)
    try:
        values = formread.read_values(data, only=READ_SHEETS)
    except (CalamineError, ValueError, OSError):
        f.add("file.damaged", detail=msg.PACKAGE_DAMAGED_VALUES)
        return _Read()
    meta_rows = values.sheets.get(L.META_SHEET)
    meta = formread.parse_meta(meta_rows) if meta_rows is not None else None
    if council_intake.is_council(meta):
        headers.check_council(f, values)
        marks = E.cell_marks(fc.package, list(council_intake.SHEETS), council_intake.INPUTS)
        ident, answers = council_intake.inspect(f, values, meta, plan, expected_period, marks)
        return _Read(ident, saved_at=fc.package.saved_at(), council=answers)
    if not checks.check_sheets(f, values.names) or meta is None:  # check_sheets: True when _meta exists
        return _Read()
    ident = checks.identity_of(f, meta)
    form = form_of(f, meta.pairs, cfg) if ident is not None else None
    if ident is None or form is None:
        return _Read(ident, form_sha256=meta.pairs.get(L.FORM_SHA256_KEY, ""))
    issued = checks.form_plan(f, ident, plan)  # the version the form was issued from (checked against it)
    usable = issued is not None and checks.check_identity(f, ident, issued, plan_index(issued).units, expected_period)
    checks.check_properties(f, fc.package.custom_properties(), meta.pairs)
    saved_at = fc.package.saved_at()
    if not usable:
        return _Read(ident, saved_at=saved_at)
    rows = _read_rows(f, (fc.package, values, meta), ident, issued, cfg, sheets_of(form))
    rows.saved_at = saved_at
    return rows


def department_units(plan: Plan) -> dict[str, list[int]]:
    """Form keys the plan can have sent (each 課, and each 部 for forms grouped by 部) → their item nos.

    The same keys and items as forms.form_units(plan, 課) and (plan, 部) (a test holds them equal), in one
    pass over the items: form_units compares every item with every department."""
    recipients = plan.recipients()
    if not recipients:
        return {}
    by_ka: dict[str, list[int]] = {d.key: [] for d in recipients}
    by_bu: dict[str, list[int]] = {(d.bu or d.ka): [] for d in recipients}
    for item in plan.items:
        if item.owner is not None and item.owner.key in by_ka:
            by_ka[item.owner.key].append(item.no)
            by_bu[item.owner.bu or item.owner.ka].append(item.no)
    return {**by_ka, **by_bu}


@dataclass(frozen=True)
class PlanIndex:
    """What intake looks up in the plan for every file, built once per plan (a prefecture's plan has
    tens of thousands of items; rebuilding these per file made checking quadratic)."""

    units: dict[str, list[int]]  # department_units(plan)
    kpis: dict[str, Kpi]  # KPI key → KPI
    kpi_units: dict[str, str]  # KPI key → unit


_INDEXES: dict[int, tuple[Plan, PlanIndex]] = {}


def plan_index(plan: Plan) -> PlanIndex:
    """The PlanIndex of this plan object (cached by identity; worker processes inherit it when forked)."""
    hit = _INDEXES.get(id(plan))
    if hit is None or hit[0] is not plan:
        if len(_INDEXES) >= 8:
            _INDEXES.clear()
        kpis = {k.key: k for k in plan.kpis}
        hit = (plan, PlanIndex(department_units(plan), kpis, {key: k.unit for key, k in kpis.items()}))
        _INDEXES[id(plan)] = hit
    return hit[1]


def _read_rows(f: Findings, parts: tuple[zipparts.Package, formread.WorkbookValues, formread.Meta],
               ident: FormIdentity, plan: Plan, cfg: Config, fs: FormSheets) -> _Rows:
    """The rows of a form whose identity holds, matched and read (parts: its package, values and _meta)."""
    pkg, values, meta = parts
    try:
        period = parse_period(ident.period)
    except PeriodError:
        period = None
    report = formread.check_rows(values, meta, fs.form)
    present = [s for s in L.DATA_SHEETS if s in values.sheets]
    headers.check_form(f, values, present, (fs.columns_version(ident.format_version), period.half if period else 1),
                       fs.form)
    if L.OPINION_SHEET not in present and any(row[0] == L.OPINION_SHEET for row in meta.table):
        f.add("sheet.missing", sheet=L.OPINION_SHEET)
    report.checks = [c for c in report.checks if c.sheet in present]
    match = checks.match_rows(f, values, meta, report, lambda: expected_rows(plan, ident, period, cfg, fs),
                              cfg.contact, fs)
    order = {(s, k): r for s, r, k, _ in meta.table}
    cells = Findings(f.file)
    marks = E.cell_marks(pkg, present, fs.inputs_at())
    reports, skip = E.report_entries(cells, fs, values, match, order, marks, cfg, period.half if period else 2)
    skip |= E.add_responses(cells, fs, values, match, order, marks, reports)
    kpis, kpi_skip = E.kpi_entries(cells, fs, values, match, order, marks, plan_index(plan).kpis)
    return _Rows(ident, period, (reports, kpis), cells, skip | kpi_skip, values, match, plan, fs)


def expected_rows(plan: Plan, ident: FormIdentity, period: Period | None,
                  cfg: Config, fs: FormSheets) -> dict[tuple[str, str], list[object]]:
    """Locked values of the form as built for this identity, by (sheet, key): those of the locked columns a
    form of its format version has. What the ledger carried in (前回 answers, the council's opinions) is not
    rebuilt: 前回 is left blank, and every item gets a placeholder opinion so that its 審議会意見への対応 row
    exists (layout.CARRIED_COLUMNS are compared last)."""
    if period is None:
        return {}
    from sheetflow.forms.workbook import build_form  # xlsxwriter: only for a file whose rows do not match

    try:
        generated = datetime.fromisoformat(ident.generated_at)
        placeholder = PreviousAnswers(period.previous().code, opinions={i.no: ("?",) for i in plan.items})
        data = build_form(plan, ident.department, period, cfg, previous=placeholder, generated_at=generated,
                          form=fs.form)
    except (msg.UserError, msg.DataError, ValueError):
        return {}
    values = formread.read_values(data)
    out = {}
    for sheet, row, key, _ in formread.parse_meta(values.sheets[L.META_SHEET]).table:
        cells = values.sheets[sheet][row - 1]
        out[(sheet, key)] = [cells[i] if i < len(cells) else ""
                             for i, _ in L.locked_columns(fs.columns[sheet], fs.columns_version(ident.format_version))]
    return out
