"""User-facing Japanese text: the ground layer (periods and 和暦, config defaults, workbook basics)."""

from datetime import date

# --- periods (ground.periods) -------------------------------------------------------------------
# (kanji, letter, first day), newest first
ERAS = (("令和", "R", date(2019, 5, 1)), ("平成", "H", date(1989, 1, 8)), ("昭和", "S", date(1926, 12, 25)))
HALF_NAMES = {1: "上期", 2: "下期"}
LONG_HALF = {1: "上期（9月30日現在）", 2: "下期・年度末（3月31日現在）"}
AS_OF_TEXT = {1: "9月30日", 2: "3月31日"}
PERIOD_WITH_CODE = "{label}（{code}）"  # e.g. 令和7年度 上期（2025H1）
ERA_FIRST_YEAR = "元"
YEAR_SUFFIX = "年"
FISCAL_SUFFIX = "度"
WAREKI_DATETIME = "{era}{month}月{day}日 {time}"  # Japan time, e.g. 令和7年10月3日 14:05
WAREKI_EXCEL_FORMAT = '[$-411]ggge"年"m"月"d"日" hh:mm'  # the same in an Excel date cell
ACCEPTED_FORMS = "2025H1, 2025-H1, R7上期, 令和7年度上期, R7-1"
PERIOD_UNREADABLE = "期間「{text}」を読み取れません{reason}。使える書き方: " + ACCEPTED_FORMS
PERIOD_REASON_YEAR = "（年度は平成元年度（{lo}）〜{hi}年度の範囲で、和暦の年はその元号の期間内で指定してください）"
PERIOD_REASON_AS_OF = "（基準日が期と合いません）"
PERIOD_BAD_YEAR = "年度は {lo}〜{hi} の整数で指定してください（指定: {value!r}）。"
PERIOD_BAD_HALF = "期は 1（上期）か 2（下期）で指定してください（指定: {value!r}）。"
PERIOD_NO_WAREKI = "{year}年は和暦に変換できません（昭和以降に対応）。"
# what people type for a dash (all read as "-")
PERIOD_DASHES = "‐‑‒–—―−ー"
# the grammar of a typed period (after NFKC and lower-casing)
PERIOD_PATTERN = (
    r"(?:(?P<y>\d{4})|(?P<era>令和|平成|r|h)(?P<ey>\d{1,3}|元))(?:年度|年)?"
    r"(?:[-_]?h(?P<h>[12])|-(?P<n>[12])|[-_]?(?P<k>上期|下期(?:・?年度末)?|年度末))"
    r"(?:\((?P<asof>9月30日|3月31日)現在\))?"
)

# --- config defaults (ground.config) ------------------------------------------------------------
# (label, rank, behind, done, description) of the default 進捗状況 choices, furthest along first
STATUS_DONE, STATUS_ON_TRACK, STATUS_MOSTLY, STATUS_BEHIND, STATUS_NOT_STARTED = "完了", "順調", "概ね順調", "遅れ", "未着手"
CONFIG_DEFAULT_DEADLINE = "上期は10月末日、下期は4月末日"
CONFIG_DEFAULT_CONTACT = "総務部行政監理室（内線 0000）"
CONFIG_TEMPLATE_HEAD = (
    "# sheetflow の設定ファイル。パスはこのファイルのあるフォルダからの相対パスです。",
    "# plan = \"templates/plan/tomakomai-2025.yaml\"   # 省略時は同梱の苫小牧市のプラン",
    "# inbox: 各課から返ってきたファイルを置くフォルダ / outbox: 様式・台帳・差戻し・報告書の出力先",
    "# deadline（提出期限）と contact（提出先）は様式の「記入方法」と差戻しファイルに載ります。",
    "# 仮の文（内線 0000 など）のままでは sheetflow forms は様式を作りません（--force で作れます）。",
)
CONFIG_TEMPLATE_TAIL = (
    "password = \"\"        # シート保護のパスワード（空なら保護のみ）",
    "max_file_mb = 20      # 受け付けるファイルの最大サイズ",
    "keep_backups = 10     # 台帳のバックアップを残す数",
    "workers = 0           # 返送ファイルを並列に読むプロセス数（0 = コア数、1 = 並列にしない）",
    "",
    "# 進捗状況の区分を変えるときは、すべての区分を順に書きます（rank が大きいほど進んでいる）",
    "# [[statuses]]",
    "# label = \"完了\"",
    "# rank = 4",
    "# done = true          # 今期の取組実績が必須",
    "# description = \"到達目標を達成した\"",
)

