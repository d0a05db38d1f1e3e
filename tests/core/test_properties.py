"""Properties of the fold, over random facilitator sessions (hypothesis)."""

from __future__ import annotations

from dataclasses import asdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circle_tui.core.decide import (
    AdjustTime,
    Back,
    Command,
    GiveWord,
    NextPhase,
    PassTurn,
    Refusal,
    ReopenPhase,
    ResumeAfterBreak,
    TogglePause,
)
from circle_tui.core.events import (
    Event,
    Paused,
    PhaseEnded,
    Resumed,
    SessionClosed,
    TurnEnded,
    TurnStarted,
)
from circle_tui.core.formats import CircleFormat
from circle_tui.core.state import fold
from circle_tui.core.summary import build_summary
from circle_tui.core.timing import FakeClock, turn_clock
from circle_tui.store.format_files import find_format
from tests.conftest import make_plan
from tests.core.driver import Driver

COMMANDS: list[Command] = [
    GiveWord(),
    GiveWord(),
    GiveWord(),
    PassTurn(),
    Back(),
    TogglePause(),
    AdjustTime(30),
    AdjustTime(-30),
    NextPhase(),
    NextPhase(confirmed=True),
    ReopenPhase(),
    ResumeAfterBreak(),
]

steps = st.lists(
    st.tuples(st.sampled_from(COMMANDS), st.floats(min_value=0, max_value=400)),
    min_size=1,
    max_size=80,
)


@pytest.fixture(scope="module")
def fmt() -> CircleFormat:
    return find_format("reflection-circle")


def run(fmt: CircleFormat, script: list[tuple[Command, float]], names: str) -> Driver:
    driver = Driver(make_plan(fmt, names), FakeClock())
    for command, wait in script:
        driver.wait(wait)
        driver.do(command)
        clock = turn_clock(driver.state, driver.clock.now())
        if clock is not None:
            assert clock.used >= -1e-9
    return driver


def spoken_from_log(log: list[Event], until: float) -> dict[int, float]:
    """Speaking time per person, computed straight from the events (a second model)."""
    spoken: dict[int, float] = {}
    speaker: int | None = None
    since = 0.0
    paused = False
    for event in log:
        if speaker is not None and not paused:
            spoken[speaker] = spoken.get(speaker, 0.0) + event.at - since
        since = event.at
        if isinstance(event, TurnStarted):
            speaker = event.speaker
        elif isinstance(event, TurnEnded | PhaseEnded | SessionClosed):
            speaker = None
        elif isinstance(event, Paused):
            paused = True
        elif isinstance(event, Resumed):
            paused = False
        if isinstance(event, PhaseEnded | SessionClosed):
            paused = False
    if speaker is not None and not paused:
        spoken[speaker] = spoken.get(speaker, 0.0) + until - since
    return spoken


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(script=steps, names=st.sampled_from(["Ane,Bo", "Ane,Bo,Cai", "A,B,C,D,E,F,G"]))
def test_at_most_one_speaker_at_any_moment(
    fmt: CircleFormat, script: list[tuple[Command, float]], names: str
) -> None:
    driver = run(fmt, script, names)
    open_turn: int | None = None
    for event in driver.log:
        if isinstance(event, TurnStarted):
            assert open_turn is None, "a turn started while another was running"
            open_turn = event.speaker
        elif isinstance(event, TurnEnded):
            assert open_turn == event.speaker
            open_turn = None
        elif isinstance(event, PhaseEnded | SessionClosed):
            assert open_turn is None, "a phase ended with a turn still open"
    assert (driver.state.speaker is None) == (open_turn is None)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(script=steps, names=st.sampled_from(["Ane,Bo", "Ane,Bo,Cai", "A,B,C,D,E,F,G"]))
def test_speaking_times_add_up_to_running_turns(
    fmt: CircleFormat, script: list[tuple[Command, float]], names: str
) -> None:
    driver = run(fmt, script, names)
    now = driver.clock.now()
    expected = spoken_from_log(driver.log, now)
    summary = build_summary(driver.state, now)
    for index, person in enumerate(summary.airtime):
        assert person.seconds == pytest.approx(expected.get(index, 0.0), abs=0.01)
    assert summary.speaking_seconds == pytest.approx(sum(expected.values()), abs=0.05)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(script=steps)
def test_replaying_the_events_gives_the_same_state(
    fmt: CircleFormat, script: list[tuple[Command, float]]
) -> None:
    driver = run(fmt, script, "Ane,Bo,Cai,Dag")
    replayed = fold(driver.state.plan, driver.log)
    assert asdict(replayed) == asdict(driver.state)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(script=steps)
def test_everyone_speaks_before_anyone_speaks_twice(
    fmt: CircleFormat, script: list[tuple[Command, float]]
) -> None:
    """Without `back`, nobody gets the word twice in a phase before all have had it once."""
    forward: list[tuple[Command, float]] = [
        (c, w) for c, w in script if not isinstance(c, Back | ReopenPhase)
    ]
    driver = run(fmt, forward, "Ane,Bo,Cai,Dag")
    seen: set[int] = set()
    for event in driver.log:
        if isinstance(event, PhaseEnded):
            seen = set()
        elif isinstance(event, TurnStarted):
            if event.speaker in seen:
                # Only those who passed come back, and only after everyone in order.
                assert len(seen) == len(driver.state.plan.participants)
            seen.add(event.speaker)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(script=steps, names=st.sampled_from(["Ane,Bo", "Ane,Bo,Cai", "A,B,C,D,E,F,G"]))
def test_the_next_speaker_shown_is_who_gets_the_word(
    fmt: CircleFormat, script: list[tuple[Command, float]], names: str
) -> None:
    """The console and the wall name who is next by the rule `decide` gives the word by."""
    driver = Driver(make_plan(fmt, names), FakeClock())
    for command, wait in script:
        driver.wait(wait)
        shown = driver.state.next_speaker()
        decision = driver.do(command)
        if isinstance(command, GiveWord) and shown is not None:
            assert not isinstance(decision, Refusal)
            assert [e.speaker for e in decision if isinstance(e, TurnStarted)] == [shown]
