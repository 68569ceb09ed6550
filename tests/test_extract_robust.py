"""Extraction is never silent, bounded, linear, encoding-independent and deterministic."""

from __future__ import annotations

import re
import time
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from citekit.cli import cli
from citekit.documents import Document
from citekit.extract import Extraction, extract_document, extract_file
from citekit.extract.cues import CUES
from citekit.extract.scan import MAX_RAW
from citekit.model import Reference

CORPUS = Path(__file__).resolve().parent / "corpus" / "docs"
BODY = "这是正文的第一段，讲述了事情的经过和各方的反应，篇幅较长，足以看出是正文而不是标题。"


def _ex(text: str, path: str = "m.txt") -> Extraction:
    return extract_document(Document(path, text, "utf-8"))


MISSED = (
    "标题一\n"
    + "很长的一行正文，" * 25
    + "文章来源：人民日报\n"  # line 2: a source cue at the end of a very long line
    "标题二\n"
    "按照国发〔2023〕16号文件的要求，各地抓紧落实。\n"  # line 4: a 文号 in running text
    "标题三\n"
    f"{BODY}\n"
    "（来源：本刊）\n"  # line 7: names no source
)


def test_every_missed_cue_line_is_reported_with_file_line_and_reason() -> None:
    ex = _ex(MISSED)
    assert ex.references == []
    assert [(u.provenance.start_line, u.reason.split(":")[0]) for u in ex.missed] == [
        (2, "attribution cue without a record"),
        (4, "attribution cue without a record"),
        (7, "attribution names no source"),
    ]
    where = {p.where for p in ex.problems if p.code in ("E101", "E104")}
    assert where == {"m.txt:2", "m.txt:4", "m.txt:7"}
    assert "document number" in ex.missed[1].reason


def test_a_journal_issue_heading_whose_list_gives_no_entry_is_reported() -> None:
    text = (
        "新刊速递\n"
        "\n"
        "《经济研究》2024年第3期\n"  # line 3: a heading, its list unreadable
        "（本期目录暂缺）\n"
        "\n"
        "中国行政管理 2024(5)\n"  # line 6: a heading with nothing under it
    )
    ex = _ex(text)
    assert ex.references == []
    assert [u.provenance.start_line for u in ex.missed] == [3, 6]
    assert all("journal-issue heading" in u.reason for u in ex.missed)
    assert {p.where for p in ex.problems if p.code == "E104"} == {"m.txt:3", "m.txt:6"}


def test_a_journal_issue_heading_with_entries_is_not_reported() -> None:
    text = "《经济研究》2024年第3期\n数字经济与高质量发展 张三 (4)\n平台经济的治理 李四 (18)\n"
    ex = _ex(text)
    assert len(ex.references) == 2
    assert ex.missed == []


def test_a_head_field_naming_no_source_is_reported_not_read_as_a_source() -> None:
    text = (
        "标题一二三四\n"
        "来源丨\n"  # line 2: the field's mark is no name
        f"{BODY}\n"
        "\n"
        "标题五六七八\n"
        "来源:\n"  # line 6: the line under it is the body, not a source
        "正文第一句讲的是事情的经过。\n"
    )
    ex = _ex(text)
    assert ex.references == []
    assert [(u.provenance.start_line, u.reason) for u in ex.missed] == [
        (2, "attribution names no source"),
        (6, "attribution names no source"),
    ]


def test_a_source_field_with_the_name_on_the_next_line_is_read() -> None:
    ex = _ex(f"标题一二三四\n来源丨\n学习时报\n{BODY}\n")
    assert [r.container_title for r in ex.references] == ["学习时报"]


def test_extract_prints_how_many_cue_lines_gave_no_record(
    runner: CliRunner, tmp_path: Path
) -> None:
    doc = tmp_path / "m.txt"
    doc.write_text(MISSED, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(doc), "--out", str(tmp_path / "refs")])
    assert "3 attribution-cue line(s) without a record" in result.stderr
    assert f"{doc}:4: warning[E104]" in result.stderr


def test_a_sentence_that_merely_mentions_a_source_is_not_a_cue() -> None:
    ex = _ex(f"标题\n收入来源多样化，来自各地的代表参加了会议。\n{BODY}\n")
    assert ex.missed == []


def test_records_carry_confidence_and_evidence_low_ones_are_warned() -> None:
    ex = _ex(f"一篇文章的标题\n{BODY}\n（来源：人民日报 2024-03-05）\n\n{BODY}\n（来源：网络）\n")
    (ref,) = ex.references
    a = ex.assessment(ref)
    assert a is not None and a.confidence >= 0.5
    assert "form:bracketed" in a.evidence and any(e.startswith("title:") for e in a.evidence)
    assert a.doubts == ()


def test_low_confidence_record_gets_a_warning_with_file_line() -> None:
    ex = _ex(f"{BODY}\n（来源：https://example.com/a/b）\n")
    (ref,) = ex.references
    a = ex.assessment(ref)
    assert a is not None and a.confidence < 0.5
    assert ex.low_confidence == [ref]
    assert any(p.where == "m.txt:2" for p in ex.problems)
    assert ref.warnings


def test_raw_text_on_a_record_is_bounded() -> None:
    long_line = "（来源：人民日报 2024-03-05）" + "后面还有很多很多的文字" * 300
    ex = _ex(f"标题\n{BODY}\n{long_line}\n")
    assert ex.references
    assert all(len(p.raw) <= MAX_RAW for r in ex.references for p in r.provenance)
    assert all(len(u.provenance.raw) <= MAX_RAW for u in ex.unparsed)


