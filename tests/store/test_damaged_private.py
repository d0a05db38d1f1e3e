"""A damaged private row is marked, and the rest of the session opens."""

from __future__ import annotations

import base64
import contextlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from circle_tui.app.live import load_session
from circle_tui.core.timing import FakeClock
from circle_tui.store import crypto
from circle_tui.store.journal import JournalError
from circle_tui.store.keyfile import KEY_FILE
from circle_tui.ui.console import ConsoleApp
from tests.store.test_privacy import PASSPHRASE, canary, new_live
from tests.ui.test_console import screen_text


@pytest.fixture(autouse=True)
def _quick_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(crypto.STRENGTH, "memory_kib", 1024)
    monkeypatch.setitem(crypto.STRENGTH, "iterations", 1)


@contextlib.contextmanager
def database(path: Path) -> Iterator[sqlite3.Connection]:
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        yield db


@pytest.mark.parametrize("encrypted", [False, True])
async def test_a_damaged_note_is_marked_and_the_session_resumes(
    sessions: Path, encrypted: bool
) -> None:
    live = new_live(sessions, passphrase=PASSPHRASE if encrypted else None)
    first, kept, third = canary(), canary(), canary()
    for body in (first, kept, third):
        live.add_note(body)
    live.close()
    with database(live.folder.journal_path) as db:
        db.execute("UPDATE notes SET body = zeroblob(40) WHERE id = 1")  # a zeroed ciphertext
        db.execute("UPDATE notes SET phase = 99, speaker = 42 WHERE id = 3")  # not in the plan
    again = load_session(
        live.folder.path, FakeClock(), passphrase=PASSPHRASE if encrypted else None
    )
    notes = again.journal.notes()
    assert [n.damaged for n in notes] == [True, False, False]
    assert notes[1].body.reveal() == kept
    assert (notes[2].phase, notes[2].speaker) == (99, 42)  # the console leaves them out
    app = ConsoleApp(again)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "(this note is damaged and cannot be read)" in shown and kept in shown
        assert first not in shown
    again.close()


@pytest.mark.parametrize(
    ("column", "value"),
    [("memory_kib", 2**40), ("iterations", 10**9), ("lanes", 0), ("salt", b""), ("lanes", -4)],
)
def test_argon2_parameters_out_of_bounds_are_a_damaged_key(
    sessions: Path, column: str, value: object
) -> None:
    """Not a MemoryError, not a resume that derives for hours: one line naming the file."""
    live = new_live(sessions, passphrase=PASSPHRASE)
    live.close()
    key_file = live.folder.path / KEY_FILE
    record = json.loads(key_file.read_bytes().rstrip(b"\0"))
    record[column] = base64.b64encode(value).decode() if isinstance(value, bytes) else value
    key_file.write_bytes(json.dumps(record).encode().ljust(512, b"\0"))
    with pytest.raises(JournalError) as caught:
        load_session(live.folder.path, FakeClock(), passphrase=PASSPHRASE)
    message = str(caught.value)
    assert message.startswith(str(live.folder.path)) and "key is damaged" in message
    assert "\n" not in message


def test_a_damaged_key_file_is_one_damaged_thing(sessions: Path) -> None:
    """The public record opens and resumes; the notes read as damaged, in one line each."""
    live = new_live(sessions)
    live.add_note("a note that can no longer be opened")
    live.close()
    (live.folder.path / KEY_FILE).write_bytes(b"\xff" * 512)
    again = load_session(live.folder.path, FakeClock())
    try:
        assert again.state.phase is not None  # the circle itself opens
        [note] = again.journal.notes()
        assert note.damaged and "a note that" not in note.body.reveal()
        assert again.add_note("a new note") is False  # kept in memory, and said why
        assert again.unsaved is not None and "key is damaged" in again.unsaved.reason
    finally:
        again.close()
