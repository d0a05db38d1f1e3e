"""The private part of a journal: notes, the note being typed, the session key.

These tables are kept apart from the public events. A public-only connection
(the display, the exports) cannot read them at all, and with a passphrase
every body is sealed with AES-256-GCM (`crypto`). Erasing them overwrites the
deleted text in the database file (`secure_delete`) and empties the WAL.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from circle_tui.core.confidential import Confidential
from circle_tui.core.i18n import N_, _
from circle_tui.store import crypto
from circle_tui.store.files import StoreError
from circle_tui.store.keyfile import StoredKey, shred_key_file, write_key_file


class JournalError(StoreError):
    """The journal cannot be opened, read or written. The message names the file."""


class Locked(JournalError):
    """The notes are encrypted and the passphrase was not given, or was wrong."""


@dataclass(frozen=True)
class Note:
    """A private note: the facilitator's only, never shown or exported by default."""

    id: int
    at: float
    phase: int | None
    speaker: int | None
    body: Confidential
    damaged: bool = False
    """The stored row could not be read (altered, or written by a bug): `body` says so."""


DAMAGED_NOTE = N_("(this note is damaged and cannot be read)")
LATEST_TIME = 1e11
"""Later than any note can be taken (the year 5138): a stamp beyond it is damage."""


@dataclass(frozen=True)
class Draft:
    """A note still being typed, saved every few seconds so a crash loses little."""

    at: float
    body: Confidential


PRIVATE_TABLES = frozenset({"notes", "draft", "keys"})
"""Never readable on a public-only connection (the display, the exports)."""


def public_only_authorizer(action: int, table: str | None, *_: object) -> int:
    """SQLite authorizer: no reading of the private tables, and no writing at all."""
    if action == sqlite3.SQLITE_READ and table in PRIVATE_TABLES:
        return sqlite3.SQLITE_DENY
    if action in _WRITES:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


_WRITES = frozenset(
    {sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE, sqlite3.SQLITE_DROP_TABLE}
)


