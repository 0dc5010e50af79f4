"""A returned workbook after intake: the Submission value that intake produces and the ledger consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from sheetflow.definition import workspace as DW
from sheetflow.definition.model import FormDefinition
from sheetflow.forms.council import CouncilReturn
from sheetflow.forms.model import FormIdentity, PreviousAnswers, kpi_fields, number_fields, report_fields
from sheetflow.ground.findings import ERROR, Finding

Rows = list[tuple[int, dict]]  # (Excel row, the row's values)


@dataclass(frozen=True)
class FrameColumns:
    """The columns of a Submission's frames, from the definition the form was made from."""

    report: tuple[str, ...]
    kpi: tuple[str, ...]
    numbers: tuple[str, ...]  # inputs held as typed numbers (objects; None when empty)


def frame_columns(form: FormDefinition) -> FrameColumns:
    return FrameColumns(tuple(report_fields(form)), tuple(kpi_fields(form)), number_fields(form))


BUILTIN_COLUMNS = frame_columns(DW.builtin_definition())


@dataclass(frozen=True)
class Batch:
    """One sheet's rows of several files in one frame (one pandera call for all of them), and each file's
    rows as Python values."""

    frame: pd.DataFrame  # every file's rows, one file after the other (RangeIndex)
    owners: list[tuple[int, int, dict]]  # frame row → (the file's place in the batch, Excel row, values)
    rows: list[Rows]  # per file: (Excel row, values), the values as the frame holds them


def rows_frame(rows: Rows, columns: list[str], floats: tuple[str, ...] = (), objects: tuple[str, ...] = ()) -> pd.DataFrame:
    """Rows as a DataFrame indexed by Excel row: "no" int64, `floats` float64, `objects` as held, the rest
    pandas' "str"."""
    if not rows:
        return pd.DataFrame(columns=columns)
    data = {}
    for col in columns:
        values = [row[col] for _, row in rows]
        dtype = "int64" if col == "no" else "float64" if col in floats else object if col in objects else "str"
        data[col] = pd.array(values, dtype=dtype)
    return pd.DataFrame(data, columns=columns, index=pd.Index([r for r, _ in rows], name="row", dtype=int))


@dataclass
class Submission:
    """A returned workbook after intake: identity, normalised entries and findings."""

    path: Path
    sha256: str
    size: int
    mtime: datetime
    identity: FormIdentity | None
    saved_at: datetime | None = None  # when the department last saved it (docProps/core.xml modified)
    report_rows: Rows = field(default_factory=list)  # 進捗報告: the normalised entries by Excel row
    kpi_rows: Rows = field(default_factory=list)  # 指標実績: likewise, `actual` a float (NaN: none or not a number)
    findings: list[Finding] = field(default_factory=list)
    # the 前回 values the form carried (read from its locked cells): lets a 差戻し workbook be rebuilt
    # identical to the department's form
    previous: PreviousAnswers | None = None
    council: CouncilReturn | None = None  # a 審議会 member's scores and opinions (form_kind=council)
    columns: FrameColumns | None = None  # of the form's definition; None: the built-in one
    form_sha256: str = ""  # the definition the form names (_meta form_sha256; "": the built-in one)

    @property
    def reports(self) -> pd.DataFrame:
        """The 進捗報告 entries as a frame (built when asked for: workers send rows, which pickle small)."""
        cols = self.columns or BUILTIN_COLUMNS
        return rows_frame(self.report_rows, list(cols.report), objects=cols.numbers)

    @property
    def kpis(self) -> pd.DataFrame:
        """The 指標実績 entries: `actual` float64, other numbers as typed."""
        cols = self.columns or BUILTIN_COLUMNS
        return rows_frame(self.kpi_rows, list(cols.kpi), floats=("actual",), objects=cols.numbers)

    @property
    def accepted(self) -> bool:
        return self.identity is not None and not any(f.severity == ERROR for f in self.findings)

    @property
    def readable(self) -> bool:
        return self.identity is not None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]


__all__ = ["Batch", "FrameColumns", "Rows", "Submission", "frame_columns", "rows_frame"]
