"""Without a terminal the full-screen commands say so in one line and exit 1.

Started from a pipe (stdout read by another program, stdin at its end), the
app once drew its console anyway and wrote escape codes for minutes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from circle_tui.app.live import start_session
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format

RUN = ["run", "--format", "reflection-circle", "--participants", "Ane,Bo,Cai"]


@pytest.mark.parametrize(
    "args", [RUN, ["resume", "latest"], ["display"], []], ids=["run", "resume", "display", "start"]
)
def test_a_tui_command_on_a_pipe_refuses_in_one_line(sessions: Path, args: list[str]) -> None:
    start_session(
        sessions, find_format("reflection-circle"), parse_participants("Ane,Bo"), FakeClock()
    ).close()
    before = sorted(p.name for p in sessions.iterdir())
    done = subprocess.run(
        [sys.executable, "-m", "circle_tui", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )
    assert done.returncode == 1, done
    assert done.stdout == ""  # not one escape code
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("circle-tui: circle-tui") and "needs a terminal" in line, line
    assert sorted(p.name for p in sessions.iterdir()) == before  # run made no session


def test_run_on_a_pipe_leaves_no_sessions_folder_it_made(tmp_path: Path) -> None:
    """A first `run` from a pipe left an empty sessions folder (and its parents) behind."""
    folder = tmp_path / "new" / "sessions"
    done = subprocess.run(
        [sys.executable, "-m", "circle_tui", *RUN, "--sessions-dir", str(folder)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )
    assert done.returncode == 1 and "needs a terminal" in done.stderr
    assert list(tmp_path.iterdir()) == []
