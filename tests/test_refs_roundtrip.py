"""Property: re-extraction never loses a value of ``refs/``.

Hand edits (changed, added and removed fields), hand deletions and re-extractions (changed,
vanished and new records) in any order, through the public ``merge_extraction``/``load_refs``:
every hand edit survives, a deleted record stays deleted, no other record is dropped, and every
field nobody edited follows the extractor.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.model import Provenance, Reference
from citekit.store import load_refs, merge_extraction

SOURCE = "seeds/bulletin.txt"
FIELDS = ("title", "page")
VALUES = st.sampled_from(["甲", "乙", "丙", "丁"])


def record(raw: str, values: dict[str, str]) -> Reference:
    # each attribution on a line of its own (the store also pairs records by line span)
    line = int(re.search(r"第(\d+)版", raw).group(1)) + 1  # type: ignore[union-attr]
    return Reference(
        id="",
        type="article-newspaper",
        title=values["title"],
        container_title="浙江日报",
        page=values["page"],
        provenance=(Provenance(SOURCE, line, line, raw),),
    )


@dataclass
class Model:
    """What refs/ must hold: per record (by its attribution text) the expected fields."""

    extracted: dict[str, dict[str, str]] = field(default_factory=dict)
    hand: dict[str, dict[str, str | None]] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)
    ever: set[str] = field(default_factory=set)

    def expected(self) -> dict[str, dict[str, str | None]]:
        out: dict[str, dict[str, str | None]] = {}
        for raw in self.ever - self.deleted:
            values: dict[str, str | None] = {"note": None, **self.extracted[raw]}
            values.update(self.hand.get(raw, {}))
            out[raw] = values
        return out


@st.composite
def rounds(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Two or three rounds of (hand edits, deletions, re-extraction)."""
    out = []
    next_raw = 0
    for _ in range(draw(st.integers(2, 3))):
        new = draw(st.lists(st.fixed_dictionaries({f: VALUES for f in FIELDS}), max_size=4))
        raws = [f"（来源：浙江日报 第{next_raw + i}版）" for i in range(len(new))]
        next_raw += len(new)
        out.append(
            {
                "new": dict(zip(raws, new, strict=True)),
                # per existing record, chosen by position when the round is applied
                "edits": draw(
                    st.lists(
                        st.tuples(
                            st.integers(0, 9),
                            st.sampled_from(["title", "page", "note"]),
                            st.one_of(st.none(), st.sampled_from(["手改一", "手改二"])),
                        ),
                        max_size=4,
                    )
                ),
                "deletions": draw(st.lists(st.integers(0, 9), max_size=2)),
                "changes": draw(
                    st.lists(st.tuples(st.integers(0, 9), st.sampled_from(FIELDS), VALUES))
                ),
                "vanish": draw(st.lists(st.integers(0, 9), max_size=2)),
            }
        )
    return out


def edit_file(path: Path, edit: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data["references"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def by_raw(refs_dir: Path) -> dict[str, Reference]:
    return {r.provenance[0].raw: r for r in load_refs(refs_dir)}


@settings(max_examples=80)
@given(rounds())
def test_hand_edits_deletions_and_re_extraction_never_lose_a_value(
    plan: list[dict[str, Any]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        refs_dir = Path(tmp) / "refs"
        path = refs_dir / "bulletin.yaml"
        model = Model()
        live: list[str] = []  # what the extractor finds now, in order
        for step in plan:
            # a person edits refs/ (only records that are in the file)
            present = sorted(by_raw(refs_dir)) if path.exists() else []
            for n, name, value in step["edits"] if present else ():
                raw = present[n % len(present)]
                if raw in model.deleted:
                    continue
                model.hand.setdefault(raw, {})[name] = value

                def apply(refs: list[dict[str, Any]], raw: str = raw, name: str = name) -> None:
                    for item in refs:
                        if item["provenance"][0]["raw"] == raw:
                            value = model.hand[raw][name]
                            if value is None:
                                item.pop(name, None)
                            else:
                                item[name] = value

                edit_file(path, apply)
            for n in step["deletions"] if present else ():
                raw = present[n % len(present)]
                model.deleted.add(raw)
                edit_file(
                    path,
                    lambda refs, raw=raw: refs.__setitem__(
                        slice(None), [i for i in refs if i["provenance"][0]["raw"] != raw]
                    ),
                )
            # the source changes: fields change, records vanish (for good), records appear
            for n in step["vanish"]:
                if live:
                    live.pop(n % len(live))
            for n, name, value in step["changes"] if live else ():
                model.extracted[live[n % len(live)]][name] = value
            for raw, values in step["new"].items():
                model.extracted[raw] = dict(values)
                model.ever.add(raw)
                live.append(raw)
            merge_extraction(SOURCE, None, [record(r, model.extracted[r]) for r in live], refs_dir)

            found = by_raw(refs_dir)
            expected = model.expected()
            assert sorted(found) == sorted(expected)
            for raw, values in expected.items():
                ref = found[raw]
                got = {"title": ref.title, "page": ref.page, "note": ref.note}
                assert got == values, raw
            keys = [r.id.casefold() for r in found.values()]
            assert len(set(keys)) == len(keys)
