"""`sheetflow forms` in a survey workspace (庁内照会) as one library call: one workbook per 部署 of the
definition, in outbox/forms/<照会ID>/<部署名>.xlsx, pre-filled with its 既定データ rows — or, with from_last,
with the rows it answered last time (ledger.survey.previous_defaults: next year starts from this year's)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import FormDefinition
from sheetflow.ground.config import Config
from sheetflow.ground.files import atomic_write_bytes, check_replaceable

Defaults = dict[str, list[dict[str, str]]]  # table id → a department's pre-filled rows (項目ID → text)


@dataclass(frozen=True)
class SurveyForm:
    department: str
    path: Path
    rows: int  # pre-filled rows over all tables
    written: bool  # False: the file existed and force was not given


@dataclass(frozen=True)
class IssuedSurveyForms:
    survey_id: str
    folder: Path
    results: list[SurveyForm]

    @property
    def written(self) -> list[SurveyForm]:
        return [r for r in self.results if r.written]

    @property
    def kept(self) -> list[SurveyForm]:
        return [r for r in self.results if not r.written]


def survey_forms_dir(cfg: Config, form: FormDefinition) -> Path:
    """outbox/forms/<照会ID>/."""
    return cfg.forms_root / form.survey_id


def issue_survey_forms(cfg: Config, from_last: bool = False, only: list[str] | None = None, force: bool = False,
                       progress: Callable[[SurveyForm, int], None] | None = None) -> IssuedSurveyForms:
    """Write the survey's workbooks (only: these 部署; existing files kept unless force). The definition is
    archived under its SHA-256 so that the returned forms are read with it even after it is edited."""
    from sheetflow.forms.survey import SurveySpec, build_survey_form  # xlsxwriter: only for this command
    from sheetflow.forms.workbook import safe_filename, unique_filenames

    form = DW.workspace_form(cfg)
    _unknown_departments(form, only)
    names = unique_filenames([d.name for d in form.departments if only is None or d.name in only], safe_filename)
    DW.archive_form(cfg, form)
    folder = survey_forms_dir(cfg, form)
    if force:
        check_replaceable(folder / name for name in names.values())
    defaults = _defaults_source(cfg, form, from_last)
    when = datetime.now().astimezone()
    results = []
    for dept, name in names.items():
        path, rows = folder / name, defaults(dept)
        written = force or not path.exists()
        if written:
            atomic_write_bytes(path, build_survey_form(SurveySpec(form, dept, rows, cfg.password, when)))
        results.append(SurveyForm(dept, path, sum(len(r) for r in rows.values()), written))
        if progress:
            progress(results[-1], len(names))
    return IssuedSurveyForms(form.survey_id, folder, results)


def _unknown_departments(form: FormDefinition, only: list[str] | None) -> None:
    known = [d.name for d in form.departments]
    missing = [name for name in only or [] if name not in known]
    if missing:
        raise msg.UserError(msg.SURVEY_FORMS_UNKNOWN_DEPT.format(
            names=msg.CLI_LIST_SEPARATOR.join(missing), known=msg.CLI_LIST_SEPARATOR.join(known)))


def definition_defaults(form: FormDefinition, department: str) -> Defaults:
    """A department's 既定データ rows per table."""
    return {t.id: [dict(r.values) for r in form.defaults_for(department, t.id)] for t in form.tables
            if form.defaults_for(department, t.id)}


def _defaults_source(cfg: Config, form: FormDefinition, from_last: bool) -> Callable[[str], Defaults]:
    """The pre-filled rows of a department: 既定データ, or with from_last the rows of its last accepted answer
    (a table it has not answered keeps its 既定データ)."""
    if not from_last:
        return lambda dept: definition_defaults(form, dept)
    from sheetflow.ledger.survey import previous_defaults  # written alongside (the survey ledger)

    last = previous_defaults(cfg, form)
    return lambda dept: {**definition_defaults(form, dept), **last.get(dept, {})}
