"""Japanese for click's own words (Usage:, Options, error lines), so every line a user sees is Japanese.

click wraps its strings in gettext's `_`; each click module imported `_` by name, so we point those
module-level names at a lookup in our table. Strings not in the table stay as click wrote them.
"""

from __future__ import annotations

import importlib

CLICK_JA = {
    "Usage:": "使い方:",
    "Options": "オプション",
    "Commands": "コマンド",
    "Show this message and exit.": "このヘルプを表示して終了します。",
    "Show the version and exit.": "バージョンを表示して終了します。",
    "Error: {message}": "エラー: {message}",
    "Try '{command} {option}' for help.": "「{command} {option}」でヘルプを表示できます。",
    "No such option {name!r}.": "{name!r} というオプションはありません。",
    "No such command {name!r}.": "{name!r} というコマンドはありません。",
    "Missing command.": "コマンドを指定してください。",
    "Missing argument": "引数がありません",
    "Missing option": "オプションがありません",
    "Missing parameter": "パラメータがありません",
    "Missing parameter: {param_name}": "パラメータがありません: {param_name}",
    "Option {name!r} does not take a value.": "オプション {name!r} は値を取りません。",
    "Option {name!r} requires an argument.": "オプション {name!r} には値が必要です。",
    "Option {name!r} requires {nargs} arguments.": "オプション {name!r} には {nargs} 個の値が必要です。",
    "Invalid value for {param_hint}: {message}": "{param_hint} の値が正しくありません: {message}",
    "Invalid value: {message}": "値が正しくありません: {message}",
    "Aborted!": "中止しました。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} が存在しません。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} はフォルダです。",
    "{name} {filename!r} is a file.": "{name} {filename!r} はファイルです。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} を読めません。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} に書き込めません。",
    "{value!r} is not a valid {number_type}.": "{value!r} は正しい{number_type}ではありません。",
    "{value!r} is not one of {choices}.": "{value!r} は {choices} のいずれでもありません。",
    "{value!r} is not {choice}.": "{value!r} は {choice} ではありません。",
    "{value} is not in the range {range}.": "{value} は範囲 {range} の外です。",
    "Choose from:\n\t{choices}": "次から選んでください:\n\t{choices}",
    "file": "ファイル",
    "directory": "フォルダ",
    "path": "パス",
    "integer": "整数",
    "float": "数値",
    "default: {default}": "既定値: {default}",
    "required": "必須",
    "Got unexpected extra argument ({args})": "余分な引数があります（{args}）",
    "Got unexpected extra arguments ({args})": "余分な引数があります（{args}）",
}

_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils")


def _ja(text: str) -> str:
    return CLICK_JA.get(text, text)


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
