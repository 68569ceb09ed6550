"""``citekit build``: the whole job in one command, from the seeds to build/ and the review page.

Every test runs in a temporary project directory holding a copy of seeds/, like a user's.
"""

from __future__ import annotations

import http.server
import json
import re
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import lxml.html
import pytest
from click.testing import CliRunner

from citekit.build import OUTPUTS, BuildOptions, find_documents, run_build
from citekit.checks.duplicates import find_duplicates
from citekit.checks.links import LinkOptions
from citekit.checks.records import check_records
from citekit.cli import cli
from citekit.errors import InputError
from citekit.formats.bibtex import from_bibtex
from citekit.merge import load_decisions, save_decisions
from citekit.model import Library
from citekit.store import load_refs, load_refs_file

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
#: a small bulletin with two clean records
TWO_ARTICLES = (
    "山区发展新篇章\n\n正文第一段。\n\n（来源：《浙江日报》2018-9-3）\n\n"
    "海岛旅游再升级\n\n正文第二段。\n\n（来源：《舟山日报》2018-10-8）\n"
)


def snapshot(*dirs: Path) -> dict[str, object]:
    """Every file under ``dirs`` with its content (to show that nothing changed).

    A .docx is compared by its parts: the zip's own timestamps change on every save.
    """
    out: dict[str, object] = {}
    for d in dirs:
        for p in sorted(d.rglob("*")) if d.exists() else ():
            if p.suffix == ".docx":
                with zipfile.ZipFile(p) as zf:
                    out[str(p)] = {n: zf.read(n) for n in sorted(zf.namelist())}
            elif p.is_file():
                out[str(p)] = p.read_bytes()
    return out


def new_project(path: Path) -> Path:
    shutil.copytree(SEEDS, path / "seeds")
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(new_project(tmp_path))
    return tmp_path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The seeds built once with ``citekit build --format json``: (project, summary)."""
    path = new_project(tmp_path_factory.mktemp("project"))
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(path)
        result = CliRunner().invoke(cli, ["build", "--format", "json"])
    assert result.exit_code == 2, result.output
    return path, json.loads(result.stdout)


@pytest.fixture(scope="module")
def library(built: tuple[Path, dict]) -> Library:
    """The built refs/, loaded from the project directory (origins like ``refs/a.yaml:12``)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(built[0])
        return load_refs("refs")


@pytest.fixture(scope="module")
def page(built: tuple[Path, dict]) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(built[0] / "build" / "index.html")).getroot()


# ---------------------------------------------------------------------------- the outputs


def test_build_writes_every_output(built: tuple[Path, dict]) -> None:
    path, summary = built
    for name in OUTPUTS:
        assert (path / "build" / name).stat().st_size > 0, name
    assert summary["outputs"] == [f"build/{name}" for name in OUTPUTS]
    assert not [p for p in (path / "build").iterdir() if p.name not in OUTPUTS]  # no temp files


def test_build_extracts_every_seed_into_refs(built: tuple[Path, dict], library: Library) -> None:
    path, summary = built
    seeds = sorted(p.stem for p in SEEDS.iterdir() if p.suffix in (".txt", ".docx"))
    refs = [p.stem for p in (path / "refs").glob("*.yaml") if not p.name.startswith("_")]
    assert sorted(refs) == seeds
    assert summary["documents"] == len(seeds)
    assert summary["records"] == summary["added"] == len(library) > 0


