"""The review workbench in a real browser: every operation clicked through, then checked in refs/
and in the next ``citekit build``.

Headless Chromium over the DevTools protocol, as tests/test_browser.py drives the static page;
the workbench server runs on 127.0.0.1 in a thread. Skipped without chromium.

Set ``CITEKIT_SCREENSHOT_WORKBENCH=docs/workbench.png`` to also save a screenshot there.
"""

from __future__ import annotations

import base64
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_browser import BROWSER, Chromium  # the same DevTools driver

from citekit.cli import cli
from citekit.review import ReviewServer, Workbench, start_in_thread
from citekit.review.page import CHUNK, FIRST
from citekit.store import load_refs

ROOT = Path(__file__).resolve().parent.parent
SEED = "seeds/000_eabb3536ebd0d52d.txt"

pytestmark = [
    pytest.mark.skipif(BROWSER is None, reason="chromium is not installed"),
    pytest.mark.slow,
]


@pytest.fixture(params=[(FIRST, CHUNK), (3, 4)], ids=["whole-page-at-once", "in-small-chunks"])
def workbench(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[ReviewServer, Chromium]]:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "refs", tmp_path / "refs")
    # a line whose attribution the extractor cannot read: the page offers it as a record
    with (tmp_path / SEED).open("a", encoding="utf-8") as fh:
        fh.write("\n丽水召开生态产品价值实现推进会\n（来源：）\n")
    monkeypatch.chdir(tmp_path)
    first, chunk = request.param  # (3, 4): most records come in chunks, after the page
    server = ReviewServer(Workbench("refs"), first=first, chunk=chunk)
    start_in_thread(server)
    assert BROWSER is not None
    browser = Chromium(BROWSER, tmp_path / "profile")
    try:
        yield server, browser
    finally:
        browser.close()
        server.shutdown()
        server.server_close()


def reload_after(browser: Chromium, expression: str) -> None:
    """Run ``expression`` (which makes the page save and reload) and wait for the new page,
    all its records and its findings."""
    browser.events.clear()
    browser.js(expression)
    browser.wait_for("Page.loadEventFired")
    wait_until(browser, "document.documentElement.dataset.wbLoaded === '1'")
    wait_until(browser, "document.documentElement.dataset.wbFindings === '1'")


def wait_until(browser: Chromium, expression: str, tries: int = 600) -> None:
    """Poll ``expression`` until it is true (each poll a round trip to the browser)."""
    for _ in range(tries):
        if browser.js(expression):
            return
        time.sleep(0.05)
    raise AssertionError(f"never true: {expression}")


def open_page(browser: Chromium, url: str) -> None:
    """Open the workbench and wait until all its records and its findings are in place."""
    browser.open(url)
    wait_until(browser, "document.documentElement.dataset.wbLoaded === '1'")
    wait_until(browser, "document.documentElement.dataset.wbFindings === '1'")


