"""Build the offline install bundle for a Windows office PC (no internet on the LGWAN side).

    python scripts/windows_bundle.py [--out dist/windows] [--python 3.11 --python 3.12] [--check-only]

The folder gets wheels/ (sheetflow's own wheel and every dependency as win_amd64 / pure wheels for each
Python version, collected with `pip download --platform win_amd64 --only-binary=:all:`), install.cmd and
the double-click launchers 様式を作る.cmd, 取り込む.cmd, 提出状況.cmd (cp932, CRLF: what cmd.exe reads).
It then checks that the wheels cover every dependency: pip resolves an install of sheetflow from the
folder alone (--no-index) for each Python version, as install.cmd will on the office PC.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sheetflow import messages as msg  # noqa: E402

PYTHONS = ("3.11", "3.12")
VENV = r"%LOCALAPPDATA%\sheetflow\venv"
PLATFORM = ["--platform", "win_amd64", "--only-binary=:all:", "--implementation", "cp"]


def dependencies() -> list[str]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args, "--disable-pip-version-check", "-q"], check=True,
                   stderr=subprocess.DEVNULL if "--dry-run" in args else None)


def collect(wheels: Path, pythons: tuple[str, ...]) -> None:
    pip("wheel", "--no-deps", "-w", str(wheels), str(ROOT))
    for version in pythons:
        pip("download", *PLATFORM, "--python-version", version, "-d", str(wheels), *dependencies())


def check(wheels: Path, pythons: tuple[str, ...]) -> list[str]:
    """Resolve sheetflow from the folder alone for each Python version; return the wheel names."""
    for version in pythons:
        with tempfile.TemporaryDirectory() as target:
            # the wheel tags (cp311, cp312, win_amd64) choose the files; pip would compare Requires-Python
            # with the Python running this script instead of the target version
            pip("install", "--dry-run", "--no-index", "--find-links", str(wheels), *PLATFORM,
                "--python-version", version, "--ignore-requires-python", "--target", target, "sheetflow")
    names = sorted(p.name for p in wheels.glob("*.whl"))
    have = {n.split("-")[0].lower().replace("_", "-") for n in names}
    missing = [d for d in dependencies() if _name(d) not in have]
    if missing or "sheetflow" not in have:
        raise SystemExit(f"wheels missing: {missing or ['sheetflow']}")
    return names


def _name(requirement: str) -> str:
    for sep in "<>=!~[; ":
        requirement = requirement.split(sep)[0]
    return requirement.lower().replace("_", "-")


def cmd_file(lines: list[str]) -> bytes:
    """A .cmd file as cmd.exe reads it: cp932, CRLF; the code page is set first."""
    return ("\r\n".join(["@echo off", "chcp 932 > nul", *lines]) + "\r\n").encode("cp932")


def install_cmd() -> bytes:
    return cmd_file([
        f"echo {msg.WIN_INSTALL_TITLE}",
        "set PY=",
        "for %%V in (3.12 3.11) do if not defined PY py -%%V -c \"\" > nul 2>&1 && set PY=py -%%V",
        f"if not defined PY (echo {msg.WIN_INSTALL_NO_PYTHON} & pause & exit /b 1)",
        f"%PY% -m venv \"{VENV}\" || goto failed",
        f"\"{VENV}\\Scripts\\python.exe\" -m pip install --no-index --find-links \"%~dp0wheels\" --upgrade sheetflow"
        " || goto failed",
        f"echo {msg.WIN_INSTALL_DONE}",
        "pause",
        "exit /b 0",
        ":failed",
        f"echo {msg.WIN_INSTALL_FAILED}",
        "pause",
        "exit /b 1",
    ])


def launcher(command: str, asks_period: bool) -> bytes:
    """Runs in the folder the .cmd is in (the workspace; pushd also maps a UNC share to a drive letter)."""
    ask = [f"set /p PERIOD={msg.WIN_ASK_PERIOD}"] if asks_period else []
    return cmd_file([
        "pushd \"%~dp0\"",
        *ask,
        f"\"{VENV}\\Scripts\\python.exe\" -m sheetflow {command}",
        "set CODE=%ERRORLEVEL%",
        "popd",
        f"echo {msg.WIN_PRESS_KEY}",
        "pause > nul",
        "exit /b %CODE%",
    ])


def write_scripts(out: Path) -> list[Path]:
    files = {"install.cmd": install_cmd(), **{name: launcher(cmd, ask) for name, cmd, ask in msg.WIN_LAUNCHERS}}
    for name, data in files.items():
        (out / name).write_bytes(data)
    return [out / name for name in files]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "windows")
    parser.add_argument("--python", action="append", dest="pythons")
    parser.add_argument("--check-only", action="store_true", help="check an existing bundle")
    args = parser.parse_args(argv)
    pythons = tuple(args.pythons or PYTHONS)
    wheels = args.out / "wheels"
    if not args.check_only:
        wheels.mkdir(parents=True, exist_ok=True)
        collect(wheels, pythons)
        write_scripts(args.out)
    names = check(wheels, pythons)
    print(f"{args.out}: {len(names)} wheels for Python {', '.join(pythons)} (win_amd64)")
    for name in names:
        print(f"  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
