"""Safe file writing: temp file in the same folder, fsync, atomic rename.

Windows office rules: outputs get normal permissions (the umask, never 0600), a file another program
(Excel, antivirus, a sync client) holds is retried for a moment and then reported as in use, and full
paths are checked against Windows' 260-character limit before anything is written.
"""

from __future__ import annotations

import errno
import os
import secrets
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

MAX_PATH = 259  # characters of a full path on Windows (MAX_PATH 260 with the terminating NUL)
SHARING_VIOLATION = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
RETRIES = (0.1, 0.3, 0.6)  # seconds waited before each retry of a file in use


class FileInUse(PermissionError):
    """Files another program holds open (Excel, usually); nothing was changed."""

    def __init__(self, paths: Iterable[Path]):
        self.paths = list(paths)
        super().__init__(errno.EACCES, "in use", str(self.paths[0]) if self.paths else None)


class PathTooLong(OSError):
    def __init__(self, path: Path):
        super().__init__(errno.ENAMETOOLONG, "path too long", str(path))


def winerror(exc: OSError) -> int | None:
    """The Windows error code (also of PermissionError(13, text, name, 32) raised by a test on Linux)."""
    code = getattr(exc, "winerror", None)
    if code is None and len(exc.args) > 3 and isinstance(exc.args[3], int):
        code = exc.args[3]
    return code


def in_use(exc: BaseException) -> bool:
    """A file held open by another program (Windows' sharing violation), as opposed to no permission."""
    return isinstance(exc, FileInUse) or (isinstance(exc, OSError) and winerror(exc) in SHARING_VIOLATION)


def check_length(path: Path) -> None:
    full = str(Path(os.path.abspath(path)))
    if len(full) > MAX_PATH:
        raise PathTooLong(Path(full))


def retried(action: Callable[[], object], path: Path):
    """Run action; a file in use is retried RETRIES times, then reported as FileInUse."""
    for wait in (*RETRIES, None):
        try:
            return action()
        except PermissionError as exc:
            if wait is None:
                raise FileInUse([path]) from exc
            if not in_use(exc) and os.name != "nt":
                raise
            time.sleep(wait)
    return None


def check_replaceable(paths: Iterable[Path]) -> None:
    """Before changing anything: every existing file in paths can be opened for writing (Excel holds the
    files it has open), with the short retry; FileInUse lists those that cannot."""
    busy = []
    for path in paths:
        check_length(path)
        if not Path(path).is_file():
            continue
        try:
            retried(lambda p=path: os.close(os.open(p, os.O_RDWR | getattr(os, "O_BINARY", 0))), Path(path))
        except FileInUse:
            busy.append(Path(path))
    if busy:
        raise FileInUse(busy)


def _temp_file(folder: Path, name: str) -> tuple[int, Path]:
    """A new temp file created with mode 0o666 less the umask (mkstemp would make it 0600)."""
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0)
    while True:
        tmp = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue


def _temp_beside(path: Path) -> tuple[int, Path]:
    """A new temp file in path's folder (made if missing); else the OSError, naming path."""
    check_length(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return _temp_file(path.parent, path.name)
    except OSError as exc:
        about(exc, path)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write data to path so that readers see either the old file or the whole new one."""
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        retried(lambda: os.replace(tmp, path), path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        about(exc, path)
        raise
    _fsync_dir(path.parent)


def about(exc: BaseException, path: Path) -> None:
    """Make exc name the file being written, never its temp file nor its folder being made (unwritable_folder
    finds the folder from the file)."""
    if isinstance(exc, OSError) and not isinstance(exc, FileInUse):
        exc.filename, exc.filename2 = str(path), None


def check_writable(path: Path) -> None:
    """Before changing anything: a new file can be made next to path (its folder made if missing); else the
    OSError, naming path."""
    fd, tmp = _temp_beside(path)
    try:
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        about(exc, path)
        raise


UNWRITABLE = (errno.EACCES, errno.EPERM, errno.EROFS)


def unwritable_folder(exc: OSError) -> Path | None:
    """The folder that cannot be written, when exc is a permission (or read-only file system) error on a
    file or folder being created: the nearest folder of its path that exists. None otherwise (a file or
    folder that exists and cannot be written or read, a file in use, another error)."""
    if exc.errno not in UNWRITABLE or in_use(exc) or not exc.filename:
        return None
    path = Path(os.fsdecode(exc.filename))
    if path.exists():
        return None
    return next((p for p in (path, *path.parents) if p != Path() and p.is_dir()), None)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def file_time(seconds: float) -> datetime:
    """A file's st_mtime as an aware local time. datetime.fromtimestamp raises OSError on Windows for
    times before 1970; adding to the epoch never does."""
    try:
        return local(EPOCH + timedelta(seconds=seconds))
    except OverflowError:  # beyond year 9999: a broken file system, shown as the epoch
        return local(EPOCH)


def local(value: datetime) -> datetime:
    """A time with the local offset. Windows' astimezone raises OSError (or OverflowError) before 1970 and
    after 3000: such odd times get the offset of now."""
    try:
        return value.astimezone()
    except (OSError, OverflowError, ValueError):
        now = datetime.now().astimezone().tzinfo
        return value.replace(tzinfo=now) if value.tzinfo is None else datetime.astimezone(value, now)
