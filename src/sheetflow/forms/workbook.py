"""Department workbooks: one pre-filled, protected form per owner department (or per 部).

build_form lays a form out (sheets.py the data sheets, validations.py their rules and _lists), reads its own
bytes back the way intake will (formread) and refuses to hand out a form that does not check; write_forms
writes them atomically under outbox/forms/<period>/.
"""

from __future__ import annotations

import difflib
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sheetflow import __version__
from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import FormDefinition
from sheetflow.forms import layout as L
from sheetflow.forms import read as formread
from sheetflow.forms import sheets as fs
from sheetflow.forms import validations as fv
from sheetflow.forms.guide import write_guide
from sheetflow.forms.model import PreviousAnswers, council_year_for
from sheetflow.ground import xlsx
from sheetflow.ground.config import Config
from sheetflow.ground.files import atomic_write_bytes, check_replaceable
from sheetflow.ground.periods import Period, fiscal_label
from sheetflow.plan.model import Department, Item, Plan
from sheetflow.plan.versions import archive_plan

SUFFIX = ".xlsx"
MAX_FILENAME = 100
_UNSAFE = str.maketrans(msg.FORMS_FILENAME_SAFE)
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
BY_KA, BY_BU = msg.FORMS_BY_KA, msg.FORMS_BY_BU


class FormCheckError(msg.DataError):
    """A freshly built form failed its own read-back check (a bug): it is never written."""


@dataclass(frozen=True)
class FormResult:
    department: str  # Department.key, or the 部 name when grouped by 部
    path: Path
    items: int
    kpis: int
    written: bool  # False: the file existed and --force was not given


# --- names and units -----------------------------------------------------------------------------

def form_filename(dept_key_or_department: Department | str) -> str:
    """`<部>_<課>.xlsx` (just `<課>.xlsx` without a 部), safe on Windows and at most 100 characters."""
    d = dept_key_or_department
    if not isinstance(d, Department):
        d = Department.from_key(str(d))
    return safe_filename(f"{d.bu}_{d.ka}" if d.bu else d.ka)


def safe_filename(name: str) -> str:
    """`<name>.xlsx`, safe on Windows (no reserved name or character) and at most 100 characters."""
    stem = unicodedata.normalize("NFC", name).translate(_UNSAFE)
    stem = re.sub(r"\s+", " ", "".join(ch if ch.isprintable() else "_" for ch in stem)).strip(" .")
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    stem = stem[:MAX_FILENAME - len(SUFFIX)].rstrip(" .")
    return (stem or "_") + SUFFIX


def form_units(plan: Plan, by: str = BY_KA, only: list[str] | None = None) -> list[tuple[str, list[Item]]]:
    """(department key, its items) per form, in plan order; by="部" keys by the 部 name.

    `only` names departments to keep: a 課 name, a "部 課" key, or (by 部) a 部 name.
    """
    if by not in (BY_KA, BY_BU):
        raise msg.UserError(msg.FORMS_BAD_BY.format(value=by))
    recipients = plan.recipients()
    if not recipients:
        raise msg.UserError(msg.PLAN_NO_RECIPIENTS)
    groups: dict[str, list[Department]] = {}
    for d in recipients:
        groups.setdefault((d.bu or d.ka) if by == BY_BU else d.key, []).append(d)
    if only:
        keep = {key for name in only for key in _match(name, groups)}
        groups = {k: v for k, v in groups.items() if k in keep}
    unit_of = {d: key for key, depts in groups.items() for d in depts}
    units: dict[str, list[Item]] = {key: [] for key in groups}
    for item in plan.items:  # one pass: a plan of many departments stays linear
        if item.owner in unit_of:
            units[unit_of[item.owner]].append(item)
    return list(units.items())


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name)).strip()


