"""``check_records`` and ``citekit check records``: what makes a record incomplete or impossible."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit.checks.records import check_record, check_records, record_location, url_problem
from citekit.cli import cli
from citekit.model import Library, Name, PartialDate, Provenance, Reference

TODAY = date(2026, 11, 24)

GOOD_NEWSPAPER = Reference(
    id="lishuiribao2018",
    type="article-newspaper",
    title="以“丽水之干”担纲“丽水之赞”",
    author=(Name(literal="马跃明"),),
    container_title="丽水日报",
    issued=PartialDate(2018, 9, 3),
    origin="refs/a.yaml:30",
)
GOOD_WEBPAGE = Reference(
    id="xinhuanet2020",
    type="webpage",
    title="国务院常务会议",
    container_title="新华网",
    url="http://www.xinhuanet.com/politics/2020-05/01/c_1.htm",
    issued=PartialDate(2020, 5, 1),
    accessed=PartialDate(2020, 6, 1),
)


def codes(ref: Reference) -> list[tuple[str, str]]:
    return [(p.code, p.severity) for p in check_record(ref, today=TODAY)]


def test_complete_records_pass() -> None:
    assert not check_records(Library([GOOD_NEWSPAPER, GOOD_WEBPAGE]), today=TODAY)
    # quotes inside a title are part of it
    assert not check_record(GOOD_NEWSPAPER.replace(title="“丽水之干”担纲“丽水之赞”"), today=TODAY)


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        pytest.param(GOOD_NEWSPAPER.replace(title=None), [("W301", "error")], id="no-title"),
        pytest.param(GOOD_NEWSPAPER.replace(title="  "), [("W301", "error")], id="blank-title"),
        pytest.param(
            GOOD_NEWSPAPER.replace(container_title=None), [("W302", "error")], id="no-newspaper"
        ),
        pytest.param(
            Reference(id="j", type="article-journal", title="t", issued=PartialDate(2012)),
            [("W302", "error")],
            id="article-without-journal",
        ),
        pytest.param(
            GOOD_WEBPAGE.replace(url=None, container_title=None, accessed=None),
            [("W302", "error")],
            id="web-page-without-any-source",
        ),
        pytest.param(
            GOOD_WEBPAGE.replace(url=None), [("W305", "error")], id="web-page-without-url"
        ),
        pytest.param(
            GOOD_NEWSPAPER.replace(issued=PartialDate.raw("2018-2-30")),
            [("W303", "error")],
            id="impossible-date",
        ),
        pytest.param(
            GOOD_WEBPAGE.replace(accessed=PartialDate(2027, 1, 1)),
            [("W304", "warning")],
            id="accessed-in-the-future",
        ),
        pytest.param(
            GOOD_WEBPAGE.replace(url="http://www.xinhuanet.com/a b.htm"),
            [("W306", "error")],
            id="url-with-space",
        ),
        pytest.param(
            GOOD_NEWSPAPER.replace(issued=None), [("W307", "error")], id="newspaper-no-date"
        ),
        pytest.param(
            GOOD_NEWSPAPER.replace(issued=PartialDate(2018, 9)),
            [("W307", "warning")],
            id="newspaper-date-without-day",
        ),
        pytest.param(
            GOOD_WEBPAGE.replace(accessed=PartialDate(2020, 4, 30)),
            [("W308", "warning")],
            id="accessed-before-issued",
        ),
        pytest.param(GOOD_WEBPAGE.replace(accessed=None), [("W309", "warning")], id="no-accessed"),
        pytest.param(
            Reference(id="b", type="book", title="t", publisher="p"),
            [("W310", "warning")],
            id="book-without-date",
        ),
        pytest.param(GOOD_NEWSPAPER.replace(doi="doi:10.1/x"), [("W311", "warning")], id="odd-doi"),
        pytest.param(
            GOOD_NEWSPAPER.replace(warnings=("page number not found",)),
            [("W312", "warning")],
            id="extraction-warning",
        ),
        pytest.param(
            GOOD_NEWSPAPER.replace(container_title="《丽水日报》"),
            [("W313", "warning")],
            id="container-in-book-title-marks",
        ),
        pytest.param(
            GOOD_NEWSPAPER.replace(title="以\ufffd丽水之干"),
            [("W314", "error")],
            id="mojibake",
        ),
    ],
)
def test_each_finding(ref: Reference, expected: list[tuple[str, str]]) -> None:
    assert codes(ref) == expected


def test_same_month_is_not_accessed_before_issued() -> None:
    ref = GOOD_WEBPAGE.replace(issued=PartialDate(2020, 6), accessed=PartialDate(2020, 6, 1))
    assert codes(ref) == []


def test_future_is_judged_at_the_dates_precision() -> None:
    assert codes(GOOD_NEWSPAPER.replace(issued=PartialDate(2026, 11))) == [("W307", "warning")]
    assert ("W304", "warning") in codes(GOOD_NEWSPAPER.replace(issued=PartialDate(2026, 11, 25)))


def test_where_is_origin_then_provenance_then_key_and_message_names_the_key() -> None:
    (p,) = check_record(GOOD_NEWSPAPER.replace(title=None), today=TODAY)
    assert p.where == "refs/a.yaml:30"
    assert "'lishuiribao2018'" in p.message
    prov = Provenance("seeds/a.txt", 98, 112)
    assert record_location(GOOD_NEWSPAPER.replace(origin=None, provenance=(prov,))) == (
        "seeds/a.txt:98-112"
    )
    assert record_location(GOOD_NEWSPAPER.replace(origin=None)) == "lishuiribao2018"


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://www.xinhuanet.com/a.htm", None),
        ("https://例子.中国/路径?查询=1", None),  # internationalised names are fine
        ("http://127.0.0.1:8080/x", None),
        ("www.xinhuanet.com/a.htm", "has no scheme (http:// or https://)"),
        ("http：//www.xinhuanet.com", "contains the full-width character '：'"),
        ("http://www.xinhuanet.com／a", "contains the full-width character '／'"),
        ("http://www.gov.cn/《通知》.htm", "contains the full-width character '《'"),
        ("http://www.gov.cn/a\u3000b", "contains whitespace (ideographic space)"),
        (" http://www.gov.cn/", "has spaces around it"),
        ("http:///a.htm", "has no host"),
        ("http://xinhuanet/a", "has a host without domain ('xinhuanet')"),
        ("http://www..gov.cn/", "has an invalid host name 'www..gov.cn'"),
        ("http://[::1/", "does not parse (Invalid IPv6 URL)"),
        ("http://www.gov.cn:99999/", "does not parse (Port out of range 0-65535)"),
        ("javascript:void(0)", "has the scheme 'javascript', not http, https or ftp"),
    ],
)
def test_url_problem(url: str, why: str | None) -> None:
    assert url_problem(url) == why


# ----------------------------------------------------------------------------------------- CLI

REFS = """references:
- id: lishuiribao2018
  type: article-newspaper
  title: 以“丽水之干”担纲“丽水之赞”
  container-title: 丽水日报
  issued: '2018-09-03'
