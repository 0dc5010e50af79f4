"""`sheetflow demo`: a whole fiscal year on the real plan, in a fresh workspace, through the real commands.

Each step runs the same `sheetflow` command a person would type (forms, merge, publish) inside the demo
workspace; only the departments are simulated (demo_fill). The demo keeps its own record of what the
simulated departments did, so its end-to-end test can compare the results with it.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.demo import fill as demo_fill
from sheetflow.demo.survey_run import SurveyRecord, simulate_survey
from sheetflow.forms.workbook import form_filename
from sheetflow.ground.config import Config, load_config, write_default_config
from sheetflow.ground.periods import Period, parse_period
from sheetflow.plan.load import load_plan
from sheetflow.plan.model import Plan
from sheetflow.report.council_book import council_book_path

YEAR = 2025
ERROR_MISTAKES = ("missing_issues", "text_in_kpi", "locked_edit")  # the checker must refuse these


@dataclass
class PeriodRecord:
    """What the simulated departments did in one period."""

    period: str
    submitted: dict[str, list[str]] = field(default_factory=dict)  # department -> mistakes in its first file
    skipped: list[str] = field(default_factory=list)  # departments that sent nothing
    wrong_period: list[str] = field(default_factory=list)  # sent last period's file instead
    libreoffice: list[str] = field(default_factory=list)  # re-saved by LibreOffice
    fixed: list[str] = field(default_factory=list)  # sent a corrected file after a 差戻し
    corrected: list[str] = field(default_factory=list)  # accepted, then sent a corrected version anyway
    exit_codes: list[int] = field(default_factory=list)  # of each merge

    @property
    def refused(self) -> list[str]:
        return [d for d, m in self.submitted.items() if set(m) & set(ERROR_MISTAKES)]


@dataclass
class DemoRecord:
    folder: Path
    periods: dict[str, PeriodRecord] = field(default_factory=dict)
    council: list[str] = field(default_factory=list)  # the members who sent their evaluations
    survey: SurveyRecord | None = None  # the 庁内照会 run beside the progress report


Runner = Callable[[list[str]], int]


def prepare(folder: Path, force: bool) -> Config:
    """A new workspace with its own config; refuses a non-empty folder unless force."""
    if folder.exists() and any(folder.iterdir()):
        if not force:
            raise msg.UserError(msg.DEMO_NOT_EMPTY.format(folder=folder))
        for child in ("inbox", "outbox", "sheetflow.toml", msg.DEMO_SURVEY_FOLDER, msg.DEMO_SURVEY_DEFINITION):
            target = folder / child
            shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "inbox").mkdir(exist_ok=True)
    write_default_config(folder, deadline=msg.DEMO_DEADLINE, contact=msg.DEMO_CONTACT)
    return load_config(folder)


def _file_name(dept: str, period: Period, rng: random.Random, suffix: str = "") -> str:
    """The kind of names departments give files: never what sheetflow wrote."""
    ka = dept.split(" ")[-1]
    stem = Path(form_filename(dept)).stem
    forms = [f.format(ka=ka, period=period.short_label, stem=stem, suffix=suffix) for f in msg.DEMO_FILE_NAMES]
    return rng.choice(forms)


def _assign(departments: list[str], rng: random.Random, with_kpis: set[str]) -> dict[str, str]:
    """Pick which departments make which mistake (or none, or send nothing)."""
    order = departments[:]
    rng.shuffle(order)
    roles: dict[str, str] = {}
    kpi_first = [d for d in order if d in with_kpis]
    for role in ("text_in_kpi", "zenkaku"):
        dept = next(d for d in kpi_first if d not in roles)
        roles[dept] = role
    for role in ("missing_issues", "locked_edit", "skip", "skip", "libreoffice"):
        dept = next(d for d in order if d not in roles)
        roles[dept] = role
    return roles


def simulate_round(cfg: Config, plan: Plan, period: Period, rng: random.Random, run: Runner,
                   record: DemoRecord, say: Callable[[str], None]) -> PeriodRecord:
    """Forms → departments fill and return → merge → fixes of 差戻し files → merge again."""
    rec = PeriodRecord(period.code)
    record.periods[period.code] = rec
    say(msg.DEMO_STEP_FORMS.format(label=period.label))
    run(["forms", "--period", period.code])
    forms_dir = cfg.forms_dir(period)
    depts = [d.key for d in plan.recipients()]
    with_kpis = {d.key for d in plan.recipients() if any(i.kpis for i in plan.items_for(d))}
    roles = _assign(depts, rng, with_kpis)
    if period.half == 2:
        _send_wrong_period(cfg, plan, period, rng, roles, rec)
    say(msg.DEMO_STEP_FILL.format(count=len(depts) - list(roles.values()).count("skip")))
    for dept in depts:
        _department_round(cfg, forms_dir / form_filename(dept), dept, period, roles.get(dept, ""), rng, rec)
    say(msg.DEMO_STEP_MERGE.format(label=period.label))
    rec.exit_codes.append(run(["merge", "--period", period.code]))
    _send_fixes(cfg, period, rng, rec, forms_dir)
    if rec.fixed or rec.corrected:
        say(msg.DEMO_STEP_RESUBMIT.format(count=len(rec.fixed) + len(rec.corrected)))
        rec.exit_codes.append(run(["merge", "--period", period.code]))
    return rec


def simulate_council(cfg: Config, rng: random.Random, run: Runner, record: DemoRecord,
                     say: Callable[[str], None]) -> None:
    """`council --year` writes the evaluation workbook; each member fills a copy into inbox/; merge."""
    run(["council", "--year", str(YEAR)])
    book = council_book_path(cfg, YEAR)
    say(msg.DEMO_STEP_COUNCIL.format(year=YEAR, count=len(msg.DEMO_MEMBERS)))
    for n, member in enumerate(msg.DEMO_MEMBERS, start=1):
        demo_fill.fill_council(book, cfg.inbox_dir / f"{msg.COUNCIL_SHEET}_{n}.xlsx", member, rng)
    record.council = list(msg.DEMO_MEMBERS)
    run(["merge", "--period", f"{YEAR}H2"])  # the year's council files (a stale department file stays out)


def _department_round(cfg: Config, form: Path, dept: str, period: Period, role: str, rng: random.Random,
                      rec: PeriodRecord) -> None:
    if role == "skip":
        rec.skipped.append(dept)
        return
    if role == "wrong_period":
        return  # it already sent last period's form (see _send_wrong_period)
    dst = cfg.inbox_dir / _file_name(dept, period, rng)
    mistakes = (role,) if role in (*ERROR_MISTAKES, "zenkaku") else ()
    demo_fill.fill_form(form, dst, dept, rng, mistakes)
    if role == "libreoffice" and demo_fill.resave_with_libreoffice(dst, dst):
        rec.libreoffice.append(dept)
    rec.submitted[dept] = list(mistakes)


def _send_wrong_period(cfg: Config, plan: Plan, period: Period, rng: random.Random, roles: dict[str, str],
                       rec: PeriodRecord) -> None:
    """One department answers in last period's form (a copy of the file it sent then)."""
    previous = cfg.forms_dir(period.previous())
    dept = next(d.key for d in plan.recipients() if d.key not in roles and (previous / form_filename(d.key)).exists())
    roles[dept] = "wrong_period"
    rec.wrong_period.append(dept)
    dst = cfg.inbox_dir / _file_name(dept, period, rng)
    demo_fill.fill_form(previous / form_filename(dept), dst, dept, rng)


