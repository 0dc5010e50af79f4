"""User-facing Japanese text: master ledger (merge / rebuild / status)."""

# --- ledger --------------------------------------------------------------------------------------
# Results of one file in the submission log (提出履歴) and the merge summary.
RESULT_ACCEPTED = "受理"
RESULT_ACCEPTED_OLD = "受理（旧版）"  # accepted, but an already merged file of the same department is newer
RESULT_RETURNED = "差戻し"
RESULT_UNREADABLE = "読めない"
RESULT_KNOWN = "取込済み"
RESULT_DUPLICATE = "取込済み（重複）"
RESULT_OTHER_PERIOD = "保留"  # another period's form: not merged, left in inbox/ (shown again on every merge)
LEDGER_LOCK_BUSY = "別の sheetflow の処理（{holder}）が台帳を更新中です。終わってからもう一度実行してください（ロックファイル: {path}）。その処理がもう動いていないことを確かめたら、sheetflow unlock でロックを解除できます。"
LEDGER_LOCK_STALE = "前回の処理（{holder}）が途中で終了していたため、残っていたロックを引き継ぎました: {path}"
LEDGER_LOCK_HOLDER = "コンピューター {host}、ユーザー {user}、プロセス {pid}、{since} 開始"
LEDGER_UNLOCK_NONE = "ロックはありません（{path}）。"
LEDGER_UNLOCK_HELD = "ロックを持っている処理: {holder}（{path}）"
LEDGER_UNLOCK_ASK = "その処理がもう動いていないことを確かめてから、sheetflow unlock --yes で解除してください。"
LEDGER_UNLOCK_DONE = "ロックを解除しました（{holder}）: {path}"
LEDGER_RETURN_IN_USE = "差戻しファイル {path} が Excel などで開かれているため、今回は更新しませんでした（ほかの部署の取り込みは続けました）。閉じてから merge をもう一度実行すると作り直します。"
LEDGER_NOT_A_FILE = "同じ名前のフォルダがあります"
LEDGER_UNWRITABLE = "台帳 {path} に書き込めません（{error}）。Excel などで開いている場合は閉じ、読み取り専用になっていないか確かめてから、もう一度実行してください。何も変更していません。"
LEDGER_WRITE_FAILED = "台帳 {path} を書き込めませんでした（{error}）。取り込んだ内容はデータベース {db} に反映済みで、前の台帳はそのまま残っています。原因を取り除いてから sheetflow merge（または sheetflow rebuild）を実行すると台帳を書き直します。"
LEDGER_DB_FAILED = "台帳のデータベース {path} を更新できませんでした（{error}）。今回の取り込みはすべて取り消しました。"
LEDGER_DB_NEWER = "台帳のデータベース {path} は新しい版の sheetflow で作られています（形式 {found}、対応 {supported}）。sheetflow を更新してください。"
LEDGER_DB_UNREADABLE = "台帳のデータベース {path} を読めません（{error}）。sheetflow rebuild でアーカイブから作り直せます。"
LEDGER_INBOX_MISSING = "受付フォルダ {path} がありません。返送されたファイルを置くフォルダを作ってください。"
LEDGER_NO_LEDGER = "台帳がまだありません。sheetflow merge で返送ファイルを取り込んでください。"
LEDGER_PROGRESS = "取り込み中"
LEDGER_SUMMARY = "受理 {accepted} 件 / 差戻し {returned} 件 / 取込済み {known} 件 / 読めない {unreadable} 件 / 保留 {other} 件"
LEDGER_SUMMARY_DEPT = "  {dept}: {results}"
LEDGER_SUMMARY_NO_DEPT = "（部署不明）"
LEDGER_NOTHING_NEW = "新しいファイルはありません。台帳は変わっていません: {path}"
LEDGER_WRITTEN = "台帳を更新しました: {path}（現在の行 {rows} 件、指標 {kpis} 件、履歴 {history} 件、提出履歴 {log} 件）"
LEDGER_RETURN_WRITTEN = "差戻しファイルを作成しました: {path}"
LEDGER_RETURN_WRITTEN_FOR = "    差戻しファイルを作成しました: {path}"
LEDGER_FILE_HEAD = "{result}  {dept}  {name}"
LEDGER_FILE_NOTE = "    {note}"
LEDGER_OLDER_FILE = "{name}: 同じ部署のより新しい提出（{newer}）が取込済みのため、旧版として履歴に記録しました。"
LEDGER_OTHER_PERIOD = "{name}: {found} の様式のため取り込まず、inbox/ に残しました（今回の期間: {period}）。{found} に取り込むときは {command} を実行します。"
LEDGER_HELD_FINISHED = "{name}: {found} の様式です。{found} は締め切り済みのため取り込まず、inbox/ に残しました（今の期間: {period}）。部署には {period} の様式で送り直すよう伝えるお知らせを作りました。{found} の報告を訂正するときは {command} を実行します。"
LEDGER_HELD_PUBLISHED = "{name}: {year}は公表済みのため取り込まず、inbox/ に残しました。公表済みの年度の報告を訂正するときは sheetflow merge --period {code} --reopen を実行します（誰がいつ訂正したかを台帳に記録し、次の publish で公表ページに改訂を示します）。"
LEDGER_PUBLISHED_REFUSED = "{year}は公表済みです（{published}）。{period} の報告を変えるときは --reopen を付けて sheetflow merge --period {code} --reopen を実行してください（誰がいつ訂正したかを台帳に記録し、次の publish で公表ページに改訂を示します）。何も変更していません。"
LEDGER_PUBLISHED_BY = "{at}、{user}"
LEDGER_PUBLISHED_FOLDER = "公表用ファイル {path} があります"
LEDGER_REOPEN_UNNEEDED = "{year}はまだ公表していないため、--reopen は不要でした。"
LEDGER_REOPENED = "公表済みの年度の {period} を訂正しました（{at}、{user}。台帳に記録しました）。sheetflow publish --year {fiscal} で公表ページを改訂版として書き直してください。"
LEDGER_REPLACES = "{period} の {dept} の受理済みの提出「{name}」（受付 {received}）を置き換えました。前の内容は履歴に移りました。"
LEDGER_NOTICE_WRITTEN_FOR = "    部署へのお知らせを作成しました: {path}"
LEDGER_NOTICE_IN_USE = "お知らせ {path} が Excel などで開かれているため、今回は更新しませんでした。閉じてから merge をもう一度実行すると作ります。"
LEDGER_HELD_HEAD = "inbox/ で保留中のファイル（前回の merge の時点）: {count} 件"
LEDGER_HELD_LINE = "  保留  {dept}  {name}  {found} の様式（{command} で取り込みます）"
LEDGER_CORRECT = "sheetflow merge --period {code}"
LEDGER_CORRECT_REOPEN = "sheetflow merge --period {code} --reopen"
LEDGER_INTERRUPTED_SAVED = "中断しました。ただし、今回の {count} 件のファイル（受理 {accepted} 件、差戻し・読めない {returned} 件）は台帳のデータベース {db} に反映済みです。ledger.xlsx と報告書は次の sheetflow merge で更新します（報告書は sheetflow report でも作り直せます）。ファイルごとの結果は次の sheetflow merge か sheetflow status で表示します。"
LEDGER_INTERRUPTED_HEAD = "前回中断した merge（{at} 受付）のファイルごとの結果: {count} 件"
LEDGER_INTERRUPTED_LINE = "  {result}  {dept}  {name}（エラー {errors} 件、注意 {warnings} 件）"
LEDGER_MISSING_HEAD = "{period} の未提出: {count} 部署"
LEDGER_MISSING_LINE = "  {depts}"
LEDGER_MISSING_RETURNED = "{dept}（差戻し）"
LEDGER_FILE_CHANGED = "{name}: 確認中にファイルが保存し直されたため、今回は取り込みませんでした。次の merge で取り込みます。"
LEDGER_KNOWN_NOTE = "（前回の結果: {result}）"
LEDGER_ALL_SUBMITTED = "{period}: すべての部署（{count}）から受理済みです。"
LEDGER_REPORT_WRITTEN = "報告書を作成しました: {path}"
LEDGER_REPORT_FAILED = "報告書を作成できませんでした（{error}）。台帳への反映は完了しています。"
LEDGER_REBUILT = "アーカイブ（受理 {accepted} 件、差戻し等の記録 {returned} 件）から台帳を作り直しました: {path}"
LEDGER_REBUILD_UNREADABLE = "アーカイブのファイル {path} を受理済みとして読み直せないため、作り直しを中止しました（台帳は元のままです）。{reason}"
LEDGER_REBUILD_BAD_RECEIPT = "アーカイブの受付記録 {path} を読めません（{error}）。"
LEDGER_REBUILD_BAD_EVENT = "アーカイブの公表・訂正の記録 {path} を読めません（{error}）。作り直しを中止しました（台帳は元のままです）。"
LEDGER_STATUS_TITLE = "{period} の提出状況（{count} 部署）"
LEDGER_STATUS_COUNTS = "提出済 {submitted} / 再提出 {resubmitted} / 差戻し {returned} / 未提出 {missing}"
LEDGER_STATUS_COLUMNS = ("担当部署", "状況", "初回受付", "最終受付", "受理", "差戻し")
LEDGER_PERIOD_UNKNOWN = "台帳に {period} のデータはありません（台帳にある期間: {periods}）。"
# The auditors' workbook (ledger.xlsx)
LEDGER_BOOK_TITLE = "進捗報告 台帳"
LEDGER_SHEET_CURRENT = "台帳"
LEDGER_SHEET_KPIS = "指標"
LEDGER_SHEET_HISTORY = "履歴"
LEDGER_SHEET_KPI_HISTORY = "指標履歴"
LEDGER_SHEET_LOG = "提出履歴"
LEDGER_SHEET_STATUS = "提出状況"
LEDGER_PROVENANCE_HEADERS = ("提出ファイル", "SHA-256", "受付日時", "ファイル更新日時", "様式作成日時", "様式版",
                             "計画版", "sheetflow版")
