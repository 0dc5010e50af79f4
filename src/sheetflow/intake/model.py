"""A returned workbook after intake: the Submission value that intake produces and the ledger consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from sheetflow.forms.model import KPI_FIELDS, REPORT_FIELDS, FormIdentity, PreviousAnswers
from sheetflow.ground.findings import ERROR, Finding


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


__all__ = ["KPI_FIELDS", "REPORT_FIELDS", "Submission"]
