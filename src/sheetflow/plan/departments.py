"""Department texts of the plan: 「総) ICT推進室、総務課」 → 部 + 課 (the legend of prefixes)."""

from __future__ import annotations

import re
import unicodedata

from sheetflow import messages as msg
from sheetflow.plan.model import Department

_PREFIXED = re.compile(r"^(.)\)\s*(.+)$")


def parse_departments(text: str, prefixes: dict[str, str], generic: tuple[str, ...],
                      standalone: tuple[str, ...]) -> tuple[list[Department], list[str]]:
    """Split a 担当部署 text ("総) ICT推進室、総務課、環) …") into departments; also return problems.

    A prefix applies to the following names until the next prefix; generic owners are skipped.
    Problems are returned as (kind, detail) strings for the caller to turn into messages.
    """
    depts: list[Department] = []
    problems: list[str] = []
    bu = ""
    norm = unicodedata.normalize("NFKC", text or "")
    for token in (t.strip() for t in re.split(msg.PLAN_DEPT_SEPARATORS, norm)):
        if not token:
            continue
        m = _PREFIXED.match(token)
        if m:
            if m.group(1) not in prefixes:
                problems.append(f"prefix:{m.group(1)}")
                continue
            bu, token = prefixes[m.group(1)], m.group(2).strip()
        if token in generic:
            continue
        if token in standalone:
            depts.append(Department("", token))
        elif bu:
            depts.append(Department(bu, token))
        else:
            problems.append(f"noprefix:{token}")
    return depts, problems
