"""Workspace configuration: one optional TOML file (sheetflow.toml) with built-in defaults."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sheetflow import messages as msg

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


DEFAULT_STATUSES = (
    Status("完了", 4, done=True, description="到達目標を達成した、または今年度の予定をすべて終えた"),
    Status("順調", 3, description="予定どおり進んでいる"),
    Status("概ね順調", 2, description="一部に遅れはあるが、年度内に取り戻せる見込み"),
    Status("遅れ", 1, behind=True, description="予定より遅れている（課題・今後の対応の記入が必要）"),
    Status("未着手", 0, description="今年度の予定にまだ着手していない"),
)


@dataclass(frozen=True)
class Config:
    root: Path
    plan_file: Path | None = None  # None: the built-in Tomakomai plan
    inbox: Path = Path("inbox")
    outbox: Path = Path("outbox")
    deadline: str = "上期は10月末日、下期は4月末日"
    contact: str = "総務部行政監理室（内線 0000）"
    password: str = ""
    max_file_mb: float = 20.0
    keep_backups: int = 10
    workers: int = 0  # 0: one per core
    statuses: tuple[Status, ...] = DEFAULT_STATUSES
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

    @property
    def plan_path(self) -> Path:
        if self.plan_file is not None:
            return self.path(self.plan_file)
        return builtin_plan_path()

    def status(self, label: str) -> Status | None:
        return next((s for s in self.statuses if s.label == label), None)


def builtin_plan_path(name: str = BUILTIN_PLAN) -> Path:
    """The plan shipped inside the package (a copy of templates/plan/)."""
    return Path(str(resources.files("sheetflow.plan") / "builtin" / name))


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path | None = None, file: Path | None = None) -> Config:
    """Read sheetflow.toml (searched upward from start) or use the defaults rooted at start."""
    start = (start or Path.cwd()).resolve()
    file = file or find_config(start)
    if file is None:
        return Config(root=start)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise msg.UserError(msg.CONFIG_UNREADABLE.format(file=file, error=exc)) from exc
    return _from_mapping(file, data)


def _from_mapping(file: Path, data: dict) -> Config:
    known = {"plan", "inbox", "outbox", "deadline", "contact", "password", "max_file_mb", "keep_backups",
             "workers", "statuses"}
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
    if "statuses" in data:
        kwargs["statuses"] = tuple(Status(**s) for s in data["statuses"])
    return Config(root=file.parent.resolve(), source=file, **kwargs)


def write_default_config(folder: Path, **overrides: str) -> Path:
    """Write a commented sheetflow.toml (used by `sheetflow demo` and `sheetflow init`)."""
    lines = [
        "# sheetflow の設定ファイル。パスはこのファイルのあるフォルダからの相対パスです。",
        "# plan = \"templates/plan/tomakomai-2025.yaml\"   # 省略時は同梱の苫小牧市のプラン",
        f"inbox = \"{overrides.get('inbox', 'inbox')}\"",
        f"outbox = \"{overrides.get('outbox', 'outbox')}\"",
        f"deadline = \"{overrides.get('deadline', Config.deadline)}\"",
        f"contact = \"{overrides.get('contact', Config.contact)}\"",
        "password = \"\"        # シート保護のパスワード（空なら保護のみ）",
        "max_file_mb = 20      # 受け付けるファイルの最大サイズ",
        "keep_backups = 10     # 台帳のバックアップを残す数",
        "workers = 0           # 返送ファイルを並列に読むプロセス数（0 = コア数、1 = 並列にしない）",
    ]
    path = folder / CONFIG_NAME
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
