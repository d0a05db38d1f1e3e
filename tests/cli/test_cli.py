"""The command line: exit codes 0/1/2 and one-line errors, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from circle_tui.app.live import start_session
from circle_tui.cli import main
from circle_tui.core.decide import GiveWord, NextPhase
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real entry point in a child process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "circle_tui", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )


def assert_clean_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0]


def test_formats_list_and_show() -> None:
    listed = cli("formats", "list")
    assert listed.returncode == 0 and "reflection-circle" in listed.stdout
    shown = cli("formats", "show", "reflection-circle")
    assert shown.returncode == 0
    for title in ("Contract", "Check-in", "Reflection round", "Where we differ", "Closing"):
        assert title in shown.stdout
    assert "1:00 per speaker" in shown.stdout


def test_validate_reports_every_problem_with_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'id = "bad"\nname = "Bad"\n[[phases]]\nkind = "round"\ntitle = "R"\nturn_seconds = 0\n'
    )
    result = cli("formats", "validate", str(bad))
    assert result.returncode == 1
    assert f"{bad}:6: phases[0].turn_seconds: should be more than 0" in result.stderr
    good = cli("formats", "validate", str(Path("circle_tui/formats/reflection-circle.toml")))
    assert good.returncode == 0 and "ok" in good.stdout


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["run", "--format", "nope", "--participants", "A,B"], ["nope", "no format with this id"]),
        (
            ["run", "--format", "reflection-circle", "--participants", " , "],
            ["--participants", "no participants"],
        ),
        (
            ["run", "--format", "reflection-circle", "--participants", "Ane,Bo,ane"],
            ["given twice", "ane"],
        ),
        (["run", "--format", "reflection-circle", "--participants", "Ane,Bo=boss"], ["boss"]),
        (["summary", "no-such-session"], ["no-such-session", "no such session"]),
        (["resume", "latest"], ["no sessions yet"]),
    ],
)
def test_bad_input_is_one_line_and_exit_1(args: list[str], needles: list[str]) -> None:
    assert_clean_error(cli(*args), *needles)


def test_broken_format_file_names_file_line_field(tmp_path: Path) -> None:
    bad = tmp_path / "broken.toml"
    bad.write_text(
        'id = "b"\nname = "B"\n[[phases]]\nkind = "round"\ntitle = "R"\nturn_seconds = "long"\n'
    )
    assert_clean_error(
        cli("run", "--format", str(bad), "--participants", "A,B"), f"{bad}:6", "turn_seconds"
    )


def test_sessions_dir_that_cannot_be_written(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    result = cli(
        "run",
        "--format",
        "reflection-circle",
        "--participants",
        "A,B",
        "--sessions-dir",
        str(blocked / "sessions"),
    )
    assert_clean_error(result, str(blocked / "sessions"))


def test_usage_errors_exit_2() -> None:
    assert cli("run").returncode == 2
    assert cli("frobnicate").returncode == 2


def test_sessions_list_and_summary(sessions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clock = FakeClock()
    live = start_session(
        sessions,
        find_format("reflection-circle"),
        parse_participants("Ane,Bo"),
        clock,
        group="Team Nord",
    )
    live.execute(NextPhase(confirmed=True))
    live.execute(GiveWord())
    clock.advance(42)
    live.execute(GiveWord())
    live.close()
    assert main(["sessions", "list"]) == 0
    out = capsys.readouterr().out
    assert live.plan.session_id in out and "Team Nord" in out and "open" in out
    assert main(["summary", live.plan.session_id]) == 0
    out = capsys.readouterr().out
    assert "# Team Nord: session summary" in out
    assert "0:42" in out
    target = sessions.parent / "out.json"
    assert main(["summary", "latest", "--to", "json", "-o", str(target)]) == 0
    assert '"speaking_seconds": 42.0' in target.read_text()
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    # -o into a folder that does not exist: one line naming the file, not a traceback
    missing = sessions.parent / "no-such-folder" / "out.md"
    assert main(["summary", "latest", "-o", str(missing)]) == 1
    said = capsys.readouterr().err.strip().splitlines()
    assert said == [f"circle-tui: {missing}: could not be written (No such file or directory)"]
