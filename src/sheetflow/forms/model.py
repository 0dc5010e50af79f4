"""Values of the form contract: what a workbook says it is, and the 前回 answers it carries."""

from __future__ import annotations

from dataclasses import dataclass, field

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import FormDefinition

KPI_IDENTITY = ("kpi_key", "no", "kpi", "unit")  # what a KPI row of intake carries besides the inputs


def report_fields(form: FormDefinition) -> list[str]:
    """Columns of a department's answers per item (intake's Submission frame): the item no, every input of
    the table report, then those of the sheet 審議会意見への対応 (response: 意見への対応, format 5)."""
    opinion = form.inputs(DW.OPINION_TABLE) if form.has_table(DW.OPINION_TABLE) else ()
    return ["no", *(f.key for f in (*form.inputs(DW.REPORT_TABLE), *opinion))]


def kpi_fields(form: FormDefinition) -> list[str]:
    """Columns of a department's answers per KPI (指標実績): the KPI's identity, then every input."""
    return [*KPI_IDENTITY, *(f.key for f in form.inputs(DW.KPI_TABLE))]


def number_fields(form: FormDefinition) -> tuple[str, ...]:
    """The inputs held as typed numbers (整数, 小数, 金額（千円）): objects in the frames, None when empty."""
    tables = (DW.REPORT_TABLE, DW.KPI_TABLE)
    return tuple(dict.fromkeys(f.key for t in tables for f in form.inputs(t) if f.ftype.numeric))


# The built-in form's 効果額 (千円, whole numbers ≥ 0): 歳入増, 歳出減
_BUILTIN = DW.builtin_definition()
AMOUNT_FIELDS = tuple(f.key for f in _BUILTIN.inputs(DW.REPORT_TABLE) if f.ftype.kind == msg.TYPE_AMOUNT)


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
