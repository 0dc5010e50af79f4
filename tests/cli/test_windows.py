"""The Windows office, simulated on Linux: a cp932 console, a file open in Excel (WinError 32), a UNC
workspace as messages show it, Notepad's sheetflow.toml, a lock from another PC, odd file times, normal
permissions, the 260-character path limit, the one error boundary with its exit codes, a folder that cannot
be written (a read-only share) and output to a pipe closed early."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path, PureWindowsPath

import badfiles as B
import pytest
from click.testing import CliRunner
from ledger_support import fill_dept, make_forms
from windows import excel_holds, read_only_folder, sharing_violation

from sheetflow import messages as msg
from sheetflow.cli import main
from sheetflow.cli.app import EXIT_FILE, EXIT_UNEXPECTED, os_error_text, shown
from sheetflow.ground import files
from sheetflow.ground.config import load_config
from sheetflow.ground.files import file_time, local
from sheetflow.ledger import lock as ledger_lock
from sheetflow.ledger.store import to_iso

ROOT = Path(__file__).resolve().parents[2]
FIN = "財政部 財政課"
UNC = PureWindowsPath(r"\\fileserver\share\行政監理室\行革")


def run(cfg, *args: str):
    return CliRunner().invoke(main, ["-C", str(cfg.root), *args], prog_name="sheetflow")


def sheetflow(cfg, *args: str, encoding: str = "cp932") -> subprocess.CompletedProcess:
    """The real command in a fresh process, its output piped as on a Japanese Windows console."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONPATH": str(ROOT / "src"),
           "SHEETFLOW_START_METHOD": "spawn"}
    return subprocess.run([sys.executable, "-m", "sheetflow", "-C", str(cfg.root), *args], capture_output=True,
                          env=env, timeout=300)


# --- 1. output that never crashes ---------------------------------------------------------------------
NFD_NAME = unicodedata.normalize("NFD", "がっこう—報告🙂.xlsx")  # a Mac's name, with what cp932 lacks


def test_check_on_a_cp932_pipe_prints_nfc_names_with_replacements(workspace):
    B.write(workspace.inbox_dir, NFD_NAME, b"")
    done = sheetflow(workspace, "check")
    assert done.returncode == 1, done.stderr.decode("cp932", "replace")
    out = done.stdout.decode("cp932")  # strict: every byte is cp932
    assert "がっこう?報告?.xlsx" in out and "Traceback" not in done.stderr.decode("cp932")


def test_merge_and_status_on_a_cp932_pipe_finish_with_their_own_exit_codes(workspace, mini_plan):
    make_forms(workspace, mini_plan)
    fill_dept(workspace, FIN, name=unicodedata.normalize("NFD", "財政課—ざいせい.xlsx"))
    B.write(workspace.inbox_dir, NFD_NAME, b"")
    done = sheetflow(workspace, "merge")
    assert done.returncode == 1, done.stderr.decode("cp932", "replace")  # one file unreadable, nothing crashed
    out = done.stdout.decode("cp932")
    assert msg.LEDGER_SUMMARY.format(accepted=1, returned=0, known=0, unreadable=1, other=0) in out
    assert "がっこう?報告?.xlsx" in out and (workspace.outbox_dir / "ledger.xlsx").is_file()
    status = sheetflow(workspace, "status", "--period", "2025H1")
    assert status.returncode == 0 and "財政課" in status.stdout.decode("cp932")


def test_check_json_is_utf8_whatever_the_console(workspace):
    B.write(workspace.inbox_dir, NFD_NAME, b"")
    done = sheetflow(workspace, "check", "--json")
    assert done.returncode == 1
    (entry,) = json.loads(done.stdout.decode("utf-8"))
    assert NFD_NAME in json.dumps(entry, ensure_ascii=False)  # the data: the real name, not changed