- id: xinhua2018
  type: webpage
  title: 新华网消息
  URL: http：//www.xinhuanet.com/a
  accessed: '2030-01-01'
"""


@pytest.fixture
def refs(tmp_path: Path) -> Path:
    path = tmp_path / "refs" / "a.yaml"
    path.parent.mkdir()
    path.write_text(REFS, encoding="utf-8")
    return path


def test_cli_json_lists_findings_and_exits_2(runner: CliRunner, refs: Path) -> None:
    result = runner.invoke(
        cli, ["check", "records", str(refs), "--format", "json", "--today", "2026-11-24"]
    )
    assert result.exit_code == 2, result.output
    rows = json.loads(result.stdout)
    assert [(r["id"], r["code"], r["severity"]) for r in rows] == [
        ("xinhua2018", "W306", "error"),
        ("xinhua2018", "W304", "warning"),
    ]
    assert rows[0]["where"] == f"{refs}:7"
    assert set(rows[0]) == {"id", "where", "code", "severity", "message"}


def test_cli_table_and_errors_only(runner: CliRunner, refs: Path) -> None:
    args = ["check", "records", str(refs.parent), "--today", "2026-11-24"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["WHERE", "SEVERITY", "CODE", "MESSAGE"]
    assert len(lines) == 3
    assert "1 error(s), 1 warning(s) in 1 of 2 record(s)" in result.stderr
    result = runner.invoke(cli, [*args, "--errors-only", "--format", "json"])
    assert [r["code"] for r in json.loads(result.stdout)] == ["W306"]


def test_cli_clean_input_exits_0(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(Library([GOOD_NEWSPAPER]).to_csl(), ensure_ascii=False), "utf-8")
    result = runner.invoke(cli, ["check", "records", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def test_cli_unreadable_entries_are_findings_on_stderr(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "lib.bib"
    path.write_text(
        "@article{a,\n  title = {x},\n  journal = {y},\n  year = 2018}\n\n@misc{b title = {x}}\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["check", "records", str(path), "--format", "json"])
    assert result.exit_code == 2
    assert json.loads(result.stdout) == []
    assert f"{path}:6: error[E410]" in result.stderr


def test_cli_cannot_run_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["check", "records", str(tmp_path / "missing.json")])
    assert result.exit_code == 1
    assert "no such file" in result.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "a",}]', encoding="utf-8")
    result = runner.invoke(cli, ["check", "records", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:1:13: malformed JSON" in result.stderr
