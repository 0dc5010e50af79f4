"""Values of the form contract: what a workbook says it is, and the 前回 answers it carries."""

from __future__ import annotations

from dataclasses import dataclass, field

# Columns of a department's answers: per item (進捗報告) and per KPI (指標実績); intake's Submission frames.
# response: 意見への対応, typed on the sheet 審議会意見への対応 (format 5), kept with the item's row.
REPORT_FIELDS = ["no", "status", "result", "issues", "reporter", "phone", "revenue", "saving", "basis", "grade",
                 "response"]
AMOUNT_FIELDS = ("revenue", "saving")  # 効果額 (千円, whole numbers ≥ 0): 歳入増, 歳出減
KPI_FIELDS = ["kpi_key", "no", "kpi", "unit", "actual", "remark"]


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


@dataclass(frozen=True)
class PreviousReport:
    """One item's answers of last period as the 前回 columns show them."""

    status: str = ""
    result: str = ""
    issues: str = ""  # 課題・今後の対応, carried so that the department answers it this time


@dataclass(frozen=True)
class PreviousAnswers:
    """What a form carries from the ledger into its locked cells: last period's accepted answers (前回) and
    the council's opinions of the previous fiscal year (sheet 審議会意見への対応)."""

    period: str
    reports: dict[int, PreviousReport] = field(default_factory=dict)  # item no -> its 前回 answers
    kpis: dict[str, float | None] = field(default_factory=dict)  # kpi_key -> actual
    opinions: dict[int, tuple[str, ...]] = field(default_factory=dict)  # item no -> the members' opinions


def council_year_for(period_year: int) -> int:
    """The council year whose opinions a period's forms ask the departments to answer: the fiscal year
    before the period's (the council evaluates a year after it ends)."""
    return period_year - 1
