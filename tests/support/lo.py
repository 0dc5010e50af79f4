"""Run LibreOffice headless from tests: convert(path, fmt, outdir) -> Path.

Each call uses a fresh user profile (-env:UserInstallation) so parallel or earlier runs never share
state or lock files. Without soffice the test is skipped on a developer machine, but fails in CI
(env CI=true), where LibreOffice is part of the required setup.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

TIMEOUT = 180.0  # seconds; the first start of a fresh profile is the slow part


def soffice() -> str:
    """Path of the soffice executable, or skip (fail in CI) when LibreOffice is not installed."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe:
        return exe
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("LibreOffice (soffice) is required in CI but was not found on PATH")
    pytest.skip("LibreOffice (soffice) is not installed")


def convert(path: Path, fmt: str, outdir: Path, timeout: float = TIMEOUT) -> Path:
    """Convert one file with `soffice --headless --convert-to fmt`; return the converted file's path.

    fmt is what --convert-to takes ("pdf", "xlsx", "xlsx:Calc MS Excel 2007 XML", …). outdir must not
    be the source's folder (a same-format conversion would overwrite the source).
    """
    return convert_all([path], fmt, outdir, timeout)[0]


def convert_all(paths: list[Path], fmt: str, outdir: Path, timeout: float = TIMEOUT) -> list[Path]:
    """Convert several files in one soffice run (one profile start); return the converted paths."""
    exe = soffice()
    outdir = Path(outdir)
    if any(Path(p).resolve().parent == outdir.resolve() for p in paths):
        raise ValueError(f"outdir {outdir} is a source file's folder; converting there would overwrite it")
    outdir.mkdir(parents=True, exist_ok=True)
    ext = fmt.split(":", 1)[0]
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--nodefault", "--convert-to", fmt, "--outdir", str(outdir),
               *(str(p) for p in paths)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    outputs = [outdir / f"{Path(p).stem}.{ext}" for p in paths]
    missing = [str(o) for o in outputs if not o.is_file()]
    if proc.returncode != 0 or missing:
        raise AssertionError(f"soffice --convert-to {fmt} failed (exit {proc.returncode}); missing {missing}\n"
                             f"stdout: {proc.stdout}\nstderr: {proc.stderr}")
    return outputs
