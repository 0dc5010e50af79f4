"""Simulations of a Windows office on Linux: a file held open by Excel (sharing violation, WinError 32)."""

from __future__ import annotations

import os
from pathlib import Path

SHARING_VIOLATION = 32


def sharing_violation(path) -> PermissionError:
    """What Windows raises for a file another program holds: PermissionError(13, …, name, 32). On Linux
    OSError drops the winerror argument when a file name is given, so it is set as Windows sets it."""
    exc = PermissionError(13, "The process cannot access the file because it is being used by another process",
                          str(path))
    exc.winerror = SHARING_VIOLATION
    return exc


def excel_holds(monkeypatch, *paths: Path, open_too: bool = True) -> None:
    """Excel has these files open: they cannot be replaced or deleted, nor (open_too) opened for writing."""
    held = {os.path.abspath(p) for p in paths}
    real_replace, real_unlink, real_open = os.replace, os.unlink, os.open

    def replace(src, dst, *args, **kwargs):
        if os.path.abspath(dst) in held:
            raise sharing_violation(dst)
        return real_replace(src, dst, *args, **kwargs)

    def unlink(path, *args, **kwargs):
        if os.path.abspath(path) in held:
            raise sharing_violation(path)
        return real_unlink(path, *args, **kwargs)

    def open_(path, flags, *args, **kwargs):
        if open_too and flags & (os.O_WRONLY | os.O_RDWR) and os.path.abspath(path) in held:
            raise sharing_violation(path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "unlink", unlink)
    monkeypatch.setattr(os, "open", open_)


def read_only_folder(monkeypatch, folder: Path, code: int) -> None:
    """folder cannot be written (a read-only share, a folder without the right to write; tests run as root,
    whom permissions do not stop): creating, replacing or removing anything in it raises OSError(code) as the
    system does (EACCES / EPERM: PermissionError; EROFS: a read-only file system)."""
    import errno

    top = os.path.abspath(folder)
    real_open, real_mkdir, real_replace = os.open, os.mkdir, os.replace

    def inside(path) -> bool:
        return os.path.abspath(path).startswith(top + os.sep) or os.path.abspath(path) == top

    def refuse(path):
        raise OSError(code, os.strerror(code), str(path)) if code == errno.EROFS else PermissionError(
            code, os.strerror(code), str(path))

    def open_(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and inside(path):
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    def mkdir(path, *args, **kwargs):
        if inside(path) and not os.path.isdir(path):
            refuse(path)
        return real_mkdir(path, *args, **kwargs)

    def replace(src, dst, *args, **kwargs):
        if inside(dst):
            refuse(src)  # as the system does: the temp file is named
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "mkdir", mkdir)
    monkeypatch.setattr(os, "replace", replace)
