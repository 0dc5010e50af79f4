"""User-facing Japanese text: returned files (check) and 差戻し workbooks."""

# --- intake (check) ------------------------------------------------------------------------------
INTAKE_REASON_UNKNOWN = "形式が分かりません"
INTAKE_REASON_BROKEN = "ファイルが壊れています"
INTAKE_REASON_MARKUP = "HTML または XML のファイルです"
INTAKE_REASON_ZIP_ENCRYPTED = "暗号化された部品があります"
INTAKE_REASON_COMPRESSION = "対応していない圧縮方式です"
INTAKE_KIND_ODS = "LibreOffice の .ods 形式です。「名前を付けて保存」で Excel 2007-365 (.xlsx) 形式を選んでください"
INTAKE_KIND_OTHER_ZIP = "Excel 以外の ZIP ファイルです"
INTAKE_KIND_XLSB = "Excel バイナリ形式（.xlsb）です"
INTAKE_BOMB_TOTAL = "展開後の合計 {mb:.0f} MB、上限 {limit} MB"
INTAKE_BOMB_RATIO = "圧縮率 {ratio:.0f}:1、上限 {limit}:1"
INTAKE_BOMB_MEMBER = "部品「{part}」が展開後 {mb:.0f} MB、上限 {limit} MB"
INTAKE_BOMB_COUNT = "部品の数 {count}、上限 {limit}"
INTAKE_BOMB_LIED = "部品「{part}」の展開後の大きさが記録された大きさを超えています"
INTAKE_PLAN_LABEL = "計画「{plan_id}」第{version}版"
INTAKE_LOCKED_COLUMNS = "（変更された欄: {names}）"
INTAKE_RESULT_ACCEPTED = "受理"
INTAKE_RESULT_RETURNED = "差戻し"
INTAKE_RESULT_UNREADABLE = "読めない"
INTAKE_SKIPPED_LOCK = "Excel の一時ファイルのため読み飛ばしました: {path}"
INTAKE_SKIPPED_HIDDEN = "隠しファイルのため読み飛ばしました: {path}"
INTAKE_NO_FILES = "検査するファイルがありません: {paths}"
INTAKE_PATH_NOT_FOUND = "ファイルまたはフォルダが見つかりません: {path}"
INTAKE_PROGRESS = "返送ファイルを検査中"
INTAKE_LINE = "{result}  {name}{who}（エラー {errors} 件、注意 {warnings} 件、自動修正 {normalised} 件）"
INTAKE_TABLE_HEADERS = ("ファイル", "場所", "No.", "区分", "内容")
INTAKE_SUMMARY = "{total} 件を検査: 受理 {accepted} 件、差戻し {returned} 件、読めない {unreadable} 件"
INTAKE_RETURNS_WRITTEN = "差戻しファイルを {count} 件書き出しました: {folder}"
RETURN_SHEET = "指摘事項"
RETURN_TITLE = "差戻し: {name}"
RETURN_NOTE = "次の点を直して、このファイルを保存して返送してください。赤いセルに指摘があります（セルのコメントに内容を記載）。"
RETURN_NOTE_UNIDENTIFIED = "このファイルは様式として読み込めませんでした。配布した様式に記入し、次の点に注意して返送してください。"
RETURN_HEADERS = ("ファイル", "シート", "セル", "No.", "区分", "内容")

# --- reading typed numbers (intake.normalise) -----------------------------------------------------
# unit prefixes that scale a base unit (千円, 万人, 億円 …); longest first
NUMBER_MULTIPLIERS = (("百万", 10**6), ("千万", 10**7), ("千", 10**3), ("万", 10**4), ("億", 10**8), ("兆", 10**12))
NUMBER_APPROX_PREFIX = ("約", "およそ", "概ね", "おおむね", "ほぼ")
NUMBER_APPROX_SUFFIX = ("程度", "前後", "ほど")
NUMBER_MINUS_SIGNS = "-−‐‑‒–—―ーｰ△▲"  # what people type for a leading minus
RETURN_FILE_SUFFIX = "_差戻し.xlsx"
