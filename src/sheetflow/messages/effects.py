"""User-facing Japanese text: 効果額 (歳入増・歳出減, 千円), 達成度, 中止・対象外 (issue 14)."""

# --- the form: 進捗報告 columns ---------------------------------------------------------------------
# what the column asks for, by half (1 上期: the year's 見込, 2 下期: the year's 実績)
EFFECT_PERIOD_HEADERS = {
    1: {"revenue": "歳入増 見込（千円）", "saving": "歳出減 見込（千円）",
        "basis": "効果額の算定根拠", "grade": "達成度（下期）"},
    2: {"revenue": "歳入増 実績（千円）", "saving": "歳出減 実績（千円）",
        "basis": "効果額の算定根拠", "grade": "達成度"},
}
EFFECT_UNIT = "千円"
EFFECT_ERROR_TITLE = "効果額"
EFFECT_ERROR = "千円単位の 0 以上の整数を入力してください（例: 120万円 → 1200）。"
GRADE_ERROR_TITLE = "達成度"
GRADE_ERROR = "一覧の選択肢から選んでください: {labels}"
GRADE_ERROR_SHORT = "一覧の選択肢から選んでください。"
GUIDE_GRADE_HEAD = "達成度の選び方（下期のみ）"
GUIDE_GRADE_COLUMNS = ("達成度", "基準")
GUIDE_GRADE_H1 = "上期の様式では記入しません（灰色）。"
GUIDE_EFFECT_HEAD = "効果額の数え方"
GUIDE_EFFECT_LINES = (
    "効果額は、この取組によって今年度に生じた財政上の効果を千円単位の整数で記入します（上期は見込、下期は実績）。",
    "歳入増: 取組によって増えた収入（例: ふるさと納税の増加額、使用料の改定による増収、運用益）。",
    "歳出減: 取組を行わなかった場合と比べて減った支出（例: 委託の見直しによる減額、光熱水費の削減額）。",
    "効果がない・算定できない取組は空欄のままにしてください。0 と記入すると「効果 0 円」として集計します。",
    "「算定根拠」に計算の方法（単価×件数など）を簡潔に書いてください。",
)

# --- 達成度 (config) -------------------------------------------------------------------------------
GRADE_A, GRADE_B, GRADE_C, GRADE_D, GRADE_NONE = "A 目標以上", "B 目標どおり", "C 一部達成", "D 未達成", "ー 評価できない"
CONFIG_EXPECT_GRADES = "[[grades]] ごとに label（と description、rated）を書いてください"

# --- 中止・対象外 (statuses) ------------------------------------------------------------------------
STATUS_STOPPED, STATUS_NOT_APPLICABLE = "中止", "対象外"
GUIDE_NEEDS_REASON = "課題・今後の対応に{status}の理由（必須）"

# --- ledger ---------------------------------------------------------------------------------------
LEDGER_DB_OLDER = "台帳のデータベース {path} は前の版の形式（形式 {found}）です。「sheetflow merge」か「sheetflow rebuild」を一度実行すると、新しい欄（効果額・達成度、意見への対応）が加わった新しい形式になります。"
LEDGER_SHEET_EFFECTS = "効果額・達成度"  # ledger.xlsx: the current rows' 効果額 and 達成度, with provenance
# what forms of format 3 and 4 issued before the wording above showed: still read as these columns' headers
EFFECT_FORMER_HEADERS = {"revenue": ("歳入増 今年度見込（千円）", "歳入増 今年度実績（千円）"),
                         "saving": ("歳出減 今年度見込（千円）", "歳出減 今年度実績（千円）"),
                         "grade": ("達成度（下期に記入）",)}

