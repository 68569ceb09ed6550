"""A state machine over the library: whatever a person and citekit do, in any order, no record
and no hand-edited value is lost, and no key ever changes its source.

Steps: extract a document (real extractor), add an article to a document, change what the
extractor finds (a title in the text), hand-edit any field of a record (type included), delete
a record, merge two records (``citekit merge``), build. A few hundred steps in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from citekit.build import BuildError, BuildOptions, run_build
from citekit.extract import extract_file
from citekit.merge import merge_duplicates
from citekit.model import PartialDate, Reference
from citekit.problems import Problems
from citekit.store import load_refs, load_refs_file, merge_extraction, write_refs_file

DOCS = ("seeds/a.txt", "seeds/sub/a.txt")  # same stem: two refs files all the same
FIELDS = {
    "type": st.sampled_from(["article-magazine", "webpage", "report", "speech"]),
    "title": st.text("题目改过的新旧甲乙丙 ", min_size=1, max_size=8).map(str.strip).filter(bool),
    "container_title": st.sampled_from(["人民日报", "浙江日报", "新华网"]),
    "issued": st.dates().map(lambda d: PartialDate(d.year, d.month, d.day)),
    "note": st.text("备注说明", min_size=1, max_size=5),
}


def _article(i: int, title: str) -> str:
    date = f"2018-{i % 12 + 1}-{i % 28 + 1}"
    return f"{title}\n\n正文第{i}段。\n（来源：《丽水日报》{date} 第{i}版）\n\n"


class Library(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="citekit-sm-"))
        self.cwd = os.getcwd()
        os.chdir(self.dir)
        for doc in DOCS:
            Path(doc).parent.mkdir(parents=True, exist_ok=True)
        self.articles: dict[str, list[str]] = {doc: [] for doc in DOCS}
        self.counter = 0
        #: key -> (file, raw) of the source it was first given to
        self.anchors: dict[str, tuple[str, str]] = {}
        #: keys that must exist, with the fields edited by hand
        self.alive: dict[str, dict[str, object]] = {}
        #: anchors of records deleted by hand or merged away: they must not come back
        self.gone: set[tuple[str, str]] = set()
        self.extracted: set[str] = set()

    def teardown(self) -> None:
        os.chdir(self.cwd)
        shutil.rmtree(self.dir, ignore_errors=True)

    # ------------------------------------------------------------------------------ rules

    def _write(self, doc: str) -> None:
        text = "".join(_article(i, t) for i, t in enumerate(self.articles[doc], 1))
        Path(doc).write_text(text or "空\n", encoding="utf-8")

    @rule(doc=st.sampled_from(DOCS))
    def add_article(self, doc: str) -> None:
        self.counter += 1
        self.articles[doc].append(f"第{self.counter}篇报道的标题")
        self._write(doc)

    @precondition(lambda self: any(self.articles.values()))
    @rule(data=st.data())
    def extractor_finds_another_title(self, data: st.DataObject) -> None:
        doc = data.draw(st.sampled_from([d for d in DOCS if self.articles[d]]))
        i = data.draw(st.integers(0, len(self.articles[doc]) - 1))
        self.articles[doc][i] += "（修订）"
        self._write(doc)

    def _observe(self) -> None:
        lib = load_refs("refs")
        for ref in lib:
            anchor = (ref.provenance[0].file, ref.provenance[0].raw) if ref.provenance else None
            if anchor is None:
                continue
            if ref.id not in self.anchors:
                assert anchor not in self.gone, f"{ref.id}: a deleted record came back"
                self.anchors[ref.id] = anchor
                self.alive[ref.id] = {}
            assert self.anchors[ref.id] == anchor, f"key {ref.id} changed its source"

    @rule(doc=st.sampled_from(DOCS))
    def extract(self, doc: str) -> None:
        if not Path(doc).exists():
            self._write(doc)
        ex = extract_file(doc)
        merge_extraction(doc, ex.document, ex.references, "refs")
        self.extracted.add(doc)
        self._observe()

    @precondition(lambda self: self.extracted)
    @rule()
    def build(self) -> None:
        try:
            run_build(BuildOptions(inputs=sorted(self.extracted)))
        except BuildError:
            raise AssertionError("the library became unreadable") from None
        self._observe()

    def _pick(self, data: st.DataObject) -> Reference:
        key = data.draw(st.sampled_from(sorted(self.alive)))
        ref = load_refs("refs").get(key)
        assert ref is not None
        return ref

    @precondition(lambda self: self.alive)
    @rule(data=st.data(), field=st.sampled_from(sorted(FIELDS)))
    def hand_edit(self, data: st.DataObject, field: str) -> None:
        ref = self._pick(data)
        value = data.draw(FIELDS[field])
        path = Path(ref.origin.rsplit(":", 1)[0])  # type: ignore[union-attr]
        rf = load_refs_file(path)
        rf.references = [
            r.replace(**{field: value}) if r.id == ref.id else r for r in rf.references
        ]
        write_refs_file(rf)
        self.alive[ref.id][field] = value

    @precondition(lambda self: self.alive)
    @rule(data=st.data(), field=st.sampled_from(["type", "title"]))
    def hand_edit_in_a_text_editor(self, data: st.DataObject, field: str) -> None:
        """Edit the YAML text itself, as a person does (the line, not the writer)."""
        ref = self._pick(data)
        value = data.draw(FIELDS[field])
        path_text, line = ref.origin.rsplit(":", 1)  # type: ignore[union-attr]
        path = Path(path_text)
        lines = path.read_text(encoding="utf-8").split("\n")
        start = int(line)  # the "- id:" line; the record's fields follow, indented
        edited = False
        for i in range(start, len(lines)):
            if not lines[i].startswith("  "):
                break
            if lines[i].startswith(f"  {field}:"):
                lines[i] = f"  {field}: {json.dumps(value, ensure_ascii=False)}  # edited"
                edited = True
                break
        if not edited:
            return  # the field is not there (or not on one line): nothing to edit
        path.write_text("\n".join(lines), encoding="utf-8")
        self.alive[ref.id][field] = value

    @precondition(lambda self: self.alive)
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        ref = self._pick(data)
        path = Path(ref.origin.rsplit(":", 1)[0])  # type: ignore[union-attr]
        rf = load_refs_file(path)
        rf.references = [r for r in rf.references if r.id != ref.id]
        write_refs_file(rf)
        del self.alive[ref.id]
        self.gone.add(self.anchors[ref.id])

    @precondition(lambda self: len(self.alive) >= 2)
    @rule(data=st.data())
    def merge(self, data: st.DataObject) -> None:
        keys = data.draw(
            st.lists(st.sampled_from(sorted(self.alive)), min_size=2, max_size=2, unique=True)
        )
        merge_duplicates(keys, force=True, refs_dir="refs")
        del self.alive[keys[1]]
        self.gone.add(self.anchors[keys[1]])

    # -------------------------------------------------------------------------- invariants

    @invariant()
    def nothing_lost(self) -> None:
        if not Path("refs").exists():
            return
        problems = Problems()
        lib = load_refs("refs", problems)
        assert not problems.errors, [str(p) for p in problems.errors]
        for key, edits in self.alive.items():
            ref = lib.get(key)
            assert ref is not None, f"record {key} was lost"
            for field, value in edits.items():
                assert getattr(ref, field) == value, f"{key}.{field}: hand edit lost"


TestLibrary = Library.TestCase
TestLibrary.settings = settings(max_examples=30, stateful_step_count=30, deadline=None)
