"""Every sentence a user sees, in Japanese, in one place.

Sections belong to the stages of the flow (plan → forms → intake → ledger → report). Templates use
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
ERROR_PREFIX = "エラー: "
WARNING_PREFIX = "注意: "

# --- plan ----------------------------------------------------------------------------------------
PLAN_NOT_FOUND = "計画ファイル {path} が見つかりません。"
PLAN_YAML_ERROR = "計画ファイル {path} の書式が正しくありません（YAML）: {error}"
PLAN_NOT_MAPPING = "計画ファイル {path} の最上位は「plan:」「themes:」「items:」などの項目である必要があります。"
PLAN_MISSING_SECTION = "計画ファイルに「{section}」がありません。"
PLAN_INVALID = "計画ファイル {path} に {count} 件の誤りがあります。"
PLAN_FIELD_REQUIRED = "{where}: 「{field}」がありません。"
PLAN_FIELD_TYPE = "{where}: 「{field}」の値「{value}」は{expected}である必要があります。"
PLAN_DUPLICATE_NO = "No.{no}: 取組項目の番号が重複しています。"
PLAN_NOT_CONTIGUOUS = "取組項目の番号が 1 から {count} までの連番になっていません（欠番: {gaps}）。"
PLAN_RATING_RANGE = "No.{no}: 効果「{field}」の値 {value} は 0〜5 の範囲外です。"
PLAN_YEAR_RANGE = "No.{no}: 「{field}」の年度 {year} が計画期間（{first}〜{last}年度）の外です。"
PLAN_UNKNOWN_THEME = "No.{no}: テーマ {theme} は計画のテーマ一覧にありません。"
PLAN_THEME_COUNT = "テーマ{theme}「{name}」: 取組項目は {expected} 件のはずですが {actual} 件あります。"
PLAN_UNKNOWN_PREFIX = "No.{no}: 担当部署「{text}」の略号「{prefix})」が凡例（prefixes）にありません。"
PLAN_NO_PREFIX = "No.{no}: 担当部署「{name}」の部が分かりません（略号も、独立した機関（standalone）としての登録もありません）。"
PLAN_OWNER_MISMATCH = "No.{no}: 報告課（owner）「{owner}」が担当部署「{text}」の最初の課「{expected}」と一致しません。"
PLAN_OWNER_UNKNOWN = "No.{no}: 報告課（owner）「{owner}」は担当部署「{text}」にない課です。"
PLAN_RELATED_MISMATCH = "No.{no}: 関係課（related）{related} が担当部署「{text}」から読み取れる課 {expected} と一致しません。"
PLAN_OWNER_GENERIC = "No.{no}: 「{owner}」は特定の課ではないため報告課にできません。"
PLAN_KPI_TARGET = "No.{no}: 指標「{kpi}」の {year}年度の目標値「{value}」が数値ではありません。"
PLAN_KPI_DIRECTION = "No.{no}: 指標「{kpi}」の direction は up か down である必要があります（値: {value}）。"
PLAN_KPI_NEGATIVE = "No.{no}: 指標「{kpi}」の目標に負の値がありますが allow_negative が true ではありません。"
PLAN_MISSING_FIELDS = "No.{nos}（{count} 件）: 元資料に記載がないため未登録の項目があります: {fields}"
PLAN_NO_OWNERS = "この計画には担当部署（報告課）が登録されていない取組項目が {count} 件あります。報告様式を作るには各項目の owner を登録してください: No.{nos}"
PLAN_NO_RECIPIENTS = "この計画には報告様式を送る担当部署が1つもありません（担当部署が未登録です）。"
PLAN_OK = "計画ファイルに誤りはありません。"
PLAN_SUMMARY_TITLE = "{title}（{plan_id} 第{version}版、{first}〜{last}）"
FIELD_LABELS = {
    "no": "番号", "theme": "テーマ", "name": "項目名", "departments": "担当部署", "owner": "報告課",
    "related": "関係課", "digital": "デジタル", "continued": "前P継続", "content": "取組内容",
    "goal": "到達目標", "schedule": "取組予定", "kpis": "指標", "effects": "効果", "pr": "PRポイント",
    "citizen": "市民サービス", "fiscal": "財政効果", "efficiency": "業務効率化", "practices": "実践項目",
    "theme_missing": "テーマ",
}

# --- periods -------------------------------------------------------------------------------------
# (periods.py keeps its own parse error text next to the accepted forms)
PLAN_SUMMARY_COUNTS = "取組項目 {items} 件、テーマ {themes} 件、指標 {kpis} 件、報告課 {depts} 課、実践項目（名称あり）{practices} 件"
PLAN_SUMMARY_THEMES = "テーマ別の取組項目数:"
PLAN_SUMMARY_DEPTS = "担当部署別の取組項目数（報告 / 関係）:"
PLAN_SUMMARY_DEPT_LINE = "  {dept}: 報告 {owned} / 関係 {related}"
PLAN_EXPORTED = "計画一覧を書き出しました: {path}（取組項目 {items} 件、指標 {kpis} 件）"
PLAN_SUMMARY_PRACTICES = "実践項目: 計 {total} 件（現行 {current} 件、新規 {new} 件）"
PLAN_SUMMARY_UNTHEMED = "  テーマ未設定（複数のテーマに関連）: {count}"

# --- forms ---------------------------------------------------------------------------------------
FORMS_AUTHOR = "総務部行政監理室"
FORMS_DOC_TITLE = "{period} 進捗状況報告（{dept}）"
FORMS_REPORT_TITLE = "{period} 進捗状況報告　{dept}"
FORMS_KPI_TITLE = "{period} 指標実績　{dept}"
FORMS_GUIDE_TITLE = "{period} 進捗状況報告　記入方法"
FORMS_PAGE_HEADER = "{dept}　{period}"
FORMS_REPORT_NOTE = "黄色のセルに記入してください。灰色のセルは計画と前回の報告から転記した内容で、変更できません。"
FORMS_KPI_NOTE = "黄色のセルに今期末時点の実績値を数値だけで記入してください。灰色のセルは変更できません。"
FORMS_NO_KPIS = "この部署の取組項目には数値指標がありません。"
FORMS_NOT_IN_PLAN = "（計画に記載なし）"
FORMS_NO_SCHEDULE = "（今年度の予定なし）"
FORMS_CONTINUED = "→（継続）"
FORMS_STATUS_ERROR_TITLE = "進捗状況を選んでください"
FORMS_STATUS_ERROR = "進捗状況は一覧（{labels}）から選んでください。"
FORMS_STATUS_ERROR_SHORT = "進捗状況は一覧から選んでください。"
FORMS_LENGTH_ERROR_TITLE = "文字数が多すぎます"
FORMS_LENGTH_ERROR = "「{header}」は{max_len}字以内で記入してください。"
FORMS_ACTUAL_ERROR_TITLE = "数値を記入してください"
FORMS_ACTUAL_ERROR = "実績値は 0 以上の数値だけで記入してください（「約」や単位などの文字は入れないでください）。"
FORMS_ACTUAL_ERROR_NEGATIVE = "実績値は数値だけで記入してください（減少は -50 のように負の数で記入できます。「約」や単位などの文字は入れないでください）。"
FORMS_GUIDE_LABELS = {"plan": "計画", "period": "報告の対象期間", "dept": "部署", "deadline": "提出期限",
                      "contact": "問い合わせ・提出先", "rows": "記入する行数"}
FORMS_GUIDE_ROWS = "「進捗報告」{items} 行、「指標実績」{kpis} 行"
FORMS_GUIDE_STEPS_HEAD = "記入の手順"
FORMS_GUIDE_STEPS = (
    "「進捗報告」シートで、取組項目ごとに黄色のセル（進捗状況・今期の取組実績・課題・今後の対応・記入者・連絡先（内線））を記入してください。",
    "「進捗状況」はセルを選ぶと表示される一覧から選んでください。選び方は下の表のとおりです。",
    "「指標実績」シートで、指標ごとに今期末時点の実績値を数値だけで記入してください（単位は「単位」列のとおりです）。",
    "灰色のセルは計画と前回の報告から転記した内容です。誤りに気づいたときは変更せず、「課題・今後の対応」や「備考」に書くか、問い合わせ先へご連絡ください。",
    "記入が終わったら上書き保存し、提出期限までに返送してください（返送の方法は下のとおりです）。",
)
FORMS_GUIDE_STEP_NO_KPIS = "この部署の取組項目には数値指標がないため、「指標実績」シートの記入は不要です。"
FORMS_GUIDE_STATUS_HEAD = "進捗状況の選び方"
FORMS_GUIDE_STATUS_COLUMNS = ("進捗状況", "意味", "あわせて記入が必要な欄")
FORMS_GUIDE_NEEDS_ISSUES = "課題・今後の対応（必須）"
FORMS_GUIDE_NEEDS_RESULT = "今期の取組実績（必須）"
FORMS_GUIDE_RULES_HEAD = "守っていただきたいこと"
FORMS_GUIDE_RULES = (
    "シート名を変えないでください。",
    "行を追加・削除しないでください（並べ替えもしないでください）。",
    "灰色のセルは編集しないでください。",
    "ファイル名は変えてもかまいません（部署と期間はファイルの中身で確認します）。",
    "Excel 形式（.xlsx）のまま保存してください（.xls やマクロ付きの .xlsm、PDF にはしないでください）。",
)
FORMS_GUIDE_RETURN_HEAD = "返送の方法"
FORMS_GUIDE_RETURN = "記入したファイルをメールに添付するなどして、{contact}へ返送してください。ファイルにパスワードは付けないでください。提出後に直したいときは、直したファイルをもう一度送ってください（後から届いたものを採用します）。"
FORMS_UNKNOWN_DEPT = "部署「{name}」は報告様式を送る部署にありません。"
FORMS_DID_YOU_MEAN = "もしかして: {candidates}"
FORMS_DEPT_LIST_HINT = "報告様式を送る部署の一覧は「sheetflow plan check」で確認できます。"
FORMS_AMBIGUOUS_DEPT = "課の名前「{name}」に当たる部署が複数あります。「部 課」の形で指定してください: {candidates}"
FORMS_BAD_BY = "様式のまとめ方は「課」か「部」で指定してください（指定: {value}）。"
FORMS_FILENAME_CLASH = "部署 {depts} の様式のファイル名が同じ「{name}」になってしまいます。部署名を見直してください。"
FORMS_SELF_CHECK_FAILED = "作成した様式の自己点検に失敗したため、書き出しませんでした（{dept}）: {problems}"
FORMS_PROGRESS = "様式を作成中"
FORMS_WRITTEN = "様式を {count} 件書き出しました（取組項目 {items} 件、指標 {kpis} 件）: {folder}"
FORMS_SKIPPED = "既にあるため上書きしなかった様式が {count} 件あります（上書きするには --force を付けてください）: {names}"

# --- ledger --------------------------------------------------------------------------------------
# Results of one file in the submission log (提出履歴) and the merge summary.
RESULT_ACCEPTED = "受理"
RESULT_ACCEPTED_OLD = "受理（旧版）"  # accepted, but an already merged file of the same department is newer
RESULT_RETURNED = "差戻し"
RESULT_UNREADABLE = "読めない"
RESULT_KNOWN = "取込済み"
RESULT_DUPLICATE = "取込済み（重複）"
RESULT_OTHER_PERIOD = "対象外"
LEDGER_LOCK_BUSY = "別の sheetflow の処理（プロセス {pid}、{since} 開始）が台帳を更新中です。終わってからもう一度実行してください（ロックファイル: {path}）。"
LEDGER_LOCK_STALE = "前回の処理（プロセス {pid}、{since} 開始）が途中で終了していたため、残っていたロックを引き継ぎました: {path}"
LEDGER_LOCK_FAILED = "ロックファイル {path} を作れません（{error}）。"
LEDGER_UNWRITABLE = "台帳 {path} に書き込めません（{error}）。Excel などで開いている場合は閉じ、読み取り専用になっていないか確かめてから、もう一度実行してください。何も変更していません。"
LEDGER_WRITE_FAILED = "台帳 {path} を書き込めませんでした（{error}）。取り込んだ内容はデータベース {db} に反映済みで、前の台帳はそのまま残っています。原因を取り除いてから sheetflow merge（または sheetflow rebuild）を実行すると台帳を書き直します。"
LEDGER_DB_FAILED = "台帳のデータベース {path} を更新できませんでした（{error}）。今回の取り込みはすべて取り消しました。"
LEDGER_DB_NEWER = "台帳のデータベース {path} は新しい版の sheetflow で作られています（形式 {found}、対応 {supported}）。sheetflow を更新してください。"
LEDGER_DB_UNREADABLE = "台帳のデータベース {path} を読めません（{error}）。sheetflow rebuild でアーカイブから作り直せます。"
LEDGER_INBOX_MISSING = "受付フォルダ {path} がありません。返送されたファイルを置くフォルダを作ってください。"
LEDGER_NO_LEDGER = "台帳がまだありません。sheetflow merge で返送ファイルを取り込んでください。"
LEDGER_PROGRESS = "取り込み中"
LEDGER_SUMMARY = "受理 {accepted} 件 / 差戻し {returned} 件 / 取込済み {known} 件 / 読めない {unreadable} 件 / 対象外 {other} 件"
LEDGER_SUMMARY_DEPT = "  {dept}: {results}"
LEDGER_SUMMARY_NO_DEPT = "（部署不明）"
LEDGER_NOTHING_NEW = "新しいファイルはありません。台帳は変わっていません: {path}"
LEDGER_WRITTEN = "台帳を更新しました: {path}（現在の行 {rows} 件、指標 {kpis} 件、履歴 {history} 件、提出履歴 {log} 件）"
LEDGER_RETURN_WRITTEN = "差戻しファイルを作成しました: {path}"
LEDGER_OLDER_FILE = "{name}: 同じ部署のより新しい提出（{newer}）が取込済みのため、旧版として履歴に記録しました。"
LEDGER_OTHER_PERIOD = "{name}: {found} の様式のため取り込みませんでした（対象: {period}）。"
LEDGER_UNREADABLE_FILE = "{name}: {reason}"
LEDGER_MISSING_HEAD = "{period} の未提出: {count} 部署"
LEDGER_MISSING_LINE = "  {depts}"
LEDGER_MISSING_RETURNED = "{dept}（差戻し）"
LEDGER_FILE_CHANGED = "{name}: 確認中にファイルが保存し直されたため、今回は取り込みませんでした。次の merge で取り込みます。"
LEDGER_KNOWN_NOTE = "（前回の結果: {result}）"
LEDGER_ALL_SUBMITTED = "{period}: すべての部署（{count}）から受理済みです。"
LEDGER_REPORT_WRITTEN = "報告書を作成しました: {path}"
LEDGER_REPORT_FAILED = "報告書を作成できませんでした（{error}）。台帳への反映は完了しています。"
LEDGER_REBUILT = "アーカイブ（受理 {accepted} 件、差戻し等の記録 {returned} 件）から台帳を作り直しました: {path}"
LEDGER_REBUILD_UNREADABLE = "アーカイブのファイル {path} を受理済みとして読み直せないため、作り直しを中止しました（台帳は元のままです）。{reason}"
LEDGER_REBUILD_BAD_RECEIPT = "アーカイブの受付記録 {path} を読めません（{error}）。"
LEDGER_STATUS_TITLE = "{period} の提出状況（{count} 部署）"
LEDGER_STATUS_COUNTS = "提出済 {submitted} / 再提出 {resubmitted} / 差戻し {returned} / 未提出 {missing}"
LEDGER_STATUS_COLUMNS = ("担当部署", "状況", "初回受付", "最終受付", "受理", "差戻し")
LEDGER_PERIOD_UNKNOWN = "台帳に {period} のデータはありません（台帳にある期間: {periods}）。"
# The auditors' workbook (ledger.xlsx)
LEDGER_BOOK_TITLE = "進捗報告 台帳"
LEDGER_SHEET_CURRENT = "台帳"
LEDGER_SHEET_KPIS = "指標"
LEDGER_SHEET_HISTORY = "履歴"
LEDGER_SHEET_KPI_HISTORY = "指標履歴"
LEDGER_SHEET_LOG = "提出履歴"
LEDGER_SHEET_STATUS = "提出状況"
LEDGER_PROVENANCE_HEADERS = ("提出ファイル", "SHA-256", "受付日時", "ファイル更新日時", "様式作成日時", "様式版",
                             "計画版", "sheetflow版")
LEDGER_CURRENT_HEADERS = ("期間", "期間（和暦）", "No.", "項目名", "担当部署", "進捗状況", "今期の取組実績",
                          "課題・今後の対応", "記入者", "連絡先")
LEDGER_KPI_HEADERS = ("期間", "期間（和暦）", "指標No.", "No.", "項目名", "担当部署", "指標名", "単位",
                      "今年度の目標値", "累計の目標値", "実績値", "備考")
LEDGER_REPLACED_HEADERS = ("置換日時", "置換した提出ファイルの SHA-256")
LEDGER_LOG_HEADERS = ("受付日時", "期間", "担当部署", "結果", "エラー", "注意", "提出ファイル", "受付フォルダ内の場所",
                      "ファイル更新日時", "保存日時", "サイズ（バイト）", "様式作成日時", "SHA-256")
LEDGER_STATUS_HEADERS = ("期間", "期間（和暦）", "担当部署", "提出状況", "初回受付", "最終受付", "受理ファイル数",
                         "差戻しファイル数")
LEDGER_PLAN_VERSION = "{plan_id} 第{version}版"

# --- intake (check) ------------------------------------------------------------------------------
INTAKE_FILE_EMPTY = "ファイルが空です（0 バイト）。様式に記入して保存し直してから送ってください。"
INTAKE_FILE_TOO_LARGE = "ファイルが大きすぎます（{size_mb:.1f} MB、上限 {max_mb:g} MB）。配布した様式に記入して送ってください。"
INTAKE_FILE_XLS = "このファイルは古い Excel 形式（.xls）です。配布した様式（.xlsx）に記入し、.xlsx のまま保存して送ってください。"
INTAKE_FILE_ENCRYPTED = "このファイルはパスワードで暗号化されています。パスワードを解除して保存し直してから送ってください。"
INTAKE_FILE_CSV = "このファイルは Excel ブックではなくテキスト（CSV など）です。配布した様式（.xlsx）に記入して送ってください。"
INTAKE_FILE_NOT_ZIP = "このファイルは Excel ブック（.xlsx）として読めません（{reason}）。配布した様式に記入して送ってください。"
INTAKE_REASON_UNKNOWN = "形式が分かりません"
INTAKE_REASON_BROKEN = "ファイルが壊れています"
INTAKE_REASON_MARKUP = "HTML または XML のファイルです"
INTAKE_REASON_ZIP_ENCRYPTED = "暗号化された部品があります"
INTAKE_REASON_COMPRESSION = "対応していない圧縮方式です"
INTAKE_FILE_NOT_XLSX = "このファイルは Excel ブック（.xlsx）ではありません（{kind}）。配布した様式に記入して送ってください。"
INTAKE_KIND_ODS = "LibreOffice の .ods 形式です。「名前を付けて保存」で Excel 2007-365 (.xlsx) 形式を選んでください"
INTAKE_KIND_OTHER_ZIP = "Excel 以外の ZIP ファイルです"
INTAKE_KIND_XLSB = "Excel バイナリ形式（.xlsb）です"
INTAKE_FILE_MACRO = "このファイルにはマクロ（VBA）が含まれています（.xlsm）。マクロを含まない .xlsx 形式で保存し直して送ってください。"
INTAKE_FILE_ZIP_BOMB = "このファイルは展開後の大きさが異常なため、安全のため読み込みません（{detail}）。"
INTAKE_BOMB_TOTAL = "展開後の合計 {mb:.0f} MB、上限 {limit} MB"
INTAKE_BOMB_RATIO = "圧縮率 {ratio:.0f}:1、上限 {limit}:1"
INTAKE_BOMB_MEMBER = "部品「{part}」が展開後 {mb:.0f} MB、上限 {limit} MB"
INTAKE_BOMB_COUNT = "部品の数 {count}、上限 {limit}"
INTAKE_BOMB_LIED = "部品「{part}」の展開後の大きさが記録された大きさを超えています"
INTAKE_FILE_XML_DOCTYPE = "このファイルの部品「{part}」に DOCTYPE / ENTITY 宣言があります。安全のため読み込みません。配布した様式に記入し直して送ってください。"
INTAKE_FILE_UNREADABLE = "このファイルを読み込めません（{error}）。配布した様式に記入し直して送ってください。"
INTAKE_FILE_INTERNAL = "検査中に予期しないエラーが発生しました（{error}）。このファイルを添えてシステム担当へ連絡してください。"
INTAKE_FILE_EXTENSION = "ファイル名の拡張子が「{ext}」ですが、中身は .xlsx の様式だったため読み込みました。次回は .xlsx のまま保存してください。"
INTAKE_SHEET_MISSING = "シート「{sheet}」が見つかりません。シートを削除しないでください。配布した様式に記入し直して送ってください。"
INTAKE_SHEET_RENAMED = "シート「{sheet}」が見つかりません（代わりに「{found}」というシートがあります）。シート名を「{sheet}」に戻してください。"
INTAKE_META_MISSING = "様式の管理用シート（_meta）がありません。配布した様式ではないか、シートが削除されています。配布した様式に記入して送ってください。"
INTAKE_META_EDITED = "様式の管理用シート（_meta）が書き換えられています。配布した様式に記入し直して送ってください。"
INTAKE_IDENTITY_PLAN = "このファイルは {found} の様式です（期待: {expected}）。"
INTAKE_PLAN_LABEL = "計画「{plan_id}」第{version}版"
INTAKE_IDENTITY_PERIOD = "このファイルは {found} の様式です（期待: {expected}）。"
INTAKE_IDENTITY_DEPARTMENT = "このファイルは「{found}」の様式ですが、「{found}」はこの計画（{plan}）の報告課ではありません（期待: この計画の報告課の様式）。"
INTAKE_IDENTITY_FORMAT = "このファイルは様式の版「{found}」です（期待: 版「{expected}」）。最新の様式に記入して送ってください。"
INTAKE_IDENTITY_PROPERTY = "ファイルのプロパティ「{name}」の値「{found}」が様式の管理情報の「{expected}」と一致しません（管理情報を採用しました）。"
INTAKE_ROWS_DELETED = "No.{key} の行が {sheet} シートから削除されています（元は {row} 行目）。行を削除しないでください。"
INTAKE_ROWS_ADDED = "{sheet} シートの {row} 行目は様式にない行です（追加された行）。行を追加しないでください。"
INTAKE_ROWS_DUPLICATED = "{sheet} シートの {row} 行目は No.{key} の行の重複です。コピーした行を削除してください。"
INTAKE_ROWS_REORDERED = "{sheet} シートの行の順序が変わっていました（{count} 行）。内容で照合して読み込みました。"
INTAKE_CELL_LOCKED_EDITED = "No.{key} の行（{range}）で、変更できない灰色の欄が書き換えられています{columns}。元の内容に戻してください。"
INTAKE_LOCKED_COLUMNS = "（変更された欄: {names}）"
INTAKE_STATUS_MISSING = "「進捗状況」が未記入です。一覧から選んでください。"
INTAKE_STATUS_INVALID = "「進捗状況」の「{value}」は選択肢にありません。{choices} のいずれかを一覧から選んでください。"
INTAKE_TEXT_TOO_LONG = "「{field}」が {length} 字あります。{max_len} 字以内にしてください。"
INTAKE_KPI_NOT_NUMBER = "「実績値」の「{value}」を数値として読めません。数値だけを記入してください（単位: {unit}）。"
INTAKE_KPI_UNIT = "「実績値」の「{value}」の単位「{found}」は指標の単位「{unit}」と異なり、換算できません。{unit} の数値で記入してください。"
INTAKE_KPI_NEGATIVE = "「実績値」が負の値（{value}）です。この指標は負の値になりません。"
INTAKE_KPI_IMPLAUSIBLE = "「実績値」{value} は目標値（{target}）と比べて桁が大きく違います。単位（{unit}）を確認してください。"
INTAKE_KPI_MISSING = "実績値が未入力です（今年度の目標値: {target} {unit}）。"
INTAKE_KPI_APPROXIMATE = "「実績値」の「{before}」は概数のため {after} として読み込みました。正確な値が分かれば記入し直してください。"
INTAKE_ISSUES_REQUIRED = "進捗状況が「{status}」のときは「課題・今後の対応」を記入してください。"
INTAKE_RESULT_REQUIRED = "進捗状況が「{status}」のときは「今期の取組実績」を記入してください。"
INTAKE_REPORTER_MISSING = "「記入者」がどの行にも記入されていません。記入した職員の氏名を記入してください。"
INTAKE_CELL_ERROR = "「{field}」がエラー値（{value}）になっています。数式を使わず、値を直接入力してください。"
INTAKE_CELL_FORMULA = "「{field}」に数式（{formula}）が入っていたため、計算結果「{value}」を値として読み込みました。"
INTAKE_NORM_TEXT = "「{field}」の前後の空白・改行を取り除きました。"
INTAKE_NORM_STATUS = "「進捗状況」の「{before}」を「{after}」として読み込みました（空白・全角文字を整えました）。"
INTAKE_NORM_NUMBER = "「実績値」の「{before}」を {after} として読み込みました。"
INTAKE_NORM_UNIT = "「実績値」の「{before}」を単位「{unit}」に換算して {after} として読み込みました。"
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

# --- report ---------------------------------------------------------------------------------------
NOT_REPORTED = "未報告"
NO_TARGET = "目標なし"
VERDICT_NONE = "—"
ACHIEVED = "達成"
NOT_ACHIEVED = "未達"
CHANGE_BETTER = "改善"
CHANGE_WORSE = "悪化"
CHANGE_SAME = "変化なし"
CHANGE_NEW = "新規報告"
CHANGE_NOT_REPORTED = "未報告"
REPORT_THEME_LABEL = "{no}. {name}"
REPORT_NO_THEME = "テーマ未設定"
REPORT_TOTAL = "計"
REPORT_SHARE = "構成比"
FIELD_STATUS = "進捗状況"
FIELD_RESULT = "今期の実績"
FIELD_ISSUES = "課題・今後の対応"
FIELD_KPI = "指標「{kpi}」の実績値"
COMPARED_CUMULATIVE = "累計"
COMPARED_YEAR = "年度"
REPORT_SHEETS = ("概要", "テーマ別", "指標", "遅れ", "前回からの変化", "提出状況")
REPORT_FILE = "{period}_進捗状況報告.xlsx"
REPORT_TITLE = "{title} 進捗状況報告"
REPORT_DATES = "基準日: {as_of}　　作成日: {generated}"
REPORT_DATE = "{era}{month}月{day}日"
REPORT_RATES_HEADING = "提出・報告の状況"
REPORT_RATES_HEADERS = ("区分", "対象", "提出・報告", "割合")
REPORT_RATE_DEPTS = "部署の提出（提出済・再提出）"
REPORT_RATE_ITEMS = "取組項目の報告"
REPORT_COUNTS_HEADING = "テーマ別・進捗状況別の取組項目数"
REPORT_COUNTS_THEME = "テーマ"
REPORT_CHART_BAR = "テーマ別の進捗状況（件数）"
REPORT_CHART_PIE = "進捗状況の構成（全体）"
REPORT_ITEMS_TITLE = "テーマ別の取組状況（{period}）"
REPORT_ITEMS_NOTE = "「未報告」は今期の報告がまだない取組項目です。"
REPORT_ITEMS_HEADERS = ("No.", "項目名", "担当部署", "進捗状況", "今期の実績", "課題・今後の対応")
REPORT_KPI_TITLE = "指標の目標と実績（{period}）"
REPORT_KPI_HEADERS = ("No.", "項目名", "指標名", "単位", "目標の向き", "今年度の目標", "累計の目標", "比べた目標",
                      "実績", "達成率", "判定", "備考")
REPORT_KPI_NOTES = (
    "達成率: 増やす指標は 実績÷目標。減らす指標で目標が△（削減量、負の数）のときは 実績÷目標（削減量の比）。"
    "減らす指標で目標が上限（正の数）のときは 目標÷実績 で、実績が目標以下なら達成（実績 0 以下は達成率「—」）。",
    "目標が 0 のときは達成率「—」とし、判定は実績と目標の比較によります。今年度の目標がない指標は「目標なし」、"
    "実績の報告がない指標は「未報告」です（0 とはみなしません）。",
    "実績（今期末時点）は、累計で積み上がる指標は累計の目標と、それ以外は今年度の目標と比べています。",
)
REPORT_KPI_NOTE_H1 = "上期の報告のため、9月30日時点の実績を年度末（3月31日）の目標と比べています。達成率は年度目標に対する進み具合です。"
REPORT_BEHIND_TITLE = "遅れている取組項目（{period}）"
REPORT_BEHIND_HEADERS = ("No.", "テーマ", "項目名", "担当部署", "進捗状況", "課題・今後の対応", "今期の実績")
REPORT_BEHIND_NONE = "遅れている取組項目はありません。"
REPORT_CHANGES_TITLE = "前回（{previous}）からの変化"
REPORT_CHANGES_NOTE = ("各取組項目の1行目は進捗状況の変化（改善・悪化・変化なし・新規報告・未報告）です。"
                       "前回・今回とも報告のある項目は、続く行に変わった記入内容と指標の実績値を示します。")
REPORT_CHANGES_HEADERS = ("No.", "項目名", "担当部署", "変化", "変更箇所", "前回", "今回")
REPORT_SUBMISSIONS_TITLE = "提出状況（{period}）"
REPORT_SUBMISSIONS_HEADERS = ("部署", "担当項目数", "提出状況", "最初の受付", "最後の受付", "受理", "差戻し",
                              "再提出の回数")
REPORT_MISSING_HEADING = "未提出の部署（{count} 部署）"
REPORT_MISSING_NONE = "未提出の部署はありません。"
REPORT_WRITTEN = "報告書を書き出しました: {path}"
REPORT_SUMMARY_LINE = "提出 {submitted}/{recipients} 部署、報告 {reported}/{items} 項目、遅れ {behind} 項目"
REPORT_NO_LEDGER = "台帳がまだありません（{path}）。先に返送ファイルを merge してください。"
RETURN_NOTE_RESTORED = "この差戻しファイルでは、変更できない灰色の欄と行の並びを配布時の内容に戻してあります（指摘事項の「セル」はこのファイルでの位置です）。"
INTAKE_CELL_FORMULA_EMPTY = "「{field}」に数式（{formula}）が入っていますが計算結果が保存されていないため、空欄として読み込みました。値を直接入力してください。"

# --- publish --------------------------------------------------------------------------------------
PUBLISH_NO_H2 = ("{period} の報告が台帳に1件もないため、公表用ファイルを作れません。"
                 "下期の返送ファイルを merge してから実行してください。")
PUBLISH_WRITTEN = "公表用ファイルを書き出しました: {folder}"
PUBLISH_SUMMARY = "取組項目 {items} 件（下期 {h2} 件、上期時点 {h1} 件、未報告 {missing} 件）、指標 {kpis} 件"
PUBLISH_TITLE = "{title} {year}の取組結果"
PUBLISH_LEAD = ("{municipality}は「{title}」（{first}〜{last}）の取組項目ごとの進捗状況を公表しています。"
                "このページは{year}末（{as_of}現在）の結果です。")
PUBLISH_DATE = "公表資料の作成日: {date}"
PUBLISH_COUNTS_HEADING = "進捗状況の概要"
PUBLISH_COUNTS_CAPTION = "テーマ別・進捗状況別の取組項目数（{year}末）"
PUBLISH_ITEMS_HEADING = "取組項目ごとの結果"
PUBLISH_THEME_CAPTION = "{theme}（{count}項目）"
PUBLISH_ITEMS_HEADERS = ("No.", "項目名", "担当部署", "進捗状況", "取組実績", "課題・今後の対応")
PUBLISH_H1_MARK = "※上期時点"
PUBLISH_H1_NOTE = "「※上期時点」は、下期（3月31日現在）の報告がないため、上期（9月30日現在）の報告を掲載している項目です。"
PUBLISH_KPI_HEADING = "指標の目標と実績"
PUBLISH_KPI_CAPTION = "指標ごとの目標と実績（{year}）"
PUBLISH_KPI_HEADERS = ("No.", "項目名", "指標名", "目標", "実績", "達成率", "判定")
PUBLISH_TARGET = "{value}{unit}（{kind}）"
PUBLISH_VALUE = "{value}{unit}"
PUBLISH_KPI_LINE = "{kpi}: 実績 {actual}／{kind}目標 {target}"
PUBLISH_KPI_LINE_NO_TARGET = "{kpi}: 実績 {actual}（今年度の目標なし）"
PUBLISH_KPI_VERDICT = "（{verdict}）"
PUBLISH_DATA_HEADING = "オープンデータ（CSV）"
PUBLISH_DATA_LEAD = "このページの表は CSV ファイル（文字コード UTF-8・BOM 付き）でも公開しています。列の説明: "
PUBLISH_DATA_ITEMS = "取組項目ごとの結果（1行 = 1取組項目）"
PUBLISH_DATA_KPIS = "指標ごとの目標と実績（1行 = 1指標）"
PUBLISH_FOOTER = "{municipality} {office}"
PUBLISH_SOURCE_H2 = "下期"
PUBLISH_SOURCE_H1 = "上期時点"
PUBLISH_ITEM_COLUMNS = (
    ("年度", "西暦の年度（4月〜翌3月）。2025 は令和7年度"),
    ("年度（和暦）", "例: 令和7年度"),
    ("報告時点", "下期（3月31日現在）、上期時点（下期の報告がなく、9月30日現在の報告を掲載）、または 未報告"),
    ("No", "取組項目の番号（計画の番号）"),
    ("テーマ番号", "計画のテーマの番号"),
    ("テーマ", "テーマの名称"),
    ("項目名", "取組項目の名称"),
    ("担当部署", "報告した部署（部 課）"),
    ("進捗状況", "完了・順調・概ね順調・遅れ・未着手、報告がなければ 未報告"),
    ("取組実績", "担当部署が記入した取組の実績"),
    ("課題・今後の対応", "担当部署が記入した課題と今後の対応"),
    ("指標の数", "この取組項目の指標の数（各指標の詳しい値は指標の CSV）"),
    ("指標の実績", "指標ごとに「指標名: 実績 値／累計目標（または年度目標） 値（達成・未達）」を「; 」でつないだ文章"),
)
PUBLISH_KPI_COLUMNS = (
    ("年度", "西暦の年度"),
    ("年度（和暦）", "例: 令和7年度"),
    ("報告時点", "取組項目の CSV と同じ"),
    ("指標番号", "取組項目の番号-その項目の中の指標の順番（例: 2-1）"),
    ("No", "取組項目の番号"),
    ("項目名", "取組項目の名称"),
    ("指標名", "指標の名称"),
    ("単位", "目標値・実績値の単位"),
    ("目標の向き", "増やす（多いほどよい）または 減らす（少ないほどよい。削減量は負の数）"),
    ("今年度の目標値", "計画に記載のその年度の値（数値。記載がなければ空欄）"),
    ("累計の目標値", "累計で積み上がる指標は計画初年度からの合計、それ以外はその年度の値"),
    ("比べた目標", "実績と比べた目標: 累計 または 年度"),
    ("実績値", "担当部署が報告した実績（数値。報告がなければ空欄）"),
    ("達成率（%）", "実績と目標の比（%、小数1桁）。計算できない場合は空欄"),
    ("判定", "達成・未達、目標がなければ 目標なし、実績の報告がなければ 未報告、比べられなければ —"),
)
PUBLISH_COLUMNS_TITLE = "{title} {year}の取組結果 — CSV ファイルの列の説明"
PUBLISH_COLUMNS_NOTES = (
    "文字コードは UTF-8（BOM 付き）、区切りはカンマ、改行は CRLF です。1行目は列名です。",
    "記入者の氏名や内線番号など、職員個人の連絡先は含みません。",
    "文字の列で、先頭が = + - @ の値には、表計算ソフトで数式として実行されないよう先頭に ' を付けています。",
)
PUBLISH_COLUMNS_ITEMS = "取組項目ごとの結果"
PUBLISH_COLUMNS_KPIS = "指標ごとの目標と実績"
PUBLISH_RATE_NOTE = ("達成率: 増やす指標は 実績÷目標、減らす指標で目標が削減量（負の数）のときは 実績÷目標、"
                     "目標が上限（正の数）のときは 目標÷実績 です。目標が 0 のときや上限型で実績が 0 のときは「—」とし、"
                     "判定は実績と目標の比較によります。累計で積み上がる指標は累計の目標と比べています。")
INTAKE_REASON_PDF = "PDF ファイルです"
INTAKE_REASON_OPEN = "ファイルを開けません。ファイルの場所とアクセス権を確認してください"

# --- demo ----------------------------------------------------------------------------------------
DEMO_NOT_EMPTY = "フォルダ {folder} は空ではありません。別のフォルダを指定するか、--force を付けてください（その inbox/・outbox/ を作り直します）。"
DEMO_COMMAND = "$ {command}"
DEMO_STEP_FORMS = "■ {label}: 各課の様式を作ります"
DEMO_STEP_FILL = "■ 架空の {count} 課が様式に記入し、inbox/ に返送しました（記入ミスのある課、未提出の課もあります）"
DEMO_STEP_MERGE = "■ {label}: 行政監理室が merge を実行します"
DEMO_STEP_RESUBMIT = "■ {count} 課が再提出しました（差戻しファイルを直したもの、正しい様式で出し直したもの、受理後の訂正）。もう一度 merge します"
DEMO_STEP_PUBLISH = "■ {year}年度の結果を公表用に書き出します"
DEMO_DONE = "デモが終わりました（{seconds:.1f} 秒）。"
DEMO_PERIOD_SUMMARY = "  {period}: 提出 {submitted} 課（うち差戻し {refused}、再提出 {fixed}、LibreOffice で保存 {lo}）、未提出 {skipped} 課"
DEMO_OPEN_FIRST = "まず開いてみるファイル:"
