"""A survey's (庁内照会) answers in the ledger: merge, status, rebuild, the live rows, next year's defaults.

`merge_survey`: lock → hash the inbox files (a known hash is skipped unopened) → read_survey on the new ones →
a 差戻し workbook per refused file (intake/survey_returns.py) → archive the accepted originals
(outbox/archive/<sha256>.xlsx) and every file's receipt (outbox/archive/survey/<sha256>.json) → one
transaction: a department's accepted file replaces all its rows of every table (old rows to history). A bad
file never reaches the ledger nor stops the good ones; the inbox is only ever read. `rebuild_survey` replays
the receipts against the archived originals, so it equals the live ledger. Tables: ledger/survey_store.py.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sheetflow import messages as msg
from sheetflow.definition import workspace as DW
from sheetflow.definition.model import FormDefinition, Table
from sheetflow.forms import layout as L
from sheetflow.ground.config import Config
from sheetflow.ground.files import FileInUse, atomic_write_bytes, file_time
from sheetflow.ground.findings import ERROR, WARNING
from sheetflow.intake.explain import FindingLine
from sheetflow.intake.files import scan_paths
from sheetflow.intake.survey import SurveyReturn, read_survey
from sheetflow.intake.survey_check import survey_finding_lines
from sheetflow.ledger.archive import archive_dir, clean_temp, keep_original, sha256_file
from sheetflow.ledger.lock import LOCK_NAME, Lock
from sheetflow.ledger.store import db_path, now_iso, to_iso
from sheetflow.ledger.survey_store import SurveyDB, row_columns

if TYPE_CHECKING:  # status and merge need no pandas; only the frames of the 集計表 do
    import pandas as pd

FRAME_DROP = ("survey_id", "merged_at")  # survey_frames: every stored column but these


@dataclass
class SurveyOutcome:
    """What happened to one inbox file: its result (messages.RESULT_*), the errors and 注意 as lines, and the
    差戻し workbook written for it (None when accepted, known, or the workbook was open in Excel)."""

    path: Path
    result: str
    findings_lines: list[FindingLine] = field(default_factory=list)
    return_path: Path | None = None
    department: str = ""


@dataclass
class SurveyMerge:
    files: list[SurveyOutcome] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # skipped files, a return workbook left open, the lock
    changed: bool = False  # the ledger changed

    @property
    def exit_code(self) -> int:
        return 1 if any(f.result == msg.RESULT_RETURNED for f in self.files) else 0


@dataclass(frozen=True)
class DeptStatus:
    department: str
    status: str  # msg.SURVEY_STATUS_*
    received_at: str = ""
    source_name: str = ""


# --- merge -------------------------------------------------------------------------------------------------

def merge_survey(cfg: Config) -> SurveyMerge:
    """Check every new inbox file against the workspace's survey and merge the accepted ones."""
    form = DW.workspace_form(cfg)
    if not cfg.inbox_dir.is_dir():
        raise msg.UserError(msg.LEDGER_INBOX_MISSING.format(path=cfg.inbox_dir))
    result = SurveyMerge()
    with Lock(cfg.outbox_dir / LOCK_NAME, notice=result.notices.append):
        clean_temp(cfg)
        DW.archive_form(cfg, form)
        db = SurveyDB.open(cfg, form)
        try:
            _merge(cfg, db, result)
        finally:
            db.close()
    return result


def _merge(cfg: Config, db: SurveyDB, result: SurveyMerge) -> None:
    """Read the new files, write 差戻し and the archive, then apply the batch in one transaction."""
    files, skipped = scan_paths([cfg.inbox_dir])
    result.notices += [note for _, note in skipped]
    known, received = db.known(), now_iso()
    first = max(db.next_seq(), 1 + max((r["seq"] for r in read_receipts(cfg)), default=0))  # past a crash's
    batch: list[tuple[dict, SurveyReturn]] = []
    for path in sorted(files, key=lambda p: (p.stat().st_mtime, p.name)):
        sha = sha256_file(path)
        if sha in known or any(sha == r["source_sha256"] for r, _ in batch):
            result.files.append(SurveyOutcome(path, msg.RESULT_KNOWN if sha in known else msg.RESULT_DUPLICATE))
            continue
        ret = read_survey(path, lambda s: DW.form_by_sha(cfg, s), db.form.survey_id, cfg.max_file_mb)
        receipt = {**_receipt(db.form, path, sha, ret, received), "seq": first + len(batch)}
        result.files.append(_outcome(cfg, db.form, path, ret, receipt, result.notices))
        _archive(cfg, path, receipt)
        batch.append((receipt, ret))
    with db.transaction():
        for receipt, ret in batch:
            apply_answer(db, receipt, ret)
    result.changed = bool(batch)


