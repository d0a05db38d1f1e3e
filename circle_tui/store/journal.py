"""The journal: a session's events (and, apart from them, private notes) in SQLite.

SQLite in WAL mode with `synchronous=FULL` gives atomic, durable commits and
lets the projector display read while the console writes. The events of one
command are one committed transaction (`append_all`): when it returns they
are all on disk, and a kill in between leaves none of them.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

from pydantic import ValidationError

from circle_tui.core.errors import one_line
from circle_tui.core.events import Event, event_from_json, event_to_json
from circle_tui.core.i18n import _
from circle_tui.store import crypto
from circle_tui.store.files import FILE_MODE, StoreError
from circle_tui.store.keyfile import StoredKey, read_key_file, write_key_file
from circle_tui.store.notes import (
    NOTES_ERASED,
    Draft,
    JournalError,
    Locked,
    Note,
    PrivateNotes,
    public_only_authorizer,
    reason_of,
)
from circle_tui.store.session_key import SessionKey

__all__ = ["Draft", "Journal", "JournalError", "Locked", "Note"]

APP_ID = "circle-tui"
SCHEMA_VERSION = 1
SEALED = "sealed"
"""meta `notes`: bodies sealed under the key in `notes.key` (every journal made now)."""
LEGACY_SEALED = "aes"
"""meta `notes` of older journals with a passphrase: the wrapped key in the `keys` table.
Older journals without one kept note bodies as text (no `notes` entry)."""

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
CREATE TABLE IF NOT EXISTS draft (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    at      REAL NOT NULL,
    body    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS keys (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    salt    BLOB NOT NULL,
    iterations INTEGER NOT NULL,
    memory_kib INTEGER NOT NULL,
    lanes   INTEGER NOT NULL,
    wrapped BLOB NOT NULL
);
"""


