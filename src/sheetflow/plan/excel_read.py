"""`plan import`: the editable sheets of a plan workbook back into the plan file's data (plan.excel's COLUMNS).

Every problem names the sheet and the cell (Japanese); a sheet or column that is missing stops the import
before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.ground.periods import PeriodError, parse_period

Columns = Callable[[str, range], list[tuple[str, str, str]]]


def _a1(row: int, col: int) -> str:
    name, n = "", col + 1
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return f"{name}{row + 1}"


class Sheets:
    """The workbook's sheets as rows of cell values, and the problems found while reading them."""

    def __init__(self, path: Path):
        from python_calamine import CalamineError, CalamineWorkbook

        try:
            book = CalamineWorkbook.from_path(str(path))
            self.rows = {n: book.get_sheet_by_name(n).to_python() for n in book.sheet_names}
        except (CalamineError, OSError, ValueError) as exc:
            raise msg.UserError(msg.PLAN_IMPORT_UNREADABLE.format(path=path, error=exc)) from exc
        self.path = path
        self.problems: list[str] = []

    def table(self, sheet: str, cols: list[tuple[str, str, str]]) -> list[dict]:
        """One dict per data row (path → value), empty cells left out; missing columns stop the import."""
        name = msg.PLAN_SHEET_NAMES[sheet]
        rows = self.rows.get(name)
        if rows is None:
            raise msg.UserError(msg.PLAN_IMPORT_NO_SHEET.format(path=self.path, sheet=name))
        header = [str(v).strip() for v in (rows[0] if rows else [])]
        missing = [h for h, _, _ in cols if h not in header]
        if missing:
            raise msg.UserError(msg.PLAN_IMPORT_NO_COLUMNS.format(path=self.path, sheet=name,
                                                                  columns=msg.CLI_LIST_SEPARATOR.join(missing)))
        where = {h: header.index(h) for h, _, _ in cols}
        out = []
        for r, row in enumerate(rows[1:], start=1):
            entry = {}
            for h, path, kind in cols:
                c = where[h]
                value = self.value(row[c] if c < len(row) else "", kind, name, _a1(r, c))
                if value is not None:
                    entry[path] = value
            if entry:
                out.append(entry)
        return out

    def value(self, cell: object, kind: str, sheet: str, address: str) -> object:
        if cell is None or (isinstance(cell, str) and cell.strip() == ""):
            return [] if kind in ("list", "years") else (False if kind == "bool" else None)
        try:
            return _CONVERT[kind](cell)
        except (TypeError, ValueError):
            self.problems.append(msg.PLAN_IMPORT_BAD_CELL.format(sheet=sheet, cell=address, value=cell,
                                                                 expected=msg.PLAN_IMPORT_EXPECTED[kind]))
            return None


def _int(cell: object) -> int:
    number = float(str(cell).strip()) if isinstance(cell, str) else float(cell)
    if not number.is_integer():
        raise ValueError(cell)
    return int(number)


def _number(cell: object) -> int | float:
    number = float(str(cell).strip()) if isinstance(cell, str) else float(cell)
    return int(number) if number.is_integer() else number


def _bool(cell: object) -> bool:
    text = str(cell).strip()
    if text in msg.PLAN_IMPORT_TRUE:
        return True
    if text in msg.PLAN_IMPORT_FALSE:
        return False
    raise ValueError(cell)


def _text(cell: object) -> str:
    return str(int(cell)) if isinstance(cell, float) and cell.is_integer() else str(cell)


_CONVERT = {"int": _int, "number": _number, "bool": _bool, "text": _text,
            "list": lambda c: [line for line in _text(c).split("\n") if line.strip()],
            "years": lambda c: [_int(line) for line in _text(c).split("\n") if line.strip()]}


def nest(flat: dict) -> dict:
    """{"goal.year": 2029, "schedule.2025": "…"} → {"goal": {"year": 2029}, "schedule": {2025: "…"}}."""
    out: dict = {}
    for path, value in flat.items():
        parts = path.split(".")
        node = out
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[int(parts[-1]) if parts[-1].isdigit() else parts[-1]] = value
    return out


def read_sheets(path: Path, columns: Columns) -> dict:
    """The plan file's data from the workbook (UserError naming sheets and cells on any problem)."""
    sheets = Sheets(path)
    head = {e["key"]: e.get("value") for e in sheets.table("plan", [("key", "key", "text"), ("value", "value", "text")])}
    years = _years(head, sheets)
    parts = {s: [nest(e) for e in sheets.table(s, columns(s, years))] for s in
             ("themes", "items", "kpis", "estimates", "confirm", "practices", "prefixes")}
    if sheets.problems:
        raise msg.UserError(msg.PLAN_IMPORT_PROBLEMS.format(path=path, count=len(sheets.problems)) + "\n" +
                            "\n".join(f"  - {p}" for p in sheets.problems))
    return assemble(head, parts)


def _years(head: dict, sheets: Sheets) -> range:
    try:
        return range(int(head.get("first_year") or 0), int(head.get("last_year") or 0) + 1)
    except ValueError as exc:
        raise msg.UserError(msg.PLAN_IMPORT_NO_YEARS.format(path=sheets.path)) from exc


def assemble(head: dict, parts: dict[str, list[dict]]) -> dict:
    """The sheets' entries as one plan file's data (per-item entries back under their item)."""
    plan = {k: _head_value(k, v) for k, v in head.items() if k not in ("generic_owners", "standalone") and v}
    raw = {"plan": plan, "prefixes": {p["prefix"]: p.get("bu", "") for p in parts["prefixes"]},
           "generic_owners": _lines(head.get("generic_owners")), "standalone": _lines(head.get("standalone")),
           "themes": parts["themes"], "items": [_item(i, parts) for i in parts["items"]]}
    return raw


def _head_value(key: str, value: str) -> object:
    if key in ("version", "first_year", "last_year") and value.strip().lstrip("-").isdigit():
        return int(value)
    if key == "effective_from":
        try:
            return parse_period(value).short_label
        except PeriodError:
            return value
    return value


def _lines(text: str | None) -> list[str]:
    return [line for line in (text or "").split("\n") if line.strip()]


def _item(item: dict, parts: dict[str, list[dict]]) -> dict:
    no = item.get("no")
    out = {k: v for k, v in item.items() if v not in ([], None) or k in ("related",)}
    out["kpis"] = [_kpi(k) for k in parts["kpis"] if k.get("item") == no]
    for key in ("estimates", "confirm", "practices"):
        found = [{k: v for k, v in e.items() if k != "item"} for e in parts[key] if e.get("item") == no]
        if found:
            out[key] = found
    return out


def _kpi(k: dict) -> dict:
    tentative = set(k.pop("tentative", []) or [])
    out = {key: v for key, v in k.items() if key != "item"}
    targets = out.get("targets") or {}
    out["targets"] = {y: ({"value": v, "tentative": True} if y in tentative else v) for y, v in targets.items()}
    return out