def _receipt(form: FormDefinition, path: Path, sha: str, ret: SurveyReturn, received: str) -> dict:
    errors = sum(1 for f in ret.findings if f.severity == ERROR)
    return {"survey_id": form.survey_id, "source_sha256": sha, "source_name": path.name, "received_at": received,
            "file_mtime": to_iso(file_time(path.stat().st_mtime)), "department": ret.department,
            "result": msg.RESULT_RETURNED if errors or not ret.department else msg.RESULT_ACCEPTED,
            "errors": errors, "warnings": sum(1 for f in ret.findings if f.severity == WARNING)}


def _outcome(cfg: Config, form: FormDefinition, path: Path, ret: SurveyReturn, receipt: dict,
             notices: list[str]) -> SurveyOutcome:
    """The file's outcome; a refused file gets its 差戻し workbook (unless that is open in Excel)."""
    shown = [f for f in ret.findings if f.severity in (ERROR, WARNING)]  # errors and 注意, as merge shows them
    out = SurveyOutcome(path, receipt["result"], survey_finding_lines(form, shown), department=ret.department)
    if out.result == msg.RESULT_RETURNED:
        try:
            issued_from = previous_defaults(cfg, form).get(ret.department)  # a --from-last form's rows
            from sheetflow.intake.survey_returns import write_survey_return

            out.return_path = write_survey_return(cfg, form, path, ret, issued_from)
        except FileInUse as exc:
            notices.append(msg.LEDGER_RETURN_IN_USE.format(path=exc.paths[0] if exc.paths else path))
    return out


def receipts_dir(cfg: Config) -> Path:
    return archive_dir(cfg) / "survey"


