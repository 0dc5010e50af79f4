"""`sheetflow plan check | export | diff`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from sheetflow import messages as msg
from sheetflow.cli.app import CONTEXT, ProgressGroup, env, handle_errors, main


def plan_cache() -> Path | None:
    """The workspace's plan cache; None outside a workspace (plan files given by name are read without one)."""
    from sheetflow.plan.load import plan_cache_dir

    cfg = env().workspace
    return plan_cache_dir(cfg) if cfg is not None else None


@main.group(cls=ProgressGroup, context_settings=CONTEXT, help=msg.CLI_PLAN_HELP)
def plan() -> None:
    pass


@plan.command("check", context_settings=CONTEXT,
              help=msg.CLI_PLAN_CHECK_HELP)
@click.option("--plan", "plan_file", type=click.Path(dir_okay=False, path_type=Path),
              help=msg.CLI_PLAN_CHECK_PLAN_OPTION)
@handle_errors
def check(plan_file: Path | None) -> None:
    from sheetflow.plan.export import summary_lines
    from sheetflow.plan.load import check_plan
    from sheetflow.plan.model import PlanError

    path = plan_file or env().config.plan_path
    result = check_plan(path, plan_cache())
    for line in summary_lines(result.plan):
        click.echo(line)
    for note in result.gaps:
        click.echo(msg.WARNING_PREFIX + note)
    if result.problems:
        raise PlanError(path, result.problems)  # lists every problem → exit 2
    click.echo(msg.PLAN_OK)


@plan.command("export", context_settings=CONTEXT, help=msg.CLI_PLAN_EXPORT_HELP)
@click.option("--plan", "plan_file", type=click.Path(dir_okay=False, path_type=Path), help=msg.CLI_PLAN_EXPORT_PLAN_OPTION)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help=msg.CLI_PLAN_EXPORT_OUT_OPTION)
@handle_errors
def export(plan_file: Path | None, out: Path | None) -> None:
    from sheetflow.plan.export import export_plan
    from sheetflow.plan.load import load_plan

    plan_ = load_plan(plan_file or env().config.plan_path, plan_cache())
    out = out or env().config.outbox_dir / msg.CLI_PLAN_EXPORT_FILE.format(plan_id=plan_.id)
    export_plan(plan_, out)
    click.echo(msg.PLAN_EXPORTED.format(path=out, items=len(plan_.items), kpis=len(plan_.kpis)))


@plan.command("diff", context_settings=CONTEXT, help=msg.CLI_PLAN_DIFF_HELP)
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help=msg.CLI_PLAN_DIFF_JSON_OPTION)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help=msg.CLI_PLAN_DIFF_OUT_OPTION)
@handle_errors
def diff(old: Path, new: Path, as_json: bool, out: Path | None) -> None:
    from sheetflow.plan.diff import compare_files, diff_lines, write_diff

    result = compare_files(old, new, plan_cache())
    if out is not None:
        write_diff(result, out)
    if as_json:
        from sheetflow.ground.console import write_json

        write_json(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    for line in diff_lines(result):
        click.echo(line)
    if out is not None:
        click.echo(msg.DIFF_WRITTEN.format(path=out, count=len(result.changes)))


@plan.command("import", context_settings=CONTEXT, help=msg.CLI_PLAN_IMPORT_HELP)
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help=msg.CLI_PLAN_IMPORT_OUT_OPTION)
@handle_errors
def import_(source: Path, out: Path) -> None:
    from sheetflow.plan.excel import import_plan

    result = import_plan(source, out)
    click.echo(msg.PLAN_IMPORTED.format(path=out, items=len(result.items), kpis=len(result.kpis)))
