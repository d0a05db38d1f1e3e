"""What the projected console looks like, fixed as SVG snapshots.

Pinned terminal size, a fake clock and UTC, so every run paints the same
screen. After a deliberate change of the look, review the new pictures and
accept them with `scripts/test tests/ui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from circle_tui.app.live import LiveSession, start_session
from circle_tui.core.decide import AgreeContract, Command, GiveWord, NextPhase, Refusal
from circle_tui.core.items import parse_item
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.start import StartApp

FIVE = "Ane,Bo,Cai,Dag,Eir"
Snap = Callable[..., bool]


def live_session(sessions: Path, clock: FakeClock, names: str = FIVE) -> LiveSession:
    return start_session(
        sessions, find_format("reflection-circle"), parse_participants(names), clock, group="Nord"
    )


def do(live: LiveSession, *commands: Command) -> None:
    for command in commands:
        assert not isinstance(live.execute(command), Refusal), command


def agree(live: LiveSession) -> None:
    rules = live.plan.format.ground_rules
    do(live, AgreeContract("handovers between shifts", rules), NextPhase())


def to_phase(live: LiveSession, index: int) -> None:
    agree(live)
    while live.state.phase != index:
        do(live, NextPhase(confirmed=True))


def item(live: LiveSession, line: str) -> None:
    phase = live.state.current_phase
    assert phase is not None
    do(live, parse_item(line, phase.kind))


def in_phase(
    sessions: Path, phase: int, lines: list[str], seconds: float = 0
) -> tuple[LiveSession, FakeClock]:
    """A session in `phase`, these shared items recorded, the first speaker `seconds` in."""
    clock = FakeClock(start=1_790_000_000.0)
    live = live_session(sessions, clock)
    to_phase(live, phase)
    for line in lines:
        item(live, line)
    do(live, GiveWord())
    clock.advance(seconds)
    return live, clock


def console(live: LiveSession, **options: Any) -> ConsoleApp:
    return ConsoleApp(live, **options)


def test_start_screen(snap_compare: Snap) -> None:
    assert snap_compare(StartApp(), press=[*"Ane, Bo, Cai, Dag, Eir"], terminal_size=(80, 30))


async def open_contract(pilot: Pilot[None]) -> None:
    await pilot.press("n")
    await pilot.pause()
    # The cursor shown for good: a loaded machine took the picture after it blinked off.
    pilot.app.screen.query_one("#contract-focus", Input).cursor_blink = False


def test_contract_being_agreed(snap_compare: Snap, sessions: Path) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    live = live_session(sessions, clock)
    clock.advance(95)
    assert snap_compare(console(live), run_before=open_contract, terminal_size=(100, 30))


def test_contract_phase_at_the_smallest_supported_size(snap_compare: Snap, sessions: Path) -> None:
    live = live_session(sessions, FakeClock(start=1_790_000_000.0))
    assert snap_compare(console(live), terminal_size=(80, 24))


def mid_round(sessions: Path, used: float) -> tuple[LiveSession, FakeClock]:
    """Reflection round (3 min each), third speaker `used` seconds into the turn."""
    clock = FakeClock(start=1_790_000_000.0)
    live = live_session(sessions, clock)
    to_phase(live, 2)
    do(live, GiveWord())
    clock.advance(170)
    do(live, GiveWord())
    clock.advance(200)
    do(live, GiveWord())
    clock.advance(used)
    return live, clock


def test_round_mid_turn_with_a_note(snap_compare: Snap, sessions: Path) -> None:
    live, _ = mid_round(sessions, 70)
    live.add_note("Bo seemed tired; ask after the session")
    assert snap_compare(console(live), terminal_size=(100, 30))


def test_warning_in_the_last_fifth(snap_compare: Snap, sessions: Path) -> None:
    live, _ = mid_round(sessions, 155)
    assert snap_compare(console(live, projector=True), terminal_size=(100, 30))


def test_overtime_counts_up_in_words(snap_compare: Snap, sessions: Path) -> None:
    live, _ = mid_round(sessions, 205)
    assert snap_compare(console(live, projector=True), terminal_size=(100, 30))


def test_disagreement_points_without_names(snap_compare: Snap, sessions: Path) -> None:
    live, _ = in_phase(
        sessions,
        3,
        [
            "whether handovers belong in the shift or after it",
            "how much the night shift should write down",
            "learned: we mean different things by 'done'",
        ],
        seconds=45,
    )
    assert snap_compare(console(live, projector=True), terminal_size=(100, 30))


def test_closing_take_aways_and_agreements(snap_compare: Snap, sessions: Path) -> None:
    lines = [
        "I: ask before I assume",
        "we: a five-minute handover at every shift change",
        "org: raise the staffing of the night shift",
        "agree: try the five-minute handover for a month @Dag by 2026-12-18",
    ]
    live, _ = in_phase(sessions, 4, lines, seconds=30)
    assert snap_compare(console(live, projector=True), terminal_size=(100, 30))


def test_forty_people_around_the_circle(snap_compare: Snap, sessions: Path) -> None:
    names = ",".join(f"P{n:02d}-{name}" for n, name in enumerate(FIVE.split(",") * 8))
    live, _ = (live_session(sessions, FakeClock(start=1_790_000_000.0), names), None)
    agree(live)
    do(live, GiveWord())
    assert snap_compare(console(live, projector=True), terminal_size=(160, 48))


def test_a_tiny_window_asks_for_more_room(snap_compare: Snap, sessions: Path) -> None:
    live = live_session(sessions, FakeClock(start=1_790_000_000.0))
    assert snap_compare(console(live), terminal_size=(50, 15))


@pytest.mark.parametrize("size", [(80, 24), (250, 70)])
def test_the_extremes_of_the_supported_sizes(
    snap_compare: Snap, sessions: Path, size: tuple[int, int]
) -> None:
    live, _ = mid_round(sessions, 100)

    async def resize_back_and_forth(pilot: Pilot[None]) -> None:
        await pilot.resize_terminal(40, 10)  # never crashes on the way through tiny
        await pilot.resize_terminal(*size)

    assert snap_compare(console(live), terminal_size=size, run_before=resize_back_and_forth)
