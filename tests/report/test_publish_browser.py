"""The publication in a real browser (headless Chromium): no sideways scroll at 390 px and 360 px, headers
at least two characters wide, charts with text alternatives, A4 print width, and zero serious or critical
axe-core findings for WCAG 2.1 A/AA at 1280 px and 390 px. Screenshots go to docs/ when
SHEETFLOW_SCREENSHOTS=1 (to tmp otherwise).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser import chromium, run_axe, screenshot, serious, set_media, set_viewport
from click.testing import CliRunner

from sheetflow.cli import main
from sheetflow.definition import workspace as DW
from sheetflow.ground.config import Config
from sheetflow.report.council import council_results
from sheetflow.report.public import Figures
from sheetflow.report.publish import publication, render_files, with_council

pytestmark = pytest.mark.browser
DOCS = Path(__file__).parents[2] / "docs"
A4_WIDTH = 703  # CSS px inside A4 portrait with 12 mm side margins (186 mm)
LONG = "とても長い項目名" * 12


@pytest.fixture(scope="module")
def demo_page(tmp_path_factory) -> Path:
    """The page `sheetflow demo` publishes (the real plan, simulated departments)."""
    folder = tmp_path_factory.mktemp("demo") / "ws"
    result = CliRunner().invoke(main, ["demo", str(folder), "--seed", "11"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder / "outbox" / "publish" / "2025" / "index.html"


@pytest.fixture(scope="module")
def figures_page(tomakomai, tmp_path_factory) -> Path:
    """The real plan with 効果額, 達成度 and the council's scores and opinions given, and a very long item text."""
    from test_report_data import realistic

    h2, h2_kpis, _ = realistic(tomakomai, "2025H2")
    h2.loc[0, "result"] = LONG
    folder = tmp_path_factory.mktemp("figures")
    figures = Figures(effects={2025: 123456, 2026: 0}, grades=[("A 目標以上", 12), ("B 目標どおり", 20),
                      ("C 一部達成", 10), ("D 未達成", 6)], council_average=4.6)
    pub = publication(tomakomai, 2025, DW.statuses(Config(root=folder)), h2, h2_kpis, None, None, figures)
    members = [("委員A", 5), ("委員B", 4), ("委員C", 5)]  # the council's section with every item's opinions
    rows = [{"no": i.no, "member": m, "score": s, "opinion": f"{m}の意見。" + (LONG if i.no == 1 else "")}
            for i in tomakomai.items for m, s in members]
    for name, data in render_files(with_council(pub, council_results(tomakomai, 2025, rows))).items():
        (folder / name).write_bytes(data)
    return folder / "index.html"


@pytest.fixture(scope="module")
def browser():
    with chromium() as driver:
        yield driver


NARROW_HEADERS = """const ctx = document.createElement('canvas').getContext('2d');
return [...document.querySelectorAll('th')].filter(th => {
  const head = th.closest('thead');
  if (head && getComputedStyle(head).position === 'absolute') return false;  // visually hidden (cards)
  const r = th.getBoundingClientRect(), s = getComputedStyle(th);
  const inner = r.width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
  ctx.font = s.font;
  const own = ctx.measureText(th.textContent.trim()).width;  // a one-character header needs only itself
  return inner + 0.5 < Math.min(2 * parseFloat(s.fontSize), own);
}).map(th => th.textContent);"""


def _open(driver, page: Path, width: int, mobile: bool) -> None:
    set_media(driver, "screen")
    set_viewport(driver, width, 844, mobile)
    driver.get(page.as_uri())


@pytest.mark.parametrize("width", [390, 360])
def test_phone_never_scrolls_sideways_and_headers_stay_readable(browser, demo_page, figures_page, width):
    for page in (demo_page, figures_page):
        _open(browser, page, width, True)
        assert browser.execute_script("return document.documentElement.scrollWidth") <= width, page
        assert browser.execute_script(NARROW_HEADERS) == [], page
        cards = browser.execute_script("return getComputedStyle(document.querySelector('table.cards tr')).display")
        assert cards == "block"  # item rows are cards on a phone


