"""Fuzz: a seeded corpus of mutants of a real filled form (byte flips, truncation, damaged deflate streams
and parts, duplicate and renamed entries, other compression, CRC and local-header changes, bad
shared-string indexes, other namespaces, external links, sheet names used twice, edited headers) goes
through check and merge. None is an internal error or a traceback; each is accepted with the original's
values or refused with a finding; nothing refused reaches the ledger and inbox/ is left as it was."""

from __future__ import annotations

import collections

import badfiles as B
import packages as P
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as hs
from ledger_support import sheet_values, snapshot

from sheetflow import messages as msg
from sheetflow.cli import main
from sheetflow.ground.config import Config
from sheetflow.intake import package
from sheetflow.intake import read as intake

SEED, COUNT = 26, 390
# the finding each kind of mutation must end in when it is refused (random byte flips and truncation
# may end in any finding but file.internal)
EXPECTED = {"compress": "package.compression", "crc": "file.damaged", "duplicate": "package.duplicate_part",
            "flip_in_part": "file.damaged", "link": "package.external", "local_header": "file.damaged",
            "namespace": "package.namespace", "rename": "package.part_name", "sheet_name": "package.duplicate_sheet",
            "string_index": "package.shared_string", "truncate": "file.damaged", "truncate_part": "file.damaged",
            "header": "sheet.header_edited"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, mini_plan) -> tuple[Config, bytes, list[tuple[str, bytes]]]:
    root = tmp_path_factory.mktemp("fuzz")
    cfg = Config(root=root, plan_file=mini_plan.path)
    good = P.with_shared_strings(B.good(mini_plan, cfg))
    return cfg, good, P.mutants(good, COUNT, SEED)


def kind_of(label: str) -> str:
    return label.split()[1]


def values(sub) -> tuple[str, str]:
    return repr(sub.report_rows), repr(sub.kpi_rows)


def test_every_mutant_is_read_as_the_original_or_refused(tmp_path, mini_plan, corpus) -> None:
    cfg, good, mutants = corpus
    original = intake.read_submission(B.write(tmp_path, "original.xlsx", good), mini_plan, cfg)
    assert original.accepted and original.findings == []
    paths = [B.write(tmp_path / "inbox", f"m{n:03d}.xlsx", data) for n, (_, data) in enumerate(mutants)]
    outcomes = collections.Counter()
    for (label, _), sub in zip(mutants, intake.read_submissions(paths, mini_plan, cfg), strict=True):
        codes = {f.code for f in sub.errors}
        assert "file.internal" not in {f.code for f in sub.findings}, label
        if sub.accepted:
            assert values(sub) == values(original), label
            outcomes[(kind_of(label), "accepted")] += 1
            continue
        assert codes, label
        if kind_of(label) != "header":  # refused before it was read: 読めない, no identity, no rows
            assert sub.identity is None and sub.report_rows == [] and sub.kpi_rows == [], label
        expected = EXPECTED.get(kind_of(label))
        assert expected in codes or kind_of(label) in ("flip_byte", "truncate"), (label, codes)
        outcomes[(kind_of(label), expected in codes)] += 1
    assert {kind for kind, hit in outcomes if hit is True} == set(EXPECTED)  # every kind was met and refused
    assert sum(n for (kind, hit), n in outcomes.items() if hit == "accepted") < COUNT // 20


def test_merge_takes_the_good_file_and_none_of_the_mutants(workspace, mini_plan, corpus) -> None:
    _, good, mutants = corpus
    one_of_each = {kind_of(label): data for label, data in reversed(mutants)}
    for kind, data in one_of_each.items():
        B.write(workspace.inbox_dir, f"{kind}.xlsx", data)
    B.write(workspace.inbox_dir, "財政課.xlsx", good)
    before = snapshot(workspace.inbox_dir)
    checked = CliRunner().invoke(main, ["-C", str(workspace.root), "check", str(workspace.inbox_dir)],
                                 prog_name="sheetflow")
    assert checked.exit_code == 1 and "Traceback" not in checked.output and "予期しないエラー" not in checked.output
    assert checked.output.count("読めない  ") == len(one_of_each) - 1
    result = CliRunner().invoke(main, ["-C", str(workspace.root), "merge", "--no-report"], prog_name="sheetflow")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "予期しないエラー" not in result.output
    for kind in one_of_each:
        assert f"{kind}.xlsx" in result.output
    assert snapshot(workspace.inbox_dir) == before
    refused = len(one_of_each) - 1  # all but the edited header are 読めない; that one is 差戻し
    assert msg.LEDGER_SUMMARY.format(accepted=1, returned=1, known=0, unreadable=refused, other=0) in result.output
    ledger = sheet_values(workspace.outbox_dir / "ledger.xlsx")["台帳"]
    assert [(row[2], row[10]) for row in ledger[1:]] == [(1, "財政課.xlsx"), (2, "財政課.xlsx")]
    archived = list((workspace.outbox_dir / "archive").glob("*.xlsx"))
    assert len(archived) == 1


# --- the quick check of shared-string cells never accepts what expat would refuse ------------------------

_ATTR = hs.sampled_from(['r="B4"', "r='C7'", 's="3"', 't="s"', "t='s'", 't = "s"', 't="n"', 't=" s"', 't="&#115;"',
                         'xt="s"', 'cm="1"', 'x:t="s"'])
_VALUE = hs.sampled_from(["0", "12", "-1", "abc", "", " 3", "1.5", "0012", "4"])
_CELL = hs.tuples(hs.sampled_from(["", "x:"]), hs.lists(_ATTR, max_size=3, unique_by=lambda a: a.split("=")[0].strip()),
                  _VALUE, hs.sampled_from(["v", "fv", "empty", "vattr"]))
_NOISE = hs.sampled_from(["", '<!-- <c r="Z9" t="s"><v>1</v></c> -->', '<is><t>"s"</t></is>'])


def _cell(prefix: str, attrs: list[str], value: str, shape: str) -> str:
    head = f"<{prefix}c {' '.join(attrs)}".rstrip()
    extra = ' a="1"' if shape == "vattr" else ""
    v = f"<{prefix}v{extra}>{value}</{prefix}v>"
    content = {"v": v, "fv": f"<{prefix}f>A1</{prefix}f>{v}", "vattr": v}.get(shape)
    return f"{head}/>" if content is None else f"{head}>{content}</{prefix}c>"


def _sheet(cells, noise: str) -> bytes:
    body = noise + "".join(_cell(*c) for c in cells)
    return (f'<?xml version="1.0"?><worksheet xmlns="{package.SPREADSHEETML}" xmlns:x="{package.SPREADSHEETML}">'
            f'<sheetData><row r="1">{body}</row></sheetData></worksheet>').encode()


@settings(max_examples=400, deadline=None)
@given(hs.lists(_CELL, max_size=6), _NOISE)
def test_the_quick_check_of_string_indexes_never_passes_a_bad_one(cells, noise) -> None:
    xml = _sheet(cells, noise)
    if package.indexes_fit(xml, 5):
        assert all(v.isascii() and v.isdigit() and int(v) < 5 for _, v in package.string_cells(xml)), xml


def test_the_quick_check_passes_the_sheets_excel_writes(mini_plan, corpus) -> None:
    _, good, _ = corpus
    count = B.parts(good)["xl/sharedStrings.xml"].count(b"<si>")
    for sheet in ("進捗報告", "指標実績", "_meta"):
        xml = B.parts(good)[B.sheet_part(good, sheet)]
        assert b' t="s"' in xml and package.indexes_fit(xml, count)
        assert not package.indexes_fit(xml, 1)
