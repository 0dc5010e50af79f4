"""User-facing Japanese text: report workbook and yearly disclosure (report / publish)."""

# --- report ---------------------------------------------------------------------------------------
NOT_REPORTED = "未報告"
NO_TARGET = "目標なし"
VERDICT_NONE = "―"
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
COMPARED_LEVEL = "水準"  # kind level: the level that year's target sets
COMPARED_CAP = "上限"  # kind cap: that year's ceiling (met when the actual does not exceed it)
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
    "減らす指標で目標が上限（正の数）のときは 目標÷実績 で、実績が目標以下なら達成（実績 0 以下は達成率「―」）。",
    "目標が 0 のときは達成率「―」とし、判定は実績と目標の比較によります。今年度の目標がない指標は「目標なし」、"
    "実績の報告がない指標は「未報告」です（0 とはみなしません）。",
    "実績（今期末時点）は「比べた目標」の欄のとおり、累計の指標は累計の目標と、単年度の指標は今年度の目標と、"
    "水準・上限の指標はその年度の水準・上限（計画が毎年の増分で書く指標はその年度までの合計）と比べています。"
    "上限の指標は実績が上限以下なら達成です。到達目標の年度は到達目標の値と比べます。",
)
REPORT_KPI_NOTE_H1 = "上期の報告のため、9月30日時点の実績を年度末（3月31日）の目標と比べています。達成率は年度目標に対する進み具合です。"
REPORT_TOTALS_SHEET = "集計"
REPORT_TOTALS_TITLE = "テーマ別の集計（{period}）"
REPORT_TOTALS_NOTE = ("様式定義の「集計」列で指定した項目を、今期の報告からテーマごとに集計しています。"
                      "「合計」の項目は値の合計、「件数」の項目は記入のあった取組項目の数です。")
REPORT_TOTALS_COUNT = "{header}（件数）"
REPORT_BEHIND_TITLE = "遅れている取組項目（{period}）"
REPORT_BEHIND_HEADERS = ("No.", "テーマ", "項目名", "担当部署", "進捗状況", "課題・今後の対応", "今期の実績")
REPORT_BEHIND_NONE = "遅れている取組項目はありません。"
REPORT_OVERDUE_TITLE = "到達目標の年度を過ぎても「完了」になっていない取組項目"
REPORT_OVERDUE_NONE = "該当する取組項目はありません。"
REPORT_OVERDUE_HEADERS = ("No.", "テーマ", "項目名", "担当部署", "進捗状況", "到達目標の年度", "今期の実績")
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

# --- publish --------------------------------------------------------------------------------------
PUBLISH_NO_H2 = ("{period} の報告が台帳に1件もないため、公表用ファイルを作れません。"
                 "下期の返送ファイルを merge してから実行してください。")
PUBLISH_WRITTEN = "公表用ファイルを書き出しました: {folder}"
PUBLISH_SUMMARY = "取組項目 {items} 件（下期 {h2} 件、上期時点 {h1} 件、未報告 {missing} 件）、指標 {kpis} 件"
PUBLISH_TITLE = "{title} {year}の取組結果"
PUBLISH_LEAD = ("{municipality}は「{title}」（{first}〜{last}）の取組項目ごとの進捗状況を公表しています。"
                "このページは{year}末（{as_of}現在）の結果です。")
PUBLISH_DATE = "公表資料の作成日: {date}"
PUBLISH_REVISED = "改訂版: {date}に改訂しました（公表の後に{periods}の報告を訂正したため）。"
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
    # issue 14: 達成度 and 効果額
    ("達成度", "下期の報告で選ばれた達成度（上期時点の項目は空欄）"),
    ("効果額_歳入増_千円", "今年度の歳入増（千円、下期は実績・上期時点は見込）"),
    ("効果額_歳出減_千円", "今年度の歳出減（千円、下期は実績・上期時点は見込）"),
    ("効果額_計_千円", "歳入増と歳出減の合計（千円）"),
    ("効果額_算定根拠", "効果額の算定根拠"),
)
PUBLISH_FIELD_NOTE = "様式定義で公表とした項目「{header}」（型: {type}）。報告時点の報告の値"
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
    ("比べた目標", "実績と比べた目標: 累計、年度、水準（その年度に達する水準）、上限（その年度の上限。実績が上限以下なら達成）"),
    ("実績値", "担当部署が報告した実績（数値。報告がなければ空欄）"),
    ("達成率（%）", "実績と目標の比（%、小数1桁）。計算できない場合は空欄"),
    ("判定", "達成・未達、目標がなければ 目標なし、実績の報告がなければ 未報告、比べられなければ ―"),
)
PUBLISH_COLUMNS_TITLE = "{title} {year}の取組結果 ― CSV ファイルの列の説明"
PUBLISH_COLUMNS_NOTES = (
    "文字コードは UTF-8（BOM 付き）、区切りはカンマ、改行は CRLF です。1行目は列名です。",
    "記入者の氏名や内線番号など、職員個人の連絡先は含みません。",
    "文字の列で、先頭が = + - @ の値には、表計算ソフトで数式として実行されないよう先頭に ' を付けています。",
)
PUBLISH_COLUMNS_ITEMS = "取組項目ごとの結果"
PUBLISH_COLUMNS_KPIS = "指標ごとの目標と実績"
PUBLISH_RATE_NOTE = ("達成率: 増やす指標は 実績÷目標、減らす指標で目標が削減量（負の数）のときは 実績÷目標、"
                     "目標が上限（正の数）のときは 目標÷実績 です。目標が 0 のときや上限型で実績が 0 のときは「―」とし、"
                     "判定は実績と目標の比較によります。累計で積み上がる指標は累計の目標と比べています。")
