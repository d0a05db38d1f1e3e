"""The command line for privacy: --encrypt, passphrases, erase and purge, resume after faults."""

from __future__ import annotations

import os
import resource
import sqlite3
import time
from pathlib import Path

import pytest

from circle_tui.app.live import LiveSession, start_session
from circle_tui.cli import main
from circle_tui.cli.passphrase import ENV
from circle_tui.core.decide import GiveWord, NextPhase
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock, SystemClock, turn_clock
from circle_tui.store import crypto
from circle_tui.store.format_files import find_format
from circle_tui.ui.console import ConsoleApp

PASSPHRASE = "a long enough passphrase"
CANARY = "CANARY-cli-privacy-0b7e"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(crypto.STRENGTH, "memory_kib", 1024)
    monkeypatch.setitem(crypto.STRENGTH, "iterations", 1)


def new_live(root: Path, clock: FakeClock | SystemClock | None = None) -> LiveSession:
    return start_session(
        root, find_format("reflection-circle"), parse_participants("Ane,Bo"), clock or FakeClock()
    )


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("circle-tui: ") and "\n" not in err and "Traceback" not in err
    return err


def test_run_encrypt_and_resume_with_the_passphrase(
    sessions: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV, PASSPHRASE)
    seen: dict[str, object] = {}

    def take_a_note(app: ConsoleApp) -> None:
        seen["encrypted"] = app.live.journal.encrypted
        app.live.add_note(CANARY)

    monkeypatch.setattr(ConsoleApp, "run", take_a_note)
    monkeypatch.setattr("circle_tui.cli.common.has_terminal", lambda: True)
    assert (
        main(["run", "--format", "reflection-circle", "--participants", "Ane,Bo", "--encrypt"]) == 0
    )
    assert seen["encrypted"] is True
    journal = next(sessions.glob("*/journal.db"))
    assert CANARY.encode() not in journal.read_bytes()

    def read_notes(app: ConsoleApp) -> None:
        seen["notes"] = [n.body.reveal() for n in app.live.journal.notes()]

    monkeypatch.setattr(ConsoleApp, "run", read_notes)
    monkeypatch.setattr("circle_tui.cli.common.has_terminal", lambda: True)
    assert main(["resume", "latest"]) == 0
    assert seen["notes"] == [CANARY]
    capsys.readouterr()  # the run's warning: two people, for a format meant for four or more

    monkeypatch.setenv(ENV, "not the passphrase")
    assert main(["resume", "latest"]) == 1
    err = one_line_error(capsys)
    assert "wrong passphrase" in err and CANARY not in err


def test_a_short_passphrase_starts_nothing(
    sessions: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV, "short")
    assert main(["run", "--format", "reflection-circle", "--participants", "A,B", "--encrypt"]) == 1
    assert "at least 8 characters" in one_line_error(capsys)
    assert not list(sessions.glob("*/journal.db"))


