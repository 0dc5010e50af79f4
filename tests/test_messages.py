"""The message catalogue: every text a user sees lives in sheetflow.messages and survives cp932.

cp932 is what Japanese Windows (Excel's CSV, the console, many mail clients) still uses, so a
character outside it turns into '?' somewhere on a department's PC.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from sheetflow import messages

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sheetflow"
JAPANESE = re.compile(r"[\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")

# Input-only tables: characters people may type that sheetflow reads (and maps to "-"), never writes.
# They must keep every look-alike dash, cp932 or not.
READ_ONLY = {"PERIOD_DASHES", "NUMBER_MINUS_SIGNS"}

NOT_SCANNED = {"messages"}  # the catalogue itself


def catalogue_modules() -> list[ModuleType]:
    mods = [messages]
    for info in pkgutil.iter_modules(messages.__path__):
        mods.append(importlib.import_module(f"{messages.__name__}.{info.name}"))
    return mods


def strings(value: object, where: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every str inside value, through tuples, lists, sets and dicts."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, tuple | list | set | frozenset):
        for i, v in enumerate(value):
            yield from strings(v, f"{where}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(k, f"{where} key")
            yield from strings(v, f"{where}[{k!r}]")


def catalogue_strings() -> list[tuple[str, str]]:
    out = []
    for mod in catalogue_modules():
        for name, value in vars(mod).items():
            if name.startswith("_") or name in READ_ONLY:
                continue
            out += strings(value, f"{mod.__name__}.{name}")
    return out


def test_catalogue_is_not_empty():
    assert len(catalogue_strings()) > 300


def test_every_message_encodes_in_cp932():
    wrong = []
    for where, text in catalogue_strings():
        try:
            text.encode("cp932")
        except UnicodeEncodeError as e:
            wrong.append(f"{where}: {text[e.start:e.end]!r} (U+{ord(text[e.start]):04X})")
    assert wrong == []


def scanned_files() -> list[Path]:
    def skipped(path: Path) -> bool:
        rel = path.relative_to(PACKAGE).as_posix()
        return any(rel == s or rel.startswith(s + "/") for s in NOT_SCANNED)

    return [p for p in sorted(PACKAGE.rglob("*.py")) if not skipped(p)]


def docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


@pytest.mark.parametrize("path", scanned_files(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_japanese_text_outside_the_catalogue(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = docstrings(tree)
    wrong = [f"line {n.lineno}: {n.value!r}" for n in ast.walk(tree)
             if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
             and JAPANESE.search(n.value)]
    assert wrong == []


def test_the_scan_sees_the_stage_modules():
    names = {p.relative_to(PACKAGE).as_posix() for p in scanned_files()}
    assert {"forms/layout.py", "ground/periods.py", "demo/fill.py", "report/publish.py", "intake/checks.py"} <= names
    assert {"cli/app.py", "cli/clickja.py", "cli/ledger.py"} <= names
    assert not any(n.startswith("messages/") for n in names)


def test_the_catalogue_imports_no_other_sheetflow_package():
    wrong = []
    for path in sorted((PACKAGE / "messages").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            wrong += [f"{path.name}: {n}" for n in names
                      if n.split(".")[0] == "sheetflow" and not n.startswith("sheetflow.messages")]
    assert wrong == []
