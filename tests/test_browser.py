"""The HTML report of corpus/000 in a real browser: Debian's headless Chromium driven by Selenium.

Chromium and chromium-driver come from the Debian packages (the Makefile's set-up
installs them); nothing is downloaded by a test tool. Without them the test is
skipped on a workstation and fails in CI, where the browser check must run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from claimcheck.render.html import render_html
from claimcheck.render.table import claim_status

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1400,1000"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (shutil.which("chromium") or os.path.exists(CHROMIUM)) or not os.path.exists(CHROMEDRIVER):
        reason = "Debian chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: the browser test must run in CI")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or CHROMIUM
    for flag in FLAGS + [f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def page_000(corpus_report, tmp_path_factory):
    report = corpus_report("000_f021312726994402.txt")
    path = tmp_path_factory.mktemp("html") / "000_f021312726994402.html"
    path.write_text(render_html(report), encoding="utf-8")
    return report, path


def _shown(driver):
    from selenium.webdriver.common.by import By

    return [m for m in driver.find_elements(By.CSS_SELECTOR, ".cc-claim")
            if "cc-dim" not in m.get_attribute("class").split()]


@pytest.mark.model
def test_report_000_in_chromium(browser, page_000):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    report, path = page_000
    browser.get(path.as_uri())

    # Loads without console errors, and fetched nothing (its policy forbids it; this checks it).
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0

    # One highlight per claim, and the article element is the article text, character for character.
    marks = browser.find_elements(By.CSS_SELECTOR, ".cc-claim")
    assert len(marks) == len(report.claims) == report.summary.claims
    assert browser.execute_script("return document.getElementById('cc-article').textContent") == report.article.text

    # Clicking a claim shows its sources (canonical name, type, role, dates) in the side panel.
    index = next(i for i, c in enumerate(report.claims)
                 if len({s.canonical for a in c.attributions for s in a.sources}) >= 2
                 and any(s.dates for a in c.attributions for s in a.sources))
    claim = report.claims[index]
    mark = browser.find_element(By.ID, f"cc-c{index}")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    detail = browser.find_element(By.ID, "cc-detail-body").text
    for att in claim.attributions:
        for src in att.sources:
            assert src.canonical in detail and src.type in detail and src.role in detail
            for d in src.dates:
                assert d.from_.isoformat() in detail
    assert "cc-selected" in mark.get_attribute("class")

    # Hovering shows the same sources in a tooltip.
    ActionChains(browser).move_to_element(mark).perform()
    tip = browser.find_element(By.ID, "cc-tip")
    assert tip.is_displayed() and claim.attributions[0].sources[0].canonical in tip.text

    # Keyboard: Enter and Space on a focused claim select it too.
    other = next(i for i, c in enumerate(report.claims) if i != index and c.attributed)
    target = browser.find_element(By.ID, f"cc-c{other}")
    target.send_keys(Keys.ENTER)
    assert report.claims[other].attributions[0].sources[0].canonical in browser.find_element(By.ID, "cc-detail-body").text
    unattributed = next(i for i, c in enumerate(report.claims) if not c.attributed)
    browser.find_element(By.ID, f"cc-c{unattributed}").send_keys(Keys.SPACE)
    assert "No source in the text" in browser.find_element(By.ID, "cc-detail-body").text

    # The view a fact-checker gets: back to the top, the first attributed claim selected, no tooltip.
    first = next(i for i, c in enumerate(report.claims) if c.attributed and claim_status(c) == "attributed")
    browser.execute_script("window.scrollTo(0, 0)")
    browser.find_element(By.ID, f"cc-c{first}").click()
    ActionChains(browser).move_to_element(browser.find_element(By.TAG_NAME, "h1")).perform()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "000_report.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000

    # Filters: only unattributed claims, then only one source's claims.
    browser.find_element(By.ID, "cc-only-unattributed").click()
    assert len(_shown(browser)) == report.summary.unattributed
    assert browser.find_element(By.ID, "cc-shown").text == f"{report.summary.unattributed} of {len(marks)} claims shown"
    browser.find_element(By.ID, "cc-only-unattributed").click()
    top_source, cited = next(iter(report.summary.sources.items()))
    Select(browser.find_element(By.ID, "cc-source")).select_by_value(top_source)
    assert len(_shown(browser)) == cited
    browser.find_element(By.CSS_SELECTOR, f'.cc-srcbtn[data-source="{top_source}"]').click()  # toggles it off
    assert len(_shown(browser)) == len(marks)

    assert [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")] == []
