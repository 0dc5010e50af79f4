"""効果額, 達成度 and 中止 on real filled forms: normalisation and refusals with exact text and cell (issue 14)."""

from __future__ import annotations

from pathlib import Path

import badfiles as B
import pytest

from sheetflow.definition.normalise import normalise_amount
from sheetflow.ground.config import Config
from sheetflow.ground.periods import Period
from sheetflow.intake import read as intake

H1, H2 = Period(2025, 1), Period(2025, 2)


@pytest.fixture
def cfg(workspace: Config) -> Config:
    return workspace


def submit(tmp_path: Path, plan, cfg: Config, period: Period, **item1) -> object:
    """The mini-plan form of the period, filled well, with item 1's cells changed as given."""
    reports = {no: dict(values) for no, values in B.GOOD_REPORTS.items()}
    reports[1].update(item1)
    if period.half == 2:
        for values in reports.values():
            values.setdefault("grade", "B 目標どおり")
    data = B.fill(B.form(plan, cfg, period=period), reports, B.GOOD_KPIS)
    return intake.read_submission(B.write(tmp_path / "inbox", "財政課.xlsx", data), plan, cfg,
                                  expected_period=period)


def found(sub) -> list[tuple[str, str, str, str]]:
    return [(f.severity, f.code, f.where, f.message) for f in sub.findings]


def test_approximate_amount_in_man_yen_is_read_as_thousands(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, mini_plan, cfg, H1, revenue="約120万円")
    assert found(sub) == [("normalised", "effect.approximate", "進捗報告!N4",
                           "「効果額 歳入増（千円）」の「約120万円」は概数のため 1200 千円として読み込みました。"
                           "正確な額が分かれば記入し直してください。")]
    assert sub.accepted and sub.reports["revenue"].tolist()[0] == 1200


def test_amount_with_separator_unit_and_full_width_digits(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, mini_plan, cfg, H1, revenue="1,200千円", saving="１２００")
    assert found(sub) == [
        ("normalised", "effect.number", "進捗報告!N4", "「効果額 歳入増（千円）」の「1,200千円」を 1200 千円として読み込みました。"),
        ("normalised", "effect.number", "進捗報告!O4", "「効果額 歳出減（千円）」の「１２００」を 1200 千円として読み込みました。")]
    assert sub.reports[["revenue", "saving"]].values.tolist()[0] == [1200, 1200]


def test_negative_amount_is_refused(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, mini_plan, cfg, H1, saving="-5")
    assert found(sub) == [("error", "effect.negative", "進捗報告!O4",
                           "「効果額 歳出減（千円）」が負の値（-5）です。効果額は 0 以上の千円単位の整数で記入してください"
                           "（効果がなければ空欄）。")]
    assert not sub.accepted


def test_text_amount_is_refused(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, mini_plan, cfg, H1, revenue="たくさん")
    assert found(sub) == [("error", "effect.not_number", "進捗報告!N4",
                           "「効果額 歳入増（千円）」の「たくさん」を金額として読めません。千円単位の整数だけを記入してください"
                           "（例: 120万円 → 1200）。")]
    assert not sub.accepted


def test_amount_below_a_thousand_yen_and_a_unit_that_is_not_money_are_refused(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, mini_plan, cfg, H1, revenue="1500円", saving="3件")
    assert found(sub) == [
        ("error", "effect.fraction", "進捗報告!N4", "「効果額 歳入増（千円）」の「1500円」は 1.5 千円で、千円未満の端数があります。"
                                                  "千円単位の整数で記入してください。"),
        ("error", "effect.unit", "進捗報告!O4", "「効果額 歳出減（千円）」の「3件」の単位「件」は金額の単位ではないため換算できません。"
                                              "千円単位の整数で記入してください。")]


def test_normalise_amount_cases() -> None:
    assert [normalise_amount(v).value for v in ("約120万円", "1,200千円", "１２００", 800, 0, None, "")] == [
        1200, 1200, 1200, 800, 0, None, None]
    assert [normalise_amount(v).problem for v in ("-5", "△3", "たくさん", "12.5", "3kg")] == [
        "effect.negative", "effect.negative", "effect.not_number", "effect.fraction", "effect.unit"]


def test_grade_in_h2_is_normalised_and_unknown_grade_refused(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, mini_plan, cfg, H2, grade="Ａ　目標以上")
    assert found(sub) == [("normalised", "norm.grade", "進捗報告!Q4",
                           "「達成度」の「Ａ　目標以上」を「A 目標以上」として読み込みました（空白・全角文字を整えました）。")]
    assert sub.reports["grade"].tolist() == ["A 目標以上", "B 目標どおり"]
    sub = submit(tmp_path, mini_plan, cfg, H2, grade="S")
    assert found(sub) == [("error", "grade.invalid", "進捗報告!Q4",
                           "「達成度」の「S」は選択肢にありません。A 目標以上・B 目標どおり・C 一部達成・D 未達成・ー 評価できない"
                           " のいずれかを一覧から選んでください。")]


def test_missing_grade_in_h2_is_a_warning(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, mini_plan, cfg, H2, grade="")
    assert found(sub) == [("warning", "grade.missing", "進捗報告!Q4",
                           "「達成度」が未選択です。今年度の目標に対する達成度を一覧から選んでください。")]
    assert sub.accepted


def test_stopped_item_without_a_reason_is_refused(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, mini_plan, cfg, H1, status="中止", issues="")
    assert found(sub) == [("error", "reason.required", "進捗報告!K4",
                           "進捗状況が「中止」のときは「課題・今後の対応」に理由を記入してください。")]
    sub = submit(tmp_path, mini_plan, cfg, H1, status="中止", issues="国の制度変更により事業を廃止した。")
    assert found(sub) == [] and sub.accepted


def test_not_applicable_needs_nothing_more(tmp_path, mini_plan, cfg) -> None:
    sub = submit(tmp_path, mini_plan, cfg, H1, status="対象外", result="")
    assert found(sub) == [] and sub.accepted


def test_a_format_2_form_is_still_read(tmp_path, mini_plan, cfg) -> None:
    v3 = Path(__file__).parents[1] / "data" / "form-v3-2025H2.xlsx"  # v2 has the same locked columns as v3
    data = B.edit_meta(B.fill(v3.read_bytes(), B.GOOD_REPORTS, B.GOOD_KPIS), format_version="2")
    props = data.replace(b">3</vt:lpwstr>", b">2</vt:lpwstr>")
    sub = intake.read_submission(B.write(tmp_path / "inbox", "v2.xlsx", props), mini_plan, cfg)
    assert [f.code for f in sub.findings if f.severity == "error"] == [] and sub.accepted
