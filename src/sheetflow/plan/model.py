"""The plan master: load a plan YAML file into typed objects and validate it.

Validation collects every problem (Japanese messages naming item and field) instead of stopping at the
first; `load_plan` raises PlanError with all of them, `check_plan` returns them for `plan check`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.ground.periods import Period, PeriodError, parse_period
from sheetflow.plan.keys import unknown_keys

EFFECT_KEYS = ("citizen", "fiscal", "efficiency")
KPI_KINDS = ("cumulative", "annual", "level", "cap")  # 累計 / 単年度 / 水準 / 上限
ESTIMATE_KINDS = ("revenue", "saving")  # 歳入増 / 歳出減
ESTIMATE_SPANS = ("year", "total")  # the amount is per fiscal year / the total over `years`
CONFIRM_FIELDS = ("schedule", "goal", "kpi", "owner", "estimate", "content")


class PlanError(msg.UserError):
    """The plan file cannot be used; .problems holds every Japanese message."""

    def __init__(self, path: Path, problems: list[str]):
        self.problems = problems
        super().__init__(msg.PLAN_INVALID.format(path=path, count=len(problems)) + "\n" + "\n".join(
            f"  - {p}" for p in problems))


@dataclass(frozen=True, order=True)
class Department:
    """A 課 (or 室, or a standalone body such as 議会事務局) with its 部."""

    bu: str
    ka: str

    @property
    def key(self) -> str:
        return f"{self.bu} {self.ka}" if self.bu else self.ka

    @classmethod
    def from_key(cls, key: str) -> Department:
        bu, _, ka = key.strip().partition(" ")
        return cls(bu, ka) if ka else cls("", bu)

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True)
class Kpi:
    item_no: int
    seq: int  # 1-based position within the item
    name: str
    unit: str
    direction: str  # "up" | "down"
    accumulate: bool
    targets: dict[int, float]
    allow_negative: bool = False
    note: str = ""
    kind: str = ""  # KPI_KINDS; "" = not given (plan.gaps says so)
    goal: float | None = None  # the 到達目標 figure (in unit), reached by goal_year
    goal_year: int | None = None
    goal_text: str = ""  # the 到達目標 words the figure comes from
    baseline: float | None = None  # the starting value the source gives (in baseline_unit)
    baseline_year: int | None = None
    baseline_text: str = ""  # as the source writes it (e.g. 「R5年度収入額（約4,000万円）」)
    baseline_unit: str = ""  # when the baseline is not in `unit` (e.g. 万円 for a +% indicator)
    tentative: frozenset[int] = frozenset()  # years whose figure the source writes in parentheses
    confirm: str = ""  # 要確認: why the reading of this indicator must be confirmed ("" = none)

    @property
    def key(self) -> str:
        return f"{self.item_no}-{self.seq}"

    def target(self, year: int) -> float | None:
        """The figure the plan gives for that fiscal year (None where it gives none)."""
        return self.targets.get(year)

    def compared(self, year: int) -> float | None:
        """What an actual at that year's end is measured against.

        The 到達目標 figure in its goal year (and later years without a yearly figure), else the
        running total when accumulating, else the year's own figure.
        """
        own = self.cumulative(year) if self.accumulate else self.target(year)
        if self.goal is not None and self.goal_year is not None:
            if year == self.goal_year or (year > self.goal_year and self.target(year) is None):
                return self.goal
        return own

    def cumulative(self, year: int) -> float | None:
        """Running total up to that year when accumulating, else the year's own figure."""
        if not self.accumulate:
            return self.targets.get(year)
        upto = [v for y, v in self.targets.items() if y <= year]
        return sum(upto) if upto else None


