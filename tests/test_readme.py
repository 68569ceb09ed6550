"""README's examples run as written, on a copy of the sample data, in README order."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
# Examples that need the network, or placeholders a reader fills in, are not run here; nor the
# workbench server, which runs until Ctrl-C (tests/test_review.py starts and stops it).
NOT_RUN = ("check links", "KEY1", "citekit review")


def readme_commands() -> list[str]:
    """Every `citekit ...` line of the README's ```sh blocks, without trailing comments."""
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    commands = []
    for line in lines:
        # the install line ends in `&& citekit build`: that part runs here
        line = line.split("&&")[-1].strip()
        if line.startswith("citekit ") and not any(s in line for s in NOT_RUN):
            commands.append(line)
    return commands


def test_readme_opens_with_install_and_test_commands() -> None:
    first = re.search(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert first is not None
    assert first.group(1).splitlines() == [
        "python -m pip install -e '.[dev]' && citekit build",
        "python -m pytest",
    ]
    assert "python -m pytest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.slow
def test_readme_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    commands = readme_commands()
    assert len(commands) > 15
    for command in commands:
        args = []
        for word in shlex.split(command)[1:]:  # expand globs as the shell would
            args.extend(sorted(str(p) for p in Path().glob(word)) if "*" in word else [word])
        redirect = None
        if ">" in args:
            i = args.index(">")
            redirect, args = args[i + 1], args[:i]
        result = runner.invoke(cli, args, catch_exceptions=False)
        # on the seeds, the whole job and every check find something (2); the rest succeed (0)
        expected = 2 if args[0] in ("build", "check") else 0
        assert result.exit_code == expected, f"{command}\n{result.output}"
        if redirect:
            Path(redirect).write_text(result.stdout, encoding="utf-8")
    assert (tmp_path / "build" / "index.html").exists()
    assert (tmp_path / "build" / "report-cited.docx").exists()
