"""`sheetflow demo`: the whole year on the built-in plan, in a new workspace folder."""

from __future__ import annotations

import time
from pathlib import Path

import click

from sheetflow import messages as msg
from sheetflow.cli.app import CONTEXT, handle_errors, main


def _runner(folder: Path):
    """Run a sheetflow command in the demo workspace exactly as typed on the command line."""

    def run(args: list[str]) -> int:
        click.echo(msg.DEMO_COMMAND.format(command=" ".join(["sheetflow", *args])))
        try:
            main.main(["-C", str(folder), *args], prog_name="sheetflow", standalone_mode=False)
        except SystemExit as exc:
            return int(exc.code or 0)
        return 0

    return run


@main.command("demo", context_settings=CONTEXT, help="""同梱の苫小牧市プランで1年分（上期・下期）を通して実行する体験用コマンドです。

\b
新しい作業フォルダ（既定: ./demo）に設定ファイルを作り、様式の作成 → 架空の各課による記入と返送
（記入ミスや未提出、LibreOffice での保存を含む）→ merge → 差戻しの修正と再提出 → merge →
報告書、を上期・下期について行い、最後に年度の公表用ファイルを作ります。""")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", type=int, default=7, show_default=True, help="架空の各課の記入内容を決める乱数の種。")
@click.option("--force", is_flag=True, help="空でないフォルダでも、その inbox/・outbox/ を作り直して実行します。")
@handle_errors
def demo(folder: Path | None, seed: int, force: bool) -> None:
    from sheetflow.demo.run import run_demo

    folder = (folder or Path("demo")).resolve()
    started = time.perf_counter()
    record = run_demo(folder, seed, force, _runner, lambda line: click.secho(line, bold=True))
    click.echo(msg.DEMO_DONE.format(seconds=time.perf_counter() - started))
    for period, rec in record.periods.items():
        click.echo(msg.DEMO_PERIOD_SUMMARY.format(
            period=period, submitted=len(rec.submitted) + len(rec.wrong_period), refused=len(rec.refused),
            fixed=len(rec.fixed), skipped=len(rec.skipped), lo=len(rec.libreoffice)))
    out = folder / "outbox"
    click.echo(msg.DEMO_OPEN_FIRST)
    for path in (out / "reports" / "2025H2_進捗状況報告.xlsx", out / "ledger.xlsx",
                 out / "publish" / "2025" / "index.html", out / "returns", out / "forms" / "2025H2"):
        click.echo(f"  {path}")
