"""User-facing Japanese text: returned files (check) and 差戻し workbooks."""

# --- intake (check) ------------------------------------------------------------------------------
INTAKE_REASON_UNKNOWN = "形式が分かりません"
INTAKE_REASON_MARKUP = "HTML または XML のファイルです"
INTAKE_REASON_ZIP_ENCRYPTED = "暗号化された部品があります"
# what is damaged (file.damaged) and how a part is packed (package.compression)
PACKAGE_DAMAGED_DIRECTORY = "ZIP の目次が読めません。ファイルが途中で切れているおそれがあります"
PACKAGE_DAMAGED_HEADER = "部品「{part}」の見出しが ZIP の目次と一致しません"
PACKAGE_DAMAGED_INFLATE = "部品「{part}」を展開できません"
PACKAGE_DAMAGED_CRC = "部品「{part}」の内容がチェックサムと一致しません"
PACKAGE_DAMAGED_XML = "部品「{part}」の {line} 行目が XML として正しくありません"
PACKAGE_DAMAGED_VALUES = "ブックの内容を読み取れません"
PACKAGE_COMPRESSION_METHODS = {12: "bzip2", 14: "LZMA", 93: "Zstandard", 98: "PPMd"}
PACKAGE_COMPRESSION_OTHER = "方式番号 {method}"
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
INTAKE_LOCKED_CHANGE = "{name}{changed} → 元は{original}"  # one grey cell changed: 項目名「…」 → 元は「…」
INTAKE_LOCKED_QUOTED = "「{text}」"
INTAKE_LOCKED_BLANK = "（空欄）"
INTAKE_RESULT_ACCEPTED = "受理"
INTAKE_RESULT_RETURNED = "差戻し"
INTAKE_RESULT_UNREADABLE = "読めない"
INTAKE_SKIPPED_LOCK = "Excel の一時ファイルのため読み飛ばしました: {path}"
INTAKE_SKIPPED_HIDDEN = "隠しファイルのため読み飛ばしました: {path}"
INTAKE_NO_FILES = "検査するファイルがありません: {paths}"
INTAKE_PATH_NOT_FOUND = "ファイルまたはフォルダが見つかりません: {path}"
INTAKE_PROGRESS = "返送ファイルを検査中"
INTAKE_LINE = "{result}  {name}{who}（エラー {errors} 件、注意 {warnings} 件、自動修正 {normalised} 件）"
INTAKE_SUMMARY = "{total} 件を検査: 受理 {accepted} 件、差戻し {returned} 件、読めない {unreadable} 件"
INTAKE_RETURNS_WRITTEN = "差戻しファイルを {count} 件書き出しました: {folder}"
RETURN_SHEET = "指摘事項"
RETURN_TITLE = "差戻し: {name}"
RETURN_NOTE = "次の点を直して、このファイルを保存して返送してください。赤いセルがエラー（直すところ）、橙のセルが注意（確かめるところ）です。内容はセルのコメントと下の表にあります（Excel で印刷すると、コメントは各シートの最後に載ります）。"
RETURN_NOTE_UNIDENTIFIED = "このファイルは様式として読み込めませんでした。配布した様式に記入し、次の点に注意して返送してください。"
RETURN_HEADERS = ("ファイル", "シート", "セル", "項目・指標", "区分", "内容")
RETURN_FACT_LABELS = ("部署", "報告の対象期間", "再提出の期限", "提出先・問い合わせ", "指摘の数")
RETURN_DEADLINE = "{deadline}（期限を過ぎている場合は、直してすぐに返送してください）"
RETURN_COUNTS = "エラー {errors} 件（直してください）、注意 {warnings} 件（確かめてください）"
RETURN_DEPT_UNKNOWN = "不明（様式として読めなかったため）"
RETURN_PERIOD_UNKNOWN = "不明（様式として読めなかったため）"
RETURN_COMMENT_AUTHOR = "sheetflow"
RETURN_FOOTER = "&P / &N ページ"

# --- reading typed numbers (definition.normalise) -----------------------------------------------------
# unit prefixes that scale a base unit (千円, 万人, 億円 …); longest first
NUMBER_MULTIPLIERS = (("百万", 10**6), ("千万", 10**7), ("千", 10**3), ("万", 10**4), ("億", 10**8), ("兆", 10**12))
NUMBER_APPROX_PREFIX = ("約", "およそ", "概ね", "おおむね", "ほぼ")
NUMBER_APPROX_SUFFIX = ("程度", "前後", "ほど")
NUMBER_MINUS_SIGNS = "-−‐‑‒–—―ーｰ△▲"  # what people type for a leading minus
RETURN_FILE_SUFFIX = "_差戻し.xlsx"
# The notice for a department that sent a finished period's form (outbox/returns/<current period>/…)
NOTICE_FILE_SUFFIX = "_様式の期間のお知らせ.xlsx"
NOTICE_SHEET = "お知らせ"
NOTICE_TITLE = "様式の期間についてのお知らせ: {name}"
NOTICE_TEXT = "お送りいただいたファイル「{name}」は {found} の様式です。{found} の報告は締め切り、集計を終えているため、このファイルは取り込んでいません。現在は {current} の報告をお願いしています。{current} の様式「{form}」に記入して、提出先に返送してください。"
NOTICE_FORM_ANY = "{current} の様式"
NOTICE_FACT_LABELS = ("部署", "お送りいただいたファイル", "そのファイルの期間", "今回の報告の期間", "使っていただく様式",
                      "提出期限", "提出先・問い合わせ")
# --- per-file blocks (check and merge output, cli/output.py) --------------------------------------
INTAKE_SUBJECT_ITEM = "No.{no}"
INTAKE_SUBJECT_KPI = "指標 {key}「{name}」"
INTAKE_SUBJECT_KPI_KEY = "指標 {key}"
INTAKE_FINDING_LINE = "    {severity}  {text}"
INTAKE_FINDING_GAP = "  "
INTAKE_MORE_FINDINGS = "    ほか {count} 件の指摘があります（すべて差戻しファイルに記載: {path}）。"
INTAKE_MORE_FINDINGS_NO_FILE = "    ほか {count} 件の指摘があります（sheetflow check で一覧を表示できます）。"
INTAKE_REPLACED_LINE = "置き換え済み  {name}{who}（同じ部署の新しいファイル {newer} が現在の提出です。終了コードには数えません）"
INTAKE_COPY_LINE = "同一のファイル  {name}{who}（{newer} と内容がまったく同じです。{newer} を現在の提出とし、終了コードには数えません）"
INTAKE_SUMMARY_REPLACED = "（ほかに置き換え済み {count} 件）"
INTAKE_SUMMARY_COPIES = "（ほかに同一のファイル {count} 件）"
