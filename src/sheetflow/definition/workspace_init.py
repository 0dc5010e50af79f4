"""`sheetflow init --form`: a new workspace that uses a definition of its own (a survey's, 庁内照会)."""

from __future__ import annotations

from pathlib import Path

from sheetflow import messages as msg
from sheetflow.definition.read import load_definition
from sheetflow.ground.workspace import Workspace, init_workspace


def init_form_workspace(folder: Path, form: Path, contact: str | None = None, deadline: str | None = None,
                        force: bool = False) -> Workspace:
    """The definition is checked (UserError listing its problems), copied into the folder and named in
    sheetflow.toml; a survey's 照会元 and 回答期限 are the contact and the deadline unless given."""
    definition = load_definition(form)
    contact = contact or definition.settings.get(msg.DEF_SETTING_SENDER) or None
    deadline = deadline or definition.settings.get(msg.DEF_SETTING_DEADLINE) or None
    return init_workspace(folder, contact, deadline, force, form=form)
