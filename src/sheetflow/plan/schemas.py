"""The pandera schemas of the plan tables, and `failures`, the lazy validation every stage uses.

Schemas only describe; the code that turns failure cases into Japanese messages lives with the stage
that runs them (plan.check, intake.schema_checks).
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


def is_finite_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and v == v and abs(v) != float("inf")


def plan_targets_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "no": pa.Column(int),
            "kpi": pa.Column(str, pa.Check.str_length(min_value=1)),
            "year": pa.Column(int),
            "value": pa.Column(None, pa.Check(is_finite_number, element_wise=True, name="numeric")),
            "direction": pa.Column(str, pa.Check.isin(["up", "down"])),
        }
    )
