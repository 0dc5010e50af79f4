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


@main.command("demo", context_settings=CONTEXT, help=msg.CLI_DEMO_HELP)
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", type=int, default=7, show_default=True, help=msg.CLI_DEMO_SEED_OPTION)
@click.option("--force", is_flag=True, help=msg.CLI_DEMO_FORCE_OPTION)
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
    click.echo(msg.DEMO_OPEN_FIRST)
    for path in open_first(folder):
        click.echo(f"  {path}")


def open_first(folder: Path) -> list[Path]:
    """What the demo says to open first, where the workspace's folders are (ground.config.Config)."""
    from sheetflow.ground.config import Config
    from sheetflow.ground.periods import Period
    from sheetflow.ledger.store import BOOK_NAME
    from sheetflow.report.public import file_names
    from sheetflow.report.workbook import report_path

    cfg, h2 = Config(root=folder), Period(2025, 2)
    return [report_path(cfg, h2), cfg.outbox_dir / BOOK_NAME, cfg.publish_dir(h2.year) / file_names(h2.year)["html"],
            cfg.returns_dir, cfg.forms_dir(h2)]
