"""User-facing Japanese text: plan revisions (versions by period, plan diff, plan import)."""

# --- versions (plan.effective_from) --------------------------------------------------------------
REVISION_EFFECTIVE_FROM_BAD = "plan: 適用開始（effective_from）「{value}」を期間として読めません: {reason}"
REVISION_EFFECTIVE_FROM_OUTSIDE = "plan: 適用開始（effective_from）「{value}」（{period}）が計画期間の外です。"
REVISION_NO_VERSION = (
    "{period} に適用される計画の版がありません: 計画 {plan_id} 第{version}版は {start} から適用され、"
    "それより前の版はこの作業フォルダのアーカイブ（outbox/plans/）にありません。"
    "{period} の様式は、前の版の計画ファイルで作ってください（sheetflow.toml の plan を前の版に戻して forms を実行）。")
REVISION_CONFLICT = (
    "計画 {plan_id} 第{version}版の適用開始（{start}）より後の {periods} は、すでに第{merged}版の様式で台帳に反映されています。"
    "計画ファイル {path} の plan.effective_from を {next} 以降にしてください（何も変更していません）。")
# a period or fiscal year a command is given, outside the years of the workspace's plan (plan.versions.require_within)
PLAN_OUTSIDE = ("{what}は、計画「{title}」（{file}）の期間 {first}〜{last} の外です。"
                "この期間の中で指定してください（例: {example}）。")
PLAN_OUTSIDE_PERIOD = "期間「{period}」"
PLAN_OUTSIDE_YEAR = "年度「{year}」"
REVISION_PLAN_LABEL = "{plan_id} 第{version}版"
REVISION_PLAN_LABEL_FROM = "{plan_id} 第{version}版（{start}から適用）"

# --- plan diff -----------------------------------------------------------------------------------
DIFF_KINDS = {"added": "追加", "removed": "中止・削除", "content": "内容の変更", "schedule": "工程の確定・変更",
              "targets": "目標の変更", "owner": "担当の変更"}
DIFF_FIELD_LABELS = {
    "name": "項目名", "theme": "テーマ", "content": "取組内容", "goal": "到達目標", "digital": "デジタル",
    "continued": "前P継続", "effects": "効果", "pr": "PRポイント", "estimates": "効果額（見込）",
    "practices": "実践項目", "departments": "担当部署", "owner": "報告課", "related": "関係課",
    "citizen": "市民サービス", "fiscal": "財政効果", "efficiency": "業務効率化",
}
DIFF_COUNT = "{kind} {count}"
DIFF_SUMMARY = "{old} → {new}: 変更 {count} 件（{counts}）"
DIFF_NONE = "変更なし"
DIFF_YES = "○"
DIFF_NO = "なし"
DIFF_EMPTY = "（なし）"
DIFF_BEFORE_UNKNOWN = "（要確認）"
DIFF_BEFORE_UNKNOWN_NOTE = "要確認: 原資料は変更後の名称だけを挙げ、変更前の名称を書いていない"
DIFF_LINE = "[{kind}] No.{no} {name}{fields}"
DIFF_LINE_FIELDS = "（{fields}）"
DIFF_LINE_BEFORE = "    変更前: {text}"
DIFF_LINE_AFTER = "    変更後: {text}"
DIFF_LINE_NOTE = "    {text}"
DIFF_HEADERS = ("区分", "No.", "項目名", "変更した欄", "変更前", "変更後", "備考")
DIFF_SHEET = "計画の見直し"
DIFF_TITLE = "計画の見直し（{old} → {new}）"
DIFF_WRITTEN = "計画の見直しの一覧を {path} に書き出しました（{count} 件）。"

# --- CLI -----------------------------------------------------------------------------------------
CLI_PLAN_DIFF_HELP = "2つの版の計画ファイル（OLD → NEW）の違いを、取組項目ごとに区分（追加・中止・削除・内容の変更・工程の確定・変更・目標の変更・担当の変更）で示します。"
CLI_PLAN_DIFF_JSON_OPTION = "結果を JSON で出力します。"
CLI_PLAN_DIFF_OUT_OPTION = "審議会資料に添付する Excel ファイル（計画の見直し）を書き出します。"
DIFF_PRACTICES = "うち実践項目: {counts}"

# --- plan export / import (Excel) ----------------------------------------------------------------
PLAN_SHEET_NAMES = {"plan": "計画", "themes": "テーマ", "items": "項目", "kpis": "指標", "estimates": "効果額",
                    "confirm": "要確認", "practices": "実践項目", "prefixes": "凡例"}
PLAN_IMPORT_UNREADABLE = "{path} を Excel ブックとして読めません: {error}"
PLAN_IMPORT_NO_SHEET = "{path} にシート「{sheet}」がありません（sheetflow plan export で書き出したブックを使ってください）。何も書き出していません。"
PLAN_IMPORT_NO_COLUMNS = "{path} のシート「{sheet}」の1行目に列 {columns} がありません。何も書き出していません。"
PLAN_IMPORT_NO_YEARS = "{path} のシート「計画」の first_year・last_year が年（西暦）ではありません。何も書き出していません。"
PLAN_IMPORT_PROBLEMS = "{path} に {count} 件の誤りがあります（何も書き出していません）。"
PLAN_IMPORT_BAD_CELL = "シート「{sheet}」のセル {cell}: 「{value}」は{expected}である必要があります。"
PLAN_IMPORT_EXPECTED = {"int": "整数", "number": "数値", "bool": "○ か空欄", "text": "文字", "list": "文字",
                        "years": "年（西暦）を1行に1つ"}
PLAN_IMPORT_TRUE = ("○", "TRUE", "True", "true", "1")
PLAN_IMPORT_FALSE = ("FALSE", "False", "false", "0", "×")
PLAN_IMPORTED = "計画ファイル {path} を書き出しました（取組項目 {items} 件、指標 {kpis} 件）。"
CLI_PLAN_IMPORT_HELP = "plan export で書き出して Excel で直したブックを、計画ファイル（YAML）に読み戻します（plan check と同じ検査。誤りがあれば何も書き出しません）。"
CLI_PLAN_IMPORT_OUT_OPTION = "書き出す計画ファイル（YAML）。"
