"""Every command and every argument of the command line says what it is for (`--help` is the manual)."""

from __future__ import annotations

import argparse

from wirespan.commands.cli import COMMANDS, parser


def test_every_command_and_argument_has_help() -> None:
    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert sorted(sub.choices) == sorted(c.__name__.rsplit(".", 1)[1].replace("_", "-") for c in COMMANDS)
    helps = {c.dest: c.help for c in sub._choices_actions}
    missing = [name for name in sub.choices if not helps.get(name)]
    for name, command in sub.choices.items():
        missing += [f"{name} {a.dest}" for a in command._actions
                    if not isinstance(a, argparse._HelpAction) and not (a.help and a.help.strip())]
    assert missing == [], f"without help text: {missing}"
