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
from circle_tui.cli import main
from circle_tui.cli.run import resume
from circle_tui.core.timing import FakeClock
from circle_tui.store import crypto
from circle_tui.store.journal import Locked
from circle_tui.store.keyfile import KEY_FILE
from circle_tui.ui.console import ConsoleApp
from tests.store.test_privacy import PASSPHRASE, canary, files_holding, new_live
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


def rewrite_key_file(folder: Path, **changes: object) -> None:
    """Change fields of `notes.key` as damage would (bytes are stored in base64)."""
    key_file = folder / KEY_FILE
    record = json.loads(key_file.read_bytes().rstrip(b"\0"))
    for column, value in changes.items():
        record[column] = base64.b64encode(value).decode() if isinstance(value, bytes) else value
    key_file.write_bytes(json.dumps(record).encode().ljust(512, b"\0"))


def damage_key(folder: Path, changes: dict[str, object] | None) -> None:
    """One of `DAMAGED_KEYS` done to `notes.key` (None: the whole file zeroed)."""
    if changes is None:
        (folder / KEY_FILE).write_bytes(bytes(512))
    else:
        rewrite_key_file(folder, **changes)


DAMAGED_KEYS = [
    pytest.param({"memory_kib": 2**40}, id="memory-1PiB"),
    pytest.param({"iterations": 10**9}, id="iterations"),
    pytest.param({"lanes": 0}, id="no-lanes"),
    pytest.param({"salt": b""}, id="no-salt"),
    pytest.param({"lanes": -4}, id="negative-lanes"),
    pytest.param({"wrapped": bytes(60)}, id="wrapped-zeroed"),
    pytest.param({"wrapped": b"\x17" * 20}, id="wrapped-cut-short"),  # none is this long
    pytest.param(None, id="file-zeroed"),
]


@pytest.mark.parametrize("changes", DAMAGED_KEYS)
async def test_a_damaged_wrapped_key_is_one_damaged_thing(
    sessions: Path, monkeypatch: pytest.MonkeyPatch, changes: dict[str, object] | None
) -> None:
    """Not a MemoryError, not a resume that derives for hours, not a refused session:
    the circle resumes, its notes read as damaged, and one line names `notes.key`."""
    live = new_live(sessions, passphrase=PASSPHRASE)
    lost = canary()
    live.add_note(lost)
    live.close()
    key_file = live.folder.path / KEY_FILE
    damage_key(live.folder.path, changes)

    def no_derivation(*_: object) -> bytes:
        raise AssertionError("a damaged key must be refused before Argon2 runs")

    monkeypatch.setattr(crypto, "derive", no_derivation)
    monkeypatch.setenv("CIRCLE_TUI_PASSPHRASE", PASSPHRASE)
    again = resume(live.folder.path)  # what `circle-tui resume` opens
    try:
        assert again.state.phase is not None and not again.state.closed
        problem = again.journal.key_problem
        assert problem is not None and problem.startswith(f"{key_file}: ")
        assert "key is damaged" in problem and "\n" not in problem
        [note] = again.journal.notes()
        assert note.damaged and lost not in note.body.reveal()
        assert again.draft() is None
        written = canary()
        assert again.add_note(written) is False  # kept in memory, and said why
        assert again.unsaved is not None and again.unsaved.reason == problem
        app = ConsoleApp(again)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            shown = screen_text(app)
            assert "(this note is damaged and cannot be read)" in shown and lost not in shown
            # the field is closed: a note typed there would stop every save (kept unsaved)
            assert "notes are off: their key is damaged" in shown
    finally:
        again.close()
    assert files_holding(sessions, lost, written) == []


@pytest.mark.parametrize(
    "changes", [pytest.param({}, id="intact"), pytest.param({"wrapped": b"\x17" * 60}, id="random")]
)
def test_a_wrong_passphrase_is_still_refused(sessions: Path, changes: dict[str, object]) -> None:
    """A wrapped key that does not open with the passphrase: wrong, or damaged beyond telling."""
    live = new_live(sessions, passphrase=PASSPHRASE)
    live.close()
    rewrite_key_file(live.folder.path, **changes)
    with pytest.raises(Locked, match="wrong passphrase"):
        load_session(live.folder.path, FakeClock(), passphrase="not the passphrase")
    if changes:
        with pytest.raises(Locked, match="wrong passphrase"):
            load_session(live.folder.path, FakeClock(), passphrase=PASSPHRASE)
    else:
        load_session(live.folder.path, FakeClock(), passphrase=PASSPHRASE).close()


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


def not_text(marker: str) -> str:
    """SQL for a text value that is not valid UTF-8: `marker`, then a byte no text has."""
    return f"CAST(CAST('{marker}' AS BLOB) || x'ff' AS TEXT)"


