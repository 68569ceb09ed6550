"""The review page: every record beside the exact source lines it came from, with its badges.

The page is built from the real stages (extraction of the seeds, the store, rendering, duplicate
detection) and read back with lxml.html, the way a browser would see it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.html import HtmlElement

from citekit.checks.duplicates import DuplicateGroup, find_duplicates
from citekit.checks.links import LinkResult
from citekit.extract import Unparsed, extract_file
from citekit.model import Library, PartialDate, Provenance, Reference
from citekit.problems import Problems
from citekit.render import render_bibliography
from citekit.report import Review, anchor_for, find_title_lines, render_page
from citekit.store import load_refs, merge_extraction, refs_path_for

ROOT = Path(__file__).resolve().parent.parent
SEED_FILES = sorted(p for p in (ROOT / "seeds").iterdir() if p.suffix in (".txt", ".docx"))


def source_lines(path: str) -> list[str]:
    """The source document as the test reads it, independently of citekit."""
    return Path(path).read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")


@pytest.fixture(scope="module")
def seeds_refs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    refs = tmp_path_factory.mktemp("refs")
    for f in SEED_FILES:
        ex = extract_file(str(f))
        merge_extraction(ex.source, ex.document, ex.references, refs)
    return refs


@pytest.fixture(scope="module")
def lib(seeds_refs: Path) -> Library:
    return load_refs(seeds_refs)


def _first_with_url_or(lib: Library, n: int) -> Reference:
    with_url = [r for r in lib if r.url]
    return with_url[0] if with_url else lib[n]


@pytest.fixture(scope="module")
def review(lib: Library, seeds_refs: Path) -> Review:
    problems = Problems()
    # Findings as the checks report them: by the record's place in refs/ ...
    problems.add(lib[1].origin or "", "W301", "record has no title")
    problems.add(lib[1].origin or "", "W305", "future date")
    # ... and by the place in the source document.
    prov = lib[3].provenance[0]
    problems.add(f"{prov.file}:{prov.start_line}", "E103", "impossible date", "error")
    problems.add("elsewhere.txt:1", "E999", "not about any record")
    duplicates = list(find_duplicates(lib)) or [
        DuplicateGroup((lib[0].id, lib[2].id), "possible", 88.0, "same source, near date")
    ]
    broken = _first_with_url_or(lib, 4)
    links = [
        LinkResult(
            broken.url or "http://127.0.0.1/a", (broken.id,), "broken", "not-found", 404, None, 12
        ),
        LinkResult("http://127.0.0.1/b", (lib[5].id,), "unverifiable", "blocked", 403, None, 9),
        LinkResult("http://127.0.0.1/c", (lib[6].id,), "ok", "ok", 200, "http://127.0.0.1/c", 3),
    ]
    return Review(
        library=lib,
        rendered=render_bibliography(list(lib)),
        problems=problems,
        duplicates=duplicates,
        links=links,
        read_source=source_lines,
        sources={refs_path_for(str(f), seeds_refs).as_posix(): str(f) for f in SEED_FILES},
        style="gb-t-7714-2025-numeric",
    )


@pytest.fixture(scope="module")
def page(review: Review) -> HtmlElement:
    return lxml.html.fromstring(render_page(review))


def card(page: HtmlElement, key: str) -> HtmlElement:
    (el,) = page.xpath("//article[@data-key=$k]", k=key)
    return el


def texts(els: Sequence[HtmlElement]) -> list[str]:
    return [e.text_content() for e in els]


# ------------------------------------------------------------------------------- structure


def test_every_record_appears_exactly_once_in_library_order(
    page: HtmlElement, lib: Library
) -> None:
    assert page.xpath("//article[contains(@class, 'rec')]/@data-key") == lib.keys()


def test_every_seed_document_has_a_section(page: HtmlElement) -> None:
    shown = texts(page.xpath("//section[@class='doc']//span[@class='doc-source']"))
    assert shown == [str(f) for f in SEED_FILES]


def test_each_record_sits_in_its_documents_section(page: HtmlElement, lib: Library) -> None:
    for ref in lib:
        (section,) = card(page, ref.id).xpath("ancestor::section[1]")
        refs_file = section.xpath(".//p[@class='doc-meta']/code")[0].text_content()
        assert ref.origin is not None and ref.origin.startswith(refs_file + ":")


def test_provenance_lines_are_the_exact_source_lines(page: HtmlElement, lib: Library) -> None:
    for ref in lib:
        spans = card(page, ref.id).xpath(
            ".//div[@class='src']/figure[contains(@class, 'attribution')]"
        )
        assert len(spans) == len(ref.provenance)
        for fig, prov in zip(spans, ref.provenance, strict=True):
            assert fig.xpath("string(figcaption/span[@class='where'])") == prov.location
            hit = [int(n) for n in fig.xpath(".//tr[@class='hit']/th/text()")]
            assert hit == list(range(prov.start_line, prov.end_line + 1))
            lines = source_lines(prov.file)
            for row in fig.xpath(".//tr"):
                n = int(row.xpath("string(th)"))
                assert row.xpath("string(td)") == lines[n - 1]


def test_every_shown_line_is_the_source_line_with_that_number(
    page: HtmlElement, lib: Library
) -> None:
    for ref in lib:
        for fig in card(page, ref.id).xpath(".//div[@class='src']/figure"):
            file = fig.xpath("string(figcaption/span[@class='where'])").rsplit(":", 1)[0]
            lines = source_lines(file)
            for row in fig.xpath(".//tr"):
                assert row.xpath("string(td)") == lines[int(row.xpath("string(th)")) - 1]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_lines_a_title_was_read_from_are_marked(page: HtmlElement, lib: Library) -> None:
    found = 0
    for ref in lib:
        rows = card(page, ref.id).xpath(".//tr[contains(@class, 'title')]/td")
        if rows:
            assert squeeze(ref.title or "") in squeeze("".join(texts(rows)))
            found += 1
    titled = [
        r for r in lib if r.title and squeeze(r.title)[:8] not in squeeze(r.provenance[0].raw)
    ]
    print(f"title lines found for {found} of {len(titled)} records titled from a heading")
    assert found >= 0.8 * len(titled)


def test_three_lines_of_context_around_each_span(page: HtmlElement, lib: Library) -> None:
    for ref in lib:
        prov = ref.provenance[0]
        fig = card(page, ref.id).xpath(".//figure[contains(@class, 'attribution')]")[0]
        numbers = [int(n) for n in fig.xpath(".//tr/th/text()")]
        total = len(source_lines(prov.file))
        # Three lines each side; more above when the title stands just above them.
        assert numbers[-1] == min(total, prov.end_line + 3)
        assert numbers[0] <= max(1, prov.start_line - 3)
        assert numbers == list(range(numbers[0], numbers[-1] + 1))


def test_edit_location_names_the_refs_file_line_and_key(page: HtmlElement, lib: Library) -> None:
    for ref in lib:
        el = card(page, ref.id)
        where = el.xpath("string(.//code[@class='edit-where'])")
        assert where == ref.origin
        assert el.xpath("string(.//code[@class='edit-key'])") == ref.id
        file, line = where.rsplit(":", 1)
        assert (
            Path(file).read_text(encoding="utf-8").split("\n")[int(line) - 1] == f"- id: {ref.id}"
        )


def test_each_record_shows_its_rendered_entry(page: HtmlElement, review: Review) -> None:
    for r in review.rendered:
        el = card(page, r.id)
        assert el.xpath("string(.//p[@class='entry']/span[@class='label'])") == r.label
        assert el.xpath("string(.//p[@class='entry']/span[@class='text'])") == r.text


# ---------------------------------------------------------------------------------- badges


def badge_texts(el: HtmlElement) -> list[str]:
    return texts(
        el.xpath(
            ".//p[@class='badges']/*[contains(@class, 'badge')][not(contains(@class, 'type'))]"
        )
    )


def test_problem_badges_match_the_problems_of_each_record(page: HtmlElement, lib: Library) -> None:
    assert "W301" in badge_texts(card(page, lib[1].id))
    assert "W305" in badge_texts(card(page, lib[1].id))
    # A problem located in the source document lands on the record extracted from that line.
    assert "E103" in badge_texts(card(page, lib[3].id))
    for ref in lib:
        codes = [t for t in badge_texts(card(page, ref.id)) if re.fullmatch(r"[EW]\d{3}", t)]
        expected = {1: ["W301", "W305"], 3: ["E103"]}.get(lib.keys().index(ref.id), [])
        assert codes == expected, ref.id
    # A problem tied to no record is still on the page.
    assert "E999" in page.xpath("string(//details[@id='other-problems'])")


def test_duplicate_badges_match_the_groups(page: HtmlElement, review: Review, lib: Library) -> None:
    expected: Counter[str] = Counter(k for g in review.duplicates for k in g.ids)
    for ref in lib:
        dups = card(page, ref.id).xpath(".//a[contains(@class, 'dup')]")
        assert len(dups) == expected[ref.id], ref.id
        for a in dups:  # each badge links to another member of its group
            target = a.get("href").removeprefix("#")
            assert page.xpath("//article[@id=$t]", t=target)
            assert target != card(page, ref.id).get("id")


def test_link_badges_match_the_link_results(page: HtmlElement, review: Review) -> None:
    assert review.links is not None
    for link in review.links:
        (key,) = link.ids
        shown = " ".join(badge_texts(card(page, key)))
        word = {"broken": "链接失效", "unverifiable": "链接无法验证", "ok": "链接正常"}[
            link.verdict
        ]
        assert word in shown and link.reason in shown
        titles = card(page, key).xpath(".//p[@class='badges']/span[contains(., $w)]/@title", w=word)
        assert titles and titles[0].startswith(link.url) and "None" not in titles[0]
    assert page.xpath("string(//dd[@id='t-broken'])") == "1"


def test_filter_tags_agree_with_the_badges(page: HtmlElement, lib: Library) -> None:
    tags = {a.get("data-key"): a.get("data-tags").split() for a in page.xpath("//article")}
    assert {"W301", "W305", "any"} <= set(tags[lib[1].id])
    assert "link-broken" in tags[_first_with_url_or(lib, 4).id]
    assert all(("clean" in t) != ("any" in t) for t in tags.values())
    # The finding filter offers each tag with the number of records that carry it.
    for value, count in re.findall(
        r"<option value=\"([^\"]+)\">[^<]*（(\d+)）", lxml.html.tostring(page, encoding="unicode")
    ):
        if value.startswith("doc"):
            continue
        assert sum(value in t for t in tags.values()) == int(count), value


def test_each_document_says_how_many_of_its_records_have_findings(page: HtmlElement) -> None:
    for section in page.xpath("//section[@class='doc']"):
        flagged = len(section.xpath(".//article[contains(concat(' ', @data-tags, ' '), ' any ')]"))
        shown = section.xpath("string(.//span[@class='flagged'])")
        assert shown == (f"{flagged} 条有问题 with findings" if flagged else "")


def test_document_filter_lists_each_document(page: HtmlElement) -> None:
    options = page.xpath("//select[@id='f-doc']/option/@value")
    sections = page.xpath("//section[@class='doc']/@data-doc")
    assert options == ["", *sections]


def test_summary_counts(page: HtmlElement, review: Review, lib: Library) -> None:
    assert page.xpath("string(//dd[@id='t-records'])") == str(len(lib))
    assert page.xpath("string(//dd[@id='t-documents'])") == str(len(SEED_FILES))
    assert page.xpath("string(//dd[@id='t-duplicates'])") == str(len(review.duplicates))
    assert page.xpath("string(//dd[@id='t-problems'])") == str(len(review.problems))


def test_charts_count_every_record_once(page: HtmlElement, lib: Library) -> None:
    for chart in ("chart-type", "chart-year"):
        values = page.xpath(f"//svg[@id='{chart}']//text[@class='val']/text()")
        assert sum(int(v) for v in values) == len(lib)
    years = page.xpath("//svg[@id='chart-year']//text[@class='lbl']/text()")
    assert years == sorted(years)


# --------------------------------------------------------------------- self-contained page


def test_page_is_self_contained_and_declares_chinese(review: Review) -> None:
    html = render_page(review)
    root = lxml.html.fromstring(html)
    assert root.get("lang") == "zh-CN"
    assert root.xpath("//meta/@charset") == ["utf-8"]
    assert not root.xpath(
        "//link | //img | //iframe | //script[@src] | //*[@style and contains(@style, 'url(')]"
    )
    assert all(h.startswith("#") for h in root.xpath("//@href"))
    assert "@import" not in html and "url(" not in html
    assert "Microsoft YaHei" in html and "PingFang SC" in html and "Noto Sans CJK SC" in html
    assert len(root.xpath("//script")) == 1


def test_a_source_that_cannot_be_read_shows_the_attribution_text(lib: Library) -> None:
    ref = lib[0]
    review = Review(Library([ref]), read_source=lambda path: None)
    el = card(lxml.html.fromstring(render_page(review)), ref.id)
    assert not el.xpath(".//table")
    assert el.xpath("string(.//p[@class='raw'])") == ref.provenance[0].raw


def test_unparsed_attributions_are_shown_in_their_document() -> None:
    prov = Provenance("doc.txt", 2, 2, "（来源：？？？）")
    review = Review(
        Library(),
        unparsed=[Unparsed(prov, "no source name")],
        read_source=lambda path: ["标题", "（来源：？？？）", "正文"],
        sources={"refs/doc.yaml": "doc.txt"},
    )
    root = lxml.html.fromstring(render_page(review))
    assert root.xpath("//div[@class='unparsed']//tr[@class='hit']/td/text()") == [
        "（来源：？？？）"
    ]
    assert root.xpath("string(//dd[@id='t-unparsed'])") == "1"


def test_links_not_checked_are_said_so(lib: Library) -> None:
    root = lxml.html.fromstring(render_page(Review(lib)))
    assert root.xpath("string(//dd[@id='t-broken'])") == "未检查"


_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(title=_text, raw=_text, key=st.from_regex(r"[a-z][a-z0-9\-]{0,12}", fullmatch=True))
def test_any_text_is_escaped_and_shown_verbatim(title: str, raw: str, key: str) -> None:
    ref = Reference(
        id=key,
        type="webpage",
        title=title,
        container_title=raw,
        issued=PartialDate(2020),
        provenance=(Provenance("x.txt", 2, 2, raw),),
        origin="refs/x.yaml:4",
    )
    review = Review(
        Library([ref]),
        read_source=lambda path: ["前", raw, "后"],
        sources={"refs/x.yaml": "x.txt"},
    )
    root = lxml.html.fromstring(render_page(review))
    el = card(root, key)
    assert el.xpath("string(.//dl[@class='fields']/div[1]/dd)") == title
    assert el.xpath("string(.//tr[@class='hit']/td)") == raw
    assert len(root.xpath("//script")) == 1
    assert len(root.xpath("//article")) == 1


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param("山区发展新篇章", (3,), id="one-line"),
        pytest.param("关于山区发展的若干意见", (5, 7), id="wrapped-over-a-blank-line"),
        pytest.param("关于 山区发展的 若干意见", (5, 7), id="spaces-ignored"),
        pytest.param("没有这个题名", (), id="absent"),
        pytest.param("", (), id="no-title"),
    ],
)
def test_find_title_lines(title: str, expected: tuple[int, ...]) -> None:
    lines = ["前言", "", "山区发展新篇章", "", "关于山区发展的", "", "若干意见", "", "（来源：x）"]
    assert find_title_lines(lines, title, before=8) == expected


@st.composite
def reviews(draw: st.DrawFn) -> Review:
    """Small libraries with arbitrary findings attached to arbitrary records."""
    keys = draw(
        st.lists(
            st.from_regex(r"[a-z]{1,6}[0-9]{0,2}", fullmatch=True),
            min_size=1,
            max_size=8,
            unique=True,
        )
    )
    refs = [
        Reference(
            id=k,
            type=draw(st.sampled_from(["article-newspaper", "webpage", "legislation", "book"])),
            title=f"题名{k}",
            issued=draw(st.none() | st.builds(PartialDate, st.integers(1990, 2030))),
            provenance=(Provenance("doc.txt", i + 1, i + 1, f"（来源：{k}）"),),
            origin=f"refs/doc.yaml:{3 + 5 * i}",
        )
        for i, k in enumerate(keys)
    ]
    problems = Problems()
    for ref in draw(st.lists(st.sampled_from(refs), max_size=6)):
        code = draw(st.sampled_from(["W301", "W305", "W310"]))
        problems.add(ref.origin or "", code, "m", draw(st.sampled_from(["error", "warning"])))
    groups = []
    if len(keys) >= 2:
        members = st.lists(st.sampled_from(keys), min_size=2, max_size=3, unique=True)
        for ids in draw(st.lists(members, max_size=3)):
            decision = draw(st.sampled_from(["duplicate", "possible"]))
            groups.append(DuplicateGroup(tuple(ids), decision, 90.0, "r"))
    links = [
        LinkResult(
            f"http://127.0.0.1/{k}", (k,), v, "ok" if v == "ok" else "not-found", 200, None, 1
        )
        for k, v in zip(
            keys,
            draw(st.lists(st.sampled_from(["ok", "broken", "unverifiable"]), max_size=len(keys))),
            strict=False,
        )
    ]
    return Review(
        Library(refs),
        problems=problems,
        duplicates=groups,
        links=links,
        read_source=lambda path: [f"（来源：{k}）" for k in keys],
        sources={"refs/doc.yaml": "doc.txt"},
    )


@settings(max_examples=40, deadline=None)
@given(review=reviews())
def test_badges_and_tags_follow_the_findings_for_any_library(review: Review) -> None:
    root = lxml.html.fromstring(render_page(review))
    assert root.xpath("//article/@data-key") == review.library.keys()
    for ref in review.library:
        el = card(root, ref.id)
        tags = el.get("data-tags").split()
        codes = sorted(p.code for p in review.problems if p.where == ref.origin)
        assert sorted(t for t in tags if t.startswith("W")) == sorted(set(codes))
        assert sorted(b for b in badge_texts(el) if b.startswith("W")) == codes
        in_groups = sum(ref.id in g.ids for g in review.duplicates)
        assert len(el.xpath(".//a[contains(@class, 'dup')]")) == in_groups
        bad_link = any(ref.id in link.ids and link.verdict != "ok" for link in review.links or ())
        assert ("clean" in tags) == (not codes and not in_groups and not bad_link)
        assert ("clean" in tags) != ("any" in tags)


def test_a_merged_record_is_pointed_to_from_every_document_that_cites_it() -> None:
    # After `citekit merge`, one record keeps the provenance of both bulletins.
    ref = Reference(
        id="zhejiangribao2018",
        type="article-newspaper",
        title="山区发展新篇章",
        container_title="浙江日报",
        provenance=(
            Provenance("a.txt", 2, 2, "（来源：《浙江日报》2018-9-3）"),
            Provenance("b.txt", 2, 2, "（来源：浙江日报 2018年9月3日）"),
        ),
        origin="refs/a.yaml:4",
    )
    review = Review(
        Library([ref]),
        read_source=lambda path: ["山区发展新篇章", "（来源：…）", "正文"],
        sources={"refs/a.yaml": "a.txt", "refs/b.yaml": "b.txt"},
    )
    root = lxml.html.fromstring(render_page(review))
    a, b = root.xpath("//section[@class='doc']")
    assert a.xpath(".//article/@data-key") == [ref.id] and not b.xpath(".//article")
    assert b.xpath(".//div[@class='cited-too']//a/@href") == [f"#{anchor_for(ref.id)}"]
    assert b.xpath("string(.//div[@class='cited-too']//li/code[1])") == "b.txt:2"
    assert not a.xpath(".//div[@class='cited-too']")
    assert "没有找到来源标注" not in b.text_content()


def test_source_lines_are_escaped_and_marked(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(
        "题目 <b>加粗</b>\n正文 a & b, \"quoted\" and 'single'\n（来源：<script>x</script>）\n",
        encoding="utf-8",
    )
    ref = Reference(
        id="a",
        type="webpage",
        title="题目 <b>加粗</b>",
        provenance=(Provenance(str(source), 3, 3, "（来源：<script>x</script>）"),),
    )
    html = render_page(
        Review(
            library=Library([ref]),
            read_source=lambda p: Path(p).read_text(encoding="utf-8").splitlines(),
        )
    )
    assert "<script>x</script>" not in html
    rows = re.findall(r"<tr([^>]*)><th scope=\"row\">(\d+)</th><td>(.*?)</td></tr>", html)
    assert rows == [
        (' class="title"', "1", "题目 &lt;b&gt;加粗&lt;/b&gt;"),
        ("", "2", "正文 a &amp; b, &#34;quoted&#34; and &#39;single&#39;"),
        (' class="hit"', "3", "（来源：&lt;script&gt;x&lt;/script&gt;）"),
    ]


# ----------------------------------------------------------------------- to check first


def _warned(key: str, line: int, *warnings: str) -> Reference:
    return Reference(
        id=key,
        type="webpage",
        title=f"{key} 的题名",
        provenance=(Provenance("doc.txt", line, line, f"raw {line}"),),
        warnings=warnings,
    )


def test_records_to_check_first_are_listed_least_confident_first_and_link_to_their_cards() -> None:
    lib = Library(
        [
            _warned("other", 1, "article title not found"),
            _warned("clean", 2),
            _warned("unsure", 3, "low confidence (0.45): no container"),
            _warned("doubtful", 4, "low confidence (0.20): no title, no container"),
        ]
    )
    review = Review(
        lib,
        unparsed=[
            Unparsed(Provenance("doc.txt", 9, 9, "（来源：）"), "attribution names no source")
        ],
        read_source=lambda path: [f"line {n}" for n in range(1, 12)],
        sources={"refs/doc.yaml": "doc.txt"},
    )
    root = lxml.html.fromstring(render_page(review))
    (panel,) = root.xpath("//details[@id='check-first']")
    items = panel.xpath(".//ol[@id='check-records']/li")
    assert [li.get("data-key") for li in items] == ["doubtful", "unsure", "other"]
    assert "0.20" in items[0].text_content() and "article title not found" in texts(items)[2]
    for li in items:  # each links to the record's card
        (href,) = li.xpath("./a/@href")
        assert href == "#" + anchor_for(li.get("data-key"))
        assert card(root, li.get("data-key")).get("id") == href[1:]
    assert panel.xpath("string(.//span[@id='check-count'])") == "3"
    (missed,) = panel.xpath(".//ul[@id='check-missed']/li")
    assert "doc.txt:9" in missed.text_content()
    assert "attribution names no source" in missed.text_content()
    (target,) = root.xpath("//*[@id=$id]", id=missed.xpath("string(./a/@href)")[1:])
    assert target.xpath("string(.//tr[@class='hit']/td)") == "line 9"
    assert panel.xpath("string(.//span[@id='missed-count'])") == "1"


def test_a_page_with_nothing_to_check_first_has_no_such_panel(lib: Library) -> None:
    assert not any(r.warnings for r in lib)
    root = lxml.html.fromstring(render_page(Review(lib)))
    assert root.xpath("//details[@id='check-first']") == []


def test_an_extracted_low_confidence_record_comes_first_with_the_missed_line(
    tmp_path: Path,
) -> None:
    doc = tmp_path / "bulletin.txt"
    doc.write_text(LOW_CONFIDENCE_BULLETIN, encoding="utf-8")
    ex = extract_file(str(doc))
    assert any(p.code == "E105" for p in ex.problems) and ex.unparsed
    merge_extraction(ex.source, ex.document, ex.references, tmp_path / "refs")
    lib = load_refs(tmp_path / "refs")
    weak = next(r.id for r in lib if r.warnings)
    assert lib.keys()[0] != weak  # not first in the library: first on the panel
    page = render_page(
        Review(
            lib,
            rendered=render_bibliography(list(lib)),
            unparsed=ex.unparsed,
            read_source=source_lines,
            warnings_in_problems=False,
        )
    )
    root = lxml.html.fromstring(page)
    assert root.xpath("//ol[@id='check-records']/li/@data-key")[:1] == [weak]
    (missed,) = root.xpath("//ul[@id='check-missed']/li")
    assert f"{doc}:13" in missed.text_content()


#: a bulletin with a sourced article, one dated by its page header alone (low confidence,
#: E105) and an attribution line naming no source (possibly missed)
LOW_CONFIDENCE_BULLETIN = """丽水专题信息 2024年第1期

丽水召开生态产品价值实现推进会
会议强调，要持续深化生态产品价值实现机制改革，推动山区跨越式高质量发展。
（来源：《丽水日报》2024-3-5）

基于二维象限分析法的大学排名影响研究
发布时间:2020-06-29 10:55:43
研究指出，大学排名影响因素众多，需要综合分析，本文从二维象限出发进行讨论。

龙泉青瓷产业发展迎来新机遇
龙泉青瓷产业近年来持续发展，产值稳步增长，品牌影响力不断提升。
（来源：）
"""
