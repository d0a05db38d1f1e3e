"""The journal: a session's events (and, apart from them, private notes) in SQLite.

SQLite in WAL mode with `synchronous=FULL` gives atomic, durable commits and
lets the projector display read while the console writes. Every event is its
own committed transaction: when `append` returns, the event is on disk.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from circle_tui.core.errors import one_line
from circle_tui.core.events import Event, event_from_json, event_to_json
from circle_tui.store.files import FILE_MODE, StoreError

APP_ID = "circle-tui"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    seq     INTEGER PRIMARY KEY,
    at      REAL NOT NULL,
    type    TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS notes (
    id      INTEGER PRIMARY KEY,
    at      REAL NOT NULL,
    phase   INTEGER,
    speaker INTEGER,
    body    TEXT NOT NULL
);
"""


def _public_only(action: int, table: str | None, *_: object) -> int:
    """SQLite authorizer: no reading of the notes table, and no writing at all."""
    if action == sqlite3.SQLITE_READ and table == "notes":
        return sqlite3.SQLITE_DENY
    if action in _WRITES:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


_WRITES = frozenset(
    {sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE, sqlite3.SQLITE_DROP_TABLE}
)


class JournalError(StoreError):
    """The journal cannot be opened, read or written. The message names the file."""


@dataclass(frozen=True)
class Note:
    """A private note: the facilitator's only, never shown or exported by default."""

    id: int
    at: float
    phase: int | None
    speaker: int | None
    body: str

    def __repr__(self) -> str:  # never let a note's text into a log or traceback
        return f"Note(id={self.id}, at={self.at}, phase={self.phase}, body=<private>)"


class Journal:
    """One session's `journal.db`."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    # -- opening ---------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, session_id: str) -> Journal:
        """Create a new journal for a session."""
        if path.exists():
            raise JournalError(f"{path}: a journal already exists here")
        journal = cls._connect(path)
        try:
            with journal._transaction():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        journal._db.execute(statement)
                journal._db.executemany(
                    "INSERT INTO meta(key, value) VALUES (?, ?)",
                    [("app", APP_ID), ("schema", str(SCHEMA_VERSION)), ("session", session_id)],
                )
        except sqlite3.Error as exc:
            journal.close()
            raise JournalError(f"{path}: cannot create the journal ({exc})") from None
        journal._protect()
        return journal

    @classmethod
    def open(
        cls,
        path: Path,
        session_id: str | None = None,
        *,
        readonly: bool = False,
        public_only: bool = False,
    ) -> Journal:
        """Open an existing journal; check it is circle-tui's and the session's.

        `public_only` (the projector display) opens it read-only, and SQLite
        itself refuses every read of the private notes table on that
        connection: the display cannot show what it cannot read.
        """
        if not path.is_file():
            raise JournalError(f"{path}: no journal here")
        journal = cls._connect(path, readonly=readonly or public_only)
        if public_only:
            journal._db.set_authorizer(_public_only)
        try:
            meta = dict(journal._db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            journal.close()
            raise JournalError(f"{path}: not a circle-tui journal ({exc})") from None
        if meta.get("app") != APP_ID:
            journal.close()
            raise JournalError(f"{path}: not a circle-tui journal (meta.app is missing)")
        if meta.get("schema") != str(SCHEMA_VERSION):
            journal.close()
            raise JournalError(
                f"{path}: journal schema {meta.get('schema')} is not supported "
                f"(this version reads {SCHEMA_VERSION})"
            )
        if session_id is not None and meta.get("session") != session_id:
            journal.close()
            raise JournalError(
                f"{path}: belongs to session {meta.get('session')!r}, not {session_id!r}"
            )
        return journal

    @classmethod
    def _connect(cls, path: Path, *, readonly: bool = False) -> Journal:
        try:
            if readonly:
                db = sqlite3.connect(
                    f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None
                )
            else:
                db = sqlite3.connect(path, isolation_level=None)
            db.execute("PRAGMA busy_timeout = 2000")
            if not readonly:
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = FULL")
                db.execute("PRAGMA secure_delete = ON")
        except sqlite3.Error as exc:
            raise JournalError(f"{path}: cannot open the journal ({exc})") from None
        return cls(path, db)

    def _protect(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.chmod(f"{self.path}{suffix}", FILE_MODE)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def close(self) -> None:
        """Close the connection (the journal is already on disk)."""
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    # -- events ----------------------------------------------------------------

    def append(self, event: Event) -> int:
        """Commit one event in its own transaction; return its sequence number.

        Raises `JournalError` if the commit failed; the event is then not in
        the journal and must not be shown as if it were.
        """
        try:
            with self._transaction():
                cursor = self._db.execute(
                    "INSERT INTO events(at, type, payload) VALUES (?, ?, ?)",
                    (event.at, event.type, event_to_json(event)),
                )
        except sqlite3.Error as exc:
            raise JournalError(f"{self.path}: the event was not saved ({exc})") from None
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def events(self, after: int = 0) -> Iterator[tuple[int, Event]]:
        """Events with a sequence number above `after`, in order, validated."""
        try:
            rows = self._db.execute(
                "SELECT seq, payload FROM events WHERE seq > ? ORDER BY seq", (after,)
            )
            for seq, payload in rows:
                try:
                    yield seq, event_from_json(payload)
                except ValidationError as exc:
                    raise JournalError(
                        f"{self.path}: event {seq} is damaged: {one_line(exc)}"
                    ) from None
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"{self.path}: cannot read the events ({exc})") from None

    def last_type(self) -> str | None:
        """Type of the last event, without parsing the whole journal."""
        try:
            row = self._db.execute("SELECT type FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"{self.path}: cannot read the events ({exc})") from None
        return None if row is None else str(row[0])

    # -- private notes -----------------------------------------------------------

    def add_note(self, at: float, body: str, phase: int | None, speaker: int | None) -> int:
        """Commit a private note; return its id."""
        try:
            with self._transaction():
                cursor = self._db.execute(
                    "INSERT INTO notes(at, phase, speaker, body) VALUES (?, ?, ?, ?)",
                    (at, phase, speaker, body),
                )
        except sqlite3.Error as exc:
            raise JournalError(f"{self.path}: the note was not saved ({exc})") from None
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def notes(self) -> list[Note]:
        """All private notes, oldest first."""
        try:
            rows = self._db.execute(
                "SELECT id, at, phase, speaker, body FROM notes ORDER BY id"
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"{self.path}: cannot read the notes ({exc})") from None
        return [Note(*row) for row in rows]
