"""intake end to end: which files are checked, the inbox left untouched, robustness, the real plan, the CLI."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
from pathlib import Path

import badfiles as B
import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sheetflow.cli import main
from sheetflow.ground.config import Config
from sheetflow.ground.periods import Period
from sheetflow.intake import checks, returns
from sheetflow.intake import files as intake_files
from sheetflow.intake import pool as intake_pool
from sheetflow.intake import read as intake

KNOWN_CODES = set(re.findall(r"\b[a-z]+\.[a-z_]+\b", checks.__doc__))


@pytest.fixture
def cfg(workspace: Config) -> Config:
    return workspace


def bad_folder(inbox: Path, plan, cfg) -> dict[str, str]:
    """An inbox mixing good and every kind of bad file; name → expected result."""
    good = B.good(plan, cfg)
    files = {
        "財政課/財政課_記入済.xlsx": (good, "accepted"),
        "議会事務局.xlsx": (B.fill(B.form(plan, cfg, dept="議会事務局"),
                               {4: {"status": "完了", "result": "実施", "reporter": "佐藤"}}), "accepted"),
        "空.xlsx": (b"", "unreadable"),
        "古い.xls": (B.xls(), "unreadable"),
        "暗号化.xlsx": (B.encrypted_xlsx(), "unreadable"),
        "一覧.csv": (B.csv_text(), "unreadable"),
        "マクロ.xlsm": (B.xlsm(good), "unreadable"),
        "拡張子なし": (B.random_binary(), "unreadable"),
        "爆弾.xlsx": (B.zip_of_zeros({"xl/a.xml": 10 << 20}), "unreadable"),
        "xxe.xlsx": (B.with_doctype(B.form(plan, cfg), "xl/sharedStrings.xml",
                                    B.XXE[0].format(target="/etc/passwd"), B.XXE[1]), "unreadable"),
        "シート名変更.xlsx": (B.rename_sheet(good, "進捗報告", "報告"), "returned"),
        "未記入.xlsx": (B.fill(B.form(plan, cfg), {}, {}), "returned"),
        "下期.xlsx": (B.fill(B.form(plan, cfg, period=Period(2025, 2)), B.GOOD_REPORTS, B.GOOD_KPIS), "returned"),
    }
    for name, (data, _) in files.items():
        B.write(inbox, name, data)
    B.write(inbox, "~$財政課_記入済.xlsx", b"lock")
    B.write(inbox, ".隠し.xlsx", good)
    B.write(inbox, ".git/HEAD", b"ref: refs/heads/main")  # hidden folders are not searched (no note)
    B.write(inbox, ".~lock.財政課_記入済.xlsx#", b"lock")
    B.write(inbox, "メモ.docx", b"not a returned file")
    return {Path(n).name: r for n, (_, r) in files.items()}


def test_collect_files_recursive_sorted_and_skipping(tmp_path, mini_plan, cfg) -> None:
    expected = bad_folder(tmp_path / "inbox", mini_plan, cfg)
    files, skipped = intake_files.scan_paths([tmp_path / "inbox"])
    assert sorted(p.name for p in files) == sorted(expected)
    assert files == sorted(files)
    assert intake_files.collect_files([tmp_path / "inbox"]) == files
    notes = {p.name: note for p, note in skipped}
    assert set(notes) == {"~$財政課_記入済.xlsx", ".隠し.xlsx", ".~lock.財政課_記入済.xlsx#"}
    assert notes["~$財政課_記入済.xlsx"].startswith("Excel の一時ファイルのため読み飛ばしました: ")
    assert notes[".隠し.xlsx"].startswith("隠しファイルのため読み飛ばしました: ")


def test_check_files_mixed_folder(tmp_path, mini_plan, cfg) -> None:
    expected = bad_folder(tmp_path / "inbox", mini_plan, cfg)
    seen = []
    subs = intake_pool.check_files(intake_files.collect_files([tmp_path / "inbox"]), mini_plan, cfg,
                              expected_period=Period(2025, 1), progress=seen.append)
    assert {s.path.name: intake.result_of(s) for s in subs} == expected
    assert seen == subs
    for s in subs:
        assert all(f.code in KNOWN_CODES for f in s.findings), [f.code for f in s.findings]
        assert len(s.sha256) == 64 and s.size == s.path.stat().st_size


def test_inbox_files_are_never_modified(tmp_path, mini_plan, cfg) -> None:
    inbox = tmp_path / "inbox"
    bad_folder(inbox, mini_plan, cfg)

    def snapshot() -> dict[str, tuple[str, int]]:
        return {str(p.relative_to(inbox)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
                for p in sorted(inbox.rglob("*")) if p.is_file()}

    before = snapshot()
    subs = intake_pool.check_files(intake_files.collect_files([inbox]), mini_plan, cfg)
    for s in subs:
        if not s.accepted:
            returns.write_return(s, mini_plan, cfg)
    assert snapshot() == before
    assert not any((cfg.outbox_dir / "returns").rglob("*.tmp"))


# --- robustness ----------------------------------------------------------------------------------

_BASE: dict[str, bytes] = {}


def _base_form(plan, cfg) -> bytes:
    if "form" not in _BASE:
        _BASE["form"] = B.form(plan, cfg)
    return _BASE["form"]


_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)
_cell = st.one_of(
    st.none(), _text, st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["#REF!", "#VALUE!", "#DIV/0!", "#N/A", "=1/0", "=SUM(A1:A3)", "=HYPERLINK(\"x\")",
                     "約3億円", "１，２００件", "△5", "遅れ ", "完了", "R7.9.30", "+", "-", ".", "1e999", "∞"]),
    st.booleans(), st.dates(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(_cell, min_size=7, max_size=7), as_text=st.booleans())
def test_random_cell_contents_never_crash_the_checker(mini_plan, workspace, values, as_text) -> None:
    """Anything typed into the input cells yields findings, never an exception or an internal error."""
    def edit(wb):
        cells = [wb["進捗報告"][a] for a in ("I4", "J4", "K5", "L4", "M5")] + [wb["指標実績"][a] for a in ("J4", "K6")]
        for cell, value in zip(cells, values, strict=True):
            cell.value = value
            if as_text and isinstance(value, str):
                cell.data_type = "s"

    data = B.fill(_base_form(mini_plan, workspace), edit=edit)
    with tempfile.TemporaryDirectory() as tmp:
        sub = intake.read_submission(B.write(Path(tmp), "x.xlsx", data), mini_plan, workspace)
        assert sub.identity is not None
        assert all(f.code in KNOWN_CODES and f.message for f in sub.findings), [f.code for f in sub.findings]
        assert "file.internal" not in {f.code for f in sub.findings}
        assert intake.result_of(sub) in ("accepted", "returned")
        assert sub.kpis["actual"].dtype == float and len(sub.reports) == 2
        if not sub.accepted:
            out = returns.write_return(sub, mini_plan, workspace, out_dir=Path(tmp) / "r")
            assert openpyxl.load_workbook(out).sheetnames[0] == "指摘事項"


# --- the real plan -------------------------------------------------------------------------------

def test_real_plan_form_round_trip(tmp_path, tomakomai) -> None:
    cfg = Config(root=tmp_path)
    dept = max(tomakomai.recipients(), key=lambda d: sum(len(i.kpis) for i in tomakomai.items_for(d)))
    items = tomakomai.items_for(dept)
    data = B.form(tomakomai, cfg, dept=dept.key)
    reports = {i.no: {"status": "順調", "result": f"No.{i.no} を実施した。", "reporter": "担当"} for i in items}
    kpis = {k.key: {"actual": k.target(2025) if k.target(2025) is not None else 0} for i in items for k in i.kpis}
    sub = intake.read_submission(B.write(tmp_path, "real.xlsx", B.fill(data, reports, kpis)), tomakomai, cfg,
                                 expected_period=Period(2025, 1))
    assert sub.findings == [] and sub.accepted
    assert sub.reports["no"].tolist() == [i.no for i in items]
    assert len(sub.kpis) == sum(len(i.kpis) for i in items) > 0


# --- CLI -----------------------------------------------------------------------------------------

def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="sheetflow", catch_exceptions=False)


def test_cli_all_accepted_exits_0(tmp_path, mini_plan, cfg) -> None:
    path = B.write(cfg.inbox_dir, "財政課.xlsx", B.good(mini_plan, cfg))
    result = run("-C", str(cfg.root), "check", str(path), "--period", "R7上期")
    assert result.exit_code == 0, result.output
    assert f"受理  {path}（財政部 財政課 令和7年度 上期）（エラー 0 件、注意 0 件、自動修正 0 件）" in result.stdout
    assert "1 件を検査: 受理 1 件、差戻し 0 件、読めない 0 件" in result.stdout


def test_cli_mixed_folder_exits_1_with_one_line_per_file(tmp_path, mini_plan, cfg) -> None:
    expected = bad_folder(cfg.inbox_dir, mini_plan, cfg)
    result = run("-C", str(cfg.root), "check", "--period", "2025H1")
    assert result.exit_code == 1
    labels = {"accepted": "受理", "returned": "差戻し", "unreadable": "読めない"}
    lines = [line for line in result.stdout.splitlines() if line.split("  ")[0] in (*labels.values(), "置き換え済み")]
    assert len(lines) == len(expected)
    replaced = set()
    for line in lines:
        name = Path(line.split("  ", 1)[1].split("（")[0]).name
        if line.startswith("置き換え済み  "):  # three files of 財政課: the newest decides
            replaced.add(name)
            continue
        assert line.startswith(labels[expected[name]] + "  "), line
    assert len(replaced) == 2 and replaced < {"財政課_記入済.xlsx", "シート名変更.xlsx", "未記入.xlsx"}
    table = re.sub(r"[\s│]", "", result.stdout)
    assert "古い.xls" in table and "このファイルは古いExcel形式（.xls）です。" in table
    assert "Excel の一時ファイルのため読み飛ばしました" in result.stderr


def test_cli_json_is_only_json(tmp_path, mini_plan, cfg) -> None:
    bad_folder(cfg.inbox_dir, mini_plan, cfg)
    result = run("-C", str(cfg.root), "check", str(cfg.inbox_dir), "--json", "--period", "R7上期")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    by_name = {Path(d["file"]).name: d for d in data}
    assert by_name["財政課_記入済.xlsx"]["result"] == "accepted"
    assert by_name["財政課_記入済.xlsx"]["identity"]["department"] == "財政部 財政課"
    f = by_name["古い.xls"]["findings"][0]
    assert (f["code"], f["severity"], f["sheet"], f["cell"]) == ("file.xls", "error", "", "")
    assert set(f) == {"file", "severity", "code", "message", "sheet", "cell", "item_no", "before", "after"}
    assert by_name["未記入.xlsx"]["result"] == "returned"
    assert any(x["cell"] == "I4" and x["code"] == "status.missing" for x in by_name["未記入.xlsx"]["findings"])


def test_cli_returns_writes_return_workbooks(tmp_path, mini_plan, cfg) -> None:
    B.write(cfg.inbox_dir, "未記入.xlsx", B.fill(B.form(mini_plan, cfg), {}, {}))
    B.write(cfg.inbox_dir, "古い.xls", B.xls())
    result = run("-C", str(cfg.root), "check", "--returns", "--json")
    assert result.exit_code == 1
    written = sorted(Path(d["return_file"]).relative_to(cfg.outbox_dir).as_posix() for d in json.loads(result.stdout))
    assert written == ["returns/2025H1/財政部_財政課_差戻し.xlsx", "returns/_unidentified/古い_xls_差戻し.xlsx"]


def test_the_library_call_and_the_cli_give_the_same_result(tmp_path, mini_plan, cfg) -> None:
    """`sheetflow check --returns --json` prints check_paths' result: same files, findings, 差戻し files, exit code."""
    from sheetflow.intake.check_run import check_paths

    bad_folder(cfg.inbox_dir, mini_plan, cfg)
    cli = run("-C", str(cfg.root), "check", "--returns", "--json", "--period", "R7上期")
    library = check_paths(cfg, [], Period(2025, 1), write_returns=True)
    assert json.loads(cli.stdout) == library.as_json()
    assert cli.exit_code == library.exit_code == 1
    assert {p.name for p, _ in library.skipped} == {"~$財政課_記入済.xlsx", ".隠し.xlsx", ".~lock.財政課_記入済.xlsx#"}
    assert {p.name for p in library.returns} == {Path(d["file"]).name for d in library.as_json() if d["return_file"]}