def test_csl_json_and_bibtex_hold_every_record(built: tuple[Path, dict], library: Library) -> None:
    path, _ = built
    items = json.loads((path / "build" / "references.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in items] == library.keys()
    bib = from_bibtex((path / "build" / "references.bib").read_text(encoding="utf-8"))
    assert bib.keys() == library.keys()


def test_text_and_word_bibliographies_list_every_record(
    built: tuple[Path, dict], library: Library
) -> None:
    path, _ = built
    lines = (path / "build" / "bibliography.txt").read_text(encoding="utf-8").splitlines()
    assert [ln.split(" ", 1)[0] for ln in lines] == [f"[{n}]" for n in range(1, len(library) + 1)]
    word = [p.text for p in docx.Document(str(path / "build" / "bibliography.docx")).paragraphs]
    body = "\n".join(word)
    for line in lines:
        assert line.split(" ", 1)[1][:12] in body


def test_summary_and_exit_code_agree_with_the_checks(
    built: tuple[Path, dict], library: Library
) -> None:
    path, summary = built
    groups = find_duplicates(library, decisions=load_decisions(path / "refs"))
    assert summary["duplicates"] == len(groups)
    assert summary["broken"] is None  # links are not checked by default
    record_problems = check_records(library)
    assert summary["problems"] >= len(record_problems)
    found = summary["problems"] or summary["duplicates"] or summary["unparsed"]
    assert summary["exit_code"] == (2 if found else 0)


def test_not_a_duplicate_decisions_are_respected(project: Path, runner: CliRunner) -> None:
    first = json.loads(runner.invoke(cli, ["build", "--format", "json"]).stdout)
    assert first["duplicate_groups"], "the seeds have look-alike records"
    group = first["duplicate_groups"][0]["ids"]
    decisions = load_decisions("refs")
    decisions.mark_distinct(group)
    save_decisions(decisions, "refs")  # what `citekit merge --not-duplicate` records
    second = json.loads(runner.invoke(cli, ["build", "--format", "json"]).stdout)
    assert group not in [g["ids"] for g in second["duplicate_groups"]]
    assert second["duplicates"] < first["duplicates"]


# --------------------------------------------------------------------------- the page


def test_page_shows_every_record_of_refs(page: lxml.html.HtmlElement, library: Library) -> None:
    assert page.xpath("//article/@data-key") == library.keys()


def test_page_badges_match_the_record_checks(page: lxml.html.HtmlElement, library: Library) -> None:
    problems = check_records(library)
    assert problems, "the seeds have incomplete records; the check should find some"
    by_record: dict[str, set[str]] = {ref.id: set() for ref in library}
    origins = {ref.origin: ref.id for ref in library}
    for p in problems:
        key = origins.get(p.where) or next(
            (k for k in by_record if p.where.casefold() == k.casefold()), None
        )
        assert key is not None, f"cannot tell which record {p} is about"
        by_record[key].add(p.code)
    for ref in library:
        card = page.xpath("//article[@data-key=$k]", k=ref.id)[0]
        shown = {
            b for b in card.xpath(".//p[@class='badges']/span/text()") if re.fullmatch(r"W3\d\d", b)
        }
        assert shown == by_record[ref.id], ref.id


def test_page_duplicate_badges_match_the_groups(
    built: tuple[Path, dict], page: lxml.html.HtmlElement, library: Library
) -> None:
    groups = find_duplicates(library, decisions=load_decisions(built[0] / "refs"))
    for ref in library:
        expected = sum(ref.id in g.ids for g in groups)
        card = page.xpath("//article[@data-key=$k]", k=ref.id)[0]
        assert (
            len(card.xpath(".//*[contains(@class, 'badge') and contains(@class, 'dup')]"))
            == expected
        )


def test_page_provenance_is_relative_to_the_project(
    page: lxml.html.HtmlElement, library: Library
) -> None:
    for ref in library:
        card = page.xpath("//article[@data-key=$k]", k=ref.id)[0]
        locations = card.xpath(
            ".//figure[contains(@class, 'attribution')]/figcaption/span[@class='where']/text()"
        )
        assert locations == [p.location for p in ref.provenance]
        assert all(loc.startswith("seeds/") for loc in locations)


def test_page_says_what_each_document_is(
    built: tuple[Path, dict], page: lxml.html.HtmlElement
) -> None:
    for section in page.xpath("//section[@class='doc']"):
        refs_file = section.xpath("string(.//p[@class='doc-meta']/code)")
        doc = load_refs_file(built[0] / refs_file).document
        about = section.xpath("string(.//p[@class='doc-about'])")
        assert (doc.title or "") in about if doc is not None else about == ""
    assert page.xpath("//p[@class='doc-about']"), "the seeds' refs files describe their documents"


# ------------------------------------------------------------------- corrections round trip


def test_an_edit_in_refs_survives_a_rebuild_and_shows_on_the_page(
    project: Path, runner: CliRunner
) -> None:
    assert runner.invoke(cli, ["build"]).exit_code == 2
    lib = load_refs("refs")
    ref = next(r for r in lib if r.title)
    file, line = ref.origin.rsplit(":", 1)  # type: ignore[union-attr]
    text = Path(file).read_text(encoding="utf-8").split("\n")
    start = int(line) - 1
    at = next(i for i in range(start, len(text)) if text[i].strip().startswith("title:"))
    text[at] = re.sub(r"title: .*", "title: 校订后的题名 <Corrected & checked>", text[at])
    Path(file).write_text("\n".join(text), encoding="utf-8")

    result = runner.invoke(cli, ["build", "--format", "json"])
    assert result.exit_code == 2, result.output
    assert json.loads(result.stdout)["kept_edits"] >= 1
    assert load_refs("refs").get(ref.id).title == "校订后的题名 <Corrected & checked>"  # type: ignore[union-attr]
    page = lxml.html.parse("build/index.html").getroot()
    card = page.xpath("//article[@data-key=$k]", k=ref.id)[0]
    assert (
        card.xpath("string(.//dl[@class='fields']/div[1]/dd)")
        == "校订后的题名 <Corrected & checked>"
    )
    assert "校订后的题名 <Corrected & checked>" in card.xpath("string(.//p[@class='entry'])")
    assert card.xpath("string(.//code[@class='edit-where'])") == ref.origin
    items = json.loads(Path("build/references.json").read_text(encoding="utf-8"))
    assert {i["id"]: i.get("title") for i in items}[ref.id] == "校订后的题名 <Corrected & checked>"


def test_a_second_build_changes_nothing(project: Path, runner: CliRunner) -> None:
    first = runner.invoke(cli, ["build"])
    before = snapshot(Path("refs"), Path("build"))
    second = runner.invoke(cli, ["build"])
    assert second.exit_code == first.exit_code
    assert snapshot(Path("refs"), Path("build")) == before


# ------------------------------------------------------------------------------ bad input


def test_an_unreadable_document_stops_the_build_and_nothing_is_written(
    project: Path, runner: CliRunner
) -> None:
    assert runner.invoke(cli, ["build"]).exit_code == 2
    before = snapshot(Path("refs"), Path("build"))
    Path("seeds/broken.txt").write_bytes(b"\x00\x01\x02binary\x00")
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 1
    assert "seeds/broken.txt" in result.stderr
    assert "citekit: error:" in result.stderr
    assert snapshot(Path("refs"), Path("build")) == before


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("references:\n- id: x\n  title: [unclosed\n", 4, id="malformed-yaml"),
        pytest.param("references:\n- id: x\n  title: T\n- id: y\n  author: 5\n", 4, id="bad-entry"),
    ],
)
def test_a_bad_refs_file_is_named_with_its_line(
    project: Path, runner: CliRunner, text: str, line: int
) -> None:
    assert runner.invoke(cli, ["build"]).exit_code == 2
    before = snapshot(Path("build"))
    bad = sorted(Path("refs").glob("*.yaml"))[0]
    bad.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 1
    assert f"{bad.as_posix()}:{line}" in result.stderr, result.stderr
    assert "citekit: error:" in result.stderr
    assert snapshot(Path("build")) == before
    assert bad.read_text(encoding="utf-8") == text  # the person's record is not merged away


