"""The department workbook's layout: the one contract between forms (writer), intake (reader) and demo.

Sheet names, column order, which columns are inputs, where data starts, the _meta keys, and the row
fingerprint. Change the layout → bump FORMAT_VERSION (intake refuses unknown versions).
"""

from __future__ import annotations

import hashlib
import re

from sheetflow import messages as msg
from sheetflow.definition.model import Field, FormDefinition
from sheetflow.definition.normalise import cell_text
from sheetflow.definition.workspace import KPI_TABLE, OPINION_TABLE, REPORT_TABLE, builtin_definition

# 2: 指標実績 shows 種類・到達目標・基準値; 3: 効果額 and 達成度 inputs (issue 14);
# 4: 前回の課題・今後の対応 (locked, after every other column; issue 16);
# 5: the sheet 審議会意見への対応 (the council's opinions, locked, and the input 意見への対応; issue 15)
FORMAT_VERSION = "5"
# Versions intake still reads: each column says since which version it exists (Field.since), and a form's
# fingerprints cover the locked columns of its own version only.
READABLE_FORMAT_VERSIONS = ("2", "3", "4", FORMAT_VERSION)

GUIDE_SHEET = msg.FORMS_GUIDE_SHEET
REPORT_SHEET = msg.FORMS_REPORT_SHEET
KPI_SHEET = msg.FORMS_KPI_SHEET
META_SHEET = "_meta"
LISTS_SHEET = "_lists"
VISIBLE_SHEETS = (GUIDE_SHEET, REPORT_SHEET, KPI_SHEET)
# Written only into the form of a department whose items have council opinions to answer (format 5 on):
# one row per such item, fingerprinted in _meta like the rows of the other data sheets.
OPINION_SHEET = msg.OPINION_SHEET
DATA_SHEETS = (REPORT_SHEET, KPI_SHEET, OPINION_SHEET)

TITLE_ROW = 0  # 0-based rows: title, note, header, data
NOTE_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = 3


# The built-in form's columns come from its definition (definition/builtin/progress.json): widths, headers,
# prompts, types, which are inputs, the version that added each. Widths (Excel character units): a full-width
# character takes 2 and a cell loses about 1.5 to padding, so 7.5 holds 3 characters a line.
_BUILTIN = builtin_definition()
CARRIED_SOURCES = (msg.DEF_SOURCE_PREVIOUS, msg.DEF_SOURCE_COUNCIL)
REPORT_COLUMNS = _BUILTIN.columns(REPORT_TABLE)
KPI_COLUMNS = _BUILTIN.columns(KPI_TABLE)
OPINION_COLUMNS = _BUILTIN.columns(OPINION_TABLE)
# Locked columns whose values the ledger carried in (転記元 前回 / 審議会: not rebuildable from the plan alone).
CARRIED_COLUMNS = frozenset(c.key for c in (*REPORT_COLUMNS, *OPINION_COLUMNS)
                            if c.source.split(":")[0] in CARRIED_SOURCES)


def sheet_columns(form: FormDefinition) -> dict[str, tuple[Field, ...]]:
    """Each data sheet's columns in a definition (its tables report, kpi and opinion)."""
    return {REPORT_SHEET: form.columns(REPORT_TABLE), KPI_SHEET: form.columns(KPI_TABLE),
            OPINION_SHEET: form.columns(OPINION_TABLE)}


SHEET_COLUMNS = sheet_columns(_BUILTIN)

DIRECTION_LABELS = msg.FORMS_DIRECTION_LABELS

# _meta: row 1 header ("key", "value"), then one row per META_KEYS entry (A=key, B=value), a blank row,
# then META_TABLE_HEADER and one row per pre-filled row: sheet, 1-based Excel row, item no / KPI key,
# fingerprint.
META_KEYS = ("format_version", "plan_id", "plan_version", "period", "department", "generated_at",
             "sheetflow_version", "row_count", "kpi_count", "meta_digest")
# After META_KEYS in a form written from a definition other than the built-in one: that definition's SHA-256
# (archived as outbox/definitions/<sha256>.json); absent: the built-in definition.
FORM_SHA256_KEY = "form_sha256"
META_TABLE_HEADER = ("sheet", "row", "key", "fingerprint")


def fingerprint(identity: tuple[str, ...], sheet: str, values: list[object]) -> str:
    """Fingerprint of one pre-filled row: its locked values bound to plan, period and department.

    identity = (plan_id, plan_version, period code, department key).
    """
    text = "\x1f".join([*identity, sheet, *(cell_text(v) for v in values)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def meta_digest(pairs: dict[str, str], table: list[tuple[str, int, str, str]]) -> str:
    """Digest of the _meta key/values (all but meta_digest itself) and the fingerprint table."""
    text = "\x1e".join([*(f"{k}={pairs[k]}" for k in sorted(pairs) if k != "meta_digest"),
                        *("|".join(map(str, row)) for row in table)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def meta_rows(pairs: dict[str, str], table: list[tuple[str, int, str, str]]) -> list[list[object]]:
    """The _meta sheet's cells, row by row (strings and ints), with meta_digest filled in; keys beyond
    META_KEYS (the council workbook's form_kind, year) follow them."""
    pairs = {**pairs, "meta_digest": meta_digest(pairs, table)}
    rows: list[list[object]] = [["key", "value"], *([k, str(pairs.get(k, ""))] for k in META_KEYS),
                                *([k, str(v)] for k, v in pairs.items() if k not in META_KEYS), []]
    rows.append(list(META_TABLE_HEADER))
    rows += [list(r) for r in table]
    return rows


def for_half(columns: tuple, half: int) -> tuple:
    """The columns as a form of that half shows them: 効果額 asks for the year's 見込 (上期) or 実績 (下期)."""
    return tuple(c.in_half(half) for c in columns)


def locked_columns(columns: tuple[Field, ...], version: str = FORMAT_VERSION) -> list[tuple[int, Field]]:
    """(index, column) of the locked columns a form of that format version has: the fingerprinted ones."""
    return [(i, c) for i, c in enumerate(columns) if not c.input and _version(c.since) <= _version(version)]


def _version(text: str) -> int:
    """A format version as a number; "" (a form made from its own definition, whose columns are all its
    definition's) counts as later than any column's."""
    return int(text) if text.isdigit() else 10**6


def input_columns(columns: tuple[Field, ...]) -> list[Field]:
    return [c for c in columns if c.input]


def col_index(columns: tuple[Field, ...], key: str) -> int:
    return next(i for i, c in enumerate(columns) if c.key == key)


def a1(row: int, col: int) -> str:
    """0-based (row, col) → 'A1'."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


_A1 = re.compile(r"([A-Z]+)(\d+)")


def a1_index(ref: str | None) -> tuple[int, int] | None:
    """'A1' → 0-based (row, col), the inverse of a1; None when ref is not such a reference."""
    m = _A1.fullmatch(ref or "")
    if m is None:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1
