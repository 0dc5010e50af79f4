"""Inline SVG charts for the publication page, from plain numbers (no JavaScript, nothing fetched).

Every chart is one `<svg role="img">` with a `<title>` (its name) and a `<desc>` (every number in words), so
a screen reader gets the figures; the page puts the same numbers in a table next to it. Colour is never the
only cue: each series has a colour from the Okabe-Ito palette (distinguishable with colour-vision
deficiencies) *and* a hatching pattern, every bar has a dark outline (contrast of at least 3:1 against the
white page, WCAG 1.4.11), and the counts are written on or next to the bars in dark text on a white halo.
Coordinates are in a fixed viewBox; the page scales the SVG to its width.
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass

from sheetflow import messages as msg

WIDTH = 400  # viewBox width; the page shows it at most 32rem wide, on a phone ~360 px
FONT = 15
INK = "#1a1a1a"
BAR = 22
ROW_GAP = 12
LINE = 19  # height of one line of label text
TOTAL_ROOM = 64  # room right of the longest bar for its total


@dataclass(frozen=True)
class Series:
    """One kind of bar segment: its label, fill colour and hatching pattern (a key of PATTERNS)."""

    label: str
    colour: str
    pattern: str


# Okabe-Ito colours, each with its own hatching; grey with dots is kept for 'not reported / not rated'.
STYLES = (("#0072B2", "solid"), ("#009E73", "diagonal"), ("#F0E442", "dots"), ("#D55E00", "cross"),
          ("#CC79A7", "horizontal"), ("#56B4E9", "vertical"), ("#E69F00", "grid"), ("#999999", "back"))
MISSING_STYLE = ("#DDDDDD", "sparse")
PATTERNS = {
    "solid": "",
    "diagonal": '<path d="M0,8 L8,0" stroke="#000" stroke-opacity=".45" stroke-width="1.6"/>',
    "back": '<path d="M0,0 L8,8" stroke="#000" stroke-opacity=".45" stroke-width="1.6"/>',
    "dots": '<circle cx="4" cy="4" r="1.6" fill="#000" fill-opacity=".5"/>',
    "cross": '<path d="M0,8 L8,0 M0,0 L8,8" stroke="#fff" stroke-opacity=".8" stroke-width="1.2"/>',
    "horizontal": '<path d="M0,4 H8" stroke="#000" stroke-opacity=".45" stroke-width="1.6"/>',
    "vertical": '<path d="M4,0 V8" stroke="#000" stroke-opacity=".45" stroke-width="1.6"/>',
    "grid": '<path d="M0,4 H8 M4,0 V8" stroke="#000" stroke-opacity=".4" stroke-width="1.2"/>',
    "sparse": '<circle cx="2" cy="2" r="1" fill="#000" fill-opacity=".55"/>',
}


def series_for(labels: list[str], missing: tuple[str, ...] = ()) -> list[Series]:
    """A colour and pattern per label, in order; labels in `missing` get the grey dotted style."""
    out, n = [], 0
    for label in labels:
        if label in missing:
            out.append(Series(label, *MISSING_STYLE))
            continue
        out.append(Series(label, *STYLES[n % len(STYLES)]))
        n += 1
    return out


# --- text helpers --------------------------------------------------------------------------------
def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _width(text: str) -> float:
    """Width of text in em: full-width characters 1, others about 0.55."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)


def wrap(text: str, ems: float) -> list[str]:
    """Text broken into lines of at most `ems` em (Japanese has no spaces to break at)."""
    lines, line = [], ""
    for char in text:
        if line and _width(line + char) > ems:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line] if line or not lines else lines


def _text(x: float, y: float, body: str, anchor: str = "start", weight: str = "normal") -> str:
    """Dark text on a white halo, readable on any fill."""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-weight="{weight}" '
            f'paint-order="stroke" stroke="#fff" stroke-width="3" stroke-linejoin="round">{_e(body)}</text>')


