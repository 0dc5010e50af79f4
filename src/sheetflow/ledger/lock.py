"""A lock file that keeps two ledger updates (merge, rebuild) apart.

The lock is a file created with O_CREAT|O_EXCL holding the owner's host, user, pid and start time. A lock
of this host whose pid is no longer alive (the process was killed) is stale: it is taken over, with a
notice saying whose it was. A lock of another PC (a shared outbox) is never judged by its pid: it stays
until that merge ends or `sheetflow unlock` clears it by hand.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.ground.periods import wareki_time

LOCK_NAME = ".sheetflow.lock"


class LockBusy(msg.UserError):
    """Another live process holds the lock (exit code 2: try again later)."""


def pid_alive(pid: int) -> bool:
    """True when a process with this pid exists (POSIX: signal 0 checks without signalling)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would send CTRL_C_EVENT there
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:
        return False
    return True


def _windows_pid_alive(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def this_host() -> str:
    return socket.gethostname()


def this_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001  (no user name in the environment)
        return "?"


def read_lock(path: Path) -> tuple[int, str]:
    """(pid, started) written in a lock file; (0, "") when unreadable (treated as stale)."""
    info = lock_info(path)
    return int(info.get("pid", 0) or 0), str(info.get("started", ""))


def lock_info(path: Path) -> dict:
    """Everything the lock file says (host, user, pid, started); {} when unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        int(data.get("pid", 0) or 0)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def holder_text(info: dict) -> str:
    return msg.LEDGER_LOCK_HOLDER.format(host=info.get("host") or "?", user=info.get("user") or "?",
                                         pid=info.get("pid") or "?", since=started_text(info.get("started")))


def started_text(started: object) -> str:
    """When the holder started, in 和暦 and Japan time (the file keeps ISO text); as written when unreadable."""
    try:
        return wareki_time(datetime.fromisoformat(str(started)))
    except ValueError:  # not ISO, or a year 和暦 cannot name
        return str(started or "?")


def clear_lock(path: Path) -> dict | None:
    """Remove the lock by hand (sheetflow unlock); returns what it said, None when there was none."""
    if not path.exists():
        return None
    info = lock_info(path)
    path.unlink(missing_ok=True)
    return info


class Lock:
    """Context manager: `with Lock(outbox / LOCK_NAME, notice=print): ...`."""

    def __init__(self, path: Path, notice: Callable[[str], None] | None = None):
        self.path = path
        self.notice = notice
        self.held = False

    def __enter__(self) -> Lock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(3):
            if self._try_create():
                return
            info = lock_info(self.path)
            pid = int(info.get("pid", 0) or 0)
            other_host = bool(info) and info.get("host", this_host()) != this_host()
            if other_host or (pid_alive(pid) and pid != os.getpid()):
                raise LockBusy(msg.LEDGER_LOCK_BUSY.format(holder=holder_text(info), path=self.path))
            # stale (dead owner, unreadable, or left by this very process): take it over, unless another
            # process took it over in the meantime
            if lock_info(self.path) != info:
                continue
            self.path.unlink(missing_ok=True)
            if self.notice is not None:
                self.notice(msg.LEDGER_LOCK_STALE.format(holder=holder_text(info), path=self.path))
        raise LockBusy(msg.LEDGER_LOCK_BUSY.format(holder=holder_text({}), path=self.path))

    def _try_create(self) -> bool:
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False  # (other errors, a folder that cannot be written: told by the CLI's boundary, exit 3)
        started = datetime.now().astimezone().isoformat(timespec="seconds")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps({"host": this_host(), "user": this_user(), "pid": os.getpid(),
                                 "started": started}, ensure_ascii=False))
            fh.flush()
            os.fsync(fh.fileno())
        self.held = True
        return True

    def release(self) -> None:
        if self.held:
            pid, _ = read_lock(self.path)
            if pid == os.getpid():
                self.path.unlink(missing_ok=True)
            self.held = False
