"""Chinese numerals, as years, days and issue numbers are written."""

from __future__ import annotations

import pytest

from citekit.numerals import cn_to_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2018", 2018),
        ("二〇一八", 2018),
        ("二零一八", 2018),
        ("二○一八", 2018),
        ("十", 10),
        ("十九", 19),
        ("二十三", 23),
        ("三十", 30),
        ("一百零五", 105),
        ("两百", 200),
        ("九", 9),
    ],
)
def test_numerals_read_as_written(text: str, value: int) -> None:
    assert cn_to_int(text) == value


@pytest.mark.parametrize("text", ["", "十四五", "十十", "abc", "二x"])
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        cn_to_int(text)