def test_each_operation_end_to_end(workbench: tuple[ReviewServer, Chromium]) -> None:
    server, browser = workbench
    open_page(browser, server.url)
    keys = browser.js(
        "Array.from(document.querySelectorAll('article.rec .wb-edit'))"
        ".map(b => b.closest('article').dataset.key)"
    )
    assert keys == load_refs("refs").keys()  # every record once, in library order
    key = keys[-1]  # the last record: in the last chunk when the page comes in chunks

    # search covers every record, those that came later too
    browser.type("#f-search", key)
    cards = "Array.from(document.querySelectorAll('article.rec'))"
    visible = f"{cards}.filter(e => !e.hidden)"
    shown = browser.js(f"{visible}.map(e => e.dataset.key)")
    holding = browser.js(
        f"{cards}.filter(e => e.dataset.search.includes({key!r})).map(e => e.dataset.key)"
    )
    assert key in shown and shown == holding
    browser.js("document.getElementById('f-search').value = ''")
    browser.type("#f-search", " ")
    assert browser.js(f"{visible}.length") == len(keys)

    # 1. edit: the entry re-renders as one types, then save
    browser.js(f"document.querySelector('article.rec[data-key=\"{key}\"] .wb-edit').click()")
    wait_until(browser, "document.querySelector('form.wb-form input[name=title]') !== null")
    browser.js(
        "(i => i.setSelectionRange(i.value.length, i.value.length))"
        "(document.querySelector('form.wb-form input[name=title]'))"
    )
    browser.type("form.wb-form input[name=title]", "（已更正）")
    wait_until(
        browser, "document.querySelector('.wb-preview').textContent.indexOf('（已更正）') >= 0"
    )
    browser.js("document.querySelector('form.wb-form').requestSubmit()")
    wait_until(browser, "document.getElementById('wb-msg').textContent.indexOf('已保存') >= 0")
    edited = load_refs("refs").get(key)
    assert edited is not None and edited.title is not None and edited.title.endswith("（已更正）")
    # the card shows the saved record at once, without reloading the page
    card = f"document.querySelector('article.rec[data-key=\"{key}\"]')"
    assert "（已更正）" in browser.js(f"{card}.querySelector('.entry .text').textContent")
    assert browser.js("document.querySelector('form.wb-form') === null")

    # 2. not a reference: deleted, and still deleted after the next extraction
    victim = keys[-2]
    browser.js("window.confirm = () => true")
    browser.js(f"document.querySelector('article.rec[data-key=\"{victim}\"] .wb-delete').click()")
    wait_until(browser, f"document.querySelector('article.rec[data-key=\"{victim}\"]') === null")
    assert victim not in load_refs("refs")

    # 3. a record from the lines extraction could not read
    assert browser.js("document.querySelectorAll('.unparsed .wb-add').length") >= 1
    reload_after(browser, "document.querySelector('.unparsed .wb-add').click()")
    added = [
        r for r in load_refs("refs") if any(p.raw.endswith("（来源：）") for p in r.provenance)
    ]
    assert len(added) == 1
    lines = Path(SEED).read_text("utf-8").splitlines()
    (prov,) = added[0].provenance
    assert prov.file == SEED and lines[prov.end_line - 1] == "（来源：）"

    # 4. a duplicate group: merge into the chosen survivor
    if browser.js("document.querySelectorAll('#dup-groups .wb-merge').length"):
        keys = browser.js("document.querySelector('#dup-groups li').dataset.keys.split(' ')")
        browser.js("document.querySelector('#dup-groups .wb-merge').click()")
        wait_until(browser, "document.querySelector('#dup-groups form.wb-form') !== null")
        reload_after(browser, "document.querySelector('#dup-groups form.wb-form').requestSubmit()")
        left = [k for k in keys if k in load_refs("refs")]
        assert left == [keys[0]]

    # 5. undo the last change
    before = load_refs("refs").keys()
    reload_after(browser, "document.getElementById('wb-undo').click()")
    assert load_refs("refs").keys() != before

    # the next build keeps the edit, and the deleted record stays out
    runner = CliRunner()
    runner.invoke(cli, ["extract", *map(str, sorted(Path("seeds").glob("*.txt")))])
    assert runner.invoke(cli, ["build"]).exit_code in (0, 2)
    lib = load_refs("refs")
    assert lib.get(key).title.endswith("（已更正）")  # type: ignore[union-attr]
    assert victim not in lib
    assert "（已更正）" in Path("build/bibliography.txt").read_text("utf-8")

    errors = [
        e
        for e in browser.events
        if e.get("method") == "Runtime.exceptionThrown"
        or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
    ]
    assert errors == []
    shot = os.environ.get("CITEKIT_SCREENSHOT_WORKBENCH")
    if shot:
        first = browser.js("document.querySelector('article.rec').dataset.key")
        browser.js(f"document.querySelector('article.rec[data-key=\"{first}\"] .wb-edit').click()")
        wait_until(browser, "document.querySelector('form.wb-form') !== null")
        browser.js("document.querySelector('form.wb-form').scrollIntoView({block: 'center'})")
        data = browser.send("Page.captureScreenshot", format="png")["data"]
        Path(ROOT / shot).write_bytes(base64.b64decode(data))


