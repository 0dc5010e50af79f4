"""Workspace configuration: the folder holding sheetflow.toml (found from the current folder upward), the
file's settings and the built-in defaults for those it leaves out."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sheetflow import messages as msg

if TYPE_CHECKING:
    from sheetflow.ground.periods import Period

CONFIG_NAME = "sheetflow.toml"
BUILTIN_PLAN = "tomakomai-2025.yaml"


@dataclass(frozen=True)
class Status:
    """One step of the progress scale shown in the status dropdown."""

    label: str
    rank: int  # higher is further along; used for improved / worsened
    behind: bool = False  # needs 課題・今後の対応
    done: bool = False  # needs 今期の取組実績
    description: str = ""
    stopped: bool = False  # 中止: needs its reason in 課題・今後の対応; leaves the count of active items


@dataclass(frozen=True)
class Grade:
    """One step of the 達成度 scale shown in the 下期 dropdown, with the criterion the guide prints."""

    label: str
    description: str = ""
    rated: bool = True  # False: 評価できない (not counted as achieved or missed)


@dataclass(frozen=True)
class Config:
    root: Path
    plan_file: Path | None = None  # None: the built-in Tomakomai plan
    form_file: Path | None = None  # None: the built-in form definition (進捗状況報告)
    inbox: Path = Path("inbox")
    outbox: Path = Path("outbox")
    deadline: str = msg.CONFIG_DEFAULT_DEADLINE
    contact: str = msg.CONFIG_DEFAULT_CONTACT
    password: str = ""
    max_file_mb: float = 20.0
    keep_backups: int = 10
    workers: int = 0  # 0: one per core
    statuses: tuple[Status, ...] = ()  # (): the form definition's list 進捗状況 (definition.workspace.statuses)
    grades: tuple[Grade, ...] = ()  # (): the form definition's list 達成度
    source: Path | None = None  # the TOML file read, if any
    extra: dict = field(default_factory=dict)

    def path(self, p: Path) -> Path:
        return p if p.is_absolute() else self.root / p

    @property
    def inbox_dir(self) -> Path:
        return self.path(self.inbox)

    @property
    def outbox_dir(self) -> Path:
        return self.path(self.outbox)

    # The output folders, named by one rule (README 「出力フォルダ」): a period's folder by its code (2025H1 =
    # 令和7年度上期, 2025H2 = 下期), a fiscal year's by its 西暦 (2025 = 令和7年度). Explorer's order by name is
    # then the order in time, whatever the era.
    @property
    def forms_root(self) -> Path:
        """The department workbooks, in a folder per period code (outbox/forms/)."""
        return self.outbox_dir / "forms"

    def forms_dir(self, period: Period) -> Path:
        """Where a period's department workbooks are written (outbox/forms/2025H1/)."""
        return self.forms_root / period.code

    @property
    def returns_dir(self) -> Path:
        """The 差戻し files, in a folder per period code (outbox/returns/2025H1/)."""
        return self.outbox_dir / "returns"

    @property
    def reports_dir(self) -> Path:
        """The period reports (outbox/reports/2025H1_進捗状況報告.xlsx)."""
        return self.outbox_dir / "reports"

    def publish_dir(self, year: int) -> Path:
        """A fiscal year's publication (outbox/publish/2025/)."""
        return self.outbox_dir / "publish" / str(year)

    def council_dir(self, year: int) -> Path:
        """A fiscal year's council workbooks and results (outbox/council/2025/)."""
        return self.outbox_dir / "council" / str(year)

    @property
    def plan_path(self) -> Path:
        if self.plan_file is not None:
            return self.path(self.plan_file)
        return builtin_plan_path()