class PrivateNotes:
    """Notes, draft and key of one journal (mixed into `Journal`)."""

    path: Path
    session_id: str
    encrypted: bool
    sealed: bool
    key_in_file: bool
    key_problem: str | None
    notes_erased: bool
    _db: sqlite3.Connection
    _key: bytes | None
    _stored: StoredKey | None

    def _transaction(self) -> contextlib.AbstractContextManager[None]:
        raise NotImplementedError

    def _seal(self, body: Confidential, associated: str) -> str | bytes:
        if not self.sealed:
            return body.reveal()
        if self._key is None:
            raise self._locked()
        return crypto.seal_text(self._key, body, f"{self.session_id}:{associated}")

    def _unseal(self, stored: str | bytes, associated: str) -> Confidential:
        if isinstance(stored, str) and not self.sealed:
            return Confidential(stored)
        if self._key is None:
            raise self._locked()
        if not isinstance(stored, bytes):
            # Translators: {item} names a stored note: note:3 or draft
            problem = _("{item} is not encrypted as it should be").format(item=associated)
            raise JournalError(f"{self.path}: {problem}")
        try:
            return crypto.open_text(self._key, stored, f"{self.session_id}:{associated}")
        except crypto.Damaged:
            # Translators: {item} names a stored note: note:3 or draft
            problem = _("{item} is damaged or was altered").format(item=associated)
            raise JournalError(f"{self.path}: {problem}") from None

    @property
    def asks_passphrase(self) -> bool:
        """Whether reading the notes needs the passphrase: not once they were erased, when
        an encrypted session's key went with them and no passphrase opens anything."""
        return self.encrypted and not (self.notes_erased and self._key is None)

    @property
    def takes_notes(self) -> bool:
        """Whether a new note can be sealed: not once the key is gone (erased with the notes
        of an encrypted session) or damaged."""
        return not self.sealed or self._key is not None

    def _locked(self) -> Locked:
        if self.key_problem is not None:  # notes.key is damaged: say that, not "locked"
            return Locked(self.key_problem)
        problem = _("the notes are encrypted; give the passphrase first")
        return Locked(f"{self.path}: {problem}")

    @contextlib.contextmanager
    def _writing(self, failed: str) -> Iterator[None]:
        """Commit the block; if that fails, `failed` (with a `{reason}`) says what was lost."""
        try:
            with self._transaction():
                yield
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            raise JournalError(f"{self.path}: {failed.format(reason=reason_of(exc))}") from None

    @contextlib.contextmanager
    def _reading(self, failed: str) -> Iterator[None]:
        """Run the block; if a read fails, `failed` (with a `{reason}`) says what."""
        try:
            yield
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            raise JournalError(f"{self.path}: {failed.format(reason=reason_of(exc))}") from None

    def add_note(
        self, at: float, body: Confidential | str, phase: int | None, speaker: int | None
    ) -> int:
        """Commit a private note (and drop the draft it came from); return its id."""
        with self._writing(_("the note was not saved ({reason})")):
            (number,) = self._db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM notes").fetchone()
            stored = self._seal(Confidential(body), f"note:{number}")
            self._db.execute(
                "INSERT INTO notes(id, at, phase, speaker, body) VALUES (?, ?, ?, ?, ?)",
                (number, at, phase, speaker, stored),
            )
            self._db.execute("DELETE FROM draft")
        return int(number)

    def notes(self) -> list[Note]:
        """All private notes, oldest first."""
        columns = ", ".join(
            as_stored(column) for column in ("id", "at", "phase", "speaker", "body")
        )
        with self._reading(_("cannot read the notes ({reason})")):
            rows = self._db.execute(
                f"SELECT {columns}, typeof(body) FROM notes ORDER BY id"
            ).fetchall()
        return [
            self._note(number, at, phase, speaker, _body(body, kind))
            for number, at, phase, speaker, body, kind in rows
        ]

    def _note(
        self, number: object, at: object, phase: object, speaker: object, body: object
    ) -> Note:
        """One row as a note; a damaged row is a note marked damaged, and the rest still open."""
        index = number if isinstance(number, int) else 0
        stamp, in_phase, of_speaker = _stamp(at), _index(phase), _index(speaker)
        if stamp is None or DAMAGED in (in_phase, of_speaker):
            return self._damaged(index, at)
        if self.encrypted and self._key is None and self.key_problem is None:
            raise self._locked()  # locked, not damaged: the passphrase opens it
        try:
            text = self._unseal(body, f"note:{number}") if isinstance(body, str | bytes) else None
        except JournalError:  # altered, moved, or not sealed as it should be
            text = None
        if text is None:
            return self._damaged(index, at)
        return Note(index, stamp, in_phase, of_speaker, text)

    @staticmethod
    def _damaged(number: int, at: object) -> Note:
        return Note(number, _stamp(at) or 0.0, None, None, Confidential(_(DAMAGED_NOTE)), True)

    def save_draft(self, at: float, body: Confidential | str) -> None:
        """Keep the note being typed (an empty one removes the draft)."""
        # Translators: the unfinished note is the private note still being typed
        with self._writing(_("the unfinished note was not saved ({reason})")):
            if Confidential(body):
                stored = self._seal(Confidential(body), "draft")
                self._db.execute("INSERT OR REPLACE INTO draft VALUES (1, ?, ?)", (at, stored))
            else:
                self._db.execute("DELETE FROM draft")

    def draft(self) -> Draft | None:
        """The note that was being typed when the app stopped, if any."""
        # Translators: the unfinished note is the private note still being typed
        with self._reading(_("cannot read the unfinished note ({reason})")):
            row = self._db.execute(
                f"SELECT {as_stored('at')}, {as_stored('body')}, typeof(body) FROM draft"
            ).fetchone()
        body = None if row is None else _body(row[1], row[2])
        if row is None or _stamp(row[0]) is None or body is None:
            return None  # a damaged unfinished note is lost; the kept notes are not
        if self.encrypted and self._key is None and self.key_problem is None:
            raise self._locked()
        try:
            return Draft(float(row[0]), self._unseal(body, "draft"))
        except JournalError:
            return None

    def erase_private(self, *, renew: bool = False) -> None:
        """Erase every note, the draft and the key; the public record stays.

        The key file is overwritten in place first (`keyfile`): sealed copies
        of notes that SQLite left in freed blocks can never be opened again.
        `secure_delete` overwrites the deleted rows in the database file, and
        the checkpoint empties the WAL, which still held the old pages. With
        `renew` (a session going on without a passphrase), notes taken later
        are sealed under a new key.
        """
        if self.key_in_file:  # first: from here on, no copy of a note can be read
            try:
                shred_key_file(self.path.parent)
            except StoreError as exc:
                raise JournalError(str(exc)) from None
        with self._writing(_("the erasure was not saved ({reason})")):
            for table in ("notes", "draft", "keys"):
                self._db.execute(f"DELETE FROM {table}")
            self._db.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES (?, 'yes')", (NOTES_ERASED,)
            )
        try:
            self._db.execute("VACUUM")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            problem = _("the erased notes may remain ({reason})").format(reason=reason_of(exc))
            raise JournalError(f"{self.path}: {problem}") from None
        self._key = None
        self._stored = None
        self.notes_erased = True
        if renew and self.key_in_file and not self.encrypted:  # later notes get a new key
            stored = StoredKey(key=crypto.new_key())
            try:
                write_key_file(self.path.parent, stored)
            except StoreError as exc:
                raise JournalError(str(exc)) from None
            self._key, self._stored = stored.key, stored


NOTES_ERASED = "notes_erased"
"""The meta key saying the notes were erased (and, with a passphrase, its key with them)."""


def as_stored(column: str) -> str:
    """SQL for a column as stored, text as bytes: SQLite's own decoding would fail the whole
    query on one row that is not UTF-8, with an error that quotes it (note text)."""
    return f"CASE typeof({column}) WHEN 'text' THEN CAST({column} AS BLOB) ELSE {column} END"


def _body(raw: object, kind: object) -> str | bytes | None:
    """A body read through `_raw`: text again if it was stored as text; None if it cannot be."""
    if not isinstance(raw, bytes):
        return None
    if kind != "text":
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def reason_of(exc: Exception) -> str:
    """What went wrong, for an error line: never a stored value, which could be note text."""
    if isinstance(exc, UnicodeDecodeError) or str(exc).startswith("Could not decode"):
        return _("the file is damaged")
    return str(exc)


def _stamp(at: object) -> float | None:
    """A note's time as stored, or None when it cannot be a time."""
    if isinstance(at, bool) or not isinstance(at, int | float):
        return None
    return float(at) if 0 <= at <= LATEST_TIME else None  # NaN fails both


DAMAGED = -1


def _index(value: object) -> int | None:
    """A stored phase or speaker (None: the note has none), or `DAMAGED` if it cannot be one."""
    if value is None:
        return None
    return (
        value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else DAMAGED
    )
