"""A survey's answers as data: every department's live rows of a table, in the order of 部署 (a department
the ledger holds but 部署 no longer lists comes after them) and of the rows in its sheet, each value as its
field's type writes it; one CSV per table (header = 見出し, 部署 first) and the datapackage.json that
describes them (types by the fields' storage, 必須, choices, limits, keys by 行モード).

The same rows fill the 集計表's table sheets (survey.py). Frames are ledger.survey.survey_frames' (columns
department, line, key, the fields' 項目ID, source_sha256).
"""

from __future__ import annotations

import json
import re
from datetime import datetime

import pandas as pd

from sheetflow import messages as msg
from sheetflow.definition.model import Field, FormDefinition, Requirement, Table
from sheetflow.report.csvfile import csv_bytes
from sheetflow.report.datapackage import csv_resource, field_type
from sheetflow.report.public import plain_number
from sheetflow.report.values import number, text

Frames = dict[str, pd.DataFrame]  # table id → live rows
PACKAGE = "datapackage.json"


def departments(form: FormDefinition, frames: Frames) -> list[str]:
    """部署 in its order, then any department the frames hold that 部署 does not list."""
    names = [d.name for d in form.departments]
    for frame in frames.values():
        if "department" in frame.columns:
            names += [n for n in dict.fromkeys(frame["department"].map(text)) if n not in names]
    return names


def table_records(form: FormDefinition, table_id: str, frames: Frames) -> list[dict]:
    """A table's live rows as records: department order, then the row's order in its sheet (line)."""
    frame = frames.get(table_id)
    if frame is None or frame.empty:
        return []
    order = {name: i for i, name in enumerate(departments(form, frames))}
    return sorted(frame.to_dict("records"), key=lambda r: (order[text(r["department"])], number(r.get("line")) or 0))


def value(f: Field, stored: object) -> object:
    """A stored value as its type writes it: numbers plain (3, not 3.0), the rest as text; None when empty."""
    if f.ftype.numeric:
        found = number(stored)
        return None if found is None else plain_number(round(found, 10))
    return text(stored) or None


def table_values(form: FormDefinition, table_id: str, frames: Frames) -> list[list[object]]:
    """The rows of a table's sheet and CSV: 部署, then each field's value in the definition's order."""
    fields = form.columns(table_id)
    return [[text(r["department"]), *(value(f, r.get(f.key)) for f in fields)]
            for r in table_records(form, table_id, frames)]


def headers(form: FormDefinition, table_id: str) -> list[str]:
    return [msg.SURVEY_TALLY_DEPARTMENT, *(f.header for f in form.columns(table_id))]


def csv_name(stem: str, t: Table) -> str:
    """<照会ID>_<表ID>.csv (stem: the survey's file-safe 照会ID)."""
    return f"{stem}_{t.id}.csv"


def data_files(form: FormDefinition, frames: Frames, stem: str, generated: datetime) -> dict[str, bytes]:
    """Every table's CSV and datapackage.json, by file name."""
    files = {csv_name(stem, t): csv_bytes(headers(form, t.id), table_values(form, t.id, frames))
             for t in form.tables}
    package = datapackage(form, stem, generated)
    return files | {PACKAGE: (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")}


def datapackage(form: FormDefinition, stem: str, generated: datetime) -> dict:
    """The package descriptor: one tabular resource per table."""
    sender = form.settings.get(msg.DEF_SETTING_SENDER, "")
    title = msg.SURVEY_TALLY_PACKAGE_TITLE.format(title=form.title, survey=form.survey_id, version=form.version)
    return {"name": package_name(form.survey_id), "title": title, "description": msg.SURVEY_TALLY_PACKAGE_NOTE,
            "created": generated.replace(microsecond=0).isoformat(),
            **({"contributors": [{"title": sender, "role": "publisher"}]} if sender else {}),
            "resources": [_resource(form, t, stem) for t in form.tables]}


def package_name(survey_id: str) -> str:
    """A package name Frictionless accepts (lower-case ASCII, digits, - . _) from the 照会ID."""
    slug = re.sub(r"[^-a-z0-9._]+", "-", survey_id.lower()).strip("-")
    return f"survey-{slug}" if slug else "survey"


def _resource(form: FormDefinition, t: Table, stem: str) -> dict:
    department = {"name": msg.SURVEY_TALLY_DEPARTMENT, "title": msg.SURVEY_TALLY_DEPARTMENT, "type": "string",
                  "constraints": {"required": True}}
    fields = [department, *(_field(form, f) for f in form.columns(t.id))]
    title = msg.SURVEY_TALLY_SHEET_TITLE.format(title=form.title, sheet=t.sheet)
    return csv_resource(t.id.lower(), csv_name(stem, t), title, fields, _keys(form, t))


def _keys(form: FormDefinition, t: Table) -> list[str]:
    """単一: one row per 部署; 既定行: 部署 and the キー; 自由行: none (a list may repeat a row)."""
    if t.mode == msg.DEF_MODE_SINGLE:
        return [msg.SURVEY_TALLY_DEPARTMENT]
    if t.mode == msg.DEF_MODE_KEYED and t.key:
        return [msg.SURVEY_TALLY_DEPARTMENT, form.field(t.id, t.key).header]
    return []


def _field(form: FormDefinition, f: Field) -> dict:
    """A field's Table Schema entry: type by storage, 説明, and what the intake already enforced."""
    limits = {"minimum": f.minimum, "maximum": f.maximum} if f.ftype.numeric else {}
    constraints = {k: plain_number(v) for k, v in limits.items() if v is not None}
    if f.required == Requirement():
        constraints["required"] = True
    if form.choice_values(f):
        constraints["enum"] = list(form.choice_values(f))
    entry = {"name": f.header, "title": f.header, "type": field_type(f)}
    return entry | ({"description": f.prompt} if f.prompt else {}) | ({"constraints": constraints} if constraints else {})
