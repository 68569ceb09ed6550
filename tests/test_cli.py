"""The command group: help texts, version, exit codes that a CI job can use."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from citekit import __version__
from citekit.cli import cli

COMMANDS = ["extract", "render", "export", "cite", "build", "merge"]


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_text(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert "Not built yet" not in result.output


@pytest.mark.parametrize("command", ["links", "records", "dupes"])
def test_every_check_has_help_text(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, ["check", command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Not built yet" not in result.output


def test_usage_error_exits_1_because_2_means_findings(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["no-such-command"])
    assert result.exit_code == 1
    result = runner.invoke(cli, ["extract"])  # missing FILES
    assert result.exit_code == 1
