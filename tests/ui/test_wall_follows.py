"""The wall follows the circle being run now, and says so when its console is not running."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from circle_tui.app.follow import (
    CONSOLE_FRESH_SECONDS,
    HEARTBEAT_FILE,
    RESOLVE_SECONDS,
    Console,
    Follower,
)
from circle_tui.app.live import LiveSession, start_session
from circle_tui.core.decide import GiveWord
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format
from circle_tui.ui.display import WAIT_AFTER_SECONDS, DisplayApp
from tests.ui.test_console import screen_text
from tests.ui.test_snapshots import do, live_session, to_phase

OTHER_GROUP = "Yara,Zeb,Quin,Wim"


class Monotonic:
    """Real elapsed time, plus what a test adds (a console silent for minutes, at once)."""

    def __init__(self) -> None:
        self.extra = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.extra


async def wait_until(
    pilot: Pilot[None], ready: Callable[[], bool], what: str, within: float = 5.0
) -> float:
    """Wait for a state (never a fixed time); return how long it took."""
    began = time.monotonic()
    while not ready():
        assert time.monotonic() - began < within, f"{what} did not happen within {within} s"
        await pilot.pause(0.02)
    return time.monotonic() - began


def mid_turn(sessions: Path, clock: FakeClock, names: str | None = None) -> LiveSession:
    live = live_session(sessions, clock) if names is None else live_session(sessions, clock, names)
    to_phase(live, 2)
    do(live, GiveWord())
    clock.advance(20)
    return live


def digits_of(app: DisplayApp) -> str:
    from textual.widgets import Digits

    return str(app.query_one("#digits", Digits).value)


class Stopped:
    """A monotonic clock that moves only when the test moves it."""

    def __init__(self) -> None:
        self.at = 1000.0

    def __call__(self) -> float:
        return self.at


async def test_a_newer_session_takes_the_wall_within_a_second(sessions: Path) -> None:
    """The follower looks for a newer session once a second of its own clock: the wall
    keeps the old circle until that second has gone by, and shows the new one then
    (the state waited for, never the machine's speed)."""
    assert RESOLVE_SECONDS <= 1.0
    clock = FakeClock(start=1_790_000_000.0)
    first = mid_turn(sessions, clock)
    monotonic = Stopped()
    follower = Follower(sessions, clock=clock, monotonic=monotonic)
    polls = [0]
    poll = follower.poll

    def counted() -> bool:
        polls[0] += 1
        return poll()

    follower.poll = counted  # type: ignore[method-assign]
    app = DisplayApp(follower)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: "Ane" in screen_text(app), "the first circle")
        first.stop()
        clock.advance(3600)  # another group, an hour later
        second = mid_turn(sessions, clock, OTHER_GROUP)
        monotonic.at += RESOLVE_SECONDS * 0.9
        seen = polls[0]
        await wait_until(pilot, lambda: polls[0] >= seen + 3, "three more polls")
        assert "Ane" in screen_text(app)  # not a second yet: the follower has not looked
        monotonic.at += RESOLVE_SECONDS * 0.1
        await wait_until(pilot, lambda: "Yara" in screen_text(app), "the newer circle")
        text = screen_text(app)
        assert not any(name in text for name in ("Ane", "Cai", "Dag", "Eir"))
        assert "console is not running" not in text
        # `◉ display` is true exactly for the session the wall follows.
        assert not (first.folder.path / HEARTBEAT_FILE).exists()
        await wait_until(pilot, (second.folder.path / HEARTBEAT_FILE).exists, "a heartbeat")
    assert not (second.folder.path / HEARTBEAT_FILE).exists()  # the display closed
    first.close()
    second.close()


async def test_a_quit_console_stops_the_clock_and_says_so(sessions: Path) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    live = mid_turn(sessions, clock)
    live.beat()
    monotonic = Monotonic()
    app = DisplayApp(Follower(sessions, clock=clock, monotonic=monotonic))
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: digits_of(app) == "2:40", "the running turn")
        clock.advance(5)
        live.stop()  # ctrl+q on the console
        await wait_until(pilot, lambda: "console is not running" in screen_text(app), "the line")
        assert "clock stands still" in screen_text(app)
        stood = digits_of(app)
        assert stood == "2:35"  # where the console stopped
        clock.advance(200)  # the turn would be in overtime by now
        await pilot.pause(0.3)
        assert digits_of(app) == stood
        assert "OVERTIME" not in screen_text(app)
        # A resumed console beats, and the wall follows it again.
        live.beat()
        await wait_until(pilot, lambda: "console is not running" not in screen_text(app), "back")
        await wait_until(pilot, lambda: "OVERTIME" in screen_text(app), "the clock runs again")
        # Stopped for long: the wall says it waits, and no longer shows the names.
        live.stop()
        await wait_until(pilot, lambda: "console is not running" in screen_text(app), "stopped")
        monotonic.extra += WAIT_AFTER_SECONDS + 1
        await wait_until(
            pilot, lambda: "Waiting for the facilitator" in screen_text(app), "waiting"
        )
        assert "Ane" not in screen_text(app)
    live.close()


async def test_a_console_that_died_freezes_the_wall_at_its_last_heartbeat(sessions: Path) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    live = mid_turn(sessions, clock)
    monotonic = Monotonic()
    follower = Follower(sessions, clock=clock, monotonic=monotonic)
    app = DisplayApp(follower)
    async with app.run_test(size=(120, 35)) as pilot:
        clock.advance(10)
        live.beat()  # its last sign of life: 30 s into the turn
        await wait_until(pilot, lambda: digits_of(app) == "2:30", "the running turn")
        clock.advance(50)
        monotonic.extra += CONSOLE_FRESH_SECONDS + 0.5  # kill -9: no heartbeat since
        await wait_until(pilot, lambda: follower.console is Console.GONE, "a dead console")
        await wait_until(pilot, lambda: "console is not running" in screen_text(app), "the line")
        assert digits_of(app) == "2:30"
        assert "OVERTIME" not in screen_text(app)
    live.close()


