"""Mechanics of a round: the re-offer after a pass survives giving the word back."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circle_tui.core.decide import Back, Command, GiveWord, NextPhase, PassTurn, Refusal
from circle_tui.core.events import TurnEnded, TurnOutcome, TurnStarted
from circle_tui.core.formats import CircleFormat
from circle_tui.core.plan import SessionPlan, parse_participants, small_groups
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format
from tests.conftest import make_plan
from tests.core.driver import Driver


def in_check_in(reflection: CircleFormat, names: str = "Ane,Bo,Cai") -> Driver:
    d = Driver(make_plan(reflection, names), FakeClock(start=1_790_000_000.0))
    d.ok(NextPhase(confirmed=True))  # the contract: the check-in is a round
    return d


def test_pass_back_pass_keeps_the_re_offer(reflection: CircleFormat) -> None:
    d = in_check_in(reflection)
    d.ok(GiveWord())  # Ane
    d.ok(GiveWord())  # Bo
    d.ok(PassTurn())  # Bo passes: Cai
    d.ok(Back())  # back to Bo: the pass is taken back
    d.ok(PassTurn())  # Bo passes again: still a first pass
    assert d.state.speaker == 2 and d.state.passed == [1]
    d.ok(GiveWord())  # Cai done: Bo is offered the word again
    assert d.state.speaker == 1
    assert d.state.status_of(0) == "spoken"


def test_a_re_offer_taken_back_is_offered_again(reflection: CircleFormat) -> None:
    d = in_check_in(reflection)
    d.ok(GiveWord())  # Ane
    d.ok(PassTurn())  # Ane passes: Bo
    d.ok(GiveWord())  # Bo spoke: Cai
    d.ok(GiveWord())  # Cai spoke: Ane again
    assert d.state.speaker == 0
    d.ok(GiveWord())  # Ane spoke on the re-offer
    d.ok(Back())  # back to Ane: still their re-offer
    assert d.state.speaker == 0 and d.state.passed == [0]
    d.ok(PassTurn())  # a second pass: done for good
    assert 0 in d.state.done and not d.state.passed


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(["give", "pass", "back"]), max_size=30))
def test_the_re_offer_holds_under_any_pass_and_back(
    reflection: CircleFormat, moves: list[str]
) -> None:
    """Model: closed turns on a stack that `back` pops; who is done or waits follows from it."""
    d = in_check_in(reflection, "Ane,Bo,Cai,Dina")
    commands: dict[str, Command] = {"give": GiveWord(), "pass": PassTurn(), "back": Back()}
    stack: list[tuple[int, TurnOutcome]] = []
    for move in moves:
        decision = d.do(commands[move])
        if isinstance(decision, Refusal):
            continue
        for event in decision:
            if isinstance(event, TurnEnded) and event.outcome is not TurnOutcome.BACK:
                stack.append((event.speaker, event.outcome))
            elif isinstance(event, TurnStarted) and stack and stack[-1][0] == event.speaker:
                stack.pop()  # the word went back: that turn is undone
        for person in range(4):
            if person == d.state.speaker:
                continue
            mine = [outcome for who, outcome in stack if who == person]
            passes = mine.count(TurnOutcome.PASSED)
            spoke = len(mine) > passes
            assert (person in d.state.done) == (spoke or passes >= 2), (moves, stack)
            assert (person in d.state.passed) == (not spoke and passes == 1), (moves, stack)


@given(st.integers(min_value=4, max_value=40), st.sampled_from([4, 6, 8]))
def test_fours_are_pairs_joined(people: int, size: int) -> None:
    seats = tuple(range(people))
    pairs = small_groups(seats, 2)
    groups = small_groups(seats, size)
    assert sorted(p for g in groups for p in g) == list(seats)  # everyone, once
    for pair in pairs:
        assert sum(1 for g in groups if set(pair) <= set(g)) == 1  # in one group, whole
    assert all(len(g) >= 4 for g in groups)  # pairs joined: never a lone pair
    assert all(len(p) in (2, 3) for p in pairs)  # nobody alone in a pair


def test_everyone_without_a_role_joins_the_reflecting_team() -> None:
    fmt = find_format("reflecting-team")
    plan = SessionPlan(
        session_id="s",
        format=fmt,
        participants=parse_participants("Ane=case-giver,Bo=interviewer,Cai,Dina,Eli,Finn"),
        created_at=1_790_000_000.0,
    )  # no "needs 2 reflecting team": Cai..Finn are the team
    assert [plan.role_held(i) for i in range(6)] == ["case-giver", "interviewer"] + ["team"] * 4
    reflecting = next(i for i, p in enumerate(plan.phases) if "team" in p.speakers)
    assert plan.speakers_of(reflecting) == (2, 3, 4, 5)


def test_a_circle_outside_the_formats_range_is_warned() -> None:
    fmt = find_format("troika-consulting")
    assert fmt.outside_range(fmt.max_people) is None
    warning = fmt.outside_range(fmt.max_people + 2)
    assert warning == (
        f"Troika consulting is meant for {fmt.min_people}-{fmt.max_people} people;"
        f" this circle has {fmt.max_people + 2}."
    )
