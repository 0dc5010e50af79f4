"""The 差戻し workbook of a refused survey answer (庁内照会), written under outbox/returns/<照会ID>/.

The department's own workbook (it passed the file-level safety check, and its _meta is the one issued, so the
fingerprints still hold when it comes back) with the cells of findings marked (colour, comment), and a first
sheet 「指摘事項」 listing every finding at シート!セル with the column's 見出し — the marking and the sheet are
intake/returns.py's. A file that is not this survey's form (unsafe, damaged, another form) gets a workbook with
the 指摘事項 sheet only, under returns/<照会ID>/_unidentified/.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from sheetflow import messages as msg
from sheetflow.definition.model import FormDefinition
from sheetflow.forms import layout as L
from sheetflow.forms import survey as S
from sheetflow.forms.workbook import form_filename
from sheetflow.ground.config import Config
from sheetflow.ground.files import atomic_write_bytes
from sheetflow.ground.findings import ERROR, NORMALISED, WARNING, Finding
from sheetflow.intake.returns import (
    SUFFIX,
    UNIDENTIFIED,
    findings_sheet,
    mark,
    unidentified_stem,
    with_comments_printed,
)
from sheetflow.intake.survey import SurveyReturn

# findings that mean the file is not this survey's form as issued: no marking of its cells
NOT_OURS = ("meta.missing", "meta.edited", "meta.unknown_form", "survey.other_form", "survey.other_survey",
            "identity.format")


def write_survey_return(cfg: Config, form: FormDefinition, path: Path, ret: SurveyReturn) -> Path:
    """Write the 差戻し workbook of one refused file; return its path."""
    folder = cfg.returns_dir / form.survey_id
    ours = bool(ret.department) and not any(f.code in NOT_OURS for f in ret.findings)
    if ours:
        out = folder / (Path(form_filename(ret.department)).stem + SUFFIX)
        data = marked(cfg, form, path, ret)
    else:
        out = folder / UNIDENTIFIED / (unidentified_stem(path) + SUFFIX)
        data = _finish(openpyxl.Workbook(), cfg, form, path, ret, msg.RETURN_NOTE_UNIDENTIFIED, marking=False)
    atomic_write_bytes(out, data)
    return out


def marked(cfg: Config, form: FormDefinition, path: Path, ret: SurveyReturn) -> bytes:
    """The department's own workbook, bad cells marked, 指摘事項 first."""
    wb = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    return _finish(wb, cfg, form, path, ret, msg.RETURN_NOTE, marking=True)


def _finish(wb, cfg: Config, form: FormDefinition, path: Path, ret: SurveyReturn, note: str, marking: bool) -> bytes:
    if not marking:
        wb.remove(wb.active)
    located = [(f, f.cell, header_at(form, f)) for f in ret.findings]
    for f, cell, _ in located:
        if marking and cell and f.sheet in wb.sheetnames and f.severity != NORMALISED:
            mark(wb[f.sheet][cell], f)
    findings_sheet(wb, path.name, located, facts(cfg, form, ret), [note], msg.SURVEY_RETURN_FACT_LABELS)
    return with_comments_printed(wb)


def header_at(form: FormDefinition, f: Finding) -> str:
    """The 見出し of the finding's column ('' for a finding on the file, a sheet, or a column the table lacks)."""
    at = L.a1_index(f.cell)
    table = next((t for t in form.tables if t.sheet == f.sheet), None)
    if not at or table is None:
        return ""
    columns = S.sheet_columns(form, table)
    return columns[at[1]].header if at[1] < len(columns) else ""


def facts(cfg: Config, form: FormDefinition, ret: SurveyReturn) -> list[str]:
    """部署, 照会 (件名), 回答期限, 照会元 and the number of findings."""
    errors = sum(1 for f in ret.findings if f.severity == ERROR)
    warnings = sum(1 for f in ret.findings if f.severity == WARNING)
    deadline = form.settings.get(msg.DEF_SETTING_DEADLINE, "") or cfg.deadline
    return [ret.department or msg.RETURN_DEPT_UNKNOWN, form.title,
            msg.RETURN_DEADLINE.format(deadline=deadline),
            form.settings.get(msg.DEF_SETTING_SENDER, "") or cfg.contact,
            msg.RETURN_COUNTS.format(errors=errors, warnings=warnings)]