def test_a_private_report_of_an_encrypted_session_needs_the_passphrase(
    sessions: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    live = start_session(
        sessions,
        find_format("reflection-circle"),
        parse_participants("Ane,Bo"),
        FakeClock(),
        passphrase=PASSPHRASE,
    )
    live.add_note(CANARY)
    live.close()
    out = tmp_path / "private.md"
    monkeypatch.setenv(ENV, PASSPHRASE)
    assert main(["summary", "latest", "--include-private", "-o", str(out)]) == 0
    assert CANARY in out.read_text()
    monkeypatch.setenv(ENV, "wrong passphrase!")
    assert main(["summary", "latest", "--include-private", "-o", str(out)]) == 1
    assert "wrong passphrase" in one_line_error(capsys)


def test_sessions_erase_and_purge(
    sessions: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    old = new_live(sessions, FakeClock(start=time.time() - 120 * 86400))
    old.add_note(CANARY)
    old.close()
    recent = new_live(sessions, FakeClock(start=time.time() - 3600))
    recent.add_note(CANARY)
    recent.close()

    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["sessions", "purge"]) == 1  # asks first, and a pipe cannot answer
    assert old.folder.path.exists()
    assert "add --yes" in capsys.readouterr().err

    assert main(["sessions", "purge", "--yes"]) == 0  # the retention setting: 90 days
    assert not old.folder.path.exists() and recent.folder.path.exists()
    assert "Erased 1 session older than 90 days" in capsys.readouterr().out

    assert main(["sessions", "erase", recent.folder.path.name, "--notes-only", "--yes"]) == 0
    assert CANARY.encode() not in (recent.folder.journal_path).read_bytes()
    assert main(["sessions", "list"]) == 0
    assert recent.plan.session_id in capsys.readouterr().out

    assert main(["sessions", "purge", "--older-than", "three months"]) == 1
    assert "90d" in one_line_error(capsys)
    assert main(["sessions", "erase", "latest", "--yes"]) == 0
    assert not recent.folder.path.exists()


def test_resume_stops_the_clock_at_the_last_heartbeat(
    sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = time.time() - 600
    clock = SystemClock(start=start)
    live = new_live(sessions, clock)
    live.execute(NextPhase(confirmed=True))
    live.execute(GiveWord())
    live.clock = SystemClock(start=start + 60)  # a minute of speaking, with heartbeats
    live.beat()
    live.close()  # then the app died; it is resumed nine minutes later
    seen = {}

    def fake_run(app: ConsoleApp) -> None:
        turn = turn_clock(app.live.state, app.live.clock.now())
        seen["used"] = turn.used if turn else None

    monkeypatch.setattr(ConsoleApp, "run", fake_run)
    monkeypatch.setattr("circle_tui.cli.common.has_terminal", lambda: True)
    assert main(["resume", "latest"]) == 0
    assert seen["used"] == pytest.approx(60, abs=2)  # the minute counts, the downtime not


@pytest.mark.parametrize("damage", ["truncated", "foreign", "garbage", "empty"])
def test_a_damaged_journal_is_one_line_at_resume(
    sessions: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    live = new_live(sessions)
    live.execute(NextPhase(confirmed=True))
    live.close()
    path = live.folder.journal_path
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    raw = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(raw[: len(raw) // 3])
    elif damage == "garbage":
        path.write_bytes(raw[:100] + b"\xff" * 4000 + raw[4100:])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.unlink()
        sqlite3.connect(path).execute("CREATE TABLE meta (key, value)").connection.commit()
    assert main(["resume", "latest"]) == 1
    assert str(path) in one_line_error(capsys)


def test_no_core_dumps(sessions: Path) -> None:
    assert main(["sessions", "list"]) == 0
    assert resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)


def test_the_retention_period_is_asked_once_and_kept_in_the_settings(
    sessions: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Path(os.environ["CIRCLE_TUI_CONFIG"])
    settings.write_text('# my settings\nbell = true\n\n[keys]\ngive-word = "enter"\n')
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    answers = iter(["30"])
    monkeypatch.setattr("builtins.input", lambda *_: next(answers))
    monkeypatch.setattr(ConsoleApp, "run", lambda app: None)
    monkeypatch.setattr("circle_tui.cli.common.has_terminal", lambda: True)
    run = ["run", "--format", "reflection-circle", "--participants", "Ane,Bo"]
    assert main(run) == 0
    text = settings.read_text()
    assert text.startswith("retention_days = 30") and 'give-word = "enter"' in text
    assert "asked only this once" in capsys.readouterr().out
    old = new_live(sessions, FakeClock(start=time.time() - 40 * 86400))
    old.close()
    assert main(run) == 0  # not asked again: `input` would raise StopIteration
    assert "1 session is older than 30 days: `circle-tui sessions purge`" in (
        capsys.readouterr().out
    )
    assert main(["sessions", "purge", "--yes"]) == 0
    assert "older than 30 days" in capsys.readouterr().out
