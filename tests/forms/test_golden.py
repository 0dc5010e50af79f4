"""Golden reference workbooks: the built-in forms and the council workbook built now are, part by part, the
ones in tests/data/golden (written by scripts/golden_forms.py from the code as it was; how they are built and
compared: tests/support/golden.py). A difference names the part and its first differing line; when the change
is meant, rerun the script and commit the new files with it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from golden import GOLDEN, NAMES, build_golden, parts, parts_differ

HINT = "\nthe form changed; if that is intended, rerun scripts/golden_forms.py and commit tests/data/golden"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The four workbooks built now, the way the references were."""
    root = tmp_path_factory.mktemp("golden")
    build_golden(root / "workspace", root / "out")
    return root / "out"


@pytest.mark.parametrize("name", NAMES)
def test_the_workbook_built_now_is_the_golden_one(built, name):
    problems = parts_differ(GOLDEN / name, built / name)
    assert not problems, "\n".join(problems) + HINT


def _copy(src: Path, dst: Path, part: str, edit) -> Path:
    """A copy of the workbook with one part's text edited (edit(text) -> text; None drops the part)."""
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts(src).items():
            if name != part:
                z.writestr(name, data)
            elif (text := edit(data.decode("utf-8"))) is not None:
                z.writestr(name, text.encode("utf-8"))
    return dst


def test_the_comparison_names_the_part_and_line_of_a_changed_cell(tmp_path):
    golden = GOLDEN / "form-2025H1.xlsx"
    sheet = "xl/worksheets/sheet2.xml"  # 進捗報告: A4 holds the No. of its first item (2)
    changed = _copy(golden, tmp_path / "changed.xlsx", sheet, lambda t: t.replace('<c r="A4" s="6"><v>2</v>',
                                                                                '<c r="A4" s="6"><v>7</v>', 1))
    assert parts_differ(golden, changed) == [
        f"{sheet} line 113 (in <c r=\"A4\" s=\"6\">): expected '<v>2</v>', got '<v>7</v>'"]
    assert parts_differ(golden, _copy(golden, tmp_path / "same.xlsx", sheet, lambda t: t)) == []
    dropped = _copy(golden, tmp_path / "dropped.xlsx", "docProps/app.xml", lambda t: None)
    assert parts_differ(golden, dropped) == ["missing part docProps/app.xml"]
