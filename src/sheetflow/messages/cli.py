"""What the `sheetflow` command itself says: help texts of commands and options, metavars, and the
Japanese for click's own words (usage line, error lines)."""

from __future__ import annotations

CLI_PERIOD_METAVAR = "期間"
CLI_OPTIONS_METAVAR = "[オプション]"
# what each exit code means (cli.app's EXIT_* constants; the README's 終了コード table starts each row with these)
EXIT_CODE_WORDS = {0: "正常", 1: "データの問題", 2: "指定・設定の誤り", 3: "ファイル・フォルダの問題",
                   4: "予期しないエラー", 130: "中断", 141: "出力先が閉じられた"}
CLI_MAIN_HELP = """苫小牧市 行革プランの年2回の進捗報告を、Excel の往復一回で回すツールです。

\b
流れ: plan check → forms（様式の作成）→ 各課が記入して返送 → inbox/ に置く
      → merge（検査・台帳へ反映・報告書）→ report / publish（公表用）
まず試すには: sheetflow demo
終了コード: """ + "、".join(f"{code} {words}" for code, words in EXIT_CODE_WORDS.items())
CLI_VERSION_OPTION = "バージョンを表示して終了します。"
CLI_CONFIG_OPTION = "設定ファイル（sheetflow.toml）。省略時は現在のフォルダから上へ探します。"
CLI_WORKDIR_OPTION = "作業フォルダ。省略時は現在のフォルダから上へ sheetflow.toml を探します。"
CLI_SUBCOMMAND_METAVAR = "コマンド [引数]..."
CLI_TEXT_METAVAR = "文字"
CLI_INIT_FOLDER_METAVAR = "[フォルダ]"
CLI_INIT_HELP = """新しい作業フォルダを作ります（最初に一度）。

\b
フォルダ（省略時は現在のフォルダ）に、説明付きの設定ファイル sheetflow.toml と inbox/・outbox/ を作ります。
提出先（contact）と提出期限（deadline）は様式の「記入方法」に載るので、ここで指定してください
（指定しなければ、画面から尋ねます）。あとから sheetflow.toml を直接直すこともできます。
例: sheetflow init 進捗報告 --contact "総務部行政監理室（内線 2231）" --deadline 上期は10月31日、下期は4月30日
庁内照会: sheetflow init テレワーク調査 --form 照会定義.xlsx（照会定義を写し、照会元・回答期限を設定に使います）"""
CLI_INIT_CONTACT_OPTION = "提出先・問い合わせ先（例: \"総務部行政監理室（内線 2231）\"）。様式の「記入方法」に載ります。"
CLI_INIT_DEADLINE_OPTION = "提出期限（例: \"上期は10月31日、下期は4月30日\"）。様式の「記入方法」と差戻しファイルに載ります。"
CLI_INIT_FORCE_OPTION = "sheetflow.toml が既にあっても作り直します。"
CLI_INIT_FORM_METAVAR = "定義ファイル"
CLI_INIT_FORM_OPTION = ("使う様式定義（例: 照会定義.xlsx）。作業フォルダに写し、sheetflow.toml の form に書きます。"
                        "庁内照会の定義なら、照会元が contact、回答期限が deadline になります。")
