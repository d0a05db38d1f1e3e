"""The word goes around: give, pass, back, pause, extra time, phases."""

from __future__ import annotations

import pytest

from circle_tui.core.decide import (
    AdjustTime,
    Back,
    GiveWord,
    NextPhase,
    PassTurn,
    Refusal,
    ReopenPhase,
    ResumeAfterBreak,
    Timeout,
    TogglePause,
    due_command,
    speaking_order,
)
from circle_tui.core.events import ContractAgreed, SessionClosed, TurnEnded, TurnOutcome
from circle_tui.core.formats import CircleFormat, Timing
from circle_tui.core.timing import FakeClock, turn_clock
from tests.conftest import make_plan
from tests.core.driver import Driver


@pytest.fixture
def d(reflection: CircleFormat, clock: FakeClock) -> Driver:
    """A session in the check-in round (contract agreed)."""
    driver = Driver(make_plan(reflection), clock)
    driver.ok(NextPhase(confirmed=True))
    # Plain clockwise order for readable tests.
    driver.state.order = (0, 1, 2)
    return driver


def test_contract_must_be_agreed_before_moving_on(
    reflection: CircleFormat, clock: FakeClock
) -> None:
    driver = Driver(make_plan(reflection), clock)
    refusal = driver.do(NextPhase())
    assert isinstance(refusal, Refusal) and refusal.needs_confirm
    assert driver.state.phase == 0
    events = driver.ok(NextPhase(confirmed=True))
    assert isinstance(events[0], ContractAgreed)
    assert events[0].ground_rules == reflection.ground_rules
    assert driver.state.phase == 1


def test_word_goes_around_in_order(d: Driver) -> None:
    d.ok(GiveWord())
    assert d.state.speaker == 0
    d.wait(30)
    d.ok(GiveWord())
    assert d.state.speaker == 1
    assert d.state.status_of(0) == "spoken"
    d.wait(20)
    d.ok(GiveWord())
    d.wait(10)
    d.ok(GiveWord())
    assert d.state.speaker is None
    assert d.state.used == {(1, 0): 30.0, (1, 1): 20.0, (1, 2): 10.0}
    refusal = d.do(GiveWord())
    assert isinstance(refusal, Refusal) and "next phase" in refusal.reason


def test_pass_is_offered_again_at_the_end(d: Driver) -> None:
    d.ok(GiveWord())  # Ane
    d.ok(PassTurn())  # Ane passes, Bo gets the word
    assert d.state.speaker == 1
    assert d.state.status_of(0) == "passed"
    d.ok(GiveWord())  # Cai
    assert d.state.next_speaker() == 0
    d.ok(GiveWord())  # Ane again
    assert d.state.speaker == 0
    d.ok(GiveWord())
    assert d.state.speaker is None and d.state.still_to_speak() == []


def test_passing_twice_is_final(d: Driver) -> None:
    d.ok(GiveWord())
    d.ok(PassTurn())  # Ane passes
    d.ok(GiveWord())  # Bo -> Cai
    d.ok(GiveWord())  # Cai -> Ane (offered again)
    d.ok(PassTurn())  # Ane passes again: done, nobody left
    assert d.state.speaker is None
    assert d.state.still_to_speak() == []
    assert d.state.status_of(0) == "spoken"


def test_last_speaker_who_passes_is_asked_again_at_once(d: Driver) -> None:
    d.ok(GiveWord())
    d.ok(GiveWord())
    d.ok(GiveWord())  # Cai
    d.ok(PassTurn())
    assert d.state.speaker == 2


def test_pass_not_allowed_when_format_forbids(reflection: CircleFormat, clock: FakeClock) -> None:
    phases = list(reflection.phases)
    phases[1] = phases[1].model_copy(update={"allow_pass": False})
    fmt = reflection.model_copy(update={"phases": tuple(phases)})
    driver = Driver(make_plan(fmt), clock)
    driver.ok(NextPhase(confirmed=True))
    driver.ok(GiveWord())
    assert isinstance(driver.do(PassTurn()), Refusal)


def test_back_gives_the_word_to_the_previous_speaker(d: Driver) -> None:
    d.ok(GiveWord())
    d.wait(40)
    d.ok(GiveWord())  # Bo
    d.wait(5)
    d.ok(Back())
    assert d.state.speaker == 0
    assert d.state.status_of(1) == "waiting"
    d.wait(10)
    # Ane's time box continues: 40 s used before, 10 s now.
    clock = turn_clock(d.state, d.clock.now())
    assert clock is not None and clock.used == pytest.approx(50)
    d.ok(GiveWord())
    assert d.state.speaker == 1  # Bo is next again


