"""Golden reference workbooks of the built-in forms (no tests here): how they are built, and how two xlsx
files are compared part by part (XlsxWriter's own test habit, tests/helperfunctions.py there).

build_golden writes, with the built-in Tomakomai plan and the library's own functions, one department's
workbooks (財政部 財政課: 4 items, 2 指標) and the council's evaluation workbook:

- form-2025H1.xlsx: 令和7年度 上期, nothing carried (no ledger yet);
- form-2025H2.xlsx: 令和7年度 下期 (達成度 asked), its 前回 columns filled from the merged 上期 answers;
- council-2025.xlsx: `council --year R7` after both halves of 財政課 are merged;
- form-2026H1.xlsx: 令和8年度 上期 after two members' evaluations are merged: the sheet 審議会意見への対応
  (format 5) with their opinions, 前回 from the merged 下期 answers.

Every time the library takes (generated_at) is fixed, so the bytes depend on the code alone. The department
answers are typed into real forms and merged through the inbox, as tests/support/council_support.py does.

parts_differ compares two workbooks: the same part names; each XML part parsed and canonicalised (C14N 2.0:
attribute order, namespace declarations, quoting, empty-element syntax), other parts byte for byte.

Normalised: nothing. Building twice, minutes apart, in two workspaces gives byte-identical workbooks, because
every candidate for normalising is fixed by generated_at or does not depend on time:
- docProps/core.xml dcterms:created and dcterms:modified: xlsxwriter writes both from the `created` document
  property, which the forms and the council workbook set from generated_at (fixed here);
- _meta generated_at: generated_at itself (fixed here);
- _meta sheetflow_version: sheetflow.__version__, a constant of the release, not a time. A new version
  changes the forms on purpose: rerun scripts/golden_forms.py then;
- _meta meta_digest: a digest of the _meta values and the fingerprint table, all of them fixed;
- the fingerprints: plan id, plan version, period, department and the locked cell values; no time;
- zip member dates: xlsxwriter writes 1980-01-01 for every part (and they are not compared).
"""

from __future__ import annotations

import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from xml.etree.ElementTree import canonicalize

from council_support import FIN, fill_member
from ledger_support import fill_dept, make_forms

from sheetflow import messages as msg
from sheetflow.forms.workbook import build_form
from sheetflow.ground.config import Config, builtin_plan_path, load_config
from sheetflow.ground.periods import Period
from sheetflow.ledger.merge import merge_inbox
from sheetflow.ledger.status import previous_answers
from sheetflow.plan.load import load_plan
from sheetflow.plan.model import Plan
from sheetflow.report.council_book import write_council_book

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
JST = timezone(timedelta(hours=9))
H1, H2, NEXT_H1 = Period(2025, 1), Period(2025, 2), Period(2026, 1)
WHEN = {H1: datetime(2025, 9, 1, 9, 0, tzinfo=JST), H2: datetime(2026, 3, 2, 9, 0, tzinfo=JST),
        NEXT_H1: datetime(2026, 9, 1, 9, 0, tzinfo=JST)}
COUNCIL_WHEN = datetime(2026, 5, 11, 9, 0, tzinfo=JST)
NAMES = ("form-2025H1.xlsx", "form-2025H2.xlsx", "council-2025.xlsx", "form-2026H1.xlsx")
MEMBERS = {"山田 太郎": ({2: 5, 3: 4, 4: 3}, {2: "運用益の見込みを示すこと。", 3: "広告の募集を広げてほしい。"}),
           "佐藤 花子": ({2: 4, 3: 3, 32: 2}, {2: "安全性にも配慮すること。"})}


