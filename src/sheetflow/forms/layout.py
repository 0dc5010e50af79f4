"""The department workbook's layout: the one contract between forms (writer), intake (reader) and demo.

Sheet names, column order, which columns are inputs, where data starts, the _meta keys, and the row
fingerprint. Change the layout → bump FORMAT_VERSION (intake refuses unknown versions).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from sheetflow import messages as msg

# 2: 指標実績 shows 種類・到達目標・基準値; 3: 効果額 and 達成度 inputs (issue 14);
# 4: 前回の課題・今後の対応 (locked, after every other column; issue 16);
# 5: the sheet 審議会意見への対応 (the council's opinions, locked, and the input 意見への対応; issue 15)
FORMAT_VERSION = "5"
# Versions intake still reads: each column says since which version it exists (Column.since), and a form's
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


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float  # Excel character units, sized for CJK text (autofit does not measure it)
    input: bool = False  # unlocked, yellow; everything else is locked, grey and fingerprinted
    kind: str = "text"  # text | int | number | status | amount (千円) | grade
    max_len: int | None = None
    prompt: str = ""  # input message shown on the cell
    since: str = "2"  # the format version that added the column (a form of an earlier version lacks it)


# Widths (Excel character units): a full-width character takes 2 and a cell loses about 1.5 to padding, so
# 7.5 holds 3 characters a line, 9.5 four, 15.5 seven — no half-character is wasted. The room goes to the plan's
# long texts (取組内容 often runs past 80 characters), so that rows are fewer lines tall and a department's
# few rows print on few pages; the sum stays what A4 landscape holds at 8 pt or more.
REPORT_COLUMNS: tuple[Column, ...] = (
    Column("no", msg.FORMS_REPORT_HEADERS["no"], 4, kind="int"),
    Column("theme", msg.FORMS_REPORT_HEADERS["theme"], 7.5),
    Column("name", msg.FORMS_REPORT_HEADERS["name"], 8),
    Column("content", msg.FORMS_REPORT_HEADERS["content"], 15.5),
    Column("goal", msg.FORMS_REPORT_HEADERS["goal"], 7.5),
    Column("plan", msg.FORMS_REPORT_HEADERS["plan"], 7.5),
    Column("prev_status", msg.FORMS_REPORT_HEADERS["prev_status"], 7.5),
    Column("prev_result", msg.FORMS_REPORT_HEADERS["prev_result"], 7.5),
    Column("status", msg.FORMS_REPORT_HEADERS["status"], 7.5, input=True, kind="status",
           prompt=msg.FORMS_REPORT_PROMPTS["status"]),
    Column("result", msg.FORMS_REPORT_HEADERS["result"], 9.5, input=True, max_len=1000,
           prompt=msg.FORMS_REPORT_PROMPTS["result"]),
    Column("issues", msg.FORMS_REPORT_HEADERS["issues"], 7.5, input=True, max_len=1000,
           prompt=msg.FORMS_REPORT_PROMPTS["issues"]),
    Column("reporter", msg.FORMS_REPORT_HEADERS["reporter"], 5.5, input=True, max_len=50, prompt=msg.FORMS_REPORT_PROMPTS["reporter"]),
    Column("phone", msg.FORMS_REPORT_HEADERS["phone"], 7, input=True, max_len=30, prompt=msg.FORMS_REPORT_PROMPTS["phone"]),
    # format 3 (after the v2 inputs, so that a v2 form's cells keep their columns): 効果額 and 達成度
    Column("revenue", msg.EFFECT_HEADERS["revenue"], 7.5, input=True, kind="amount", since="3"),
    Column("saving", msg.EFFECT_HEADERS["saving"], 7.5, input=True, kind="amount", since="3"),
    Column("basis", msg.EFFECT_HEADERS["basis"], 7.5, input=True, max_len=200, since="3"),
    Column("grade", msg.EFFECT_HEADERS["grade"], 7.5, input=True, kind="grade", since="3"),
    # format 4 (after every other column, so that the cells of v2 / v3 forms keep their columns)
    Column("prev_issues", msg.FORMS_REPORT_HEADERS["prev_issues"], 7.5, since="4"),
)
H2_ONLY = frozenset({"grade"})  # input columns of 下期 forms only: locked (grey, not asked) in 上期 forms

KPI_COLUMNS: tuple[Column, ...] = (
    Column("kpi_key", msg.FORMS_KPI_HEADERS["kpi_key"], 7),
    Column("no", msg.FORMS_KPI_HEADERS["no"], 5, kind="int"),
    Column("name", msg.FORMS_KPI_HEADERS["name"], 14),
    Column("kpi", msg.FORMS_KPI_HEADERS["kpi"], 16),
    Column("unit", msg.FORMS_KPI_HEADERS["unit"], 6),
    Column("direction", msg.FORMS_KPI_HEADERS["direction"], 7),
    Column("target", msg.FORMS_KPI_HEADERS["target"], 9, kind="number"),
    Column("cumulative", msg.FORMS_KPI_HEADERS["cumulative"], 9, kind="number"),
    Column("prev_actual", msg.FORMS_KPI_HEADERS["prev_actual"], 9, kind="number"),
    Column("actual", msg.FORMS_KPI_HEADERS["actual"], 9, input=True, kind="number",
           prompt=msg.FORMS_KPI_PROMPTS["actual"]),
    Column("remark", msg.FORMS_KPI_HEADERS["remark"], 16, input=True, max_len=500, prompt=msg.FORMS_KPI_PROMPTS["remark"]),
    Column("kind", msg.FORMS_KPI_HEADERS["kind"], 6),  # after the inputs: the input cells keep their columns
    Column("goal", msg.FORMS_KPI_HEADERS["goal"], 12),
    Column("baseline", msg.FORMS_KPI_HEADERS["baseline"], 10),
)

OPINION_COLUMNS: tuple[Column, ...] = (
    Column("no", msg.OPINION_HEADERS["no"], 5, kind="int", since="5"),
    Column("name", msg.OPINION_HEADERS["name"], 18, since="5"),
    Column("opinions", msg.OPINION_HEADERS["opinions"], 48, since="5"),
    Column("response", msg.OPINION_HEADERS["response"], 48, input=True, max_len=1000, prompt=msg.OPINION_PROMPT,
           since="5"),
)
# Locked columns whose values the ledger carried in (not rebuildable from the plan alone).
CARRIED_COLUMNS = frozenset({"prev_status", "prev_result", "prev_issues", "opinions"})
SHEET_COLUMNS = {REPORT_SHEET: REPORT_COLUMNS, KPI_SHEET: KPI_COLUMNS, OPINION_SHEET: OPINION_COLUMNS}

DIRECTION_LABELS = msg.FORMS_DIRECTION_LABELS

# _meta: row 1 header ("key", "value"), then one row per META_KEYS entry (A=key, B=value), a blank row,
# then META_TABLE_HEADER and one row per pre-filled row: sheet, 1-based Excel row, item no / KPI key,
# fingerprint.
META_KEYS = ("format_version", "plan_id", "plan_version", "period", "department", "generated_at",
             "sheetflow_version", "row_count", "kpi_count", "meta_digest")
META_TABLE_HEADER = ("sheet", "row", "key", "fingerprint")


def cell_text(value: object) -> str:
    """Canonical text of a cell value as written or as read back (calamine returns 1 as 1.0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


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


def for_half(columns: tuple[Column, ...], half: int) -> tuple[Column, ...]:
    """The columns as a form of that half shows them: 効果額 asks for the year's 見込 (上期) or 実績 (下期)."""
    headers, prompts = msg.EFFECT_PERIOD_HEADERS[half], msg.EFFECT_PROMPTS[half]
    return tuple(replace(c, header=headers[c.key], prompt=prompts[c.key]) if c.key in headers else c
                 for c in columns)


def locked_columns(columns: tuple[Column, ...], version: str = FORMAT_VERSION) -> list[tuple[int, Column]]:
    """(index, column) of the locked columns a form of that format version has: the fingerprinted ones."""
    return [(i, c) for i, c in enumerate(columns) if not c.input and _version(c.since) <= _version(version)]


def _version(text: str) -> int:
    """A format version as a number; an unknown one counts as the current (intake refuses it anyway)."""
    return int(text) if text.isdigit() else int(FORMAT_VERSION)


def input_columns(columns: tuple[Column, ...]) -> list[Column]:
    return [c for c in columns if c.input]


def col_index(columns: tuple[Column, ...], key: str) -> int:
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
