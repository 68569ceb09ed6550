"""Shared fixtures: the CLI runner, paths to seeds and ../shared, golden-file comparison."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

# Property tests check behaviour, not speed: no per-example deadline (CI machines are shared and
# slow at times), and the example counts stay as each test sets them.
settings.register_profile("citekit", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("citekit")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(autouse=True, scope="session")
def _private_caches(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests never read or write the user's real caches (rendered entries, link results)."""
    cache = tmp_path_factory.mktemp("cache")
    saved = {k: os.environ.get(k) for k in ("CITEKIT_CACHE_DIR", "CITEKIT_LINK_CACHE")}
    os.environ["CITEKIT_CACHE_DIR"] = str(cache)
    os.environ["CITEKIT_LINK_CACHE"] = str(cache / "links.sqlite")
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files")


@pytest.fixture
def runner() -> CliRunner:
    """A click test runner (stderr kept apart from stdout)."""
    return CliRunner()


@pytest.fixture
def shared() -> Path:
    """``../shared``; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """``golden(relpath, actual)``: compare with tests/golden/relpath, diff on mismatch."""
    update = request.config.getoption("--update-golden")

    def check(relpath: str, actual: str) -> None:
        path = GOLDEN / relpath
        if update or not path.exists():
            if not update:
                pytest.fail(f"golden file {path} is missing; run pytest --update-golden")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        expected = path.read_text(encoding="utf-8")
        if expected != actual:
            diff = "".join(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    actual.splitlines(keepends=True),
                    fromfile=f"golden/{relpath}",
                    tofile="actual",
                )
            )
            pytest.fail(f"output differs from golden/{relpath}:\n{diff}")

    return check
