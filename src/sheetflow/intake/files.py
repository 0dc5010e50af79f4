"""Which files of the inbox (or of the paths given) are returned files to check, and which are skipped with a
note (Excel's lock files, hidden files); the progress report's and a survey's check and merge share it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sheetflow import messages as msg

RETURNED_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".csv", ".ods", ".txt", ".pdf", ""}
LOCK_PREFIXES = ("~$", ".~lock.")


def scan_paths(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to check (folders searched recursively) and the files skipped, each with a Japanese note."""
    files: set[Path] = set()
    skipped: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_file():
            files.add(path)
            continue
        for p in sorted(path.rglob("*")):
            folders = p.relative_to(path).parts[:-1]
            if not p.is_file() or any(part.startswith(".") for part in folders):  # .git … are not looked into
                continue
            if p.name.startswith(LOCK_PREFIXES):
                skipped.append((p, msg.INTAKE_SKIPPED_LOCK.format(path=p)))
            elif p.suffix.lower() not in RETURNED_SUFFIXES:
                continue
            elif p.name.startswith("."):
                skipped.append((p, msg.INTAKE_SKIPPED_HIDDEN.format(path=p)))
            else:
                files.add(p)
    return sorted(files), skipped


def files_to_check(paths: list[Path], inbox: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """scan_paths of paths (default: the inbox); UserError when a path does not exist or holds no file."""
    targets = paths or [inbox]
    for p in targets:
        if not p.exists():
            raise msg.UserError(msg.INTAKE_PATH_NOT_FOUND.format(path=p))
    files, skipped = scan_paths(targets)
    if not files:
        raise msg.UserError(msg.INTAKE_NO_FILES.format(paths=msg.CLI_LIST_SEPARATOR.join(map(str, targets))))
    return files, skipped


def collect_files(paths: list[Path]) -> list[Path]:
    """Files to check under paths (recursive, sorted; Excel lock files and hidden files skipped)."""
    return scan_paths(paths)[0]