def _archive(cfg: Config, path: Path, receipt: dict) -> None:
    """The accepted original under its SHA-256 and every file's receipt (what a rebuild replays)."""
    if receipt["result"] == msg.RESULT_ACCEPTED:
        keep_original(cfg, receipt["source_sha256"], path.read_bytes())
    data = json.dumps(receipt, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    atomic_write_bytes(receipts_dir(cfg) / f"{receipt['source_sha256']}.json", data)


def apply_answer(db: SurveyDB, receipt: dict, ret: SurveyReturn) -> None:
    """Log the file; an accepted one replaces its department's rows of every table."""
    accepted = receipt["result"] == msg.RESULT_ACCEPTED
    if accepted:
        db.replace_answer(receipt["department"], receipt["source_sha256"], receipt["received_at"])
        for t in db.form.tables:
            db.insert_rows(t, [_row(db.form, t, receipt, excel_row, values)
                               for excel_row, values in ret.rows.get(t.id, [])])
    db.log({**receipt, "live": int(accepted)})


def _row(form: FormDefinition, t: Table, receipt: dict, excel_row: int, values: dict) -> dict:
    """A stored row: whose, its order in the sheet (1-based), its キー, the values, where from."""
    key = L.cell_text(values.get(t.key)) if t.mode == msg.DEF_MODE_KEYED and t.key else ""
    return {**values, "survey_id": form.survey_id, "department": receipt["department"],
            "line": excel_row - L.FIRST_DATA_ROW, "key": key, "source_sha256": receipt["source_sha256"],
            "merged_at": receipt["received_at"]}


# --- rebuild -----------------------------------------------------------------------------------------------

def rebuild_survey(cfg: Config) -> int:
    """The survey's tables made again from the archive (receipts replayed in order); returns the files replayed."""
    form = DW.workspace_form(cfg)
    receipts = sorted(read_receipts(cfg, form.survey_id), key=lambda r: r["seq"])
    with Lock(cfg.outbox_dir / LOCK_NAME):
        clean_temp(cfg)
        db = SurveyDB.open(cfg, form)
        try:
            with db.transaction():
                db.clear()
                for receipt in receipts:
                    apply_answer(db, receipt, _reread(cfg, form, receipt))
        finally:
            db.close()
    return len(receipts)


def read_receipts(cfg: Config, survey_id: str | None = None) -> list[dict]:
    """The receipts in the archive (of one survey, or of all), in file order."""
    receipts = []
    for path in sorted(receipts_dir(cfg).glob("*.json")):
        try:
            receipt = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise msg.DataError(msg.LEDGER_REBUILD_BAD_RECEIPT.format(path=path, error=exc)) from exc
        if survey_id is None or receipt.get("survey_id") == survey_id:
            receipts.append(receipt)
    return receipts


def _reread(cfg: Config, form: FormDefinition, receipt: dict) -> SurveyReturn:
    """The archived original read again (a refused file has no original: no rows)."""
    if receipt["result"] != msg.RESULT_ACCEPTED:
        return SurveyReturn(receipt["department"], {}, [])
    original = archive_dir(cfg) / f"{receipt['source_sha256']}.xlsx"
    return read_survey(original, lambda s: DW.form_by_sha(cfg, s), form.survey_id, cfg.max_file_mb)


# --- reading -----------------------------------------------------------------------------------------------

@contextmanager
def _reading(cfg: Config, form: FormDefinition) -> Iterator[SurveyDB | None]:
    """The ledger opened for reading (None before the first merge: nothing is created)."""
    db = SurveyDB.open(cfg, form, write=False) if db_path(cfg).is_file() else None
    try:
        yield db
    finally:
        if db is not None:
            db.close()


def survey_status(cfg: Config) -> list[DeptStatus]:
    """Every department of 部署 with 回答済 / 再回答 / 差戻し / 未回答 (its latest file decides)."""
    form = DW.workspace_form(cfg)
    with _reading(cfg, form) as db:
        subs = db.submissions() if db is not None else []
    return [_status(d.name, [s for s in subs if s["department"] == d.name]) for d in form.departments]


def _status(department: str, subs: list) -> DeptStatus:
    if not subs:
        return DeptStatus(department, msg.SURVEY_STATUS_NONE)
    last = subs[-1]
    accepted = [s for s in subs if s["result"] == msg.RESULT_ACCEPTED]
    if last["result"] != msg.RESULT_ACCEPTED:
        status = msg.SURVEY_STATUS_RETURNED
    else:
        status = msg.SURVEY_STATUS_AGAIN if len(accepted) > 1 else msg.SURVEY_STATUS_ANSWERED
    return DeptStatus(department, status, last["received_at"], last["source_name"])


def survey_frames(cfg: Config) -> dict[str, pd.DataFrame]:
    """The live rows per table id: department, line, key, the fields' keys, source_sha256."""
    form = DW.workspace_form(cfg)
    with _reading(cfg, form) as db:
        return {t.id: _frame(db, form, t) for t in form.tables}


def _frame(db: SurveyDB | None, form: FormDefinition, t: Table) -> pd.DataFrame:
    import pandas as pd

    columns = [c for c in row_columns(form, t) if c not in FRAME_DROP]
    rows = db.live_rows(t) if db is not None else []
    return pd.DataFrame([_values(r, columns) for r in rows], columns=columns)


def _values(row: sqlite3.Row, columns: list[str]) -> list[object]:
    """The row's values of columns (None for a field added since the last merge: no column yet)."""
    stored = set(row.keys())
    return [row[c] if c in stored else None for c in columns]


def previous_defaults(cfg: Config, form: FormDefinition) -> dict[str, dict[str, list[dict]]]:
    """The last accepted rows of form's 既定行 tables, as the form writer takes them (department → table id →
    rows of 項目ID → text): next year's forms start from this year's answers (whatever survey they answered;
    a field the ledger has no column for yet is left empty)."""
    out: dict[str, dict[str, list[dict]]] = {}
    keyed = [t for t in form.tables if t.mode == msg.DEF_MODE_KEYED]
    with _reading(cfg, form) as db:
        for t in keyed if db is not None else []:
            keys = [f.key for f in form.columns(t.id)]
            for row in db.latest_rows(t):
                values = dict(zip(keys, _values(row, keys), strict=True))
                out.setdefault(row["department"], {}).setdefault(t.id, []).append(
                    {k: "" if v is None else L.cell_text(v) for k, v in values.items()})
    return out
