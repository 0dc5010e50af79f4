"""Every sentence a user sees, in Japanese, in one place (this package).

One module per stage of the flow (plan → forms → intake → ledger → report, and the demo) plus ground
(periods and 和暦, config defaults, workbook basics), re-exported
here so code says `msg.NAME`. Templates use
str.format fields; code never builds user-facing Japanese text anywhere else.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix (bad input, bad config). The CLI prints it and exits with code 2."""


class DataError(Exception):
    """Input data is wrong in a way that stops the command (exit code 1)."""


# --- general / CLI -------------------------------------------------------------------------------
CONFIG_UNREADABLE = "設定ファイル {file} を読めません: {error}"
CONFIG_UNKNOWN_KEYS = "設定ファイル {file} に不明な項目があります: {keys}"
WORKSPACE_NOT_FOUND = (
    "作業フォルダが見つかりません: {folder} とその上のフォルダに sheetflow.toml がありません（何も作っていません）。\n"
    "次のどれかで続けてください:\n"
    "  ・作業フォルダ（sheetflow.toml のあるフォルダ）に移ってから実行する: cd \"作業フォルダ\"\n"
    "  ・作業フォルダを指定して実行する: sheetflow -C \"作業フォルダ\" {command}\n"
    "  ・ここを新しい作業フォルダにする: sheetflow init")
ERROR_PREFIX = "エラー: "
WARNING_PREFIX = "注意: "

from sheetflow.messages.cli import *  # noqa: E402,F403
from sheetflow.messages.council import *  # noqa: E402,F403
from sheetflow.messages.definition import *  # noqa: E402,F403
from sheetflow.messages.demo import *  # noqa: E402,F403
from sheetflow.messages.effects import *  # noqa: E402,F403
from sheetflow.messages.findings import *  # noqa: E402,F403
from sheetflow.messages.forms import *  # noqa: E402,F403
from sheetflow.messages.ground import *  # noqa: E402,F403
from sheetflow.messages.intake import *  # noqa: E402,F403
from sheetflow.messages.ledger import *  # noqa: E402,F403
from sheetflow.messages.plan import *  # noqa: E402,F403
from sheetflow.messages.report import *  # noqa: E402,F403
from sheetflow.messages.responses import *  # noqa: E402,F403
from sheetflow.messages.revisions import *  # noqa: E402,F403
from sheetflow.messages.survey import *  # noqa: E402,F403
