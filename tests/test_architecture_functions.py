"""Small functions: no function body under src/sheetflow runs past MAX_BODY_LINES lines.

The body is counted from its first statement after the docstring to its last line, blank lines and
comments included. Complexity is kept by ruff's McCabe rule (C90, max-complexity in pyproject.toml).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sheetflow"
MAX_BODY_LINES = 40


def body_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    body = node.body
    first = body[0]
    has_docstring = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
        and isinstance(first.value.value, str)
    start = body[1].lineno if has_docstring and len(body) > 1 else first.lineno
    return (node.end_lineno or start) - start + 1


def function_sizes() -> Iterator[tuple[str, int]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name}"
                yield where, body_lines(node)


def test_functions_are_found() -> None:
    assert sum(1 for _ in function_sizes()) > 100


def test_no_function_body_exceeds_the_limit() -> None:
    offenders = [f"{where} ({n} lines)" for where, n in function_sizes() if n > MAX_BODY_LINES]
    assert not offenders, f"function bodies over {MAX_BODY_LINES} lines: {offenders}"


def test_the_line_count_skips_the_docstring() -> None:
    tree = ast.parse('def f():\n    """Doc."""\n    a = 1\n    return a\n')
    assert body_lines(tree.body[0]) == 2
