"""Which period a merge changes: the current period, publications of a year and recorded reopenings.

Periods are finished on purpose. The *current* period is the latest period forms were issued for (a folder
outbox/forms/<period>/ holding a workbook) or the ledger already holds files of; with neither (a
workspace's first merge) it is the latest period named by the new files in the inbox. A plain `merge`
changes only the current period; a file of another period is held (left in inbox/, never logged) until
the operator names that period (`merge --period`). A year is *published* once `sheetflow publish` wrote
it (an event in the ledger; for a year published before the ledger recorded publications, the folder
outbox/publish/<year>/ with its index.html); changing a published year needs `merge --reopen`, which
the ledger records (who, when), and the next `publish` marks the page as revised.

Events are written to outbox/archive/events/ as well as to the database, so that rebuild reproduces them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.ground.config import Config
from sheetflow.ground.files import atomic_write_bytes
from sheetflow.ground.periods import Period, PeriodError, fiscal_label, parse_period
from sheetflow.ledger.archive import archive_dir
from sheetflow.ledger.lock import LOCK_NAME, Lock, this_user
from sheetflow.ledger.status import held_path, ledger_rows, when_text
from sheetflow.ledger.store import UNSHOWN_KEY, Store, db_path, now_iso

PUBLISH, REOPEN = "publish", "reopen"


def period_or_none(text: str) -> Period | None:
    """The period of a code, or None when it names none (a damaged _meta)."""
    try:
        return parse_period(text)
    except PeriodError:
        return None


def finished_before(period: str, current: str | None) -> bool:
    """The period is earlier than the current one (so it is finished)."""
    found, now = period_or_none(period), period_or_none(current or "")
    return found is not None and now is not None and found < now


def issued_periods(cfg: Config) -> list[Period]:
    """Periods forms were issued for: outbox/forms/<period>/ folders with at least one workbook."""
    root = cfg.forms_root
    found = [period_or_none(d.name) for d in root.iterdir() if d.is_dir()] if root.is_dir() else []
    return sorted(p for p in found if p is not None and any(cfg.forms_dir(p).glob("*.xlsx")))


def current_period(cfg: Config, store: Store, inbox: list[str]) -> str | None:
    """The latest period forms were issued for or the ledger holds; else the latest one in the inbox."""
    logged = [period_or_none(r[0]) for r in store.rows("SELECT DISTINCT period FROM submissions WHERE period <> ''")]
    known = issued_periods(cfg) + [p for p in logged if p is not None]
    if not known:
        known = [p for p in map(period_or_none, inbox) if p is not None]
    return max(known).code if known else None


# --- publications and reopenings ----------------------------------------------------------------
def events_dir(cfg: Config) -> Path:
    return archive_dir(cfg) / "events"


def event(kind: str, year: int, period: str = "", at: str | None = None) -> dict:
    return {"kind": kind, "year": int(year), "period": period, "at": at or now_iso(), "user": this_user()}


def record_event(cfg: Config, store: Store, ev: dict) -> None:
    """Keep the event in the archive (for rebuild) and in the database (call inside a transaction)."""
    stamp = ev["at"].replace(":", "").replace("+", "p")
    data = json.dumps(ev, ensure_ascii=False, sort_keys=True).encode("utf-8")
    atomic_write_bytes(events_dir(cfg) / f"{stamp}-{ev['kind']}-{ev['year']}.json", data)
    store.add_event(ev)


def archived_events(cfg: Config) -> list[dict]:
    """Every event file of the archive, oldest first (what rebuild replays)."""
    folder = events_dir(cfg)
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    return sorted((_read_event(p) for p in files), key=lambda e: e["at"])


def _read_event(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {k: data[k] for k in ("kind", "year", "period", "at", "user")}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise msg.DataError(msg.LEDGER_REBUILD_BAD_EVENT.format(path=path, error=exc)) from exc


def published(cfg: Config, store: Store, year: int) -> str | None:
    """How the year was published (when and by whom, or where its files are); None when it was not."""
    found = [e for e in store.events() if e["kind"] == PUBLISH and e["year"] == year]
    if found:
        return msg.LEDGER_PUBLISHED_BY.format(at=when_text(found[0]["at"]), user=found[0]["user"])
    legacy = cfg.publish_dir(year) / "index.html"
    return msg.LEDGER_PUBLISHED_FOLDER.format(path=legacy) if legacy.is_file() else None


def refuse_published(cfg: Config, store: Store, code: str) -> None:
    """UserError (nothing changed) when `merge --period` names a period of a published year without --reopen."""
    period = parse_period(code)
    how = published(cfg, store, period.year)
    if how is not None:
        raise msg.UserError(msg.LEDGER_PUBLISHED_REFUSED.format(
            year=fiscal_label(period.year), published=how, period=period.label, code=code))


def publishing(cfg: Config, year: int, write: Callable[[], None]) -> None:
    """`publish` writes the year's files under the lock, then the ledger records the publication."""
    with Lock(cfg.outbox_dir / LOCK_NAME):
        write()
        if not db_path(cfg).is_file():
            return
        store = Store.open(db_path(cfg))
        try:
            with store.transaction():
                record_event(cfg, store, event(PUBLISH, year))
        finally:
            store.close()


def year_reopenings(cfg: Config, year: int) -> list[dict]:
    """The recorded reopenings of a year (kind, year, period, at, user), oldest first."""
    rows = ledger_rows(cfg, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'events'")
    if not rows:
        return []
    return ledger_rows(cfg, "SELECT kind, year, period, at, user FROM events WHERE kind = ? AND year = ? "
                            "ORDER BY at, seq", (REOPEN, year)) or []


# --- what the merge leaves for `status` (read back by ledger.status.merge_leftovers) -----------------
def save_held(cfg: Config, held: list[dict]) -> None:
    """The files this merge held (outbox/.held.json), rewritten only when they change."""
    path = held_path(cfg)
    data = json.dumps(held, ensure_ascii=False, indent=1).encode("utf-8")
    if not held:
        path.unlink(missing_ok=True)
    elif not path.is_file() or path.read_bytes() != data:
        atomic_write_bytes(path, data)


def results_shown(cfg: Config, merge_no: int | None = None) -> None:
    """The per-file results of the merge are being returned (merge_no: they are not after all, interrupted:
    the next merge or status shows them). A meta value, written only when it changes. Under the lock."""
    value = str(merge_no) if merge_no else ""
    store = Store.open(db_path(cfg))
    try:
        if (store.meta(UNSHOWN_KEY) or "") != value:
            with store.transaction():
                store.set_meta(UNSHOWN_KEY, value) if value else store.drop_meta(UNSHOWN_KEY)
    finally:
        store.close()
