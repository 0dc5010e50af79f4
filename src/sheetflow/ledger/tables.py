"""The ledger's tables: the columns of the DataFrames the ledger exposes and the report reads."""

from __future__ import annotations

from sheetflow import messages as msg
from sheetflow.forms.model import REPORT_FIELDS

# Ledger tables (DataFrames the ledger exposes and the report reads).
PROVENANCE = ["source_sha256", "source_name", "file_mtime", "merged_at", "form_generated_at",
              "format_version", "plan_id", "plan_version", "sheetflow_version"]
LEDGER_FIELDS = ["period", "no", "department", *REPORT_FIELDS[1:], *PROVENANCE]
LEDGER_KPI_FIELDS = ["period", "kpi_key", "no", "department", "kpi", "unit", "actual", "remark", *PROVENANCE]
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
