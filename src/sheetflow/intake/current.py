"""The current state of a set of returned files: per department and period, the newest file decides.

A department that sent a bad file and then a corrected one is no longer "returned": the newer file
(by the time saved in the file, then the file time, then the name) replaces the older ones, which
`check` lists as 置き換え済み and leaves out of its exit code (a byte-identical copy of the current file
as 同一のファイル, under the same department). The ledger orders resubmissions the same
way (ledger/apply.order_at). Files without an identity cannot be matched to a department and always count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sheetflow.intake.model import Submission


@dataclass(frozen=True)
class Checked:
    submission: Submission
    replaced_by: Path | None = None  # the newer file of the same department and period
    identical: bool = False  # replaced_by is a byte-identical copy (the same SHA-256), not a newer version

    @property
    def current(self) -> bool:
        return self.replaced_by is None


def _stamp(value: datetime, naive_is_utc: bool) -> float:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC) if naive_is_utc else value.astimezone()
    return value.timestamp()


def _order(sub: Submission) -> tuple:
    """saved_at (naive = UTC, as docProps/core.xml writes it), else mtime (naive = local); then mtime, name."""
    saved = _stamp(sub.saved_at, True) if sub.saved_at else _stamp(sub.mtime, False)
    return (saved, _stamp(sub.mtime, False), sub.path.name)


def current_state(subs: list[Submission]) -> list[Checked]:
    """Every file, in the given order, with the file that replaces it (None for the current ones)."""
    newest: dict[tuple[str, str], Submission] = {}
    for sub in subs:
        if sub.identity is None:
            continue
        key = (sub.identity.period, sub.identity.department)
        if key not in newest or _order(sub) > _order(newest[key]):
            newest[key] = sub
    out = []
    for sub in subs:
        top = newest.get((sub.identity.period, sub.identity.department)) if sub.identity else None
        if top is None or top is sub:
            out.append(Checked(sub))
        else:
            out.append(Checked(sub, top.path, bool(sub.sha256) and sub.sha256 == top.sha256))
    return out


def exit_code(checked: list[Checked]) -> int:
    """1 when a current file is returned or unreadable, else 0 (replaced files do not count)."""
    return 0 if all(c.submission.accepted for c in checked if c.current) else 1
