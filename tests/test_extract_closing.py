"""A line closing an article's block names its source by its shape and place, with no cue
word: the evidence is scored (brackets, book-title marks, a label before a colon, an outlet
ending, reporters, a news word, a day), and a line of text alone is never a source."""

from __future__ import annotations

import pytest

from citekit.documents import Document
from citekit.extract import extract_document
from citekit.extract.closing import closing_lines
from citekit.extract.text import LineMap
from citekit.model import Reference

BODY = "这是正文的第一段，讲述了事情的经过和各方的反应，篇幅较长，足以看出是正文而不是标题。"


def _refs(text: str) -> list[Reference]:
    return extract_document(Document("c.txt", text, "utf-8")).references


def _article(closing: str) -> str:
    return f"简报 2025年第1期\n\n旅游市场持续回暖\n{BODY}\n{closing}\n"


@pytest.mark.parametrize(
    ("closing", "container", "authors"),
    [
        ("（轉載：論盡媒體）", "論盡媒體", []),
        ("〈星島頭條〉", "星島頭條", []),
        ("[People's Daily Online]", "People's Daily Online", []),
        ("(民視新聞/王富民、張育睿 台北報導)", "民視新聞", ["王富民", "張育睿"]),
        ("People's Daily Online, 08:22, January 10, 2024 (Xinhua)", "People's Daily Online", []),
    ],
)
def test_a_line_closing_a_block_names_the_articles_source(
    closing: str, container: str, authors: list[str]
) -> None:
    [ref] = _refs(_article(closing))
    assert ref.title == "旅游市场持续回暖"
    assert ref.container_title == container
    assert [a.display for a in ref.author] == authors


@pytest.mark.parametrize(
    "closing",
    [
        "（2024年國慶黃金周數字）",  # a note with a day: nothing marks a source
        "（完）",
        "（編輯：李明）",  # a role, not a source
        "（记者 张三 摄）",  # a photo's credit
        "（這是一句話。）",  # a sentence
        "（甲方）和（乙方）",  # not one bracket
    ],
)
def test_a_closing_line_that_names_no_source_gives_no_record(closing: str) -> None:
    assert _refs(_article(closing)) == []


def test_a_bracketed_name_alone_on_a_line_without_a_body_above_is_no_source() -> None:
    # 【香港】 a section label; 〈星島頭條〉 right under a heading closes no article
    text = "简报\n\n【香港】\n\n旅游\n〈星島頭條〉\n"
    assert closing_lines(LineMap(text), frozenset()) == []


def test_lines_already_read_as_attributions_are_left_to_their_reader() -> None:
    text = _article("〈星島頭條〉")
    lines = LineMap(text)
    assert [c.start_line for c in closing_lines(lines, frozenset())] == [5]
    assert closing_lines(lines, frozenset({5})) == []


def test_a_publication_in_book_title_marks_with_its_day_is_a_source_in_dense_text() -> None:
    # a PDF's text: no blank lines, page furniture between the body and the source
    text = (
        "养老服务研究参考\n"
        "卷首语：以食为先办好老年助餐\n"
        "老年助餐服务既是老年人关心的关键小事，也是关乎千家万户的民生大事，各地积极探索。\n"
        "— 3 —\n"
        "《中国食品工业》2024-1（下）\n"
        "（本期完）\n"
    )
    [ref] = _refs(text)
    assert ref.container_title == "中国食品工业"
    assert str(ref.issued) == "2024-01"


def test_a_law_in_book_title_marks_with_a_day_is_no_publication() -> None:
    assert closing_lines(LineMap(_article("《中华人民共和国预算法》2018年12月")), frozenset()) == []


def test_a_plain_name_in_brackets_is_a_source_only_where_the_shape_repeats() -> None:
    blocks = [
        ("旅游市场持续回暖", "論盡媒體"),
        ("澳门酒店入住率上升", "力報"),
        ("博物馆游客增加", "澳門日報"),
    ]
    text = "简报\n\n" + "".join(f"{t}\n{BODY}\n（{o}）\n\n" for t, o in blocks)
    refs = _refs(text)
    assert [(r.title, r.container_title) for r in refs] == blocks
    # one such line alone is an aside, not a source
    assert _refs(_article("（澳門特區）")) == []
