"""HTML building blocks of the publication page: escaping, sections, tables, and tables that become one
card per row on a phone (ARIA roles keep their semantics when CSS re-displays them)."""

from __future__ import annotations

import html

from sheetflow import messages as msg


def escape(value: object) -> str:
    """Escape any text for HTML (department text is data, never markup); newlines become <br>."""
    return html.escape("" if value is None else str(value), quote=True).replace("\n", "<br>")


def tr(cells: list[str], attrs: str = "") -> str:
    return f"<tr{attrs}>" + "".join(cells) + "</tr>"


def thead(headers: tuple[str, ...] | list[str]) -> str:
    return "<thead>" + tr([f'<th scope="col">{escape(h)}</th>' for h in headers]) + "</thead>"


def section(key: str, heading: str, body: str, page_break: bool = False) -> str:
    cls = ' class="page"' if page_break else ""
    return f'<section id="{key}"{cls}>\n<h2>{escape(heading)}</h2>\n{body}</section>\n'


def table(caption: str, headers: tuple[str, ...] | list[str], rows: list[str], cls: str = "",
           foot: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    tfoot = f"<tfoot>\n{foot}\n</tfoot>\n" if foot else ""
    return (f"<table{klass}>\n<caption>{escape(caption)}</caption>\n{thead(headers)}\n<tbody>\n" + "\n".join(rows)
            + f"\n</tbody>\n{tfoot}</table>\n")


def scroll(key: str, table: str) -> str:
    """A wide table that scrolls inside its own region (keyboard-focusable, named by its caption)."""
    table = table.replace("<caption>", f'<caption id="{key}-caption">', 1)
    return f'<div class="scroll" role="region" tabindex="0" aria-labelledby="{key}-caption">\n{table}</div>\n'


def figure_html(svg: str, caption: str) -> str:
    return f"<figure>\n<figcaption>{escape(caption)}</figcaption>\n{svg}\n<p class=\"note\">{escape(msg.PUBLISH_CHART_NOTE)}</p>\n</figure>\n"


def cards_table(caption: str, headers: tuple[str, ...], rows: list[list[tuple[str, str, str]]],
                 ids: list[str] | None = None) -> str:
    """A table whose rows become cards on a phone; ARIA roles keep its semantics when CSS re-displays it.

    Each cell is (tag, css class, html); a 'th' cell is the row's header."""
    head = ("<thead role=\"rowgroup\"><tr role=\"row\">"
            + "".join(f'<th scope="col" role="columnheader">{escape(h)}</th>' for h in headers) + "</tr></thead>")
    body = []
    for n, cells in enumerate(rows):
        row_id = f' id="{ids[n]}"' if ids else ""
        body.append(tr([card_cell(tag, cls, content, label) for (tag, cls, content), label in zip(cells, headers, strict=True)],
                        f'{row_id} role="row"'))
    return (f'<table class="cards" role="table">\n<caption>{escape(caption)}</caption>\n{head}\n<tbody role="rowgroup">\n'
            + "\n".join(body) + "\n</tbody>\n</table>\n")


def card_cell(tag: str, cls: str, content: str, label: str) -> str:
    klass = f' class="{cls}"' if cls else ""
    role = 'scope="row" role="rowheader"' if tag == "th" else 'role="cell"'
    return f'<{tag} {role}{klass} data-label="{escape(label)}">{content}</{tag}>'
