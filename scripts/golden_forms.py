"""Rewrite the golden reference workbooks of the built-in forms (tests/data/golden/*.xlsx), which
tests/forms/test_golden.py compares part by part with what the code builds now.

    python scripts/golden_forms.py

Run it deliberately, when a change of the forms is intended (or sheetflow's version changes), and commit the
files with the change: the test then pins the new output. What is built, and how: tests/support/golden.py.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "support"))
import golden  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for path in golden.build_golden(Path(tmp) / "workspace", golden.GOLDEN):
            print(path)


if __name__ == "__main__":
    main()
