"""The template speed path with full dates: items that differ only in their dates (year, month,
day; issued and accessed) share one template, and filling it in gives exactly what rendering
the item directly gives — for any valid date, in both editions and both systems."""

from __future__ import annotations

import functools
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.model import Reference
from citekit.render import load_style
from citekit.render._engine import Engine, engine_for
from citekit.render._prepare import entry_language, prepare_item

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "gbt7714"
STYLES = [
    "gb-t-7714-2015-author-date",
    "gb-t-7714-2015-numeric",
    "gb-t-7714-2025-author-date",
    "gb-t-7714-2025-numeric",
]

#: records whose entries print full dates: newspapers (issued), web pages and online
#: articles (accessed), a manuscript (ISO date), in Chinese and in English
SYNTHETIC: list[dict[str, Any]] = [
    {
        "id": "news-zh",
        "type": "article-newspaper",
        "language": "zh-CN",
        "author": [{"literal": "沈仁"}],
        "title": "秋收正忙",
        "container-title": "丽水日报",
        "issued": {"date-parts": [[2018, 9, 3]]},
        "page": "2",
    },
    {
        "id": "news-en",
        "type": "article-newspaper",
        "language": "en-US",
        "author": [{"family": "Smith", "given": "John"}],
        "title": "The harvest is on",
        "container-title": "Daily News",
        "issued": {"date-parts": [[2018, 9, 3]]},
        "page": "A2",
    },
    {
        "id": "web-zh",
        "type": "webpage",
        "language": "zh-CN",
        "author": [{"literal": "国家统计局"}],
        "title": "2019年国民经济和社会发展统计公报",
        "issued": {"date-parts": [[2020, 2, 28]]},
        "accessed": {"date-parts": [[2020, 3, 1]]},
        "URL": "http://www.stats.gov.cn/tjsj/zxfb/202002/t20200228_1728913.html",
    },
    {
        "id": "web-en",
        "type": "webpage",
        "language": "en-US",
        "author": [{"literal": "World Health Organization"}],
        "title": "Coronavirus disease situation report",
        "issued": {"date-parts": [[2020, 1, 21]]},
        "accessed": {"date-parts": [[2020, 1, 30]]},
        "URL": "https://www.who.int/reports",
    },
    {
        "id": "article-en",
        "type": "article-journal",
        "language": "en-US",
        "author": [{"family": "Wong", "given": "Diana M."}],
        "title": "Phenotypic screening",
        "container-title": "Journal of Screening",
        "volume": "12",
        "issue": "3",
        "page": "101-109",
        "issued": {"date-parts": [[2013, 5, 7]]},
        "accessed": {"date-parts": [[2014, 11, 12]]},
        "DOI": "10.1000/xyz123",
    },
    {
        "id": "manuscript-zh",
        "type": "manuscript",
        "language": "zh-CN",
        "author": [{"literal": "赵学功"}],
        "title": "战后美国对古巴政策",
        "publisher-place": "北京",
        "publisher": "北京大学",
        "issued": {"date-parts": [[1991, 10, 1]]},
    },
]


@functools.cache
def _items() -> list[dict[str, Any]]:
    """The synthetic records and (when ../shared is present) every GB/T 7714 example."""
    items = [prepare_item(Reference.from_csl(i).to_csl()) for i in SYNTHETIC]
    for name in ("examples-2015.json", "examples-2025-zh.json"):
        path = SHARED / name
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            items += [prepare_item(Reference.from_csl(e["csl"]).to_csl()) for e in data]
    return items


@pytest.fixture(autouse=True)
def _quiet() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _with_dates(item: dict[str, Any], **dates: list[int] | None) -> dict[str, Any]:
    out = json.loads(json.dumps(item))
    for var, parts in dates.items():
        if parts is None:
            out.pop(var, None)
        else:
            out[var] = {"date-parts": [parts]}
    return out


def _assert_same(style_name: str, item: dict[str, Any]) -> None:
    engine = engine_for(load_style(style_name), entry_language(item), str(item["type"]))
    templated, _html, _md = engine.entries(item)
    assert templated == engine.entry(item, "text"), item


