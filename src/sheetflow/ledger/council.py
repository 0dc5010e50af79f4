"""The 審議会's scores and opinions in the ledger (table council_scores).

Every accepted member's file adds its rows (one per item, with the file's provenance) and is never
deleted; which file of a member is in force is the submissions log's `live` flag, set by the same
order rule as for departments (apply.apply_receipt: the newest by saved time wins), because a member's
file is logged under the unit 審議会委員 <name>. A merge and a rebuild both call apply_council.
"""

from __future__ import annotations

from sheetflow import messages as msg
from sheetflow.intake.model import Submission
from sheetflow.ledger.apply import provenance
from sheetflow.ledger.store import Store
from sheetflow.ledger.tables import COUNCIL_FIELDS, COUNCIL_TABLE


def council_rows(sub: Submission, receipt: dict) -> list[dict]:
    """The member's answers as ledger rows, in item order."""
    answers = sub.council
    base = {"period": receipt["period"], "year": answers.year, "member": answers.member, **provenance(receipt)}
    return [{**base, "no": s.no, "score": s.score, "opinion": s.opinion}
            for s in sorted(answers.scores, key=lambda s: s.no)]


def apply_council(store: Store, receipt: dict, sub: Submission | None) -> None:
    """Keep an accepted member's file's scores and opinions (after apply_receipt has logged it)."""
    if sub is None or sub.council is None or receipt["result"] != msg.RESULT_ACCEPTED:
        return
    for row in council_rows(sub, receipt):
        store.insert(COUNCIL_TABLE, COUNCIL_FIELDS, row)
