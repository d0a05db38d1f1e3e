"""The session key of a journal's private notes: unlocking it, and putting it back.

Mixed into `Journal`. The key sits in `notes.key` (see `keyfile`); journals
made before that file kept a passphrase-wrapped key in their `keys` table.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from circle_tui.core.i18n import _
from circle_tui.store import crypto
from circle_tui.store.keyfile import KEY_FILE, StoredKey, write_key_file
from circle_tui.store.notes import JournalError, Locked


class SessionKey:
    """Unlock, share and restore the key the notes are sealed with."""

    path: Path
    session_id: str
    key_in_file: bool
    key_problem: str | None
    _db: sqlite3.Connection
    _key: bytes | None
    _stored: StoredKey | None

    def take_key(self, other: SessionKey) -> None:
        """Use the key another connection to the same journal unlocked."""
        self._key, self._stored = other._key, other._stored or self._stored

    def unlock(self, passphrase: str) -> None:
        """Unwrap the session key, so encrypted notes can be read and written."""
        wrapped, params = self._wrapped_key()
        try:
            self._key = crypto.unwrap_key(wrapped, passphrase, params, self.session_id)
        except crypto.WrongPassphrase:
            problem = _("wrong passphrase; the notes stay locked")
            raise Locked(f"{self.path}: {problem}") from None
        except crypto.Damaged:
            problem = _("the notes' key is damaged; the notes cannot be read")
            raise JournalError(f"{self.path}: {problem}") from None

    def _wrapped_key(self) -> tuple[bytes, crypto.KdfParams]:
        """The wrapped key and its Argon2id parameters (from `notes.key`, or older journals)."""
        erased = Locked(f"{self.path}: " + _("the notes' key was erased; the notes cannot be read"))
        if self.key_problem is not None:
            raise Locked(self.key_problem)
        if self.key_in_file:
            stored = self._stored
            if stored is None or stored.wrapped is None or stored.params is None:
                raise erased
            return stored.wrapped, stored.params
        try:
            row = self._db.execute(
                "SELECT salt, iterations, memory_kib, lanes, wrapped FROM keys"
            ).fetchone()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            problem = _("cannot read the key ({reason})").format(reason=exc)
            raise JournalError(f"{self.path}: {problem}") from None
        if row is None:
            raise erased
        return row[4], crypto.KdfParams(
            salt=row[0], iterations=row[1], memory_kib=row[2], lanes=row[3]
        )

    def restore_key_file(self) -> None:
        """Write `notes.key` again beside a journal put back after its folder was deleted."""
        if self.key_in_file and self._stored is not None:
            with contextlib.suppress(FileExistsError):
                if not (self.path.parent / KEY_FILE).exists():
                    write_key_file(self.path.parent, self._stored)
