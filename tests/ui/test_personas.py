"""A persona rehearsal on the console: each moment shows as it happens, with the keys that
answer it, and the facilitator's key is journalled as the answer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from circle_tui.app.live import LiveSession, start_session
from circle_tui.core.casting import cast, cast_personas
from circle_tui.core.commands import Command, GiveWord, JoinCircle, SayOnWall
from circle_tui.core.formats import MomentKind
from circle_tui.core.personas import open_moments, reminder_text
from circle_tui.core.settings import Settings
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.screens.summary import SummaryScreen
from circle_tui.ui.widgets.speaker_field import SpeakerField
from tests.ui.test_console import screen_text
from tests.ui.test_wall_messages import until

START = 1_790_000_000.0
Snap = Callable[..., Any]


def rehearsal(sessions: Path, format_id: str, spec: str, clock: FakeClock) -> LiveSession:
    fmt = find_format(format_id)
    people, personas = cast_personas(fmt, cast(fmt, 7), spec)
    return start_session(
        sessions,
        fmt,
        people,
        clock,
        rehearsal=True,
        speed=10.0,
        simulated=True,
        personas=personas,
    )


def run_until(live: LiveSession, clock: FakeClock, kind: MomentKind) -> None:
    """The simulated room acts, a second at a time, until a moment of `kind` waits."""
    for _second in range(6 * 3600):
        if any(m.kind is kind for m in open_moments(live.state, clock.now())):
            return
        clock.advance(1.0)
        live.tick()
    raise AssertionError(f"no {kind} moment")


def answered(live: LiveSession) -> list[tuple[str, str, str]]:
    return [(a.moment, a.person, a.answer) for a in live.state.answered]


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def test_a_dominant_speaker_in_overtime_shows_and_space_answers_it(sessions: Path) -> None:
    clock = FakeClock(start=START)
    live = rehearsal(sessions, "reflection-circle", "Ane=dominant", clock)
    run_until(live, clock, MomentKind.OVERTIME)
    app = ConsoleApp(live, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: "Ane runs over their time" in screen_text(app))
        assert "space: next speaker · r: remind of the rule" in screen_text(app)
        await press(pilot, "space")
        assert answered(live) == [("overtime", "Ane", "give-word")]
        assert live.state.speaker != live.plan.index_of("Ane")
        await until(pilot, lambda: "Ane runs over" not in screen_text(app))


async def test_r_puts_the_formats_rule_on_the_wall_and_r_again_takes_it_down(
    sessions: Path,
) -> None:
    clock = FakeClock(start=START)
    live = rehearsal(sessions, "intervision-incident", "Bo=adviser", clock)
    run_until(live, clock, MomentKind.ADVICE)
    rule = live.state.ground_rules()[1]  # the format's reminder for advice: rule 2
    app = ConsoleApp(live, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: "Bo gives advice instead of asking" in screen_text(app))
        await press(pilot, "r")
        assert live.state.wall.message == rule
        assert answered(live) == [("advice", "Bo", "wall")]
        assert f"On the wall: {rule}" in screen_text(app)
        await press(pilot, "r")
        assert live.state.wall.message == ""


async def test_the_latecomer_at_the_door_is_let_in_with_j(sessions: Path) -> None:
    clock = FakeClock(start=START)
    live = rehearsal(sessions, "reflection-circle", "Eik=latecomer", clock)
    assert live.plan.index_of("Eik") is None
    run_until(live, clock, MomentKind.AT_THE_DOOR)
    app = ConsoleApp(live, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: "Eik is at the door.  j: let them in" in screen_text(app))
        await press(pilot, "j")
        assert app.screen.query_one(SpeakerField).value == "Eik"  # named already
        await press(pilot, "ctrl+u", *"eik ", "enter")  # typed, it is the cast's Eik
        assert live.plan.index_of("Eik") is not None
        assert answered(live) == [("at-the-door", "Eik", "join")]


async def test_r_without_a_moment_or_a_reminder_says_what_m_does(sessions: Path) -> None:
    clock = FakeClock(start=START)
    fmt = find_format("troika-consulting")
    live = start_session(sessions, fmt, cast(fmt, 4), clock, rehearsal=True, simulated=True)
    app = ConsoleApp(live, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.screen.query("#moment")  # no personas: no moment line
        await press(pilot, "r")
        assert "No rule to remind of just now; m puts your own words" in screen_text(app)
        assert live.state.wall.message == ""


def test_snapshot_a_moment_on_the_console(snap_compare: Snap, sessions: Path) -> None:
    """The README's picture of a moment: what the trainee sees, and the keys that answer it."""
    clock = FakeClock(start=START)
    live = rehearsal(sessions, "reflection-circle", "Ane=dominant,Bo=silent", clock)
    run_until(live, clock, MomentKind.OVERTIME)
    clock.advance(12)
    live.tick()
    assert snap_compare(ConsoleApp(live, settings=Settings()), terminal_size=(110, 32))


