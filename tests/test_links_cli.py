"""``citekit check links`` from the command line: inputs, formats, exit codes, output files."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from linkserver import LinkServer

from citekit.cli import cli

FAST = ["--timeout", "5", "--retries", "0", "--no-cache"]


@pytest.fixture(scope="module")
def server() -> Iterator[LinkServer]:
    with LinkServer() as srv:
        yield srv


@pytest.fixture
def url_list(server: LinkServer, tmp_path: Path) -> Path:
    f = tmp_path / "urls.txt"
    lines = ["# cited in the May bulletin", server.url("/ok/1"), server.url("/nf/1")]
    lines += [server.url("/forbidden/1"), server.url("/r301/1")]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f


@pytest.fixture
def csl_json(server: LinkServer, tmp_path: Path) -> Path:
    items = [
        {"id": "lishuiribao2018", "type": "article-newspaper", "title": "丽水日报", "URL": ""},
        {"id": "xinhua2019", "type": "webpage", "title": "新华网", "URL": server.url("/ok/2")},
        {"id": "gov2020", "type": "webpage", "title": "政府网", "URL": server.url("/ok/2")},
    ]
    f = tmp_path / "refs.json"
    f.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return f


def test_json_lists_every_url_and_exit_2_means_broken(runner: CliRunner, url_list: Path) -> None:
    result = runner.invoke(cli, ["check", "links", str(url_list), "--format", "json", *FAST])
    assert result.exit_code == 2, result.output
    data = json.loads(result.stdout)
    assert [(d["reason"], d["verdict"]) for d in data] == [
        ("ok", "ok"),
        ("not-found", "broken"),
        ("blocked", "unverifiable"),
        ("moved", "ok"),
    ]
    assert data[1]["ids"] == [f"{url_list}:3"]
    assert data[3]["suggestion"].endswith("/ok/1")


def test_records_input_exits_0_when_nothing_is_broken(runner: CliRunner, csl_json: Path) -> None:
    result = runner.invoke(cli, ["check", "links", str(csl_json), "--format", "json", *FAST])
    assert result.exit_code == 0, result.output
    [only] = json.loads(result.stdout)
    assert only["ids"] == ["xinhua2019", "gov2020"]


def test_the_table_shows_problems_first_and_a_summary(runner: CliRunner, url_list: Path) -> None:
    result = runner.invoke(cli, ["check", "links", str(url_list), *FAST])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["VERDICT", "REASON", "STATUS"]
    # broken, then unverifiable, then the moved link (it wants an edit); working links left out
    assert [ln.split()[:2] for ln in lines[1:]] == [
        ["broken", "not-found"],
        ["unverifiable", "blocked"],
        ["ok", "moved"],
    ]
    assert "4 links: 2 ok, 1 broken, 1 unverifiable" in result.stderr


def test_markdown_report(runner: CliRunner, url_list: Path) -> None:
    args = ["check", "links", str(url_list), "--format", "markdown", "--all", *FAST]
    result = runner.invoke(cli, args)
    assert result.stdout.startswith("**4 links: 2 ok, 1 broken, 1 unverifiable")
    assert result.stdout.count("\n| ") == 5  # header + 4 rows with --all


def test_junit_report_written_to_a_file(runner: CliRunner, url_list: Path, tmp_path: Path) -> None:
    out = tmp_path / "links.xml"
    args = ["check", "links", str(url_list), "--format", "junit", "-o", str(out), *FAST]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    suite = ET.parse(out).getroot()
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("4", "1", "1")
    failed = [c.get("name") for c in suite if c.find("failure") is not None]
    assert len(failed) == 1 and failed[0].endswith("/nf/1")


def test_the_cache_path_comes_from_the_option_or_the_environment(
    runner: CliRunner, csl_json: Path, tmp_path: Path
) -> None:
    db = tmp_path / "c.sqlite"
    args = ["check", "links", str(csl_json), "--format", "json", "--timeout", "5"]
    runner.invoke(cli, args, env={"CITEKIT_LINK_CACHE": str(db)})
    assert db.is_file()
    again = runner.invoke(cli, [*args, "--cache", str(db)])
    assert json.loads(again.stdout)[0]["cached"] is True


def test_records_without_urls_are_fine(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "refs.json"
    f.write_text('[{"id": "a", "type": "book", "title": "无网址"}]', encoding="utf-8")
    result = runner.invoke(cli, ["check", "links", str(f), *FAST])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "0 links: 0 ok, 0 broken, 0 unverifiable" in result.stderr


def test_a_missing_input_is_an_error_not_a_finding(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["check", "links", str(tmp_path / "nope.json")])
    assert result.exit_code == 1
    assert "nope.json: no such file or directory" in result.output


def test_an_unknown_input_kind_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "refs.docx"
    f.write_bytes(b"PK")
    result = runner.invoke(cli, ["check", "links", str(f)])
    assert result.exit_code == 1
    assert "not a reference input" in result.output


def test_bad_options_exit_1(runner: CliRunner, url_list: Path) -> None:
    result = runner.invoke(cli, ["check", "links", str(url_list), "--host-concurrency", "0"])
    assert result.exit_code == 1


def test_a_failed_check_leaves_the_output_file_alone(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "links.json"
    out.write_text("previous report", encoding="utf-8")
    result = runner.invoke(cli, ["check", "links", str(tmp_path / "nope.txt"), "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "previous report"


def test_help_has_examples(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "links", "--help"])
    assert result.exit_code == 0
    for words in (
        "Examples:", "--format", "--host-concurrency", "--host-rate", "soft-404", "Exit code",
        "--exclude", "--include", "--header", "--accept", "--proxy", "HTTP_PROXY", "--robots",
        "--check-anchors", "--journal", "Ctrl-C",
    ):  # fmt: skip
        assert words in result.output


# ------------------------------------------------------------------------ inputs and options

QUICK = [*FAST, "--fixed-pace", "--host-rate", "0", "--format", "json"]


def test_one_url_on_the_command_line(runner: CliRunner, server: LinkServer) -> None:
    result = runner.invoke(cli, ["check", "links", server.url("/ok/arg"), *QUICK])
    assert result.exit_code == 0, result.output
    [only] = json.loads(result.stdout)
    assert (only["url"], only["verdict"], only["ids"]) == (
        server.url("/ok/arg"),
        "ok",
        ["<argument>:1"],
    )


def test_a_list_on_standard_input_with_pasted_urls_trimmed_and_reported(
    runner: CliRunner, server: LinkServer
) -> None:
    pasted = (
        f"{server.url('/ok/p1')}。\n{server.url('/ok/p2')}）\n{server.url('/nf/p3')} 2019年5月\n"
    )
    result = runner.invoke(cli, ["check", "links", "-", *QUICK], input=pasted)
    assert result.exit_code == 2, result.output
    data = json.loads(result.stdout)
    assert [d["url"] for d in data] == [server.url(p) for p in ("/ok/p1", "/ok/p2", "/nf/p3")]
    assert [d["verdict"] for d in data] == ["ok", "ok", "broken"]
    assert f"<stdin>:1: trimmed '。' from the end: {server.url('/ok/p1')}" in result.stderr
    assert "<stdin>:2: trimmed '）' from the end" in result.stderr
    assert "<stdin>:3: cut at a space before '2019年5月'" in result.stderr
    assert "trimmed '。'" in data[0]["detail"]  # the report says so too


def test_include_and_exclude_host_patterns(runner: CliRunner, server: LinkServer) -> None:
    urls = f"{server.url('/ok/i1')}\nhttp://mp.weixin.qq.com/s/x\nhttp://www.gov.cn/a\n"
    args = ["check", "links", "-", *QUICK, "--exclude", "*.qq.com", "--exclude", "*.gov.cn"]
    result = runner.invoke(cli, args, input=urls)
    assert [d["url"] for d in json.loads(result.stdout)] == [server.url("/ok/i1")]
    assert "2 URL(s) excluded by --include/--exclude, not checked" in result.stderr
    only = runner.invoke(cli, ["check", "links", "-", *QUICK, "--include", "127.0.0.*"], input=urls)
    assert [d["url"] for d in json.loads(only.stdout)] == [server.url("/ok/i1")]


def test_headers_are_sent_and_accepted_statuses_count_as_ok(
    runner: CliRunner, server: LinkServer
) -> None:
    args = ["check", "links", server.url("/forbidden/h"), *QUICK]
    args += ["--header", "Cookie: session=abc", "--accept", "200..299,403"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    [only] = json.loads(result.stdout)
    assert (only["verdict"], only["detail"]) == ("ok", "HTTP 403, accepted (--accept)")
    [seen] = server.seen("/forbidden/h")
    assert ("Cookie", "session=abc") in seen.headers
    bad = runner.invoke(cli, ["check", "links", server.url("/ok/1"), "--header", "nocolon"])
    assert bad.exit_code != 0 and "is not 'Name: value'" in bad.output
    bad = runner.invoke(cli, ["check", "links", server.url("/ok/1"), "--accept", "2xx"])
    assert bad.exit_code != 0 and "--accept" in bad.output


def test_a_proxy_reaches_hosts_by_name_including_idn(runner: CliRunner) -> None:
    sites = {
        "xn--fiq04tj1ls8y.xn--fiqs8s": {
            "/news/1.html": (200, "<title>中文域名</title><p>正文</p>", {})
        },
        "www.example-gov.cn": {"*": (404, "no", {})},
    }
    with LinkServer(sites=sites) as proxy:
        urls = "http://中文网址.中国/news/1.html\nhttp://www.example-gov.cn/a/1.html\n"
        result = runner.invoke(
            cli, ["check", "links", "-", *QUICK, "--proxy", proxy.base], input=urls
        )
        hosts = {s.host for s in proxy.requests}
    assert [d["reason"] for d in json.loads(result.stdout)] == ["ok", "not-found"]
    assert "xn--fiq04tj1ls8y.xn--fiqs8s" in hosts


def test_robots_txt_is_obeyed_when_asked(runner: CliRunner, server: LinkServer) -> None:
    args = ["check", "links", server.url("/private/r1"), *QUICK]
    assert json.loads(runner.invoke(cli, args).stdout)[0]["verdict"] == "ok"  # off by default
    result = runner.invoke(cli, [*args, "--robots"])
    [only] = json.loads(result.stdout)
    assert (only["verdict"], only["reason"]) == ("unverifiable", "robots")
    assert len(server.seen("/private/r1")) == 1  # the second run did not fetch it


def test_anchors_are_checked_when_asked(runner: CliRunner, server: LinkServer) -> None:
    urls = "".join(server.url(f"/anchor/1#{a}") + "\n" for a in ("sec2", "fig1", "nope"))
    result = runner.invoke(cli, ["check", "links", "-", *QUICK, "--check-anchors"], input=urls)
    data = json.loads(result.stdout)
    assert [d["reason"] for d in data] == ["ok", "ok", "missing-anchor"]
    assert data[2]["detail"] == "the page has no anchor #nope"
    plain = runner.invoke(cli, ["check", "links", "-", *QUICK], input=urls)
    assert {d["verdict"] for d in json.loads(plain.stdout)} == {"ok"}


def test_progress_lines_when_stderr_is_not_a_terminal(
    runner: CliRunner, server: LinkServer
) -> None:
    result = runner.invoke(cli, ["check", "links", server.url("/ok/pl"), *QUICK])
    assert "checked 1/1: 1 ok, 0 broken, 0 unverifiable" in result.stderr


def test_a_completed_run_removes_its_default_journal(runner: CliRunner, server: LinkServer) -> None:
    import os

    runs = Path(os.environ["CITEKIT_LINK_CACHE"]).parent / "runs"
    result = runner.invoke(cli, ["check", "links", server.url("/ok/jr"), *QUICK])
    assert result.exit_code == 0
    assert not runs.exists() or not any(runs.iterdir())


def test_the_readme_link_examples_run_against_the_loopback_server(
    runner: CliRunner, server: LinkServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re
    import shlex

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Checking links on the Chinese web", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    lines = [ln for ln in block.group(1).splitlines() if "citekit check links" in ln]
    assert len(lines) >= 5
    monkeypatch.chdir(tmp_path)
    urls = [server.url("/ok/readme"), server.url("/nf/readme")]
    Path("urls.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
    for line in lines:
        piped = line.startswith("cat ")
        words = shlex.split(line.split("|")[-1] if piped else line)[1:]
        # the network is replaced by the loopback server: URLs and the proxy point at it
        words = [server.url("/ok/readme") if w.startswith("http") else w for w in words]
        if "--proxy" in words:
            words[words.index("--proxy") + 1] = server.base  # the server answers as a proxy
        words += ["--no-cache", "--fixed-pace", "--host-rate", "0"]
        stdin = Path("urls.txt").read_text(encoding="utf-8") if piped else None
        result = runner.invoke(cli, words, input=stdin, catch_exceptions=False)
        assert result.exit_code in (0, 2), (line, result.output)


def test_a_proxy_that_is_not_a_url_is_a_usage_error(runner: CliRunner, server: LinkServer) -> None:
    result = runner.invoke(cli, ["check", "links", server.url("/ok/1"), "--proxy", "localhost"])
    assert result.exit_code != 0 and "--proxy" in result.output
