"""An internal error in front of the room: one line, no traceback, no note."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from circle_tui.app.live import load_session
from circle_tui.core.timing import FakeClock

CANARY = "CANARY-crash-5e0a"

SCRIPT = f"""
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.app.live import start_session
from circle_tui.store.format_files import find_format
from circle_tui.ui.console import ConsoleApp

live = start_session(
    __import__("pathlib").Path({{root!r}}),
    find_format("reflection-circle"),
    parse_participants("Ane,Bo"),
    FakeClock(),
)
live.add_note("{CANARY}")


class Crashing(ConsoleApp):
    def on_mount(self) -> None:
        self.set_timer(0.2, self.boom)

    def boom(self) -> None:
        note = "{CANARY}"  # a local a traceback with locals would print
        raise RuntimeError("a bug " + str(len(note)))


Crashing(live).run(headless=True)
"""


def test_an_internal_error_is_one_line_and_a_private_report(tmp_path: Path) -> None:
    """The report goes to the sessions dir in use, not to the default one."""
    root = tmp_path / "in-use"
    default = tmp_path / "default"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(root=str(root))],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ | {"CIRCLE_TUI_SESSIONS": str(default)},
    )
    shown = (done.stdout + done.stderr).strip()
    assert "Traceback" not in shown and CANARY not in shown
    flat = " ".join(shown.split())  # the terminal wraps the one sentence
    assert flat.startswith("circle-tui stopped on an internal error (RuntimeError).")
    assert "circle-tui resume" in flat and flat.count("internal error") == 1
    (report,) = (root / ".crash-reports").iterdir()
    assert report.stat().st_mode & 0o777 == 0o600
    text = report.read_text()
    assert "RuntimeError: a bug" in text and CANARY not in text
    assert not default.exists()


IN_THE_CLI = """
import sys

from circle_tui import cli
from circle_tui.cli import common
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.display import DisplayApp
from circle_tui.ui.start import StartApp

app = {"console": ConsoleApp, "display": DisplayApp, "start": StartApp}[sys.argv[1]]
common.has_terminal = lambda: True  # no terminal here: the app runs headless
run = app.run
app.run = lambda self: run(self, headless=True)


def boom() -> None:
    raise RuntimeError("a bug")


app.on_ready = lambda self: self.set_timer(0.3, boom)  # once it is up and running
sys.exit(cli.main(sys.argv[2:]))
"""

CRASHING = {
    "console": ["run", "--format", "reflection-circle", "--participants", "Ane,Bo"],
    "display": ["display"],
    "start": [],
}


@pytest.mark.parametrize("app", CRASHING)
def test_the_command_exits_1_after_an_internal_error(sessions: Path, app: str) -> None:
    """The one line is shown, the session is saved, and the shell hears that it failed."""
    done = subprocess.run(
        [sys.executable, "-c", IN_THE_CLI, app, *CRASHING[app]],
        capture_output=True,
        text=True,
        timeout=60,
    )
    shown = " ".join((done.stdout + done.stderr).split())
    assert "Traceback" not in shown
    assert shown.count("circle-tui stopped on an internal error (RuntimeError).") == 1
    assert done.returncode == 1
    if app == "console":
        (folder,) = (p for p in sessions.iterdir() if not p.name.startswith("."))
        assert f"Session saved in {folder}" in shown
        assert load_session(folder, FakeClock()).state.started_at is not None  # it can go on
