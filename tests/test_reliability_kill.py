"""kill -9 at random points of ``extract``, ``build`` and ``merge`` leaves every file in refs/
and the whole of build/ either as it was or as the finished command leaves it, never a mix.

Twenty trials; whatever the moment of the kill, the verdict is the same (no timing decides it).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from citekit.store import load_refs_file

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
#: build outputs whose bytes depend only on the library (the .docx and page carry timestamps)
STABLE_OUTPUTS = ("references.bib", "references.json", "bibliography.txt")


def _doc(name: str, count: int, extra: int = 0) -> str:
    return "".join(
        f"{name}第{i}篇\n\n正文。\n（来源：《丽水日报》2018-{i % 12 + 1}-{i % 28 + 1} 第{i}版）\n\n"
        for i in range(1, count + extra + 1)
    )


def _files(path: Path) -> dict[str, bytes]:
    """Every file under ``path`` except hidden ones (the lock, temporary files)."""
    if not path.exists():
        return {}
    return {
        str(p.relative_to(path)): p.read_bytes()
        for p in sorted(path.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "citekit", *args],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )


COMMANDS = {
    "extract": ("extract", "seeds/a.txt", "seeds/b.txt"),
    "build": ("build",),
    "merge": ("merge", "--force"),  # + the first two keys of refs/a.yaml
}


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, float]]:
    """For each command: a directory before it, one after it, and how long it takes."""
    out = {}
    for name in COMMANDS:
        before = tmp_path_factory.mktemp(f"{name}-before")
        (before / "seeds").mkdir()
        (before / "seeds" / "a.txt").write_text(_doc("北京", 12), encoding="utf-8")
        (before / "seeds" / "b.txt").write_text(_doc("上海", 12), encoding="utf-8")
        assert _run(before, "build").returncode in (0, 2)
        (before / "seeds" / "a.txt").write_text(_doc("北京", 12, extra=6), encoding="utf-8")
        if name == "merge":
            keys = [r.id for r in load_refs_file(before / "refs" / "a.yaml").references]
            COMMANDS[name] = ("merge", *keys[:2], "--force")
        after = tmp_path_factory.mktemp(f"{name}-after")
        shutil.copytree(before, after, dirs_exist_ok=True)
        start = time.monotonic()
        done = _run(after, *COMMANDS[name])
        assert done.returncode in (0, 2), done.stderr
        out[name] = (before, after, time.monotonic() - start)
    return out


def _check(workdir: Path, before: Path, after: Path) -> None:
    old, new, now = _files(before / "refs"), _files(after / "refs"), _files(workdir / "refs")
    assert set(now) <= set(old) | set(new), "refs/ has a file neither state has"
    for name, data in now.items():
        if name == "_keys.yaml":  # append-only: between the two
            assert data.startswith(old.get(name, b"")) and new[name].startswith(data)
            continue
        assert data in (old.get(name), new.get(name)), f"refs/{name} is neither old nor new"
    for name in set(old) & set(new):
        assert name in now, f"refs/{name} is missing"
    builds = [_files(d / "build") for d in (before, after)]
    build = _files(workdir / "build")
    assert set(build) == set(builds[0]), "build/ is incomplete"
    stable = {n: build[n] for n in STABLE_OUTPUTS}
    assert stable in [{n: b[n] for n in STABLE_OUTPUTS} for b in builds], "build/ mixes outputs"


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no kill -9 here")
def test_kill_9_leaves_refs_and_build_old_or_new(
    states: dict[str, tuple[Path, Path, float]], tmp_path: Path
) -> None:
    rng = random.Random(18)
    names = [*COMMANDS] * 7
    for trial, name in enumerate(names[:20]):
        before, after, duration = states[name]
        workdir = tmp_path / f"{trial}-{name}"
        shutil.copytree(before, workdir)
        proc = subprocess.Popen(
            [sys.executable, "-m", "citekit", *COMMANDS[name]],
            cwd=workdir,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.2, 1.0) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        _check(workdir, before, after)
        if trial % 4:
            continue
        # And the interrupted command, run again, finishes the job.
        again = _run(workdir, *COMMANDS[name])
        if name == "merge" and again.returncode == 1:  # it had finished before the kill
            assert "unknown citation key" in again.stderr
        else:
            assert again.returncode in (0, 2), again.stderr
        assert _files(workdir / "refs") == _files(after / "refs")
