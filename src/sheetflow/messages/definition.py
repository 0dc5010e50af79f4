"""User-facing Japanese text: the form definition (様式定義) and its check."""

# The definition workbook's sheets and columns: a user interface (keep the names).
DEF_SHEET_TABLES = "表"
DEF_SHEET_FIELDS = "項目"
DEF_SHEET_LISTS = "選択肢"
DEF_SHEET_SETTINGS = "設定"
DEF_TABLE_COLUMNS = ("表ID", "シート名", "行モード", "キー", "最大行数")
DEF_FIELD_COLUMNS = ("表ID", "項目ID", "見出し", "型", "必須", "最小", "最大", "最大文字数", "説明", "集計", "公表",
                     "編集不可", "転記元", "見出し（上期）", "見出し（下期）", "説明（上期）", "説明（下期）",
                     "記入する期", "幅", "追加版")
DEF_LIST_COLUMNS = ("リスト名", "値", "説明", "順位", "理由必須", "実績必須", "遅れ", "別計上", "評価しない")
DEF_SETTING_COLUMNS = ("項目", "値")
DEF_SETTING_ID = "様式ID"
DEF_SETTING_VERSION = "版"
DEF_SETTING_TITLE = "件名"
# A survey (庁内照会) is a definition whose 設定 has 照会ID; it asks the departments of 部署, and 既定データ holds
# the rows each department gets pre-filled (部署名, 表ID, then one column per 項目ID of that table).
DEF_SETTING_SURVEY_ID = "照会ID"
DEF_SETTING_DEADLINE = "回答期限"
DEF_SETTING_SENDER = "照会元"
DEF_SETTING_KEYS = (DEF_SETTING_ID, DEF_SETTING_VERSION, DEF_SETTING_TITLE, DEF_SETTING_SURVEY_ID,
                    DEF_SETTING_DEADLINE, DEF_SETTING_SENDER)
DEF_SHEET_DEPARTMENTS = "部署"
DEF_SHEET_DEFAULTS = "既定データ"
DEF_DEPARTMENT_COLUMNS = ("部署名", "メール", "担当者")
DEF_DEFAULT_COLUMNS = ("部署名", "表ID")
DEF_MODE_KEYED = "既定行"
DEF_MODE_SINGLE = "単一"
DEF_MODE_LIST = "自由行"
DEF_MODES = (DEF_MODE_KEYED, DEF_MODE_SINGLE, DEF_MODE_LIST)
DEF_MARK = "○"  # a yes in 必須・公表・編集不可 and the roles of 選択肢
DEF_MARKS = ("○", "〇", "◯", "o", "O", "yes", "はい", "TRUE", "1")
DEF_TOTAL_SUM = "合計"
DEF_TOTAL_COUNT = "件数"
DEF_TOTALS = (DEF_TOTAL_SUM, DEF_TOTAL_COUNT)
DEF_HALF_H1 = "上期"
DEF_HALF_H2 = "下期"
DEF_HALVES = {DEF_HALF_H1: 1, DEF_HALF_H2: 2}
# 必須: ○, or a condition on another field: 「status:理由必須」 (when that field's choice has the role) or
# 「status=遅れ」 (when it has that value).
DEF_ROLE_NAMES = {"reason": "理由必須", "result": "実績必須", "behind": "遅れ", "apart": "別計上",
                  "unrated": "評価しない"}

# Field types: the names a definition writes in 型 (the registry in definition/types.py owns what each does).
TYPE_TEXT = "文字"
TYPE_INTEGER = "整数"
TYPE_DECIMAL = "小数"
TYPE_AMOUNT = "金額（千円）"
TYPE_DATE = "日付"
TYPE_YES_NO = "はい・いいえ"
TYPE_CHOICE_PREFIX = "選択:"
TYPE_YES, TYPE_NO = "はい", "いいえ"
TYPE_CHOICE_PLACEHOLDER = "<リスト名>"
# 日付: 2025/9/30, 2025-09-30, 2025年9月30日, R7.9.30, 令和7年9月30日 (the era's year + its offset)
TYPE_DATE_PATTERN = r"(?P<era>[A-Za-z]|令和|平成)?(?P<y>\d{1,4})[./\-年](?P<m>\d{1,2})[./\-月](?P<d>\d{1,2})日?"
TYPE_DATE_ERA_OFFSETS = {"R": 2018, "令和": 2018, "H": 1988, "平成": 1988}
TYPE_YES_WORDS = ("はい", "○", "〇", "◯", "yes", "y", "true", "1", "有", "あり")
TYPE_NO_WORDS = ("いいえ", "×", "no", "n", "false", "0", "無", "なし")