class SummaryApp(App[None]):
    """The closing summary as the console shows it, on its own."""

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def on_mount(self) -> None:
        self.push_screen(SummaryScreen(self.markdown, Path("summary.md")))


def test_snapshot_the_debrief_at_the_close(snap_compare: Snap, sessions: Path) -> None:
    """The README's picture of a debrief: a trainee answered each moment eight seconds in."""
    clock = FakeClock(start=START)
    spec = "Ane=defender,Bo=adviser,Cai=dominant,Eik=latecomer"
    live = rehearsal(sessions, "group-guidance", spec, clock)
    waited: dict[tuple[str, str, float], float] = {}
    while not live.state.closed:
        for moment in open_moments(live.state, clock.now()):
            key = (moment.kind.value, moment.person, moment.since)
            if clock.now() - waited.setdefault(key, clock.now()) < 8:
                continue
            command: Command
            if moment.kind is MomentKind.AT_THE_DOOR:
                command = JoinCircle(moment.person, "participant")
            elif moment.kind is MomentKind.OVERTIME:
                command = GiveWord()
            else:
                command = SayOnWall(reminder_text(live.state, moment.kind))
            live.execute(command, by_facilitator=True)
            break
        clock.advance(1.0)
        live.tick()
    markdown = live.summary_markdown()
    assert "## Debrief" in markdown

    async def to_the_debrief(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()

    assert snap_compare(SummaryApp(markdown), run_before=to_the_debrief, terminal_size=(110, 40))


async def test_the_wall_never_shows_a_moment(sessions: Path) -> None:
    from circle_tui.app.follow import Follower
    from circle_tui.ui.display import DisplayApp

    clock = FakeClock(start=START)
    live = rehearsal(sessions, "reflection-circle", "Ane=dominant", clock)
    run_until(live, clock, MomentKind.OVERTIME)
    live.beat()
    wall = DisplayApp(Follower(sessions, clock=clock))
    async with wall.run_test(size=(120, 35)) as pilot:
        await until(pilot, lambda: "Ane" in screen_text(wall))
        shown = screen_text(wall)
    assert "OVERTIME" in shown or "overtime" in shown.lower()
    assert "runs over" not in shown and "remind" not in shown


async def test_r_in_a_real_circle_reminds_of_the_rule_the_phase_calls_for(sessions: Path) -> None:
    """No personas: in a round of questions r puts the format's rule about advice up; r again
    takes it down, and the facilitator's own message is replaced, not kept."""
    from circle_tui.core.commands import AgreeContract, NextPhase
    from circle_tui.core.plan import parse_participants

    clock = FakeClock(start=START)
    fmt = find_format("group-guidance")
    live = start_session(sessions, fmt, parse_participants("Ane=case-giver,Bo,Cai,Dina"), clock)
    live.execute(AgreeContract("f", fmt.ground_rules))
    while live.state.current_phase is not None and live.state.current_phase.title != (
        "Open questions"
    ):
        live.execute(NextPhase(confirmed=True))
    app = ConsoleApp(live, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "r")
        assert live.state.wall.message == fmt.ground_rules[1]  # questions, not hidden advice
        await press(pilot, "r")
        assert live.state.wall.message == ""
        live.execute(NextPhase(confirmed=True))  # Reflection: the case giver only listens
        await press(pilot, "m", *"Coffee at 11", "enter", "r")
        assert (
            live.state.wall.message == "The case giver listens now: no need to explain or defend."
        )