# --- 2. one error boundary ------------------------------------------------------------------------------
def test_an_unexpected_error_is_logged_with_exit_code_4(workspace, monkeypatch):
    from sheetflow.ledger import status

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(status, "period_status", broken)
    result = run(workspace, "status", "--period", "2025H1")
    assert result.exit_code == EXIT_UNEXPECTED == 4
    (log,) = (workspace.outbox_dir / "logs").glob("*.log")
    assert "Traceback" in log.read_text(encoding="utf-8") and "RuntimeError: boom" in log.read_text(encoding="utf-8")
    assert msg.ERROR_PREFIX + msg.UNEXPECTED_ERROR.format(error="RuntimeError: boom", log=log) in result.output
    assert "Traceback" not in result.output
    debug = CliRunner().invoke(main, ["--debug", "-C", str(workspace.root), "status", "--period", "2025H1"])
    assert debug.exit_code == 4 and "Traceback" in debug.output


def test_os_errors_name_the_file_and_what_to_do():
    ledger = UNC / "outbox" / "ledger.xlsx"
    assert shown(ledger, UNC) == r"outbox\ledger.xlsx"
    assert os_error_text(sharing_violation(ledger), UNC) == (
        r"outbox\ledger.xlsx が Excel などで開かれています。閉じてからもう一度実行してください。")
    assert os_error_text(PermissionError(13, "denied", str(ledger)), UNC) == msg.FILE_NO_PERMISSION.format(
        path=r"outbox\ledger.xlsx")
    assert os_error_text(OSError(28, "No space left", str(ledger)), UNC) == msg.FILE_DISK_FULL.format(
        path=r"outbox\ledger.xlsx")
    gone = OSError(22, "The network name cannot be found", str(ledger))
    gone.winerror = 64  # ERROR_NETNAME_DELETED: the share went away
    assert os_error_text(gone, UNC) == msg.FILE_SHARE_GONE.format(path=r"outbox\ledger.xlsx")


# --- 4. files open in Excel -------------------------------------------------------------------------------
@pytest.fixture
def merged(workspace, mini_plan):
    make_forms(workspace, mini_plan)
    fill_dept(workspace, FIN)
    assert run(workspace, "merge").exit_code == 0
    fill_dept(workspace, FIN, name="再提出.xlsx", status="完了")
    return workspace


def test_merge_with_ledger_xlsx_open_changes_nothing(merged, monkeypatch):
    db = (merged.outbox_dir / "ledger.sqlite").read_bytes()
    excel_holds(monkeypatch, merged.outbox_dir / "ledger.xlsx")
    result = run(merged, "merge")
    assert result.exit_code == EXIT_FILE == 3
    assert msg.ERROR_PREFIX + msg.FILE_IN_USE.format(path=Path("outbox") / "ledger.xlsx") in result.output
    assert (merged.outbox_dir / "ledger.sqlite").read_bytes() == db


def test_ledger_locked_after_the_commit_is_listed_and_a_rerun_completes(merged, monkeypatch):
    book = merged.outbox_dir / "ledger.xlsx"
    before = book.read_bytes()
    excel_holds(monkeypatch, book, open_too=False)  # opened by Excel between the check and the write
    result = run(merged, "merge")
    assert result.exit_code == 3
    assert msg.FILE_STALE_AFTER_COMMIT.format(paths=Path("outbox") / "ledger.xlsx") in result.output
    assert book.read_bytes() == before
    monkeypatch.undo()
    again = run(merged, "merge")
    assert again.exit_code == 0 and book.read_bytes() != before
    assert msg.LEDGER_WRITTEN.split(":")[0] in again.output  # nothing new, but the stale book is rewritten


def test_an_open_return_file_never_blocks_the_merge(merged, monkeypatch):
    held = merged.outbox_dir / "returns" / "_unidentified" / "壊れ_差戻し.xlsx"
    B.write(held.parent, held.name, b"old")
    B.write(merged.inbox_dir, "壊れ.xlsx", b"PK\x03\x04broken")
    excel_holds(monkeypatch, held)
    result = run(merged, "merge")
    assert result.exit_code == 1  # a file was returned; the resubmission is accepted
    assert msg.LEDGER_RETURN_IN_USE.format(path=held) in result.output
    assert msg.LEDGER_SUMMARY.format(accepted=1, returned=0, known=1, unreadable=1, other=0) in result.output
    assert held.read_bytes() == b"old"


def test_the_bare_winerror_form_counts_as_in_use():
    assert files.in_use(PermissionError(13, "in use", None, 32)) and not files.in_use(PermissionError(13, "no"))


