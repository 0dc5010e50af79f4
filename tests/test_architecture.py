"""The shape of the code: stage packages, imports one way, no cycles, no borrowed private names.

Read from the AST of every module under src/sheetflow, so imports inside functions count too.
See docs/architecture.md for the picture this test keeps true.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "sheetflow"
# Pipeline order, top to bottom: a stage may import its own package and any stage below it.
LAYERS = ["cli", "demo", "report", "ledger", "intake", "forms", "plan", "definition", "ground"]
GROUND = {"ground", "messages", "__init__"}  # sheetflow/__init__ holds only __version__
STAGE_PACKAGES = ["definition", "plan", "forms", "intake", "ledger", "report", "demo", "cli", "ground", "messages"]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def is_package(name: str) -> bool:
    return MODULES.get(name, Path()).name == "__init__.py"


def resolve(node: ast.ImportFrom, importer: str) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    if not is_package(importer):
        base = base[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def imports(name: str) -> Iterator[tuple[str, ast.AST]]:
    """(imported sheetflow module, node) for every import in module `name`, at any depth."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((a.name, node) for a in node.names if a.name.split(".")[0] == "sheetflow")
        elif isinstance(node, ast.ImportFrom):
            target = resolve(node, name)
            if target.split(".")[0] != "sheetflow":
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield (sub if sub in MODULES else target), node


def graph() -> dict[str, set[str]]:
    return {name: {t for t, _ in imports(name) if t != name} for name in MODULES}


def layer_of(module: str) -> str:
    parts = module.split(".")
    return "__init__" if len(parts) == 1 else parts[1]


def rank(module: str) -> int:
    layer = layer_of(module)
    return len(LAYERS) - 1 if layer in GROUND else LAYERS.index(layer)


def test_top_level_shows_the_pipeline():
    entries = sorted(p.name for p in PACKAGE.iterdir() if p.name != "__pycache__")
    assert len(entries) <= 12, entries
    for stage in STAGE_PACKAGES:
        assert (PACKAGE / stage / "__init__.py").is_file(), stage


def test_stages_import_only_downwards():
    wrong = [f"{m} → {t}" for m, targets in graph().items() for t in targets
             if layer_of(m) != "__main__" and rank(t) < rank(m)]
    assert wrong == []


def package_edges() -> dict[str, list[str]]:
    """Package → the other stage packages it imports, in STAGE order (sheetflow/__init__ left out)."""
    edges: dict[str, set[str]] = {name: set() for name in STAGE_PACKAGES}
    for module, targets in graph().items():
        for target in targets:
            if layer_of(module) in edges and layer_of(target) in edges and layer_of(target) != layer_of(module):
                edges[layer_of(module)].add(layer_of(target))
    order = ["cli", "demo", "report", "ledger", "intake", "forms", "plan", "definition", "ground", "messages"]
    return {name: sorted(found, key=order.index) for name, found in edges.items()}


def test_the_documented_import_graph_is_the_measured_one():
    text = (PACKAGE.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = text[text.index("Import graph between packages"):].split("\n\n")[1]
    rows = [line.strip("|").split("|") for line in table.splitlines()[2:]]
    documented = {name.strip(): [t.strip() for t in targets.split(",") if t.strip() != "—"] for name, targets in rows}
    assert documented == package_edges()


def test_only_main_imports_the_cli():
    wrong = [f"{m} → {t}" for m, targets in graph().items() for t in targets
             if layer_of(t) == "cli" and layer_of(m) not in ("cli", "__main__")]
    assert wrong == []


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        stack.pop()
        return []

    for start in sorted(edges):
        if start not in state and (found := visit(start)):
            return found
    return []


def test_no_import_cycle_between_modules():
    assert find_cycle(graph()) == []


def test_no_import_cycle_between_packages():
    edges: dict[str, set[str]] = {}
    for m, targets in graph().items():
        edges.setdefault(layer_of(m), set()).update(layer_of(t) for t in targets if layer_of(t) != layer_of(m))
    assert find_cycle(edges) == []


def test_no_private_name_imported_from_another_module():
    wrong = []
    for name in MODULES:
        for target, node in imports(name):
            if isinstance(node, ast.ImportFrom):
                wrong += [f"{name}: from {target} import {a.name}" for a in node.names
                          if a.name.startswith("_") and a.name != "__version__"]
    assert wrong == []


def test_package_inits_import_nothing_heavy():
    """Importing a stage package must not pull its modules in: commands import only what they use."""
    for stage in ("plan", "forms", "intake", "ledger", "report", "demo", "ground"):
        tree = ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8"))
        assert not [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)], stage


def test_tests_mirror_the_packages():
    tests = Path(__file__).parent
    for stage in ("plan", "forms", "intake", "ledger", "report", "demo", "cli", "ground"):
        assert list((tests / stage).glob("test_*.py")), stage


@pytest.mark.parametrize("cycle, expected", [({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]), ({"a": {"b"}}, [])])
def test_cycle_finder_finds_cycles(cycle, expected):
    assert find_cycle(cycle) == expected
