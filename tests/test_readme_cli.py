"""The README's command list is the command line's documentation: every command and every option
the parser takes is in it, and nothing in it is unknown to the parser."""

from __future__ import annotations

import argparse
import re

from geo.cli import build_parser
from tests.conftest import ROOT


def commands(parser: argparse.ArgumentParser, prefix: str = "") -> dict[str, set[str]]:
    """Each command (``review confirm`` for a nested one) and its long options."""
    found: dict[str, set[str]] = {}
    for action in parser._actions:  # argparse has no public walk of its subcommands
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.update(commands(sub, f"{prefix}{name} "))
    if prefix:
        options = {o for a in parser._actions for o in a.option_strings if o.startswith("--") and o != "--help"}
        found[prefix.strip()] = options
    return found


def documented() -> dict[str, str]:
    """Each README line of the command list, by the command it names (continuations joined)."""
    block = re.search(r"```sh\n(python -m geo validate.*?)```", (ROOT / "README.md").read_text(), re.S).group(1)
    lines: dict[str, str] = {}
    last = ""
    for line in block.splitlines():
        if line.startswith("python -m geo "):
            words = line.removeprefix("python -m geo ").split()
            last = " ".join(words[:2]) if words[0] == "review" and len(words) > 1 and "|" in words[1] else words[0]
            lines[last] = lines.get(last, "") + " " + line
        elif line.strip():
            lines[last] += " " + line
    return lines


def test_every_command_and_option_is_in_the_readme():
    docs = documented()
    text = " ".join(docs.values())
    for command, options in commands(build_parser()).items():
        name = command.split()[0]
        assert f"python -m geo {name}" in text, command
        lines = " ".join(v for k, v in docs.items() if k.split()[0] == name)
        missing = {o for o in options if o not in lines}
        assert not missing, f"{command}: {sorted(missing)} not in the README's command list"


def test_the_readme_names_no_command_the_parser_lacks():
    known = {c.split()[0] for c in commands(build_parser())}
    assert {k.split()[0] for k in documented()} <= known
