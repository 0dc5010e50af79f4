"""The demo's 庁内照会: テレワーク実施状況調査 asked of every department of the plan, in a survey workspace of its
own (demo/照会/), through the real commands (init --form, forms, merge, status, report), answered by simulated
departments (demo/survey_fill.py) with mistakes, 未回答 and corrected answers.

The definition is the starter `form new` writes (its 単一 and 自由行 tables), with its 既定行 table replaced by one
that needs no invented facts: each department's own 取組項目 of the plan (No. and 項目名, locked).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.definition import source
from sheetflow.definition import workspace as DW
from sheetflow.definition.export import SURVEY_STARTER, definition_workbook
from sheetflow.definition.read import check_sheets
from sheetflow.demo.survey_fill import MISTAKES, fill_survey
from sheetflow.plan.model import Plan

ITEMS_TABLE = "items"


@dataclass
class SurveyRecord:
    """What the simulated departments did with the survey."""

    folder: Path
    answered: dict[str, list[str]] = field(default_factory=dict)  # department -> mistakes in its first answer
    skipped: list[str] = field(default_factory=list)  # 未回答
    fixed: list[str] = field(default_factory=list)
    exit_codes: list[int] = field(default_factory=list)  # of each merge

    @property
    def refused(self) -> list[str]:
        return [d for d, m in self.answered.items() if set(m) - {"zenkaku"}]


_T = dict(zip(("id", "sheet", "mode", "key", "rows"), msg.DEF_TABLE_COLUMNS, strict=True))
_F = dict(zip(("table", "id", "header", "type", "required"), msg.DEF_FIELD_COLUMNS[:5], strict=True)) | {
    "prompt": msg.DEF_FIELD_COLUMNS[8], "total": msg.DEF_FIELD_COLUMNS[9], "locked": msg.DEF_FIELD_COLUMNS[11],
    "width": msg.DEF_FIELD_COLUMNS[18]}
_DEPT, _DEFAULT_TABLE = msg.DEF_DEPARTMENT_COLUMNS[0], msg.DEF_DEFAULT_COLUMNS[1]


def survey_rows(plan: Plan) -> dict[str, list[dict]]:
    """The demo survey's definition rows: the starter's settings, 単一 and 自由行 tables and lists; the plan's
    departments; a 既定行 table of each department's 取組項目."""
    rows = json.loads(DW.builtin_path(SURVEY_STARTER).read_text(encoding="utf-8"))
    tables, fields = rows[msg.DEF_SHEET_TABLES], rows[msg.DEF_SHEET_FIELDS]
    kept = {t[_T["id"]] for t in tables if t[_T["mode"]] != msg.DEF_MODE_KEYED}
    rows[msg.DEF_SHEET_TABLES] = [t for t in tables if t[_T["id"]] in kept] + [
        {_T["id"]: ITEMS_TABLE, _T["sheet"]: msg.DEMO_SURVEY_ITEMS["sheet"], _T["mode"]: msg.DEF_MODE_KEYED,
         _T["key"]: "no"}]
    rows[msg.DEF_SHEET_FIELDS] = [f for f in fields if f[_F["table"]] in kept] + _item_fields()
    rows[msg.DEF_SHEET_DEPARTMENTS] = [{_DEPT: d.key} for d in plan.recipients()]
    rows[msg.DEF_SHEET_DEFAULTS] = [{_DEPT: d.key, _DEFAULT_TABLE: ITEMS_TABLE, "no": str(i.no), "name": i.name}
                                    for d in plan.recipients() for i in plan.items_for(d)]
    return rows


def _item_fields() -> list[dict]:
    words = msg.DEMO_SURVEY_ITEMS
    locked = {_F["table"]: ITEMS_TABLE, _F["locked"]: msg.DEF_MARK}
    return [{**locked, _F["id"]: "no", _F["header"]: words["no"], _F["type"]: msg.TYPE_INTEGER, _F["width"]: 6},
            {**locked, _F["id"]: "name", _F["header"]: words["name"], _F["type"]: msg.TYPE_TEXT, _F["width"]: 40},
            {_F["table"]: ITEMS_TABLE, _F["id"]: "remote", _F["header"]: words["remote"], _F["type"]: msg.TYPE_YES_NO,
             _F["required"]: msg.DEF_MARK, _F["prompt"]: words["remote_prompt"], _F["total"]: msg.DEF_TOTAL_COUNT,
             _F["width"]: 12}]


def write_survey_definition(plan: Plan, out: Path):
    """The demo survey's definition as the Excel workbook an office would write (checked first)."""
    sheets = source.row_sheets(survey_rows(plan))
    checked = check_sheets(sheets)
    assert checked.definition is not None, [str(p) for p in checked.problems]
    out.write_bytes(definition_workbook(sheets, checked.definition))
    return checked.definition


def _assign(departments: list[str], rng: random.Random) -> dict[str, str]:
    order = departments[:]
    rng.shuffle(order)
    return dict(zip(order, (*MISTAKES, "skip", "skip"), strict=False))


def simulate_survey(folder: Path, plan: Plan, rng: random.Random, run_factory: Callable, say: Callable[[str], None]
                    ) -> SurveyRecord:
    """Definition → init --form → forms → answers (mistakes, 未回答) → merge → corrected answers → merge → status,
    report."""
    survey = folder / msg.DEMO_SURVEY_FOLDER
    record = SurveyRecord(survey)
    form = write_survey_definition(plan, folder / msg.DEMO_SURVEY_DEFINITION)
    departments = [d.key for d in plan.recipients()]
    say(msg.DEMO_STEP_SURVEY.format(title=form.title, folder=survey, count=len(departments)))
    run_factory(folder)(["init", str(survey), "--form", str(folder / msg.DEMO_SURVEY_DEFINITION)])
    run = run_factory(survey)
    run(["forms"])
    forms, roles = _forms_by_department(survey), _assign(departments, rng)
    for dept in departments:
        _answer(survey, forms[dept], dept, roles.get(dept, ""), rng, record)
    say(msg.DEMO_STEP_SURVEY_MERGE)
    record.exit_codes.append(run(["merge"]))
    for dept in record.refused:
        fill_survey(forms[dept], survey / "inbox" / f"{Path(forms[dept]).stem}{msg.DEMO_SUFFIX_FIXED}.xlsx", rng)
        record.fixed.append(dept)
    say(msg.DEMO_STEP_SURVEY_RESUBMIT.format(count=len(record.fixed)))
    record.exit_codes.append(run(["merge"]))
    run(["status"])
    run(["report"])
    return record


def _forms_by_department(survey: Path) -> dict[str, Path]:
    """The forms `forms` wrote, by the department their _meta names."""
    from sheetflow.forms import layout as L
    from sheetflow.forms import read as formread

    out = {}
    for path in sorted((survey / "outbox" / "forms").rglob("*.xlsx")):
        meta = formread.parse_meta(formread.read_values(path.read_bytes()).sheets[L.META_SHEET])
        out[meta.pairs["department"]] = path
    return out


def _answer(survey: Path, form: Path, dept: str, role: str, rng: random.Random, record: SurveyRecord) -> None:
    if role == "skip":
        record.skipped.append(dept)
        return
    mistakes = (role,) if role in MISTAKES else ()
    made = fill_survey(form, survey / "inbox" / form.name, rng, mistakes)
    record.answered[dept] = made
