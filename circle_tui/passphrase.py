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

from circle_tui.store.files import StoreError
from circle_tui.store.journal import Locked

ENV = "CIRCLE_TUI_PASSPHRASE"
MIN_LENGTH = 8
TRIES = 3

T = TypeVar("T")


class NoPassphrase(StoreError):
    """No usable passphrase was given; nothing was opened or started."""


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise NoPassphrase(f"the passphrase is asked on a terminal (or set ${ENV})")
    return getpass.getpass(prompt)


def new_passphrase() -> str:
    """A passphrase for a new encrypted session, typed twice."""
    given = os.environ.get(ENV)
    if given is not None:
        if len(given) < MIN_LENGTH:
            raise NoPassphrase(f"${ENV}: at least {MIN_LENGTH} characters, please")
        return given
    for _ in range(TRIES):
        first = _ask(f"Passphrase for the private notes (at least {MIN_LENGTH} characters): ")
        if len(first) < MIN_LENGTH:
            print(f"Too short: at least {MIN_LENGTH} characters.", file=sys.stderr)
            continue
        if _ask("The same passphrase again: ") != first:
            print("The two differ; once more.", file=sys.stderr)
            continue
        return first
    raise NoPassphrase("no passphrase was agreed; nothing was started")


def with_passphrase(what: str, open_with: Callable[[str], T]) -> T:
    """Call `open_with(passphrase)` until it is not `Locked` (three tries)."""
    given = os.environ.get(ENV)
    if given is not None:
        return open_with(given)
    problem: Locked | None = None
    for _ in range(TRIES):
        try:
            return open_with(_ask(f"Passphrase for {what}: "))
        except Locked as exc:
            problem = exc
            print("Wrong passphrase.", file=sys.stderr)
    assert problem is not None
    raise problem
