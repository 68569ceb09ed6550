"""The review page in a real browser: headless Chromium (Debian's ``chromium`` + ``chromedriver``).

Skipped when Chromium, its driver or selenium is missing. Selenium is told to stay offline: it
uses the installed browser and driver and never downloads one. The page is opened from disk
(``file://``), as a librarian would open ``build/index.html``.

Set ``CITEKIT_SCREENSHOT=docs/screenshot.png`` to also save the screenshot there.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("selenium")

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from citekit.build import BuildOptions, run_build

ROOT = Path(__file__).resolve().parent.parent
BROWSER = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
DRIVER = shutil.which("chromedriver")

pytestmark = [
    pytest.mark.skipif(BROWSER is None, reason="chromium is not installed"),
    pytest.mark.skipif(DRIVER is None, reason="chromedriver is not installed"),
]


@pytest.fixture(scope="module")
def page_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``citekit build`` on a copy of the seeds; the URL of its review page."""
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(project)
        run_build(BuildOptions())
    yield (project / "build" / "index.html").as_uri()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER  # type: ignore[assignment]
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1600",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SE_OFFLINE", "true")  # never let Selenium Manager download anything
        driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def visible_records(driver: Any) -> list[str]:
    """Keys of the records a person can see (one round trip, not one per record)."""
    keys: list[str] = driver.execute_script(
        "return Array.from(document.querySelectorAll('article.rec'))"
        ".filter(e => e.offsetParent !== null).map(e => e.dataset.key)"
    )
    return keys


def open_page(driver: Any, url: str) -> None:
    """Load the page afresh (a new document, not a fragment change) with an empty console."""
    driver.get("about:blank")
    driver.get(url)
    driver.get_log("browser")


def test_page_loads_without_console_errors(browser: Any, page_url: str) -> None:
    browser.get(page_url)
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    assert browser.execute_script("return document.characterSet") == "UTF-8"
    total = len(browser.find_elements(By.CSS_SELECTOR, "article.rec"))
    assert total > 0
    assert len(visible_records(browser)) == total
    count = browser.find_element(By.ID, "f-count").text
    assert count == f"显示 {total} / {total} 条"


def test_filter_by_document_shows_only_its_records(browser: Any, page_url: str) -> None:
    open_page(browser, page_url)
    select = Select(browser.find_element(By.ID, "f-doc"))
    for option in [o.get_attribute("value") for o in select.options][1:]:
        select.select_by_value(option)
        expected = [
            el.get_attribute("data-key")
            for el in browser.find_elements(By.CSS_SELECTOR, f"section#{option} article.rec")
        ]
        assert visible_records(browser) == expected
        sections = [
            s.get_attribute("id")
            for s in browser.find_elements(By.CSS_SELECTOR, "section.doc")
            if s.is_displayed()
        ]
        assert sections == [option]
    select.select_by_value("")
    assert len(visible_records(browser)) == len(browser.find_elements(By.CSS_SELECTOR, "article"))
    assert browser.get_log("browser") == []


def test_filter_by_finding_matches_the_badges(browser: Any, page_url: str) -> None:
    open_page(browser, page_url)
    select = Select(browser.find_element(By.ID, "f-problem"))
    values = [o.get_attribute("value") for o in select.options][1:]
    assert "any" in values and "clean" in values
    for value in values:
        select.select_by_value(value)
        expected = browser.execute_script(
            "return Array.from(document.querySelectorAll('article.rec'))"
            ".filter(e => e.dataset.tags.split(' ').includes(arguments[0]))"
            ".map(e => e.dataset.key)",
            value,
        )
        label = select.first_selected_option.text
        assert visible_records(browser) == expected
        assert label.endswith(f"（{len(expected)}）")
    assert browser.get_log("browser") == []


def test_search_finds_records_by_full_or_half_width_text(browser: Any, page_url: str) -> None:
    open_page(browser, page_url)
    box = browser.find_element(By.ID, "f-search")
    first = browser.find_elements(By.CSS_SELECTOR, "article.rec")[0].get_attribute("data-key")
    box.send_keys(first)
    assert first in visible_records(browser)
    box.clear()
    box.send_keys("２０１８")  # full-width digits find 2018
    shown = visible_records(browser)
    assert shown and all(
        "2018"
        in browser.find_element(By.CSS_SELECTOR, f"article[data-key='{k}']").get_attribute(
            "data-search"
        )
        for k in shown
    )
    box.clear()
    box.send_keys("没有这样的条目 zzzz")
    assert visible_records(browser) == []
    assert browser.find_element(By.ID, "empty").is_displayed()
    assert browser.get_log("browser") == []


def test_a_filter_in_the_address_is_applied_on_load(browser: Any, page_url: str) -> None:
    open_page(browser, page_url + "#doc=doc1&finding=any")
    expected = [
        el.get_attribute("data-key")
        for el in browser.find_elements(By.CSS_SELECTOR, "section#doc1 article.rec")
        if "any" in el.get_attribute("data-tags").split()
    ]
    assert visible_records(browser) == expected
    assert (
        Select(browser.find_element(By.ID, "f-doc")).first_selected_option.get_attribute("value")
        == "doc1"
    )


def test_following_a_link_to_a_filtered_out_record_shows_it(browser: Any, page_url: str) -> None:
    open_page(browser, page_url)
    keys = visible_records(browser)
    Select(browser.find_element(By.ID, "f-doc")).select_by_value("doc1")
    hidden = [k for k in keys if k not in visible_records(browser)]
    assert hidden, "the seeds have records outside doc1"
    anchor = browser.find_element(By.CSS_SELECTOR, f"article[data-key='{hidden[0]}']")
    browser.execute_script(f"window.location.hash = '{anchor.get_attribute('id')}'")
    assert hidden[0] in visible_records(browser)
    assert browser.get_log("browser") == []


def test_screenshot(browser: Any, page_url: str, tmp_path: Path) -> None:
    browser.get(page_url)
    shot = tmp_path / "review.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    target = os.environ.get("CITEKIT_SCREENSHOT")
    if target:
        shutil.copyfile(shot, target)
