"""The one progress bar: on a terminal it counts the steps; redirected, there is none (and no rich)."""

from __future__ import annotations

import inspect
import subprocess
import sys

from sheetflow.cli import progress


class _Terminal:
    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def test_on_a_terminal_the_bar_counts_every_step(monkeypatch):
    monkeypatch.setattr(sys, "stderr", _Terminal())
    with progress.progress_bar("検査中", 3, details=True) as step:
        for name in ("a.xlsx", "b.xlsx", "c.xlsx"):
            step(name)
        bar = inspect.getclosurevars(step).nonlocals["bar"]  # the rich Progress behind the step
        [task] = bar.tasks
        assert (task.completed, task.total, task.description) == (3, 3, "c.xlsx")


def test_redirected_stderr_gets_no_bar_and_rich_is_not_imported():
    code = ("import sys; from sheetflow.cli.progress import progress_bar\n"
            "with progress_bar('x', 2) as step: step('a'); step(completed=2, total=2)\n"
            "print('rich' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