def plain(value: float) -> str:
    """A figure with thousands separators, no trailing .0."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


def _defs(chart_id: str, series: list[Series]) -> str:
    patterns = [f'<pattern id="{chart_id}-p{i}" width="8" height="8" patternUnits="userSpaceOnUse">'
                f"{PATTERNS[s.pattern]}</pattern>" for i, s in enumerate(series) if PATTERNS[s.pattern]]
    return f"<defs>{''.join(patterns)}</defs>" if patterns else ""


def _box(chart_id: str, index: int, s: Series, x: float, y: float, w: float, h: float) -> str:
    """One filled, hatched and outlined rectangle."""
    shape = f'x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}"'
    hatch = f'<rect {shape} fill="url(#{chart_id}-p{index})"/>' if PATTERNS[s.pattern] else ""
    return f'<rect {shape} fill="{s.colour}"/>{hatch}<rect {shape} fill="none" stroke="{INK}" stroke-width="1"/>'


def _svg(chart_id: str, title: str, desc: str, height: float, body: str, defs: str = "") -> str:
    return (f'<svg class="chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-title" '
            f'aria-describedby="{chart_id}-desc" viewBox="0 0 {WIDTH} {height:.0f}" '
            f'xmlns="http://www.w3.org/2000/svg" font-size="{FONT}" fill="{INK}" '
            f'font-family="Hiragino Kaku Gothic ProN, Yu Gothic, Noto Sans CJK JP, Meiryo, sans-serif">'
            f'<title id="{chart_id}-title">{_e(title)}</title><desc id="{chart_id}-desc">{_e(desc)}</desc>'
            f"{defs}{body}</svg>")


# --- horizontal bars: stacked by series, or one bar per count ----------------------------------------
def stacked_bars(chart_id: str, title: str, rows: list[tuple[str, list[int]]], series: list[Series],
                 desc: str | None = None, empty: str = "") -> str:
    """One horizontal bar per row (label above it), split into the series' counts, then a legend.

    `empty` is what a row without any count says (default 項目なし); with `desc` given (count_bars) the
    rows are labelled by their own series and no legend is drawn."""
    longest = max((sum(values) for _, values in rows), default=0)
    unit = (WIDTH - TOTAL_ROOM) / longest if longest else 0.0
    parts, y = [], 0.0
    for label, values in rows:
        part, y = _bar_row(chart_id, (label, values), series, unit, y, empty or msg.CHART_NONE, desc is None)
        parts.append(part)
    legend, height = _legend(chart_id, series, y) if len(series) > 1 and desc is None else ("", y)
    desc = desc or msg.CHART_LIST_SEPARATOR.join(_row_words(label, values, series) for label, values in rows)
    return _svg(chart_id, title, desc, height, "".join(parts) + legend, _defs(chart_id, series))


def count_bars(chart_id: str, title: str, counts: list[tuple[str, int]]) -> str:
    """One bar per label (e.g. items per 達成度 grade), each in its own colour and pattern."""
    series = series_for([label for label, _ in counts])
    rows = [(label, [count if j == i else 0 for j in range(len(counts))]) for i, (label, count) in enumerate(counts)]
    desc = msg.CHART_LIST_SEPARATOR.join(msg.CHART_COUNT_WORDS.format(label=label, count=c) for label, c in counts)
    return stacked_bars(chart_id, title, rows, series, desc, msg.CHART_ZERO)


def _bar_row(chart_id: str, row: tuple[str, list[int]], series: list[Series], unit: float, y: float,
             empty: str, total_shown: bool) -> tuple[str, float]:
    label, values = row
    lines = wrap(label, WIDTH / FONT)
    out = [_text(0, y + LINE * (i + 1) - 4, line) for i, line in enumerate(lines)]
    y += LINE * len(lines) + 2
    middle = y + BAR / 2 + FONT * 0.35
    total = sum(values)
    if total == 0:
        out.append(_text(0, middle, empty))
        return "".join(out), y + BAR + ROW_GAP
    x = 0.0
    for i, (s, value) in enumerate(zip(series, values, strict=True)):
        if value <= 0:
            continue
        out.append(_box(chart_id, i, s, x, y, value * unit, BAR))
        if value * unit >= 18:
            out.append(_text(x + value * unit / 2, middle, str(value), "middle", "bold"))
        x += value * unit
    if total_shown:
        out.append(_text(x + 6, middle, msg.CHART_TOTAL.format(count=total)))
    elif unit * total < 18:
        out.append(_text(x + 6, middle, str(total)))
    return "".join(out), y + BAR + ROW_GAP


def _row_words(label: str, values: list[int], series: list[Series]) -> str:
    shown = [msg.CHART_COUNT_WORDS.format(label=s.label, count=v) for s, v in zip(series, values, strict=True) if v]
    body = msg.CHART_WORD_SEPARATOR.join(shown) if shown else msg.CHART_NONE
    return msg.CHART_ROW_WORDS.format(label=label, counts=body, total=sum(values))


def _legend(chart_id: str, series: list[Series], y: float) -> tuple[str, float]:
    """Swatches with their labels, flowing into as many lines as needed."""
    out, x, y = [], 0.0, y + 4
    for i, s in enumerate(series):
        room = 22 + _width(s.label) * FONT + 14
        if x and x + room > WIDTH:
            x, y = 0.0, y + LINE + 6
        out.append(_box(chart_id, i, s, x, y + 2, 16, 14) + _text(x + 22, y + 14, s.label))
        x += room
    return "".join(out), y + LINE + 8


# --- vertical bars: one figure per year ------------------------------------------------------------
PLOT = 160  # height of the tallest bar
TOP = 44  # room for the unit and the tallest bar's figure


def year_bars(chart_id: str, title: str, years: list[tuple[str, float | None]], unit: str) -> str:
    """One bar per year (None = not reported yet: no bar, the words 未集計), figures above the bars."""
    s = series_for([title])[0]
    known = [v for _, v in years if v is not None]
    top = max(known, default=0.0)
    scale = PLOT / top if top > 0 else 0.0
    slot = WIDTH / max(len(years), 1)
    base = TOP + PLOT
    out = [_text(0, 16, msg.CHART_UNIT.format(unit=unit)),
           f'<line x1="0" y1="{base}" x2="{WIDTH}" y2="{base}" stroke="{INK}" stroke-width="1.5"/>']
    lines = 1
    for i, (label, value) in enumerate(years):
        centre = slot * (i + 0.5)
        words = wrap(label, (slot - 4) / FONT)
        lines = max(lines, len(words))
        out += [_text(centre, base + 20 + n * LINE, word, "middle") for n, word in enumerate(words)]
        if value is None:
            out.append(_text(centre, base - 8, msg.CHART_NOT_COUNTED, "middle"))
            continue
        height = max(value, 0.0) * scale
        width = min(slot * 0.6, 56)
        out.append(_box(chart_id, 0, s, centre - width / 2, base - height, width, height))
        out.append(_text(centre, base - height - 6, plain(value), "middle", "bold"))
    desc = msg.CHART_LIST_SEPARATOR.join(
        msg.CHART_YEAR_WORDS.format(label=label, value=msg.CHART_NOT_COUNTED if v is None else plain(v), unit="" if v is None else unit)
        for label, v in years)
    return _svg(chart_id, title, desc, base + 30 + (lines - 1) * LINE, "".join(out), _defs(chart_id, [s]))
