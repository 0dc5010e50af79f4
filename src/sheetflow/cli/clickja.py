"""Japanese for click's own words (Usage:, Options, error lines), so every line a user sees is Japanese.

click wraps its strings in gettext's `_`; each click module imported `_` by name, so we point those
module-level names at a lookup in the table msg.CLI_CLICK_JA (messages/cli.py). Strings not in the table
stay as click wrote them. Three things click builds without gettext are set here too: the names of its
parameter types (「'abc' は正しい整数ではありません」), the "Missing option '--x'." line, and the range
text of IntRange (「1989<=x<=2200」 → 「1989～2200」).
"""

from __future__ import annotations

import importlib

from click import exceptions, types

from sheetflow import messages as msg

_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils")
_TYPES = {"integer": (types.IntParamType,), "integer range": (types.IntRange,), "float": (types.FloatParamType,),
          "float range": (types.FloatRange,), "boolean": (types.BoolParamType,), "text": (types.StringParamType,),
          "datetime": (types.DateTime,), "uuid": (types.UUIDParameterType,)}


def _ja(text: str) -> str:
    return msg.CLI_CLICK_JA.get(text, text)


def _ngettext_ja(singular: str, plural: str, n: int) -> str:
    return _ja(singular if n == 1 else plural)


def _missing_message(self: exceptions.MissingParameter) -> str:
    """「オプション '--year' を指定してください。」 (click: "Missing option '--year'.")."""
    hint = self.param_hint if self.param_hint is not None else (
        self.param.get_error_hint(self.ctx) if self.param is not None else "")
    if hint is not None and not isinstance(hint, str):
        hint = " / ".join(repr(x) for x in hint)
    kind = self.param_type or (self.param.param_type_name if self.param is not None else "parameter")
    text = msg.CLI_MISSING.get(kind, msg.CLI_MISSING["parameter"]).format(name=hint or "")
    extra = self.param.type.get_missing_message(param=self.param, ctx=self.ctx) if self.param is not None else None
    return text + (f"\n{extra}" if extra else "")


def _describe_range(self) -> str:
    low = "" if self.min is None else str(self.min)
    high = "" if self.max is None else str(self.max)
    return msg.CLI_RANGE.format(low=low, high=high)


def install() -> None:
    """Route click's gettext lookups through the Japanese table; name click's types in Japanese."""
    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _ja
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext_ja
    for english, classes in _TYPES.items():
        for cls in classes:
            cls.name = msg.CLI_CLICK_TYPE_NAMES.get(english, english)
    exceptions.MissingParameter.format_message = _missing_message
    for cls in (types.IntRange, types.FloatRange):
        cls._describe_range = _describe_range
