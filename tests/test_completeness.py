"""One completeness rule (citekit.completeness): one code and one severity per lack, reported
the same by the record checks and by rendering, and printed once by ``citekit build``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit.checks.records import check_record
from citekit.cli import cli
from citekit.completeness import incomplete
from citekit.model import Location, PartialDate, Reference
from citekit.problems import Problems
from citekit.render import render_bibliography
from citekit.store import load_refs

ROOT = Path(__file__).resolve().parent.parent
PROBLEM_LINE = re.compile(r"^(?P<where>.+?): (?:error|warning)\[(?P<code>\w+)\]: ")
D = PartialDate(2018, 9, 3)


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        pytest.param(Reference("a", "webpage", "t", container_title="网"), [("W305", "error")]),
        pytest.param(Reference("a", "webpage", "t"), [("W302", "error")], id="web-no-source"),
        pytest.param(
            Reference("a", "article-newspaper", "t", container_title="报"),
            [("W307", "error")],
            id="newspaper-no-date",
        ),
        pytest.param(
            Reference("a", "article-newspaper", None, issued=D),
            [("W301", "error"), ("W302", "error")],
            id="no-title-no-paper",
        ),
        pytest.param(Reference("a", "book", "t", issued=D), [("W315", "warning")], id="book"),
        pytest.param(Reference("a", "report", "t"), [("W310", "warning")], id="undated-report"),
        pytest.param(Reference("a", "webpage", "t", url="http://a.cn/"), [], id="complete-web"),
    ],
)
def test_each_lack_has_one_code_and_one_severity(
    ref: Reference, expected: list[tuple[str, str]]
) -> None:
    assert [(p.code, p.severity) for p in incomplete(ref)] == expected


def test_checks_and_rendering_report_the_same_problem() -> None:
    ref = Reference("a", "webpage", "t", container_title="网", origin="refs/a.yaml:3")
    rendered = Problems()
    render_bibliography([ref], problems=rendered)
    checked = check_record(ref)
    assert list(rendered) == [p for p in checked if p.code == "W305"]
    [p] = rendered
    assert p.location == Location("refs/a.yaml", 3, 3, key="a")
    both = Problems(rendered)
    both.extend(checked)
    assert len(both) == len(checked)


@pytest.mark.slow
def test_citekit_build_on_the_seeds_prints_each_problem_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 2, result.output
    printed = [line for line in result.stderr.splitlines() if PROBLEM_LINE.match(line)]
    assert len(printed) == len(set(printed))
    assert any("[W305]" in line for line in printed)  # the seeds do have URL-less web pages
    by_place: dict[str, list[str]] = {}
    for line in printed:
        m = PROBLEM_LINE.match(line)
        assert m is not None
        by_place.setdefault(m["where"], []).append(line)
    # what is printed at a record is exactly what the record checks find: rendering adds no
    # second report of the same lack
    for ref in load_refs("refs"):
        assert ref.origin is not None
        assert by_place.get(ref.origin, []) == [str(p) for p in check_record(ref)], ref.id