INIT_FORM_EXISTS = "{path} は既にあります。写さずに止めました。その定義を使うときは --force を付けてください（上書きします）。"
INIT_NEXT_FORM = "次に: sheetflow -C {folder} forms（部署ごとの様式を outbox/forms/ に作ります）"
INIT_ASK_CONTACT = "提出先・問い合わせ先（例: 総務部行政監理室（内線 2231））"
INIT_ASK_DEADLINE = "提出期限（例: 上期は10月31日、下期は4月30日）"
INIT_EXISTS = "設定ファイル {path} は既にあります。作り直すときは --force を付けてください（今の設定は消えます）。"
INIT_DONE = "作業フォルダを用意しました: {folder}"
INIT_CREATED = "  作成: {path}"
INIT_PLACEHOLDER = "{key}（{name}）は仮の文「{value}」のままです。様式を送る前に {file} の {key} を書き換えてください。"
INIT_NEXT = "次に: sheetflow -C {folder} plan check → sheetflow -C {folder} forms --period R7上期"
SETTING_NAMES = {"deadline": "提出期限", "contact": "提出先"}
CLI_CHECK_HELP = """返送されたファイルを検査します（台帳は変更しません）。

\b
PATH はファイルかフォルダ（フォルダは中を再帰的に探します）。省略時は inbox/。
ファイルごとに「受理 / 差戻し / 読めない」を1行で表示し、指摘をセル単位の表で示します。
注意（警告）だけのファイルは受理です。
終了コード: 0 すべて受理、1 差戻し・読めないファイルあり、2 指定の誤り"""
CLI_CHECK_PERIOD_OPTION = "期待する期間（例: R7上期）。別の期間の様式は差戻しになります。"
CLI_CHECK_JSON_OPTION = "結果を JSON で標準出力に出します（ほかには何も出しません）。"
CLI_CHECK_WHO = "（{dept} {period}）"  # after a file name: department and period of the form
CLI_CHECK_RETURNS_OPTION = "差戻し・読めないファイルごとに差戻し用のファイルを outbox/returns/ に書き出します。"
CLI_LIST_SEPARATOR = "、"
CLI_DEMO_HELP = """同梱の苫小牧市プランで1年分（上期・下期）を通して実行する体験用コマンドです。

\b
新しい作業フォルダ（既定: ./demo）に設定ファイルを作り、様式の作成 → 架空の各課による記入と返送
（記入ミスや未提出、LibreOffice での保存を含む）→ merge → 差戻しの修正と再提出 → merge →
報告書、を上期・下期について行い、最後に年度の公表用ファイルを作ります。"""
CLI_DEMO_SEED_OPTION = "架空の各課の記入内容を決める乱数の種。"
CLI_DEMO_FORCE_OPTION = "空でないフォルダでも、その inbox/・outbox/ を作り直して実行します。"
CLI_FORMS_HELP = """部署別の報告様式（Excel）を作ります。

\b
報告課ごとに1ファイル: outbox/forms/<期間>/<部>_<課>.xlsx
例: sheetflow forms --period R7上期
    sheetflow forms --period 2025H1 --dept 財政課 --force
庁内照会の作業フォルダでは --period なしで、部署ごとに outbox/forms/<照会ID>/<部署名>.xlsx を作ります。"""
CLI_REPORT_PERIOD_OPTION = "報告の期間（例: 2025H1、R7上期、令和7年度下期）。"
CLI_FORMS_DEPT_METAVAR = "部署"
CLI_FORMS_DEPT_OPTION = "この部署の様式だけを作ります。課の名前か「部 課」（例: 財政課、\"財政部 財政課\"）。複数回指定できます。"
CLI_FORMS_BY_OPTION = "様式を課ごとに作るか、部ごとにまとめるか（部: 部内の課の項目を1ファイルに）。"
CLI_FORMS_PAPER_OPTION = "印刷する用紙（横向き）。A4 で文字は 8 ポイント以上です。大きく印刷したいときは A3。"
CLI_FORMS_OUT_OPTION = "出力先のフォルダ。省略時は outbox/forms/<期間>/"
CLI_FORMS_FROM_LAST_OPTION = "庁内照会: あらかじめ記入する行を、既定データではなく前回受理した回答から写します。"
CLI_FORMS_FORCE_OPTION = "同じ名前のファイルが既にあっても上書きします。提出先・提出期限が仮の文のままでも作ります。"
CLI_MERGE_HELP = """返送された様式を検査し、受理したものを台帳に反映します。

\b
inbox/ の新しいファイルだけを検査します（取込済みのファイルは中身を開かずに飛ばします）。
受理: outbox/archive/ に原本を保存し、outbox/ledger.xlsx を更新します。
差戻し: outbox/returns/<期間>/ に差戻し用のファイルを作ります。
保留: 今の期間（最後に様式を配った期間）でない様式は取り込みません（--period でその期間を指定すると取り込みます）。
inbox/ のファイルは移動も変更もしません。
終了コード: 0 すべて受理（または新しいファイルなし）、1 差戻し・読めないファイルあり、
            2 設定の誤り・別の処理が実行中（時間をおいて再実行）・公表済みの年度（--reopen なし）、3 台帳などに書き込めない"""
