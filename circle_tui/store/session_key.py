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
from circle_tui.store.notes import JournalError, Locked, as_stored, reason_of

WRAPPED_BYTES = crypto.NONCE_BYTES + crypto.KEY_BYTES + 16
"""The length of every wrapped key: nonce, the sealed session key, AES-GCM's tag."""


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
        """Unwrap the session key, so encrypted notes can be read and written.

        A wrong passphrase is refused (`Locked`). A damaged key, one circle-tui
        cannot have written, is one damaged thing, as without a passphrase: the
        circle opens, `key_problem` names the file, and the notes read as damaged.
        """
        if self.key_problem is not None:  # notes.key could not be read at all
            return
        wrapped, params = self._wrapped_key()
        try:
            if not _could_be_wrapped(wrapped):  # zeroed or cut: no passphrase opens it
                raise crypto.Damaged
            self._key = crypto.unwrap_key(wrapped, passphrase, params, self.session_id)
        except crypto.WrongPassphrase:
            problem = _("wrong passphrase; the notes stay locked")
            raise Locked(f"{self.path}: {problem}") from None
        except crypto.Damaged:  # refused before Argon2 runs: no passphrase could open it
            where = self.path.parent / KEY_FILE if self.key_in_file else self.path
            self.key_problem = f"{where}: " + _("the notes' key is damaged")

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
            columns = ("salt", "iterations", "memory_kib", "lanes", "wrapped")
            row = self._db.execute(
                f"SELECT {', '.join(as_stored(column) for column in columns)} FROM keys"
            ).fetchone()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            problem = _("cannot read the key ({reason})").format(reason=reason_of(exc))
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


def _could_be_wrapped(wrapped: object) -> bool:
    """Whether `wrapped` could be a key circle-tui wrapped (any passphrase may then be tried)."""
    return isinstance(wrapped, bytes) and len(wrapped) == WRAPPED_BYTES and any(wrapped)
