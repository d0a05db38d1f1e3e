"""The room, played in real terminals: two consoles one after the other, one wall that follows."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from circle_tui.store.settings_file import record_retention
from tests.e2e.test_tmux import SCRIPT, _tmux, screen

pytestmark = pytest.mark.e2e

NOT_RUNNING = "console is not running"
GROUP_A = ("Ane", "Bo", "Cai", "Dag")
GROUP_B = ("Yara", "Zeb", "Quin", "Wim")


def window(handle: str, name: str) -> str:
    """Another tmux session on the same server (its own terminal)."""
    return f"{handle.split('|')[0]}|{name}"


def open_terminal(handle: str, command: str, size: tuple[int, int] = (120, 35)) -> None:
    name = handle.split("|")[1]
    columns, rows = (str(n) for n in size)
    _tmux(handle, "new-session", "-d", "-s", name, "-x", columns, "-y", rows, "bash", "-c", command)


def within(handle: str, seconds: float, ready: object, what: str) -> float:
    """Wait for the wall to show a state; return how long it took."""
    assert callable(ready)
    began = time.monotonic()
    shown = ""
    while time.monotonic() - began < seconds:
        shown = screen(handle)
        if ready(shown):
            return time.monotonic() - began
        time.sleep(0.05)
    raise AssertionError(f"{what} not within {seconds} s; the wall shows:\n{shown}")


def console_pid(handle: str) -> int:
    return int(_tmux(handle, "display-message", "-p", "-t", handle.split("|")[1], "#{pane_pid}"))


def run_console(handle: str, sessions: Path, names: tuple[str, ...], group: str) -> None:
    command = (
        f"exec {SCRIPT} run --format reflection-circle --participants '{','.join(names)}' "
        f"--group '{group}' --sessions-dir {sessions}"
    )
    open_terminal(handle, command, (100, 30))


def circle_of(wall: str) -> list[str]:
    """The wall without the line with the time of day, which moves on, as it should."""
    return [line for line in screen(wall).splitlines() if " · ends " not in line]


def assert_still(before: list[str], after: list[str], problem: str) -> None:
    moved = [(b, a) for b, a in zip(before, after, strict=False) if b != a]
    assert not moved and len(before) == len(after), f"{problem}: {moved[:3]}"


def test_the_wall_follows_the_room(tmux: str, tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    record_retention(90)  # asked once on a first run; not what this test is about
    wall = window(tmux, "wall")
    open_terminal(wall, f"{SCRIPT} display --sessions-dir {sessions}; sleep 60")
    within(wall, 20, lambda s: "Waiting for the facilitator" in s, "the waiting wall")

    # Console A runs, and the wall follows.
    console_a = window(tmux, "a")
    run_console(console_a, sessions, GROUP_A, "Team A")
    within(wall, 20, lambda s: "Cai" in s and "Ground rules" in s, "group A on the wall")

    # ctrl+q on A: within 2 s the wall has stopped counting and says so.
    # The wall shows the group as soon as the session exists; keys reach the console once
    # it has drawn its first frame (before that the terminal drops them).
    within(console_a, 20, lambda s: "Next speaker" in s, "console A's first frame")
    _tmux(console_a, "send-keys", "-t", "a", "C-q")
    took = within(wall, 2.0, lambda s: NOT_RUNNING in s, "the stopped console")
    frozen = circle_of(wall)
    time.sleep(1.5)  # a clock that still ran would have moved by now
    assert_still(frozen, circle_of(wall), "the wall went on counting")
    print(f"quit seen on the wall after {took * 1000:.0f} ms")

    # Session B for another group: within 2 s its names, none of A's.
    console_b = window(tmux, "b")
    run_console(console_b, sessions, GROUP_B, "Team B")
    within(
        wall,
        20,  # the console process itself takes a few seconds to start on a busy machine
        lambda s: "Yara" in s and NOT_RUNNING not in s,
        "group B on the wall",
    )
    shown = screen(wall)
    assert not any(name in shown for name in GROUP_A), shown

    # kill -9 of B's console: the wall freezes with its message.
    os.kill(console_pid(console_b), signal.SIGKILL)
    took = within(
        wall,
        20.0,  # heartbeats stop: noticed after 5 s without one, longer under load
        lambda s: NOT_RUNNING in s,
        "the dead console",
    )
    print(f"kill -9 seen on the wall after {took * 1000:.0f} ms")
    frozen = circle_of(wall)
    time.sleep(1.5)
    assert_still(frozen, circle_of(wall), "the wall counted a dead turn")

    # resume: followed again.
    resumed = window(tmux, "resumed")
    open_terminal(resumed, f"exec {SCRIPT} resume latest --sessions-dir {sessions}", (100, 30))
    within(wall, 20, lambda s: NOT_RUNNING not in s and "Yara" in s, "the resumed console")
