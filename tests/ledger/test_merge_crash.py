"""A merge killed with SIGKILL at the worst moments: the previous ledger stays readable, a re-run completes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from ledger_support import fill_dept, make_forms, sheet_values

from sheetflow import messages as msg
from sheetflow.ledger.lock import LOCK_NAME
from sheetflow.ledger.merge import merge_inbox
from sheetflow.ledger.query import open_ledger
from sheetflow.ledger.rebuild import rebuild_ledger

SRC = Path(__file__).resolve().parents[2] / "src"
CHILD = """
import os, signal, sys
from pathlib import Path
from sheetflow.ground.config import load_config
from sheetflow.plan.load import load_plan
from sheetflow.ledger.merge import merge_inbox

target = sys.argv[2]
real_replace = os.replace

def replace(src, dst, *args, **kwargs):
    if str(dst).endswith(target):
        os.kill(os.getpid(), signal.SIGKILL)  # no cleanup of any kind: like pulling the plug
    return real_replace(src, dst, *args, **kwargs)

os.replace = replace
cfg = load_config(Path(sys.argv[1]))
merge_inbox(cfg, load_plan(cfg.plan_path))
"""


def killed_merge(root: Path, target: str) -> int:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run([sys.executable, "-c", CHILD, str(root), target], env=env, capture_output=True,
                          timeout=300).returncode


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="Windows has no SIGKILL (the child kills itself "
                    "with it to stop without any cleanup); the same recovery is what a killed process leaves there")
@pytest.mark.parametrize("target", ["ledger.xlsx", ".json"], ids=["after-commit", "before-commit"])
def test_sigkill_mid_merge_then_rerun(workspace, mini_plan, target):
    make_forms(workspace, mini_plan)
    fill_dept(workspace, "財政部 財政課")
    merge_inbox(workspace, mini_plan)
    book = workspace.outbox_dir / "ledger.xlsx"
    old = sheet_values(book)
    fill_dept(workspace, "議会事務局")
    assert killed_merge(workspace.root, target) == -signal.SIGKILL
    lock = workspace.outbox_dir / LOCK_NAME
    assert lock.exists()  # left behind by the dead process
    dead_pid = json.loads(lock.read_text(encoding="utf-8"))["pid"]
    assert sheet_values(book) == old  # the previous ledger is intact and readable
    committed = len(open_ledger(workspace).current())
    assert committed == (3 if target == "ledger.xlsx" else 2)
    res = merge_inbox(workspace, mini_plan)
    assert any(n.startswith(msg.LEDGER_LOCK_STALE.split("（")[0]) and str(dead_pid) in n for n in res.notices)
    assert not lock.exists() and not list(workspace.outbox_dir.rglob(".*.tmp"))
    assert [r[2] for r in sheet_values(book)["台帳"][1:]] == [1, 2, 4]
    expected = msg.RESULT_KNOWN if target == "ledger.xlsx" else msg.RESULT_ACCEPTED
    assert {f.path.name: f.result for f in res.files}["議会事務局.xlsx"] == expected
    live = {t: open_ledger(workspace).table(t).to_dict("records") for t in ("current", "history", "submissions")}
    rebuild_ledger(workspace, mini_plan)
    assert {t: open_ledger(workspace).table(t).to_dict("records") for t in live} == live
