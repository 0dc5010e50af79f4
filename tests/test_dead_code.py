"""No dead code: every function, class, method and constant defined under src/sheetflow, and every name of
the message catalogue, is used by sheetflow itself (or by scripts/), not only by the tests.

Read from the AST, as vulture does, but without its false alarms: a name counts as used when it is loaded,
read as an attribute, imported, or named in a string (getattr, click's lazy command table). The few
definitions called only from outside are listed below with the reason.
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "sheetflow"
USERS = [*sorted(PACKAGE.rglob("*.py")), *sorted((ROOT / "scripts").rglob("*.py"))]

CALLED_FROM_OUTSIDE = {
    "PeriodType.convert", "FiscalYearType.convert",  # click.ParamType: click calls it
    "Sheetflow.get_command",  # click.Group: click calls it
    "_ChunkReader.readinto",  # io.RawIOBase: io.BufferedReader calls it
    "build_report", "build_publication",  # the pure cores (frames in, bytes out), documented as such
    "registry_markdown",  # docs/findings.md is this text (tests/intake/test_findings_registry.py)
}


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def used_names() -> Counter[str]:
    used: Counter[str] = Counter()
    for path in USERS:
        for node in ast.walk(tree(path)):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                used[node.id] += 1
            elif isinstance(node, ast.Attribute):
                used[node.attr] += 1
            elif isinstance(node, ast.alias):
                used[node.name] += 1
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
                used[node.value] += 1
    return used


def assigned(node: ast.stmt) -> list[str]:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) \
        and node.value is not None else []
    return [t.id for t in targets if isinstance(t, ast.Name)]


def definitions(path: Path) -> Iterator[tuple[str, str]]:
    """(shown name, name) of the module-level functions, classes and constants, and the classes' methods.
    Functions registered by a decorator (click commands, fixtures) and dunder names are left out."""
    for node in tree(path).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and not node.decorator_list:
            yield node.name, node.name
        for name in assigned(node):
            yield name, name
        if isinstance(node, ast.ClassDef):
            yield from ((f"{node.name}.{m.name}", m.name) for m in node.body
                        if isinstance(m, ast.FunctionDef) and not m.name.startswith("__"))


def shown_path(path: Path) -> str:
    return str(path.relative_to(PACKAGE)) if PACKAGE in path.parents else path.name


def unused(paths: list[Path]) -> list[str]:
    used = used_names()
    return [f"{shown_path(p)}: {shown}" for p in paths for shown, name in definitions(p)
            if not name.startswith("__") and not used[name] and shown not in CALLED_FROM_OUTSIDE]


def test_every_definition_is_used():
    code = [p for p in USERS if PACKAGE in p.parents and "messages" not in p.relative_to(PACKAGE).parts]
    assert unused(code) == []


def test_every_message_is_used():
    assert unused(sorted((PACKAGE / "messages").glob("*.py"))) == []


def test_an_unused_definition_is_found(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("LIMIT = 3\n\ndef main():\n    pass\n\ndef never_called_anywhere():\n    pass\n", encoding="utf-8")
    assert unused([module]) == ["module.py: LIMIT", "module.py: never_called_anywhere"]  # main: sheetflow's own