def test_an_unknown_style_fails_before_anything_is_written(
    project: Path, runner: CliRunner
) -> None:
    result = runner.invoke(cli, ["build", "--style", "no-such-style"])
    assert result.exit_code == 1
    assert "gb-t-7714-2025-numeric" in result.stderr  # the available styles are listed
    assert not Path("refs").exists() and not Path("build").exists()


def test_malformed_decisions_fail_before_refs_is_touched(project: Path, runner: CliRunner) -> None:
    assert runner.invoke(cli, ["build"]).exit_code == 2
    Path("refs/_decisions.yaml").write_text("distinct: [[only-one]]\n", encoding="utf-8")
    Path("seeds/extra.txt").write_text(TWO_ARTICLES, encoding="utf-8")
    before = snapshot(Path("refs"), Path("build"))
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 1
    assert "refs/_decisions.yaml" in result.stderr
    assert snapshot(Path("refs"), Path("build")) == before


def test_a_failure_while_writing_leaves_the_previous_outputs(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert runner.invoke(cli, ["build"]).exit_code == 2
    before = snapshot(Path("build"))

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("citekit.docx.write_bibliography_docx", fail)
    Path("seeds/extra.txt").write_text(
        "新文章标题\n\n正文。\n（来源：《浙江日报》2020-1-2）\n", "utf-8"
    )
    with pytest.raises(OSError, match="disk full"):
        run_build(BuildOptions())
    assert snapshot(Path("build")) == before


def test_no_documents_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 1
    assert "seeds" in result.stderr
    (tmp_path / "empty").mkdir()
    result = runner.invoke(cli, ["build", "empty"])
    assert result.exit_code == 1
    assert "no source documents" in result.stderr


def test_find_documents_takes_txt_and_docx_and_skips_the_rest(tmp_path: Path) -> None:
    for name in ["b.docx", "a.txt", "a.meta.yaml", ".hidden.txt", "~$lock.docx", "notes.md"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub.txt").mkdir()
    d = tmp_path.as_posix()
    assert find_documents([d]) == [f"{d}/a.txt", f"{d}/b.docx"]
    assert find_documents([d, f"{d}/a.txt"]) == [f"{d}/a.txt", f"{d}/b.docx"]
    assert find_documents([f"{d}/notes.md"]) == [f"{d}/notes.md"]  # named files are taken as given
    with pytest.raises(InputError, match="no such file"):
        find_documents([f"{d}/missing.txt"])


def test_a_clean_document_builds_with_exit_code_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("one").mkdir()
    Path("one/bulletin.txt").write_text(TWO_ARTICLES, encoding="utf-8")
    result = runner.invoke(cli, ["build", "one", "--format", "json"])
    summary = json.loads(result.stdout)
    assert summary["records"] == 2, result.stderr
    assert (summary["problems"], summary["duplicates"], summary["unparsed"]) == (0, 0, 0), (
        result.stderr
    )
    assert result.exit_code == 0


def test_an_author_date_style_builds_an_unnumbered_bibliography(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("one").mkdir()
    Path("one/bulletin.txt").write_text(TWO_ARTICLES, encoding="utf-8")
    result = runner.invoke(cli, ["build", "one", "--style", "gb-t-7714-2025-author-date"])
    assert result.exit_code == 0, result.stderr
    lines = Path("build/bibliography.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and not any(ln.startswith("[") for ln in lines)
    page = lxml.html.parse("build/index.html").getroot()
    assert page.xpath("//p[@class='entry']/span[@class='label']") == []
    assert "gb-t-7714-2025-author-date" in page.xpath("string(//p[@class='meta'])")


def test_help_explains_the_outputs_with_examples(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["build", "--help"])
    assert result.exit_code == 0
    for word in ["index.html", "references.bib", "Examples:", "--check-links", "refs/"]:
        assert word in result.output


# ---------------------------------------------------------------------------------- links


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        # A real site: the cited page is 200 and unknown paths are 404 (the link checker
        # compares pages with what a site answers for a URL that cannot exist).
        code = 200 if self.path.startswith("/page") else 404
        body = b"<html><body>ok</body></html>" if code == 200 else b"not found"
        self.send_response(code)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_links_are_checked_on_request_and_shown_on_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner, server: str
) -> None:
    # Only loopback URLs: the seeds' own URLs would reach the internet.
    monkeypatch.chdir(tmp_path)
    Path("docs").mkdir()
    Path("docs/bulletin.txt").write_text(TWO_ARTICLES, encoding="utf-8")
    assert runner.invoke(cli, ["build", "docs"]).exit_code == 0
    alive, gone = load_refs("refs")
    # A person adds the URLs in refs/ (the bottom record first, so line numbers hold).
    for ref, url in ((gone, f"{server}/gone"), (alive, f"{server}/page")):
        file, line = ref.origin.rsplit(":", 1)  # type: ignore[union-attr]
        text = Path(file).read_text(encoding="utf-8").split("\n")
        text.insert(int(line), f"  URL: {url}")
        Path(file).write_text("\n".join(text), encoding="utf-8")
    assert [r.url for r in load_refs("refs")] == [f"{server}/page", f"{server}/gone"]

    links = LinkOptions(use_cache=False, retries=0)
    result = run_build(BuildOptions(inputs=["docs"], check_links=True, link_options=links))
    assert result.broken == 1 and result.exit_code == 2, result.links
    page = lxml.html.parse("build/index.html").getroot()
    assert page.xpath("string(//dd[@id='t-broken'])") == "1"
    badges = {
        key: " ".join(page.xpath("//article[@data-key=$k]//p[@class='badges']//text()", k=key))
        for key in (alive.id, gone.id)
    }
    assert "链接正常" in badges[alive.id]
    assert "链接失效" in badges[gone.id] and "not-found" in badges[gone.id]
