"""`sheetflow plan check | export`."""

from __future__ import annotations

from pathlib import Path

import click

from sheetflow import messages as msg
from sheetflow.cli.app import CONTEXT, env, handle_errors, main


@main.group(context_settings=CONTEXT, help="計画マスタ（取組項目・担当部署・指標）の確認と書き出し。")
def plan() -> None:
    pass


@plan.command("check", context_settings=CONTEXT,
              help="計画ファイルを検査し、テーマ別・担当部署別の項目数と指標数を表示します。誤りがあれば終了コード 2。")
@click.option("--plan", "plan_file", type=click.Path(dir_okay=False, path_type=Path),
              help="計画ファイル（YAML）。省略時は設定ファイルの plan、なければ同梱の苫小牧市プラン。")
@handle_errors
def check(plan_file: Path | None) -> None:
    from sheetflow.plan.export import summary_lines
    from sheetflow.plan.load import check_plan, plan_cache_dir
    from sheetflow.plan.model import PlanError

    cfg = env().config
    path = plan_file or cfg.plan_path
    result = check_plan(path, plan_cache_dir(cfg))
    for line in summary_lines(result.plan):
        click.echo(line)
    for note in result.gaps:
        click.echo(msg.WARNING_PREFIX + note)
    if result.problems:
        raise PlanError(path, result.problems)  # lists every problem → exit 2
    click.echo(msg.PLAN_OK)


@plan.command("export", context_settings=CONTEXT, help="計画を確認用の Excel ファイルに書き出します。")
@click.option("--plan", "plan_file", type=click.Path(dir_okay=False, path_type=Path), help="計画ファイル（YAML）。")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="出力先。省略時は outbox/<計画ID>_計画一覧.xlsx")
@handle_errors
def export(plan_file: Path | None, out: Path | None) -> None:
    from sheetflow.plan.export import export_plan
    from sheetflow.plan.load import load_plan, plan_cache_dir

    cfg = env().config
    plan_ = load_plan(plan_file or cfg.plan_path, plan_cache_dir(cfg))
    out = out or cfg.outbox_dir / f"{plan_.id}_計画一覧.xlsx"
    export_plan(plan_, out)
    click.echo(msg.PLAN_EXPORTED.format(path=out, items=len(plan_.items), kpis=len(plan_.kpis)))
