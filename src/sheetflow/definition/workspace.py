"""The definition a workspace uses: the shipped one, or the edited copy sheetflow.toml names (form = "…");
each version archived by SHA-256 (outbox/definitions/<sha256>.json) so that a form already out is read with the
definition it was made from; the progress scale and the 達成度 scale as its choice lists say."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.definition import source
from sheetflow.definition.model import FormDefinition
from sheetflow.definition.read import load_definition
from sheetflow.ground.config import Config, Grade, Status
from sheetflow.ground.files import atomic_write_bytes

BUILTIN_FORM = "progress.json"
COUNCIL_FORM, COUNCIL_TABLE = "council.json", "evaluation"  # the council's evaluation workbook
REPORT_TABLE, KPI_TABLE, OPINION_TABLE = "report", "kpi", "opinion"  # the built-in form's tables
STATUS_FIELD, GRADE_FIELD = "status", "grade"  # its fields whose lists are the scales


def builtin_path(name: str = BUILTIN_FORM) -> Path:
    return Path(str(resources.files("sheetflow.definition") / "builtin" / name))


@functools.lru_cache(maxsize=4)
def builtin_definition(name: str = BUILTIN_FORM) -> FormDefinition:
    """A definition shipped in the package."""
    return load_definition(builtin_path(name))


def is_survey(cfg: Config) -> bool:
    """The workspace runs a survey (庁内照会): sheetflow.toml's form is a definition with 照会ID. A workspace
    without `form` is the progress report's, and nothing is read to say so."""
    return cfg.form_file is not None and workspace_form(cfg).survey_id != ""


def form_path(cfg: Config) -> Path:
    return cfg.path(cfg.form_file) if cfg.form_file is not None else builtin_path()


def workspace_form(cfg: Config) -> FormDefinition:
    """The definition in use (read once per file version)."""
    if cfg.form_file is None:
        return builtin_definition()
    path = form_path(cfg)
    try:
        stat = path.stat()
    except FileNotFoundError as exc:
        raise msg.UserError(msg.DEF_NOT_FOUND.format(file=path)) from exc
    return _load_cached(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path, mtime_ns: int, size: int) -> FormDefinition:
    return load_definition(path)


def archive_dir(cfg: Config) -> Path:
    return cfg.outbox_dir / "definitions"


def archive_form(cfg: Config, form: FormDefinition) -> Path:
    """Keep this version of the definition (its canonical text) under its SHA-256; written once."""
    out = archive_dir(cfg) / f"{form.sha256}.json"
    if not out.exists():
        text = source.canonical_text(source.read_sheets(_source_of(cfg, form)))
        atomic_write_bytes(out, text.encode("utf-8"))
    return out


def _source_of(cfg: Config, form: FormDefinition) -> Path:
    return form_path(cfg) if workspace_form(cfg).sha256 == form.sha256 else builtin_path()


def form_by_sha(cfg: Config, sha256: str) -> FormDefinition | None:
    """The definition a form was made from (its _meta form_sha256); None when it is not archived here."""
    if sha256 in ("", builtin_definition().sha256):
        return builtin_definition()
    if sha256 == workspace_form(cfg).sha256:
        return workspace_form(cfg)
    path = archive_dir(cfg) / f"{sha256}.json"
    return _load_archived(path) if path.is_file() else None


def archived_forms(cfg: Config) -> tuple[FormDefinition, ...]:
    """Every definition version forms were made from in this workspace (outbox/definitions/), by file name."""
    folder = archive_dir(cfg)
    paths = sorted(folder.glob("*.json")) if folder.is_dir() else []
    return tuple(_load_archived(p) for p in paths)


def _load_archived(path: Path) -> FormDefinition:
    stat = path.stat()
    return _load_cached(path, stat.st_mtime_ns, stat.st_size)


# --- the scales ------------------------------------------------------------------------------------

def statuses(cfg: Config, form: FormDefinition | None = None) -> tuple[Status, ...]:
    """The progress scale: sheetflow.toml's [[statuses]] when it has them, else the definition's list."""
    return cfg.statuses or _statuses_of(form or workspace_form(cfg))


@functools.lru_cache(maxsize=8)
def _statuses_of(form: FormDefinition) -> tuple[Status, ...]:
    choices = form.choice_list(form.field(REPORT_TABLE, STATUS_FIELD).ftype.list_name)
    return tuple(Status(c.value, c.rank or 0, behind="behind" in c.roles, done="result" in c.roles,
                        description=c.description, stopped="apart" in c.roles) for c in choices)


def grades(cfg: Config, form: FormDefinition | None = None) -> tuple[Grade, ...]:
    """The 達成度 scale: sheetflow.toml's [[grades]] when it has them, else the definition's list."""
    return cfg.grades or _grades_of(form or workspace_form(cfg))


@functools.lru_cache(maxsize=8)
def _grades_of(form: FormDefinition) -> tuple[Grade, ...]:
    choices = form.choice_list(form.field(REPORT_TABLE, GRADE_FIELD).ftype.list_name)
    return tuple(Grade(c.value, c.description, rated="unrated" not in c.roles) for c in choices)


def status_named(cfg: Config, label: str) -> Status | None:
    return next((s for s in statuses(cfg) if s.label == label), None)
