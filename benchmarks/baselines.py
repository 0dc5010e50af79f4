"""What sheetflow's read + check is compared with, over the same files.

- naive: the loop a city IT staffer would write: openpyxl.load_workbook per file, read the cells of
  進捗報告 and 指標実績 into a DataFrame per file, one pd.concat at the end (a concat per file would be
  quadratic and flatter us). No checks at all.
- floor: the least work that gets the cell strings of the same two sheets out: unzip, parse the
  workbook's sheet list, shared strings and the two sheets' XML with xml.etree iterparse (C expat),
  no typing, no checks.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import iterparse

import pandas as pd
from openpyxl import load_workbook

SHEETS = ("進捗報告", "指標実績")
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def naive(paths: list[Path]) -> dict[str, pd.DataFrame]:
    frames: dict[str, list[pd.DataFrame]] = {s: [] for s in SHEETS}
    for path in paths:
        wb = load_workbook(path, data_only=True)
        for sheet in SHEETS:
            rows = [[c.value for c in row] for row in wb[sheet].iter_rows(min_row=4)]
            new = pd.DataFrame(rows)
            new["file"] = path.name
            frames[sheet].append(new)
    return {s: pd.concat(f, ignore_index=True) for s, f in frames.items()}


def floor(paths: list[Path]) -> int:
    """Cell strings of both sheets of every file; returns how many cells were read."""
    cells = 0
    for path in paths:
        for rows in floor_one(path).values():
            cells += sum(len(r) for r in rows)
    return cells


def floor_one(path: Path) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(path) as z:
        parts = _sheet_parts(z)
        shared = _shared_strings(z)
        return {s: _sheet_rows(z, parts[s], shared) for s in SHEETS}


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    rels = {}
    with z.open("xl/_rels/workbook.xml.rels") as fh:
        for _, el in iterparse(fh):
            if el.tag.endswith("Relationship"):
                target = el.get("Target", "")
                rels[el.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    out = {}
    with z.open("xl/workbook.xml") as fh:
        for _, el in iterparse(fh):
            if el.tag == _NS_MAIN + "sheet":
                out[el.get("name")] = rels[el.get(_NS_REL + "id")]
    return out


def _shared_strings(z: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in z.namelist():
        return []
    out = []
    with z.open("xl/sharedStrings.xml") as fh:
        for _, el in iterparse(fh):
            if el.tag == _NS_MAIN + "si":
                out.append("".join(t.text or "" for t in el.iter(_NS_MAIN + "t")))
                el.clear()
    return out


def _sheet_rows(z: zipfile.ZipFile, part: str, shared: list[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    row: list[str] = []
    with z.open(part) as fh:
        for _, el in iterparse(fh):
            tag = el.tag
            if tag == _NS_MAIN + "c":
                v = el.find(_NS_MAIN + "v")
                if v is not None:
                    row.append(shared[int(v.text)] if el.get("t") == "s" else v.text or "")
                else:
                    t = el.find(f"{_NS_MAIN}is/{_NS_MAIN}t")
                    row.append(t.text or "" if t is not None else "")
            elif tag == _NS_MAIN + "row":
                rows.append(row)
                row = []
                el.clear()
    return rows
