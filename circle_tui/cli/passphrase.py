"""Asking for the passphrase that locks a session's private notes.

On a terminal it is asked with `getpass` (nothing echoed), before the
console opens. For scripts, `$CIRCLE_TUI_PASSPHRASE` gives it instead (it is
visible to the same user's processes; a terminal is the better place).
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from typing import TypeVar

from circle_tui.app.errors import Locked, StoreError
from circle_tui.core.i18n import _, ngettext

ENV = "CIRCLE_TUI_PASSPHRASE"
MIN_LENGTH = 8
TRIES = 3

T = TypeVar("T")


class NoPassphrase(StoreError):
    """No usable passphrase was given; nothing was opened or started."""


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        # Translators: {variable} is the environment variable that can give the passphrase
        problem = _("the passphrase is asked on a terminal (or set {variable})")
        raise NoPassphrase(problem.format(variable=f"${ENV}"))
    return getpass.getpass(prompt)


def new_passphrase() -> str:
    """A passphrase for a new encrypted session, typed twice."""
    given = os.environ.get(ENV)
    if given is not None:
        if len(given) < MIN_LENGTH:
            problem = ngettext(
                "at least {n} character, please", "at least {n} characters, please", MIN_LENGTH
            )
            raise NoPassphrase(f"${ENV}: {problem.format(n=MIN_LENGTH)}")
        return given
    for _attempt in range(TRIES):
        # Translators: asked on the terminal before an encrypted session starts
        prompt = ngettext(
            "Passphrase for the private notes (at least {n} character): ",
            "Passphrase for the private notes (at least {n} characters): ",
            MIN_LENGTH,
        )
        first = _ask(prompt.format(n=MIN_LENGTH))
        if len(first) < MIN_LENGTH:
            too_short = ngettext(
                "Too short: at least {n} character.",
                "Too short: at least {n} characters.",
                MIN_LENGTH,
            )
            print(too_short.format(n=MIN_LENGTH), file=sys.stderr)
            continue
        if _ask(_("The same passphrase again: ")) != first:
            # Translators: the passphrase and its repetition are not the same; it is asked again
            print(_("The two differ; once more."), file=sys.stderr)
            continue
        return first
    raise NoPassphrase(_("no passphrase was agreed; nothing was started"))


def with_passphrase(prompt: str, open_with: Callable[[str], T]) -> T:
    """Call `open_with(passphrase)` until it is not `Locked` (three tries).

    `prompt` asks for it on the terminal ("Passphrase for the notes of ...: ").
    """
    given = os.environ.get(ENV)
    if given is not None:
        return open_with(given)
    problem: Locked | None = None
    for _attempt in range(TRIES):
        try:
            return open_with(_ask(prompt))
        except Locked as exc:
            problem = exc
            print(_("Wrong passphrase."), file=sys.stderr)
    assert problem is not None
    raise problem