class Journal(PrivateNotes, SessionKey):
    """One session's `journal.db`."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection
        self._identity = _identity(path)
        self._key: bytes | None = None
        self.session_id = ""
        self.encrypted = False
        """Whether the notes' key is wrapped by a passphrase (which must be given to read them)."""
        self.sealed = False
        """Whether note bodies are sealed with the session's key (every new journal's are)."""
        self.key_in_file = False
        """Whether that key is in `notes.key` (older journals with a passphrase kept it inside)."""
        self._stored: StoredKey | None = None
        """What `notes.key` holds, as read or written."""
        self.key_problem: str | None = None
        """Why `notes.key` could not be read (its notes then read as damaged)."""
        self.notes_erased = False
        """Whether the private notes were erased (`erase_private`): a passphrase opens nothing."""

    # -- opening ---------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, session_id: str, *, passphrase: str | None = None) -> Journal:
        """Create a new journal for a session, its notes sealed under a new key.

        The key goes into `notes.key` beside the journal (`keyfile`), as it
        is or, with a passphrase, only wrapped by it.
        """
        if path.exists():
            raise JournalError(f"{path}: " + _("a journal already exists here"))
        key = crypto.new_key()
        if passphrase is None:
            stored = StoredKey(key=key)
        else:
            params = crypto.KdfParams.fresh()
            stored = StoredKey(
                params=params, wrapped=crypto.wrap_key(key, passphrase, params, session_id)
            )
        write_key_file(path.parent, stored)
        journal = cls._connect(path)
        meta = [("app", APP_ID), ("schema", str(SCHEMA_VERSION)), ("session", session_id)]
        meta += [("notes", SEALED), ("passphrase", "yes" if passphrase is not None else "no")]
        try:
            with journal._transaction():
                journal._create_tables()
                journal._db.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", meta)
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            journal.close()
            problem = _("cannot create the journal ({reason})").format(reason=exc)
            raise JournalError(f"{path}: {problem}") from None
        journal.session_id, journal.encrypted = session_id, passphrase is not None
        journal.sealed, journal.key_in_file, journal._stored = True, True, stored
        journal._key = key
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

        `public_only` (the projector display, the exports) opens it read-only,
        and SQLite itself refuses every read of the private tables on that
        connection: the display cannot show what it cannot read.
        """
        if not path.is_file():
            raise JournalError(f"{path}: " + _("no journal here"))
        journal = cls._connect(path, readonly=readonly or public_only)
        if public_only:
            journal._db.set_authorizer(public_only_authorizer)
        try:
            meta = dict(journal._db.execute("SELECT key, value FROM meta").fetchall())
            if not (readonly or public_only) and meta.get("app") == APP_ID:
                journal._create_tables()  # a journal from before drafts and keys
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            journal.close()
            problem = _("not a circle-tui journal ({reason})").format(reason=reason_of(exc))
            raise JournalError(f"{path}: {problem}") from None
        wrong = _meta_problem(meta, session_id)
        if wrong:
            journal.close()
            raise JournalError(f"{path}: {wrong}")
        journal.session_id = str(meta["session"])
        notes = meta.get("notes")
        journal.sealed = notes in (SEALED, LEGACY_SEALED)
        journal.key_in_file = notes == SEALED
        journal.encrypted = notes == LEGACY_SEALED or meta.get("passphrase") == "yes"
        journal.notes_erased = meta.get(NOTES_ERASED) == "yes"
        if journal.key_in_file and not public_only:
            try:
                journal._stored = read_key_file(path.parent)
            except StoreError as exc:  # one damaged thing: the public record still opens
                journal.key_problem = str(exc)
            if journal._stored is not None and not journal.encrypted:
                journal._key = journal._stored.key
        return journal

    @classmethod
    def _connect(cls, path: Path, *, readonly: bool = False) -> Journal:
        try:
            if readonly:
                db = sqlite3.connect(
                    f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None
                )
            else:
                # The console commits on a worker thread, one write at a time (its
                # writing lock), so a slow disk never freezes its screen.
                db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA busy_timeout = 2000")
            if not readonly:
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = FULL")
                db.execute("PRAGMA secure_delete = ON")
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            problem = _("cannot open the journal ({reason})").format(reason=reason_of(exc))
            raise JournalError(f"{path}: {problem}") from None
        return cls(path, db)

    def _create_tables(self) -> None:
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                self._db.execute(statement)

    def _protect(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.chmod(f"{self.path}{suffix}", FILE_MODE)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._check_in_place()
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _check_in_place(self) -> None:
        """Refuse to write into a journal whose file was deleted or replaced.

        SQLite would go on writing into the deleted file, which nobody can
        ever read again: "saved" would be a lie.
        """
        if _identity(self.path) != self._identity:
            raise sqlite3.OperationalError(
                _("the journal file is gone: its folder was deleted, moved or replaced")
            )

    def close(self) -> None:
        """Close the connection (the journal is already on disk)."""
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    @property
    def in_place(self) -> bool:
        """Whether the file this connection writes is still the journal at `path`."""
        return _identity(self.path) == self._identity

    def copy_to(self, path: Path) -> None:
        """Copy the whole database (events, notes, key) to a new file at `path`.

        Used to put a session back after its folder was deleted under it: the
        open connection still reads the deleted file.
        """
        try:
            target = sqlite3.connect(path)
            try:
                self._db.backup(target)
            finally:
                target.close()
            os.chmod(path, FILE_MODE)
        except (sqlite3.Error, OSError) as exc:
            problem = _("the journal could not be written ({reason})").format(reason=exc)
            raise JournalError(f"{path}: {problem}") from None

    # -- events ----------------------------------------------------------------

    def append(self, event: Event) -> int:
        """Commit one event in its own transaction; return its sequence number."""
        return self.append_all((event,))

    def append_all(self, events: Sequence[Event]) -> int:
        """Commit the events of one step together, or none of them; return the last's number.

        Raises `JournalError` if the commit failed; then none of the events
        is in the journal and none must be shown as if it were.
        """
        if not events:
            return self.last_seq()
        try:
            with self._transaction():
                for event in events:
                    cursor = self._db.execute(
                        "INSERT INTO events(at, type, payload) VALUES (?, ?, ?)",
                        (event.at, event.type, event_to_json(event)),
                    )
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            problem = _("the event was not saved ({reason})").format(reason=exc)
            raise JournalError(f"{self.path}: {problem}") from None
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
                except (ValidationError, ValueError, TypeError) as exc:
                    detail = one_line(exc) if isinstance(exc, ValidationError) else _("not JSON")
                    problem = _("event {seq} is damaged: {detail}").format(seq=seq, detail=detail)
                    raise JournalError(f"{self.path}: {problem}") from None
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            problem = _("cannot read the events ({reason})").format(reason=reason_of(exc))
            raise JournalError(f"{self.path}: {problem}") from None

    def last_seq(self) -> int:
        """Sequence number of the last committed event (0 when there is none)."""
        value = self._one("SELECT COALESCE(MAX(seq), 0) FROM events")
        return value if isinstance(value, int) else 0

    def last_type(self) -> str | None:
        """Type of the last event, without parsing the whole journal."""
        value = self._one("SELECT type FROM events ORDER BY seq DESC LIMIT 1")
        return None if value is None else str(value)

    def _one(self, sql: str) -> object:
        try:
            row = self._db.execute(sql).fetchone()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            problem = _("cannot read the events ({reason})").format(reason=exc)
            raise JournalError(f"{self.path}: {problem}") from None
        return None if row is None else row[0]

    # -- liveness ----------------------------------------------------------------

    def beat(self, at: float) -> None:
        """Record that the app was running at `at` (resume stops the clocks there)."""
        try:
            with self._transaction():
                self._db.execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('alive', ?)", (repr(at),)
                )
                self._db.execute("DELETE FROM meta WHERE key = 'stopped'")
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            problem = _("cannot be written ({reason})").format(reason=exc)
            raise JournalError(f"{self.path}: {problem}") from None

    def stop(self, at: float) -> None:
        """Record that the app stopped at `at` on purpose (the wall stops its clock there)."""
        try:
            with self._transaction():
                for key in ("alive", "stopped"):
                    self._db.execute(
                        "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, repr(at))
                    )
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            problem = _("cannot be written ({reason})").format(reason=exc)
            raise JournalError(f"{self.path}: {problem}") from None

    def stopped_at(self) -> float | None:
        """When the app last stopped on purpose, unless it has run again since."""
        try:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'stopped'").fetchone()
            return None if row is None else float(row[0])
        except (sqlite3.DatabaseError, ValueError):
            return None

    def alive_at(self) -> float | None:
        """The last moment the app recorded it was running, if it did."""
        try:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'alive'").fetchone()
            return None if row is None else float(row[0])
        except (sqlite3.DatabaseError, ValueError):
            return None


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _meta_problem(meta: dict[str, str], session_id: str | None) -> str | None:
    if "app" not in meta:
        # Translators: meta.app is a name inside the journal file; keep it
        return _("not a circle-tui journal (meta.app is missing)")
    if meta.get("app") != APP_ID:
        # Translators: meta.app is a name inside the journal file; {value} what it holds
        return _("not a circle-tui journal (meta.app is {value})").format(value=repr(meta["app"]))
    if meta.get("schema") != str(SCHEMA_VERSION):
        problem = _("journal schema {found} is not supported (this version reads {version})")
        return problem.format(found=meta.get("schema"), version=SCHEMA_VERSION)
    if "session" not in meta:
        # Translators: meta.session is a name inside the journal file; keep it
        return _("not a circle-tui journal (meta.session is missing)")
    if session_id is not None and meta.get("session") != session_id:
        problem = _("belongs to session {found}, not {wanted}")
        return problem.format(found=repr(meta.get("session")), wanted=repr(session_id))
    return None