# Excel input messages and errors of typed cells (the cell's own message is the definition's 説明).
TYPE_ERROR_TITLE = "入力できない値です"
TYPE_ERRORS = {
    TYPE_INTEGER: "「{header}」は{range}整数で記入してください。",
    TYPE_DECIMAL: "「{header}」は{range}数値で記入してください。",
    TYPE_AMOUNT: "「{header}」は千円単位の{range}整数で記入してください（例: 120万円 → 1200）。",
    TYPE_DATE: "「{header}」は日付（例: 2025/9/30）で記入してください。",
    TYPE_YES_NO: "「{header}」は「はい」か「いいえ」を選んでください。",
    "choice": "「{header}」は一覧から選んでください。",
}
TYPE_RANGE_BOTH = "{minimum}以上{maximum}以下の"
TYPE_RANGE_MIN = "{minimum}以上の"
TYPE_RANGE_MAX = "{maximum}以下の"

# The check of a definition (pyxform's style: [シート!セル] and what to do).
DEF_PROBLEM = "[{sheet}!{cell}] {text}"
DEF_PROBLEM_SHEETLESS = "[{sheet}] {text}"
DEF_MISSING_SHEET = "シート「{sheet}」がありません。"
DEF_MISSING_SHEET_HINT = "シート「{sheet}」がありません。「{found}」のことですか？"
DEF_MISSING_COLUMN = "列「{column}」がありません（1行目に見出しを書いてください）。"
DEF_MISSING_COLUMN_HINT = "列「{column}」がありません。「{found}」のことですか？"
DEF_UNKNOWN_COLUMN = "列「{column}」は使えません。使える列: {choices}"
DEF_EMPTY = "「{column}」が空欄です。"
DEF_BAD_TYPE = "型「{value}」は使えません。使える型: {choices}"
DEF_BAD_LIST = "型「{value}」のリスト「{name}」が「選択肢」シートにありません。"
DEF_BAD_LIST_HINT = "型「{value}」のリスト「{name}」が「選択肢」シートにありません。「{found}」のことですか？"
DEF_BAD_TABLE = "表ID「{value}」が「表」シートにありません。"
DEF_BAD_TABLE_HINT = "表ID「{value}」が「表」シートにありません。「{found}」のことですか？"
DEF_BAD_MODE = "行モード「{value}」は使えません。使える行モード: {choices}"
DEF_BAD_KEY = "キー「{value}」は表「{table}」の項目IDにありません。"
DEF_BAD_NUMBER = "「{column}」の「{value}」は数値ではありません。"
DEF_BAD_WHOLE = "「{column}」の「{value}」は1以上の整数で書いてください。"
DEF_BAD_INTEGER = "「{column}」の「{value}」は整数で書いてください。"
DEF_BAD_RANGE = "最小（{minimum}）が最大（{maximum}）より大きくなっています。"
DEF_RANGE_NOT_NUMERIC = "最小・最大は数値の型（整数、小数、金額（千円））の項目にだけ書けます。"
DEF_BAD_MARK = "「{column}」は ○ か空欄で書いてください（「{value}」）。"
DEF_BAD_TOTAL = "集計「{value}」は使えません。使える集計: {choices}（空欄は集計しない）"
DEF_SUM_NOT_NUMERIC = "集計「合計」は数値の型（整数、小数、金額（千円））の項目にだけ使えます。"
DEF_BAD_HALF = "記入する期「{value}」は使えません。「上期」「下期」か空欄（両方）で書いてください。"
DEF_BAD_REQUIRED = "必須「{value}」は使えません。○、空欄、または「項目ID:役割」「項目ID=値」で書いてください。"
DEF_BAD_REQUIRED_FIELD = "必須の条件の項目ID「{value}」が同じ表にありません。"
DEF_BAD_REQUIRED_ROLE = "必須の条件の役割「{value}」は使えません。使える役割: {choices}"
DEF_DUPLICATE = "{column}「{value}」が重複しています（{first} と同じです）。"
DEF_BAD_ID = "{column}「{value}」は半角の英字で始まり、英数字と _ だけで書いてください。"
DEF_RESERVED_SHEETS = ("記入方法", "概要", "_meta", "_lists")  # sheets the forms and the 集計表 have themselves
DEF_BAD_SHEET_NAME = ("シート名「{value}」は使えません。31 文字以内で、[ ] : * ? / \\ を含まず、{reserved} 以外の名前に"
                      "してください。")
