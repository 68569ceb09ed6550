"""Interrupted runs keep their results: Ctrl-C prints the report so far, and a rerun after
Ctrl-C or ``kill -9`` fetches no URL that had finished (counted by the loopback server)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from linkserver import LinkServer

from citekit.checks.linkcache import LinkJournal
from citekit.checks.links import LinkTarget, check_links

ROOT = Path(__file__).resolve().parent.parent


def _journalled(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {url for (url,) in db.execute("SELECT url FROM results")}


def _run(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "citekit", "check", "links", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_for_requests(srv: LinkServer, n: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 300
    while len(srv.requests) < n:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "the checker made no progress"
        time.sleep(0.02)


def test_ctrl_c_then_kill_9_then_a_rerun_never_fetches_a_finished_url_twice(
    tmp_path: Path,
) -> None:
    with LinkServer() as srv:
        urls = [srv.url(f"/ok/{i}") for i in range(2000)]
        (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
        journal = tmp_path / "run.sqlite"
        args = ["urls.txt", "--journal", str(journal), "--no-cache", "--no-probe"]
        args += ["--fixed-pace", "--host-rate", "0", "--host-concurrency", "8"]
        args += ["--format", "json", "-o", "report.json"]

        # 1. Ctrl-C: the report so far is written, exit 130.
        proc = _run(args, tmp_path)
        _wait_for_requests(srv, 300, proc)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 130, err.decode()
        assert b"interrupted:" in err and b"run the same command again" in err
        partial = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
        done_1 = _journalled(journal)
        assert 0 < len(partial) < 2000
        assert {r["url"] for r in partial} <= done_1
        seen_1 = len(srv.requests)

        # 2. kill -9 in the middle of the rerun.
        proc = _run(args, tmp_path)
        _wait_for_requests(srv, seen_1 + 600, proc)
        proc.kill()
        proc.wait(timeout=60)
        assert proc.returncode == -signal.SIGKILL
        done_2 = _journalled(journal)
        seen_2 = len(srv.requests)
        assert done_1 < done_2 and len(done_2) < 2000

        # 3. The rerun completes.
        proc = _run(args, tmp_path)
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err.decode()
        assert b"resuming: " in err

        after_1 = Counter(srv.url(s.path) for s in srv.requests[seen_1:])
        after_2 = Counter(srv.url(s.path) for s in srv.requests[seen_2:])
    assert not done_1 & set(after_1), "a URL finished before Ctrl-C was fetched again"
    assert not done_2 & set(after_2), "a URL finished before kill -9 was fetched again"
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert [r["url"] for r in report] == urls
    assert {r["verdict"] for r in report} == {"ok"}


def test_the_journal_records_each_result_as_it_arrives(tmp_path: Path) -> None:
    with LinkServer() as srv:
        targets = [LinkTarget(srv.url(f"/ok/j{i}")) for i in range(3)]
        seen_in_journal: list[int] = []
        with LinkJournal(tmp_path / "j.sqlite") as journal:

            def progress(_: object) -> None:
                seen_in_journal.append(len(_journalled(tmp_path / "j.sqlite")))

            check_links(targets, journal=journal, progress=progress)
        assert seen_in_journal == [1, 2, 3]  # committed before the caller hears of it
        before = len(srv.requests)
        with LinkJournal(tmp_path / "j.sqlite") as journal:
            again = check_links(targets, journal=journal)
        assert len(srv.requests) == before
    assert [r.verdict for r in again] == ["ok"] * 3


def test_the_library_writes_no_cache_unless_given_one(tmp_path: Path) -> None:
    cache_file = Path(os.environ["CITEKIT_LINK_CACHE"])
    cache_file.unlink(missing_ok=True)
    with LinkServer() as srv:
        check_links([LinkTarget(srv.url("/ok/nocache"))])
    assert not cache_file.exists()


def test_a_cache_passed_in_is_read_and_written(tmp_path: Path) -> None:
    from citekit.checks.linkcache import LinkCache

    with LinkServer() as srv, LinkCache(tmp_path / "c.sqlite") as cache:
        targets = [LinkTarget(srv.url("/ok/c1")), LinkTarget(srv.url("/nf/c2"))]
        first = check_links(targets, cache=cache)
        second = check_links(targets, cache=cache)
        assert [len(srv.seen(p)) for p in ("/ok/c1", "/nf/c2")] == [1, 2]
    assert [r.cached for r in first] == [False, False]
    assert [r.cached for r in second] == [True, False]  # failures are never cached
