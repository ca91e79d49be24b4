"""The README's commands exist and work: make targets, kb subcommands and their help."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    head = "\n".join(README.splitlines()[:15])
    assert "make run" in head and "make test" in head


@pytest.mark.parametrize("target", sorted(set(re.findall(r"`make (\w+)`", README))))
def test_every_make_target_in_the_readme_exists(target: str) -> None:
    help_text = subprocess.run(
        ["make", "-s", "help"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    assert f"make {target} " in help_text


@pytest.mark.parametrize("command", sorted(set(re.findall(r"^kb (\w+)", README, re.MULTILINE))))
def test_every_kb_command_in_the_readme_has_help(command: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kb", command, "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: kb {command}")
