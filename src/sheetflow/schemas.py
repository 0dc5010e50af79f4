"""Every pandera schema of the project: the plan tables, the returned rows, the ledger.

Schemas only describe; the code that turns failure cases into Japanese messages lives with the stage
that runs them (plan_check, checks).
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa


def failures(schema: pa.DataFrameSchema, df: pd.DataFrame) -> pd.DataFrame:
    """Validate lazily; return pandera's failure cases (empty frame when valid)."""
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return exc.failure_cases
    return pd.DataFrame(columns=["schema_context", "column", "check", "check_number", "failure_case", "index"])


# --- plan ----------------------------------------------------------------------------------------
def plan_items_schema(first_year: int, last_year: int, theme_nos: list[int]) -> pa.DataFrameSchema:
    rating = pa.Column("Int64", pa.Check.in_range(0, 5), nullable=True)
    return pa.DataFrameSchema(
        {
            "no": pa.Column(int, pa.Check.ge(1), unique=True),
            "name": pa.Column(str, pa.Check.str_length(min_value=1)),
            "theme": pa.Column("Int64", pa.Check.isin(theme_nos), nullable=True),
            "goal_year": pa.Column("Int64", pa.Check.in_range(first_year, last_year), nullable=True),
            "citizen": rating,
            "fiscal": rating,
            "efficiency": rating,
        },
        strict=True,
    )


def plan_years_schema(first_year: int, last_year: int) -> pa.DataFrameSchema:
    """One row per (item, field, year) that the plan dates: schedule years and KPI target years."""
    return pa.DataFrameSchema(
        {
            "no": pa.Column(int),
            "field": pa.Column(str),
            "year": pa.Column(int, pa.Check.in_range(first_year, last_year)),
        }
    )


def _is_finite_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and v == v and abs(v) != float("inf")


def plan_targets_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "no": pa.Column(int),
            "kpi": pa.Column(str, pa.Check.str_length(min_value=1)),
            "year": pa.Column(int),
            "value": pa.Column(None, pa.Check(_is_finite_number, element_wise=True, name="numeric")),
            "direction": pa.Column(str, pa.Check.isin(["up", "down"])),
        }
    )


# --- returned rows (intake) ----------------------------------------------------------------------
# One row per matched sheet row of a returned workbook, indexed by its 1-based Excel row, holding the
# values after normalisation. checks.schema_findings maps failure cases back to sheet!cell.
def _text_columns(columns: tuple) -> dict[str, pa.Column]:
    return {c.key: pa.Column(str, pa.Check.str_length(max_value=c.max_len), name=c.key)
            for c in columns if c.input and c.kind == "text" and c.max_len}


def report_rows_schema(status_labels: list[str]) -> pa.DataFrameSchema:
    """進捗報告: status one of the scale's labels (empty is left to the required-field rule), texts within
    their length limits."""
    from .layout import REPORT_COLUMNS

    return pa.DataFrameSchema(
        {
            "no": pa.Column(int),
            "status": pa.Column(str, pa.Check.isin([*status_labels, ""]), name="status"),
            **_text_columns(REPORT_COLUMNS),
        },
        strict=True,
    )


def _is_number_or_empty(v: object) -> bool:
    return v is None or _is_finite_number(v) or (isinstance(v, float) and v != v)


def kpi_rows_schema() -> pa.DataFrameSchema:
    """指標実績: 実績値 a finite number or empty; 備考 within its length limit."""
    from .layout import KPI_COLUMNS

    return pa.DataFrameSchema(
        {
            "kpi_key": pa.Column(str),
            "no": pa.Column(int),
            "actual": pa.Column(None, pa.Check(_is_number_or_empty, element_wise=True, name="numeric"),
                                nullable=True),
            **_text_columns(KPI_COLUMNS),
        },
        strict=True,
    )
