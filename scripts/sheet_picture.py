"""A picture of one sheet of a workbook: its cells (values, merged cells, fills, borders, column widths) as an
HTML table, photographed by the headless Chromium of the browser tests (no LibreOffice needed).

    python scripts/sheet_picture.py outbox/reports/2025H2_進捗状況報告.xlsx 効果額・達成度 docs/effects.png 60

docs/effects.png is the 効果額・達成度 sheet of `sheetflow demo --seed 11` (令和7年度 下期). Needs a Japanese font
(Debian: fonts-ipafont-gothic).
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "support"))
import browser  # noqa: E402

STYLE = ("body{font-family:'IPAGothic','Noto Sans CJK JP',sans-serif;font-size:12px;margin:12px;background:#fff}"
         "table{border-collapse:collapse;table-layout:fixed}"
         "td{padding:2px 4px;vertical-align:top;white-space:nowrap}")


def merges(ws) -> tuple[dict, set]:
    """(first cell → (rows, columns)) of each merged range, and the cells a merge covers."""
    spans, covered = {}, set()
    for rng in ws.merged_cells.ranges:
        spans[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
        covered |= {(r, c) for r in range(rng.min_row, rng.max_row + 1)
                    for c in range(rng.min_col, rng.max_col + 1)} - {(rng.min_row, rng.min_col)}
    return spans, covered


def cell_html(cell, span: tuple[int, int]) -> str:
    v = cell.value
    number = isinstance(v, int | float)
    text = "" if v is None else f"{v:,.0f}" if number and cell.number_format == "#,##0" else str(v)
    style = ["border:1px solid #999"] if cell.border.left.style else []
    fill = cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None
    style += [f"background:#{fill[2:]}"] if isinstance(fill, str) and len(fill) == 8 else []
    style += ["font-weight:bold"] if cell.font.bold else []
    style += ["text-align:right"] if number else []
    body = html.escape(text).replace("\n", "<br>")
    return f'<td rowspan="{span[0]}" colspan="{span[1]}" style="{";".join(style)}">{body}</td>'


def sheet_html(path: Path, sheet: str, max_rows: int) -> str:
    ws = load_workbook(path)[sheet]
    spans, covered = merges(ws)
    columns = min(ws.max_column, 12)
    widths = [ws.column_dimensions[chr(64 + c)].width or 9 for c in range(1, columns + 1)]
    rows = ["<tr>" + "".join(cell_html(ws.cell(r, c), spans.get((r, c), (1, 1)))
                             for c in range(1, columns + 1) if (r, c) not in covered) + "</tr>"
            for r in range(1, min(ws.max_row, max_rows) + 1)]
    cols = "".join(f'<col style="width:{w * 7.5:.0f}px">' for w in widths)
    return (f'<!doctype html><html lang="ja"><meta charset="utf-8"><style>{STYLE}</style>'
            f"<body><table>{cols}{''.join(rows)}</table></body></html>")


def main() -> None:
    src, sheet, out, max_rows = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
    page = out.with_suffix(".html")
    page.write_text(sheet_html(src, sheet, max_rows), encoding="utf-8")
    with browser.chromium() as driver:
        driver.get(page.resolve().as_uri())
        width = driver.execute_script("return document.body.scrollWidth") + 24
        height = driver.execute_script("return document.body.scrollHeight") + 24
        browser.screenshot(driver, out, width, height)
    page.unlink()


if __name__ == "__main__":
    main()