@pytest.mark.parametrize("encrypted", [False, True])
async def test_a_note_that_is_not_text_is_one_damaged_note(
    sessions: Path,
    encrypted: bool,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An undecodable body marks that note; the others, the summary and the resume open.

    SQLite's own error would echo the column (note text) into the error line.
    """
    passphrase = PASSPHRASE if encrypted else None
    live = new_live(sessions, passphrase=passphrase)
    first, second, third, typed = canary(), canary(), canary(), canary()
    for body in (first, second, third):
        live.add_note(body)
    live.save_draft(typed)
    live.close()
    garbage, late = canary(), canary()
    with database(live.folder.journal_path) as db:
        # as in the report: `update notes set body = 'garbage!!' || body` (x'ff': never text)
        db.execute(f"UPDATE notes SET body = '{garbage}!!' || body || x'ff' WHERE id = 2")
        db.execute(f"UPDATE draft SET body = {not_text(late)}")
    again = load_session(live.folder.path, FakeClock(), passphrase=passphrase)
    try:
        notes = again.journal.notes()
        assert [n.damaged for n in notes] == [False, True, False]
        assert [notes[0].body.reveal(), notes[2].body.reveal()] == [first, third]
        assert again.draft() is None  # a damaged unfinished note is lost, the notes are not
        app = ConsoleApp(again)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            shown = screen_text(app)
            assert "(this note is damaged and cannot be read)" in shown
            assert first in shown and third in shown and garbage not in shown
    finally:
        again.close()
    if encrypted:
        monkeypatch.setenv("CIRCLE_TUI_PASSPHRASE", PASSPHRASE)
    target = live.folder.path.parent / "private.md"
    assert main(["summary", "latest", "--include-private", "-o", str(target)]) == 0
    written = target.read_text()
    assert first in written and third in written and "this note is damaged" in written
    said = capsys.readouterr()
    for secret in (garbage, late, second):
        assert secret not in said.out + said.err + written


@pytest.mark.parametrize("column", ["at", "phase", "speaker"])
def test_a_stamp_that_is_not_text_is_one_damaged_note(sessions: Path, column: str) -> None:
    live = new_live(sessions)
    kept = canary()
    live.add_note(canary())
    live.add_note(kept)
    live.close()
    with database(live.folder.journal_path) as db:
        db.execute(f"UPDATE notes SET {column} = {not_text(canary())} WHERE id = 1")
    again = load_session(live.folder.path, FakeClock())
    try:
        damaged, other = again.journal.notes()
        assert damaged.damaged and not other.damaged and other.body.reveal() == kept
    finally:
        again.close()


@pytest.mark.parametrize("changes", [*DAMAGED_KEYS, pytest.param({}, id="intact")])
def test_sessions_list_marks_a_damaged_key(
    sessions: Path, changes: dict[str, object] | None, capsys: pytest.CaptureFixture[str]
) -> None:
    """The list says which sessions' notes cannot be read, without any passphrase."""
    live = new_live(sessions, passphrase=PASSPHRASE)
    live.add_note(canary())
    live.close()
    key_file = live.folder.path / KEY_FILE
    damage_key(live.folder.path, changes)
    capsys.readouterr()
    assert main(["sessions", "list", "--sessions-dir", str(sessions)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(live.plan.session_id)  # the public record still lists
    marked = [line for line in lines if "notes damaged" in line]
    if changes == {}:
        assert marked == []
    else:
        assert marked == [f"  notes damaged: {key_file}: the notes' key is damaged"]


def test_sessions_list_marks_a_damaged_plain_key(
    sessions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    live = new_live(sessions)
    live.close()
    (live.folder.path / KEY_FILE).write_bytes(b"\xff" * 512)
    capsys.readouterr()
    assert main(["sessions", "list", "--sessions-dir", str(sessions)]) == 0
    assert "notes damaged" in capsys.readouterr().out


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE events SET payload = {text} WHERE seq = (SELECT MAX(seq) FROM events)",
        "UPDATE meta SET value = {text} WHERE key = 'session'",
    ],
)
def test_an_event_that_is_not_text_is_named_without_its_content(
    sessions: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite's "Could not decode to UTF-8 column … with text '…'" quotes what was stored:
    an error line names the journal and says it is damaged, nothing of what it held."""
    live = new_live(sessions)
    live.close()
    stored = canary()
    with database(live.folder.journal_path) as db:
        db.execute(damage.format(text=not_text(stored)))
    assert main(["summary", "latest"]) == 1
    assert main(["sessions", "list"]) in (0, 1)
    said = capsys.readouterr()
    assert stored not in said.out + said.err
    assert "journal" in said.err and "damaged" in said.err
    assert "Traceback" not in said.err
