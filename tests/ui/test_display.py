"""The projector display: follows the console, shows the public side only."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from circle_tui.app.follow import HEARTBEAT_FILE, Follower
from circle_tui.app.live import LiveSession, load_session
from circle_tui.cli.display import is_local
from circle_tui.core.decide import (
    AdjustTime,
    GiveWord,
    NextPhase,
    PassTurn,
    ResumeAfterBreak,
    TogglePause,
)
from circle_tui.core.timing import FakeClock
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.display import PROJECTOR_THEME, DisplayApp
from tests.ui.test_console import screen_text
from tests.ui.test_snapshots import (
    agree,
    do,
    in_phase,
    item,
    live_session,
    mid_round,
    to_phase,
)
from tests.ui.test_wall_messages import until

CANARY = "CANARY-5e0d-display-must-not-show"
Snap = Callable[..., bool]


async def test_waits_for_the_facilitator_then_follows(sessions: Path) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    app = DisplayApp(Follower(sessions, clock=clock))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Waiting for the facilitator" in screen_text(app)
        live = live_session(sessions, clock)  # `latest` is looked up again every second
        await until(pilot, lambda: "What is our focus today" in screen_text(app))
        live.close()


async def test_each_change_shows_and_no_note_ever(sessions: Path) -> None:
    """Drive the console's session; after each commit the display shows it, never a note.

    How soon is the benchmark's to say (`scripts/bench`, display lag), not a test's."""
    clock = FakeClock(start=1_790_000_000.0)
    live = live_session(sessions, clock)
    app = DisplayApp(Follower(sessions, clock=clock))
    steps: list[tuple[Callable[[], object], str]] = [
        (lambda: do(live, NextPhase(confirmed=True)), "How do you arrive today"),
        (lambda: do(live, GiveWord()), "time box 1:00"),
        (lambda: do(live, AdjustTime(30)), "time box 1:30"),
        (lambda: do(live, TogglePause()), "PAUSED"),
        (lambda: do(live, TogglePause(), PassTurn()), "↷"),
        (lambda: item(live, "agree: a shared item @Bo by 2026-12-01"), "a shared item"),
        (lambda: do(live, NextPhase(confirmed=True)), "phase 3 of 5"),
    ]
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.pause()
        for number, (step, expected) in enumerate(steps):
            live.add_note(f"{CANARY}-{number}")
            step()
            await until(pilot, lambda: expected in screen_text(app))  # noqa: B023
            assert CANARY not in screen_text(app), number
    live.close()


@pytest.mark.parametrize("where", ["contract", "mid-turn", "closed"])
async def test_the_display_starts_on_any_state(sessions: Path, where: str) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    live = live_session(sessions, clock)
    if where != "contract":
        to_phase(live, 2)
        do(live, GiveWord())
    if where == "closed":
        to_phase_end(live)
    app = DisplayApp(Follower(sessions, clock=clock))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        expected = {"contract": "Ground rules", "mid-turn": "time box 3:00", "closed": "closed"}
        assert expected[where] in text
    live.close()


def to_phase_end(live: LiveSession) -> None:
    while not live.state.closed:
        do(live, NextPhase(confirmed=True))


async def test_the_console_says_when_a_display_follows(sessions: Path) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    live = live_session(sessions, clock)
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        assert "◉ display" not in screen_text(app)
        (live.folder.path / HEARTBEAT_FILE).touch()
        await pilot.pause(1.2)
        assert "◉ display" in screen_text(app)
        old = time.time() - 10
        os.utime(live.folder.path / HEARTBEAT_FILE, (old, old))
        await pilot.pause(1.2)
        assert "◉ display" not in screen_text(app)


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_text_colour_of_the_projector_theme_is_at_least_7_to_1() -> None:
    theme = PROJECTOR_THEME
    texts = [theme.foreground, theme.primary, theme.secondary, theme.accent]
    texts += [theme.warning, theme.error, theme.success]
    for background in (theme.background, theme.surface, theme.panel):
        for text in texts:
            assert text is not None and background is not None
            assert contrast(text, background) >= 7, (text, background)
    # Reversed (the speaker's seat): background on foreground.
    assert theme.background is not None and theme.foreground is not None
    assert contrast(theme.background, theme.foreground) >= 7


# -- snapshots -------------------------------------------------------------------


def display_of(sessions: Path, clock: FakeClock) -> DisplayApp:
    return DisplayApp(Follower(sessions, clock=clock))


def test_snapshot_waiting(
    snap_compare: Snap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a relative sessions dir: the same words on every run
    assert snap_compare(display_of(Path("sessions"), FakeClock()), terminal_size=(100, 30))


def test_snapshot_contract(snap_compare: Snap, sessions: Path) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    live = live_session(sessions, clock)
    live.add_note(CANARY)
    assert snap_compare(display_of(sessions, clock), terminal_size=(100, 30))


@pytest.mark.parametrize("used", [70, 155, 205], ids=["mid-turn", "warning", "overtime"])
def test_snapshot_turn(snap_compare: Snap, sessions: Path, used: float) -> None:
    _, clock = mid_round(sessions, used)
    assert snap_compare(display_of(sessions, clock), terminal_size=(100, 30))


def test_snapshot_closing(snap_compare: Snap, sessions: Path) -> None:
    lines = [
        "we: a five-minute handover at every shift change",
        "agree: try it for a month @Dag by 2026-12-18",
    ]
    _, clock = in_phase(sessions, 4, lines)
    assert snap_compare(display_of(sessions, clock), terminal_size=(100, 30))


def test_snapshot_finished(snap_compare: Snap, sessions: Path) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    live = live_session(sessions, clock)
    agree(live)
    item(live, "agree: try it for a month @Dag by 2026-12-18")
    to_phase_end(live)
    assert snap_compare(display_of(sessions, clock), terminal_size=(100, 30))


# -- served to a browser ---------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_serve_binds_localhost_and_the_page_has_no_note(sessions: Path) -> None:
    clock = FakeClock(start=time.time())
    live = live_session(sessions, clock)
    live.add_note(CANARY)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "circle_tui", "display", "--serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()  # the one line, with the URL and its token
        url = line.split(" on ", 1)[1].split()[0]
        assert url.startswith(f"http://127.0.0.1:{port}/") and len(url) > 40, line
        page = ""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2) as reply:
                    page = reply.read().decode()
                break
            except OSError:
                time.sleep(0.2)
        assert "circle-tui display" in page
        assert CANARY not in page
    finally:
        server.terminate()
        server.wait(timeout=10)
    live.close()


def test_serving_to_the_network_needs_an_explicit_flag(sessions: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "circle_tui", "display", "--serve", "--host", "0.0.0.0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--allow-network" in done.stderr and "Traceback" not in done.stderr


async def test_keeps_up_when_the_console_restarts(sessions: Path) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    live = live_session(sessions, clock)
    agree(live)
    app = DisplayApp(Follower(sessions, clock=clock))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "phase 2 of 5" in screen_text(app)
        live.close()  # the console quits (or crashes) ...
        clock.advance(120)
        again = load_session(live.folder.path, clock)  # ... and is started again
        do(again, ResumeAfterBreak(), NextPhase(confirmed=True))
        await pilot.pause(0.3)
        assert "phase 3 of 5" in screen_text(app)
        again.close()


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("projector.example", False),
    ],
)
def test_only_loopback_addresses_count_as_local(host: str, local: bool) -> None:
    assert is_local(host) is local
