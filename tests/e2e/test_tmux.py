"""The installed `circle-tui` in a real terminal (tmux): keys in, summary out."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

SCRIPT = Path(sys.executable).parent / "circle-tui"


def _tmux(handle: str, *args: str) -> str:
    socket, _ = handle.split("|")
    command = ["tmux", "-S", socket, *args]
    out = subprocess.run(command, capture_output=True, text=True, check=False)
    if out.returncode and "server exited unexpectedly" in out.stderr:
        # The last pane was killed (kill -9) and its server was still shutting down when
        # this command reached it: the next command starts a new server.
        out = subprocess.run(command, capture_output=True, text=True, check=False)
    out.check_returncode()
    return out.stdout


def start(handle: str, command: str, size: tuple[int, int] = (100, 30)) -> None:
    """Run `command` in a new tmux session of `size` columns and rows."""
    name = handle.split("|")[1]
    columns, rows = (str(n) for n in size)
    _tmux(handle, "new-session", "-d", "-s", name, "-x", columns, "-y", rows, "bash", "-c", command)


def screen(handle: str) -> str:
    return _tmux(handle, "capture-pane", "-p", "-t", handle.split("|")[1])


def keys(handle: str, *names: str) -> None:
    for name in names:
        _tmux(handle, "send-keys", "-t", handle.split("|")[1], name)
        time.sleep(0.25)


def wait_for(handle: str, text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < deadline:
        shown = screen(handle)
        if text in shown:
            return shown
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not appear; the screen shows:\n{shown}")


def test_a_session_in_a_real_terminal(tmux: str, tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    canary = f"CANARY{uuid.uuid4().hex[:10]}"
    command = (
        f"{SCRIPT} run --format reflection-circle --participants 'Ane,Bo,Cai,Dag,Eli' "
        f"--group 'Team Nord' --sessions-dir {sessions}; echo EXITED-$?; sleep 60"
    )
    _tmux(
        tmux,
        "new-session",
        "-d",
        "-s",
        tmux.split("|")[1],
        "-x",
        "100",
        "-y",
        "30",
        "bash",
        "-c",
        command,
    )
    wait_for(tmux, "Offer to erase them after how many days? [90, 0 = never]")
    keys(tmux, "Enter")  # asked once, on the first session: the default
    wait_for(tmux, "phase 1 of 5")
    keys(tmux, "Tab", *canary, "Enter")  # before the contract allows notes: dropped
    assert canary not in screen(tmux)
    keys(tmux, "n")
    wait_for(tmux, "Has the group agreed")
    keys(tmux, *"handovers", "C-s")
    wait_for(tmux, "phase 2 of 5")
    keys(tmux, "Tab")
    keys(tmux, *canary, "Enter")
    wait_for(tmux, "Note saved")
    keys(tmux, "h")  # enter kept the note and left the field
    assert canary not in screen(tmux)  # the curtain hides the notes at once
    keys(tmux, "Space")
    time.sleep(1.2)
    shown = screen(tmux)
    assert "speaking" in shown
    for _ in range(5):
        keys(tmux, "Space")
        time.sleep(0.3)
    wait_for(tmux, "Everyone has had the word")
    keys(tmux, "n")  # everyone spoke: no question asked
    wait_for(tmux, "phase 3 of 5")
    for phase in ("phase 4 of 5", "phase 5 of 5"):
        keys(tmux, "n")
        wait_for(tmux, "Move on anyway?")  # nobody spoke yet: asks first
        keys(tmux, "y")
        wait_for(tmux, phase)
    keys(tmux, "n")
    wait_for(tmux, "What leaves the room")  # the read-back, before the close
    keys(tmux, "y")
    wait_for(tmux, "The circle is closed")
    keys(tmux, "C-q")
    wait_for(tmux, "EXITED-0")
    history = _tmux(tmux, "capture-pane", "-p", "-S", "-5000", "-t", tmux.split("|")[1])
    assert canary not in history  # the alternate screen leaves no note in the scrollback
    summaries = list(sessions.glob("*/summary.md"))
    assert len(summaries) == 1
    text = summaries[0].read_text()
    assert "# Team Nord: session summary" in text
    assert canary not in text
    # The check-in took about 3.5 s of speaking (1.2 s + 0.55 s per later speaker).
    total = re.search(r"Total speaking time: (\d+):(\d\d)\.", text)
    assert total is not None
    assert 2 <= int(total.group(1)) * 60 + int(total.group(2)) <= 8
    for name in ("Ane", "Bo", "Cai", "Dag", "Eli"):
        assert f"| {name} |" in text


def test_kill_9_then_resume_in_a_real_terminal(tmux: str, tmp_path: Path) -> None:
    """The app is killed mid-turn with a note half typed; resume brings both back."""
    sessions = tmp_path / "sessions"
    canary = f"CANARY{uuid.uuid4().hex[:10]}"
    socket, name = tmux.split("|")

    def start(session: str, command: str) -> str:
        handle = f"{socket}|{session}"
        size = ["-x", "100", "-y", "30"]
        _tmux(handle, "new-session", "-d", "-s", session, *size, "bash", "-c", command)
        return handle

    first = start(
        name,
        f"{SCRIPT} run --format reflection-circle --participants 'Ane,Bo,Cai' "
        f"--sessions-dir {sessions}; sleep 60",
    )
    wait_for(first, "Offer to erase them")
    keys(first, "Enter")
    wait_for(first, "phase 1 of 5")
    keys(first, "n", *"handovers", "C-s")
    wait_for(first, "phase 2 of 5")
    keys(first, "Space")
    wait_for(first, "speaking")
    keys(first, "Tab", *canary)  # typed, never entered
    time.sleep(2.5)  # the draft is saved every 2 s
    subprocess.run(["pkill", "-9", "-f", f"run --format.*{sessions}"], check=False)

    again = start(
        f"{name}-resume",
        f"{SCRIPT} resume latest --sessions-dir {sessions}; echo EXITED-$?; sleep 60",
    )
    shown = wait_for(again, "Your unfinished note is")
    assert canary in shown  # back in the notes field, on the facilitator's screen
    assert "phase 2 of 5" in shown and "press p to go on" in shown  # the turn was paused
    keys(again, "C-q")
    wait_for(again, "EXITED-0")