@pytest.mark.parametrize("style_name", STYLES)
def test_every_month_and_day_fills_in_as_rendered(style_name: str) -> None:
    """Months 1-12 and days 1-31 (one and two digits, printed with leading zeros)."""
    items = _items()[: len(SYNTHETIC)]
    for month in range(1, 13):
        for day in range(1, 32):
            for item in (items[(month + day) % len(items)], items[(month * day) % len(items)]):
                issued = [1990 + day, month, day]
                accessed = [2020, 13 - month, 32 - day]
                _assert_same(style_name, _with_dates(item, issued=issued, accessed=accessed))


dates = st.tuples(st.integers(1000, 9999), st.integers(1, 12), st.integers(1, 31)).map(list)
partial_dates = st.one_of(st.none(), dates, dates.map(lambda d: d[:2]), dates.map(lambda d: d[:1]))


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(STYLES),
    st.integers(0, 10_000),
    partial_dates,
    partial_dates,
)
def test_any_dates_fill_in_as_rendered(
    style_name: str, index: int, issued: list[int] | None, accessed: list[int] | None
) -> None:
    """Random valid dates (full, year-month, year only, absent) on every kind of record."""
    items = _items()
    item = items[index % len(items)]
    _assert_same(style_name, _with_dates(item, issued=issued, accessed=accessed))


@pytest.mark.parametrize("style_name", STYLES)
def test_items_differing_only_in_dates_share_a_template(style_name: str) -> None:
    """The speed path: distinct full dates (a newspaper library) make no new templates."""
    style = load_style(style_name)
    for source in SYNTHETIC[:4]:
        item = prepare_item(Reference.from_csl(source).to_csl())
        engine = Engine(style, entry_language(item), str(item["type"]))
        for n in range(40):
            other = _with_dates(
                item,
                issued=[1900 + n, 1 + n % 12, 1 + n % 31],
                accessed=[2000 + n, 12 - n % 12, 31 - n % 31] if "accessed" in item else None,
            )
            other["title"] = f"{item['title']} {n}"
            templated, _html, _md = engine.entries(other)
            assert templated == engine.entry(other, "text")
        assert len(engine._templates) == 1


DATE_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Dates</title><id>x</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout suffix=".">
      <group delimiter=". "><text variable="title"/>
        <date variable="issued">DATE</date>
        <group prefix="accessed "><date variable="accessed">ACCESSED</date></group></group>
    </layout>
  </bibliography>
</style>
"""

_LITTLE_ENDIAN = (
    '<date-part name="day" suffix="."/><date-part name="month" form="numeric" suffix="."/>'
    '<date-part name="year"/>'
)
_ISO = (
    '<date-part name="year"/><date-part name="month" form="numeric-leading-zeros" prefix="-"/>'
    '<date-part name="day" form="numeric-leading-zeros" prefix="-"/>'
)
_SPELLED = '<date-part name="month" suffix=" "/><date-part name="day" form="ordinal"/>'


@pytest.mark.parametrize(
    ("date", "accessed", "formats"),
    [
        # one numeric form per part: both parts stand in
        (_LITTLE_ENDIAN, _LITTLE_ENDIAN, {"month": "{}", "day": "{}"}),
        (_ISO, _ISO, {"month": "{:02}", "day": "{:02}"}),
        # two forms of one part, or a spelled-out month / ordinal day: that part stays real
        (_LITTLE_ENDIAN, _ISO, {}),
        (_ISO, _SPELLED, {}),
        ('<date-part name="year"/>', _SPELLED, {}),
        # parts never printed stand in freely
        ('<date-part name="year"/>', '<date-part name="year"/>', {"month": "{}", "day": "{}"}),
    ],
)
def test_other_date_forms_fill_in_as_rendered(
    tmp_path: Path, date: str, accessed: str, formats: dict[str, str]
) -> None:
    path = tmp_path / "dates.csl"
    path.write_text(DATE_STYLE.replace("DATE", date).replace("ACCESSED", accessed), "utf-8")
    engine = Engine(load_style(str(path)), "en", "webpage")
    assert engine._part_formats == formats
    for month in range(1, 13):
        for day in (1, 2, 9, 10, 11, 12, 21, 22, 23, 30, 31):
            item = {
                "id": "x",
                "type": "webpage",
                "title": f"Page {month}",
                "issued": {"date-parts": [[2001, month, day]]},
                "accessed": {"date-parts": [[2002, 13 - month, 32 - day]]},
            }
            templated, _html, _md = engine.entries(item)
            assert templated == engine.entry(item, "text"), item
