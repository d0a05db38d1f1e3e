"""From the console to the wall: a message, the blank, the chime and the flash, as typed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from circle_tui.app.follow import Follower
from circle_tui.app.live import LiveSession
from circle_tui.core.commands import BlankWall, SayOnWall
from circle_tui.core.decide import GiveWord, NextPhase
from circle_tui.core.settings import Settings
from circle_tui.core.timing import FakeClock
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.display import BLANK_MARK, DisplayApp
from tests.ui.test_console import new_live, screen_text
from tests.ui.test_snapshots import mid_round

Snap = Callable[..., bool]
SIZES = [(80, 24), (120, 35), (200, 60)]
START = 1_790_000_000.0
"""2026-09-21 14:13:20 UTC (the tests run in UTC)."""


async def until(pilot: Pilot[Any], condition: Callable[[], bool]) -> None:
    """Wait for a state (ticks are what bring it), never a fixed time."""
    for _ in range(1000):
        if condition():
            return
        await pilot.pause(0.01)
    assert condition()


def in_check_in(sessions: Path, clock: FakeClock) -> LiveSession:
    live = new_live(sessions, clock)
    live.execute(NextPhase(confirmed=True))
    live.execute(GiveWord())  # a 60 s check-in turn
    return live


async def test_m_sends_a_message_the_wall_shows_with_its_countdown(sessions: Path) -> None:
    clock = FakeClock(start=START)
    live = in_check_in(sessions, clock)
    app = ConsoleApp(live, settings=Settings())
    speaker, turns = live.state.speaker, len(live.state.turns)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m", *"Break until 15:00", "enter")
        assert live.state.wall.message == "Break until 15:00"
        assert live.state.wall.until == START + 46 * 60 + 40
        assert "On the wall: Break until 15:00" in screen_text(app)
        assert (live.state.speaker, len(live.state.turns)) == (speaker, turns)  # all typed
        wall = DisplayApp(Follower(sessions, clock=clock))
        async with wall.run_test(size=(120, 35)) as wall_pilot:
            await until(wall_pilot, lambda: wall.query_one("#notice").has_class("-shown"))
            assert str(wall.query_one("#notice-countdown").value) == "46:40"  # type: ignore[attr-defined]
            clock.advance(100)
            await until(
                wall_pilot,
                lambda: wall.query_one("#notice-countdown").value == "45:00",  # type: ignore[attr-defined]
            )
        await pilot.press("m", "ctrl+u", "enter")  # the field opens with it; emptied, it goes
        assert live.state.wall.message == "" and live.state.wall.until is None
        assert "On the wall" not in screen_text(app)


async def test_escape_leaves_the_field_and_minutes_count_from_now(sessions: Path) -> None:
    clock = FakeClock(start=START)
    live = in_check_in(sessions, clock)
    app = ConsoleApp(live, settings=Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        turns = len(live.state.turns)
        await pilot.press("m", *"Back in 5 min", "escape", "x")  # x: the speaker passes
        assert live.state.wall.message == ""
        assert len(live.state.turns) == turns + 1
        await pilot.press("m", *"Back in 5 min", "enter")
        assert live.state.wall.until == START + 300


async def test_ctrl_b_blanks_the_wall_and_shows_it_again(sessions: Path) -> None:
    clock = FakeClock(start=START)
    live = in_check_in(sessions, clock)
    app = ConsoleApp(live, settings=Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+b")
        assert live.state.wall.blank
        assert "The wall is blanked" in screen_text(app)
        wall = DisplayApp(Follower(sessions, clock=clock))
        async with wall.run_test(size=(120, 35)) as wall_pilot:
            await until(wall_pilot, lambda: wall.has_class("-blank"))
            assert screen_text(wall).strip() == BLANK_MARK
            assert live.state.speaker is not None  # the circle goes on
            await pilot.press("ctrl+b")
            await until(wall_pilot, lambda: not wall.has_class("-blank"))
            # the class goes first, the frame after it: wait for the screen, not a time
            await until(wall_pilot, lambda: screen_text(wall).strip() != BLANK_MARK)
        assert not live.state.wall.blank and "blanked" not in screen_text(app)


async def test_resume_keeps_the_message_and_the_blank(sessions: Path) -> None:
    from circle_tui.app.live import load_session

    clock = FakeClock(start=START)
    live = in_check_in(sessions, clock)
    live.execute(SayOnWall("Break until 15:00", START + 1600))
    live.execute(BlankWall())
    folder = live.folder.path
    live.close()
    resumed = load_session(folder, clock)
    assert resumed.state.wall.message == "Break until 15:00" and resumed.state.wall.blank
    resumed.close()


@pytest.mark.parametrize(("chime", "rings"), [(True, [1, 2]), (False, [0, 0])])
async def test_the_chime_rings_once_at_the_last_seconds_and_once_at_zero(
    sessions: Path, monkeypatch: pytest.MonkeyPatch, chime: bool, rings: list[int]
) -> None:
    clock = FakeClock(start=START)
    live = in_check_in(sessions, clock)
    app = ConsoleApp(live, settings=Settings(chime=chime))
    rung: list[int] = []
    monkeypatch.setattr(app, "bell", lambda: rung.append(1))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        seen = screen.repaint.ticks  # type: ignore[attr-defined]
        await until(pilot, lambda: screen.repaint.ticks > seen + 1)  # type: ignore[attr-defined]
        clock.advance(50)  # 10 s left of 60: the last fifth
        await until(pilot, lambda: "OVERTIME" not in screen_text(app) and len(rung) >= rings[0])
        seen = screen.repaint.ticks  # type: ignore[attr-defined]
        await until(pilot, lambda: screen.repaint.ticks > seen + 3)  # type: ignore[attr-defined]
        assert len(rung) == rings[0]  # once, not on every tick
        clock.advance(11)
        await until(pilot, lambda: "OVERTIME" in screen_text(app))
        seen = screen.repaint.ticks  # type: ignore[attr-defined]
        await until(pilot, lambda: screen.repaint.ticks > seen + 3)  # type: ignore[attr-defined]
        assert len(rung) == rings[1]


async def test_the_chime_never_rings_for_a_crossing_before_the_wall_looked(
    sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, clock = mid_round(sessions, 205)  # already in overtime when the wall opens
    app = DisplayApp(Follower(sessions, clock=clock), chime=True, flash=True)
    rung: list[int] = []
    monkeypatch.setattr(app, "bell", lambda: rung.append(1))
    async with app.run_test(size=(120, 35)) as pilot:
        seen = app.repaint.ticks
        await until(pilot, lambda: app.repaint.ticks > seen + 3)
        assert rung == [] and not app.query_one("#timer").has_class("-flash")


async def test_the_wall_flashes_once_when_a_turn_goes_into_overtime(
    sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, clock = mid_round(sessions, 170)  # 10 s left of 3 min
    app = DisplayApp(Follower(sessions, clock=clock), chime=True, flash=True)
    rung: list[int] = []
    monkeypatch.setattr(app, "bell", lambda: rung.append(1))
    async with app.run_test(size=(120, 35)) as pilot:
        timer = app.query_one("#timer")
        await until(pilot, lambda: timer.has_class("-warning"))
        seen = app.repaint.ticks
        await until(pilot, lambda: app.repaint.ticks > seen + 1)
        clock.advance(11)
        await until(pilot, lambda: timer.has_class("-flash"))
        assert timer.has_class("-overtime") and rung == [1]
        await until(pilot, lambda: not timer.has_class("-flash"))  # briefly
        assert timer.has_class("-overtime") and rung == [1]


async def test_without_the_setting_the_wall_does_not_flash(sessions: Path) -> None:
    _, clock = mid_round(sessions, 170)
    app = DisplayApp(Follower(sessions, clock=clock))
    async with app.run_test(size=(120, 35)) as pilot:
        seen = app.repaint.ticks
        await until(pilot, lambda: app.repaint.ticks > seen + 1)
        clock.advance(11)
        timer = app.query_one("#timer")
        await until(pilot, lambda: timer.has_class("-overtime"))
        seen = app.repaint.ticks
        await until(pilot, lambda: app.repaint.ticks > seen + 2)
        assert not timer.has_class("-flash")


def wall_with(sessions: Path, *commands: object) -> DisplayApp:
    live, clock = mid_round(sessions, 70)
    for command in commands:
        live.execute(command)  # type: ignore[arg-type]
    return DisplayApp(Follower(sessions, clock=clock))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_wall_message(snap_compare: Snap, sessions: Path, size: tuple[int, int]) -> None:
    app = wall_with(sessions, SayOnWall("Break until 15:00", START + 3600))
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_wall_blank(snap_compare: Snap, sessions: Path, size: tuple[int, int]) -> None:
    app = wall_with(sessions, SayOnWall("Break"), BlankWall())
    assert snap_compare(app, terminal_size=size)