CLI_MERGE_PERIOD_OPTION = "取り込む期間。省略時は今の期間（最後に様式を配った期間）。締め切った期間を訂正するときに指定します。他の期間のファイルは「保留」。"
CLI_MERGE_REOPEN_OPTION = "公表済みの年度の期間を訂正します（誰がいつ訂正したかを台帳に記録し、次の publish で公表ページに改訂を示します）。"
CLI_MERGE_INBOX_OPTION = "受付フォルダ。省略時は設定の inbox。"
CLI_MERGE_NO_REPORT_OPTION = "取り込み後に期間の報告書を作りません。"
CLI_MERGE_QUIET_OPTION = "件数の1行だけを表示します（スクリプト用。終了コードは同じ）。"
CLI_REBUILD_HELP = """台帳（ledger.sqlite と ledger.xlsx）をアーカイブだけから作り直します。

\b
outbox/archive/ の原本と受付記録を受付順に読み直します。作り直す前の台帳は outbox/backup/ に残します。"""
CLI_STATUS_HELP = "期間ごとの提出状況（提出済・再提出・差戻し・未提出）を表示します。"
CLI_STATUS_PERIOD_OPTION = "期間。省略時は台帳にある最新の期間。"
CLI_PLAN_HELP = "計画マスタ（取組項目・担当部署・指標）の確認と書き出し。"
CLI_PLAN_CHECK_HELP = "計画ファイルを検査し、テーマ別・担当部署別の項目数と指標数を表示します。誤りがあれば終了コード 2。"
CLI_PLAN_CHECK_PLAN_OPTION = "計画ファイル（YAML）。省略時は設定ファイルの plan、なければ同梱の苫小牧市プラン。"
CLI_PLAN_EXPORT_HELP = "計画を確認用の Excel ファイルに書き出します。"
CLI_PLAN_EXPORT_PLAN_OPTION = "計画ファイル（YAML）。"
CLI_PLAN_EXPORT_FILE = "{plan_id}_計画一覧.xlsx"  # default output of plan export, in outbox/
CLI_PLAN_EXPORT_OUT_OPTION = "出力先。省略時は outbox/<計画ID>_計画一覧.xlsx"
CLI_FORM_HELP = "様式定義（様式の表・項目・選択肢）の書き出しと検査、庁内照会の定義の見本づくり。"
CLI_FORM_EXPORT_HELP = """使っている様式定義を Excel ファイルに書き出します（列を増やす・変えるときに編集します）。

\b
シート 設定・表・項目・選択肢 の4枚です。編集したら form check で検査し、sheetflow.toml に
form = "様式定義.xlsx" と書くと、forms・merge・report・publish がその定義を使います。
例: sheetflow form export --out 様式定義.xlsx"""
CLI_FORM_EXPORT_OUT_OPTION = "出力先。省略時は作業フォルダの 様式定義.xlsx"
CLI_FORM_EXPORT_FORCE_OPTION = "同じ名前のファイルが既にあっても上書きします。"
CLI_FORM_CHECK_HELP = """様式定義（.xlsx か .yaml）を検査し、誤りを [シート!セル] ごとに表示します。

\b
誤りがあれば終了コード 1、ファイルを読めなければ 2。ファイルを省略すると sheetflow.toml の form
（なければ同梱の様式定義）を検査します。
例: sheetflow form check 様式定義.xlsx"""
CLI_FORM_NEW_HELP = """庁内照会の定義の見本（テレワーク実施状況調査）を Excel ファイルに書き出します。

\b
シート 設定・表・項目・選択肢・部署・既定データ の6枚で、行モード 単一・自由行・既定行 の表が1つずつ
あります。Excel で照会の内容に直し、form check で検査してください。
例: sheetflow form new --out 照会定義.xlsx"""
CLI_FORM_NEW_OUT_OPTION = "出力先。省略時は 照会定義.xlsx"
CLI_REPORT_HELP = """期間の進捗状況報告書（Excel）を作ります。

\b
台帳と計画から、概要（グラフ付き）・テーマ別・指標・遅れ・前回からの変化・提出状況の
6 シートの報告書を outbox/reports/<期間>_進捗状況報告.xlsx に書き出します。
merge のたびに自動で作り直されるので、通常は手で実行する必要はありません。"""
CLI_REPORT_OUT_OPTION = "出力先のファイル。省略時は outbox/reports/<期間>_進捗状況報告.xlsx"
CLI_PUBLISH_HELP = """年度の取組結果を公表用の HTML と CSV に書き出します（下期の後）。

\b
その年度の下期（3月31日現在）の報告を使い、下期の報告がない項目は上期の報告を「上期時点」として載せます。
index.html（外部ファイル不要の1ページ）、<年度>_items.csv（1行 = 1取組項目）、
<年度>_kpis.csv（1行 = 1指標）、<年度>_columns.md（列の説明）を書き出します。
記入者の氏名と内線番号は公表用ファイルに含めません。
下期の報告が1件もないときは何も書かずに終了コード 1。"""
CLI_PUBLISH_YEAR_METAVAR = "年度"
CLI_PUBLISH_YEAR_OPTION = "年度（例: 2025、R7、令和7年度。どれも令和7年度）。"
CLI_YEAR_UNREADABLE = "年度「{text}」を読み取れません。使える書き方: 2025、R7、令和7年度"
CLI_PUBLISH_OUT_OPTION = "出力先のフォルダ。省略時は outbox/publish/<年度>/"

