"""User-facing Japanese text: the city's response to the 審議会's opinions (department form → report → publication)."""

# --- the department form's sheet (forms.layout.OPINION_SHEET) --------------------------------------
OPINION_SHEET = "審議会意見への対応"
OPINION_HEADERS = {"no": "No.", "name": "項目名", "opinions": "審議会の意見", "response": "意見への対応"}
OPINION_TITLE = "{year}の評価に対する審議会の意見と対応　{period}　{dept}"
OPINION_NOTE = ("灰色のセルは行政改革推進審議会の意見（{year}の評価）で、変更できません。"
                "黄色のセルに意見への対応を記入してください。")
OPINION_BULLET = "・"
GUIDE_OPINION_STEP = ("「審議会意見への対応」シートに、{year}の評価で行政改革推進審議会から出された意見を転記してあります。"
                      "取組項目ごとに黄色のセル（{columns}）を記入してください。")

# --- report and publication ------------------------------------------------------------------------
RESPONSE_REPORT_SHEET = "審議会意見への対応"
RESPONSE_REPORT_TITLE = "{year}の評価に対する審議会の意見と市の対応（{period}時点）"
RESPONSE_REPORT_HEADERS = ("No.", "テーマ", "取組項目", "担当課", "審議会の意見", "意見への対応", "回答した期")
RESPONSE_MISSING = "（未回答）"
RESPONSE_SUMMARY = "意見のあった取組項目 {items} 件のうち、対応の回答 {answered} 件、未回答 {missing} 件"
PUBLISH_RESPONSES_HEAD = "{year}の審議会の意見への対応"
PUBLISH_RESPONSES_INTRO = "{year}の評価で行政改革推進審議会から出された意見と、それに対する市の対応（{year_now}中の回答）です。"
PUBLISH_RESPONSE_HEADERS = ("No.", "取組項目", "担当課", "審議会の意見", "市の対応")
PUBLISH_RESPONSES_CAPTION = "{year}の評価で出された意見と市の対応（取組項目ごと）"
PUBLISH_COLUMNS_RESPONSES = "審議会の意見への対応"
PUBLISH_DATA_RESPONSES = "審議会の意見への対応（CSV）"
PUBLISH_RESPONSE_COLUMNS = (
    ("年度", "市が対応した年度（西暦の会計年度、4 月始まり）"), ("年度（和暦）", "令和の年度表記"),
    ("No", "計画の取組項目番号"), ("取組項目", "取組項目名"),
    ("審議会の意見", "前年度の評価で行政改革推進審議会から出された意見（委員名は載せません）。複数の意見は「 / 」で区切ります"),
    ("市の対応", "担当部署の回答。まだ回答がない項目は空欄"),
    ("回答した期", "回答が書かれた報告の期（例: 令和8年度上期）。まだ回答がない項目は空欄"),
)

# --- ledger.xlsx ---------------------------------------------------------------------------------------
LEDGER_SHEET_RESPONSES = "意見への対応"
