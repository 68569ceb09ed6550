"""An article clipped with no attribution and no header still becomes a record, flagged."""

from __future__ import annotations

from citekit.documents import Document
from citekit.extract import Extraction, extract_document

BODY = "这是正文的第一段，讲述了事情的经过和各方的反应，篇幅较长，足以看出是正文而不是标题。"


def _ex(text: str) -> Extraction:
    return extract_document(Document("b.txt", text, "utf-8"))


def test_a_title_over_its_text_with_no_source_is_a_low_confidence_record() -> None:
    ex = _ex(f"专题信息 2026年第1期\n\n论高等教育的数字化转型\n{BODY}\n{BODY}\n")
    [rec] = ex.references
    assert rec.title == "论高等教育的数字化转型"
    assert rec.container_title is None and rec.issued is None
    p = rec.provenance[0]
    assert (p.start_line, p.end_line) == (3, 5)  # the title and its whole text
    a = ex.assessment(rec)
    assert a is not None and a.confidence < 0.5
    assert any(x.code == "E105" and x.where == "b.txt:3-5" for x in ex.problems)


def test_an_article_closed_by_its_attribution_is_not_taken_twice() -> None:
    ex = _ex(f"标题甲乙丙丁\n{BODY}\n（来源：人民日报 2020年3月5日）\n")
    assert [(r.title, r.container_title) for r in ex.references] == [("标题甲乙丙丁", "人民日报")]


def test_the_documents_name_a_field_and_a_wrapped_sentence_are_no_articles() -> None:
    text = (
        "阅读推广简报\n"  # the document's own name
        f"{BODY}\n"
        "\n"
        "原标题：上海书展点燃城市阅读热情\n"  # a field
        f"{BODY}\n"
        "\n"
        "谈起自己的文学之路,杨晓升给出的答案是“在繁忙的公务\n"  # a sentence wrapped in a PDF
        f"{BODY}\n"
    )
    assert _ex(text).references == []
