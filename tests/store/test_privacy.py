"""Private notes at rest: encrypted when asked, erased for good, never in a stray file.

Each test types a random canary as a private note and then looks for it in
the raw bytes of every file there is: the database, its WAL, the exports, the
temp dir.
"""

from __future__ import annotations

import os
import pickle
import secrets
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from rich.traceback import Traceback

from circle_tui.app.live import LiveSession, load_session, start_session
from circle_tui.app.reading import read_session
from circle_tui.app.report import render, session_summary
from circle_tui.core.confidential import Confidential
from circle_tui.core.decide import GiveWord, NextPhase
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store import crypto
from circle_tui.store.format_files import find_format
from circle_tui.store.journal import Locked
from circle_tui.store.purge import erase_notes, erase_session, parse_age, sessions_older_than

PASSPHRASE = "correct horse battery"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with 64 MiB takes 0.2 s a time; the tests use a light setting."""
    monkeypatch.setitem(crypto.STRENGTH, "memory_kib", 1024)
    monkeypatch.setitem(crypto.STRENGTH, "iterations", 1)


@pytest.fixture
def tmpdir_watched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temp dir of its own, so whatever the app puts there can be checked."""
    own = tmp_path / "tmp"
    own.mkdir()
    monkeypatch.setenv("TMPDIR", str(own))
    monkeypatch.setattr(tempfile, "tempdir", None)
    yield own


def canary() -> str:
    return f"CANARY-{secrets.token_hex(6)}"


def files_holding(root: Path, *secrets_: str) -> list[str]:
    """Every file under `root` whose raw bytes hold one of the strings (any common encoding)."""
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            for secret in secrets_:
                for encoded in (secret.encode(), secret.encode("utf-16-le")):
                    if encoded in raw:
                        found.append(f"{path.name}: {secret}")
    return found


def new_live(
    root: Path, *, passphrase: str | None = None, created: float | None = None
) -> LiveSession:
    return start_session(
        root,
        find_format("reflection-circle"),
        parse_participants("Ane,Bo,Cai"),
        FakeClock(start=created) if created is not None else FakeClock(),
        group="Team Nord",
        passphrase=passphrase,
    )


def test_encrypted_notes_are_nowhere_in_plain_text(sessions: Path, tmpdir_watched: Path) -> None:
    note, draft = canary(), canary()
    live = new_live(sessions, passphrase=PASSPHRASE)
    live.execute(NextPhase(confirmed=True))
    live.execute(GiveWord())
    assert live.add_note(note) and live.save_draft(draft)
    assert live.journal.encrypted
    # the WAL is still there: the text must not be in it either
    assert live.folder.path.joinpath("journal.db-wal").exists()
    assert files_holding(sessions, note, draft) == []
    for to in ("md", "json", "html"):
        assert note not in render(session_summary(live.folder.path), to)
    assert files_holding(tmpdir_watched, note, draft) == []
    live.close()

    again = load_session(live.folder.path, FakeClock(), passphrase=PASSPHRASE)
    assert [n.body.reveal() for n in again.journal.notes()] == [note]
    draft_back = again.draft()
    assert draft_back is not None and draft_back.body.reveal() == draft
    _, notes = read_session(live.folder.path, with_notes=True, passphrase=PASSPHRASE)
    assert notes is not None and notes[0].body.reveal() == note


def test_a_wrong_passphrase_is_said_plainly_and_shows_nothing(sessions: Path) -> None:
    note = canary()
    live = new_live(sessions, passphrase=PASSPHRASE)
    live.add_note(note)
    live.close()
    with pytest.raises(Locked, match="wrong passphrase") as caught:
        load_session(live.folder.path, FakeClock(), passphrase="wrong horse battery")
    assert note not in str(caught.value) and str(live.folder.journal_path) in str(caught.value)
    locked = load_session(live.folder.path, FakeClock())  # the public record needs no key
    assert locked.state.phase == 0
    with pytest.raises(Locked, match="give the passphrase"):
        locked.journal.notes()


