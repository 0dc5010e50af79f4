"""User-facing Japanese text: department workbooks (forms)."""

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
FORMS_SCHEDULE_UNCLEAR = "（工程は原資料で確認中）"
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
    "「進捗報告」シートで、取組項目ごとに黄色のセル（{columns}）を記入してください。",
    "「進捗状況」はセルを選ぶと表示される一覧から選んでください。選び方は下の表のとおりです。",
    "「指標実績」シートで、指標ごとに黄色のセル（{kpi_columns}）を記入してください。実績値は今期末時点の値を数値だけで記入します（単位は「単位」列のとおりです）。",
    "灰色のセルは計画と前回の報告から転記した内容です。誤りに気づいたときは変更せず、「課題・今後の対応」や「備考」に書くか、問い合わせ先へご連絡ください。",
    "右端の灰色の列「前回の課題・今後の対応」には前回報告された課題を転記してあるので、その課題への今回の対応を「今期の取組実績」または「課題・今後の対応」に記入してください。",
    "記入が終わったら上書き保存し、提出期限までに返送してください（返送の方法は下のとおりです）。",
)
FORMS_GUIDE_STEP_NO_KPIS = "この部署の取組項目には数値指標がないため、「指標実績」シートの記入は不要です。"
FORMS_GUIDE_COLUMN_SEPARATOR = "、"  # between the headers of the yellow columns a step lists
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
FORMS_ALL_EXIST = "様式 {count} 件はすべて既に書き出してあります: {folder}\nどれも上書きしていません。書き直すには --force を付けてください。"
FORMS_SKIPPED = "既にあるため上書きしなかった様式が {count} 件あります（上書きするには --force を付けてください）: {names}"

# --- workbook layout (forms.layout): sheet names, column headers, cell prompts ------------------------
FORMS_GUIDE_SHEET = "記入方法"
FORMS_REPORT_SHEET = "進捗報告"
FORMS_KPI_SHEET = "指標実績"
FORMS_REPORT_HEADERS = {
    "no": "No.", "theme": "テーマ", "name": "項目名", "content": "取組内容", "goal": "到達目標",
    "plan": "今年度の取組予定", "prev_status": "前回の進捗状況", "prev_result": "前回の取組実績",
    "status": "進捗状況", "result": "今期の取組実績", "issues": "課題・今後の対応", "reporter": "記入者",
    "phone": "連絡先（内線）", "prev_issues": "前回の課題・今後の対応",
}
FORMS_KPI_HEADERS = {
    "kpi_key": "指標No.", "no": "No.", "name": "項目名", "kpi": "指標名", "unit": "単位",
    "direction": "目標の向き", "target": "今年度の目標値", "cumulative": "累計の目標値",
    "prev_actual": "前回の実績値", "actual": "実績値", "remark": "備考",
    "kind": "種類", "goal": "到達目標", "baseline": "基準値",
}
FORMS_KPI_GOAL = "{year}年度 {value}"
FORMS_KPI_TENTATIVE = "（括弧書きの暫定値）"
FORMS_KPI_CONFIRM = "（読み方は確認中）"
FORMS_DIRECTION_LABELS = {"up": "増やす", "down": "減らす"}
FORMS_FILENAME_SAFE = {"\\": "＼", "/": "／", ":": "：", "*": "＊", "?": "？", '"': "＂", "<": "＜", ">": "＞",
                       "|": "｜"}  # characters Windows forbids in file names → full-width look-alikes
FORMS_BY_KA, FORMS_BY_BU = "課", "部"
FORMS_LABEL_SEPARATOR = "・"
# forms refuses to send forms with the placeholder deadline / contact (forms.workbook.refuse_placeholders)
FORMS_PLACEHOLDERS = "様式に載る設定が仮の文のままのため、様式を作りませんでした。\n{lines}"
FORMS_PLACEHOLDER_LINE = "  {key}（{name}）: 「{value}」"
FORMS_PLACEHOLDER_FILE = "\n設定ファイル {file} に実際の値を書いてから、もう一度実行してください（仮の文のまま作るときは --force）。"
FORMS_PLACEHOLDER_NO_FILE = ("\n設定ファイルがありません。sheetflow init --contact \"…\" --deadline \"…\" で {folder} に作ってから、"
                             "もう一度実行してください（仮の文のまま作るときは --force）。")
# where a column header may break onto a new line (forms.sheets.header_text): after these, before these
FORMS_HEADER_BREAK_AFTER = "の・、 "
FORMS_HEADER_BREAK_BEFORE = "（版"
