"""Plain values passed between stages: Finding, FormIdentity, Submission, and the table columns.

intake produces Submissions; ledger consumes them; report reads the ledger's tables. The column lists
below are the contract for those DataFrames.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

ERROR = "error"
WARNING = "warning"
NORMALISED = "normalised"
SEVERITY_LABELS = {ERROR: "エラー", WARNING: "注意", NORMALISED: "自動修正"}


@dataclass(frozen=True)
class Finding:
    """One problem (or recorded normalisation) in one returned file."""

    file: str
    severity: str  # error | warning | normalised
    code: str  # stable machine code, e.g. "status.missing"
    message: str  # Japanese, complete sentence
    sheet: str = ""
    cell: str = ""  # A1
    item_no: int | None = None
    before: str = ""  # normalised: the value as typed
    after: str = ""  # normalised: the value taken

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.sheet and self.cell else self.sheet

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class FormIdentity:
    """What a workbook says it is (from its _meta sheet)."""

    format_version: str
    plan_id: str
    plan_version: int
    period: str  # code, e.g. 2025H1
    department: str  # Department.key
    generated_at: str  # ISO timestamp of the form
    sheetflow_version: str


# Columns of Submission.reports (one row per item) and Submission.kpis (one row per KPI).
REPORT_FIELDS = ["no", "status", "result", "issues", "reporter", "phone"]
KPI_FIELDS = ["kpi_key", "no", "kpi", "unit", "actual", "remark"]


@dataclass
class Submission:
    """A returned workbook after intake: identity, normalised entries and findings."""

    path: Path
    sha256: str
    size: int
    mtime: datetime
    identity: FormIdentity | None
    saved_at: datetime | None = None  # when the department last saved it (docProps/core.xml modified)
    reports: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REPORT_FIELDS))
    kpis: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KPI_FIELDS))
    findings: list[Finding] = field(default_factory=list)
    # the 前回 values the form carried (read from its locked cells): lets a 差戻し workbook be rebuilt
    # identical to the department's form
    previous: PreviousAnswers | None = None

    @property
    def accepted(self) -> bool:
        return self.identity is not None and not any(f.severity == ERROR for f in self.findings)

    @property
    def readable(self) -> bool:
        return self.identity is not None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]


# Ledger tables (DataFrames the ledger exposes and the report reads).
PROVENANCE = ["source_sha256", "source_name", "file_mtime", "merged_at", "form_generated_at",
              "format_version", "plan_id", "plan_version", "sheetflow_version"]
LEDGER_FIELDS = ["period", "no", "department", *REPORT_FIELDS[1:], *PROVENANCE]
LEDGER_KPI_FIELDS = ["period", "kpi_key", "no", "department", "kpi", "unit", "actual", "remark", *PROVENANCE]
SUBMISSION_LOG_FIELDS = ["source_sha256", "source_name", "received_at", "file_mtime", "period", "department",
                         "result", "errors", "warnings", "form_generated_at"]
# Submission status per (period, department): 提出済 / 再提出 / 差戻し / 未提出.
STATUS_FIELDS = ["period", "department", "status", "first_received", "last_received", "accepted_files",
                 "returned_files"]
SUBMITTED, RESUBMITTED, RETURNED, MISSING = "提出済", "再提出", "差戻し", "未提出"


@dataclass(frozen=True)
class PreviousAnswers:
    """Last period's accepted answers for one form, carried into the locked 前回 columns."""

    period: str
    reports: dict[int, tuple[str, str]] = field(default_factory=dict)  # item no -> (status, result)
    kpis: dict[str, float | None] = field(default_factory=dict)  # kpi_key -> actual
