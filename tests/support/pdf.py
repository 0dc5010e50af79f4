"""Measure a PDF that LibreOffice printed: the words on each page (poppler's pdftotext -bbox) and the
effective size of the text after the page was scaled to fit.

A full-width (CJK) character is one em wide, so a word made only of such characters is as many points
wide per character as the font's printed size: 10 pt text printed at 64 % measures 6.4 pt per character.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def full_width(self) -> bool:
        return len(self.text) >= 2 and all(unicodedata.east_asian_width(c) in "WF" and c.isalpha()
                                           for c in self.text)

    @property
    def size(self) -> float:
        """Printed size in points (full-width words only)."""
        return (self.x1 - self.x0) / len(self.text)


def words(pdf: Path) -> list[Word]:
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run([exe, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    root = ET.fromstring(out.replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    found = []
    for n, page in enumerate(root.iter("page"), start=1):
        for w in page.iter("word"):
            found.append(Word(n, w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))))
    return found


def page_count(pdf: Path) -> int:
    return max((w.page for w in words(pdf)), default=0)


def smallest_text(pdf: Path, pages: set[int] | None = None) -> float:
    """The smallest printed size (points) of the full-width words on these pages (all pages if None)."""
    sizes = [w.size for w in words(pdf) if w.full_width and (pages is None or w.page in pages)]
    assert sizes, f"no full-width text in {pdf}"
    return min(sizes)


def page_text(pdf: Path, page: int) -> str:
    """All words of one page run together (no spaces), for finding texts that wrapped over lines."""
    return "".join(w.text for w in words(pdf) if w.page == page)
