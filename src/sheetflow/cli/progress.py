"""The one progress bar of the commands that go over many files: rich, on stderr, only on a terminal.

Where stderr is not a terminal (a log file, a script, a .cmd launcher's redirect) there is no bar and rich
is not even imported (about 60 ms of start-up)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Step = Callable[..., None]  # step(description="", completed=None, total=None); completed None = one more


@contextmanager
def progress_bar(label: str, total: int | None = None, details: bool = False) -> Iterator[Step]:
    """A transient bar labelled `label`; details=True shows each step's description after the count."""
    if not sys.stderr.isatty():
        yield _nothing
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    columns = [TextColumn(label), BarColumn(), MofNCompleteColumn(), *([TextColumn("{task.description}")] * details)]
    bar = Progress(*columns, console=console, transient=True, disable=not console.is_terminal)
    task = bar.add_task("", total=total)

    def step(description: str = "", completed: int | None = None, total: int | None = None) -> None:
        if completed is None:
            bar.update(task, advance=1, description=description, total=total)
        else:
            bar.update(task, completed=completed, description=description, total=total)

    with bar:
        yield step


def _nothing(*args: object, **kwargs: object) -> None:
    return None