def test_pause_stops_the_turn_clock(d: Driver) -> None:
    d.ok(GiveWord())
    d.wait(10)
    d.ok(TogglePause())
    d.wait(100)
    clock = turn_clock(d.state, d.clock.now())
    assert clock is not None and clock.used == pytest.approx(10)
    d.ok(TogglePause())
    d.wait(5)
    clock = turn_clock(d.state, d.clock.now())
    assert clock is not None and clock.used == pytest.approx(15)


def test_giving_the_word_while_paused_starts_the_clock(d: Driver) -> None:
    d.ok(TogglePause())
    d.wait(50)
    d.ok(GiveWord())
    assert not d.state.paused
    d.wait(3)
    clock = turn_clock(d.state, d.clock.now())
    assert clock is not None and clock.used == pytest.approx(3)


def test_extra_time_and_overtime(d: Driver) -> None:
    d.ok(GiveWord())
    d.wait(50)
    clock = turn_clock(d.state, d.clock.now())
    assert clock is not None and clock.state == "warning" and clock.remaining == pytest.approx(10)
    d.ok(AdjustTime(30))
    clock = turn_clock(d.state, d.clock.now())
    assert clock is not None and clock.remaining == pytest.approx(40) and clock.state == "ok"
    d.wait(50)
    clock = turn_clock(d.state, d.clock.now())
    assert clock is not None and clock.state == "overtime" and clock.overtime == pytest.approx(10)


def test_taking_time_never_goes_below_zero(d: Driver) -> None:
    d.ok(GiveWord())
    for _ in range(5):
        d.do(AdjustTime(-30))
    assert d.state.budget(1, 0) == 0
    assert isinstance(d.do(AdjustTime(-30)), Refusal)


def test_next_phase_asks_when_people_have_not_spoken(d: Driver) -> None:
    d.ok(GiveWord())
    refusal = d.do(NextPhase())
    assert isinstance(refusal, Refusal) and refusal.needs_confirm
    assert "Bo, Cai" in refusal.reason
    d.ok(NextPhase(confirmed=True))
    assert d.state.phase == 2 and d.state.speaker is None


def test_reopen_a_phase_advanced_by_mistake(d: Driver) -> None:
    d.ok(NextPhase(confirmed=True))
    assert d.state.phase == 2
    d.ok(ReopenPhase())
    assert d.state.phase == 1
    assert len([r for r in d.state.runs if r.phase == 1]) == 2


def test_last_phase_closes_the_session(d: Driver) -> None:
    for _ in range(4):
        d.ok(NextPhase(confirmed=True))
    assert d.state.closed
    assert isinstance(d.log[-1], SessionClosed)
    assert isinstance(d.do(GiveWord()), Refusal)


def test_hard_timing_moves_the_word_on_at_zero(reflection: CircleFormat, clock: FakeClock) -> None:
    phases = list(reflection.phases)
    phases[1] = phases[1].model_copy(update={"timing": Timing.HARD})
    fmt = reflection.model_copy(update={"phases": tuple(phases)})
    driver = Driver(make_plan(fmt), clock)
    driver.ok(NextPhase(confirmed=True))
    first = driver.state.order[0]
    driver.ok(GiveWord())
    driver.wait(59)
    assert due_command(driver.state, clock.now()) is None
    driver.wait(1.7)  # the ticker comes a little late
    assert due_command(driver.state, clock.now()) == Timeout()
    events = driver.ok(Timeout())
    ended = events[0]
    assert isinstance(ended, TurnEnded) and ended.outcome is TurnOutcome.TIMEOUT
    # The turn ends at the deadline, not when the ticker noticed.
    assert driver.state.used[(1, first)] == pytest.approx(60)
    assert driver.state.speaker == driver.state.order[1]


def test_resume_after_break_pauses_at_the_last_event(d: Driver) -> None:
    d.ok(GiveWord())
    d.wait(20)
    d.ok(AdjustTime(30))  # last event, 20 s into the turn
    d.wait(600)  # the laptop crashed for ten minutes
    d.ok(ResumeAfterBreak())
    clock = turn_clock(d.state, d.clock.now())
    assert clock is not None and clock.used == pytest.approx(20)


def test_random_start_is_the_same_on_every_replay(
    reflection: CircleFormat, clock: FakeClock
) -> None:
    driver = Driver(make_plan(reflection, "A,B,C,D,E,F", session_id="fixed"), clock)
    order = speaking_order(driver.state, 1)
    assert sorted(order) == [0, 1, 2, 3, 4, 5]
    assert speaking_order(driver.state, 1) == order
    # Closing goes counter-clockwise.
    assert speaking_order(driver.state, 4) == (5, 4, 3, 2, 1, 0)