def _match(name: str, groups: dict[str, list[Department]]) -> list[str]:
    """Unit keys that `name` designates; UserError (with close matches) when none, or ambiguous."""
    wanted = _norm(name)
    exact = [k for k in groups if _norm(k) == wanted]
    if exact:
        return exact
    by_dept = [k for k, depts in groups.items() if any(wanted in (_norm(d.key), _norm(d.ka)) for d in depts)]
    if len(by_dept) > 1:
        raise msg.UserError(msg.FORMS_AMBIGUOUS_DEPT.format(name=name, candidates="、".join(by_dept)))
    if by_dept:
        return by_dept
    names = sorted({n for k, depts in groups.items() for n in (k, *(d.key for d in depts), *(d.ka for d in depts))})
    close = difflib.get_close_matches(wanted, names, n=5, cutoff=0.4)
    hint = msg.FORMS_DID_YOU_MEAN.format(candidates="、".join(close)) if close else msg.FORMS_DEPT_LIST_HINT
    raise msg.UserError(msg.FORMS_UNKNOWN_DEPT.format(name=name) + hint)


def _items_for_key(plan: Plan, key: str) -> list[Item]:
    """Items of a department key, or of every 課 of a 部 when the key is a 部 name."""
    for by in (BY_KA, BY_BU):
        for unit, items in form_units(plan, by):
            if unit == key:
                return items
    form_units(plan, BY_KA, [key])  # raises the Japanese "unknown department" error
    raise msg.UserError(msg.FORMS_UNKNOWN_DEPT.format(name=key))


# --- one form ------------------------------------------------------------------------------------

def build_form(plan: Plan, dept: Department | str, period: Period, cfg: Config,
               previous: PreviousAnswers | None = None, generated_at: datetime | None = None,
               paper: str = "A4", form: FormDefinition | None = None) -> bytes:
    """The workbook bytes of one department's form, checked by reading them back; its columns are those of
    `form` (default: the definition the workspace uses)."""
    key = dept.key if isinstance(dept, Department) else str(dept)
    form = form or DW.workspace_form(cfg)
    return _build(plan, key, _items_for_key(plan, key), period, cfg, form, previous, generated_at, paper)


def _build(plan: Plan, key: str, items: list[Item], period: Period, cfg: Config, form: FormDefinition,
           previous: PreviousAnswers | None, generated_at: datetime | None, paper: str = "A4") -> bytes:
    when = generated_at or datetime.now().astimezone()
    when = when if when.tzinfo else when.astimezone()  # naive: local time
    spec = fs.FormSpec(plan, key, tuple(items), period, cfg, form, previous, when, paper)
    data, pairs, table = _render(spec)
    self_check(data, pairs, table, key, form)
    return data


def _render(spec: fs.FormSpec) -> tuple[bytes, dict[str, str], list[tuple[str, int, str, str]]]:
    buffer = io.BytesIO()
    wb = xlsx.new_workbook(buffer)
    st = fs.FormStyles(wb)
    guide, report, kpi = (wb.add_worksheet(name) for name in L.VISIBLE_SHEETS)
    opinions = fs.locked_opinion_rows(spec)
    write_guide(guide, st, spec, bool(opinions))
    table = _report_sheet(report, st, spec) + _kpi_sheet(kpi, st, spec)
    sheets = [guide, report, kpi]
    if opinions:
        sheets.append(wb.add_worksheet(L.OPINION_SHEET))
        table += _opinion_sheet(sheets[-1], st, spec, opinions)
    for ws in sheets:
        fs.finish_sheet(ws, spec)
    report.activate()
    pairs = _meta_pairs(spec, table)
    fs.write_meta(wb, L.meta_rows(pairs, table), spec.cfg.password)
    fv.write_lists(wb, fv.choice_lists(spec), spec.cfg.password)
    _properties(wb, spec)
    wb.close()
    return buffer.getvalue(), pairs, table


def _report_sheet(ws, st: fs.FormStyles, spec: fs.FormSpec) -> list[tuple[str, int, str, str]]:
    rows = fs.locked_report_rows(spec)
    title = msg.FORMS_REPORT_TITLE.format(period=spec.period.label, dept=spec.dept)
    excel_rows = fs.write_data_sheet(ws, st, spec.columns(DW.REPORT_TABLE), title, msg.FORMS_REPORT_NOTE, rows,
                                     "name", spec.closed(DW.REPORT_TABLE))
    fv.validate_fields(ws, spec, DW.REPORT_TABLE, len(rows))
    return [(L.REPORT_SHEET, r, str(item.no), L.fingerprint(spec.identity, L.REPORT_SHEET, values))
            for r, item, values in zip(excel_rows, spec.items, rows, strict=True)]