def test_cli_usage_errors_exit_2(tmp_path, cfg) -> None:
    missing = run("-C", str(cfg.root), "check", str(tmp_path / "ない"))
    assert missing.exit_code == 2 and "ファイルまたはフォルダが見つかりません" in missing.stderr
    empty = run("-C", str(cfg.root), "check", str(cfg.inbox_dir))
    assert empty.exit_code == 2 and "検査するファイルがありません" in empty.stderr
    bad_period = run("-C", str(cfg.root), "check", "--period", "来年", str(cfg.inbox_dir))
    assert bad_period.exit_code == 2


def test_cli_help_is_japanese() -> None:
    result = run("check", "--help")
    assert result.exit_code == 0 and "返送されたファイルを検査します" in result.output
    assert io.StringIO(result.output).read().count("--json") == 1


def test_check_shows_the_current_state_newest_file_decides(tmp_path, mini_plan, cfg) -> None:
    """A bad file replaced by a newer good one of the same department is 置き換え済み and exit code is 0."""
    from ledger_support import at, set_saved_at

    bad = B.write(cfg.inbox_dir, "財政課_1回目.xlsx", set_saved_at(B.fill(B.form(mini_plan, cfg), {}, {}), at(20)))
    good = B.write(cfg.inbox_dir, "財政課_2回目.xlsx", set_saved_at(B.good(mini_plan, cfg), at(22)))
    result = run("-C", str(cfg.root), "check")
    assert result.exit_code == 0, result.output
    assert (f"置き換え済み  {bad}（財政部 財政課 令和7年度 上期）（同じ部署の新しいファイル 財政課_2回目.xlsx が"
            "現在の提出です。終了コードには数えません）") in result.stdout
    assert f"受理  {good}（財政部 財政課 令和7年度 上期）（エラー 0 件、注意 0 件、自動修正 0 件）" in result.stdout
    assert "2 件を検査: 受理 1 件、差戻し 0 件、読めない 0 件（ほかに置き換え済み 1 件）" in result.stdout
    # the other way round: the newest file is the bad one → exit 1, the good one is replaced
    bad.write_bytes(set_saved_at(B.fill(B.form(mini_plan, cfg), {}, {}), at(25)))
    again = run("-C", str(cfg.root), "check", "--json")
    assert again.exit_code == 1
    by_name = {Path(d["file"]).name: d for d in json.loads(again.stdout)}
    assert by_name["財政課_2回目.xlsx"]["replaced_by"] == str(bad) and by_name["財政課_1回目.xlsx"]["replaced_by"] is None


def test_check_names_an_identical_copy_under_its_department(tmp_path, mini_plan, cfg) -> None:
    good = B.write(cfg.inbox_dir, "財政課.xlsx", B.good(mini_plan, cfg))
    copy = B.write(cfg.inbox_dir, "財政課（再送）.xlsx", good.read_bytes())
    os.utime(copy, (good.stat().st_mtime - 60,) * 2)  # an older copy: 財政課.xlsx is the current one
    result = run("-C", str(cfg.root), "check")
    assert result.exit_code == 0, result.output
    assert (f"同一のファイル  {copy}（財政部 財政課 令和7年度 上期）（財政課.xlsx と内容がまったく同じです。"
            "財政課.xlsx を現在の提出とし、終了コードには数えません）") in result.stdout
    assert "2 件を検査: 受理 1 件、差戻し 0 件、読めない 0 件（ほかに同一のファイル 1 件）" in result.stdout
