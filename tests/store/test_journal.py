"""The journal: durable, private, apart, and honest about damage."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from circle_tui.app.live import load_session, start_session
from circle_tui.core.decide import GiveWord, NextPhase
from circle_tui.core.formats import CircleFormat
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store.journal import Journal, JournalError
from circle_tui.store.sessions import read_plan


def test_events_are_committed_durably_and_replay(
    sessions: Path, reflection: CircleFormat, clock: FakeClock
) -> None:
    live = start_session(sessions, reflection, parse_participants("Ane,Bo,Cai"), clock)
    live.execute(NextPhase(confirmed=True))
    clock.advance(12)
    live.execute(GiveWord())
    clock.advance(30)
    live.execute(GiveWord())
    path = live.folder.path
    # Another connection sees every event at once: each was its own committed transaction.
    other = sqlite3.connect(path / "journal.db")
    assert other.execute("SELECT COUNT(*) FROM events").fetchone()[0] == live.state.events_applied
    mode = live.journal._db.execute("PRAGMA journal_mode").fetchone()[0]
    sync = live.journal._db.execute("PRAGMA synchronous").fetchone()[0]
    assert (mode, sync) == ("wal", 2)  # 2 = FULL
    other.close()
    before = live.state
    live.close()
    again = load_session(path, clock)
    assert again.state.used == before.used
    assert again.state.speaker == before.speaker
    assert read_plan(path) == live.plan


def test_session_files_are_private(
    sessions: Path, reflection: CircleFormat, clock: FakeClock
) -> None:
    live = start_session(sessions, reflection, parse_participants("Ane,Bo"), clock)
    live.add_note("a private thought")
    assert stat.S_IMODE(sessions.stat().st_mode) == 0o700
    assert stat.S_IMODE(live.folder.path.stat().st_mode) == 0o700
    for name in ("session.toml", "journal.db"):
        assert stat.S_IMODE((live.folder.path / name).stat().st_mode) == 0o600, name


def test_notes_are_kept_apart_from_public_events(
    sessions: Path, reflection: CircleFormat, clock: FakeClock
) -> None:
    canary = "CANARY-notes-apart-7f3a"
    live = start_session(sessions, reflection, parse_participants("Ane,Bo"), clock)
    live.add_note(canary)
    rows = live.journal._db.execute("SELECT payload FROM events").fetchall()
    assert all(canary not in payload for (payload,) in rows)
    notes = live.journal.notes()
    assert [n.body.reveal() for n in notes] == [canary]
    assert canary not in repr(notes[0])  # never in a log line or a traceback
    assert canary not in live.summary().model_dump_json()


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t(x)")
    db.commit()
    db.close()
    with pytest.raises(JournalError, match="not a circle-tui journal"):
        Journal.open(path)


def test_a_file_that_is_no_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(JournalError, match=str(path)):
        Journal.open(path)


def test_a_damaged_event_is_named(
    sessions: Path, reflection: CircleFormat, clock: FakeClock
) -> None:
    live = start_session(sessions, reflection, parse_participants("Ane,Bo"), clock)
    live.journal._db.execute('UPDATE events SET payload = \'{"type": "nonsense"}\' WHERE seq = 1')
    path = live.folder.path
    live.close()
    with pytest.raises(JournalError, match="event 1 is damaged"):
        load_session(path, clock)


def test_a_journal_of_another_session_is_refused(
    sessions: Path, reflection: CircleFormat, clock: FakeClock
) -> None:
    live = start_session(sessions, reflection, parse_participants("Ane,Bo"), clock)
    live.close()
    with pytest.raises(JournalError, match="belongs to session"):
        Journal.open(live.folder.journal_path, "someone-else")


def test_a_public_only_journal_cannot_read_the_notes(tmp_path: Path) -> None:
    journal = Journal.create(tmp_path / "journal.db", "s1")
    journal.add_note(1.0, "CANARY-public-only", None, None)
    public = Journal.open(tmp_path / "journal.db", "s1", public_only=True)
    try:
        with pytest.raises(JournalError, match="cannot read the notes") as caught:
            public.notes()
        assert "CANARY" not in str(caught.value)
        assert list(public.events()) == []
    finally:
        public.close()
        journal.close()
