"""Japanese for click's own words (Usage:, Options, error lines), so every line a user sees is Japanese.

click wraps its strings in gettext's `_`; each click module imported `_` by name, so we point those
module-level names at a lookup in the table msg.CLI_CLICK_JA (messages/cli.py). Strings not in the table stay as click wrote them.
"""

from __future__ import annotations

import importlib

from sheetflow import messages as msg

_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils")


def _ja(text: str) -> str:
    return msg.CLI_CLICK_JA.get(text, text)


def _ngettext_ja(singular: str, plural: str, n: int) -> str:
    return _ja(singular if n == 1 else plural)


def install() -> None:
    """Route click's gettext lookups through the Japanese table."""
    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _ja
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext_ja
