"""The pandera schema of a batch of returned rows (both data sheets; the built-in fields, then every defined
input by its type), its failure cases turned into findings at their cells (status.invalid, grade.invalid,
effect.not_number, kpi.not_number, text.too_long, field.*: the codes are listed in intake.checks).
"""

from __future__ import annotations

import pandas as pd

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import FormDefinition
from sheetflow.forms import layout as L
from sheetflow.forms.model import AMOUNT_FIELDS
from sheetflow.ground.config import Config
from sheetflow.ground.findings import Finding, Findings
from sheetflow.intake import schemas as row_schemas
from sheetflow.intake.fields import SHEET_TABLES, FormSheets, defined_inputs, limits_of, read_defined
from sheetflow.intake.model import Batch
from sheetflow.plan import schemas


def schema_findings(files: list[Findings], reports: Batch, kpis: Batch, cfg: Config, units: dict[str, str],
                    fs: FormSheets) -> None:
    """Validate the rows of both sheets of a batch of files (one pandera call per sheet for all of them:
    pandera's per-call cost dominates a 20-row file) and map failure cases to cells. Each file gets exactly
    the findings, in the order, that a call for it alone gives; nothing is added to any file unless the
    whole batch validated. fs: the sheets of the definition the batch's forms were made from."""
    labels = [s.label for s in DW.statuses(cfg)]
    grades = tuple(g.label for g in DW.grades(cfg))
    out: list[list[Finding]] = [[] for _ in files]
    for sheet, batch in ((L.REPORT_SHEET, reports), (L.KPI_SHEET, kpis)):
        cols, schema = _schema(fs.form, SHEET_TABLES[sheet], (tuple(labels), grades))
        if not len(batch.frame):
            continue
        for case in _ordered_cases(schemas.failures(schema, batch.frame[cols]), cols):
            n, row, entry = batch.owners[case["index"]]
            sink = Findings(files[n].file)
            _schema_finding(sink, fs, (sheet, row, case["column"]), case["failure_case"], entry,
                            {"status": labels, "grade": list(grades)}, units)
            out[n] += sink.items
    for f, items in zip(files, out, strict=True):
        f.items += items


# the schemas made, by definition (its SHA-256), table and scales; emptied when 16 are kept
_SCHEMAS: dict[tuple, tuple[list[str], object]] = {}


def _schema(form: FormDefinition, table: str, scales: tuple[tuple[str, ...], tuple[str, ...]]):
    """The columns a table's schema checks (in the order its findings are reported) and the schema: the
    built-in fields (number, status, 達成度, amounts or the KPI actual, text lengths), then every defined input
    checked by its type. scales: the labels of the progress statuses and of 達成度 (report table only)."""
    key = (form.sha256, table, scales if table == DW.REPORT_TABLE else ())
    if key not in _SCHEMAS:
        defined = defined_inputs(form, table)
        handled = tuple(c for c in form.columns(table) if c not in defined)
        typed = tuple((f, limits_of(form, f)) for f in defined)
        texts = [c.key for c in handled if c.input and c.max_len]
        if table == DW.REPORT_TABLE:
            cols = ["no", "status", "grade", *AMOUNT_FIELDS, *texts]
            schema = row_schemas.report_rows_schema(list(scales[0]), list(scales[1]), handled, typed)
        else:
            cols = ["kpi_key", "no", "actual", *texts]
            schema = row_schemas.kpi_rows_schema(handled, typed)
        if len(_SCHEMAS) >= 16:
            _SCHEMAS.clear()
        _SCHEMAS[key] = ([*cols, *(f.key for f in defined)], schema)
    return _SCHEMAS[key]


def _ordered_cases(cases: pd.DataFrame, cols: list[str]) -> list[dict]:
    """Row-level failure cases in pandera's own order (schema context, column, check, row), made stable:
    pandera sorts them with an unstable sort, which only keeps that order for small batches."""
    rows = [c for c in cases.to_dict("records")
            if c["index"] is not None and not pd.isna(c["index"]) and c["column"] in cols]
    for c in rows:
        c["index"] = int(c["index"])
    check = [c.get("check_number") for c in rows]
    rank = [-1 if v is None or pd.isna(v) else int(v) for v in check]
    keyed = sorted(zip(rows, rank, strict=True), key=lambda p: (cols.index(p[0]["column"]), p[1], p[0]["index"]))
    return [c for c, _ in sorted(keyed, key=lambda p: str(p[0]["schema_context"]), reverse=True)]


def _schema_finding(f: Findings, fs: FormSheets, at: tuple[str, int, str], value: object, entry: dict,
                    labels: dict[str, list[str]], units: dict[str, str]) -> None:
    """One failure case as its finding at (sheet, row, column): a defined input's is the one reading its
    cell gives; labels: the choices of status and grade; units: each KPI's unit."""
    sheet, row, column = at
    where = {"sheet": sheet, "cell": fs.cell(sheet, row, column), "item_no": int(entry["no"])}
    choices = msg.FINDING_CHOICE_SEPARATOR.join(labels.get(column, []))
    if column == "status":
        f.add("status.invalid", value=value, choices=choices, **where, before=str(value))
    elif column == "grade":
        f.add("grade.invalid", value=value, choices=choices, **where, before=str(value))
    elif column in AMOUNT_FIELDS:
        f.add("effect.not_number", field=fs.header(sheet, column), value=L.cell_text(value), **where,
              before=L.cell_text(value))
    elif column == "actual":
        unit = units.get(str(entry["kpi_key"]), "")
        f.add("kpi.not_number", value=L.cell_text(value), unit=unit, **where, before=L.cell_text(value))
    elif fs.column(sheet, column) in fs.defined[sheet]:
        read_defined(f, fs.form, fs.column(sheet, column), value, where, skip=set())
    else:
        col = fs.column(sheet, column)
        f.add("text.too_long", field=col.header, length=len(str(value)), max_len=col.max_len, **where)