@dataclass(frozen=True)
class Estimate:
    """A 効果額 the plan itself estimates (見込), in 千円, with the sentence it comes from."""

    kind: str  # ESTIMATE_KINDS
    amount: int  # 千円
    span: str  # ESTIMATE_SPANS: per fiscal year, or the total over the years
    first_year: int
    last_year: int
    source: str  # the plan's sentence, verbatim
    at_least: bool = False  # 「超」「以上」: the amount is a lower bound
    note: str = ""
    confirm: str = ""  # 要確認: why the reading must be confirmed

    @property
    def year_count(self) -> int:
        """How many fiscal years the estimate spans (first_year to last_year)."""
        return self.last_year - self.first_year + 1

    def total(self) -> int:
        """The estimate over its years (the per-year amount times the years, or the stated total)."""
        return self.amount * self.year_count if self.span == "year" else self.amount


@dataclass(frozen=True)
class Confirm:
    """要確認: something the source does not say clearly, to confirm with the department."""

    field: str  # CONFIRM_FIELDS
    note: str
    years: tuple[int, ...] = ()  # for schedule: the fiscal years whose 取組予定 is uncertain


@dataclass(frozen=True)
class Practice:
    no: str | None
    name: str
    new_in: int | None = None


@dataclass(frozen=True)
class Item:
    no: int
    theme: int | None
    name: str
    departments: str
    owner: Department | None
    related: tuple[Department, ...] = ()
    digital: bool = False
    continued: bool = False
    content: str = ""
    goal_year: int | None = None
    goal_texts: tuple[str, ...] = ()
    schedule: dict[int, str] = field(default_factory=dict)
    kpis: tuple[Kpi, ...] = ()
    effects: dict[str, int] | None = None
    pr: str = ""
    missing: tuple[str, ...] = ()
    practices: tuple[Practice, ...] = ()
    practice_count: dict[str, int] | None = None  # two-level plans: {current, new, total}
    changed_practices: tuple[str, ...] = ()  # two-level plans: 実践項目 renamed by a revision
    estimates: tuple[Estimate, ...] = ()
    confirms: tuple[Confirm, ...] = ()

    def schedule_unclear(self, year: int) -> bool:
        """Whether the source leaves this year's 取組予定 uncertain (要確認)."""
        return any(c.field == "schedule" and year in c.years for c in self.confirms)

    @property
    def goal_text(self) -> str:
        """到達目標 as one cell text: 'R11年度' line, then the bullets."""
        from sheetflow.ground.periods import short_year

        if self.goal_year is None:
            return ""
        head = msg.PLAN_GOAL_YEAR.format(year=short_year(self.goal_year))
        return "\n".join([head, *(msg.PLAN_GOAL_BULLET.format(text=t) for t in self.goal_texts)])


@dataclass(frozen=True)
class Theme:
    no: int
    name: str
    concept: str = ""
    expected_items: int | None = None


@dataclass(frozen=True)
class Plan:
    id: str
    version: int
    title: str
    municipality: str
    first_year: int
    last_year: int
    office: str
    themes: tuple[Theme, ...]
    items: tuple[Item, ...]
    prefixes: dict[str, str]
    generic_owners: tuple[str, ...]
    standalone: tuple[str, ...]
    path: Path | None = None
    effective_from: Period | None = None  # first period this version applies to (None: the plan's start)
    archived: tuple[Plan, ...] = ()  # the workspace's other versions of this plan (plan.versions)

    def theme(self, no: int | None) -> Theme | None:
        return next((t for t in self.themes if t.no == no), None)

    def item(self, no: int) -> Item:
        return next(i for i in self.items if i.no == no)

    def covers(self, year: int) -> bool:
        """The fiscal year lies within the plan's years (a plan without years covers every one)."""
        return not self.first_year or self.first_year <= year <= self.last_year

    @property
    def kpis(self) -> list[Kpi]:
        return [k for i in self.items for k in i.kpis]

    @property
    def estimates(self) -> list[tuple[Item, Estimate]]:
        return [(i, e) for i in self.items for e in i.estimates]

    def recipients(self) -> list[Department]:
        """Owner departments (one form each), in plan order of their first item."""
        seen: dict[Department, None] = {}
        for item in self.items:
            if item.owner is not None:
                seen.setdefault(item.owner, None)
        return list(seen)

    def items_for(self, dept: Department) -> list[Item]:
        return [i for i in self.items if i.owner == dept]

    def departments(self) -> list[Department]:
        """Every real department named anywhere (owners and related)."""
        seen: dict[Department, None] = {}
        for item in self.items:
            for d in (item.owner, *item.related):
                if d is not None:
                    seen.setdefault(d, None)
        return list(seen)


