"""`sheetflow report | publish`: the period report workbook and the yearly public disclosure."""

from __future__ import annotations

from pathlib import Path

import click

from sheetflow import messages as msg
from sheetflow.cli.app import CONTEXT, PERIOD, env, handle_errors, main
from sheetflow.ground.periods import Period


@main.command("report", context_settings=CONTEXT, help="""期間の進捗状況報告書（Excel）を作ります。

\b
台帳と計画から、概要（グラフ付き）・テーマ別・指標・遅れ・前回からの変化・提出状況の
6 シートの報告書を outbox/reports/<期間>_進捗状況報告.xlsx に書き出します。
merge のたびに自動で作り直されるので、通常は手で実行する必要はありません。""")
@click.option("--period", type=PERIOD, required=True, help="報告の期間（例: 2025H1、R7上期、令和7年度下期）。")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="出力先のファイル。省略時は outbox/reports/<期間>_進捗状況報告.xlsx")
@handle_errors
def report(period: Period, out: Path | None) -> None:
    from sheetflow.ledger.query import open_ledger
    from sheetflow.plan.load import workspace_plan
    from sheetflow.report.workbook import report_for_period

    cfg = env().config
    plan = workspace_plan(cfg)
    ledger = open_ledger(cfg)
    if not ledger.exists:
        click.echo(msg.WARNING_PREFIX + msg.REPORT_NO_LEDGER.format(path=ledger.path), err=True)
    path, data = report_for_period(cfg, plan, period, out)
    r = data.rates
    click.echo(msg.REPORT_WRITTEN.format(path=path))
    click.echo(msg.REPORT_SUMMARY_LINE.format(submitted=r.submitted, recipients=r.recipients, reported=r.reported,
                                              items=r.items, behind=len(data.behind)))


@main.command("publish", context_settings=CONTEXT, help="""年度の取組結果を公表用の HTML と CSV に書き出します（下期の後）。

\b
その年度の下期（3月31日現在）の報告を使い、下期の報告がない項目は上期の報告を「上期時点」として載せます。
index.html（外部ファイル不要の1ページ）、<年度>_items.csv（1行 = 1取組項目）、
<年度>_kpis.csv（1行 = 1指標）、<年度>_columns.md（列の説明）を書き出します。
記入者の氏名と内線番号は公表用ファイルに含めません。
下期の報告が1件もないときは何も書かずに終了コード 1。""")
@click.option("--year", type=click.IntRange(1989, 2200), required=True, metavar="年度", help="年度（西暦。例: 2025 = 令和7年度）。")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="出力先のフォルダ。省略時は outbox/publish/<年度>/")
@handle_errors
def publish(year: int, out: Path | None) -> None:
    from sheetflow.plan.load import workspace_plan
    from sheetflow.report.publish import publish_year

    cfg = env().config
    plan = workspace_plan(cfg)
    result = publish_year(cfg, plan, year, out)
    click.echo(msg.PUBLISH_WRITTEN.format(folder=result.folder))
    for path in result.paths:
        click.echo(f"  {path.name}")
    click.echo(msg.PUBLISH_SUMMARY.format(
        items=len(result.publication.items), h2=result.count(msg.PUBLISH_SOURCE_H2),
        h1=result.count(msg.PUBLISH_SOURCE_H1), missing=result.count(msg.NOT_REPORTED),
        kpis=len(result.publication.kpis)))