def _cpu(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        _ex(text)
        best = min(best, time.process_time() - t0)
    return best


@pytest.mark.parametrize(
    "unit",
    [
        pytest.param("（来源：", id="unclosed-brackets"),
        pytest.param("（来源：人民日报）", id="closed-brackets"),
        pytest.param("作者：张三 ", id="author-fields"),
        pytest.param("新华社北京3月5日电", id="datelines"),
        pytest.param("〔2023〕", id="number-brackets"),
    ],
)
def test_parsing_one_pathological_line_is_linear(unit: str) -> None:
    """The work grows with the input, not its square: 16 times the text may take 16 times
    the CPU time, and we allow four times that (a quadratic parser takes 256 times)."""
    small, big = unit * 250, unit * 4000
    _cpu(small)  # warm up caches and compiled patterns
    ratio = _cpu(big) / max(_cpu(small), 1e-4)
    assert ratio < 64, ratio


def _corpus_docs() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*.txt") if p.with_name(p.stem + ".gold.yaml").exists())


def _key(r: Reference) -> tuple[object, ...]:
    c = r.to_csl(provenance=False)
    return (r.provenance[0].start_line if r.provenance else None, sorted(c.items(), key=str))


@pytest.mark.skipif(not _corpus_docs(), reason="no corpus documents")
def test_gbk_utf16_and_docx_copies_give_the_same_records(tmp_path: Path) -> None:
    src = (
        next(p for p in _corpus_docs() if p.stem.startswith("tail"))
        if any(p.stem.startswith("tail") for p in _corpus_docs())
        else _corpus_docs()[0]
    )
    text = src.read_text(encoding="utf-8")
    want = [_key(r) for r in extract_file(str(src)).references]
    assert want
    (tmp_path / "gbk.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))
    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)
    d.save(str(tmp_path / "copy.docx"))
    for name in ("gbk.txt", "utf16.txt", "copy.docx"):
        got = [_key(r) for r in extract_file(str(tmp_path / name)).references]
        assert got == want, name


def _with_pdf_artefacts(text: str) -> str:
    """Page furniture every 15 lines, a running header, stray spaces between CJK characters of
    body lines, full-width digits, and body paragraphs hard-wrapped at 32 characters."""
    out: list[str] = []
    full = str.maketrans("0123456789", "０１２３４５６７８９")
    for i, line in enumerate(text.split("\n"), 1):
        if len(line) > 60 and not re.search(r"来源|來源|电|電|Source", line):
            spaced = line[:10] + " ".join(line[10:14]) + line[14:]
            out += [spaced[k : k + 32] for k in range(0, len(spaced), 32)]
        else:
            out.append(line.translate(full) if "来源" in line else line)
        if i % 15 == 0:
            out += [f"— {i // 15} —", "信息简报"]
    return "\n".join(out)


@pytest.mark.skipif(not _corpus_docs(), reason="no corpus documents")
def test_a_copy_with_pdf_artefacts_loses_at_most_one_reference_in_ten() -> None:
    found = kept = 0
    for src in _corpus_docs():
        clean = extract_document(Document("c.txt", src.read_text(encoding="utf-8"), "utf-8"))
        pdf = extract_document(
            Document("p.txt", _with_pdf_artefacts(src.read_text(encoding="utf-8")), "utf-8")
        )
        want = [(r.container_title, r.issued and r.issued.iso()) for r in clean.references]
        got = [(r.container_title, r.issued and r.issued.iso()) for r in pdf.references]
        found += len(want)
        kept += sum(min(want.count(k), got.count(k)) for k in set(want))
    assert found and kept >= 0.9 * found, (kept, found)


def test_cue_words_are_declared_once() -> None:
    # (outlet_suffix: how names end, not words of a line: 新闻 ends 央视新闻, opens 新闻来源)
    lists = {
        name: getattr(CUES, name) for name in CUES.__dataclass_fields__ if name != "outlet_suffix"
    }
    seen: dict[str, str] = {}
    for name, words in lists.items():
        for w in words:
            assert w not in seen, f"{w!r} is declared in {seen.get(w)} and {name}"
            seen[w] = name


_PIECES = [
    *"来源：（）()【】《》、，。电记者作者号〔〕年月日第版期新华社人民日报 \n0123456789",
    *("来源：", "新华社北京", "月", "日电", "（记者 ", "国发〔2023〕", "原创 ", "Source: "),
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


@given(_TEXT)
def test_no_text_crashes_the_extractor_and_output_is_deterministic(text: str) -> None:
    a = _ex(text)
    b = _ex(text)
    assert [r.to_csl() for r in a.references] == [r.to_csl() for r in b.references]
    assert [(u.provenance.start_line, u.reason) for u in a.unparsed] == [
        (u.provenance.start_line, u.reason) for u in b.unparsed
    ]


@given(st.text(max_size=400))
def test_no_unicode_text_crashes_the_extractor(text: str) -> None:
    _ex(text)


def test_outlet_suffix_is_declared_once_and_unique() -> None:
    words = CUES.outlet_suffix
    assert len(set(words)) == len(words)
    # an ending that another ending ends with adds nothing to a lazy "name + ending" match
    assert not [w for w in words for o in words if o != w and w.endswith(o)]


@pytest.mark.parametrize(
    "line",
    [
        "中國日報網環球在線消息:圣火緩熄,大幕合上。",  # 在线: traditional text, folded
        "央视新闻客户端北京3月5日电（记者 张三）",
        "新华社 | 中国之声 2024-03-01",
    ],
)
def test_outlet_shaped_tokens_ending_in_any_declared_suffix_are_read(line: str) -> None:
    records = _ex(f"某某标题一则\n{line}\n正文一句。\n").references
    assert records and records[0].container_title