async def test_a_console_that_dies_before_its_first_frame_is_noticed(sessions: Path) -> None:
    """`run` starts the session before the console has drawn anything: a kill then (the
    CI machine was busy for seconds) left a journal without heartbeats, judged alive forever."""
    clock = FakeClock(start=1_790_000_000.0)
    live = start_session(
        sessions,
        find_format("reflection-circle"),
        parse_participants("Ane,Bo,Cai"),
        clock,
        group="Nord",
        beating=True,  # as `run` and the start screen do
    )
    monotonic = Monotonic()
    follower = Follower(sessions, clock=clock, monotonic=monotonic)
    app = DisplayApp(follower)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: "Cai" in screen_text(app), "the circle")
        assert follower.console is Console.RUNNING
        clock.advance(20)
        monotonic.extra += CONSOLE_FRESH_SECONDS + 0.5  # killed while Textual was starting
        await wait_until(pilot, lambda: "console is not running" in screen_text(app), "the line")
        assert follower.frozen_at == live.plan.created_at  # where resume goes on
    live.close()


async def test_a_session_whose_console_is_long_gone_opens_stopped(sessions: Path) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    live = mid_turn(sessions, clock)
    live.beat()
    clock.advance(600)  # the display is started ten minutes after a crash
    follower = Follower(sessions, clock=clock)
    app = DisplayApp(follower)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: "console is not running" in screen_text(app), "the line")
        assert digits_of(app) == "2:40"
    live.close()


async def test_a_pinned_session_keeps_the_wall(sessions: Path) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    first = mid_turn(sessions, clock)
    app = DisplayApp(Follower(sessions, first.folder.path.name, clock=clock))
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: "Ane" in screen_text(app), "the pinned circle")
        clock.advance(60)
        second = mid_turn(sessions, clock, OTHER_GROUP)
        await pilot.pause(1.5)  # a newer session would have taken the wall by now
        assert "Ane" in screen_text(app) and "Yara" not in screen_text(app)
    first.close()
    second.close()


async def test_a_stopped_session_gives_way_to_one_whose_console_writes(sessions: Path) -> None:
    """Resuming an older session while the newest one's console is gone: the wall follows it."""
    clock = FakeClock(start=1_790_000_000.0)
    older = mid_turn(sessions, clock)
    clock.advance(60)
    newer = mid_turn(sessions, clock, OTHER_GROUP)
    newer.stop()
    app = DisplayApp(Follower(sessions, clock=clock))
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: "console is not running" in screen_text(app), "stopped")
        assert "Yara" in screen_text(app)
        older.beat()  # `resume` of the older session
        await wait_until(pilot, lambda: "Ane" in screen_text(app), "the resumed circle")
        assert "console is not running" not in screen_text(app)
    older.close()
    newer.close()


# -- a damaged journal: the same calm line on the wall as in resume and summary ----------


def damage(live: LiveSession, how: str) -> None:
    """Break one event of the journal the way a damaged disk or a bad edit would."""
    sql = {
        "speaker": "UPDATE events SET payload = json_set(payload, '$.speaker', 9)"
        " WHERE seq = (SELECT MIN(seq) FROM events WHERE type = 'turn_started')",
        "phase": "UPDATE events SET payload = json_set(payload, '$.phase', 42)"
        " WHERE seq = (SELECT MAX(seq) FROM events WHERE type = 'phase_started')",
        "json": "UPDATE events SET payload = '{not json' WHERE seq = 3",
        "type": 'UPDATE events SET payload = \'{"type": "nonsense"}\' WHERE seq = 2',
    }[how]
    live.close()
    db = sqlite3.connect(live.folder.journal_path)
    db.execute(sql)
    db.commit()
    db.close()


def cli_line(sessions: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "circle_tui", *args, "--sessions-dir", str(sessions)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1, done
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0].removeprefix("circle-tui: ")


@pytest.mark.parametrize("how", ["speaker", "phase", "json", "type"])
async def test_a_damaged_journal_reads_the_same_on_the_wall_and_in_resume_and_summary(
    sessions: Path, how: str
) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    live = mid_turn(sessions, clock)
    damage(live, how)
    session = live.folder.path.name
    summary = cli_line(sessions, "summary", session)
    resume = cli_line(sessions, "resume", session)
    assert summary == resume
    assert "event" in summary and ("damaged" in summary or "does not fit" in summary)
    follower = Follower(sessions, clock=clock)
    app = DisplayApp(follower)
    async with app.run_test(size=(200, 40)) as pilot:
        await wait_until(pilot, lambda: follower.problem != "", "the problem")
        assert follower.problem == summary
        shown = " ".join(screen_text(app).split())
        assert summary in shown
        assert "Waiting for the facilitator" in shown
        await pilot.pause(1.2)  # it looks again every second, calmly
        assert app.is_running and follower.problem == summary


def test_display_of_an_unknown_session_is_one_line_and_exit_1(sessions: Path) -> None:
    line = cli_line(sessions, "display", "nonexistent")
    assert "nonexistent" in line
    assert cli_line(sessions, "display", "nonexistent", "--serve").startswith("nonexistent")
