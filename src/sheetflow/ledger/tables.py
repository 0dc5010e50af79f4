"""The ledger's tables: the columns of the DataFrames the ledger exposes and the report reads.

The report rows (`current` / `history`) and the KPI rows (`current_kpis` / `history_kpis`) hold their identity,
then every input field of the definitions the ledger knows (the built-in one and the workspace's, see
`ledger_forms`), then the provenance of the file they came from. A field is a column named by its 項目ID and
typed by its type's storage (INTEGER / REAL / TEXT): a field added to the definition becomes a column when the
ledger is next opened for writing (store.Store.open), with no change here.
"""

from __future__ import annotations

from collections.abc import Iterable

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import Field, FormDefinition
from sheetflow.ground.config import Config

# Ledger tables (DataFrames the ledger exposes and the report reads).
PROVENANCE = ["source_sha256", "source_name", "file_mtime", "merged_at", "form_generated_at",
              "format_version", "plan_id", "plan_version", "sheetflow_version"]
REPORT_IDENTITY = ["period", "no", "department"]
KPI_IDENTITY = ["period", "kpi_key", "no", "department", "kpi", "unit"]  # kpi, unit: the plan's, as the form showed
REPLACED_COLS = ["replaced_at", "replaced_by"]
# the tables of defined fields: ledger table → (its history, the definition's tables whose inputs it holds, identity)
FIELD_TABLES = {"current": ("history", (DW.REPORT_TABLE, DW.OPINION_TABLE), REPORT_IDENTITY),
                "current_kpis": ("history_kpis", (DW.KPI_TABLE,), KPI_IDENTITY)}
# 審議会: one row per (member's file, item): every member's score and opinion, with the file's provenance; the
# member's live file (submissions.live) holds the scores in force.
COUNCIL_TABLE = "council_scores"
COUNCIL_FIELDS = ["period", "year", "member", "no", "score", "opinion", *PROVENANCE]
SUBMISSION_LOG_FIELDS = ["source_sha256", "source_name", "received_at", "file_mtime", "period", "department",
                         "result", "errors", "warnings", "form_generated_at"]
# Submission status per (period, department): 提出済 / 再提出 / 差戻し / 未提出.
STATUS_FIELDS = ["period", "department", "status", "first_received", "last_received", "accepted_files",
                 "returned_files"]
SUBMITTED, RESUBMITTED, RETURNED, MISSING = msg.LEDGER_SUBMITTED, msg.LEDGER_RESUBMITTED, msg.LEDGER_RETURNED, msg.LEDGER_MISSING


def ledger_forms(cfg: Config) -> tuple[FormDefinition, ...]:
    """The definitions whose fields the workspace's ledger stores: the built-in one, the workspace's, then every
    version forms were made from (a form already out still brings a field the office has since removed)."""
    forms = {f.sha256: f for f in (DW.builtin_definition(), DW.workspace_form(cfg), *DW.archived_forms(cfg))}
    return tuple(forms.values())


def stored_fields(table: str, forms: Iterable[FormDefinition]) -> tuple[Field, ...]:
    """The input fields a ledger table holds, first definition first (a 項目ID is one column: the first
    definition that has it types it); never an identity or provenance column."""
    _, table_ids, identity = FIELD_TABLES[table]
    taken = {*identity, *PROVENANCE, *REPLACED_COLS, "seq"}
    out: dict[str, Field] = {}
    for form in forms:
        for f in (f for t in table_ids if form.has_table(t) for f in form.inputs(t)):
            if f.key not in taken and f.key not in out:
                out[f.key] = f
    return tuple(out.values())


def field_columns(table: str, forms: Iterable[FormDefinition]) -> list[str]:
    """A ledger table's columns (as Ledger's DataFrames have them): identity, fields, provenance."""
    return [*FIELD_TABLES[table][2], *(f.key for f in stored_fields(table, forms)), *PROVENANCE]


def in_order(table: str, have: Iterable[str]) -> list[str]:
    """The columns a database table has, in the order of field_columns: identity, the fields (in the order
    they were added), provenance, then replaced_at / replaced_by where the table has them."""
    have = [c for c in have if c != "seq"]
    identity = next(ident for cur, (hist, _, ident) in FIELD_TABLES.items() if table in (cur, hist))
    fields = [c for c in have if c not in {*identity, *PROVENANCE, *REPLACED_COLS}]
    return [*(c for c in identity if c in have), *fields, *(c for c in (*PROVENANCE, *REPLACED_COLS) if c in have)]


LEDGER_FIELDS = field_columns("current", (DW.builtin_definition(),))
LEDGER_KPI_FIELDS = field_columns("current_kpis", (DW.builtin_definition(),))