# --- workbooks (ground.xlsx) --------------------------------------------------------------------
XLSX_FONT = "游ゴシック"
XLSX_FOOTER = "&C&P / &N ページ"

# --- files and the console on a Windows office PC (ground.files, ground.config, cli.app) ---------
FILE_IN_USE = "{path} が Excel などで開かれています。閉じてからもう一度実行してください。"
FILE_NO_PERMISSION = "{path} に書き込む権限がありません（読み取り専用のファイルやフォルダではないか、共有フォルダのアクセス権を確かめてください）。"
FILE_FOLDER_NO_PERMISSION = ("フォルダ {path} に書き込めません（書き込む権限がないか、読み取り専用です）。"
                             "フォルダのアクセス権を確かめる（権限の確認）か、書き込める別のフォルダを sheetflow.toml の outbox"
                             "（コマンドによっては --out）に指定してから、もう一度実行してください。")
FILE_DISK_FULL = "{path} を書き込めません。ディスク（共有フォルダ）の空き容量が足りません。空きを作ってからもう一度実行してください。"
FILE_PATH_TOO_LONG = "パスが長すぎます（{length} 文字。Windows の上限は {limit} 文字）: {path}。作業フォルダを浅い場所に移すか、フォルダ名を短くしてください。"
FILE_NOT_FOUND = "{path} が見つかりません。共有フォルダに接続できているか、名前を確かめてください。"
FILE_SHARE_GONE = "{path} のある共有フォルダに接続できません（ネットワークが切れたか、サーバーが止まっています）。接続を確かめてからもう一度実行してください。"
FILE_OS_ERROR = "{path} を読み書きできませんでした（{error}）。原因を取り除いてからもう一度実行してください。"
FILE_NO_PATH = "（ファイル名不明）"
FILE_STALE_AFTER_COMMIT = "取り込んだ内容は台帳のデータベースに反映済みですが、次のファイルは開かれていたため更新できませんでした: {paths}。閉じてから同じコマンドをもう一度実行すると、すべて更新されます。"
UNEXPECTED_ERROR = "予期しないエラーが発生しました（{error}）。詳しい記録を {log} に保存しました。このファイルを担当者に送ってください。"
UNEXPECTED_NO_LOG = "予期しないエラーが発生しました（{error}）。記録ファイルも書けませんでした。--debug を付けて実行すると詳細を表示します。"
INTERRUPTED = "中断しました。"
CONFIG_BAD_TOML = "設定ファイル {file} の {line} 行目{key}が TOML の書き方になっていません（{reason}）: {text}"
CONFIG_BAD_TOML_KEY = "（{key}）"
CONFIG_BAD_ENCODING = "設定ファイル {file} の文字コードを読み取れません。メモ帳の「名前を付けて保存」で文字コードを UTF-8 にして保存し直してください。"
CONFIG_BAD_VALUE = "設定ファイル {file} の {key} の値 {value!r} が正しくありません（{expected}）。"
CONFIG_EXPECT_NUMBER = "数値で書いてください"
CONFIG_EXPECT_TEXT = "\"…\" で囲んだ文字で書いてください"
CONFIG_EXPECT_STATUSES = "[[statuses]] ごとに label と rank を書いてください"
# tomllib's reasons (the start of its English message) in Japanese; others are shown as tomllib wrote them
CONFIG_TOML_REASONS = {
    "Invalid value": "値の書き方が正しくありません。文字は \"…\" で囲みます",
    "Cannot overwrite a value": "同じ項目が2回書かれています",
    "Expected '=' after a key": "項目名の後に = がありません",
    "Unterminated string": "\" で始めた文字が \" で閉じられていません",
    "Expected ']' at the end of a table declaration": "[ で始めた見出しが ] で閉じられていません",
    "Expected newline or end of document after a statement": "1行に1つの項目だけを書いてください",
    "Invalid statement": "「項目名 = 値」の形になっていません",
}
