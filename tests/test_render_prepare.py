"""Data preparation before rendering: editions, versions, Zotero's Extra, archives, particles,
author-date order — rules that hold whatever CSL style renders the entry."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from citekit.model import Reference
from citekit.render import render_bibliography
from citekit.render._order import language_group, order_author_date, surname_readings
from citekit.render.editions import normalize_edition, normalize_version
from citekit.render.extra import read_extra


@pytest.mark.parametrize(
    ("edition", "zh", "en"),
    [
        ("1", None, None),
        ("1版", None, None),
        ("第1版", None, None),
        ("第一版", None, None),
        ("1st", None, None),
        ("First edition", None, None),
        ("第7版", "7 版", "7"),
        ("第七版", "7 版", "7"),
        ("2", "2 版", "2"),
        ("2nd", "2 版", "2"),
        ("4th ed.", "4 版", "4"),
        ("Fourth", "4 版", "4"),
        ("3rd edn", "3 版", "3"),
        ("修订版", "修订版", "修订版"),
        ("Rev. ed.", "Rev. ed.", "Rev. ed."),
        ("3-е изд.", "3-е изд.", "3-е изд."),
        # the CIP form Zotero's Chinese translators copy: date + edition (+ impression)
        ("2004年12月第1版", None, None),
        ("2013年10月第2版", "2 版", "2"),
        ("2013年10月第2版 2015年3月第3次印刷", "2 版", "2"),
        ("2020年版", "2020年版", "2020年版"),
    ],
)
def test_editions_follow_8_3_1(edition: str, zh: str | None, en: str | None) -> None:
    assert normalize_edition(edition, "zh") == zh
    assert normalize_edition(edition, "en") == en


@pytest.mark.parametrize(
    ("version", "expected"),
    [("V2.0", "2.0"), ("v1", "1"), ("Version 3", "3"), ("ver. 1.2", "1.2"), ("2.0", "2.0")],
)
def test_a_version_loses_its_v(version: str, expected: str) -> None:
    assert normalize_version(version) == expected


def test_extra_lines_become_csl_variables_as_in_citeproc_js() -> None:
    item = read_extra(
        {
            "type": "document",
            "title": "t",
            "DOI": "10.1/own",
            "note": "Type: dataset\nVersion: V2\noriginal-date: 1990-05\n"
            "archiveLocation: 1-2-3\nauthor: Smith || John\nDOI: 10.1/extra\na free remark",
        }
    )
    assert item["type"] == "dataset"
    assert item["version"] == "V2"
    assert item["original-date"] == {"date-parts": [[1990, 5]]}
    assert item["archive_location"] == "1-2-3"
    assert item["author"] == [{"family": "Smith", "given": "John"}]
    assert item["DOI"] == "10.1/own"  # the record's own field wins
    assert item["note"] == "a free remark"  # what is not a variable stays


def test_extra_without_variables_changes_nothing() -> None:
    item = {"type": "book", "title": "t", "note": "读书笔记：第三章很重要"}
    assert read_extra(item) == item


OTHER_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
       default-locale="zh-CN">
  <info><title>another style</title><id>other</id>
    <updated>2024-01-01T00:00:00+00:00</updated></info>
  <locale xml:lang="zh"><terms><term name="edition" form="short">版</term></terms></locale>
  <macro name="edition">
    <choose>
      <if is-numeric="edition"><group delimiter=" ">
        <number variable="edition" form="ordinal"/><label variable="edition" form="short"/>
      </group></if>
      <else><text variable="edition"/></else>
    </choose>
  </macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout suffix=".">
    <group delimiter=". "><text variable="title"/><text macro="edition"/>
      <text variable="version" prefix="V"/></group>
  </layout></bibliography>
</style>
"""


@pytest.mark.parametrize(
    ("language", "edition", "expected"),
    [
        ("zh-CN", "第7版", "书. 7 版. V2.0."),  # not "7th 版" (en-US ordinal fallback)
        ("zh-CN", "1版", "书. V2.0."),
        ("ja", "第2版", "书. 2 版. V2.0."),
        ("en", "Fourth edition", "书. 4th ed. V2.0."),
    ],
)
def test_editions_and_versions_are_normalised_for_any_style(
    tmp_path: Path, language: str, edition: str, expected: str
) -> None:
    # a style written the way zotero-chinese writes its edition macro (ordinal when numeric)
    path = tmp_path / "other.csl"
    path.write_text(OTHER_STYLE, encoding="utf-8")
    ref = Reference.from_csl(
        {"id": "a", "type": "book", "title": "书", "language": language, "edition": edition}
        | {"version": "V2.0"}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        [entry] = render_bibliography([ref], str(path))
    assert entry.text == expected


@pytest.mark.parametrize(
    ("item", "group"),
    [
        ({"language": "zh-CN"}, 0),
        ({"language": "ja-JP"}, 1),
        ({"language": "en-GB"}, 2),
        ({"language": "de"}, 2),
        ({"language": "ru"}, 3),
        ({"language": "ko"}, 4),
        ({"title": "国語位相論の研究"}, 1),  # kana: Japanese
        ({"title": "乡土中国"}, 0),
        ({"title": "Русский язык"}, 3),
        ({"title": "Deep learning"}, 2),
        ({"title": "한국어"}, 4),
    ],
)
def test_language_groups(item: dict[str, str], group: int) -> None:
    assert language_group(item) == group


def test_polyphonic_surnames_are_data() -> None:
    readings = surname_readings()
    expected = {"曾": "zeng", "单": "shan", "解": "xie", "查": "zha", "仇": "qiu", "区": "ou"}
    expected |= {"朴": "piao", "盖": "ge", "尉迟": "yu chi", "万俟": "mo qi"}
    assert {k: readings[k] for k in expected} == expected


def test_a_compound_surname_is_read_before_a_single_one() -> None:
    items = [
        {"title": "a", "language": "zh", "author": [{"literal": "万俟卨"}]},  # mo qi
        {"title": "b", "language": "zh", "author": [{"literal": "尉迟恭"}]},  # yu chi
        {"title": "c", "language": "zh", "author": [{"literal": "马超"}]},  # ma
        {"title": "d", "language": "zh", "author": [{"literal": "中国科学院"}]},  # a body
    ]
    order, _ = order_author_date(items)
    assert order == [2, 0, 1, 3]


def test_importing_citekit_render_changes_no_global_state() -> None:
    code = (
        "import xml.etree.ElementTree as ET; before = dict(ET._namespace_map);"
        "import citekit; from citekit.render import _prepare as p;"
        "assert dict(ET._namespace_map) == before, 'namespace registered';"
        "assert not hasattr(p, 'SORT_KEYS')"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