def workspace(root: Path) -> Config:
    """An empty workspace on the built-in plan, with a deadline and a contact (they are printed)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "sheetflow.toml").write_text('deadline = "10月31日"\ncontact = "総務部行政監理室（内線 2231）"\n',
                                         encoding="utf-8")
    (root / "inbox").mkdir(exist_ok=True)
    return load_config(root)


def build_golden(root: Path, out: Path) -> list[Path]:
    """Build the four workbooks (NAMES) into out, replacing them, using root as the workspace; their paths."""
    cfg, plan = workspace(root), load_plan(builtin_plan_path())
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / name for name in NAMES]
    paths[0].write_bytes(_form(cfg, plan, H1))
    _answer(cfg, plan, H1, status="順調", result="上期の実績", issues="人員の確保", actual=1.5,
            per_item={3: {"status": "遅れ", "issues": "応募が少ない"}})
    paths[1].write_bytes(_form(cfg, plan, H2))
    _answer(cfg, plan, H2, status="完了", result="下期の実績", issues="次年度の運用計画", actual=3.0,
            per_item={2: {"revenue": 1200, "saving": 300, "grade": "B 目標どおり"}})
    write_council_book(cfg, plan, 2025, paths[2], force=True, generated_at=COUNCIL_WHEN)
    for n, (member, (scores, opinions)) in enumerate(MEMBERS.items()):
        fill_member(paths[2], cfg.inbox_dir / f"member{n}.xlsx", member, scores, opinions)
    _merge(cfg, plan, [f"member{n}.xlsx" for n in range(len(MEMBERS))])
    paths[3].write_bytes(_form(cfg, plan, NEXT_H1))
    return paths


def _form(cfg: Config, plan: Plan, period: Period) -> bytes:
    """財政課's form of the period, carrying what the ledger holds (None before the first merge)."""
    return build_form(plan, FIN, period, cfg, previous_answers(cfg, plan, period, FIN), WHEN[period])


def _answer(cfg: Config, plan: Plan, period: Period, **answers) -> None:
    """財政課 answers the period's form (written by write_forms, as sent out) and the inbox is merged."""
    make_forms(cfg, plan, period.code)
    name = f"fin-{period.code}.xlsx"
    fill_dept(cfg, FIN, name=name, period=period.code, **answers)
    _merge(cfg, plan, [name])


def _merge(cfg: Config, plan: Plan, names: list[str]) -> None:
    """Merge the inbox; AssertionError unless each of the new files (names) is accepted."""
    outcomes = {f.path.name: f for f in merge_inbox(cfg, plan).files}
    refused = [f"{n}: {outcomes[n].result} {outcomes[n].note}" if n in outcomes else f"{n}: not merged"
               for n in names if n not in outcomes or outcomes[n].result != msg.RESULT_ACCEPTED]
    if refused:
        raise AssertionError(f"golden inputs not accepted: {refused}")


# --- comparing -----------------------------------------------------------------------------------

def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def parts_differ(expected: Path, actual: Path) -> list[str]:
    """One line per difference: part names missing or extra, then each differing part with its first
    differing line (canonical XML) or its size (other parts). Empty: the workbooks are the same."""
    want, got = parts(expected), parts(actual)
    problems = [f"missing part {n}" for n in sorted(want.keys() - got.keys())]
    problems += [f"extra part {n}" for n in sorted(got.keys() - want.keys())]
    for name in sorted(want.keys() & got.keys()):
        if name.endswith((".xml", ".rels")):
            problems += _xml_differs(name, want[name], got[name])
        elif want[name] != got[name]:
            problems.append(f"{name}: bytes differ ({len(want[name])} vs {len(got[name])} bytes)")
    return problems


def _xml_differs(name: str, want: bytes, got: bytes) -> list[str]:
    a, b = (_canonical(data).splitlines() for data in (want, got))
    for n, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return [f"{name} line {n + 1}{_where(a[:n])}: expected {x[:200]!r}, got {y[:200]!r}"]
    return [] if len(a) == len(b) else [f"{name}: {len(a)} lines expected, {len(b)} got"]


def _canonical(data: bytes) -> str:
    """C14N 2.0 of the part, one tag per line (xlsxwriter writes a sheet on one line; canonical text has
    no bare ">", so every "><" is between two tags)."""
    return canonicalize(data.decode("utf-8")).replace("><", ">\n<")


def _where(before: list[str]) -> str:
    """The nearest tag above that names a cell or row (r="A4"), so that a report says which cell differs."""
    return next((f" (in {line})" for line in reversed(before) if ' r="' in line), "")
