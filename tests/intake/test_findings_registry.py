"""The finding-code registry (sheetflow.messages.findings → sheetflow.ground.findings.REGISTRY): the docs
table is generated from it, every code the source uses is registered, every registered code is used, and
every call site fills its template's fields."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from sheetflow.ground.findings import (
    ERROR,
    REGISTRY,
    SEVERITY_LABELS,
    WARNING,
    Findings,
    finding,
    registry_markdown,
)

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "sheetflow"
REGISTRY_SOURCES = {PACKAGE / "messages" / "findings.py", PACKAGE / "ground" / "findings.py"}
# function name → position of the code argument (safety.check_bytes' `refuse` wraps `finding`)
CODE_ARG = {"add": 0, "finding": 1, "refuse": 0}
LOCATION = ("sheet", "cell", "item_no", "before", "after")
# the only calls that pass a code held in a variable: normalisations recorded by their Change.code, and
# the wrapper in safety.check_bytes
DYNAMIC = {("intake/entries.py", "_record"), ("intake/safety.py", "refuse"), ("intake/fields.py", "read_defined")}


def sources() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))
            if p not in REGISTRY_SOURCES}


def code_calls() -> list[tuple[str, str, ast.expr, set[str]]]:
    """(module path, innermost enclosing function, code argument, explicit keyword names) of every finding
    call (a call with a variable as its code counts only with keywords: `set.add(x)` is not one)."""
    out = []
    for path, tree in sources().items():
        for fn, call in calls_in(tree, ""):
            name = getattr(call.func, "attr", getattr(call.func, "id", ""))
            pos = CODE_ARG.get(name)
            if pos is None or len(call.args) <= pos:
                continue
            arg = call.args[pos]
            literal = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            if literal or (not isinstance(arg, ast.Constant) and call.keywords):
                keywords = {k.arg for k in call.keywords if k.arg}
                out.append((path.relative_to(PACKAGE).as_posix(), fn, arg, keywords))
    return out


def calls_in(node: ast.AST, fn: str):
    """(innermost function name, call) of every call under node."""
    for child in ast.iter_child_nodes(node):
        inner = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else fn
        if isinstance(child, ast.Call):
            yield fn, child
        yield from calls_in(child, inner)


def literal_calls():
    return [(where, fn, arg.value, kw) for where, fn, arg, kw in code_calls() if isinstance(arg, ast.Constant)]


def dynamic_calls():
    return [(where, fn, kw) for where, fn, arg, kw in code_calls() if not isinstance(arg, ast.Constant)]


def fields_of(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def templates_of(code: str) -> list[str]:
    kind = REGISTRY[code]
    return [kind.template, *(t for _, t in kind.variants)]


# --- (a) the docs table is the registry ----------------------------------------------------------

def test_docs_table_is_generated_from_the_registry() -> None:
    assert (ROOT / "docs" / "findings.md").read_text(encoding="utf-8") == registry_markdown()


def test_table_has_one_row_per_code() -> None:
    rows = [line for line in registry_markdown().splitlines() if line.startswith("| `")]
    assert [r.split("`")[1] for r in rows] == list(REGISTRY)
    assert registry_markdown().count("| コード | 区分 | 見出し | 内容 | 対処 |") == 1


def test_every_kind_is_complete() -> None:
    assert len(REGISTRY) >= 40
    for code, kind in REGISTRY.items():
        assert kind.code == code and kind.severity in SEVERITY_LABELS, code
        assert kind.title and kind.template and kind.fix, code
        assert "|" not in kind.title + kind.template + kind.fix and "\n" not in kind.template, code


# --- (b) codes in the source and in the registry are the same ------------------------------------

def test_every_code_used_is_registered() -> None:
    calls = literal_calls()
    assert len(calls) > 40
    assert sorted({c for _, _, c, _ in calls} - set(REGISTRY)) == []


def test_only_known_places_pass_a_code_in_a_variable() -> None:
    assert {(where, fn) for where, fn, _ in dynamic_calls()} == DYNAMIC


def test_every_registered_code_is_used() -> None:
    constants = {n.value for tree in sources().values() for n in ast.walk(tree)
                 if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    assert sorted(set(REGISTRY) - constants) == []


# --- (c) every call site fills its template ------------------------------------------------------

def test_every_call_site_fills_its_template() -> None:
    for where, fn, code, keywords in literal_calls():
        for template in templates_of(code):
            missing = fields_of(template) - keywords
            assert not missing, f"{where} {fn}: {code} needs {sorted(missing)}"
            sample = dict.fromkeys(keywords | set(LOCATION), 1)
            assert template.format(**sample)


def test_codes_recorded_by_variable_are_filled_by_that_call() -> None:
    literal = {c for _, _, c, _ in literal_calls()}
    recorded = [kw for where, fn, kw in dynamic_calls()
                if (where, fn) in {("intake/entries.py", "_record"), ("intake/fields.py", "read_defined")}]
    assert recorded
    for code in set(REGISTRY) - literal:
        for template in templates_of(code):
            assert any(fields_of(template) <= kw for kw in recorded), code


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_every_code_makes_a_finding_from_a_sample(code: str) -> None:
    sample = dict.fromkeys(set().union(*map(fields_of, templates_of(code))) - set(LOCATION), 1)
    f = finding("a.xlsx", code, sheet="進捗報告", cell="A1", item_no=1, before="x", after="y", **sample)
    assert (f.file, f.code, f.severity, f.where) == ("a.xlsx", code, REGISTRY[code].severity, "進捗報告!A1")
    assert f.message == REGISTRY[code].template.format(sheet="進捗報告", cell="A1", item_no=1, before="x",
                                                       after="y", **sample)


# --- the collector -------------------------------------------------------------------------------

def test_findings_take_severity_and_text_from_the_registry() -> None:
    f = Findings("a.xlsx")
    f.add("status.missing", sheet="進捗報告", cell="G4", item_no=1)
    f.add("kpi.approximate", sheet="指標実績", cell="J4", before="約3", after="3")
    assert [(x.severity, x.message) for x in f.items] == [
        (ERROR, "「進捗状況」が未記入です。一覧から選んでください。"),
        (WARNING, "「実績値」の「約3」は概数のため 3 として読み込みました。正確な値が分かれば記入し直してください。")]


def test_unknown_code_or_missing_field_is_refused() -> None:
    with pytest.raises(KeyError):
        Findings("a.xlsx").add("status.unknown")
    with pytest.raises(KeyError):
        finding("a.xlsx", "status.invalid", value="x")  # choices missing
