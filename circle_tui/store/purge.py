"""Erasing sessions: their private notes only, or the whole session folder.

Private notes are erased inside the journal first (`secure_delete` overwrites
the text, VACUUM rewrites the file, the WAL is emptied); for an encrypted
session the wrapped key goes with them, so the notes cannot be read even
from an old copy of the file. A whole session is then removed from disk.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from circle_tui.core.i18n import _
from circle_tui.store.files import StoreError
from circle_tui.store.journal import Journal
from circle_tui.store.sessions import JOURNAL_FILE, read_plan, session_folders

DAY = 86400.0
_AGE = re.compile(r"^\s*(\d+)\s*(d|days?|w|weeks?)\s*$", re.IGNORECASE)


def parse_age(text: str) -> int:
    """`90d`, `12w` or `90 days` -> days; ValueError with what is expected."""
    found = _AGE.match(text)
    if not found:
        # Translators: 90d and 12w are typed as they are (days, weeks)
        problem = _("give an age such as 90d or 12w")
        raise ValueError(f"{text!r}: {problem}")
    number, unit = int(found[1]), found[2].lower()
    return number * (7 if unit.startswith("w") else 1)


@dataclass(frozen=True)
class Aged:
    """A session folder and when it was held (None: its plan is unreadable)."""

    path: Path
    created_at: float | None


def sessions_older_than(root: Path, days: int, now: float) -> list[Aged]:
    """Sessions held more than `days` days before `now`, oldest first.

    A damaged folder counts by its modification time: it is not kept forever
    just because it cannot be read.
    """
    found = []
    for path in session_folders(root):
        try:
            created: float | None = read_plan(path).created_at
        except StoreError:
            created = None
        when = created if created is not None else path.stat().st_mtime
        if now - when > days * DAY:
            found.append(Aged(path, created))
    return found


def erase_notes(folder: Path, *, renew: bool = True) -> None:
    """Erase a session's private notes, draft and key; the public record stays.

    With `renew`, a session without a passphrase gets a new key, so notes taken
    if it is resumed are sealed too (with a passphrase, the key goes for good:
    the passphrase is not here to wrap a new one, and the notes field stays closed).
    """
    journal = Journal.open(folder / JOURNAL_FILE)
    try:
        journal.erase_private(renew=renew)
    finally:
        journal.close()


def erase_session(folder: Path) -> None:
    """Erase a whole session: its notes inside the journal first, then every file."""
    if (folder / JOURNAL_FILE).is_file():
        with contextlib.suppress(StoreError):  # a damaged journal is removed all the same
            erase_notes(folder, renew=False)
    try:
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_file() and not path.is_symlink():
                _overwrite(path)
        shutil.rmtree(folder)
    except OSError as exc:
        problem = _("could not be erased ({reason})").format(reason=exc.strerror or exc)
        raise StoreError(f"{folder}: {problem}") from None


def _overwrite(path: Path) -> None:
    """Zero a file's bytes before it is unlinked (what the file system allows)."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.write(b"\0" * size)
        handle.flush()
        os.fsync(handle.fileno())
