"""The format language at work: rotating roles, present/written/groups/review
phases, one contribution each, roles that turn away, hard phase boxes, and
the simulated rehearsal."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from circle_tui.core.casting import cast
from circle_tui.core.decide import GiveWord, NextPhase, Refusal, Timeout, decide, due_command
from circle_tui.core.events import TurnEnded, TurnOutcome
from circle_tui.core.followup import review_phase
from circle_tui.core.formats import CircleFormat
from circle_tui.core.plan import Participant, SessionPlan, parse_participants, small_groups
from circle_tui.core.rehearsal import run_through
from circle_tui.core.timing import BoxKind, FakeClock, time_boxes, writing_clock
from tests.core.driver import Driver

T0 = 1_790_000_000.0


def fmt(*phases: dict[str, Any], roles: tuple[dict[str, Any], ...] = ()) -> CircleFormat:
    return CircleFormat.model_validate(
        {"id": "t", "name": "T", "roles": list(roles), "phases": list(phases)}
    )


def plan(circle: CircleFormat, people: str) -> SessionPlan:
    return SessionPlan(
        session_id="s", format=circle, participants=parse_participants(people), created_at=T0
    )


CLIENT = {"id": "client", "name": "Client"}
CASE_GIVER = {"id": "case-giver", "name": "Case giver", "at_least": 1, "at_most": 1}
TROIKA = fmt(
    {"kind": "checkin", "title": "In", "turn_seconds": 30},
    {"kind": "present", "title": "Presents", "speakers": ["client"], "turn_seconds": 120,
     "rotate": "client"},
    {"kind": "open", "title": "Consult", "away": ["client"], "phase_seconds": 240,
     "rotate": "client"},
    {"kind": "closing", "title": "Out", "turn_seconds": 60},
    roles=(CLIENT,),
)  # fmt: skip


def test_a_rotating_block_repeats_once_per_person_who_holds_the_role_in_turn() -> None:
    troika = plan(TROIKA, "Ane,Bo,Cai")
    titles = [phase.title for phase in troika.phases]
    assert titles == [
        "In",
        "Presents (1/3)", "Consult (1/3)",
        "Presents (2/3)", "Consult (2/3)",
        "Presents (3/3)", "Consult (3/3)",
        "Out",
    ]  # fmt: skip
    assert [step.holder for step in troika.steps] == [None, 0, 0, 1, 1, 2, 2, None]
    assert troika.speakers_of(3) == (1,)  # Bo presents in the second cycle
    assert troika.role_of(3, 1) == "client" and troika.role_of(3, 0) == "participant"
    assert sum(troika.planned_seconds) == 3 * 30 + 3 * (120 + 240) + 3 * 60


def test_the_client_turns_away_while_the_others_consult() -> None:
    driver = Driver(plan(TROIKA, "Ane,Bo,Cai"), FakeClock(T0))
    while driver.state.phase != 4:  # Consult (2/3): Bo is the client
        driver.ok(NextPhase(confirmed=True))
    statuses = [driver.state.status_of(p) for p in range(3)]
    assert statuses == ["present", "away", "present"]


def test_a_fixed_holder_of_a_rotating_role_is_refused() -> None:
    with pytest.raises(ValidationError, match="goes to each person in turn"):
        plan(TROIKA, "Ane=client,Bo,Cai")


def test_a_present_phase_gives_the_word_to_the_case_giver_only() -> None:
    circle = fmt(
        {"kind": "present", "title": "Case", "speakers": ["case-giver"], "turn_seconds": 300},
        {"kind": "round", "title": "Reflect", "silent": ["case-giver"], "turn_seconds": 90},
        roles=(CASE_GIVER,),
    )
    guided = plan(circle, "Ane,Bo=case-giver,Cai")
    assert guided.speakers_of(0) == (1,)
    assert guided.speakers_of(1) == (0, 2)
    with pytest.raises(ValidationError, match=r"needs 1 case giver .*Name=case-giver"):
        plan(circle, "Ane,Bo,Cai")
    with pytest.raises(ValidationError, match="room for 1 case giver"):
        plan(circle, "Ane=case-giver,Bo=case-giver,Cai")


def test_people_in_groups_sit_with_their_neighbours() -> None:
    assert small_groups((0, 1, 2, 3), 2) == [(0, 1), (2, 3)]
    assert small_groups((0, 1, 2, 3, 4), 2) == [(0, 1, 2), (3, 4)]  # nobody alone
    assert small_groups(tuple(range(6)), 4) == [(0, 1, 2, 3, 4, 5)]  # three pairs, none split
    assert small_groups(tuple(range(9)), 4) == [(0, 1, 2, 3, 4), (5, 6, 7, 8)]
    assert small_groups(tuple(range(11)), 4) == [(0, 1, 2, 3, 4), (5, 6, 7, 8, 9, 10)]
    assert small_groups(tuple(range(9)), 3) == [(0, 1, 2), (3, 4, 5), (6, 7, 8)]
    assert small_groups((0, 1, 2), 4) == [(0, 1, 2)]
    assert small_groups((0, 1), 1) == [(0,), (1,)]


WRITTEN = fmt(
    {"kind": "written", "title": "Write", "write_seconds": 120, "turn_seconds": 60,
     "timing": "hard"},
    {"kind": "closing", "title": "Out", "turn_seconds": 60},
)  # fmt: skip


def test_a_written_round_writes_first_then_reads_out_in_turn() -> None:
    driver = Driver(plan(WRITTEN, "Ane,Bo,Cai"), FakeClock(T0))
    assert driver.state.writing
    clock = writing_clock(driver.state, driver.clock.advance(60))
    assert clock is not None and clock.remaining == 60
    assert due_command(driver.state, driver.clock.now()) is None
    assert isinstance(decide(driver.state, Timeout(), driver.clock), Refusal)
    driver.clock.advance(70)  # hard: at 2:00 the first reader gets the word, dated 2:00
    events = driver.ok(Timeout())
    assert [e.type for e in events] == ["turn_started"] and events[0].at == T0 + 120
    assert driver.state.speaker == 0 and not driver.state.writing
    assert sum(plan(WRITTEN, "Ane,Bo,Cai").planned_seconds) == 120 + 3 * 60 + 3 * 60


def test_one_contribution_each_goes_round_again_until_the_phase_ends() -> None:
    circle = fmt(
        {"kind": "round", "title": "Questions", "one_contribution": True, "turn_seconds": 30,
         "phase_seconds": 300, "timing": "hard"},
        {"kind": "closing", "title": "Out", "turn_seconds": 60},
    )  # fmt: skip
    driver = Driver(plan(circle, "Ane,Bo,Cai"), FakeClock(T0))
    speakers = []
    for _ in range(5):
        driver.ok(GiveWord())
        speakers.append(driver.state.speaker)
        driver.clock.advance(20)
    assert speakers == [0, 1, 2, 0, 1]
    driver.clock.advance(250)  # hard: each 0:30 cap ends a turn, then the phase ends at 5:00
    events = []
    while driver.state.phase == 0:
        events += driver.ok(Timeout())
    assert {e.type for e in events[:-2]} == {"turn_ended", "turn_started"}
    ended = [e for e in events if isinstance(e, TurnEnded)]
    assert {e.outcome for e in ended[:-1]} == {TurnOutcome.TIMEOUT}
    assert [e.type for e in events[-3:]] == ["turn_ended", "phase_ended", "phase_started"]
    assert events[-1].at == T0 + 300


def test_a_hard_open_phase_moves_on_at_zero_but_a_contract_never_does() -> None:
    circle = fmt(
        {"kind": "contract", "title": "Contract", "phase_seconds": 60},
        {"kind": "groups", "title": "Pairs", "group_size": 2, "phase_seconds": 120,
         "timing": "hard"},
        {"kind": "open", "title": "All", "phase_seconds": 300},
    )  # fmt: skip
    driver = Driver(plan(circle, "Ane,Bo,Cai,Dag"), FakeClock(T0))
    assert due_command(driver.state, driver.clock.advance(600)) is None  # soft contract
    driver.ok(NextPhase(confirmed=True))
    assert due_command(driver.state, driver.clock.advance(119)) is None
    driver.clock.advance(5)
    driver.ok(Timeout())
    assert driver.state.phase == 2 and driver.state.runs[-1].started_at == driver.clock.now() - 4


def test_a_review_phase_is_where_last_times_agreements_come_back() -> None:
    circle = fmt(
        {"kind": "checkin", "title": "In", "turn_seconds": 30},
        {"kind": "review", "title": "Since last time", "phase_seconds": 300},
    )
    assert review_phase(plan(circle, "Ane,Bo")) == 1
    assert review_phase(plan(TROIKA, "Ane,Bo,Cai")) == 0  # no review phase: the check-in


def test_a_cast_gives_the_required_roles_first() -> None:
    circle = fmt(
        {"kind": "present", "title": "Case", "speakers": ["case-giver"], "turn_seconds": 300},
        {"kind": "round", "title": "Notes", "silent": ["observer"], "turn_seconds": 60},
        roles=(CASE_GIVER, {"id": "observer", "name": "Observer"}),
    )
    people = cast(circle, 5)
    assert [p.role for p in people] == [
        "case-giver", "observer", "participant", "participant", "participant",
    ]  # fmt: skip
    assert len({p.name for p in cast(circle, 40)}) == 40


def test_a_simulated_rehearsal_runs_to_the_close_the_same_way_every_time() -> None:
    people = tuple(Participant(name=n) for n in ("Ane", "Bo", "Cai"))
    rehearsal = SessionPlan(
        session_id="r", format=TROIKA, participants=people, created_at=T0, simulated=True
    )
    first, second = run_through(rehearsal), run_through(rehearsal)
    assert first.closed and first.runs == second.runs and first.turns == second.turns
    assert [run.phase for run in first.runs] == list(range(8))
    for turn in first.turns:  # nobody talks much beyond their time box
        assert turn.ended_at is not None
        if not rehearsal.phases[turn.phase].kind.has_turns:
            continue  # open dialogue: measured, with no time box of its own
        assert turn.ended_at - turn.started_at <= 1.2 * first.budget(turn.phase, turn.speaker)
    length = (first.closed_at or 0) - T0
    assert 0.5 * sum(rehearsal.planned_seconds) < length < 1.2 * sum(rehearsal.planned_seconds)


def test_the_writing_and_a_phase_of_one_contribution_each_are_boxes_that_move_on() -> None:
    writing = Driver(plan(WRITTEN, "Ane,Bo,Cai"), FakeClock(T0))
    writing.clock.advance(30)
    assert [(b.kind, b.used, b.budget) for b in time_boxes(writing.state, T0 + 30)] == [
        (BoxKind.WRITING, 30, 120)
    ]
    circle = fmt(
        {"kind": "round", "title": "Questions", "one_contribution": True, "turn_seconds": 30,
         "phase_seconds": 300},
        {"kind": "closing", "title": "Out", "turn_seconds": 60},
    )  # fmt: skip
    driver = Driver(plan(circle, "Ane,Bo,Cai"), FakeClock(T0))
    driver.ok(GiveWord())
    found = time_boxes(driver.state, driver.clock.advance(10))
    assert [(b.kind, b.used, b.budget, b.moves_on) for b in found] == [
        (BoxKind.TURN, 10, 30, True),
        (BoxKind.PHASE, 10, 300, True),  # whichever runs out first ends the turn or the phase
    ]
