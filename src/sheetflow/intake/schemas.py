"""The pandera schemas of returned rows (進捗報告, 指標実績)."""

from __future__ import annotations

import pandera.pandas as pa

from sheetflow.forms.layout import KPI_COLUMNS, REPORT_COLUMNS
from sheetflow.plan.schemas import is_finite_number


# --- returned rows (intake) ----------------------------------------------------------------------
# One row per matched sheet row of a returned workbook, indexed by its 1-based Excel row, holding the
# values after normalisation. checks.schema_findings maps failure cases back to sheet!cell.
def _text_columns(columns: tuple) -> dict[str, pa.Column]:
    return {c.key: pa.Column(str, pa.Check.str_length(max_value=c.max_len), name=c.key)
            for c in columns if c.input and c.kind == "text" and c.max_len}


def report_rows_schema(status_labels: list[str]) -> pa.DataFrameSchema:
    """進捗報告: status one of the scale's labels (empty is left to the required-field rule), texts within
    their length limits."""
    return pa.DataFrameSchema(
        {
            "no": pa.Column(int),
            "status": pa.Column(str, pa.Check.isin([*status_labels, ""]), name="status"),
            **_text_columns(REPORT_COLUMNS),
        },
        strict=True,
    )


def _is_number_or_empty(v: object) -> bool:
    return v is None or is_finite_number(v) or (isinstance(v, float) and v != v)


def kpi_rows_schema() -> pa.DataFrameSchema:
    """指標実績: 実績値 a finite number or empty; 備考 within its length limit."""
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