def _send_fixes(cfg: Config, period: Period, rng: random.Random, rec: PeriodRecord, forms_dir: Path) -> None:
    """Departments fix what the 差戻し file lists; the wrong-period one fills the right form."""
    returns = cfg.returns_dir / period.code
    for dept in rec.refused:
        returned = returns / (Path(form_filename(dept)).stem + msg.RETURN_FILE_SUFFIX)
        if returned.exists():
            demo_fill.fix_return(returned, cfg.inbox_dir / _file_name(dept, period, rng, msg.DEMO_SUFFIX_FIXED), rng, dept)
            rec.fixed.append(dept)
    for dept in rec.wrong_period:
        demo_fill.fill_form(forms_dir / form_filename(dept), cfg.inbox_dir / _file_name(dept, period, rng, msg.DEMO_SUFFIX_RESENT),
                            dept, rng)
        rec.fixed.append(dept)
    clean = [d for d, m in rec.submitted.items() if not m and d not in rec.libreoffice]
    for dept in clean[:1]:  # a department that was accepted sends a corrected version
        demo_fill.fill_form(forms_dir / form_filename(dept), cfg.inbox_dir / _file_name(dept, period, rng, msg.DEMO_SUFFIX_CORRECTED),
                            dept, rng)
        rec.corrected.append(dept)


def run_demo(folder: Path, seed: int, force: bool, run_factory: Callable[[Path], Runner],
             say: Callable[[str], None]) -> DemoRecord:
    """The whole year: 2025H1 round; 2025H2 round with carry-forward; the council's evaluation by three
    members; publish; then 2026H1, whose forms ask the departments to answer the council's opinions."""
    cfg = prepare(folder, force)
    plan = load_plan(cfg.plan_path)
    run = run_factory(folder)
    rng = random.Random(seed)
    record = DemoRecord(folder)
    for code in (f"{YEAR}H1", f"{YEAR}H2"):
        simulate_round(cfg, plan, parse_period(code), rng, run, record, say)
    simulate_council(cfg, rng, run, record, say)
    say(msg.DEMO_STEP_PUBLISH.format(year=YEAR))
    run(["publish", "--year", str(YEAR)])
    simulate_round(cfg, plan, Period(YEAR + 1, 1), rng, run, record, say)  # the forms answer the council
    record.survey = simulate_survey(folder, plan, rng, run_factory, say)
    save_record(record)
    return record


RECORD_NAME = "demo_record.json"


def save_record(record: DemoRecord) -> Path:
    """What the simulated departments did, for anyone (and the end-to-end test) to compare with the results."""
    import json
    from dataclasses import asdict

    path = record.folder / RECORD_NAME
    survey = record.survey and {**asdict(record.survey), "folder": str(record.survey.folder)}
    data = {"seed_folder": str(record.folder), "periods": {k: asdict(v) for k, v in record.periods.items()},
            "council": record.council, "survey": survey}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
