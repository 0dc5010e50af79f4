"""Commands import only what they use: --help, status, plan check of a cached plan and forms never load
pandas, pandera or yaml; --help loads no command module and a command only its own (cli/app.COMMANDS)
(each runs in a fresh interpreter; sys.modules is inspected after the command)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from ledger_support import fill_dept, make_forms

HEAVY = ("pandas", "pandera", "openpyxl", "yaml")  # yaml: a cached plan is not parsed again
COMMAND_MODULES = ("check", "council", "demo", "form", "forms", "init", "ledger", "plan", "report")
PROBE = """
import json, sys
from sheetflow.cli import main
try:
    main(sys.argv[1:], standalone_mode=True)
except SystemExit as exc:
    code = exc.code
print("\\n@@" + json.dumps({"code": code, "heavy": sorted(m for m in HEAVY if m in sys.modules),
                            "commands": sorted(m for m in COMMAND_MODULES if "sheetflow.cli." + m in sys.modules)}))
""".replace("HEAVY", repr(HEAVY)).replace("COMMAND_MODULES", repr(COMMAND_MODULES))

UTF8 = {**os.environ, "PYTHONIOENCODING": "utf-8"}  # these children are read as UTF-8 (the console is tested elsewhere)


def run_probe(*args: str, cwd: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, capture_output=True, text=True,
                         encoding="utf-8", check=False, env=UTF8)
    return json.loads(out.stdout.rsplit("@@", 1)[1])


@pytest.fixture
def merged(workspace, mini_plan):
    """A workspace after one `sheetflow merge` (which validated the plan and remembered it)."""
    make_forms(workspace, mini_plan)
    fill_dept(workspace, "財政部 財政課")
    assert run_probe("merge", "--no-report", cwd=workspace.root)["code"] == 0
    return workspace


def test_help_imports_no_data_library_and_no_command(tmp_path):
    assert run_probe("--help", cwd=tmp_path) == {"code": 0, "heavy": [], "commands": []}


def test_form_help_imports_no_data_library_and_only_its_own_command_module(tmp_path):
    assert run_probe("form", "export", "--help", cwd=tmp_path) == {"code": 0, "heavy": [], "commands": ["form"]}


def test_status_imports_no_data_library_and_only_its_own_command_module(merged):
    assert run_probe("status", cwd=merged.root) == {"code": 0, "heavy": [], "commands": ["ledger"]}


def test_plan_check_of_a_cached_plan_imports_no_data_library(merged):
    assert list((merged.outbox_dir / ".cache").glob("plan-*.json"))
    assert run_probe("plan", "check", cwd=merged.root) == {"code": 0, "heavy": [], "commands": ["plan"]}


def test_forms_of_a_cached_plan_imports_no_data_library(merged):
    got = run_probe("forms", "--period", "2025H2", cwd=merged.root)
    assert got == {"code": 0, "heavy": [], "commands": ["forms"]}
    assert list((merged.outbox_dir / "forms" / "2025H2").glob("*.xlsx"))


def test_a_changed_plan_is_validated_again(merged):
    plan = merged.plan_path
    plan.write_text(plan.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert "pandera" in run_probe("plan", "check", cwd=merged.root)["heavy"]


def test_startup_benchmark_quick_run_prints_every_ratio():
    """The benchmark's smoke run: the table and the four ratios are printed (no timing is checked)."""
    script = Path(__file__).resolve().parents[2] / "benchmarks" / "startup.py"
    done = subprocess.run([sys.executable, str(script), "--quick"], capture_output=True, text=True,
                          encoding="utf-8", check=False, env=UTF8)
    assert done.returncode == 0, done.stderr
    for label in ("`sheetflow --help`", "`sheetflow status`", "素朴な openpyxl のループ", "python-calamine"):
        assert label in done.stdout
    assert [line.split(" = ")[0] for line in done.stdout.splitlines() if line.startswith("- ")] == [
        "- help / click", "- status / click", "- naive / check", "- per_file / calamine"]