DEF_RESERVED_ID = "項目ID「{value}」は台帳が自分の列に使う名前のため、入力欄には使えません。別の名前にしてください。"
DEF_LOCKED_REQUIRED = "編集不可の項目は必須にできません。"
DEF_BAD_SETTING = "設定「{value}」は使えません。使える設定: {choices}"
DEF_NO_FIELDS = "表「{table}」に項目がありません。"
DEF_NO_TABLES = "表が1つもありません。"
DEF_LIST_NEEDS_ROWS = "行モード「自由行」の表には最大行数（1以上の整数）を書いてください。"
DEF_KEYED_NEEDS_KEY = "行モード「既定行」の表にはキー（行を見分ける項目の項目ID）を書いてください。"
DEF_BAD_DEADLINE = "回答期限「{value}」は日付（例: 2026/1/30）で書いてください。"
DEF_SURVEY_NO_DEPARTMENTS = "照会（設定に照会IDがある定義）には、照会する部署を「部署」シートに1行以上書いてください。"
DEF_SURVEY_MISSING_SHEET_HINT = ("照会（設定に照会IDがある定義）にはシート「{sheet}」が要ります。"
                                 "「{found}」のことですか？")
DEF_NOT_A_SURVEY = "シート「{sheet}」は照会の定義だけで使います。照会なら設定に「照会ID」の行を書いてください。"
DEF_BAD_DEPARTMENT = "部署名「{value}」が「部署」シートにありません。"
DEF_BAD_DEPARTMENT_HINT = "部署名「{value}」が「部署」シートにありません。「{found}」のことですか？"
DEF_DEFAULTS_NOT_KEYED = "表「{table}」は行モードが「{mode}」です。既定データは行モード「既定行」の表にだけ書けます。"
DEF_BAD_DEFAULT_COLUMN = "列「{column}」は表「{table}」の項目IDにありません。"
DEF_BAD_DEFAULT_COLUMN_HINT = "列「{column}」は表「{table}」の項目IDにありません。「{found}」のことですか？"
DEF_DEFAULT_NO_KEY = "表「{table}」のキー「{key}」が空欄です（行を見分ける値を書いてください）。"
DEF_DUPLICATE_DEFAULT = "部署「{department}」の表「{table}」でキー「{value}」が重複しています（{first} と同じです）。"
DEF_UNREADABLE = "様式定義 {file} を読めません: {error}"
DEF_NOT_FOUND = "様式定義 {file} が見つかりません（sheetflow.toml の form）。"
DEF_FILE_NOT_FOUND = "様式定義 {file} が見つかりません。"
DEF_HAS_PROBLEMS = "様式定義 {file} に誤りが {count} 件あります:\n{problems}"
DEF_CHECK_OK = "様式定義 {file} に誤りはありません（{title}、版 {version}、表 {tables}、項目 {fields}）。"
DEF_CHECK_OK_SURVEY = ("様式定義 {file} に誤りはありません（照会 {survey}「{title}」、版 {version}、表 {tables}、"
                       "項目 {fields}、部署 {departments}、既定データ {defaults} 行）。")
DEF_NEW_FILE = "照会定義.xlsx"  # form new's file in the current folder
DEF_NEW_WRITTEN = ("照会の定義の見本（{title}）を {file} に書き出しました。Excel で直し、"
                   "sheetflow form check {name} で検査してください。")
DEF_EXPORTED = "様式定義を {file} に書き出しました（{title}、版 {version}）。Excel で編集し、sheetflow.toml に form = \"{name}\" と書くと使われます。"
DEF_TYPE_NAMES_SEPARATOR = "、"
DEF_EXPORT_EXISTS = "{path} は既にあります。上書きするときは --force を付けてください。"
DEF_EXPORT_CHOOSE = "一覧の値を選んでください: {choices}"
DEF_EXPORT_FILE = "様式定義.xlsx"  # form export's file in the workspace folder (sheetflow.toml's form = "様式定義.xlsx")
# 転記元 of a locked column: <source>:<what>. 計画: the plan; 前回: last period's accepted answers; 審議会: the
# council's opinions of the year before; 既定データ: a survey's pre-filled rows.
DEF_SOURCE_PLAN = "計画"
DEF_SOURCE_PREVIOUS = "前回"
DEF_SOURCE_COUNCIL = "審議会"