@functools.cache
def yaml_loader() -> type:
    """SafeLoader (the C parser when libyaml is there) with YAML 1.2 booleans: only true/false are
    booleans, so `no:` stays the key "no". Made on first use: a plan read from the cache needs no yaml."""
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    Loader.yaml_implicit_resolvers = {
        ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                 list("tTfF"))
    return Loader


def parse_yaml(text: str) -> object:
    """Parse plan YAML safely, with YAML 1.2 booleans (so the key `no` is not read as false)."""
    import yaml

    return yaml.load(text, Loader=yaml_loader())  # noqa: S506 (a SafeLoader subclass)


def read_yaml(path: Path, data: bytes | None = None) -> dict:
    """The plan file's YAML (data: its bytes, when the caller has read them already)."""
    if data is None and not path.is_file():
        raise msg.UserError(msg.PLAN_NOT_FOUND.format(path=path))
    import yaml

    try:
        raw = parse_yaml(_text(path.read_bytes() if data is None else data))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise msg.UserError(msg.PLAN_YAML_ERROR.format(path=path, error=exc)) from exc
    if not isinstance(raw, dict):
        raise msg.UserError(msg.PLAN_NOT_MAPPING.format(path=path))
    return raw


def _text(data: bytes) -> str:
    """UTF-8 with its line ends made \n (as Path.read_text does)."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def build_plan(raw: dict, path: Path) -> tuple[Plan, list[str]]:
    problems: list[str] = []
    for section in ("plan", "themes", "items"):
        if not raw.get(section):
            problems.append(msg.PLAN_MISSING_SECTION.format(section=section))
    head = raw.get("plan") or {}
    themes = tuple(Theme(no=t.get("no"), name=t.get("name", ""), concept=t.get("concept") or "",
                         expected_items=t.get("items")) for t in raw.get("themes") or [])
    items = []
    problems += unknown_keys(raw)
    for entry in raw.get("items") or []:
        item, item_problems = _build_item(entry if isinstance(entry, dict) else {})
        problems += item_problems
        if item is not None:
            items.append(item)
    plan = Plan(
        id=str(head.get("id", path.stem)), version=int(head.get("version", 1) or 1),
        title=str(head.get("title", "")), municipality=str(head.get("municipality", "")),
        first_year=int(head.get("first_year", 0) or 0), last_year=int(head.get("last_year", 0) or 0),
        office=str(head.get("office", "")), themes=themes, items=tuple(items),
        prefixes=dict(raw.get("prefixes") or {}), generic_owners=tuple(raw.get("generic_owners") or ()),
        standalone=tuple(raw.get("standalone") or ()), path=path)
    start, start_problems = _effective_from(head.get("effective_from"), plan)
    return replace(plan, effective_from=start), problems + start_problems


def _effective_from(value: object, plan: Plan) -> tuple[Period | None, list[str]]:
    """plan.effective_from (e.g. R9上期 or 2027H1): the first period of this version, within the plan's years."""
    if value is None or value == "":
        return None, []
    try:
        start = parse_period(str(value))
    except PeriodError as exc:
        return None, [msg.REVISION_EFFECTIVE_FROM_BAD.format(value=value, reason=exc)]
    if not plan.covers(start.year):
        return None, [msg.REVISION_EFFECTIVE_FROM_OUTSIDE.format(value=value, period=start.label)]
    return start, []


