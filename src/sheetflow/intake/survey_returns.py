"""The 差戻し workbook of a refused survey answer (庁内照会), written under outbox/returns/<照会ID>/.

The department's file is never re-saved. Its form is rebuilt with forms/survey.py from the definition it was
made from (`_meta` form_sha256), its generated_at and pre-filled rows (the definition's 既定データ, else the rows the
caller hands in: last year's answers a `--from-last` form started from) — taken only when every fingerprint equals
the file's `_meta`, so the returned workbook comes back as this form — then what the department typed goes into
the input cells, the cells of findings are marked (colour, comment) and a first sheet 「指摘事項」 lists every
finding at シート!セル with the column's 見出し (the marking and the sheet are intake/returns.py's). Grey cells
edited and rows added are thereby restored. When no rebuild matches, the department's own workbook is marked
instead (its `_meta` is the one issued). A file that is not this survey's form (unsafe, damaged, another form)
gets the 指摘事項 sheet alone, under returns/<照会ID>/_unidentified/.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import openpyxl

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import FormDefinition
from sheetflow.forms import layout as L
from sheetflow.forms import read as formread
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


def write_survey_return(cfg: Config, form: FormDefinition, path: Path, ret: SurveyReturn,
                        defaults: dict[str, list[dict[str, str]]] | None = None) -> Path:
    """Write the 差戻し workbook of one refused file; return its path (defaults: see `marked`)."""
    folder = cfg.returns_dir / form.survey_id
    ours = bool(ret.department) and not any(f.code in NOT_OURS for f in ret.findings)
    if ours:
        out = folder / (Path(form_filename(ret.department)).stem + SUFFIX)
        data = marked(cfg, form, path, ret, defaults)
    else:
        out = folder / UNIDENTIFIED / (unidentified_stem(path) + SUFFIX)
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        data = _finish(wb, cfg, form, path, ret, [msg.RETURN_NOTE_UNIDENTIFIED])
    atomic_write_bytes(out, data)
    return out


def marked(cfg: Config, form: FormDefinition, path: Path, ret: SurveyReturn,
           defaults: dict[str, list[dict[str, str]]] | None = None) -> bytes:
    """The department's form rebuilt with what they typed (else their own workbook), bad cells marked,
    指摘事項 first. defaults: pre-filled rows to try after the definition's."""
    data = path.read_bytes()
    values = formread.read_values(data)
    built = rebuilt_form(cfg, values, ret.department, defaults or {})
    if built is None:
        return _finish(openpyxl.load_workbook(io.BytesIO(data)), cfg, form, path, ret, [msg.RETURN_NOTE])
    wb = openpyxl.load_workbook(io.BytesIO(built[1]))
    _fill(wb, built[0], values)
    restored = any(f.code in ("survey.locked_edited", "rows.added") for f in ret.findings)
    return _finish(wb, cfg, form, path, ret, [msg.RETURN_NOTE] + ([msg.RETURN_NOTE_RESTORED] if restored else []))


def rebuilt_form(cfg: Config, values: formread.WorkbookValues, department: str,
                 extra: dict[str, list[dict[str, str]]]) -> tuple[FormDefinition, bytes] | None:
    """The form as issued: built again from its definition, generated_at and pre-filled rows (the definition's,
    else `extra`) when the rebuilt fingerprints equal the file's _meta; None when none does."""
    meta = formread.parse_meta(values.sheets.get(L.META_SHEET, []))
    form = DW.form_by_sha(cfg, meta.pairs.get(L.FORM_SHA256_KEY, ""))
    if form is None:
        return None
    at = datetime.fromisoformat(meta.pairs.get("generated_at", ""))
    issued = {t.id: [dict(r.values) for r in form.defaults_for(department, t.id)] for t in form.tables}
    for defaults in (issued, extra):
        data = S.build_survey_form(S.SurveySpec(form, department, defaults, cfg.password, at))
        if formread.parse_meta(formread.read_values(data).sheets[L.META_SHEET]).table == meta.table:
            return form, data
    return None


def _fill(wb, form: FormDefinition, values: formread.WorkbookValues) -> None:
    """What the department typed into the input cells of the form's data rows (text stays text)."""
    for t in form.tables:
        ws, theirs = wb[t.sheet], values.sheets.get(t.sheet, [])
        inputs = [c for c, col in enumerate(S.sheet_columns(form, t)) if col.input]
        for r in range(L.FIRST_DATA_ROW, min(ws.max_row, len(theirs))):
            for c in (c for c in inputs if c < len(theirs[r]) and theirs[r][c] not in (None, "")):
                cell = ws.cell(r + 1, c + 1)
                cell.value = theirs[r][c]
                if isinstance(theirs[r][c], str):
                    cell.data_type = "s"  # never a formula


def _finish(wb, cfg: Config, form: FormDefinition, path: Path, ret: SurveyReturn, notes: list[str]) -> bytes:
    """Mark the cells of findings that the workbook has (an empty workbook: the sheet alone), then 指摘事項."""
    located = [(f, _at(wb, f), header_at(form, f)) for f in ret.findings]
    for f, cell, _ in located:
        if cell and f.severity != NORMALISED:
            mark(wb[f.sheet][cell], f)
    findings_sheet(wb, path.name, located, facts(cfg, form, ret), notes, msg.SURVEY_RETURN_FACT_LABELS)
    return with_comments_printed(wb)


def _at(wb, f: Finding) -> str:
    """The finding's cell when this workbook's sheet reaches it ('' for a row added below the form)."""
    at = L.a1_index(f.cell)
    return f.cell if at and f.sheet in wb.sheetnames and at[0] < wb[f.sheet].max_row else ""


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
