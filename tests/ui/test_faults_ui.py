"""What the facilitator sees when the disk fails, and after a crash (Pilot, headless)."""

from __future__ import annotations

from pathlib import Path

import pytest

from circle_tui.app.live import LiveSession, load_session, start_session
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store import crypto
from circle_tui.store.format_files import find_format
from circle_tui.store.journal import Journal, JournalError
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.screens import console as console_screen
from circle_tui.ui.widgets.notes import NoteField
from tests.ui.test_console import allow_notes, new_live, screen_text

CANARY = "CANARY-ui-faults-41c9"


def failing_disk(live: LiveSession, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_: object) -> int:
        raise JournalError(
            f"{live.journal.path}: the event was not saved (database or disk is full)"
        )

    monkeypatch.setattr(Journal, "append_all", lambda self, events: full())
    monkeypatch.setattr(Journal, "add_note", lambda self, *a: full())


async def test_a_full_disk_is_said_at_the_top_and_the_circle_goes_on(
    sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"handovers", "ctrl+s")  # the contract is agreed: saved
        assert "Saved." in screen_text(app)
        with monkeypatch.context() as patch:
            failing_disk(live, patch)
            await pilot.press("space")  # the first speaker: not saved, but the circle goes on
            text = screen_text(app)
            assert "NOT SAVED since" in text and "disk is full" in text
            assert "ctrl+s" in text and "Saved." not in text
            assert live.state.speaker is not None
            await pilot.press("tab", *CANARY, "enter")
            text = screen_text(app)
            assert "NOT SAVED" in text and CANARY in text  # the note stays, marked
            await pilot.press("tab")
            await pilot.press("ctrl+s")  # the disk is still full: said again, nothing lost
            assert "Still not saved" in screen_text(app)
            assert live.unsaved is not None and live.unsaved.count == 2
        await pilot.press("ctrl+s")  # space was freed
        text = screen_text(app)
        assert "NOT SAVED" not in text and "everything kept in memory is on disk" in text
    reread = load_session(live.folder.path, FakeClock())
    assert reread.state.speaker == live.state.speaker
    assert [n.body.reveal() for n in reread.journal.notes()] == [CANARY]


async def test_quitting_with_unsaved_changes_asks_first(
    sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        failing_disk(live, monkeypatch)
        await pilot.press("n", *"handovers", "ctrl+s")
        await pilot.press("ctrl+q")
        assert "NOT saved" in screen_text(app) and "Quit and lose them?" in screen_text(app)
        await pilot.press("n")
        assert app.is_running
        await pilot.press("ctrl+q")
        await pilot.press("y")
    assert app.return_code == 0 and live.unsaved is not None


async def test_the_note_being_typed_survives_a_crash(
    sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(console_screen, "DRAFT_EVERY", 0.05)
    live = new_live(sessions, FakeClock())
    allow_notes(live)
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("tab", *"Bo seems tired")  # typed, never entered
        await pilot.pause(0.2)
        draft = live.journal.draft()
        assert draft is not None and draft.body.reveal() == "Bo seems tired"
        await pilot.press(*" today")
        await pilot.press("tab")  # leaving the field saves at once
        draft = live.journal.draft()
        assert draft is not None and draft.body.reveal() == "Bo seems tired today"
    # the app is gone as if killed: a new console finds the note where it was
    again = load_session(live.folder.path, FakeClock())
    app = ConsoleApp(again)
    async with app.run_test(size=(100, 30)) as pilot:
        field = app.console_screen.query_one("#note-input")
        assert field.value == "Bo seems tired today"  # type: ignore[attr-defined]
        assert "unfinished note is back" in screen_text(app)
        await pilot.press("tab", "enter")
    notes = again.journal.notes()
    assert [n.body.reveal() for n in notes] == ["Bo seems tired today"]
    assert again.journal.draft() is None


async def test_notes_are_off_in_a_folder_others_can_read(sessions: Path) -> None:
    live = new_live(sessions, FakeClock())
    allow_notes(live)
    live.folder.path.chmod(0o755)
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "notes are off: others can read" in screen_text(app)
        assert app.console_screen.query_one(NoteField).closed
        await pilot.press("tab", *CANARY, "enter")  # typed into the closed field: dropped
        assert CANARY not in screen_text(app)
        await pilot.press("n", "ctrl+s")  # the circle itself runs
        assert live.state.phase == 1
    assert live.journal.notes() == []


async def test_the_notes_pane_says_whether_notes_are_encrypted(
    sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)):
        assert "not encrypted · this screen only" in screen_text(app)
    monkeypatch.setitem(crypto.STRENGTH, "memory_kib", 1024)
    locked = start_session(
        sessions,
        find_format("reflection-circle"),
        parse_participants("Ane,Bo"),
        FakeClock(),
        passphrase="correct horse battery",
    )
    allow_notes(locked)
    app = ConsoleApp(locked)
    async with app.run_test(size=(100, 30)) as pilot:
        text = screen_text(app)
        assert "encrypted · this screen only" in text and "not encrypted" not in text
        await pilot.press("tab", *CANARY, "enter")
        assert CANARY in screen_text(app)  # the facilitator reads it as typed
    assert CANARY.encode() not in locked.folder.journal_path.read_bytes()
