"""Edited copies of the shipped form definition, written as an office would keep them (YAML rows here; the
export → Excel path is tested in tests/definition and tests/test_form_definition_e2e.py)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from sheetflow.definition import workspace as DW


def edited_definition(path: Path, fields: list[dict] = (), choices: list[dict] = (), after: str = "") -> Path:
    """The built-in definition with `fields` added to 項目 (after the field `after` of their table, else after
    the table's last field) and `choices` appended to 選択肢, written as YAML (or JSON for a .json path)."""
    data = json.loads(DW.builtin_path().read_text(encoding="utf-8"))
    rows = data["項目"]
    for row in fields:
        same = [i for i, r in enumerate(rows) if r["表ID"] == row["表ID"] and (not after or r["項目ID"] == after)]
        rows.insert(max(same) + 1, row)
        after = row["項目ID"] if after else ""
    data["選択肢"] += list(choices)
    if path.suffix == ".json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
