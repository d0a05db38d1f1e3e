"""Faults under a running session: a full disk, an I/O error, a deleted folder.

What a facilitator must be able to count on: the circle goes on (the timer
does not depend on the disk), nothing is called saved that is not, nothing
is retried behind their back, and once the disk is back everything kept in
memory is written, in order, with nothing lost.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from circle_tui.app.live import LiveSession, load_session, resume_session, start_session
from circle_tui.core.decide import GiveWord, NextPhase, TogglePause
from circle_tui.core.events import Event
from circle_tui.core.plan import parse_participants
from circle_tui.core.state import fold
from circle_tui.core.timing import FakeClock
from circle_tui.store.files import NotPrivate, StoreError
from circle_tui.store.format_files import find_format
from circle_tui.store.journal import Journal, JournalError

CANARY = "CANARY-faults-7d2f"


def new_live(root: Path, clock: FakeClock | None = None) -> LiveSession:
    return start_session(
        root,
        find_format("reflection-circle"),
        parse_participants("Ane,Bo,Cai"),
        clock or FakeClock(),
        group="Team Nord",
    )


def journal_events(live: LiveSession) -> list[Event]:
    return [event for _, event in live.journal.events()]


def memory_events(live: LiveSession) -> list[Event]:
    """What the session believes happened: committed plus kept in memory."""
    kept = live.unsaved.events if live.unsaved else []
    return [*journal_events(live), *kept]


class FailingCommits:
    """A connection whose COMMIT fails like a dying disk, counting every attempt."""

    def __init__(self, real: sqlite3.Connection, message: str = "disk I/O error") -> None:
        self.real, self.message, self.commits = real, message, 0

    def execute(self, sql: str, parameters: Sequence[object] = ()) -> sqlite3.Cursor:
        if sql.strip().upper() == "COMMIT":
            self.commits += 1
            raise sqlite3.OperationalError(self.message)
        return self.real.execute(sql, parameters)

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


def test_an_io_error_on_commit_keeps_the_circle_going_in_memory(
    sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = new_live(sessions)
    live.execute(NextPhase(confirmed=True))
    failing = FailingCommits(live.journal._db)
    live.journal._db = failing  # type: ignore[assignment]

    live.execute(GiveWord())
    assert live.unsaved is not None
    assert "disk I/O error" in live.unsaved.reason and str(live.journal.path) in live.unsaved.reason
    first = live.state.speaker
    assert first is not None  # the circle went on
    live.execute(GiveWord())
    assert live.state.speaker not in (None, first)
    live.clock.advance(30)  # type: ignore[attr-defined]
    assert live.add_note(CANARY) is False
    assert live.beat() is False and live.save_draft("half a thought") is False
    assert failing.commits == 1  # never retried behind the facilitator's back
    assert live.unsaved.count == len(live.unsaved.events) + 1  # the events and the note
    kept = list(live.unsaved.events)

    def still_failing(event: object) -> int:
        raise JournalError(f"{live.journal.path}: the event was not saved (disk I/O error, again)")

    live.journal._db = failing.real
    with monkeypatch.context() as patch:  # the fresh connection fails too: said, nothing lost
        patch.setattr(Journal, "append_all", lambda self, events: still_failing(events))
        with pytest.raises(JournalError):
            live.save_again()
    assert live.unsaved is not None and live.unsaved.events == kept
    assert "disk I/O error, again" in live.unsaved.reason  # why it failed this time
    live.save_again()
    assert live.unsaved is None
    reread = load_session(live.folder.path, FakeClock())
    assert reread.state.speaker == live.state.speaker
    assert reread.state.turns == live.state.turns
    assert [n.body.reveal() for n in reread.journal.notes()] == [CANARY]


def test_a_full_disk_is_sqlites_own_error_and_nothing_is_lost(sessions: Path) -> None:
    live = new_live(sessions)
    db = live.journal._db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")  # the database cannot grow: disk full
    live.execute(NextPhase(confirmed=True))
    for _ in range(100):  # enough events to need a new page
        live.execute(TogglePause())
    assert live.unsaved is not None and "full" in live.unsaved.reason
    before = memory_events(live)
    live.save_again()  # on a fresh connection, which has room
    assert live.unsaved is None
    assert journal_events(live) == before


@contextlib.contextmanager
def small_tmpfs(where: Path, size: str = "160k") -> Iterator[Path]:
    where.mkdir(parents=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=700", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root); the max_page_count test covers it")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_really_full_disk_on_a_small_tmpfs(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "tiny") as root:
        live = new_live(root / "sessions")
        live.execute(NextPhase(confirmed=True))
        filler = root / "filler"
        with contextlib.suppress(OSError), filler.open("wb") as handle:
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()
        steps = 0
        while live.unsaved is None and steps < 2000:
            live.add_note(f"{CANARY} {steps} " + "x" * 500)
            steps += 1
        assert live.unsaved is not None, "the disk never filled"
        live.execute(GiveWord())
        kept = memory_events(live)
        filler.unlink()
        live.save_again()
        assert live.unsaved is None
        assert journal_events(live) == kept
        assert len(live.journal.notes()) == steps
        live.close()


def test_a_deleted_session_folder_is_noticed_and_put_back(sessions: Path) -> None:
    live = new_live(sessions)
    live.execute(NextPhase(confirmed=True))
    live.add_note(CANARY)
    shutil.rmtree(live.folder.path)  # someone cleans up the wrong folder

    live.execute(GiveWord())  # SQLite would happily write into the deleted file
    assert live.unsaved is not None and "gone" in live.unsaved.reason
    live.save_again()
    assert live.unsaved is None and live.folder.journal_path.is_file()
    reread = load_session(live.folder.path, FakeClock())
    assert reread.state.speaker == live.state.speaker is not None
    assert [n.body.reveal() for n in reread.journal.notes()] == [CANARY]
    assert fold(live.plan, journal_events(reread)).phase == live.state.phase


def test_a_journal_replaced_under_the_session_is_not_overwritten(sessions: Path) -> None:
    live = new_live(sessions)
    path = live.folder.journal_path
    path.rename(path.with_suffix(".moved"))
    path.write_bytes(b"somebody else's file")
    live.execute(NextPhase(confirmed=True))
    assert live.unsaved is not None
    with pytest.raises(JournalError, match="another file is there"):
        live.save_again()
    assert path.read_bytes() == b"somebody else's file"


def test_a_read_only_journal_keeps_the_circle_going(sessions: Path) -> None:
    live = new_live(sessions)
    live.journal._db.execute("PRAGMA query_only = ON")  # as a read-only file would
    live.execute(NextPhase(confirmed=True))
    assert live.unsaved is not None and "readonly" in live.unsaved.reason
    assert live.state.phase == 1


def test_a_commit_that_failed_but_reached_the_disk_is_not_written_twice(sessions: Path) -> None:
    live = new_live(sessions)
    real = live.journal._db

    class LandsThenFails(FailingCommits):
        def execute(self, sql: str, parameters: Sequence[object] = ()) -> sqlite3.Cursor:
            if sql.strip().upper() == "COMMIT":
                self.real.execute("COMMIT")  # it is on disk, but the app hears "error"
                raise sqlite3.OperationalError("disk I/O error")
            return self.real.execute(sql, parameters)

    live.journal._db = LandsThenFails(real)  # type: ignore[assignment]
    live.execute(NextPhase(confirmed=True))
    assert live.unsaved is not None
    live.journal._db = real
    live.save_again()
    events = journal_events(live)
    assert len(events) == len({id(e) for e in events})
    assert [e.type for e in events].count("phase_started") == 2  # not three


def test_notes_are_refused_in_a_folder_others_can_read(sessions: Path) -> None:
    live = new_live(sessions)
    live.folder.path.chmod(0o755)  # as on a share that ignores chmod
    with pytest.raises(NotPrivate, match="others can read") as caught:
        live.add_note(CANARY)
    assert CANARY not in str(caught.value)
    with pytest.raises(NotPrivate):
        live.save_draft(CANARY)
    assert live.journal.notes() == [] and live.journal.draft() is None
    live.execute(NextPhase(confirmed=True))  # the public record goes on
    assert live.unsaved is None


def test_a_summary_that_cannot_be_written_does_not_undo_the_close(sessions: Path) -> None:
    live = new_live(sessions)
    live.folder.summary_path.mkdir()  # summary.md cannot be replaced by a file
    while not live.state.closed:
        live.execute(NextPhase(confirmed=True))
    assert live.unsaved is None and live.journal.last_type() == "session_closed"
    assert live.summary_problem is not None and "summary.md" in live.summary_problem


def test_a_sessions_dir_that_is_a_file_is_one_clear_error(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("")
    with pytest.raises(StoreError, match="not-a-dir"):
        new_live(blocked)


def test_a_session_killed_before_it_began_resumes_at_its_start(
    sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:  # the journal exists, the first event never came
        patch.setattr(LiveSession, "execute", lambda self, command: [])
        live = new_live(sessions)
    live.close()
    again = resume_session(live.folder.path)
    assert again.state.phase == 0 and again.journal.last_seq() > 0
    again.close()
