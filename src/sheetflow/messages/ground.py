"""User-facing Japanese text: the ground layer (periods and 和暦, config defaults, workbook basics)."""

from datetime import date

# --- periods (ground.periods) -------------------------------------------------------------------
# (kanji, letter, first day), newest first
ERAS = (("令和", "R", date(2019, 5, 1)), ("平成", "H", date(1989, 1, 8)), ("昭和", "S", date(1926, 12, 25)))
HALF_NAMES = {1: "上期", 2: "下期"}
LONG_HALF = {1: "上期（9月30日現在）", 2: "下期・年度末（3月31日現在）"}
AS_OF_TEXT = {1: "9月30日", 2: "3月31日"}
ERA_FIRST_YEAR = "元"
YEAR_SUFFIX = "年"
FISCAL_SUFFIX = "度"
ACCEPTED_FORMS = "2025H1, 2025-H1, R7上期, 令和7年度上期, R7-1"
PERIOD_UNREADABLE = "期間「{text}」を読み取れません{reason}。使える書き方: " + ACCEPTED_FORMS
PERIOD_REASON_YEAR = "（年度は平成元年度（{lo}）〜{hi}年度の範囲で、和暦の年はその元号の期間内で指定してください）"
PERIOD_REASON_AS_OF = "（基準日が期と合いません）"
PERIOD_BAD_YEAR = "年度は {lo}〜{hi} の整数で指定してください（指定: {value!r}）。"
PERIOD_BAD_HALF = "期は 1（上期）か 2（下期）で指定してください（指定: {value!r}）。"
PERIOD_NO_WAREKI = "{year}年は和暦に変換できません（昭和以降に対応）。"
# what people type for a dash (all read as "-")
PERIOD_DASHES = "‐‑‒–—―−ー"
# the grammar of a typed period and of a typed date (after NFKC and lower-casing)
PERIOD_PATTERN = (
    r"(?:(?P<y>\d{4})|(?P<era>令和|平成|r|h)(?P<ey>\d{1,3}|元))(?:年度|年)?"
    r"(?:[-_]?h(?P<h>[12])|-(?P<n>[12])|[-_]?(?P<k>上期|下期(?:・?年度末)?|年度末))"
    r"(?:\((?P<asof>9月30日|3月31日)現在\))?"
)
DATE_PATTERN = (
    r"(?:(?P<era>令和|平成|昭和|r|h|s)(?P<ey>\d{1,2}|元)|(?P<y>\d{4}))"
    r"(?:(?P<s>[./-])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})|年(?P<km>\d{1,2})月(?P<kd>\d{1,2})日)"
)
