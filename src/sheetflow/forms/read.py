"""Read a department workbook's values (python-calamine) and its _meta; recompute row fingerprints.

Used by forms (pre-flight self-check of every form written) and by intake (after the file-level safety
checks). Values only: formatting and protection are inspected elsewhere with openpyxl.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineWorkbook

from sheetflow.definition.model import FormDefinition
from sheetflow.forms import layout as L


@dataclass
class WorkbookValues:
    sheets: dict[str, list[list[object]]]  # the sheets' cell values (all, or those asked for), calamine types
    visibility: dict[str, str]  # every sheet -> "visible" | "hidden" | "veryhidden"
    names: list[str] = field(default_factory=list)  # every sheet of the workbook, in its order


@dataclass
class Meta:
    pairs: dict[str, str]
    table: list[tuple[str, int, str, str]]  # (sheet, excel row, key, fingerprint)
    digest_ok: bool
    problems: list[str] = field(default_factory=list)  # machine codes: missing keys, bad rows

    @property
    def identity(self) -> tuple[str, str, str, str]:
        p = self.pairs
        return (p.get("plan_id", ""), p.get("plan_version", ""), p.get("period", ""), p.get("department", ""))

    @property
    def version(self) -> str:
        """The form's format version."""
        return self.pairs.get("format_version", "")

    @property
    def columns_version(self) -> str:
        """Which of its definition's columns the form has: those of its format version for a form of the
        built-in definition; all of them ("") for a form made from its own (form_sha256)."""
        return "" if self.pairs.get(L.FORM_SHA256_KEY) else self.version


@dataclass(frozen=True)
class RowCheck:
    """One pre-filled row as listed in _meta, compared with what the sheet holds at that row."""

    sheet: str
    row: int  # 1-based Excel row listed in _meta
    key: str  # item no or KPI key
    expected: str
    found_at: int | None  # 1-based row where a row with this fingerprint is, None if nowhere

    @property
    def intact(self) -> bool:
        return self.found_at is not None

    @property
    def moved(self) -> bool:
        return self.found_at is not None and self.found_at != self.row


def read_values(source: Path | bytes, only: tuple[str, ...] | None = None) -> WorkbookValues:
    """The values of all sheets, or of those in `only` that the workbook has (intake skips 記入方法 and
    _lists). Raises whatever calamine raises for unreadable files (caller maps it)."""
    wb = (CalamineWorkbook.from_filelike(io.BytesIO(source)) if isinstance(source, bytes)
          else CalamineWorkbook.from_path(str(source)))
    names = list(wb.sheet_names)
    sheets = {name: wb.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in names
              if only is None or name in only}
    visibility = {m.name: str(m.visible).rsplit(".", 1)[-1].lower() for m in wb.sheets_metadata}
    return WorkbookValues(sheets, visibility, names)


def parse_meta(rows: list[list[object]]) -> Meta:
    pairs: dict[str, str] = {}
    table: list[tuple[str, int, str, str]] = []
    problems: list[str] = []
    in_table = False
    for r in rows[1:]:
        cells = [L.cell_text(c) for c in r] + ["", "", "", ""]
        if not any(cells[:4]):
            continue
        if tuple(cells[:4]) == L.META_TABLE_HEADER:
            in_table = True
        elif in_table:
            try:
                table.append((cells[0], int(cells[1]), cells[2], cells[3]))
            except ValueError:
                problems.append("meta.table_row")
        else:
            pairs[cells[0]] = cells[1]
    problems += [f"meta.missing:{k}" for k in L.META_KEYS if k not in pairs]
    digest_ok = pairs.get("meta_digest", "") == L.meta_digest(pairs, table)
    return Meta(pairs, table, digest_ok, problems)


def meta_problems(meta: Meta, pairs: dict[str, str]) -> list[str]:
    """What a form's _meta read back lacks of what was written: its own problems, each key whose value differs
    (meta.<key>), a digest that does not match (meta.digest). The pre-flight check of every form writer."""
    return [*meta.problems, *(f"meta.{k}" for k, v in pairs.items() if meta.pairs.get(k) != v),
            *([] if meta.digest_ok else ["meta.digest"])]


def row_fingerprint(identity: tuple[str, ...], sheet: str, row: list[object],
                    version: str = L.FORMAT_VERSION, columns: tuple | None = None) -> str:
    """Fingerprint of a sheet row as it stands now: the locked columns a form of that format version has
    (columns: the sheet's, default the built-in definition's)."""
    columns = L.SHEET_COLUMNS[sheet] if columns is None else columns
    values = [row[i] if i < len(row) else "" for i, _ in L.locked_columns(columns, version)]
    return L.fingerprint(identity, sheet, values)


@dataclass
class RowReport:
    checks: list[RowCheck]  # one per _meta row
    unknown: dict[str, list[int]]  # sheet -> data rows (1-based) matching no fingerprint (added / edited)
    duplicates: dict[str, list[int]]  # sheet -> extra rows repeating an intact row


def check_rows(values: WorkbookValues, meta: Meta, form: FormDefinition | None = None) -> RowReport:
    """Compare every _meta row with the sheets by fingerprint (rows may have been moved); the sheets' columns
    are those of `form` (the form's own definition; default the built-in one)."""
    found: dict[tuple[str, str], list[int]] = {}
    unknown: dict[str, list[int]] = {}
    columns = L.SHEET_COLUMNS if form is None else L.sheet_columns(form)
    for sheet in L.DATA_SHEETS:
        for r, row in enumerate(values.sheets.get(sheet, [])[L.FIRST_DATA_ROW:], start=L.FIRST_DATA_ROW + 1):
            if not any(L.cell_text(c).strip() for c in row):
                continue
            fp = row_fingerprint(meta.identity, sheet, row, meta.columns_version, columns[sheet])
            found.setdefault((sheet, fp), []).append(r)
    expected = {(s, fp) for s, _, _, fp in meta.table}
    for (sheet, fp), rows in found.items():
        if (sheet, fp) not in expected:
            unknown.setdefault(sheet, []).extend(rows)
    checks, duplicates = [], {}
    for sheet, row, key, fp in meta.table:
        rows = found.get((sheet, fp), [])
        at = row if row in rows else (rows[0] if rows else None)
        checks.append(RowCheck(sheet, row, key, fp, at))
        duplicates.setdefault(sheet, []).extend(r for r in rows if r != at)
    return RowReport(checks, {s: sorted(r) for s, r in unknown.items()},
                     {s: sorted(r) for s, r in duplicates.items() if r})
