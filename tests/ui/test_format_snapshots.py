"""What the methods of the format language look like on the wall and the console.

Same pinned size, fake clock and UTC as test_snapshots. Review new pictures
and accept them with `scripts/test tests/ui/test_format_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

from circle_tui.app.follow import Follower
from circle_tui.app.live import LiveSession, start_session
from circle_tui.core.decide import AgreeContract, DecideNotes, NextPhase
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.display import DisplayApp
from circle_tui.ui.widgets.phasebar import phase_strip
from tests.ui.test_snapshots import Snap, do

EIGHT = "Ane,Bo,Cai,Dag,Eir,Finn,Gro,Hal"


def session_at(
    sessions: Path, format_id: str, names: str, title: str
) -> tuple[LiveSession, FakeClock]:
    """A session of this built-in format, moved on to the first step called `title`."""
    clock = FakeClock(start=1_790_000_000.0)
    fmt = find_format(format_id)
    live = start_session(sessions, fmt, parse_participants(names), clock, group="Nord")
    if fmt.phases[0].kind == "contract":
        do(live, AgreeContract("a case from this week", fmt.ground_rules))
    elif all(phase.kind != "contract" for phase in fmt.phases):
        do(live, DecideNotes(allowed=True))  # asked before the first phase
    while (phase := live.state.current_phase) is None or phase.title != title:
        do(live, NextPhase(confirmed=True))
    return live, clock


def test_troika_consultants_talk_while_the_client_is_turned_away(
    snap_compare: Snap, sessions: Path
) -> None:
    live, clock = session_at(sessions, "troika-consulting", "Ane,Bo,Cai", "Consultants talk (2/3)")
    clock.advance(95)
    assert snap_compare(ConsoleApp(live), terminal_size=(100, 30))


def test_one_two_four_all_pairs_on_the_wall(snap_compare: Snap, sessions: Path) -> None:
    _, clock = session_at(sessions, "one-two-four-all", EIGHT, "2: in pairs")
    clock.advance(70)
    assert snap_compare(DisplayApp(Follower(sessions, clock=clock)), terminal_size=(100, 30))


def test_intervision_everyone_writes_before_reading_out(snap_compare: Snap, sessions: Path) -> None:
    names = "Ane=case-giver,Bo,Cai,Dag,Eir,Finn"
    live, clock = session_at(sessions, "intervision-incident", names, "What would I do?")
    clock.advance(130)
    assert snap_compare(ConsoleApp(live), terminal_size=(100, 30))


def test_a_long_plan_fits_the_phase_strip_as_ranges_around_the_current_step(
    sessions: Path,
) -> None:
    """Troika with four people has 18 steps: numbers alone no longer fit 100 columns."""
    live, _ = session_at(sessions, "troika-consulting", "Ane,Bo,Cai,Dag", "Consultants talk (2/4)")
    strip = phase_strip(live.state, 100).plain
    assert strip == "✓ 1–7  ▶ 8. Consultants talk (2/4)  · 9–18"
    wide = phase_strip(live.state, 200).plain  # wide enough: numbers far off, names near
    assert "✓ Clarifying questions (2/4)  ▶ Consultants talk (2/4)  · Client turns back" in wide
    assert wide.startswith("✓ 1  ✓ 2") and wide.endswith("· 18")