# the columns before the fields (each field's header is the definition's 見出し, or LEDGER_FIELD_HEADERS')
LEDGER_ITEM_HEADERS = ("期間", "期間（和暦）", "No.", "項目名", "担当部署")
LEDGER_KPI_HEADERS = ("期間", "期間（和暦）", "指標No.", "No.", "項目名", "担当部署", "指標名", "単位",
                      "今年度の目標値", "累計の目標値")
# built-in fields whose ledger.xlsx header is shorter than the form's (the form's says more to the one typing)
LEDGER_FIELD_HEADERS = {"phone": "連絡先", "revenue": "歳入増（千円）", "saving": "歳出減（千円）"}
LEDGER_REPLACED_HEADERS = ("置換日時", "置換ファイルの SHA-256")
LEDGER_LOG_HEADERS = ("受付日時", "期間", "担当部署", "結果", "エラー", "注意", "提出ファイル", "受付フォルダ内の場所",
                      "ファイル更新日時", "保存日時", "サイズ（バイト）", "様式作成日時", "SHA-256")
LEDGER_STATUS_HEADERS = ("期間", "期間（和暦）", "担当部署", "提出状況", "初回受付", "最終受付", "受理ファイル数",
                         "差戻しファイル数")
LEDGER_PLAN_VERSION = "{plan_id} 第{version}版"
LEDGER_PAGE_HEADER = "{title}　{sheet}"
LEDGER_FOOTER = "&L{created}&C&P / &N ページ&R&A"  # xlsxwriter codes: &P page, &N pages, &A sheet
LEDGER_FOOTER_CREATED = "作成 {at}"

# submission status per (period, department), as the ledger stores and shows it
LEDGER_SUBMITTED, LEDGER_RESUBMITTED, LEDGER_RETURNED, LEDGER_MISSING = "提出済", "再提出", "差戻し", "未提出"
LEDGER_DB_MISSING = "台帳データベースがありません"
