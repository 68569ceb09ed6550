"""The review page in a real browser: Debian's headless ``chromium``, driven over the DevTools
protocol (a websocket, through ``websocket-client``): no chromedriver, no browser download.

Skipped when chromium or websocket-client is missing. The page is opened from disk
(``file://``), as a librarian would open ``build/index.html``; filters are used the way a
person uses them (the select's ``change`` event, text typed into the search box).

Set ``CITEKIT_SCREENSHOT=docs/screenshot.png`` to also save the screenshot there.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citekit.build import BuildOptions, run_build

websocket = pytest.importorskip("websocket")

ROOT = Path(__file__).resolve().parent.parent
BROWSER = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)

pytestmark = pytest.mark.skipif(BROWSER is None, reason="chromium is not installed")


class Chromium:
    """A headless Chromium page, driven over the DevTools protocol."""

    def __init__(self, binary: str, profile: Path) -> None:
        self.proc = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-default-browser-check",
                f"--user-data-dir={profile}",
                "--remote-debugging-port=0",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.05)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as resp:
            targets = json.load(resp)
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True
        )
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=1280,
            height=1600,
            deviceScaleFactor=1,
            mobile=False,
        )

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Call a DevTools method and return its result (events are kept in ``events``)."""
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_for(self, event: str) -> None:
        """Wait for a DevTools event (kept in ``events``)."""
        seen = len(self.events)
        while not any(e.get("method") == event for e in self.events[seen:]):
            self.events.append(json.loads(self.ws.recv()))

    def open(self, url: str) -> None:
        """Load ``url`` as a new document and wait until it has loaded; forget old events."""
        self.send("Page.navigate", url="about:blank")
        self.events.clear()
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def js(self, expression: str) -> Any:
        """Evaluate JavaScript in the page and return its (JSON) value."""
        out = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in out:
            raise RuntimeError(f"{expression}: {out['exceptionDetails']}")
        return out["result"].get("value")

    def type(self, selector: str, text: str) -> None:
        """Focus ``selector`` and type ``text`` into it (real input events)."""
        self.js(f"document.querySelector({json.dumps(selector)}).focus()")
        self.send("Input.insertText", text=text)

    def choose(self, selector: str, value: str) -> None:
        """Pick ``value`` in a <select>, as a person does (it fires ``change``)."""
        self.js(
            f"(s => {{ s.value = {json.dumps(value)}; s.dispatchEvent(new Event('change')); }})"
            f"(document.querySelector({json.dumps(selector)}))"
        )

    def console_errors(self) -> list[dict[str, Any]]:
        """Errors and warnings the page wrote to the console, and uncaught exceptions."""
        self.send("Runtime.evaluate", expression="0")  # drain pending events
        bad = []
        for e in self.events:
            m, p = e.get("method"), e.get("params", {})
            if (
                m == "Runtime.exceptionThrown"
                or (m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning"))
                or (m == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"))
            ):
                bad.append(e)
        return bad

    def screenshot(self, path: Path) -> None:
        """Save the visible page as PNG."""
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        """Close the connection and stop the browser."""
        if getattr(self, "ws", None) is not None:
            self.ws.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


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
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    assert BROWSER is not None
    chromium = Chromium(BROWSER, tmp_path_factory.mktemp("chromium"))
    try:
        yield chromium
    finally:
        chromium.close()


VISIBLE = (
    "Array.from(document.querySelectorAll('article.rec'))"
    ".filter(e => e.offsetParent !== null).map(e => e.dataset.key)"
)
ALL = "Array.from(document.querySelectorAll('article.rec')).map(e => e.dataset.key)"


def test_page_loads_without_console_errors(browser: Chromium, page_url: str) -> None:
    browser.open(page_url)
    assert browser.console_errors() == []
    assert browser.js("document.characterSet") == "UTF-8"
    assert browser.js("document.documentElement.lang") == "zh-CN"
    total = len(browser.js(ALL))
    assert total > 0
    assert len(browser.js(VISIBLE)) == total
    assert browser.js("document.getElementById('f-count').textContent") == (
        f"显示 {total} / {total} 条"
    )


def test_the_console_check_sees_errors(browser: Chromium, tmp_path: Path) -> None:
    # The check above must be able to fail: a page with a console error and a thrown exception.
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><meta charset='utf-8'><script>console.error('x'); undefinedName();"
        "</script>",
        encoding="utf-8",
    )
    browser.open(bad.as_uri())
    methods = [e["method"] for e in browser.console_errors()]
    assert "Runtime.consoleAPICalled" in methods and "Runtime.exceptionThrown" in methods


def test_filter_by_document_shows_only_its_records(browser: Chromium, page_url: str) -> None:
    browser.open(page_url)
    options = browser.js("Array.from(document.querySelectorAll('#f-doc option')).map(o => o.value)")
    assert options[0] == "" and len(options) > 2
    for doc in options[1:]:
        browser.choose("#f-doc", doc)
        expected = browser.js(
            f"Array.from(document.querySelectorAll('section#{doc} article.rec'))"
            ".map(e => e.dataset.key)"
        )
        assert browser.js(VISIBLE) == expected
        shown = browser.js(
            "Array.from(document.querySelectorAll('section.doc'))"
            ".filter(s => s.offsetParent !== null).map(s => s.id)"
        )
        assert shown == [doc]
        assert browser.js("location.hash") == f"#doc={doc}"
    browser.choose("#f-doc", "")
    assert browser.js(VISIBLE) == browser.js(ALL)
    assert browser.console_errors() == []


def test_filter_by_finding_matches_the_badges(browser: Chromium, page_url: str) -> None:
    browser.open(page_url)
    options = browser.js(
        "Array.from(document.querySelectorAll('#f-problem option'))"
        ".map(o => [o.value, o.textContent])"
    )
    values = [v for v, _ in options[1:]]
    assert "any" in values and "clean" in values
    for value, label in options[1:]:
        browser.choose("#f-problem", value)
        expected = browser.js(
            "Array.from(document.querySelectorAll('article.rec'))"
            f".filter(e => e.dataset.tags.split(' ').includes({json.dumps(value)}))"
            ".map(e => e.dataset.key)"
        )
        assert browser.js(VISIBLE) == expected, value
        assert label.endswith(f"（{len(expected)}）")
    assert browser.console_errors() == []


def test_search_finds_records_by_full_or_half_width_text(browser: Chromium, page_url: str) -> None:
    browser.open(page_url)
    first = browser.js(ALL)[0]
    browser.type("#f-search", first)
    assert first in browser.js(VISIBLE)
    browser.js("document.getElementById('f-search').value = ''")
    browser.type("#f-search", "２０１８")  # full-width digits find 2018
    shown = browser.js(VISIBLE)
    with_2018 = browser.js(
        "Array.from(document.querySelectorAll('article.rec'))"
        ".filter(e => e.dataset.search.includes('2018')).map(e => e.dataset.key)"
    )
    assert shown and shown == with_2018
    browser.js("document.getElementById('f-search').value = ''")
    browser.type("#f-search", "没有这样的条目 zzzz")
    assert browser.js(VISIBLE) == []
    assert browser.js("document.getElementById('empty').offsetParent !== null")
    assert browser.console_errors() == []


def test_a_filter_in_the_address_is_applied_on_load(browser: Chromium, page_url: str) -> None:
    browser.open(page_url + "#doc=doc1&finding=any")
    expected = browser.js(
        "Array.from(document.querySelectorAll('section#doc1 article.rec'))"
        ".filter(e => e.dataset.tags.split(' ').includes('any')).map(e => e.dataset.key)"
    )
    assert browser.js(VISIBLE) == expected
    assert browser.js("document.getElementById('f-doc').value") == "doc1"
    assert browser.js("document.getElementById('f-problem').value") == "any"


def test_following_a_link_to_a_filtered_out_record_shows_it(
    browser: Chromium, page_url: str
) -> None:
    browser.open(page_url)
    keys = browser.js(ALL)
    browser.choose("#f-doc", "doc1")
    hidden = [k for k in keys if k not in browser.js(VISIBLE)]
    assert hidden, "the seeds have records outside doc1"
    anchor = browser.js(f"document.querySelector('article[data-key=\"{hidden[0]}\"]').id")
    browser.js(f"location.hash = '{anchor}'")
    browser.js("0")  # let the hashchange handler run
    assert hidden[0] in browser.js(VISIBLE)
    assert browser.console_errors() == []


def test_screenshot(browser: Chromium, page_url: str, tmp_path: Path) -> None:
    browser.open(page_url)
    shot = tmp_path / "review.png"
    browser.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    target = os.environ.get("CITEKIT_SCREENSHOT")
    if target:
        shutil.copyfile(shot, target)