def test_desktop_tables_and_charts(browser, demo_page):
    _open(browser, demo_page, 1280, False)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 1280
    assert browser.execute_script("return getComputedStyle(document.querySelector('table.cards tr')).display") == "table-row"
    charts = browser.execute_script("return [...document.querySelectorAll('svg.chart')].map(s => "
                                    "[s.getAttribute('role'), s.querySelector('title').textContent, "
                                    "s.querySelector('desc').textContent, s.getBoundingClientRect().width])")
    assert len(charts) == 3  # status; the demo's departments report 達成度 and 効果額 too
    assert [c[1].split("（")[0] for c in charts[1:]] == ["達成度別の取組項目数", "年度別の効果額"]
    role, title, desc, width = charts[0]
    assert role == "img" and title.startswith("テーマ別・進捗状況別の取組項目数") and "1. 健全な財政運営" in desc
    assert 300 < width <= 32 * 16
    text = browser.execute_script("return document.body.innerText")
    assert "効果額はまだ集計されていません。" not in text and "達成度はまだ集計されていません。" not in text


def test_given_figures_are_charted(browser, figures_page):
    _open(browser, figures_page, 390, True)
    ids = browser.execute_script("return [...document.querySelectorAll('svg.chart')].map(s => s.id)")
    assert ids == ["chart-status", "chart-grades", "chart-effects"]
    effects = browser.execute_script("return document.querySelector('#effects').innerText")
    assert "123,456" in effects and "集計された効果額はすべて 0 です。" not in effects  # one year is not zero


def test_skip_link_gets_visible_focus(browser, demo_page):
    _open(browser, demo_page, 1280, False)
    from selenium.webdriver.common.keys import Keys

    browser.find_element("tag name", "body").send_keys(Keys.TAB)
    focused = browser.execute_script("const a = document.activeElement, s = getComputedStyle(a);"
                                     "return [a.className, s.outlineStyle, parseFloat(s.outlineWidth), a.getBoundingClientRect().top]")
    assert focused[0] == "skip" and focused[1] != "none" and focused[2] >= 2 and focused[3] >= 0


def test_print_fits_a4(browser, demo_page):
    set_viewport(browser, A4_WIDTH, 1000, False)
    browser.get(demo_page.as_uri())
    set_media(browser, "print")
    try:
        assert browser.execute_script("return document.documentElement.scrollWidth") <= A4_WIDTH
        breaks = browser.execute_script("return [...document.querySelectorAll('section')]"
                                        ".filter(s => getComputedStyle(s).breakBefore === 'page').map(s => s.id)")
        assert breaks == ["status", "items", "kpis"]
        assert browser.execute_script("return getComputedStyle(document.querySelector('.print-only')).display") == "block"
    finally:
        set_media(browser, "screen")


@pytest.mark.parametrize("width,mobile", [(1280, False), (390, True)])
def test_axe_core_finds_no_serious_or_critical_violation(browser, demo_page, figures_page, width, mobile):
    for page in (demo_page, figures_page):
        _open(browser, page, width, mobile)
        result = run_axe(browser)
        assert serious(result) == [], (page, width)


def test_screenshots(browser, demo_page, tmp_path):
    folder = DOCS if os.environ.get("SHEETFLOW_SCREENSHOTS") == "1" else tmp_path
    _open(browser, demo_page, 1280, False)
    desktop = screenshot(browser, folder / "publication-desktop.png", 1280, 1100)
    _open(browser, demo_page, 390, True)
    phone = screenshot(browser, folder / "publication-phone.png", 390, 1500, True)
    for data in (desktop, phone):
        assert data.startswith(b"\x89PNG") and len(data) > 20_000


def test_prints_on_a4_pages(demo_page):
    import base64
    import re

    with chromium() as fresh:  # no emulation left over from the other tests
        fresh.get(demo_page.as_uri())
        pdf = base64.b64decode(fresh.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
    boxes = {tuple(round(float(v)) for v in box.split()) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)}
    assert boxes == {(0, 0, 595, 842)}  # A4 portrait in points
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 4  # summary, status, items, indicators
