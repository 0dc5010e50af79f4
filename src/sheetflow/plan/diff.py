"""`sheetflow plan diff OLD NEW`: the changes between two versions of a plan, item by item, in the city's words.

Kinds (messages.DIFF_KINDS): added 追加 (an item, or a 実践項目 of a two-level plan), removed 中止・削除,
content 内容の変更 (which fields), schedule 工程の確定・変更 (which years), targets 目標の変更 (which
indicators), owner 担当の変更. Items are matched by number (items keep their number across versions),
実践項目 and indicators by name. `practice_count` is not compared (the named 実践項目 are).
The console table, the JSON and the Excel sheet (plan diff --out, the report's 「計画の見直し」) all show
`PlanDiff.rows()`.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.ground.files import atomic_write_bytes
from sheetflow.ground.periods import fiscal_label
from sheetflow.ground.xlsx import Styles, new_workbook, page_setup, write_table
from sheetflow.plan.model import EFFECT_KEYS, Item, Kpi, Plan
from sheetflow.plan.versions import plan_label

KINDS = ("added", "removed", "content", "schedule", "targets", "owner")
CONTENT_FIELDS = ("name", "theme", "content", "goal", "digital", "continued", "effects", "pr", "estimates")
DIFF_WIDTHS = [14, 6, 30, 20, 40, 40, 24]


@dataclass(frozen=True)
class Change:
    """One change of one item: kind (KINDS), the fields (Japanese labels), before and after as text."""

    no: int
    name: str
    kind: str
    fields: tuple[str, ...] = ()
    before: str = ""
    after: str = ""
    note: str = ""  # 要確認: what the source does not say about this change

    @property
    def label(self) -> str:
        return msg.DIFF_KINDS[self.kind]


@dataclass
class PlanDiff:
    old: str  # "tomakomai-2025 第1版" …
    new: str
    changes: list[Change] = field(default_factory=list)

    def counts(self) -> Counter:
        return Counter(c.kind for c in self.changes)

    def practices(self, kind: str) -> int:
        """Changes of that kind that concern a 実践項目 (two-level plans)."""
        return sum(1 for c in self.changes if c.kind == kind and msg.DIFF_FIELD_LABELS["practices"] in c.fields)

    def rows(self) -> list[list[object]]:
        sep = msg.EXPORT_LIST_SEPARATOR
        return [[c.label, c.no, c.name, sep.join(c.fields), c.before, c.after, c.note] for c in self.changes]

    def summary(self) -> str:
        counts = self.counts()
        parts = msg.EXPORT_LIST_SEPARATOR.join(msg.DIFF_COUNT.format(kind=msg.DIFF_KINDS[k], count=counts[k])
                                               for k in KINDS if counts[k])
        return msg.DIFF_SUMMARY.format(old=self.old, new=self.new, count=len(self.changes),
                                       counts=parts or msg.DIFF_NONE)

    def practice_summary(self) -> str:
        """「うち実践項目: 追加 25、内容の変更 3」 for two-level plans ("" when no 実践項目 changed)."""
        parts = msg.EXPORT_LIST_SEPARATOR.join(msg.DIFF_COUNT.format(kind=msg.DIFF_KINDS[k], count=self.practices(k))
                                               for k in KINDS if self.practices(k))
        return msg.DIFF_PRACTICES.format(counts=parts) if parts else ""

    def as_dict(self) -> dict:
        return {"old": self.old, "new": self.new, "counts": {k: self.counts()[k] for k in KINDS},
                "practices": {k: self.practices(k) for k in KINDS},
                "changes": [{**asdict(c), "fields": list(c.fields), "label": c.label} for c in self.changes]}


def diff_plans(old: Plan, new: Plan) -> PlanDiff:
    """Every change from old to new, in item order (added and removed items in their place)."""
    result = PlanDiff(plan_label(old), plan_label(new))
    before = {i.no: i for i in old.items}
    after = {i.no: i for i in new.items}
    for no in sorted(before.keys() | after.keys()):
        result.changes += item_changes(before.get(no), after.get(no))
    return result


def item_changes(old: Item | None, new: Item | None) -> list[Change]:
    if old is None:
        return [Change(new.no, new.name, "added", after=new.name), *_practices(None, new)]
    if new is None:
        return [Change(old.no, old.name, "removed", before=old.name)]
    found = [_content(old, new), *_practices(old, new), _schedule(old, new), _targets(old, new), _owner(old, new)]
    return [c for c in found if c is not None]


def _content(old: Item, new: Item) -> Change | None:
    changed = [f for f in CONTENT_FIELDS if _shown(old, f) != _shown(new, f)]
    if not changed:
        return None
    return Change(new.no, new.name, "content", tuple(msg.DIFF_FIELD_LABELS[f] for f in changed),
                  _joined(old, changed), _joined(new, changed))


def _joined(item: Item, fields: list[str]) -> str:
    if len(fields) == 1:
        return _shown(item, fields[0]) or msg.DIFF_EMPTY
    return "\n".join(f"{msg.DIFF_FIELD_LABELS[f]}: {_shown(item, f) or msg.DIFF_EMPTY}" for f in fields)


def _shown(item: Item, name: str) -> str:
    """One field of an item as the text the diff compares and shows."""
    sep = msg.EXPORT_LIST_SEPARATOR
    if name == "goal":
        return item.goal_text
    if name == "effects":
        return sep.join(f"{msg.DIFF_FIELD_LABELS[k]}{(item.effects or {}).get(k, '')}" for k in EFFECT_KEYS) if item.effects else ""
    if name == "estimates":
        return "\n".join(e.source for e in item.estimates)
    if name in ("digital", "continued"):
        return msg.DIFF_YES if getattr(item, name) else msg.DIFF_NO
    value = getattr(item, name)
    return "" if value is None else str(value)


def _practices(old: Item | None, new: Item) -> list[Change]:
    """実践項目 added (by name), and those the revision records as changed (changed_practices)."""
    label = (msg.DIFF_FIELD_LABELS["practices"],)
    known = {p.name for p in old.practices} if old else set()
    added = [Change(new.no, new.name, "added", label, after=p.name) for p in new.practices if p.name not in known]
    earlier = set(old.changed_practices) if old else set()
    changed = [Change(new.no, new.name, "content", label, msg.DIFF_BEFORE_UNKNOWN, name, msg.DIFF_BEFORE_UNKNOWN_NOTE)
               for name in new.changed_practices if name not in earlier]
    return added + changed


def _schedule(old: Item, new: Item) -> Change | None:
    years = sorted(y for y in old.schedule.keys() | new.schedule.keys() if old.schedule.get(y) != new.schedule.get(y))
    if not years:
        return None
    return Change(new.no, new.name, "schedule", tuple(fiscal_label(y) for y in years),
                  _years(old, years), _years(new, years))


def _years(item: Item, years: list[int]) -> str:
    return "\n".join(f"{fiscal_label(y)}: {item.schedule.get(y) or msg.DIFF_EMPTY}" for y in years)


def _targets(old: Item, new: Item) -> Change | None:
    before = {k.name: _kpi_text(k) for k in old.kpis}
    after = {k.name: _kpi_text(k) for k in new.kpis}
    names = [n for n in dict.fromkeys([*before, *after]) if before.get(n) != after.get(n)]
    if not names:
        return None
    return Change(new.no, new.name, "targets", tuple(names),
                  "\n".join(before.get(n, msg.DIFF_EMPTY) for n in names),
                  "\n".join(after.get(n, msg.DIFF_EMPTY) for n in names))


def _kpi_text(k: Kpi) -> str:
    sep = msg.EXPORT_LIST_SEPARATOR
    targets = sep.join(msg.EXPORT_KPI_TARGET.format(year=y, value=v) for y, v in sorted(k.targets.items()))
    goal = msg.PLAN_SUMMARY_KPI_GOAL.format(year=k.goal_year, value=f"{k.goal:g}") if k.goal is not None else ""
    return msg.EXPORT_KPI_LINE.format(name=k.name, unit=k.unit) + (targets or msg.PLAN_SUMMARY_NO_TARGETS) + goal


def _owner(old: Item, new: Item) -> Change | None:
    fields = [f for f in ("departments", "owner", "related") if _dept(old, f) != _dept(new, f)]
    if not fields:
        return None
    return Change(new.no, new.name, "owner", tuple(msg.DIFF_FIELD_LABELS[f] for f in fields),
                  old.departments or str(old.owner or ""), new.departments or str(new.owner or ""))


def _dept(item: Item, name: str) -> str:
    value = getattr(item, name)
    return msg.EXPORT_LIST_SEPARATOR.join(map(str, value)) if isinstance(value, tuple) else str(value or "")


def diff_lines(result: PlanDiff) -> list[str]:
    """The console table: the summary, then one block per change (cp932-safe text)."""
    lines = [result.summary(), *filter(None, [result.practice_summary()])]
    for c in result.changes:
        fields = msg.DIFF_LINE_FIELDS.format(fields=msg.EXPORT_LIST_SEPARATOR.join(c.fields)) if c.fields else ""
        lines.append(msg.DIFF_LINE.format(kind=c.label, no=c.no, name=c.name, fields=fields))
        lines += [msg.DIFF_LINE_BEFORE.format(text=t) for t in c.before.splitlines() if c.kind != "added"]
        lines += [msg.DIFF_LINE_AFTER.format(text=t) for t in c.after.splitlines() if c.kind != "removed"]
        lines += [msg.DIFF_LINE_NOTE.format(text=c.note)] if c.note else []
    return lines


def write_diff_sheet(wb, styles: Styles, result: PlanDiff, sheet: str, title: str) -> None:
    """One print-ready sheet of the changes (A4 landscape, one page wide, header row repeated)."""
    ws = wb.add_worksheet(sheet)
    ws.write_string(0, 0, title, styles.title)
    ws.write_string(1, 0, " ".join(filter(None, [result.summary(), result.practice_summary()])))
    write_table(ws, styles, 3, list(msg.DIFF_HEADERS), result.rows(), DIFF_WIDTHS, number_cols=frozenset({1}))
    page_setup(ws, title, repeat_rows=(3, 3))


def write_diff(result: PlanDiff, out: Path) -> None:
    """plan diff --out: the workbook to attach to the council papers (written atomically)."""
    buffer = io.BytesIO()
    wb = new_workbook(buffer)
    write_diff_sheet(wb, Styles(wb), result, msg.DIFF_SHEET, msg.DIFF_TITLE.format(old=result.old, new=result.new))
    wb.close()
    atomic_write_bytes(out, buffer.getvalue())


def compare_files(old: Path, new: Path, cache_dir: Path | None = None) -> PlanDiff:
    """The diff of two plan files (each loaded and validated; PlanError names the file)."""
    from sheetflow.plan.load import load_plan

    return diff_plans(load_plan(old, cache_dir), load_plan(new, cache_dir))