def _build_item(e: dict) -> tuple[Item | None, list[str]]:
    where = f"No.{e.get('no', '?')}"
    problems = [msg.PLAN_FIELD_REQUIRED.format(where=where, field=msg.FIELD_LABELS["no"])] if e.get("no") is None else []
    if not isinstance(e.get("no"), int):
        if "no" in e:
            problems.append(msg.PLAN_FIELD_TYPE.format(where=where, field=msg.FIELD_LABELS["no"], value=e["no"],
                                                       expected=msg.PLAN_EXPECTED_INTEGER))
        return None, problems
    goal = e.get("goal") or {}
    owner = e.get("owner") or ""
    item = Item(
        no=e["no"], theme=e.get("theme"), name=str(e.get("name") or ""),
        departments=str(e.get("departments") or ""),
        owner=Department.from_key(owner) if owner else None,
        related=tuple(Department.from_key(r) for r in e.get("related") or ()),
        digital=bool(e.get("digital")), continued=bool(e.get("continued")),
        content=str(e.get("content") or ""),
        goal_year=goal.get("year"), goal_texts=tuple(str(t) for t in goal.get("texts") or ()),
        schedule={int(y): str(t) for y, t in (e.get("schedule") or {}).items()},
        kpis=tuple(_build_kpi(e["no"], n, k) for n, k in enumerate(e.get("kpis") or (), start=1)),
        effects=dict(e["effects"]) if e.get("effects") else None,
        pr=str(e.get("pr") or ""), missing=tuple(e.get("missing") or ()),
        practices=tuple(Practice(no=p.get("no"), name=str(p.get("name", "")), new_in=p.get("new_in"))
                        for p in e.get("practices") or ()),
        practice_count=dict(e["practice_count"]) if e.get("practice_count") else None,
        changed_practices=tuple(str(p) for p in e.get("changed_practices") or ()),
        estimates=tuple(_build_estimate(x) for x in e.get("estimates") or () if isinstance(x, dict)),
        confirms=tuple(_build_confirm(x) for x in e.get("confirm") or () if isinstance(x, dict)),
    )
    return item, problems


def _build_kpi(item_no: int, seq: int, k: dict) -> Kpi:
    targets = {int(y): (v.get("value") if isinstance(v, dict) else v) for y, v in (k.get("targets") or {}).items()}
    tentative = frozenset(int(y) for y, v in (k.get("targets") or {}).items()
                          if isinstance(v, dict) and v.get("tentative"))
    goal, base = _mapping(k.get("goal")), _mapping(k.get("baseline"))
    return Kpi(item_no=item_no, seq=seq, name=str(k.get("name", "")), unit=str(k.get("unit", "")),
               direction=str(k.get("direction", "up")), accumulate=bool(k.get("accumulate", False)),
               targets=targets, allow_negative=bool(k.get("allow_negative", False)), note=str(k.get("note") or ""),
               kind=str(k.get("kind") or ""), goal=goal.get("value"), goal_year=goal.get("year"),
               goal_text=str(goal.get("text") or ""), baseline=base.get("value"), baseline_year=base.get("year"),
               baseline_text=str(base.get("text") or ""), baseline_unit=str(base.get("unit") or ""),
               tentative=tentative, confirm=str(k.get("confirm") or ""))


def _mapping(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _build_estimate(x: dict) -> Estimate:
    years = x.get("years") or []
    first, last = (years[0], years[-1]) if isinstance(years, list) and years else (0, 0)
    return Estimate(kind=str(x.get("kind") or ""), amount=x.get("amount"), span=str(x.get("span") or ""),
                    first_year=first, last_year=last, source=str(x.get("source") or ""),
                    at_least=bool(x.get("at_least")), note=str(x.get("note") or ""),
                    confirm=str(x.get("confirm") or ""))


def _build_confirm(x: dict) -> Confirm:
    return Confirm(field=str(x.get("field") or ""), note=str(x.get("note") or ""),
                   years=tuple(int(y) for y in x.get("years") or () if isinstance(y, int)))