# click's own strings (click wraps them in gettext's `_`), English → Japanese; cli/clickja.py installs it.
CLI_CLICK_JA = {
    "Usage:": "使い方:",
    "Options": "オプション",
    "Commands": "コマンド",
    "Show this message and exit.": "このヘルプを表示して終了します。",
    "Show the version and exit.": "バージョンを表示して終了します。",
    "Error: {message}": "エラー: {message}",
    "Try '{command} {option}' for help.": "「{command} {option}」でヘルプを表示できます。",
    "No such option {name!r}.": "{name!r} というオプションはありません。",
    "No such command {name!r}.": "{name!r} というコマンドはありません。",
    "Missing command.": "コマンドを指定してください。",
    "Missing argument": "引数がありません",
    "Missing option": "オプションがありません",
    "Missing parameter": "パラメータがありません",
    "Missing parameter: {param_name}": "パラメータがありません: {param_name}",
    "Option {name!r} does not take a value.": "オプション {name!r} は値を取りません。",
    "Option {name!r} requires an argument.": "オプション {name!r} には値が必要です。",
    "Option {name!r} requires {nargs} arguments.": "オプション {name!r} には {nargs} 個の値が必要です。",
    "Invalid value for {param_hint}: {message}": "{param_hint} の値が正しくありません: {message}",
    "Invalid value: {message}": "値が正しくありません: {message}",
    "Aborted!": "中止しました。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} が存在しません。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} はフォルダです。",
    "{name} {filename!r} is a file.": "{name} {filename!r} はファイルです。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} を読めません。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} に書き込めません。",
    "{value!r} is not a valid {number_type}.": "{value!r} は正しい{number_type}ではありません。",
    "{value!r} is not one of {choices}.": "{value!r} は {choices} のいずれでもありません。",
    "{value!r} is not {choice}.": "{value!r} は {choice} ではありません。",
    "{value} is not in the range {range}.": "{value} は範囲 {range} の外です。",
    "Choose from:\n\t{choices}": "次から選んでください:\n\t{choices}",
    "file": "ファイル",
    "directory": "フォルダ",
    "path": "パス",
    "integer": "整数",
    "float": "数値",
    "default: {default}": "既定値: {default}",
    "required": "必須",
    "Got unexpected extra argument ({args})": "余分な引数があります（{args}）",
    "Got unexpected extra arguments ({args})": "余分な引数があります（{args}）",
    "Did you mean {possibility}?": "{possibility} のことですか？",
    "(Did you mean one of: {possibilities}?)": "（{possibilities} のどれかのことですか？）",
    "Argument {name!r} takes {nargs} values.": "引数 {name!r} には {nargs} 個の値が必要です。",
    "Takes {nargs} values but 1 was given.": "{nargs} 個の値が必要ですが、1 個しかありません。",
    "Takes {nargs} values but {len} were given.": "{nargs} 個の値が必要ですが、{len} 個あります。",
    "{value!r} does not match the format {format}.": "{value!r} は書式 {format} に合いません。",
    "{value!r} does not match the formats {formats}.": "{value!r} は書式 {formats} のどれにも合いません。",
    "Could not open file {filename!r}: {message}": "ファイル {filename!r} を開けません: {message}",
    "{name} {filename!r} is not executable.": "{name} {filename!r} は実行できません。",
    "{value!r} is not a valid UUID.": "{value!r} は正しい UUID ではありません。",
    "Value must be an iterable.": "値は並び（リスト）で指定してください。",
    "Positional arguments": "引数",
    "env var: {var}": "環境変数: {var}",
    "deprecated": "廃止予定",
    "Do you want to continue?": "続けますか？",
    "Repeat for confirmation": "確認のためもう一度入力してください",
    "Error: The two entered values do not match.": "エラー: 2回の入力が一致しません。",
    "Error: invalid input": "エラー: 入力が正しくありません",
    "Press any key to continue...": "何かキーを押すと続けます...",
    "unknown error": "不明なエラー",
}
CLI_DEBUG_OPTION = "予期しないエラーのとき、詳しい記録（トレースバック）を画面にも表示します。"
CLI_UNLOCK_HELP = """台帳のロック（outbox/.sheetflow.lock）を持っている処理を表示し、--yes で解除します。

\b
別のパソコンの merge が途中で止まったときなどに使います。
その処理がもう動いていないことを確かめてから解除してください。"""
CLI_UNLOCK_YES_OPTION = "確認せずにロックを解除します。"

