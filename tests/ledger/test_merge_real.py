"""The real Tomakomai plan: all 35 departments' forms filled and merged, then merged again."""

from __future__ import annotations

import pytest
from ledger_support import fill, form_path, make_forms, sheet_values

from sheetflow import messages as msg
from sheetflow.forms.workbook import form_filename
from sheetflow.ground.config import load_config
from sheetflow.ledger.merge import merge_inbox
from sheetflow.ledger.query import open_ledger, submission_status
from sheetflow.ledger.tables import SUBMITTED


@pytest.fixture
def real_ws(tmp_path):
    (tmp_path / "inbox").mkdir()
    (tmp_path / "sheetflow.toml").write_text("", encoding="utf-8")  # no settings: the built-in plan
    return load_config(tmp_path)


def test_all_departments_of_the_real_plan(real_ws, tomakomai):
    make_forms(real_ws, tomakomai)
    depts = [d.key for d in tomakomai.recipients()]
    assert len(depts) == 35
    for n, dept in enumerate(depts):
        fill(form_path(real_ws, dept), real_ws.inbox_dir / form_filename(dept), actual=float(n),
             status="遅れ" if n % 5 == 0 else "順調", issues="予算の調整が遅れている。" if n % 5 == 0 else "")
    res = merge_inbox(real_ws, tomakomai)
    assert res.count(msg.RESULT_ACCEPTED) == 35 and res.exit_code == 0
    assert res.counts_rows == {"current": 56, "kpis": 43, "history": 0, "log": 35}
    assert res.missing == {"2025H1": []}
    ledger = open_ledger(real_ws)
    assert list(ledger.current("2025H1")["no"]) == list(range(1, 57))
    assert set(submission_status(ledger, tomakomai, "2025H1")["status"]) == {SUBMITTED}
    sheets = sheet_values(real_ws.outbox_dir / "ledger.xlsx")
    assert {name: len(rows) - 1 for name, rows in sheets.items()} == {
        "台帳": 56, "指標": 43, "効果額・達成度": 56, "履歴": 0, "指標履歴": 0, "提出履歴": 35, "提出状況": 35}
    targets = {r[2]: (r[8], r[9]) for r in sheets["指標"][1:]}  # this year's and the cumulative target
    assert targets["2-1"] == (3, 3) and targets["1-1"] == (None, None) and targets["18-1"] == (10, 10)
    again = merge_inbox(real_ws, tomakomai)
    assert again.count(msg.RESULT_KNOWN) == 35 and not again.changed