# --- report workbook: 効果額・達成度 sheets -----------------------------------------------------------
REPORT_EFFECTS_SHEET = "効果額・達成度"
REPORT_EFFECTS_TITLE = "効果額と達成度（{period}）"
REPORT_EFFECTS_NOTE_H1 = "上期の効果額は各課の今年度見込です。累計は前年度までの下期実績に今年度見込を加えたものです。"
REPORT_EFFECTS_NOTE_H2 = "下期の効果額は各課の今年度実績です。累計は計画期間（{first}〜{last}）の下期実績の合計です。"
REPORT_EFFECTS_HEADING = "効果額（千円）"
# the year's amount and the plan's estimate over several years side by side: each header says which is which
REPORT_EFFECTS_HEADERS = ("テーマ", "歳入増", "歳出減", "今年度の{kind}（{year}）", "累計（{first}〜{year}）",
                          "計画の見込額（複数年度の総額）", "記入項目数")
REPORT_EFFECTS_KIND = {1: "見込", 2: "実績"}
REPORT_EFFECTS_ESTIMATES = ("計画の見込額は計画書に記載された効果見込（{count} 項目）で、今年度の額ではなく、"
                            "記載された年度の総額です（年額の見込は年数を掛けた額）: {items}")
REPORT_EFFECTS_NO_ESTIMATES = "計画書には効果見込（計画の見込額）の記載がありません。"
REPORT_EFFECTS_ESTIMATE_ITEM = "No.{no} {amount:,} 千円（{span}）"
REPORT_EFFECTS_SPAN = {"year": "年額。{first}〜{last}の {years} 年で {total:,} 千円", "total": "{first}〜{last}の総額"}
REPORT_EFFECTS_AT_LEAST = "以上"
REPORT_EFFECTS_NONE = "この期間に効果額の記入はありません。"
REPORT_EFFECTS_ITEMS_HEADING = "効果額を記入した項目"
REPORT_EFFECTS_ITEMS_HEADERS = ("項目", "担当部署", "歳入増", "歳出減", "計", "算定根拠")
REPORT_EFFECTS_ITEM = "No.{no} {name}"
REPORT_GRADES_HEADING = "達成度（項目数）"
REPORT_GRADES_NONE_H1 = "達成度は下期（年度末）に記入します。"
REPORT_GRADES_PREVIOUS = "前年度比"
REPORT_GRADES_FIRST_YEAR = "{year}は計画の初年度のため、前年度比はありません（「{none}」）。"
REPORT_GRADES_NOT_GIVEN = "未記入"
REPORT_STOPPED_HEADING = "{labels}の項目（{count} 件、取組中の項目数から除く）"
REPORT_STOPPED_HEADERS = ("項目", "担当部署", "{labels}の理由")
REPORT_STOPPED_NONE = "{labels}の項目はありません。"
REPORT_ACTIVE_ITEMS = "取組中の項目 {active} 件（全 {total} 件のうち{labels} {stopped} 件を除く）"
REPORT_STOPPED_LABEL_SEPARATOR = "・"  # the statuses counted apart (選択肢 別計上): 中止・休止

# --- report workbook: 計画期間の推移 -----------------------------------------------------------------
REPORT_TREND_SHEET = "計画期間の推移"
REPORT_TREND_TITLE = "計画期間の推移（{first}〜{last}、各年度の下期。{period} 時点）"
REPORT_TREND_NOTE = "各年度の下期（年度末）の報告です。まだ報告のない年度は空欄です。指標は「実績 / 目標」、効果額は千円（歳入増＋歳出減）。"
REPORT_TREND_FIXED = ("No.", "項目名", "担当部署")
REPORT_TREND_PER_YEAR = ("進捗状況", "達成度", "指標 実績/目標", "効果額")
REPORT_TREND_KPI = "{key}: {actual} / {target}"
REPORT_TREND_SUMMARY = "計画期間（5年間）のまとめ"
REPORT_TREND_SUMMARY_TOTAL = "効果額の合計（{first}〜{last}）: {total:,} 千円（歳入増 {revenue:,} 千円、歳出減 {saving:,} 千円）"
REPORT_TREND_SUMMARY_GRADES = "最終年度の達成度: {counts}"
REPORT_TREND_COUNT = "{label} {count} 件"

# --- the demo's departments (demo.fill) --------------------------------------------------------------
DEMO_EFFECT_BASIS = ("前年度比の増収額", "委託料の見直しによる減額", "単価×件数で算定", "光熱水費の削減額（前年度比）")
