"""User-facing Japanese text: the 審議会 (council) evaluation workbook, its intake and its results."""

# --- the evaluation workbook (forms/council.py) --------------------------------------------------
COUNCIL_SHEET = "評価シート"
COUNCIL_GUIDE_SHEET = "記入方法"
COUNCIL_UNIT = "審議会"  # the _meta department of every council workbook
COUNCIL_TITLE = "{year} {title} 審議会評価シート"
COUNCIL_NOTE = ("黄色のセルに記入してください。灰色のセルは{year}の取組結果（下期、下期の報告がない項目は上期時点）"
                "で、変更できません。")
COUNCIL_MEMBER_LABEL = "委員名"
COUNCIL_MEMBER_PROMPT = "評価した委員の氏名を記入してください（再提出のときも同じ表記で）。"
COUNCIL_EFFECT_LINES = {"revenue": "歳入増 {amount:,.0f}", "saving": "歳出減 {amount:,.0f}"}
COUNCIL_SCORE_ERROR_TITLE = "評価点を選んでください"
COUNCIL_SCORE_ERROR = "評価点は 1、2、3、4、5 のいずれかを一覧から選んでください。"
COUNCIL_PAGE_HEADER = "{year}　審議会評価シート"
COUNCIL_DOC_TITLE = "{year} 審議会評価シート"
COUNCIL_NO_INDICATOR = "（数値指標なし）"
COUNCIL_GUIDE_TITLE = "{year} 審議会評価シート　記入方法"
COUNCIL_GUIDE_STEPS = (
    "「評価シート」の「委員名」欄（{cell}）に氏名を記入してください。",
    "取組項目ごとに「評価点」を 1 から 5 の 5 段階で一覧から選んでください（5 が最も高い評価です）。",
    "「意見」に取組への意見を記入してください（任意、1000 字以内）。",
    "灰色のセルは変更できません。行の追加・削除・並べ替えもしないでください。",
    "ファイル名は自由です。保存して、行政監理室（{contact}）へ返送してください。",
    "再提出するときは、同じ委員名で記入したファイルを送ってください。前回の提出と置き換わります。",
)
COUNCIL_FILENAME = "{year}_審議会評価シート.xlsx"
COUNCIL_SELF_CHECK_FAILED = "審議会評価シートの自己点検に失敗しました（{problems}）。"
COUNCIL_NO_ITEMS = "計画に取組項目がないため、審議会評価シートを作れません。"
COUNCIL_WRITTEN = "審議会評価シートを書き出しました: {path}"
COUNCIL_WRITTEN_SUMMARY = "取組項目 {items} 件（下期 {h2} 件、上期時点 {h1} 件、未報告 {missing} 件）"
COUNCIL_EXISTS = "{path} は既にあります。作り直すときは --force を付けてください。"
COUNCIL_UNREPORTED = ("{items} 項目のうち {missing} 項目は上期・下期とも報告がなく「未報告」として載っています。"
                      "委員に配る前に、未提出の部署の報告を merge してから council --force で作り直してください（終了コード 1）。")

# --- intake ---------------------------------------------------------------------------------------
COUNCIL_MEMBER_UNIT = "審議会委員 {member}"  # the submission unit of one member (resubmissions replace it)
COUNCIL_MEMBER_UNKNOWN = "審議会委員（氏名なし）"
COUNCIL_SCORE_UNIT = "点"  # a score typed as text may carry it (4点); read as departments' numbers are
COUNCIL_YEAR_PLAN = "{first}から{last}（計画期間）"

# --- results (report/council.py) ------------------------------------------------------------------
COUNCIL_AVERAGE = "{average}点/5点"
COUNCIL_NO_SCORE = "評価なし"
COUNCIL_SUMMARY_NAME = "審議会評価集計.xlsx"
COUNCIL_SUMMARY_TITLE = "{year} 審議会評価集計"
COUNCIL_ITEMS_SHEET = "項目別"
COUNCIL_DRAFT_SHEET = "意見書（案）"
COUNCIL_ITEM_HEADERS = ("No.", "テーマ", "取組項目", "担当課", "平均評価点", "評価した委員数", "意見")
COUNCIL_ITEM_WIDTHS = (5, 14, 26, 14, 11, 9, 60)
COUNCIL_OPINION_LINE = "{member}: {opinion}"
COUNCIL_DRAFT_LEAD = ("{year}の取組について、審議会委員 {members} 名の評価（5 点満点）をまとめました。"
                      "全体の平均は {average} です。")
COUNCIL_DRAFT_THEMES = "テーマ別の平均評価点"
COUNCIL_THEME_HEADERS = ("テーマ", "平均評価点", "評価された項目数")
COUNCIL_DRAFT_HIGH = "評価の高い取組"
COUNCIL_DRAFT_LOW = "評価の低い取組"
COUNCIL_RANK_HEADERS = ("No.", "取組項目", "平均評価点", "主な意見")
COUNCIL_DRAFT_WIDTHS = (26, 30, 12, 60)
COUNCIL_PAGE_HEADER_SUMMARY = "{year}　審議会評価集計"

# --- publication -----------------------------------------------------------------------------------
PUBLISH_COUNCIL_ITEMS_CAPTION = "{year} 取組項目ごとの審議会の評価"
PUBLISH_COUNCIL_HEADERS = ("No.", "取組項目", "平均評価点", "評価した委員数", "意見")
PUBLISH_COUNCIL_COLUMNS = (
    ("年度", "西暦の会計年度（4 月始まり）"), ("年度（和暦）", "令和の年度表記"),
    ("No", "計画の取組項目番号"), ("取組項目", "取組項目名"),
    ("平均評価点", "審議会委員の評価点（5 点満点）の平均、小数第 1 位（四捨五入）。評価がない項目は空欄"),
    ("評価した委員数", "この項目に評価点を付けた委員の数"),
    ("意見", "委員の意見（複数のときは「 / 」で区切る）"),
)
PUBLISH_COLUMNS_COUNCIL = "審議会の評価"
PUBLISH_DATA_COUNCIL = "審議会の評価（CSV）"
PUBLISH_OPINION_SEPARATOR = " / "

# --- CLI -------------------------------------------------------------------------------------------
CLI_COUNCIL_HELP = ("その年度の審議会評価シート（委員 1 人分の Excel）を outbox/council/<年度>/ に作ります。"
                    "取組結果は台帳から（下期、下期の報告がない項目は上期時点）転記します。")
CLI_COUNCIL_YEAR_OPTION = "評価する年度（2025、R7、令和7年度 など）"
CLI_COUNCIL_OUT_OPTION = "書き出すファイル（省略時は outbox/council/<年度>/<年度>_審議会評価シート.xlsx）"
CLI_COUNCIL_FORCE_OPTION = "既にあるファイルを作り直す"

# --- ledger.xlsx -----------------------------------------------------------------------------------
LEDGER_SHEET_COUNCIL = "審議会の評価"
LEDGER_COUNCIL_HEADERS = ("期間", "年度", "委員名", "No", "取組項目", "評価点", "意見", "有効")
LEDGER_COUNCIL_LIVE = ("置き換え済み", "有効")