def _kpi_sheet(ws, st: fs.FormStyles, spec: fs.FormSpec) -> list[tuple[str, int, str, str]]:
    pairs = fs.locked_kpi_rows(spec)
    rows = [values for _, values in pairs]
    title = msg.FORMS_KPI_TITLE.format(period=spec.period.label, dept=spec.dept)
    note = msg.FORMS_KPI_NOTE if rows else msg.FORMS_NO_KPIS
    excel_rows = fs.write_data_sheet(ws, st, spec.columns(DW.KPI_TABLE), title, note, rows, "kpi",
                                     spec.closed(DW.KPI_TABLE))
    fv.validate_kpis(ws, spec, [k for k, _ in pairs])
    return [(L.KPI_SHEET, r, k.key, L.fingerprint(spec.identity, L.KPI_SHEET, values))
            for r, (k, values) in zip(excel_rows, pairs, strict=True)]


def _opinion_sheet(ws, st: fs.FormStyles, spec: fs.FormSpec,
                   pairs: list[tuple[Item, list[object]]]) -> list[tuple[str, int, str, str]]:
    """審議会意見への対応: the council's opinions on the department's items (locked) and 意見への対応 (input)."""
    year = fiscal_label(council_year_for(spec.period.year))
    rows = [values for _, values in pairs]
    title = msg.OPINION_TITLE.format(year=year, period=spec.period.label, dept=spec.dept)
    excel_rows = fs.write_data_sheet(ws, st, spec.columns(DW.OPINION_TABLE), title,
                                     msg.OPINION_NOTE.format(year=year), rows, "name", spec.closed(DW.OPINION_TABLE))
    fv.validate_fields(ws, spec, DW.OPINION_TABLE, len(rows))
    return [(L.OPINION_SHEET, r, str(item.no), L.fingerprint(spec.identity, L.OPINION_SHEET, values))
            for r, (item, values) in zip(excel_rows, pairs, strict=True)]


def _meta_pairs(spec: fs.FormSpec, table: list[tuple[str, int, str, str]]) -> dict[str, str]:
    plan_id, plan_version, period, dept = spec.identity
    return {"format_version": L.FORMAT_VERSION, "plan_id": plan_id, "plan_version": plan_version,
            "period": period, "department": dept, "generated_at": spec.generated_at.isoformat(timespec="seconds"),
            "sheetflow_version": __version__,
            "row_count": str(sum(1 for t in table if t[0] == L.REPORT_SHEET)),
            "kpi_count": str(sum(1 for t in table if t[0] == L.KPI_SHEET)),
            **({L.FORM_SHA256_KEY: spec.form.sha256} if spec.custom else {})}


def _properties(wb, spec: fs.FormSpec) -> None:
    plan_id, plan_version, period, dept = spec.identity
    wb.set_properties({
        "title": msg.FORMS_DOC_TITLE.format(period=spec.period.label, dept=dept), "subject": spec.plan.title,
        "author": msg.FORMS_AUTHOR, "company": spec.plan.municipality,
        "created": spec.generated_at.astimezone(UTC)})
    for name, value in (("plan_id", plan_id), ("plan_version", plan_version), ("period", period),
                        ("department", dept), ("format_version", L.FORMAT_VERSION)):
        wb.set_custom_property(f"sheetflow_{name}", value, "text")


# --- pre-flight check ----------------------------------------------------------------------------

def self_check(data: bytes, pairs: dict[str, str], table: list[tuple[str, int, str, str]], dept: str,
               form: FormDefinition | None = None) -> None:
    """Read the form back as intake will (with the columns of `form`, default the built-in definition's);
    raise FormCheckError listing every mismatch."""
    problems = form_problems(data, pairs, table, form)
    if problems:
        raise FormCheckError(msg.FORMS_SELF_CHECK_FAILED.format(dept=dept, problems=", ".join(problems)))


