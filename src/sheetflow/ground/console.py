"""Console output that never crashes: a cp932 console (redirected, piped, Task Scheduler) gets '?' for the
characters it lacks, names from Macs (NFD) are shown composed (NFC), and JSON is always UTF-8 bytes.

Only what is printed is changed: file names and data on disk are never touched.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable


class NfcStream:
    """A text stream that writes NFC text; everything else is the wrapped stream's."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(unicodedata.normalize("NFC", text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _safe(stream):
    """The stream with errors="replace" (what it had before, to restore)."""
    before = getattr(stream, "errors", None)
    try:
        stream.reconfigure(errors="replace")
    except (AttributeError, ValueError, OSError):
        return None
    return before


def setup_console() -> Callable[[], None]:
    """Make sys.stdout / sys.stderr safe for this invocation; returns the function that undoes it."""
    undo = []
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or isinstance(stream, NfcStream):
            continue
        before = _safe(stream)
        setattr(sys, name, NfcStream(stream))
        undo.append((name, stream, before))

    def restore() -> None:
        for name, stream, before in undo:
            setattr(sys, name, stream)
            if before is not None:
                try:
                    stream.reconfigure(errors=before)
                except (AttributeError, ValueError, OSError):
                    pass

    return restore


def write_json(text: str) -> None:
    """JSON on stdout as UTF-8 bytes, whatever the console's encoding."""
    out = sys.stdout
    out.flush()
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(text + "\n")
        return
    buffer.write((text + "\n").encode("utf-8"))
    buffer.flush()