INTAKE_REASON_PDF = "PDF ファイルです"
INTAKE_REASON_OPEN = "ファイルを開けません。ファイルの場所とアクセス権を確認してください"

# --- publish: markdown column list and HTML bits --------------------------------------------------
PUBLISH_COLUMNS_TABLE_HEAD = "| 列 | 内容 |"
PUBLISH_FILE_IN_BRACKETS = "{label}（{file}）"

# --- publication charts (report/charts.py) -------------------------------------------------------
CHART_TOTAL = "計{count}"
CHART_NONE = "項目なし"
CHART_NOT_COUNTED = "未集計"
CHART_UNIT = "単位: {unit}"
CHART_COUNT_WORDS = "{label} {count}件"
CHART_ROW_WORDS = "{label}: {counts}（計{total}件）"
CHART_YEAR_WORDS = "{label} {value}{unit}"
CHART_WORD_SEPARATOR = "、"
CHART_LIST_SEPARATOR = "。"
CHART_ZERO = "0件"

# --- publication page (report/page.py) -----------------------------------------------------------
PUBLISH_SKIP = "本文へ移動"
PUBLISH_SUMMARY_HEADING = "この年度の結果（要点）"
PUBLISH_MORE = "詳しく: {section}"
PUBLISH_CARD_STATUS = "取組項目の進捗状況"
PUBLISH_CARD_STATUS_BIG = "{count}項目"
PUBLISH_CARD_BEHIND = "予定より遅れている取組"
PUBLISH_BIG_COUNT = "{count}件"
PUBLISH_BEHIND_TEXT = "進捗状況が「{labels}」の取組項目の数です。"
PUBLISH_CARD_KPIS = "数値指標の達成"
PUBLISH_KPI_BIG = "{achieved}/{count}指標"
PUBLISH_KPI_TEXT = "達成 {achieved}、未達 {missed}、実績の報告なし {unreported}、目標なしなど判定できないもの {other}"
PUBLISH_GRADES_HEADING = "達成度"
PUBLISH_GRADES_NONE = "達成度はまだ集計されていません。"
PUBLISH_GRADES_TITLE = "達成度別の取組項目数（{year}）"
PUBLISH_GRADES_HEADERS = ("達成度", "取組項目数")
PUBLISH_GRADES_BIG = "{count}項目"
PUBLISH_GRADES_TEXT = "達成度を評価した取組項目の数です（{counts}）。"
PUBLISH_EFFECTS_HEADING = "効果額"
PUBLISH_CARD_EFFECTS = "効果額（歳入増 + 歳出減）"
PUBLISH_EFFECTS_NONE = "効果額はまだ集計されていません。"
PUBLISH_EFFECTS_YEAR_NONE = "{year}の効果額はまだ集計されていません。"
PUBLISH_EFFECTS_TEXT = "{year}の効果額です。{first}からの累計は {cumulative} です。"
PUBLISH_EFFECTS_ZERO = "集計された効果額はすべて 0 です。"
PUBLISH_EFFECTS_TITLE = "年度別の効果額（歳入増 + 歳出減、{first}～{last}）"
PUBLISH_EFFECTS_HEADERS = ("年度", "効果額（千円）")
PUBLISH_EFFECTS_TOTAL = "累計"
PUBLISH_EFFECTS_THEME_TITLE = "テーマ別の効果額（{year}と計画期間の累計、千円）"
PUBLISH_EFFECTS_THEME_HEADERS = ("テーマ",)
PUBLISH_EFFECTS_ALL_THEMES = "全体"
PUBLISH_UNIT_THOUSAND_YEN = "千円"
PUBLISH_COUNCIL_HEADING = "審議会の評価"
PUBLISH_COUNCIL_BIG = "{score}点/5点"
PUBLISH_COUNCIL_TEXT = "行政改革推進審議会の委員による評価点（5点満点）の平均です。"
PUBLISH_COUNCIL_NONE = "審議会の評価はまだありません。"
PUBLISH_BEHIND_NONE = "予定より遅れている取組項目はありません。"
PUBLISH_BEHIND_LEAD = "進捗状況が「{labels}」の取組項目です。項目名から、取組項目ごとの結果の表に移動します。"
PUBLISH_BEHIND_ITEM = "No.{no} {name}（{department}）"
PUBLISH_EMPTY_THEME = "{theme}: このテーマの取組項目はありません。"
PUBLISH_CHART_NOTE = "図の数値は、次の表のとおりです。"
PUBLISH_DATA_PACKAGE = "データの説明（Frictionless Data Package 形式。列名・型・単位を機械が読める形で記載）"
PUBLISH_PRINT_NOTE = "CSV ファイルなどは、このページと同じ場所にあります（括弧内はファイル名）。"
PUBLISH_LABEL_SEPARATOR = "・"
PUBLISH_UNREPORTED = ("{items} 項目のうち {missing} 項目は上期・下期とも報告がなく「未報告」として載っています。"
                      "公表の前に、未提出の部署の報告を merge してから publish をやり直してください（終了コード 1）。")
