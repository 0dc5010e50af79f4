"""What every definition sheet's check shares: a Problem at its [シート!セル], the Sink that collects them, and
readers of one cell (an id, a ○, a whole number, a number, one of a list of names) that name what is wrong."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from sheetflow import messages as msg
from sheetflow.definition import source

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]*")  # ASCII: a column name in SQLite, the CSV, _meta
# 選択肢's role columns (理由必須, 実績必須, …) by their Japanese name: a 必須 condition names one too.
ROLE_BY_NAME = {name: role for role, name in msg.DEF_ROLE_NAMES.items()}


@dataclass(frozen=True)
class Problem:
    sheet: str
    cell: str
    text: str

    def __str__(self) -> str:
        if not self.cell:
            return msg.DEF_PROBLEM_SHEETLESS.format(sheet=self.sheet, text=self.text)
        return msg.DEF_PROBLEM.format(sheet=self.sheet, cell=self.cell, text=self.text)


@dataclass
class Sink:
    """The problems found so far; add names one at a cell of a sheet (a problem of a whole sheet is appended)."""

    problems: list[Problem]

    def add(self, sheet: source.Sheet, row: int, column: str, text: str) -> None:
        self.problems.append(Problem(sheet.name, sheet.cell(row, column), text))


def close_match(word: str, candidates: list[str]) -> str:
    """The candidate word may be a misspelling of (for a hint), or ""."""
    found = difflib.get_close_matches(word, candidates, n=1, cutoff=0.5)
    return found[0] if found else ""


def unknown_sheets(sheets: dict[str, source.Sheet]) -> list[str]:
    """Sheets a definition does not use (notes, or a known sheet's misspelt name)."""
    return [s for s in sheets if s not in source.KNOWN_COLUMNS]


def identifier(sink: Sink, sheet: source.Sheet, n: int, row: dict, column: str, seen: dict[str, str]) -> str:
    """An ASCII id (表ID, 項目ID): filled, and not one already in seen (id → the cell that has it)."""
    value = row.get(column, "")
    if not value:
        sink.add(sheet, n, column, msg.DEF_EMPTY.format(column=column))
    elif not _ID.fullmatch(value):
        sink.add(sheet, n, column, msg.DEF_BAD_ID.format(column=column, value=value))
    elif value in seen:
        sink.add(sheet, n, column, msg.DEF_DUPLICATE.format(column=column, value=value, first=seen[value]))
    seen.setdefault(value, sheet.cell(n, column))
    return value


def one_of(sink: Sink, sheet: source.Sheet, at: tuple[int, dict, str], names: list[str],
           texts: tuple[str, str]) -> str:
    """A cell that must name one of names: empty, or unknown with the name it may be misspelt for (texts: the
    message without and with a hint)."""
    n, row, column = at
    value = row.get(column, "")
    if not value:
        sink.add(sheet, n, column, msg.DEF_EMPTY.format(column=column))
    elif value not in names:
        found = close_match(value, names)
        sink.add(sheet, n, column, texts[1].format(value=value, found=found) if found else
                 texts[0].format(value=value))
    return value


def table_named(sink: Sink, sheet: source.Sheet, n: int, row: dict, table_ids: list[str], column: str) -> str:
    """The 表ID of a row of 項目 or 既定データ: one of 表 (a person may write it once per table, or merge the
    cells: an empty one is named)."""
    return one_of(sink, sheet, (n, row, column), table_ids, (msg.DEF_BAD_TABLE, msg.DEF_BAD_TABLE_HINT))


def mark(sink: Sink, sheet: source.Sheet, n: int, row: dict, column: str) -> bool:
    """A ○ column: True when filled; anything but a way of writing yes is named."""
    value = row.get(column, "")
    if value and not is_mark(value):
        sink.add(sheet, n, column, msg.DEF_BAD_MARK.format(column=column, value=value))
    return bool(value)


def is_mark(value: str) -> bool:
    """○ and the other ways of writing a yes (〇, はい, yes, TRUE, 1; 全角 or 半角, any case)."""
    return unicodedata.normalize("NFKC", value).casefold() in {
        unicodedata.normalize("NFKC", m).casefold() for m in msg.DEF_MARKS}


def whole(sink: Sink, sheet: source.Sheet, n: int, row: dict, column: str, allow_negative: bool = False) -> int | None:
    """A whole number (1 or more unless allow_negative), None when blank or named as a problem."""
    value = unicodedata.normalize("NFKC", row.get(column, ""))
    if not value:
        return None
    found = _number_or_none(value)
    if found is None or not found.is_integer() or (found < 1 and not allow_negative):
        text = msg.DEF_BAD_INTEGER if allow_negative else msg.DEF_BAD_WHOLE
        sink.add(sheet, n, column, text.format(column=column, value=value))
        return None
    return int(found)


def number(sink: Sink, sheet: source.Sheet, n: int, row: dict, column: str) -> float | None:
    """A number (全角 digits and thousands commas allowed), None when blank or named as a problem."""
    value = unicodedata.normalize("NFKC", row.get(column, ""))
    found = _number_or_none(value) if value else None
    if value and found is None:
        sink.add(sheet, n, column, msg.DEF_BAD_NUMBER.format(column=column, value=value))
    return found


def _number_or_none(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None