def test_a_transient_lock_is_retried(tmp_path, monkeypatch):
    target = tmp_path / "report.xlsx"
    real_replace, calls = os.replace, []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) < 3:
            raise sharing_violation(dst)  # antivirus for a moment
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    files.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and len(calls) == 3


# --- 5. a lock for two PCs ------------------------------------------------------------------------------------
def test_a_lock_of_another_pc_is_never_taken_over_and_unlock_clears_it(workspace):
    path = workspace.outbox_dir / ledger_lock.LOCK_NAME
    path.parent.mkdir(parents=True)
    info = {"host": "PC-KIKAKU-07", "user": "tanaka", "pid": 999999, "started": "2025-10-20T10:00:00+09:00"}
    path.write_text(json.dumps(info), encoding="utf-8")  # pid 999999 is dead here, but it is not our PC's
    busy = run(workspace, "merge")
    assert busy.exit_code == 2
    assert msg.LEDGER_LOCK_BUSY.format(holder=ledger_lock.holder_text(info), path=path) in busy.output
    assert "PC-KIKAKU-07" in busy.output and "tanaka" in busy.output
    shown_ = run(workspace, "unlock")
    assert shown_.exit_code == 0 and path.exists()
    assert msg.LEDGER_UNLOCK_HELD.format(holder=ledger_lock.holder_text(info), path=path) in shown_.output
    cleared = run(workspace, "unlock", "--yes")
    assert cleared.exit_code == 0 and not path.exists()
    assert msg.LEDGER_UNLOCK_DONE.format(holder=ledger_lock.holder_text(info), path=path) in cleared.output


def test_the_lock_records_host_user_pid_and_start(tmp_path):
    with ledger_lock.Lock(tmp_path / ledger_lock.LOCK_NAME) as held:
        info = ledger_lock.lock_info(held.path)
    assert set(info) == {"host", "user", "pid", "started"} and info["pid"] == os.getpid()


# --- 6. config as Notepad saves it ------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932"])
def test_config_saved_by_notepad_is_read(tmp_path, encoding):
    (tmp_path / "sheetflow.toml").write_bytes('contact = "総務部行政監理室（内線 1234）"\r\n'.encode(encoding))
    assert load_config(tmp_path).contact == "総務部行政監理室（内線 1234）"