def test_the_low_confidence_record_is_listed_first_and_a_click_shows_its_card(
    workbench: tuple[ReviewServer, Chromium],
) -> None:
    from test_report import LOW_CONFIDENCE_BULLETIN

    server, browser = workbench
    Path("docs").mkdir()
    Path("docs/bulletin.txt").write_text(LOW_CONFIDENCE_BULLETIN, encoding="utf-8")
    assert CliRunner().invoke(cli, ["extract", "docs/bulletin.txt"]).exit_code in (0, 2)
    (weak,) = [r.id for r in load_refs("refs") if r.warnings]
    open_page(browser, server.url)
    listed = browser.js(
        "Array.from(document.querySelectorAll('#check-records li')).map(li => li.dataset.key)"
    )
    assert listed == [weak]
    assert browser.js("document.getElementById('check-count').textContent") == "1"
    missed = browser.js(
        "Array.from(document.querySelectorAll('#check-missed li')).map(li => li.textContent)"
    )
    assert any("docs/bulletin.txt:13" in m for m in missed)
    # filtered out by the document filter, the card is still shown when its link is clicked
    browser.js(
        "(s => { s.value = s.options[1].value; s.dispatchEvent(new Event('change')); })"
        "(document.getElementById('f-doc'))"
    )
    card = f"document.querySelector('article.rec[data-key=\"{weak}\"]')"
    assert browser.js(f"{card}.hidden") is True
    browser.js("document.querySelector('#check-records li a').click()")
    wait_until(browser, f"!{card}.hidden")
    wait_until(
        browser,
        f"(r => r.bottom > 0 && r.top < window.innerHeight)({card}.getBoundingClientRect())",
    )


def test_a_click_on_a_record_whose_chunk_has_not_come_shows_it_when_it_comes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The "to check first" panel links to a card the page does not have yet: the click is
    kept, and the card is shown (and scrolled to) when its chunk comes."""
    import threading

    from test_report import LOW_CONFIDENCE_BULLETIN

    from citekit.review.page import PageRun

    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "refs", tmp_path / "refs")
    monkeypatch.chdir(tmp_path)
    Path("docs").mkdir()
    Path("docs/bulletin.txt").write_text(LOW_CONFIDENCE_BULLETIN, encoding="utf-8")
    assert CliRunner().invoke(cli, ["extract", "docs/bulletin.txt"]).exit_code in (0, 2)
    (weak,) = [r.id for r in load_refs("refs") if r.warnings]
    # the chunks wait until the test lets them go (the findings do not)
    release = threading.Event()
    chunk = PageRun.chunk
    monkeypatch.setattr(PageRun, "chunk", lambda run, n: release.wait(120) and chunk(run, n))
    server = ReviewServer(Workbench("refs"), first=3, chunk=4)
    start_in_thread(server)
    assert BROWSER is not None
    browser = Chromium(BROWSER, tmp_path / "profile")
    try:
        browser.open(server.url)
        wait_until(browser, "document.documentElement.dataset.wbFindings === '1'")
        card = f"document.querySelector('article.rec[data-key=\"{weak}\"]')"
        assert browser.js(f"{card} === null")  # its chunk has not come
        assert browser.js("document.querySelectorAll('article.rec').length") == 3
        assert browser.js("document.querySelector('#check-records li').dataset.key") == weak
        browser.js("document.querySelector('#check-records li a').click()")
        assert "加载中" in browser.js("document.getElementById('wb-msg').textContent")
        release.set()
        wait_until(browser, "document.documentElement.dataset.wbLoaded === '1'")
        wait_until(browser, f"{card} !== null && !{card}.hidden")
        wait_until(
            browser,
            f"(r => r.bottom > 0 && r.top < window.innerHeight)({card}.getBoundingClientRect())",
        )
        assert "加载中" not in browser.js("document.getElementById('wb-msg').textContent")
    finally:
        release.set()
        browser.close()
        server.shutdown()
        server.server_close()
