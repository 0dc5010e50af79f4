"""User-facing Japanese text: plan master (plan check / export)."""

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

# --- plan summary (plan check) ---------------------------------------------------------------
PLAN_SUMMARY_COUNTS = "取組項目 {items} 件、テーマ {themes} 件、指標 {kpis} 件、報告課 {depts} 課、実践項目（名称あり）{practices} 件"
PLAN_SUMMARY_THEMES = "テーマ別の取組項目数:"
PLAN_SUMMARY_DEPTS = "担当部署別の取組項目数（報告 / 関係）:"
PLAN_SUMMARY_DEPT_LINE = "  {dept}: 報告 {owned} / 関係 {related}"
PLAN_EXPORTED = "計画一覧を書き出しました: {path}（取組項目 {items} 件、指標 {kpis} 件）"
PLAN_SUMMARY_PRACTICES = "実践項目: 計 {total} 件（現行 {current} 件、新規 {new} 件）"
PLAN_SUMMARY_UNTHEMED = "  テーマ未設定（複数のテーマに関連）: {count}"

# --- plan model / check labels -------------------------------------------------------------------
PLAN_EXPECTED_INTEGER = "整数"
PLAN_FIELD_GOAL = "到達目標"
PLAN_FIELD_SCHEDULE = "取組予定"
PLAN_FIELD_KPI = "指標「{name}」"
PLAN_GOAL_YEAR = "{year}年度"
PLAN_GOAL_BULLET = "・{text}"
PLAN_DEPT_SEPARATORS = r"[、,，\n]"  # between departments in 担当部署 (after NFKC)

# --- plan export (plan.export) --------------------------------------------------------------------
EXPORT_HEADERS = ("No.", "テーマ", "項目名", "担当部署（原文）", "報告課", "関係課", "デジタル", "前P継続",
                  "取組内容", "到達目標", "取組予定", "指標", "市民サービス", "財政効果", "業務効率化",
                  "PRポイント", "未登録の項目")
EXPORT_SHEET = "取組項目"
EXPORT_TITLE = "{title}（{plan_id} 第{version}版）取組項目一覧"
EXPORT_PAGE_HEADER = "{title} 取組項目一覧"
EXPORT_KPI_LINE = "{name}（{unit}）: "
EXPORT_KPI_TARGET = "{year}年度 {value:g}"
EXPORT_LIST_SEPARATOR = "、"

# --- strict plan files (plan.keys) ------------------------------------------------------------------
PLAN_UNKNOWN_KEY = "{where}: キー「{key}」は計画ファイルの書式にありません（使えるキー: {allowed}）。"
PLAN_WHERE_TOP = "計画ファイルの最上位"
PLAN_WHERE_THEME = "テーマ{no}"
PLAN_WHERE_ITEM = "No.{no}"
PLAN_KPI_KIND = "No.{no}: 指標「{kpi}」の kind「{value}」は {kinds} のどれかである必要があります。"
PLAN_KPI_GOAL = "No.{no}: 指標「{kpi}」の到達目標の値「{value}」が数値ではありません。"
PLAN_KPI_BASELINE = "No.{no}: 指標「{kpi}」の基準値「{value}」が数値ではありません。"
PLAN_ESTIMATE_BAD = "No.{no}: 効果額の見込（estimates）には kind（{kinds}）、span（{spans}）、source（原文）が必要です。"
PLAN_ESTIMATE_AMOUNT = "No.{no}: 効果額の見込の amount「{value}」は 0 以上の整数（千円）である必要があります。"
PLAN_CONFIRM_BAD = "No.{no}: 要確認（confirm）の field「{field}」は {fields} のどれかで、note（理由）が必要です。"
PLAN_FIELD_CONFIRM = "要確認"
PLAN_FIELD_KPI_GOAL = "指標「{name}」の到達目標"
PLAN_FIELD_ESTIMATE = "効果額の見込"

# --- goal figures, 要確認 and 効果額 estimates in `plan check` --------------------------------------------
KPI_KIND_LABELS = {"cumulative": "累計", "annual": "単年度", "level": "水準", "cap": "上限", "": "種類未設定"}
ESTIMATE_KIND_LABELS = {"revenue": "歳入増", "saving": "歳出減"}
PLAN_SUMMARY_FIGURES = "取組項目ごとの到達目標の数値と指標:"
PLAN_SUMMARY_ITEM = "  No.{no} {name}（到達目標 {goal}）"
PLAN_SUMMARY_GOAL_TEXT = "    到達目標: {text}"
PLAN_SUMMARY_KPI = "    指標 {key} {name}（{unit}、{direction}、{kind}）: {targets}{goal}{baseline}{tentative}"
PLAN_SUMMARY_KPI_GOAL = " ／ 到達目標 {year}年度 {value}"
PLAN_SUMMARY_KPI_BASELINE = " ／ 基準値 {text}"
PLAN_SUMMARY_KPI_TENTATIVE = " ／ 括弧書き（暫定）: {years}"
PLAN_SUMMARY_NO_TARGETS = "年度別の数値なし"
PLAN_SUMMARY_ESTIMATE = "    効果額の見込: {kind} {amount}千円{span}（原文「{source}」）"
PLAN_SUMMARY_ESTIMATE_YEAR = "／年（{first}～{last}年度）"
PLAN_SUMMARY_ESTIMATE_TOTAL = "（{first}～{last}年度の総額）"
PLAN_SUMMARY_ESTIMATE_AT_LEAST = "以上"
PLAN_SUMMARY_COUNTS_FIGURES = "指標 {kpis} 件（うち到達目標の数値 {goals} 件、基準値 {baselines} 件、括弧書きの年度を含む {tentative} 件）、効果額の見込 {estimates} 件、要確認 {confirms} 件"
PLAN_SUMMARY_CONFIRMS = "要確認（行政監理室が担当部署に確認する事項）{count} 件:"
PLAN_SUMMARY_CONFIRM = "  No.{no} {field}{years}: {note}"
PLAN_SUMMARY_CONFIRM_YEARS = "（{years}）"
CONFIRM_FIELD_LABELS = {"schedule": "取組予定", "goal": "到達目標", "kpi": "指標", "owner": "担当部署",
                        "estimate": "効果額の見込", "content": "取組内容"}
PLAN_SUMMARY_CHANGED = "改定で内容が変わった実践項目（名称あり）: {count} 件"
