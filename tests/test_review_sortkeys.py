"""The author-date year suffixes of the workbench's first answer, from the kept sort keys.

The suffixes (2018a, 2018b) depend on every record, so the first answer needs what every
record is filed under, not every record: ``review/sortkeys.py`` keeps it per refs file and
reads a new file quickly. Whatever the path, the page must be the page made from the records
read whole, and a change to a refs file, by citekit or by hand, must show at once.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from citekit.problems import Problems
from citekit.render import render_bibliography
from citekit.review import ReviewCache, ReviewServer, Workbench, start_in_thread
from citekit.review.page import PageRun, workbench_page
from citekit.review.sortkeys import quick_rows, rows_of, sort_text_of
from citekit.store import load_refs
from citekit.store.files import _parse

ROOT = Path(__file__).resolve().parent.parent
STYLE = "gb-t-7714-2025-author-date"


@pytest.fixture
def library_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the seeds and their refs/ with two same-author same-year records in the
    first and the last refs file (they need suffixes), as the working directory."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "refs", tmp_path / "refs")
    monkeypatch.chdir(tmp_path)
    for name, title in (("0000_first.yaml", "乙篇文章"), ("zzzz_last.yaml", "甲篇文章")):
        Path("refs", name).write_text(
            "# a comment\n"
            "references:\n"
            f"- id: twin{name[:4]}\n  type: article-newspaper\n  title: {title}\n"
            "  author:\n  - family: 王\n    given: 小明\n  container-title: 丽水日报\n"
            "  issued: '2019-05-01'\n"
            "  provenance:\n  - {file: seeds/x.txt, lines: [1, 2], raw: 来源}\n",
            encoding="utf-8",
        )
    return tmp_path


def entries_shown(page: str) -> dict[str, str]:
    return dict(re.findall(r'data-key="([^"]+)".*?<span class="text">(.*?)</span>', page, re.S))


def suffix_of(page: str, key: str) -> str:
    found = re.search(r"2019([a-z]?)", entries_shown(page)[key])
    assert found is not None
    return found[1]


def page(cache: Path | None, **sizes: int) -> str:
    wb = Workbench("refs", STYLE, ReviewCache(cache))
    return workbench_page(wb, "token", **sizes)


# ------------------------------------------------------------------------ the same page


def test_the_author_date_page_in_chunks_shows_what_the_page_at_once_shows(
    library_dir: Path, tmp_path: Path
) -> None:
    at_once = page(None, first=1000)
    assert (suffix_of(at_once, "twin0000"), suffix_of(at_once, "twinzzzz")) == ("b", "a")
    cards = entries_shown(at_once)
    whole = {e.id: e.text for e in render_bibliography(list(load_refs("refs")), STYLE)}
    assert {k: html.unescape(v) for k, v in cards.items()} == whole
    for sizes in ({"first": 1, "chunk": 1}, {"first": 2, "chunk": 3}, {"first": 3, "chunk": 4}):
        assert entries_shown(page(None, **sizes)) == cards
        assert page(None, **sizes) == page(tmp_path / "cache", **sizes)  # made, then kept
        assert page(tmp_path / "cache", **sizes) == page(None, **sizes)


def test_a_hand_edit_changes_the_suffixes_of_the_next_opening(
    library_dir: Path, tmp_path: Path
) -> None:
    from test_review_cache import replace_keeping_size_and_time

    cache = tmp_path / "cache"
    before = page(cache, first=3, chunk=4)
    assert suffix_of(before, "twin0000") == "b"
    # the first twin's title now sorts first (丙 bing < 甲 jia), same size and time
    replace_keeping_size_and_time(Path("refs/0000_first.yaml"), "乙篇文章", "丙篇文章")
    after = page(cache, first=3, chunk=4)
    assert (suffix_of(after, "twin0000"), suffix_of(after, "twinzzzz")) == ("a", "b")
    assert after == page(None, first=3, chunk=4)


def test_a_save_changes_the_suffixes_of_the_next_opening(library_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    wb = Workbench("refs", STYLE, ReviewCache(cache))
    assert suffix_of(workbench_page(wb, "token", first=3, chunk=4), "twinzzzz") == "a"
    wb.save("twinzzzz", {"title": "左篇文章"}, wb.record_json("twinzzzz")["version"])
    again = workbench_page(wb, "token", first=3, chunk=4)
    assert (suffix_of(again, "twin0000"), suffix_of(again, "twinzzzz")) == ("a", "b")
    assert again == page(None, first=3, chunk=4)


def test_the_first_answer_reads_the_first_files_only(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wb = Workbench("refs", STYLE)
    whole: list[Path] = []
    parsed = wb.parsed
    monkeypatch.setattr(wb, "parsed", lambda path, **kw: whole.append(path) or parsed(path, **kw))
    run = PageRun(wb, first=3, chunk=4)
    first = run.shell("token")
    assert "twin0000" in first and "twinzzzz" not in first
    assert Path("refs/zzzz_last.yaml") not in whole  # its sort keys only
    assert len(whole) < len(run.paths)


# ------------------------------------------------------------------- the quick reading


ODD_LAYOUTS = {
    "flow record": "references:\n- {id: a1, title: 甲, issued: '2019', author: [{literal: 王}]}\n",
    "literal title": "references:\n- id: a2\n  title: |\n    多行\n    题名\n  issued: '2019'\n",
    "indented list": "references:\n  - id: a3\n    title: 甲\n",
    "comments": "# c\nsource: x.txt\n# c\nreferences:\n# c\n- id: a4\n  # c\n  title: 甲 # c\n",
    "numbers": "references:\n- id: 2019\n  title: 1984\n  issued: 2019\n  volume: 3\n",
    "bad provenance": "references:\n- id: a5\n  title: 甲\n  provenance: [{lines: [3, 1]}]\n"
    "- id: a6\n  title: 乙\n",
    "bad date": "references:\n- id: a7\n  issued: 2019-02-30\n- id: a8\n  issued: '2019'\n",
    "tab": "references:\n- id: a9\n\t title: 甲\n",
    "empty": "references:\n",
    "anchor in a dropped field": "references:\n- id: b1\n  note: &t 甲\n  title: *t\n",
    "first field dropped": "references:\n- note: x\n  id: b2\n  title: 甲\n",
    "a list as text": "references:\n- id: b3\n  volume: [1, 2]\n- id: b4\n  volume: 三\n",
    "yes as text": "references:\n- id: b5\n  volume: yes\n  URL: http://a.b/c\n",
    "long number": "references:\n- id: b6\n  issue: 1234567890123456789012345678901\n",
    "blank lines": "references:\n  \n- id: c0\n    \n  title: 甲\n\n",
    "names": "references:\n- id: c1\n  author:\n  - 王小明\n  - family: Smith\n    given: J.\n"
    "  - literal: 浙江省发展和改革委员会\n  editor:\n  title: 甲\n",
    "scalars": "references:\n- id: c2\n  title: 'it''s'\n  container-title: \"双引号\"\n"
    "  publisher: ~\n  issued: 2019\n  language: null\n  volume: '7'\n",
    "scalars the quick reading leaves to the parser": "references:\n- id: c3\n  title: yes\n"
    "  issued: 2019-05-01\n  container-title: 1.5\n  publisher: 0x1F\n  note: a #b\n- id: 0123\n",
    "provenance by hand": "references:\n- id: b7\n  provenance:\n  - {file: a, lines: [2, 1]}\n"
    "- id: b8\n  provenance:\n  - {file: a.txt, lines: [1, 1], raw: 'x, y'}\n"
    "- id: b9\n  provenance:\n  - {file: yes, lines: [1, 1], raw: x}\n",
    "no records": "source: x.txt\n",
}


@pytest.mark.parametrize("text", ODD_LAYOUTS.values(), ids=ODD_LAYOUTS.keys())
def test_a_quick_reading_is_the_store_s_reading_or_none(text: str, tmp_path: Path) -> None:
    path = tmp_path / "refs.yaml"
    try:
        truth = rows_of(_parse(text, path, Problems()).references)
    except Exception:
        truth = None
    quick = quick_rows(path, text)
    assert quick is None or quick == truth


@pytest.mark.parametrize("text", ODD_LAYOUTS.values(), ids=ODD_LAYOUTS.keys())
def test_records_read_line_by_line_are_what_the_yaml_parser_reads_or_none(text: str) -> None:
    from citekit.review.sortkeys import _records
    from citekit.store._yaml import load_yaml, strip_lines

    short = sort_text_of(text)
    if short is None:
        return
    try:
        parsed = strip_lines(load_yaml(short, "refs.yaml"))
    except Exception:
        parsed = None
    quick = _records(short)
    assert quick is None or (parsed is not None and quick == (parsed.get("references") or []))


def test_the_quick_reading_of_the_project_s_refs_files_is_the_store_s(library_dir: Path) -> None:
    from citekit.review.sortkeys import _records
    from citekit.store.files import refs_files

    paths = refs_files(Path("refs"))
    assert len(paths) >= 5
    by_line = 0
    for path in paths:
        text = path.read_text("utf-8")
        short = sort_text_of(text)
        assert short is not None and short.count("provenance") < text.count("provenance") / 2
        assert quick_rows(path, text) == rows_of(_parse(text, path, Problems()).references)
        if "provenance" not in short:  # (one written by hand, kept: left to the parser)
            assert _records(short) is not None  # read line by line, without the YAML parser
            by_line += 1
    assert by_line >= 3


def test_pinyin_of_each_word_once_reads_as_lazy_pinyin() -> None:
    from pypinyin import lazy_pinyin

    from citekit.render._order import _pinyin

    lines = [
        line.strip()
        for doc in sorted((ROOT / "tests" / "corpus" / "docs").glob("*.txt"))[:40]
        for line in doc.read_text("utf-8").splitlines()[:60]
        if line.strip()
    ]
    lines += ["重庆银行行长", "曾国藩与单田芳", "ABC中文，混合！“引号”2018年", "", "のひらがな漢字"]
    assert len(lines) > 1000
    assert [_pinyin(t) for t in lines] == [" ".join(lazy_pinyin(t)).lower() for t in lines]


# ------------------------------------------------------------ a wrong key is never kept


def test_rows_that_disagree_with_the_file_read_whole_make_the_page_reload(
    library_dir: Path, tmp_path: Path
) -> None:
    from test_review import Client

    cache = tmp_path / "cache"
    page(cache, first=3, chunk=4)  # rows kept
    wb = Workbench("refs", STYLE, ReviewCache(cache))
    index = wb.sort_index
    # a kept row made wrong (as a quick reading could be): the other twin's title
    path = Path("refs/zzzz_last.yaml")
    key = index.key(path, path.read_text("utf-8"))
    (row,) = index._kept.get(key)
    index._rows[key] = ((*row[:4], "左篇文章"),)  # zuo: after 乙 yi, where 甲 jia is before
    server = ReviewServer(wb, first=3, chunk=4)
    start_in_thread(server)
    try:
        c = Client(server)
        _, first = c.request(f"/?token={server.token}", token=None)
        assert suffix_of(first.decode(), "twin0000") == "a"  # wrong: made from the wrong row
        run = re.search(rb'"run": "([^"]+)"', first)[1].decode()  # type: ignore[index]
        statuses, n = [], 1
        while n is not None:
            status, chunk = c.request(f"/api/chunk?run={run}&n={n}")
            statuses.append(status)
            n = chunk.get("next") if status == 200 else None
        assert statuses[-1] == 410  # the page reloads ...
        assert c.request(f"/api/findings?run={run}")[0] == 410
        _, again = c.request(f"/?token={server.token}", token=None)  # ... and is right
        assert suffix_of(again.decode(), "twin0000") == "b"
        assert workbench_page(wb, "token", first=3, chunk=4) == page(None, first=3, chunk=4)
        wb.sort_index._rows.clear()  # the next process: the corrected row was kept
        assert page(cache, first=3, chunk=4) == page(None, first=3, chunk=4)
    finally:
        server.shutdown()
        server.server_close()


def test_what_the_command_prepares_is_what_the_first_answer_uses(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from citekit.render import _order
    from citekit.review.page import prepare

    wb = Workbench("refs", STYLE)
    prepare(wb)  # as `citekit review` does when it starts listening
    ordered: list[int] = []  # the size of each list put in author-date order
    order = _order.order_by_fields

    def counted(fields: Any, titles: Any, keys: Any = None) -> Any:
        ordered.append(len(fields))
        return order(fields, titles, keys)

    monkeypatch.setattr(_order, "order_by_fields", counted)
    first = PageRun(wb, first=3, chunk=4).shell("token")
    monkeypatch.undo()
    assert ordered and max(ordered) <= 3  # its own records only: not the whole library again
    assert suffix_of(first, "twin0000") == "b"
    assert workbench_page(wb, "token", first=3, chunk=4) == page(None, first=3, chunk=4)
    prepare(Workbench("refs"))  # numeric: nothing to prepare
