"""The department workbook's layout: the one contract between forms (writer), intake (reader) and demo.

Sheet names, column order, which columns are inputs, where data starts, the _meta keys, and the row
fingerprint. Change the layout → bump FORMAT_VERSION (intake refuses unknown versions).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

FORMAT_VERSION = "1"

GUIDE_SHEET = "記入方法"
REPORT_SHEET = "進捗報告"
KPI_SHEET = "指標実績"
META_SHEET = "_meta"
LISTS_SHEET = "_lists"
VISIBLE_SHEETS = (GUIDE_SHEET, REPORT_SHEET, KPI_SHEET)

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
    kind: str = "text"  # text | int | number | status
    max_len: int | None = None
    prompt: str = ""  # input message shown on the cell


REPORT_COLUMNS: tuple[Column, ...] = (
    Column("no", "No.", 5, kind="int"),
    Column("theme", "テーマ", 10),
    Column("name", "項目名", 20),
    Column("content", "取組内容", 30),
    Column("goal", "到達目標", 22),
    Column("plan", "今年度の取組予定", 18),
    Column("prev_status", "前回の進捗状況", 10),
    Column("prev_result", "前回の取組実績", 20),
    Column("status", "進捗状況", 11, input=True, kind="status",
           prompt="一覧から選んでください（必須）。「遅れ」のときは「課題・今後の対応」も記入してください。"),
    Column("result", "今期の取組実績", 30, input=True, max_len=1000,
           prompt="今期に実施したことを具体的に記入してください。「完了」のときは必須です（1000字まで）。"),
    Column("issues", "課題・今後の対応", 26, input=True, max_len=1000,
           prompt="進捗状況が「遅れ」のときは必須です。課題と今後の対応を記入してください（1000字まで）。"),
    Column("reporter", "記入者", 12, input=True, max_len=50, prompt="記入した職員の氏名を記入してください。"),
    Column("phone", "連絡先（内線）", 10, input=True, max_len=30, prompt="内線番号を記入してください。"),
)

KPI_COLUMNS: tuple[Column, ...] = (
    Column("kpi_key", "指標No.", 7),
    Column("no", "No.", 5, kind="int"),
    Column("name", "項目名", 24),
    Column("kpi", "指標名", 24),
    Column("unit", "単位", 8),
    Column("direction", "目標の向き", 9),
    Column("target", "今年度の目標値", 11, kind="number"),
    Column("cumulative", "累計の目標値", 11, kind="number"),
    Column("prev_actual", "前回の実績値", 11, kind="number"),
    Column("actual", "実績値", 11, input=True, kind="number",
           prompt="今期末時点の実績を数値で記入してください（単位は「単位」列のとおり）。"),
    Column("remark", "備考", 30, input=True, max_len=500, prompt="補足があれば記入してください（500字まで）。"),
)

DIRECTION_LABELS = {"up": "増やす", "down": "減らす"}

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
    """The _meta sheet's cells, row by row (strings and ints), with meta_digest filled in."""
    pairs = {**pairs, "meta_digest": meta_digest(pairs, table)}
    rows: list[list[object]] = [["key", "value"], *([k, str(pairs.get(k, ""))] for k in META_KEYS), []]
    rows.append(list(META_TABLE_HEADER))
    rows += [list(r) for r in table]
    return rows


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
