"""The record model: names, dates, provenance, CSL-JSON conversion."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citekit.model import DateError, Library, Location, Name, PartialDate, Provenance, Reference
from citekit.problems import Problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("沈 仁", Name(literal="沈仁"), id="padded-two-character-name"),
        pytest.param("马跃明", Name(literal="马跃明"), id="chinese-name-whole"),
        pytest.param("Smith, John", Name(family="Smith", given="John"), id="family-comma-given"),
        pytest.param("John Smith", Name(family="Smith", given="John"), id="given-family"),
        pytest.param("本刊评论员", Name(literal="本刊评论员"), id="corporate"),
    ],
)
def test_names_parse_as_written(text: str, expected: Name) -> None:
    assert Name.parse(text) == expected


def test_chinese_name_is_never_split_into_family_and_given() -> None:
    assert Name.parse("袁 卫").to_csl() == {"literal": "袁卫"}


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2018-9-3", "2018-09-03"),
        ("2018年9月3日", "2018-09-03"),
        ("2018.09.03", "2018-09-03"),
        ("2018/9/3", "2018-09-03"),
        ("２０１８－９－３", "2018-09-03"),
        ("二〇一八年", "2018"),
        ("二〇一八年九月三日", "2018-09-03"),
        ("二〇二〇年十月十六日", "2020-10-16"),
        ("2018年9月", "2018-09"),
        ("2018 年", "2018"),
    ],
)
def test_dates_parse_in_every_common_form(text: str, iso: str) -> None:
    assert PartialDate.parse(text).iso() == iso


@pytest.mark.parametrize("text", ["2018-2-30", "2018-13-1", "2019-2-29", "明天", ""])
def test_impossible_dates_are_refused_not_guessed(text: str) -> None:
    with pytest.raises(DateError):
        PartialDate.parse(text)


def test_raw_date_is_kept_and_marked_invalid() -> None:
    d = PartialDate.raw("2018-2-30")
    assert not d.is_valid
    assert d.iso() == "2018-2-30"
    assert d.to_csl() == {"raw": "2018-2-30"}
    assert PartialDate.from_csl({"raw": "2018-2-30"}) == d


def test_provenance_span_is_one_based_and_ordered() -> None:
    with pytest.raises(ValueError):
        Provenance("a.txt", 0, 1)
    with pytest.raises(ValueError):
        Provenance("a.txt", 5, 4)
    assert Provenance("a.txt", 3, 4).location == "a.txt:3-4"


def test_reference_to_csl_uses_csl_variable_names() -> None:
    ref = Reference(
        id="lishuiribao2018",
        type="article-newspaper",
        title="以“丽水之干”担纲“丽水之赞”",
        container_title="丽水日报",
        issued=PartialDate(2018, 9, 3),
        url="http://example.org/a",
        provenance=(Provenance("seeds/000.txt", 112, 112, "（来源：《丽水日报》2018-9-3）"),),
    )
    csl = ref.to_csl()
    assert csl["container-title"] == "丽水日报"
    assert csl["issued"] == {"date-parts": [[2018, 9, 3]]}
    assert csl["URL"] == "http://example.org/a"
    assert csl["custom"]["citekit"]["provenance"][0]["lines"] == [112, 112]
    assert Reference.from_csl(csl) == ref
    assert "custom" not in ref.to_csl(provenance=False)


def test_unknown_csl_variables_survive_a_round_trip() -> None:
    item = {"id": "x", "type": "book", "title": "T", "ISBN": "978-7-1", "custom": {"mine": 1}}
    assert Reference.from_csl(item).to_csl() == item


def test_library_keys_are_unique_regardless_of_case() -> None:
    lib = Library([Reference(id="Abc2018")])
    with pytest.raises(KeyError):
        lib.add(Reference(id="abc2018"))
    assert lib.get("ABC2018") is not None
    assert "aBc2018" in lib


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)
_names = st.builds(Name, literal=_text.filter(bool))
_dates = st.builds(PartialDate.of, st.integers(1, 9999), st.none() | st.integers(1, 12), st.none())
_refs = st.builds(
    Reference,
    id=st.from_regex(r"[a-z][a-z0-9]{0,10}", fullmatch=True),
    type=st.sampled_from(["article-newspaper", "webpage", "article-magazine", "speech"]),
    title=st.none() | _text,
    author=st.lists(_names, max_size=3).map(tuple),
    container_title=st.none() | _text,
    issued=st.none() | _dates,
    page=st.none() | _text,
    provenance=st.lists(
        st.builds(Provenance, _text, st.just(1), st.integers(1, 9), _text), max_size=2
    ).map(tuple),
)


@given(_refs)
def test_csl_json_round_trip_is_lossless(ref: Reference) -> None:
    assert Reference.from_csl(ref.to_csl()) == ref


def test_name_parts_beyond_family_and_given_survive_csl_json() -> None:
    data = {
        "family": "King",
        "given": "Martin Luther",
        "suffix": "Jr.",
        "non-dropping-particle": "de",
        "dropping-particle": "van",
    }
    name = Name.from_csl(data)
    assert name.suffix == "Jr."
    assert name.to_csl() == data


# ---------------------------------------------------------------------------------- locations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("refs/a.yaml:30", Location("refs/a.yaml", 30, 30), id="file-line"),
        pytest.param("seeds/a.txt:98-112", Location("seeds/a.txt", 98, 112), id="line-span"),
        pytest.param("refs/a.yaml:3:5", Location("refs/a.yaml", 3, 3, column=5), id="column"),
        pytest.param("lib.bib", Location("lib.bib"), id="file-only"),
        pytest.param("C:\\refs\\a.yaml:7", Location("C:\\refs\\a.yaml", 7, 7), id="windows"),
    ],
)
def test_location_text_is_read_into_fields(text: str, expected: Location) -> None:
    assert Location.parse(text) == expected
    assert str(expected) == text


@given(st.text(max_size=30))
def test_reading_a_location_loses_nothing(text: str) -> None:
    assert str(Location.parse(text)) == text


def test_a_record_knows_its_location() -> None:
    prov = Provenance("seeds/a.txt", 98, 112, "（来源：丽水日报）")
    ref = Reference("lishuiribao2018", provenance=(prov,))
    assert ref.location == Location("seeds/a.txt", 98, 112, key="lishuiribao2018")
    stored = ref.replace(origin="refs/a.yaml:30")
    assert stored.location == Location("refs/a.yaml", 30, 30, key="lishuiribao2018")
    assert str(stored.location) == "refs/a.yaml:30"
    assert Reference("k").location == Location(key="k") and str(Reference("k").location) == "k"
    assert list(prov.span.lines) == list(range(98, 113))


def test_problems_carry_a_typed_location_and_keep_one_copy_of_a_finding() -> None:
    problems = Problems()
    where = Location("refs/a.yaml", 30, 30, key="a")
    problems.add(where, "W305", "'a' is a web page without URL", "error")
    problems.add(where, "W305", "'a' is a web page without URL", "error")
    problems.add("seeds/a.txt:12", "E103", "impossible date")
    assert [str(p) for p in problems] == [
        "refs/a.yaml:30: error[W305]: 'a' is a web page without URL",
        "seeds/a.txt:12: warning[E103]: impossible date",
    ]
    first, second = problems
    assert (first.key, first.where, second.location.start_line) == ("a", "refs/a.yaml:30", 12)
