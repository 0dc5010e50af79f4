"""Per-file blocks for `check` and `merge`: a head line, then one line per finding, wrapped to the
terminal's width (full-width characters count two columns), continuation lines indented."""

from __future__ import annotations

import shutil
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import click

from sheetflow import messages as msg
from sheetflow.ground.findings import SEVERITY_LABELS

INDENT = " " * 8
MIN_WIDTH = 40


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(line: str, width: int | None) -> list[str]:
    """The line cut at `width` display columns; continuation lines start with INDENT."""
    if width is None:
        return [line]
    out, current, used = [], "", 0
    for ch in line:
        w = _width(ch)
        if used + w > width and current.strip():
            out.append(current.rstrip())
            current, used = INDENT, len(INDENT)
        current += ch
        used += w
    out.append(current.rstrip())
    return out


def terminal_width() -> int | None:
    """The terminal's width; None (no wrapping) when the output goes to a file or another program."""
    if not sys.stdout.isatty():
        return None
    return max(MIN_WIDTH, shutil.get_terminal_size((100, 24)).columns - 1)


def finding_text(line) -> str:
    """「    エラー  進捗報告!I5  No.3  理由」 (place and subject left out when there is none)."""
    parts = [p for p in (line.where, line.subject) if p]
    return msg.INTAKE_FINDING_LINE.format(severity=SEVERITY_LABELS.get(line.severity, line.severity),
                                          text=msg.INTAKE_FINDING_GAP.join([*parts, line.message]))


def _most_severe(lines: list, limit: int) -> list:
    """`limit` of the lines, errors before 注意 before 自動修正 (the earlier first), kept in the lines' order."""
    rank = list(SEVERITY_LABELS)
    chosen = set(sorted(range(len(lines)), key=lambda i: (rank.index(lines[i].severity), i))[:limit])
    return [line for i, line in enumerate(lines) if i in chosen]


def echo_block(head: str, lines: Iterable, limit: int | None = None, more_path: Path | None = None,
               tail: Iterable[str] = ()) -> None:
    """Print a file's head line, its finding lines (at most `limit`: the most severe, in their own order;
    then a count of the rest) and tail lines."""
    width = terminal_width()
    lines = list(lines)
    shown = lines if limit is None else _most_severe(lines, limit)
    for text in [head, *(finding_text(line) for line in shown)]:
        for part in wrap(text, width):
            click.echo(part)
    if len(shown) < len(lines):
        rest = len(lines) - len(shown)
        text = (msg.INTAKE_MORE_FINDINGS.format(count=rest, path=more_path) if more_path
                else msg.INTAKE_MORE_FINDINGS_NO_FILE.format(count=rest))
        for part in wrap(text, width):
            click.echo(part)
    for text in tail:
        for part in wrap(text, width):
            click.echo(part)
