"""User-facing Japanese text: a survey's (庁内照会) department workbook and its read-back."""

SURVEY_GUIDE_TITLE = "{title}　記入方法"
SURVEY_GUIDE_LABELS = ("件名", "部署", "回答期限", "照会元")
SURVEY_GUIDE_NONE = "（なし）"
SURVEY_GUIDE_SHEETS = "記入するシート"
SURVEY_GUIDE_STEPS = (
    "黄色の欄に記入してください。灰色の欄は変更できません。",
    "行・列・シートの追加や削除、見出しの書き換えはしないでください。",
    "記入が終わったら、ファイル名を変えずに保存し、照会元へ送ってください。",
)
SURVEY_GUIDE_SINGLE = "シート「{sheet}」: 1 行だけ記入します。記入する欄: {inputs}"
SURVEY_GUIDE_LIST = ("シート「{sheet}」: 該当するものを 1 行に 1 件、{max_rows} 件まで記入します（途中の空行は構いません）。"
                     "記入する欄: {inputs}")
SURVEY_GUIDE_KEYED = ("シート「{sheet}」: 貴部署の {count} 件があらかじめ記入されています。灰色の欄（{locked}）は変更できません。"
                      "記入・確認する欄: {inputs}")
SURVEY_GUIDE_REQUIRED = "（必須: {fields}）"
SURVEY_LABEL_SEPARATOR = "、"
SURVEY_SHEET_TITLE = "{title}　{sheet}"
SURVEY_SHEET_NOTE = "{department}　黄色の欄に記入してください（灰色の欄は変更できません）。回答期限: {deadline}"
SURVEY_PAGE_HEADER = "{title}　{department}"
SURVEY_SELF_CHECK_FAILED = "照会様式を書き出したあとの読み返しで不一致がありました（{problems}）。開発担当に連絡してください。"
SURVEY_FOUND_PROGRESS = "進捗状況報告の様式です"
SURVEY_FOUND_COUNCIL = "審議会の評価シートです"
# --- the 集計表 of a survey (report/survey.py, report/survey_csv.py) ---
SURVEY_TALLY_FILE = "{survey}_集計表"  # + .xlsx; the CSVs are <照会ID>_<表ID>.csv
SURVEY_TALLY_SUMMARY = "概要"
SURVEY_TALLY_TITLE = "{title}　集計表"
SURVEY_TALLY_NOTE = "照会ID {survey}（版 {version}）　回答期限 {deadline}　照会元 {sender}"
SURVEY_TALLY_STATUS_HEADING = "回答状況"
SURVEY_TALLY_STATUS_HEADERS = ("回答状況", "部署数", "部署")
SURVEY_TALLY_DEPT_HEADING = "部署別の集計（集計欄の合計・件数）"
SURVEY_TALLY_DEPARTMENT = "部署"
SURVEY_TALLY_CHOICE_HEADING = "選択肢ごとの件数"
SURVEY_TALLY_CHOICE_HEADER = "{sheet}：{header}"
SURVEY_TALLY_COUNT = "件数"
SURVEY_TALLY_SHEET_TITLE = "{title}　{sheet}"
SURVEY_TALLY_SHEET_NOTE = "{departments} 部署の回答 {rows} 行（各部署の受理した最新の回答）。見出しの ▼ で絞り込めます。"
SURVEY_TALLY_PACKAGE_TITLE = "{title}（照会ID {survey}、版 {version}）の回答"
SURVEY_TALLY_PACKAGE_NOTE = "各部署の受理した最新の回答を表ごとに 1 ファイルにしたものです（文字コード UTF-8、BOM 付き）。"
# --- the survey workspace's commands (cli; ledger.survey_forms, intake.survey_check) ----------------------
SURVEY_COMMANDS = "forms（様式の作成）、check（検査）、merge（取り込み）、status（回答状況）、report（集計表）、rebuild（台帳の作り直し）"
SURVEY_PROGRESS_ONLY = ("sheetflow {command} は進捗状況報告のコマンドです。この作業フォルダは庁内照会「{title}」"
                        "（照会ID {survey}）用です（sheetflow.toml の form = {form}）。\n"
                        "庁内照会で使うコマンド: " + SURVEY_COMMANDS)
SURVEY_OPTION_PROGRESS_ONLY = ("{option} は進捗状況報告で使うオプションです。庁内照会「{title}」（照会ID {survey}）の"
                               "作業フォルダでは使えません。")
SURVEY_FROM_LAST_PROGRESS = ("--from-last は庁内照会の作業フォルダで使うオプションです（進捗状況報告の様式には、"
                             "前回の回答が自動で載ります）。")
SURVEY_FORMS_UNKNOWN_DEPT = "部署「{names}」は照会定義のシート「部署」にありません。部署: {known}"
SURVEY_FORMS_WRITTEN = "庁内照会「{title}」の様式を {count} 部署分書き出しました（あらかじめ記入した行 {rows} 行）: {folder}"
SURVEY_FORMS_FROM_LAST = "あらかじめ記入した行は、前回受理した回答から写しました（回答のない部署は既定データのまま）。"
SURVEY_CHECK_WHO = "（{dept}）"  # after a file name: the department whose form it is
SURVEY_MERGE_NOTHING = "新しいファイルはありませんでした。"
SURVEY_MERGE_SUMMARY = "受理 {accepted} 件 / 差戻し {returned} 件 / 取込済み {known} 件 / 読めない {unreadable} 件"
SURVEY_STATUS_TITLE = "庁内照会「{title}」（照会ID {survey}）の回答状況（{count} 部署）"
SURVEY_STATUS_COLUMNS = ("部署", "状況", "最終受付", "ファイル")
SURVEY_STATUS_COUNTS = "回答済 {answered} / 再回答 {again} / 差戻し {returned} / 未回答 {none}"
SURVEY_STATUS_MISSING = "未回答の部署（{count}）: {depts}"
SURVEY_TALLY_WRITTEN = "集計表を書き出しました:"
SURVEY_REBUILT = "アーカイブの {count} 件から庁内照会「{title}」の台帳を作り直しました: {path}"
# a department's answer in the ledger (survey_status)
SURVEY_STATUS_ANSWERED = "回答済"
SURVEY_STATUS_AGAIN = "再回答"  # a newer accepted file replaced an earlier one
SURVEY_STATUS_RETURNED = "差戻し"  # the latest file was refused
SURVEY_STATUS_NONE = "未回答"
# the order of survey_status's words in the 集計表's 概要
SURVEY_TALLY_STATUSES = (SURVEY_STATUS_ANSWERED, SURVEY_STATUS_AGAIN, SURVEY_STATUS_RETURNED, SURVEY_STATUS_NONE)
# the 差戻し workbook of a survey answer: the facts at the top of its 指摘事項 sheet
SURVEY_RETURN_FACT_LABELS = ("部署", "照会", "回答期限", "照会元・問い合わせ", "指摘の数")