def form_problems(data: bytes, pairs: dict[str, str], table: list[tuple[str, int, str, str]],
                  form: FormDefinition | None = None) -> list[str]:
    """Machine codes of what differs between the form's bytes and what was meant to be written."""
    values = formread.read_values(data)
    meta = formread.parse_meta(values.sheets.get(L.META_SHEET, []))
    problems = formread.meta_problems(meta, pairs)
    problems += [] if meta.table == table else ["meta.table"]
    problems += [f"hidden:{s}" for s in (L.META_SHEET, L.LISTS_SHEET) if values.visibility.get(s) != "veryhidden"]
    rows = formread.check_rows(values, meta, form)
    problems += [f"row:{c.sheet}!{c.row}" for c in rows.checks if not c.intact or c.moved]
    problems += [f"unknown:{s}!{r}" for s, rs in rows.unknown.items() for r in rs]
    problems += [f"duplicate:{s}!{r}" for s, rs in rows.duplicates.items() for r in rs]
    for sheet in L.DATA_SHEETS:
        filled = [r for r in values.sheets.get(sheet, [])[L.FIRST_DATA_ROW:] if any(L.cell_text(c) for c in r)]
        if len(filled) != sum(1 for t in table if t[0] == sheet):
            problems.append(f"count:{sheet}")
    return problems


# --- many forms ----------------------------------------------------------------------------------

def write_forms(plan: Plan, period: Period, cfg: Config, out_dir: Path | None = None, by: str = BY_KA,
                only: list[str] | None = None, force: bool = False,
                previous_for: Callable[[str], PreviousAnswers | None] | None = None,
                progress: Callable[[FormResult, int], None] | None = None,
                require_settings: bool = False, paper: str = "A4",
                form: FormDefinition | None = None) -> list[FormResult]:
    """Write every selected form to out_dir (default outbox/forms/<period>/); keep existing files unless force.

    previous_for(department key) supplies last period's answers; progress(result, total) is called after
    each form. require_settings: refuse (UserError) while deadline or contact is still the placeholder.
    form: the definition whose columns the forms have (default: the one the workspace uses).
    """
    form = form or DW.workspace_form(cfg)
    units = form_units(plan, by, only)  # an unknown department or a plan without owners: said first
    if require_settings:
        refuse_placeholders(cfg)
    out_dir = out_dir or cfg.forms_dir(period)
    names = unique_filenames([key for key, _ in units])
    when = datetime.now().astimezone()
    if force:  # a form open in Excel: say so before any is replaced
        check_replaceable(out_dir / names[key] for key, _ in units)
    archive_plan(cfg, plan)  # the version these forms are issued from: checked against it when they return
    results = []
    for key, items in units:
        path = out_dir / names[key]
        kpis = sum(len(i.kpis) for i in items)
        written = force or not path.exists()
        if written:
            previous = previous_for(key) if previous_for else None
            atomic_write_bytes(path, _build(plan, key, items, period, cfg, form, previous, when, paper))
        results.append(FormResult(key, path, len(items), kpis, written))
        if progress:
            progress(results[-1], len(units))
    return results


def refuse_placeholders(cfg: Config) -> None:
    """UserError naming each setting of sheetflow.toml that still holds the default text."""
    from sheetflow.ground.workspace import placeholder_settings

    keys = placeholder_settings(cfg)
    if not keys:
        return
    file = cfg.source or cfg.root / "sheetflow.toml"
    lines = [msg.FORMS_PLACEHOLDER_LINE.format(key=k, name=msg.SETTING_NAMES[k], value=getattr(cfg, k)) for k in keys]
    hint = msg.FORMS_PLACEHOLDER_FILE if cfg.source else msg.FORMS_PLACEHOLDER_NO_FILE
    raise msg.UserError(msg.FORMS_PLACEHOLDERS.format(file=file, lines="\n".join(lines)) + hint.format(
        file=file, folder=cfg.root))


def unique_filenames(keys: list[str], naming: Callable[[str], str] = form_filename) -> dict[str, str]:
    """Each key's file name; two keys whose names are one file name (ignoring case) are refused."""
    names = {key: naming(key) for key in keys}
    seen: dict[str, list[str]] = {}
    for key, name in names.items():
        seen.setdefault(name.casefold(), []).append(key)
    for clash in seen.values():
        if len(clash) > 1:
            raise msg.UserError(msg.FORMS_FILENAME_CLASH.format(name=names[clash[0]], depts="、".join(clash)))
    return names