def builtin_plan_path(name: str = BUILTIN_PLAN) -> Path:
    """The plan shipped inside the package (a copy of templates/plan/)."""
    from importlib import resources

    return Path(str(resources.files("sheetflow.plan") / "builtin" / name))


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path | None = None, file: Path | None = None, command: str = "…") -> Config:
    """Read sheetflow.toml (searched upward from start): the workspace is the folder that holds it. None found:
    UserError naming start and the ways on (command: what the hint's example runs); nothing is created."""
    start = (start or Path.cwd()).resolve()
    file = file or find_config(start)
    if file is None:
        raise msg.UserError(msg.WORKSPACE_NOT_FOUND.format(folder=start, command=command))
    try:
        text = config_text(file.read_bytes(), file)
        data = tomllib.loads(text)
    except OSError as exc:
        raise msg.UserError(msg.CONFIG_UNREADABLE.format(file=file, error=exc.strerror or exc)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise msg.UserError(toml_error(file, text, exc)) from exc
    _check_types(file, data)
    return _from_mapping(file, data)


def config_text(data: bytes, file: Path) -> str:
    """The file as Notepad saves it: UTF-8 (with or without BOM), else Shift_JIS (cp932)."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise msg.UserError(msg.CONFIG_BAD_ENCODING.format(file=file))


def toml_error(file: Path, text: str, exc: tomllib.TOMLDecodeError) -> str:
    """tomllib's English error → Japanese, naming the line, its key and the line's text."""
    found = re.search(r"\(at line (\d+), column \d+\)", str(exc))
    lines = text.splitlines()
    line_no = int(found[1]) if found else len(lines)  # "(at end of document)": the last line
    line = lines[line_no - 1].strip() if 0 < line_no <= len(lines) else ""
    key = re.match(r"\s*([A-Za-z0-9_.-]+)\s*=", line)
    english = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
    reason = next((ja for en, ja in msg.CONFIG_TOML_REASONS.items() if english.startswith(en)), english)
    return msg.CONFIG_BAD_TOML.format(file=file, line=line_no or "?", reason=reason, text=line,
                                      key=msg.CONFIG_BAD_TOML_KEY.format(key=key[1]) if key else "")


_NUMBERS = ("max_file_mb", "keep_backups", "workers")
_TEXTS = ("plan", "form", "inbox", "outbox", "deadline", "contact", "password")


def _check_types(file: Path, data: dict) -> None:
    for key in _NUMBERS:
        if key in data and (isinstance(data[key], bool) or not isinstance(data[key], int | float)):
            raise msg.UserError(msg.CONFIG_BAD_VALUE.format(file=file, key=key, value=data[key],
                                                            expected=msg.CONFIG_EXPECT_NUMBER))
    for key in _TEXTS:
        if key in data and not isinstance(data[key], str):
            raise msg.UserError(msg.CONFIG_BAD_VALUE.format(file=file, key=key, value=data[key],
                                                            expected=msg.CONFIG_EXPECT_TEXT))
    statuses = data.get("statuses", [])
    if not isinstance(statuses, list) or not all(isinstance(s, dict) and "label" in s and "rank" in s
                                                 for s in statuses):
        raise msg.UserError(msg.CONFIG_BAD_VALUE.format(file=file, key="statuses", value=statuses,
                                                        expected=msg.CONFIG_EXPECT_STATUSES))
    _check_grades(file, data.get("grades", []))


_GRADE_KEYS = {"label", "description", "rated"}


def _check_grades(file: Path, grades: object) -> None:
    """[[grades]]: tables with a text label and only the keys a Grade has."""
    if not isinstance(grades, list) or not all(isinstance(g, dict) and isinstance(g.get("label"), str)
                                               and not set(g) - _GRADE_KEYS for g in grades):
        raise msg.UserError(msg.CONFIG_BAD_VALUE.format(file=file, key="grades", value=grades,
                                                        expected=msg.CONFIG_EXPECT_GRADES))


def _from_mapping(file: Path, data: dict) -> Config:
    known = {"plan", "form", "inbox", "outbox", "deadline", "contact", "password", "max_file_mb", "keep_backups",
             "workers", "statuses", "grades"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise msg.UserError(msg.CONFIG_UNKNOWN_KEYS.format(file=file, keys="、".join(unknown)))
    kwargs: dict = {k: data[k] for k in ("deadline", "contact", "password", "max_file_mb", "keep_backups",
                                         "workers") if k in data}
    for key in ("inbox", "outbox"):
        if key in data:
            kwargs[key] = Path(data[key])
    if "plan" in data:
        kwargs["plan_file"] = Path(data["plan"])
    if "form" in data:
        kwargs["form_file"] = Path(data["form"])
    if "statuses" in data:
        kwargs["statuses"] = tuple(Status(**s) for s in data["statuses"])
    if "grades" in data:
        kwargs["grades"] = tuple(Grade(**g) for g in data["grades"])
    return Config(root=file.parent.resolve(), source=file, **kwargs)


def write_default_config(folder: Path, **overrides: str) -> Path:
    """Write a commented sheetflow.toml (used by `sheetflow demo` and `sheetflow init`)."""
    lines = [
        *msg.CONFIG_TEMPLATE_HEAD,
        f"inbox = \"{overrides.get('inbox', 'inbox')}\"",
        f"outbox = \"{overrides.get('outbox', 'outbox')}\"",
        f"deadline = \"{overrides.get('deadline', Config.deadline)}\"",
        f"contact = \"{overrides.get('contact', Config.contact)}\"",
        *([f"form = \"{overrides['form']}\""] if "form" in overrides else []),
        *msg.CONFIG_TEMPLATE_TAIL,
    ]
    path = folder / CONFIG_NAME
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