def test_toml_errors_name_the_line_and_key_in_japanese(tmp_path):
    (tmp_path / "sheetflow.toml").write_text('inbox = "inbox"\ncontact = 総務部\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["-C", str(tmp_path), "status"])
    assert result.exit_code == 2
    config = tmp_path / "sheetflow.toml"
    assert msg.ERROR_PREFIX + msg.CONFIG_BAD_TOML.format(
        file=config, line=2, key="（contact）", reason=msg.CONFIG_TOML_REASONS["Invalid value"],
        text="contact = 総務部") in result.output
    config.write_text('inbox = "a"\ninbox = "b"\n', encoding="utf-8")
    twice = CliRunner().invoke(main, ["-C", str(tmp_path), "status"])
    assert twice.exit_code == 2 and "同じ項目が2回書かれています" in twice.output


# --- 7. odd times, permissions, long paths ------------------------------------------------------------------------------
class WindowsTime(datetime):
    def astimezone(self, tz=None):  # what Windows does before 1970
        raise OSError(22, "Invalid argument")


def test_a_file_time_windows_cannot_convert_does_not_crash():
    odd = WindowsTime(1960, 1, 1, 9, 0)
    assert local(odd).year == 1960 and local(odd).tzinfo is not None
    assert to_iso(odd).startswith("1960-01-01T09:00:00")


def test_a_returned_file_dated_before_1970_is_checked(tmp_path, monkeypatch):
    assert file_time(-315619200).astimezone(UTC).date() == date(1960, 1, 1)
    monkeypatch.setattr(files, "EPOCH", WindowsTime(1970, 1, 1, tzinfo=UTC))  # astimezone fails as on Windows
    assert file_time(0).year == 1970 and file_time(0).tzinfo is not None


def test_outputs_have_normal_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        files.atomic_write_bytes(tmp_path / "ledger.xlsx", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "ledger.xlsx").stat().st_mode & 0o777 == 0o644


def test_a_path_longer_than_windows_allows_is_refused_with_a_message(tmp_path):
    target = tmp_path / ("長" * 80) / ("期" * 80) / ("報" * 80) / "ledger.xlsx"
    with pytest.raises(files.PathTooLong) as err:
        files.atomic_write_bytes(target, b"x")
    assert not target.parent.exists()
    text = os_error_text(err.value)
    assert text == msg.FILE_PATH_TOO_LONG.format(path=target, length=len(str(target)), limit=259)


# --- 9. the offline bundle's .cmd files ------------------------------------------------------------------------------
def bundle_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("windows_bundle", ROOT / "scripts" / "windows_bundle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bundle_writes_cp932_crlf_launchers_that_run_in_their_folder_and_wait(tmp_path):
    written = bundle_script().write_scripts(tmp_path)
    assert [p.name for p in written] == ["install.cmd", "様式を作る.cmd", "取り込む.cmd", "提出状況.cmd"]
    for path in written:
        data = path.read_bytes()
        text = data.decode("cp932")  # strict
        assert b"\n" not in data.replace(b"\r\n", b"") and text.startswith("@echo off\r\nchcp 932 > nul\r\n")
    merge = (tmp_path / "取り込む.cmd").read_bytes().decode("cp932").splitlines()
    assert merge[2] == 'pushd "%~dp0"' and r'\sheetflow\venv\Scripts\python.exe" -m sheetflow merge' in merge[3]
    assert merge[-2] == "pause > nul" and msg.WIN_PRESS_KEY in merge[-3]
    forms = (tmp_path / "様式を作る.cmd").read_bytes().decode("cp932")
    assert f"set /p PERIOD={msg.WIN_ASK_PERIOD}" in forms and "forms --period %PERIOD%" in forms
    install = (tmp_path / "install.cmd").read_bytes().decode("cp932")
    assert '--no-index --find-links "%~dp0wheels"' in install


def test_report_with_its_file_open_in_excel_changes_nothing(merged, monkeypatch):
    report = merged.outbox_dir / "reports" / msg.REPORT_FILE.format(period="2025H1")
    before = report.read_bytes()
    excel_holds(monkeypatch, report)
    result = run(merged, "report", "--period", "2025H1")
    assert result.exit_code == 3 and report.read_bytes() == before
    assert msg.FILE_IN_USE.format(path=Path("outbox") / "reports" / report.name) in result.output


def test_forms_force_with_a_form_open_in_excel_changes_nothing(workspace, mini_plan, monkeypatch):
    """`forms --force` says which form is open before any form is replaced (a half-replaced set helps nobody)."""
    folder = make_forms(workspace, mini_plan)
    held = max(folder.iterdir(), key=lambda p: p.stat().st_mtime_ns)  # the last one written
    for form in folder.iterdir():
        form.write_bytes(f"配布済み {form.name}".encode())  # what must still be there afterwards
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    excel_holds(monkeypatch, held)
    result = run(workspace, "forms", "--period", "2025H1", "--force")
    assert result.exit_code == 3
    assert msg.FILE_IN_USE.format(path=Path("outbox") / "forms" / "2025H1" / held.name) in result.output
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


# --- 10. a folder that cannot be written ---------------------------------------------------------------------
FOLDER_REFUSED = msg.ERROR_PREFIX + msg.FILE_FOLDER_NO_PERMISSION.format(path="outbox") + "\n"


@pytest.mark.parametrize("code", [13, 1, 30], ids=["EACCES", "EPERM", "EROFS"])
@pytest.mark.parametrize("args", [("forms", "--period", "R7上期"), ("merge",), ("rebuild",), ("council", "--year", "R7"),
                                  ("plan", "export")], ids=" ".join)
def test_a_read_only_outbox_is_exit_3_naming_the_folder_and_what_to_do(workspace, mini_plan, monkeypatch, args, code):
    """No errno text, no temp file name, exit 3 as the README says; nothing is written."""
    workspace.outbox_dir.mkdir()
    if args[0] == "merge":
        make_forms(workspace, mini_plan)
        fill_dept(workspace, FIN)
    before = sorted(workspace.root.rglob("*"))
    read_only_folder(monkeypatch, workspace.outbox_dir, code)
    result = run(workspace, *args)
    assert (result.exit_code, result.output) == (3, FOLDER_REFUSED)
    assert sorted(workspace.root.rglob("*")) == before


def test_a_permission_error_names_the_folder_only_for_what_was_being_created(tmp_path):
    (tmp_path / "outbox").mkdir()
    existing = tmp_path / "outbox" / "ledger.xlsx"
    existing.write_bytes(b"")
    new = tmp_path / "outbox" / "forms" / "2025H1" / "財政課.xlsx"
    assert os_error_text(PermissionError(13, "denied", str(new)), tmp_path) == msg.FILE_FOLDER_NO_PERMISSION.format(
        path="outbox")
    assert os_error_text(OSError(30, "Read-only file system", str(existing)), tmp_path) == msg.FILE_NO_PERMISSION.format(
        path=str(Path("outbox") / "ledger.xlsx"))
    assert os_error_text(PermissionError(13, "denied", str(tmp_path / "outbox")), tmp_path) == (
        msg.FILE_NO_PERMISSION.format(path="outbox"))


def test_a_report_written_elsewhere_names_that_folder(merged, monkeypatch, tmp_path):
    elsewhere = tmp_path.parent / (tmp_path.name + "-共有")
    elsewhere.mkdir()
    read_only_folder(monkeypatch, elsewhere, 13)
    result = run(merged, "report", "--period", "R7上期", "--out", str(elsewhere / "報告書.xlsx"))
    assert (result.exit_code, result.output) == (3, msg.ERROR_PREFIX + msg.FILE_FOLDER_NO_PERMISSION.format(
        path=elsewhere) + "\n")


# --- 11. output to a pipe closed early (`sheetflow status | more`, closed) -------------------------------------
@pytest.mark.parametrize("args", [("status",), ("plan", "check"), ("check",)], ids=" ".join)
def test_output_to_a_closed_pipe_ends_quietly(merged, args):
    """The reader is gone before the first line: no message about a broken pipe, the exit code git gives."""
    env = {**os.environ, "PYTHONIOENCODING": "cp932", "PYTHONPATH": str(ROOT / "src")}
    child = subprocess.Popen([sys.executable, "-m", "sheetflow", "-C", str(merged.root), *args],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    child.stdout.close()  # like `| head -1` having read its line
    stderr = child.stderr.read()
    assert (child.wait(timeout=120), stderr.decode("cp932")) == (141, "")


def test_output_read_in_part_ends_quietly(merged):
    """`sheetflow status | head -1` through a real shell pipe: the first line, nothing on stderr."""
    done = subprocess.run(f'"{sys.executable}" -m sheetflow -C "{merged.root}" status | head -1', shell=True,
                          capture_output=True, env={**os.environ, "PYTHONIOENCODING": "utf-8",
                                                    "PYTHONPATH": str(ROOT / "src")}, timeout=120)
    assert done.stdout.decode("utf-8").startswith("令和7年度 上期（2025H1） の提出状況（")
    assert (done.returncode, done.stderr) == (0, b"")


WINDOWS_PIPE = """
import io, sys
from sheetflow.cli import main

class WindowsPipe(io.TextIOWrapper):
    def flush(self):  # Windows reports a pipe whose reader has gone as EINVAL, not EPIPE
        try:
            super().flush()
        except BrokenPipeError:
            raise OSError(22, "Invalid argument") from None

sys.stdout = WindowsPipe(open(1, "wb", closefd=False), encoding="cp932")
main(sys.argv[1:], prog_name="sheetflow")
"""


def test_a_closed_pipe_as_windows_reports_it_ends_quietly_too(merged):
    env = {**os.environ, "PYTHONIOENCODING": "cp932", "PYTHONPATH": str(ROOT / "src")}
    child = subprocess.Popen([sys.executable, "-c", WINDOWS_PIPE, "-C", str(merged.root), "status"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    child.stdout.close()
    stderr = child.stderr.read()
    assert (child.wait(timeout=120), stderr.decode("cp932")) == (141, "")
