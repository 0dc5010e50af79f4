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
# a department's answer in the ledger (survey_status)
SURVEY_STATUS_ANSWERED = "回答済"
SURVEY_STATUS_AGAIN = "再回答"  # a newer accepted file replaced an earlier one
SURVEY_STATUS_RETURNED = "差戻し"  # the latest file was refused
SURVEY_STATUS_NONE = "未回答"
# the 差戻し workbook of a survey answer: the facts at the top of its 指摘事項 sheet
SURVEY_RETURN_FACT_LABELS = ("部署", "照会", "回答期限", "照会元・問い合わせ", "指摘の数")
