"""`sheetflow init`: a new workspace (commented sheetflow.toml, inbox/, outbox/), and which settings are
still the placeholders a form must not go out with (`forms` refuses them unless --force)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sheetflow import messages as msg
from sheetflow.ground.config import CONFIG_NAME, Config, load_config, write_default_config
from sheetflow.ground.files import atomic_write_bytes

PLACEHOLDER_MARK = "0000"  # the 内線 of the default contact


@dataclass(frozen=True)
class Workspace:
    config: Config
    created: list[Path]  # folders and files made now
    placeholders: list[str]  # settings still to fill (deadline, contact)


def placeholder_settings(cfg: Config) -> list[str]:
    """The settings (as named in sheetflow.toml) that still hold the default text."""
    out = []
    if not cfg.deadline.strip() or cfg.deadline == msg.CONFIG_DEFAULT_DEADLINE:
        out.append("deadline")
    if not cfg.contact.strip() or cfg.contact == msg.CONFIG_DEFAULT_CONTACT or PLACEHOLDER_MARK in cfg.contact:
        out.append("contact")
    return out


def _toml_text(value: str) -> str:
    """A value for a TOML basic string (write_default_config puts it between double quotes)."""
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def init_workspace(folder: Path, contact: str | None = None, deadline: str | None = None,
                   force: bool = False, form: Path | None = None) -> Workspace:
    """Create folder/sheetflow.toml (never over an existing one unless force), inbox/ and outbox/. form: a
    definition file copied into the folder (kept when it is already there) and named by `form = "…"`."""
    folder = folder.resolve()
    config = folder / CONFIG_NAME
    if config.exists() and not force:
        raise msg.UserError(msg.INIT_EXISTS.format(path=config))
    created = [p for p in (folder, folder / "inbox", folder / "outbox") if not p.exists()]
    for p in (folder, folder / "inbox", folder / "outbox"):
        p.mkdir(parents=True, exist_ok=True)
    values = {"deadline": deadline, "contact": contact}
    texts = {k: _toml_text(v.strip()) for k, v in values.items() if v and v.strip()}
    if form is not None:
        created += _copy_form(form, folder, force)
        texts["form"] = _toml_text(form.name)
    write_default_config(folder, **texts)
    created.append(config)
    cfg = load_config(folder, config)
    return Workspace(cfg, created, placeholder_settings(cfg))


def _copy_form(form: Path, folder: Path, force: bool) -> list[Path]:
    """The definition copied into the new workspace ([] when it is that file already)."""
    target = folder / form.name
    if target.exists() and target.resolve() == form.resolve():
        return []
    if target.exists() and not force:
        raise msg.UserError(msg.INIT_FORM_EXISTS.format(path=target))
    atomic_write_bytes(target, form.read_bytes())
    return [target]
