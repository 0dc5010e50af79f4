"""Headless Chromium for tests (Debian's chromium + chromium-driver, driven by selenium), and axe-core.

`chromium()` starts a browser that never touches the network: a fresh profile, no background networking,
no component updates, no sync, no QUIC; selenium is given the driver's path so Selenium Manager never
downloads anything. Without chromium the test is skipped on a developer machine and fails in CI (env
CI=true), where `.ci/run` installs it. axe-core (tests/support/axe/axe.min.js, MPL-2.0, vendored from npm)
is injected into the page with execute_script, so it works offline.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

AXE = Path(__file__).parent / "axe" / "axe.min.js"
BINARIES = ("/usr/bin/chromium", "/usr/bin/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--lang=ja")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def binaries() -> tuple[str, str]:
    """(chromium, chromedriver), or skip (fail in CI) when they are not installed."""
    browser = shutil.which("chromium") or (BINARIES[0] if Path(BINARIES[0]).exists() else None)
    driver = shutil.which("chromedriver") or (BINARIES[1] if Path(BINARIES[1]).exists() else None)
    if browser and driver:
        return browser, driver
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("chromium and chromedriver are required in CI (apt: chromium chromium-driver) but were not found")
    pytest.skip("chromium / chromedriver are not installed (apt install chromium chromium-driver)")


@contextmanager
def chromium() -> Iterator:
    """A headless Chromium (selenium WebDriver) with a fresh, throw-away profile."""
    browser, driver_path = binaries()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for flag in (*FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
        try:
            yield driver
        finally:
            driver.quit()


def set_viewport(driver, width: int, height: int, mobile: bool = False, scale: float = 1) -> None:
    """Emulate a screen of width × height CSS pixels (a phone with mobile=True)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile})


def set_media(driver, media: str) -> None:
    """Emulate 'print' or 'screen' CSS media."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})


def run_axe(driver, tags: list[str] = WCAG_AA) -> dict:
    """axe-core's result for the open page, limited to the given rule tags (default WCAG 2.1 A/AA)."""
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(120)
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' '))})), version: axe.version}))"
        ".catch(e => done({error: String(e)}));", tags)


def serious(result: dict) -> list[dict]:
    """The serious and critical violations of an axe result."""
    assert "error" not in result, result
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def screenshot(driver, path: Path, width: int, height: int, mobile: bool = False, scale: float = 1) -> bytes:
    """A PNG of the top width × height CSS pixels of the page."""
    import base64

    set_viewport(driver, width, height, mobile, scale)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False})
    data = base64.b64decode(shot["data"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data
