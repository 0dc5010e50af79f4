"""User-facing Japanese text: the demo."""

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

# --- what the simulated departments type into the forms (demo.fill) -----------------------------
DEMO_RESULTS = ("関係課と協議し、実施方針を整理した。", "先進自治体の事例を調査し、導入の課題を洗い出した。",
                "計画どおり事業を実施した。", "庁内説明会を開催し、運用を開始した。", "仕様書を作成し、業者選定を進めた。")
DEMO_ISSUES = ("予算確保の調整に時間を要している。次期は財政部と早期に協議する。",
               "関係機関との調整が遅れている。下期に協議の場を設ける。")
DEMO_REPORTERS = ("佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村")
DEMO_LOCKED_EDIT = "{value}（修正）"
DEMO_TEXT_IN_KPI = "集計中"
# the columns of the return workbook's 「指摘事項」 sheet (RETURN_SHEET) the department reads
DEMO_FINDINGS_HEADERS = {"sheet": "シート", "cell": "セル", "level": "区分"}
DEMO_FINDINGS_ERROR = "エラー"
DEMO_ZENKAKU_DIGITS = "０１２３４５６７８９．－"  # what "0123456789.-" looks like typed with the IME on
DEMO_DEADLINE = "上期は10月31日、下期は4月30日"
DEMO_CONTACT = "総務部行政監理室（内線 2231）"
# the names departments give the files they send back ({ka} 課, {period} e.g. R7上期, {stem} the form's name)
DEMO_FILE_NAMES = ("{ka}_進捗報告_{period}{suffix}.xlsx", "【{ka}】行革プラン進捗{suffix}.xlsx",
                   "コピー ～ {stem}{suffix}.xlsx", "{period} {ka} 回答{suffix}.xlsx")
DEMO_SUFFIX_FIXED, DEMO_SUFFIX_RESENT, DEMO_SUFFIX_CORRECTED = "_修正", "_再送", "_訂正"
DEMO_STEP_COUNCIL = "■ {year}年度の審議会評価シートを作り、架空の委員 {count} 名が評価点と意見を記入して返送しました。merge で取り込みます"
DEMO_MEMBERS = ("山田 太郎", "佐藤 花子", "鈴木 一郎")
DEMO_OPINIONS = ("取組の効果を数値で示してほしい。", "市民への周知をさらに進めるべきである。",
                 "目標の前倒しを検討されたい。", "他の部署との連携を強化されたい。")
DEMO_RESPONSES = ("指摘を踏まえ、効果を数値で把握する方法を整理した。", "広報誌とホームページで周知を行った。",
                  "関係課と協議し、前倒しの可否を検討している。")

# --- the demo's survey (庁内照会): what a simulated department types ----------------------------------------
DEMO_SURVEY_TEXTS = ("モバイル端末の貸出を始めた。", "在宅勤務の手順書を作成した。", "オンライン会議の研修を行った。",
                     "共有フォルダへの外部接続を整えた。", "特になし。")
DEMO_SURVEY_APPROX = "約{value}人"  # a number typed with a word and a unit: refused as not a number
DEMO_STEP_SURVEY = "■ 庁内照会（{title}）: 照会用の作業フォルダ {folder} を作り、{count} 課に照会します"
DEMO_STEP_SURVEY_MERGE = "■ 庁内照会: 回答を merge します（記入ミスのある課、未回答の課もあります）"
DEMO_STEP_SURVEY_RESUBMIT = "■ 庁内照会: {count} 課が差戻しを直して再回答しました。もう一度 merge し、集計表を作ります"
DEMO_SURVEY_DEFINITION = "照会定義.xlsx"
DEMO_SURVEY_FOLDER = "照会"
# The demo survey's 既定行 table: each department's own 取組項目 of the plan (No. and 項目名 pre-filled, locked).
DEMO_SURVEY_ITEMS = {"sheet": "担当する取組項目", "no": "No.", "name": "項目名", "remote": "在宅で進められる",
                     "remote_prompt": "この取組の事務を在宅（テレワーク）で進められるなら「はい」を選んでください（必須）。"}
