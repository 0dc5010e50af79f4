"""The pandera schemas of returned rows (進捗報告, 指標実績)."""

from __future__ import annotations

import pandera.pandas as pa

from sheetflow.definition.model import Field
from sheetflow.definition.types import FieldType, Limits
from sheetflow.forms.model import AMOUNT_FIELDS
from sheetflow.plan.schemas import is_finite_number

Defined = tuple[tuple[Field, Limits], ...]  # the inputs without built-in handling, each with its limits


# --- returned rows (intake) ----------------------------------------------------------------------
# One row per matched sheet row of a returned workbook, indexed by its 1-based Excel row, holding the
# values after normalisation. schema_checks.schema_findings maps failure cases back to sheet!cell.
def _text_columns(columns: tuple) -> dict[str, pa.Column]:
    return {c.key: pa.Column(str, pa.Check.str_length(max_value=c.max_len), name=c.key)
            for c in columns if c.input and c.kind == "text" and c.max_len}


def _typed_columns(defined: Defined) -> dict[str, pa.Column]:
    """A column per defined input, checked by its type (the check intake's reading of its cells applies)."""
    return {f.key: pa.Column(None, pa.Check(_accepts(f.ftype, limits), element_wise=True, name=f.ftype.kind),
                             nullable=True, name=f.key) for f, limits in defined}


def _accepts(ftype: FieldType, limits: Limits):
    return lambda v: ftype.accepts(v, limits)


def report_rows_schema(status_labels: list[str], grade_labels: list[str] | None = None, columns: tuple = (),
                       defined: Defined = ()) -> pa.DataFrameSchema:
    """進捗報告: status and 達成度 one of their scale's labels (empty is left to the required-field rules),
    効果額 a whole number ≥ 0 or empty, texts within their length limits (columns: the form's), every
    defined input as its type accepts."""
    return pa.DataFrameSchema(
        {
            "no": pa.Column(int),
            "status": pa.Column(str, pa.Check.isin([*status_labels, ""]), name="status"),
            "grade": pa.Column(str, pa.Check.isin([*(grade_labels or []), ""]), name="grade"),
            **{key: pa.Column(None, pa.Check(_is_amount_or_empty, element_wise=True, name="amount"), nullable=True)
               for key in AMOUNT_FIELDS},
            **_text_columns(columns),
            **_typed_columns(defined),
        },
        strict=True,
    )


def _is_amount_or_empty(v: object) -> bool:
    """効果額: empty, or a whole number of 千円 ≥ 0."""
    if v is None or (isinstance(v, float) and v != v):
        return True
    return is_finite_number(v) and v >= 0 and float(v).is_integer()


def _is_number_or_empty(v: object) -> bool:
    return v is None or is_finite_number(v) or (isinstance(v, float) and v != v)


def kpi_rows_schema(columns: tuple = (), defined: Defined = ()) -> pa.DataFrameSchema:
    """指標実績: 実績値 a finite number or empty; 備考 within its length limit; defined inputs by type."""
    return pa.DataFrameSchema(
        {
            "kpi_key": pa.Column(str),
            "no": pa.Column(int),
            "actual": pa.Column(None, pa.Check(_is_number_or_empty, element_wise=True, name="numeric"),
                                nullable=True),
            **_text_columns(columns),
            **_typed_columns(defined),
        },
        strict=True,
    )
