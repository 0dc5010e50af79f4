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
