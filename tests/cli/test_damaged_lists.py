"""One damaged session is one damaged line in a list, never the end of the command."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from circle_tui.app.live import start_session
from circle_tui.cli import main
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format


def session(sessions: Path, group: str, start: float) -> Path:
    live = start_session(
        sessions,
        find_format("reflection-circle"),
        parse_participants("Ane,Bo,Cai"),
        FakeClock(start),
        group=group,
    )
    live.close()
    return live.folder.path


def test_damaged_sessions_are_marked_and_the_rest_listed(
    sessions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad_plan = session(sessions, "Alpha", 1_790_000_000.0)
    bad_event = session(sessions, "Beta", 1_790_000_100.0)
    good = session(sessions, "Gamma", 1_790_000_200.0)
    plan_file = bad_plan / "session.toml"
    plan_file.write_bytes(plan_file.read_bytes().replace(b"Alpha", b"Alp\xffa"))
    with contextlib.closing(sqlite3.connect(bad_event / "journal.db")) as db, db:
        db.execute('UPDATE events SET payload = \'{"v": 1, "type": "paused"\' WHERE seq = 1')
    assert main(["sessions", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    (plan_line,) = [line for line in lines if line.startswith(bad_plan.name)]
    (event_line,) = [line for line in lines if line.startswith(bad_event.name)]
    assert "damaged:" in plan_line and f"{plan_file}:" in plan_line and "UTF-8" in plan_line
    line_no = plan_file.read_bytes().split(b"\n").index(next(
        row for row in plan_file.read_bytes().split(b"\n") if b"\xff" in row
    )) + 1  # fmt: skip
    assert f"{plan_file}:{line_no}:" in plan_line
    assert "damaged:" in event_line and "event 1" in event_line
    assert any(line.startswith(good.name) and "Gamma" in line for line in lines)
    assert main(["sessions", "purge", "--older-than", "99999d"]) == 0
    assert main(["summary", "latest"]) == 0  # the newest is fine, and still found


def test_a_broken_settings_file_stops_neither_listing_nor_erasing(
    sessions: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = session(sessions, "Alpha", 1_790_000_000.0)
    (tmp_path / "settings.toml").write_text("a = " + "[" * 600 + "]" * 600 + "\n")
    with pytest.raises(SystemExit) as version:
        main(["--version"])
    assert version.value.code == 0
    assert main(["sessions", "list"]) == 0
    assert folder.name in capsys.readouterr().out
    assert main(["sessions", "erase", "latest", "--notes-only", "--yes"]) == 0
    assert main(["sessions", "purge", "--yes"]) == 1  # purge needs the retention setting
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.endswith("settings.toml:1: nested too deeply (more than 16 levels)"), line