def test_a_sealed_note_moved_to_another_place_does_not_open(sessions: Path) -> None:
    live = new_live(sessions, passphrase=PASSPHRASE)
    live.add_note(canary())
    kept = canary()
    live.add_note(kept)
    db = live.journal._db
    first, second = (row[0] for row in db.execute("SELECT body FROM notes ORDER BY id"))
    db.execute("UPDATE notes SET body = ? WHERE id = 1", (second,))  # swap in note 2's box
    moved, other = live.journal.notes()  # the moved one is marked, the other still opens
    assert moved.damaged and "damaged" in moved.body.reveal()
    assert not other.damaged and other.body.reveal() == kept
    assert first != second


@pytest.mark.parametrize("encrypted", [False, True])
def test_erased_notes_are_gone_from_the_database_file(sessions: Path, encrypted: bool) -> None:
    note, draft = canary(), canary()
    live = new_live(sessions, passphrase=PASSPHRASE if encrypted else None)
    live.execute(NextPhase(confirmed=True))
    live.add_note(note)
    live.save_draft(draft)
    events = [e for _, e in live.journal.events()]
    live.close()
    assert files_holding(sessions, note, draft) == []  # sealed, with or without a passphrase
    key_file = live.folder.path / "notes.key"
    assert key_file.stat().st_size == 512 and key_file.stat().st_mode & 0o077 == 0

    old_key = key_file.read_bytes()
    erase_notes(live.folder.path)
    assert files_holding(sessions, note, draft) == []
    assert not any(old_key in p.read_bytes() for p in sessions.rglob("*") if p.is_file())
    # without a passphrase a new key seals notes taken after a resume; with one, none
    assert key_file.exists() is not encrypted
    again = load_session(live.folder.path, FakeClock())
    assert [e for _, e in again.journal.events()] == events  # the public record stays
    if encrypted:
        with pytest.raises(Locked, match="key was erased"):
            again.journal.unlock(PASSPHRASE)
    else:
        assert again.journal.notes() == [] and again.journal.draft() is None


def test_purge_erases_old_sessions_and_keeps_recent_ones(sessions: Path) -> None:
    now = time.time()
    note = canary()
    old = new_live(sessions, created=now - 100 * 86400)
    old.add_note(note)
    old.close()
    recent = new_live(sessions, created=now - 10 * 86400)
    recent.close()
    aged = sessions_older_than(sessions, 90, now)
    assert [a.path for a in aged] == [old.folder.path]
    erase_session(old.folder.path)
    assert not old.folder.path.exists() and recent.folder.path.exists()
    assert files_holding(sessions, note) == []


def test_ages_read_as_days_or_weeks() -> None:
    assert parse_age("90d") == 90 and parse_age("12w") == 84 and parse_age("30 days") == 30
    with pytest.raises(ValueError, match="90d"):
        parse_age("three months")


def test_confidential_text_is_redacted_in_every_formatting_and_traceback() -> None:
    text = Confidential(canary())  # no plain copy in this frame: its locals are printed too
    shown = f"{text} {text!r} {text:>40}" + str([text]) + "%s" % (text,)  # noqa: UP031
    assert text.reveal() not in shown and Confidential(text) == text

    def crash(note: Confidential) -> None:
        raise ValueError(f"could not keep {note}")

    try:
        crash(text)
    except ValueError:
        console = Console(record=True, width=200, file=open(os.devnull, "w"))  # noqa: SIM115
        console.print(Traceback(show_locals=True))  # as Textual prints a crash
        assert text.reveal() not in console.export_text()
    with pytest.raises(TypeError):
        pickle.dumps(text)


def test_public_only_connections_cannot_read_drafts_or_keys(sessions: Path) -> None:
    live = new_live(sessions, passphrase=PASSPHRASE)
    live.save_draft(canary())
    path = live.folder.journal_path
    from circle_tui.store.journal import Journal

    public = Journal.open(path, public_only=True)
    for table in ("notes", "draft", "keys"):
        with pytest.raises(sqlite3.DatabaseError):
            public._db.execute(f"SELECT * FROM {table}").fetchall()
    public.close()
