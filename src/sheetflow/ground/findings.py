"""Findings: one problem (or recorded normalisation) in one returned file, and its severities."""

from __future__ import annotations

from dataclasses import asdict, dataclass

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