# --- the offline Windows bundle (scripts/windows_bundle.py): text of the .cmd files (cp932, CRLF) ---
WIN_INSTALL_TITLE = "sheetflow をこのパソコンにインストールします（インターネット接続は不要です）。"
WIN_INSTALL_NO_PYTHON = "Python 3.11 または 3.12 が見つかりません。先に Python をインストールしてください。"
WIN_INSTALL_DONE = "インストールが終わりました。作業フォルダに 様式を作る.cmd・取り込む.cmd・提出状況.cmd を置いて使います。"
WIN_INSTALL_FAILED = "インストールできませんでした。上のメッセージを担当者に伝えてください。"
WIN_ASK_PERIOD = "期間を入力してください（例: R7上期）: "
WIN_PRESS_KEY = "結果を確認したら、何かキーを押して閉じてください。"
# (file name, what it runs) of the double-click launchers
WIN_LAUNCHERS = (
    ("様式を作る.cmd", "forms --period %PERIOD%", True),
    ("取り込む.cmd", "merge", False),
    ("提出状況.cmd", "status", False),
)
# click's parameter type names, as they appear in its messages and metavars
CLI_CLICK_TYPE_NAMES = {"integer": "整数", "integer range": "整数", "float": "数値", "float range": "数値",
                        "boolean": "真偽値", "text": "文字列", "datetime": "日時", "uuid": "UUID"}
# "Missing option '--year'." by the kind of parameter (cli/clickja.py)
CLI_MISSING = {"option": "オプション {name} を指定してください。", "argument": "引数 {name} を指定してください。",
               "parameter": "{name} を指定してください。"}
CLI_RANGE = "{low}～{high}"  # click's IntRange text (「1989<=x<=2200」)
