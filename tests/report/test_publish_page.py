"""The publication page's headline and optional figures, and datapackage.json validated by frictionless."""

from __future__ import annotations

import json
import re

import pytest
from test_publish import _Tags
from test_report_data import kpi_rows, ledger_rows, realistic

from sheetflow.ground.config import Config
from sheetflow.report.public import Figures
from sheetflow.report.publish import build_publication


def _files(plan, tmp_path, figures=None, h2_rows=None):
    h2 = ledger_rows("2025H2", h2_rows or [(1, "完了", "実績", ""), (2, "遅れ", "", "人手不足"), (4, "順調", "", "")], plan)
    return build_publication(plan, 2025, Config(root=tmp_path), h2, kpi_rows("2025H2", plan, {"1-1": 3.5}), None,
                             None, figures=figures)


def _page(files) -> str:
    return files["index.html"].decode("utf-8")


def test_without_figures_the_page_says_they_are_not_available(mini_plan, tmp_path):
    page = _page(_files(mini_plan, tmp_path))
    for words in ("効果額はまだ集計されていません。", "達成度はまだ集計されていません。", "審議会の評価はまだありません。"):
        assert page.count(words) == 2  # in the headline and in its section
    assert "千円" not in page and "点/5点" not in page and 'id="chart-effects"' not in page
    assert 'id="chart-status"' in page


def test_headline_states_the_key_figures_and_links_to_each_section(mini_plan, tmp_path):
    page = _page(_files(mini_plan, tmp_path))
    headline = page.split('<section id="summary">')[1].split("</section>")[0]
    assert '<p class="big">5項目</p>' in headline and "完了 1件、順調 1件、遅れ 1件、未報告 2件" in headline
    assert '<p class="big">1件</p>' in headline  # behind
    assert '<p class="big">1/3指標</p>' in headline
    links = re.findall(r'href="#([a-z]+)"', headline)
    assert links == ["status", "behind", "kpis", "grades", "effects", "council"]
    assert all(f'<section id="{key}"' in page for key in links)
    assert '<a href="#item-2">No.2 ' in page and '<tr id="item-2" role="row">' in page


def test_given_figures_are_shown_as_charts_tables_and_headline(mini_plan, tmp_path):
    figures = Figures(effects={2025: 12345, 2026: None}, grades=[("A 目標以上", 2), ("B 一部達成", 1)],
                      council_average=4.56)
    page = _page(_files(mini_plan, tmp_path, figures))
    assert '<p class="big">12,345千円</p>' in page and "令和7年度からの累計は 12,345千円 です。" in page
    assert '<p class="big">4.6点/5点</p>' in page
    assert '<p class="big">3項目</p>' in page and "A 目標以上 2件、B 一部達成 1件" in page
    effects = page.split('<section id="effects">')[1].split("</section>")[0]
    assert 'id="chart-effects"' in effects and effects.count("未集計") >= 4  # R8–R11 in the chart and table
    assert '<th scope="row">令和7年度</th><td class="num">12,345</td>' in effects
    assert '<th scope="row">累計</th><td class="num">12,345</td>' in effects
    assert "まだ集計されていません" not in page


def test_all_zero_effects_are_said_plainly(mini_plan, tmp_path):
    page = _page(_files(mini_plan, tmp_path, Figures(effects={2025: 0})))
    assert "集計された効果額はすべて 0 です。" in page and '<p class="big">0千円</p>' in page


def test_accessible_structure(mini_plan, tmp_path):
    page = _page(_files(mini_plan, tmp_path, Figures(effects={2025: 1}, grades=[("A", 1)])))
    tags = _Tags()
    tags.feed(page)
    assert tags.stack == []
    names = [t for t, _ in tags.seen]
    assert names[names.index("body") + 1] == "a" and '<a class="skip" href="#main">本文へ移動</a>' in page
    headings = [int(t[1]) for t in names if re.fullmatch(r"h[1-6]", t)]
    assert headings[0] == 1 and all(b - a <= 1 for a, b in zip(headings, headings[1:], strict=False))
    svgs = [a for t, a in tags.seen if t == "svg"]
    assert len(svgs) == 3 and all(a["role"] == "img" and a["aria-labelledby"].endswith("-title") for a in svgs)
    assert names.count("table") == names.count("caption")
    assert "@page{size:A4" in page and ":focus-visible{outline:3px" in page
    assert "script" not in names and not re.search(r'(src|href)="(https?:)?//', page)


@pytest.fixture
def package(tomakomai, tmp_path):
    h2, h2_kpis, _ = realistic(tomakomai, "2025H2")
    h1, h1_kpis, _ = realistic(tomakomai, "2025H1", skip_every=7, shift=2)
    for name, data in build_publication(tomakomai, 2025, Config(root=tmp_path), h2, h2_kpis, h1, h1_kpis).items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


def test_datapackage_validates_with_frictionless(package):
    import frictionless

    report = frictionless.validate(str(package / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    items, kpis = descriptor["resources"]
    assert [items["path"], kpis["path"]] == ["2025_items.csv", "2025_kpis.csv"]
    assert (package / "2025_items.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    fields = {f["name"]: f for f in kpis["schema"]["fields"]}
    assert fields["達成率（%）"]["type"] == "number" and fields["達成率（%）"]["unit"] == "%"
    assert fields["実績値"]["unitField"] == "単位" and fields["No"]["type"] == "integer"
    assert fields["実績値"]["description"].startswith("担当部署が報告した実績")
    assert kpis["schema"]["foreignKeys"][0]["reference"] == {"resource": "items", "fields": ["No"]}
    assert items["title"] == "取組項目ごとの結果" and descriptor["title"] == "とまこまい行革創成プラン 令和7年度の取組結果"


def test_datapackage_catches_a_wrong_type(package):
    import frictionless

    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"][0]["schema"]["fields"][6]["type"] = "integer"  # 項目名 is text
    path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    assert not frictionless.validate(str(path)).valid


def test_a_theme_without_items_and_a_very_long_name_are_said_and_laid_out(mini_plan, tmp_path):
    import dataclasses

    long_name = "とても長い取組項目の名称" * 10
    items = [dataclasses.replace(i, name=long_name) if i.no == 1 else i for i in mini_plan.items if i.theme != 2]
    plan = dataclasses.replace(mini_plan, items=items)
    page = _page(_files(plan, tmp_path, h2_rows=[(1, "完了", "", ""), (2, "遅れ", "", "")]))
    assert "2. 市民サービスの向上: このテーマの取組項目はありません。" in page
    assert f'<th scope="row" role="rowheader" data-label="項目名">{long_name}</th>' in page
    status = page.split('<section id="status"')[1].split("</section>")[0]
    assert "項目なし" in status  # the chart's bar for the empty theme
