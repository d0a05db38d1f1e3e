"""Live speaking time on the console (and on the wall when the format says so);
last time's agreements on the wall at the check-in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from circle_tui.app.follow import Follower
from circle_tui.app.live import LiveSession, start_session
from circle_tui.core.decide import GiveWord, MarkFollowUp
from circle_tui.core.events import FollowUpStatus
from circle_tui.core.plan import FollowUp, parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.display import DisplayApp
from circle_tui.ui.widgets.airtime import airtime_text
from tests.ui.test_console import screen_text
from tests.ui.test_snapshots import do, to_phase

Snap = Callable[..., bool]
FOLLOW_UPS = (
    FollowUp(text="draft the checklist", owner="Cai", from_session="before"),
    FollowUp(text="ask the evening team", from_session="before"),
)


def session(
    sessions: Path, clock: FakeClock, *, on_display: bool, names: str = "Ane,Bo,Cai,Dag"
) -> LiveSession:
    fmt = find_format("reflection-circle").model_copy(update={"airtime_on_display": on_display})
    return start_session(
        sessions, fmt, parse_participants(names), clock, group="Nord", follow_ups=FOLLOW_UPS
    )


def speak(live: LiveSession, clock: FakeClock, *seconds: float) -> None:
    do(live, GiveWord())
    for duration in seconds:
        clock.advance(duration)
        do(live, GiveWord())


async def test_the_console_shows_who_spoke_how_long_and_keeps_counting(sessions: Path) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    live = session(sessions, clock, on_display=False)
    to_phase(live, 1)
    speak(live, clock, 60, 20)  # Ane 1:00, Bo 0:20, Cai has the word
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        shown = screen_text(app)
        assert "Speaking time · 2 not heard yet" in shown  # Cai just got the word; Dag waits
        assert "1:00  75%" in shown and "0:20  25%" in shown  # the order starts at random
        clock.advance(45)
        await pilot.pause(1.2)  # refreshed once a second
        assert "0:45  36%" in screen_text(app)  # the third speaker, still speaking
        assert "Speaking time · 1 not heard yet" in screen_text(app)
    live.close()


async def test_forty_people_show_the_longest_and_the_quietest(sessions: Path) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    names = ",".join(f"P{i:02d}" for i in range(40))
    live = session(sessions, clock, on_display=False, names=names)
    to_phase(live, 1)
    speak(live, clock, 50, 40, 30, *[20] * 37)
    app = ConsoleApp(live)
    async with app.run_test(size=(120, 40)):
        shown = screen_text(app)
        assert "… 34 more" in shown
        assert "P00" in shown and "P01" in shown and "P39" in shown
    live.close()


async def test_projector_shows_speaking_time_only_when_the_format_says_so(
    sessions: Path,
) -> None:
    for on_display in (False, True):
        clock = FakeClock(start=1_790_000_000.0)
        live = session(sessions / str(on_display), clock, on_display=on_display)
        to_phase(live, 1)
        speak(live, clock, 30)
        for app in (
            ConsoleApp(live, projector=True),
            DisplayApp(Follower(sessions / str(on_display), clock=clock)),
        ):
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                assert ("Speaking time" in screen_text(app)) is on_display, (app, on_display)
        live.close()


async def test_the_wall_shows_last_times_agreements_at_the_check_in(sessions: Path) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    live = session(sessions, clock, on_display=False)
    to_phase(live, 1)
    do(live, MarkFollowUp(0, FollowUpStatus.DONE))
    app = DisplayApp(Follower(sessions, clock=clock))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "Agreed last time" in shown
        assert "✓ done: draft the checklist" in shown
        assert "· not reviewed: ask the evening team" in shown
        assert "f: mark" not in shown  # no keys on the wall
    live.close()


def test_snapshot_check_in_with_follow_ups_and_speaking_time(
    snap_compare: Snap, sessions: Path
) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    live = session(sessions, clock, on_display=True)
    to_phase(live, 1)
    do(live, MarkFollowUp(0, FollowUpStatus.DONE), MarkFollowUp(1, FollowUpStatus.ONGOING))
    speak(live, clock, 40, 75)
    clock.advance(20)
    assert snap_compare(DisplayApp(Follower(sessions, clock=clock)), terminal_size=(100, 30))


@pytest.mark.parametrize("rows", [1, 2, 3, 5, 6, 7, 9])
def test_speaking_time_never_takes_more_lines_than_it_has(sessions: Path, rows: int) -> None:
    """On a small console the quietest voice stays in view, the rest is counted."""
    clock = FakeClock(start=1_790_000_000.0)
    names = ",".join(f"P{i}" for i in range(12))
    people = parse_participants(names)
    live = start_session(sessions, find_format("reflection-circle"), people, clock)
    lines = airtime_text(live.state, clock.now(), rows=rows).plain.splitlines()[1:]
    assert len(lines) == min(rows, 7)
    assert any("more" in line for line in lines)
    if rows >= 2:
        assert lines[-1].split()[0] == "P11"  # the least heard (stable order: the last seat)
