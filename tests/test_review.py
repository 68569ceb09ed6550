"""citekit review: the workbench's operations through its HTTP API, on a copy of the seeds.

Each operation is checked where it matters to a librarian: in the refs/ files afterwards and
in what the next ``citekit extract`` / ``citekit build`` makes of them. The server runs on
127.0.0.1 in a thread, started by the tests.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citekit.cli import cli
from citekit.review import ReviewServer, Workbench, start_in_thread
from citekit.review.workbench import stored_in
from citekit.store import load_refs, load_refs_file, write_refs_file

ROOT = Path(__file__).resolve().parent.parent


class Client:
    """Requests to a running workbench, as its page makes them."""

    def __init__(self, server: ReviewServer) -> None:
        self.server = server
        self.base = f"http://127.0.0.1:{server.port}"

    def request(
        self,
        path: str,
        body: Any = None,
        *,
        token: str | None = "",
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
    ) -> tuple[int, Any]:
        """(status, JSON or text) of GET ``path`` (POST with ``body``)."""
        sent = dict(headers or {})
        if token is not None:
            sent.setdefault("X-Citekit-Token", token or self.server.token)
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            sent.setdefault("Content-Type", "application/json")
        req = urllib.request.Request(self.base + path, data=data, headers=sent)
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                status, payload, kind = resp.status, resp.read(), resp.headers["Content-Type"]
        except urllib.error.HTTPError as exc:
            status, payload, kind = exc.code, exc.read(), exc.headers["Content-Type"]
        if kind and kind.startswith("application/json"):
            return status, json.loads(payload)
        return status, payload

    def post(self, path: str, body: Any) -> tuple[int, Any]:
        return self.request(path, body)


@pytest.fixture
def library_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the seeds and their refs/, as the working directory."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "refs", tmp_path / "refs")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def client(library_dir: Path) -> Iterator[Client]:
    server = ReviewServer(Workbench("refs"))
    start_in_thread(server)
    try:
        yield Client(server)
    finally:
        server.shutdown()
        server.server_close()


def refs_text() -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted(Path("refs").glob("*.yaml"))}


def a_record(key_part: str = "lishuiribao") -> str:
    return next(r.id for r in load_refs("refs") if key_part in r.id)


# ---------------------------------------------------------------------------------- security


def test_every_request_needs_the_token(client: Client) -> None:
    before = refs_text()
    assert client.request("/", token=None)[0] == 403
    assert client.request("/", token="wrong")[0] == 403
    key = a_record()
    assert client.request("/api/undo", {}, token=None)[0] == 403
    assert client.request("/api/delete", {"key": key}, token="x" * 32)[0] == 403
    assert refs_text() == before
    status, page = client.request(f"/?token={client.server.token}", token=None)
    assert status == 200 and b"citekit-config" in page


def test_foreign_host_and_origin_are_refused(client: Client) -> None:
    before = refs_text()
    key = a_record()
    # DNS rebinding: a page on another name that resolves to 127.0.0.1
    assert client.request("/", headers={"Host": f"evil.example:{client.server.port}"})[0] == 403
    # a cross-site post from another page the user has open
    status, _ = client.request(
        "/api/delete", {"key": key}, headers={"Origin": "http://evil.example"}
    )
    assert status == 403
    # a form post (no JSON) cannot act either
    status, _ = client.request(
        "/api/delete",
        raw=b"key=" + key.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 415
    assert refs_text() == before


def test_paths_outside_refs_are_refused(client: Client, library_dir: Path) -> None:
    before = refs_text()
    outside = library_dir / "outside.yaml"
    outside.write_text("references: []\n")
    for refs_file, source in [
        ("../outside.yaml", "seeds/000_eabb3536ebd0d52d.txt"),
        (str(outside), "seeds/000_eabb3536ebd0d52d.txt"),
        ("refs/000_eabb3536ebd0d52d.yaml", "/etc/passwd"),
        ("refs/000_eabb3536ebd0d52d.yaml", "../seeds/000_eabb3536ebd0d52d.txt"),
    ]:
        status, answer = client.post(
            "/api/add",
            {"refs_file": refs_file, "source": source, "start": 1, "end": 1, "text": "x"},
        )
        assert status == 400, answer
    assert refs_text() == before and outside.read_text() == "references: []\n"


def test_chunks_and_findings_need_the_token_and_a_current_page(client: Client) -> None:
    status, page = client.request(f"/?token={client.server.token}", token=None)
    run = re.search(rb'"run": "([^"]+)"', page)
    assert status == 200 and run is not None
    chunk = f"/api/chunk?run={run[1].decode()}&n=1"
    assert client.request(chunk, token=None)[0] == 403
    assert client.request(chunk, headers={"Origin": "http://evil.example"})[0] == 403
    assert client.request("/api/chunk?run=gone&n=1")[0] == 410
    assert client.request(f"/api/findings?run={run[1].decode()}", token="x")[0] == 403


def test_the_page_comes_in_chunks_and_its_findings_follow(library_dir: Path) -> None:
    server = ReviewServer(Workbench("refs"), first=3, chunk=10)
    start_in_thread(server)
    try:
        c = Client(server)
        _, page = c.request(f"/?token={server.token}", token=None)
        run = re.search(rb'"run": "([^"]+)"', page)[1].decode()  # type: ignore[index]
        keys = re.findall(rb'<article class="rec" id="[^"]*" data-key="([^"]+)"', page)
        assert len(keys) == 3 and b"dup-groups" in page and "计算中".encode() in page
        n: int | None = 1
        while n is not None:
            status, chunk = c.request(f"/api/chunk?run={run}&n={n}")
            assert status == 200
            for part in chunk["parts"]:
                keys += re.findall(
                    r'<article class="rec" id="[^"]*" data-key="([^"]+)"', part["html"]
                )
            n = chunk["next"]
        assert [k.decode() if isinstance(k, bytes) else k for k in keys] == load_refs("refs").keys()
        status, found = c.request(f"/api/findings?run={run}")
        assert status == 200 and found["ready"]
        assert found["totals"]["records"] == len(keys)
        groups = [g["ids"] for g in found["duplicates"]["groups"]]
        assert groups and all(k in found["duplicates"]["badges"] for g in groups for k in g)
    finally:
        server.shutdown()
        server.server_close()


def test_the_first_answer_reads_only_the_first_files_and_a_bad_file_is_named_later(
    library_dir: Path,
) -> None:
    (library_dir / "refs" / "zz_bad.yaml").write_text("references:\n- id: a\n  id: b\n")
    server = ReviewServer(Workbench("refs"), first=3, chunk=10)
    start_in_thread(server)
    try:
        c = Client(server)
        status, page = c.request(f"/?token={server.token}", token=None)
        assert status == 200 and page.count(b'<article class="rec"') == 3
        run = re.search(rb'"run": "([^"]+)"', page)[1].decode()  # type: ignore[index]
        answers = []
        n: int | None = 1
        while n is not None:
            status, chunk = c.request(f"/api/chunk?run={run}&n={n}")
            answers.append(status)
            n = chunk.get("next") if status == 200 else None
        assert answers[-1] == 400 and "refs/zz_bad.yaml:3" in chunk["error"]
        assert "duplicate key 'id'" in chunk["error"]
        status, found = c.request(f"/api/findings?run={run}")
        assert status == 200 and "zz_bad.yaml" in found["error"]
    finally:
        server.shutdown()
        server.server_close()


def test_a_title_holding_markup_is_shown_as_text(client: Client) -> None:
    key = a_record()
    _, rec = client.request(f"/api/record?key={key}")
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    status, _ = client.post(
        "/api/save", {"key": key, "fields": {"title": evil}, "version": rec["version"]}
    )
    assert status == 200
    _, page = client.request(f"/?token={client.server.token}", token=None)
    assert b'<script>alert("x")' not in page and b"<img src=x" not in page
    assert b"&lt;script&gt;alert(" in page


# -------------------------------------------------------------------------------- editing


def test_an_edit_is_saved_and_survives_extract_and_build(client: Client, library_dir: Path) -> None:
    key = a_record()
    _, rec = client.request(f"/api/record?key={key}")
    status, preview = client.post(
        "/api/preview", {"key": key, "fields": {"title": "更正后的题名", "edition": "第3版"}}
    )
    assert status == 200 and preview["entry"].startswith("更正后的题名[N]")
    fields = {"title": "更正后的题名", "author": "沈 仁；李四", "edition": "3"}
    status, saved = client.post(
        "/api/save", {"key": key, "fields": fields, "version": rec["version"]}
    )
    assert status == 200, saved
    file = next(n for n, t in refs_text().items() if "更正后的题名" in t)
    assert "# citekit reference file" in refs_text()[file]  # the file's comments are kept
    runner = CliRunner()
    assert runner.invoke(
        cli, ["extract", *map(str, sorted(Path("seeds").glob("*.txt")))]
    ).exit_code in (0, 2)
    result = runner.invoke(cli, ["build"])
    assert result.exit_code in (0, 2), result.output
    ref = load_refs("refs").get(key)
    assert ref is not None and ref.title == "更正后的题名" and ref.edition == "3"
    assert [n.literal for n in ref.author] == ["沈仁", "李四"]
    assert "更正后的题名" in (library_dir / "build" / "bibliography.txt").read_text("utf-8")


def test_a_bad_value_is_refused_and_nothing_changes(client: Client) -> None:
    before = refs_text()
    key = a_record()
    _, rec = client.request(f"/api/record?key={key}")
    for fields in ({"issued": "2018-13-45"}, {"type": "not-a-type"}, {"nonsense": "x"}):
        status, answer = client.post(
            "/api/save", {"key": key, "fields": fields, "version": rec["version"]}
        )
        assert status == 400 and answer["error"], fields
    assert refs_text() == before


def test_two_tabs_saving_one_record_never_lose_an_edit_silently(client: Client) -> None:
    key = a_record()
    _, first_tab = client.request(f"/api/record?key={key}")
    _, second_tab = client.request(f"/api/record?key={key}")
    status, _ = client.post(
        "/api/save", {"key": key, "fields": {"title": "甲的修改"}, "version": first_tab["version"]}
    )
    assert status == 200
    status, answer = client.post(
        "/api/save", {"key": key, "fields": {"title": "乙的修改"}, "version": second_tab["version"]}
    )
    assert status == 409 and answer["conflict"]
    assert answer["mine"]["title"] == "乙的修改" and answer["theirs"]["title"] == "甲的修改"
    assert load_refs("refs").get(key).title == "甲的修改"  # type: ignore[union-attr]


def test_concurrent_saves_from_threads_keep_exactly_one_and_report_the_others(
    client: Client,
) -> None:
    key = a_record()
    _, rec = client.request(f"/api/record?key={key}")
    answers: list[int] = []

    def save(n: int) -> None:
        status, _ = client.post(
            "/api/save", {"key": key, "fields": {"title": f"版本{n}"}, "version": rec["version"]}
        )
        answers.append(status)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers) == [200] + [409] * 5
    assert load_refs("refs").get(key).title.startswith("版本")  # type: ignore[union-attr]


def test_not_a_reference_stays_deleted_after_extract(client: Client) -> None:
    key = a_record()
    status, _ = client.post("/api/delete", {"key": key})
    assert status == 200
    assert key not in load_refs("refs")
    runner = CliRunner()
    runner.invoke(cli, ["extract", *map(str, sorted(Path("seeds").glob("*.txt")))])
    assert key not in load_refs("refs")


def test_confirming_a_record_clears_its_warnings(client: Client) -> None:
    key = a_record()
    rf = load_refs_file(stored_in(load_refs("refs").get(key)))  # type: ignore[arg-type]
    rf.references = [
        r.replace(warnings=("title not certain",)) if r.id == key else r for r in rf.references
    ]
    write_refs_file(rf)
    warned = load_refs("refs").get(key)
    assert warned is not None and warned.warnings
    status, _ = client.post("/api/confirm", {"key": warned.id})
    assert status == 200
    assert load_refs("refs").get(warned.id).warnings == ()  # type: ignore[union-attr]


def test_a_record_made_from_selected_lines_points_at_them(client: Client) -> None:
    refs_file = "refs/000_eabb3536ebd0d52d.yaml"
    source = "seeds/000_eabb3536ebd0d52d.txt"
    lines = Path(source).read_text("utf-8").splitlines()
    text = "\n".join(lines[2:4])
    status, answer = client.post(
        "/api/add", {"refs_file": refs_file, "source": source, "start": 3, "end": 4, "text": text}
    )
    assert status == 200, answer
    ref = load_refs("refs").get(answer["key"])
    assert ref is not None
    (prov,) = ref.provenance
    assert (prov.file, prov.start_line, prov.end_line) == (source, 3, 4)
    # the key is registered: never given to another source
    assert answer["key"] in Path("refs/_keys.yaml").read_text("utf-8")


def test_undo_puts_the_last_change_back_byte_for_byte(client: Client) -> None:
    before = refs_text()
    key = a_record()
    client.post("/api/delete", {"key": key})
    assert refs_text() != before
    status, _ = client.post("/api/undo", {})
    assert status == 200 and refs_text() == before
    status, answer = client.post("/api/undo", {})
    assert status == 400 and "nothing to undo" in answer["error"]


def test_duplicate_decisions_go_through_the_merge_commands(client: Client) -> None:
    lib = load_refs("refs")
    a, b = list(lib)[:2]
    status, _ = client.post("/api/not-duplicates", {"keys": [a.id, b.id]})
    assert status == 200
    assert a.id in Path("refs/_decisions.yaml").read_text("utf-8")
    status, answer = client.post("/api/not-duplicates", {"keys": [a.id]})
    assert status == 400 and "two or more" in answer["error"]


def test_downloads(client: Client) -> None:
    for fmt, start in (("txt", b"[1] "), ("bib", b"@"), ("docx", b"PK")):
        status, body = client.request(f"/download?format={fmt}")
        assert status == 200 and body.lstrip().startswith(start), fmt
    status, items = client.request("/download?format=json")
    assert status == 200 and len(items) == len(load_refs("refs"))


def test_cli_help_names_the_operations(library_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["review", "--help"])
    assert result.exit_code == 0
    for words in ("127.0.0.1", "token", "undo", "not a reference", "Ctrl-C"):
        assert words in result.output


def test_the_records_to_check_first_come_with_the_findings_and_missed_lines_with_chunks(
    library_dir: Path,
) -> None:
    from test_report import LOW_CONFIDENCE_BULLETIN

    Path("docs").mkdir()
    Path("docs/bulletin.txt").write_text(LOW_CONFIDENCE_BULLETIN, encoding="utf-8")
    assert CliRunner().invoke(cli, ["extract", "docs/bulletin.txt"]).exit_code in (0, 2)
    weak = [r.id for r in load_refs("refs") if r.warnings]
    assert len(weak) == 1
    server = ReviewServer(Workbench("refs"), first=3, chunk=10)
    start_in_thread(server)
    try:
        c = Client(server)
        _, page = c.request(f"/?token={server.token}", token=None)
        panel = re.search(
            rb'<details class="panel check-first" id="check-first".*?</details>', page, re.S
        )
        assert panel is not None and "计算中".encode() in panel[0]  # filled from the findings
        assert weak[0].encode() not in page  # its card comes in a later chunk
        run = re.search(rb'"run": "([^"]+)"', page)[1].decode()  # type: ignore[index]
        missed, n = "", 1
        while n is not None:
            status, chunk = c.request(f"/api/chunk?run={run}&n={n}")
            assert status == 200
            missed += chunk["missed"]
            n = chunk["next"]
        assert re.search(r'<a href="#doc\d+-miss1"><code>docs/bulletin.txt:13</code></a>', missed)
        status, found = c.request(f"/api/findings?run={run}")
        assert status == 200 and found["check_first"]["count"] == 1
        first = re.search(r'<li data-key="([^"]+)"', found["check_first"]["html"])
        assert first is not None and first[1] == weak[0]
        assert "low confidence" in found["check_first"]["html"]
    finally:
        server.shutdown()
        server.server_close()


def test_author_date_entries_in_chunks_carry_the_year_suffixes_of_the_whole_library(
    library_dir: Path,
) -> None:
    from citekit.render import render_bibliography
    from citekit.review.page import PageRun

    style = "gb-t-7714-2025-author-date"
    for name, title in (("0000_first.yaml", "乙篇文章"), ("zzzz_last.yaml", "甲篇文章")):
        Path("refs", name).write_text(
            "references:\n"
            f"- id: twin{name[:4]}\n  type: article-newspaper\n  title: {title}\n"
            "  author: [{family: 王, given: 小明}]\n  container-title: 丽水日报\n"
            "  issued: '2019-05-01'\n",
            encoding="utf-8",
        )
    lib = load_refs("refs")
    whole = {e.id: e.text for e in render_bibliography(list(lib), style)}
    assert "2019a" in whole["twin0000"] + whole["twinzzzz"]  # the twins need suffixes
    run = PageRun(Workbench("refs", style), first=3, chunk=4)
    page = run.shell("token")
    assert "twin0000" in page and "twinzzzz" not in page  # the other twin is not read yet
    parts = [page]
    n = run.chunk(1)
    while True:
        parts += [p["html"] for p in n["parts"]]
        if n["next"] is None:
            break
        n = run.chunk(n["next"])
    shown = {}
    for part in parts:
        for key, text in re.findall(
            r'data-key="([^"]+)".*?<span class="text">(.*?)</span>', part, re.S
        ):
            shown[key] = text
    assert shown.keys() == whole.keys()
    assert {k: html.unescape(v) for k, v in shown.items()} == whole


def test_a_record_opened_and_saved_before_its_chunk_comes_arrives_saved(
    library_dir: Path,
) -> None:
    server = ReviewServer(Workbench("refs"), first=3, chunk=4)
    start_in_thread(server)
    try:
        c = Client(server)
        _, page = c.request(f"/?token={server.token}", token=None)
        run = re.search(rb'"run": "([^"]+)"', page)[1].decode()  # type: ignore[index]
        key = load_refs("refs").keys()[-1]  # in the last chunk, not yet asked for
        assert f'data-key="{key}"'.encode() not in page
        status, record = c.request(f"/api/record?key={key}")
        assert status == 200 and record["key"] == key and record["fields"]["title"]
        status, saved = c.post(
            "/api/save",
            {"key": key, "fields": {"title": "先于其分块保存"}, "version": record["version"]},
        )
        assert status == 200, saved
        assert load_refs("refs").get(key).title == "先于其分块保存"  # type: ignore[union-attr]
        cards: dict[str, str] = {}
        n: int | None = 1
        while n is not None:
            status, chunk = c.request(f"/api/chunk?run={run}&n={n}")
            assert status == 200
            for part in chunk["parts"]:
                cards.update(re.findall(r'data-key="([^"]+)"(.*?)</article>', part["html"], re.S))
            n = chunk["next"]
        assert "先于其分块保存" in cards[key]
    finally:
        server.shutdown()
        server.server_close()
