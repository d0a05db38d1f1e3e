"""Mechanics of a round: the re-offer after a pass survives giving the word back."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circle_tui.core.airtime import airtime, balance, counted
from circle_tui.core.casting import cast
from circle_tui.core.decide import (
    Back,
    ChooseSpeaker,
    Command,
    GiveWord,
    JoinCircle,
    MarkPresence,
    NextPhase,
    PassTurn,
    Refusal,
    quietest,
)
from circle_tui.core.events import Presence, TurnEnded, TurnOutcome, TurnStarted
from circle_tui.core.formats import CircleFormat
from circle_tui.core.plan import SessionPlan, parse_participants, small_groups
from circle_tui.core.rehearsal import run_through
from circle_tui.core.state import fold
from circle_tui.core.summary import build_summary
from circle_tui.core.timing import BoxKind, FakeClock, time_boxes
from circle_tui.store.format_files import find_format
from circle_tui.store.locations import builtin_formats_dir
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
            elif isinstance(event, TurnStarted) and event.back:
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
    # groups of about the size: sixes and eights do not collapse into one big group
    sizes = [len(g) for g in groups]
    assert max(sizes) <= size * 1.5 + 1  # at most half a group more, and a trio's extra
    assert len(groups) == 1 or min(sizes) >= size / 2
    assert max(sizes) - min(sizes) <= 3  # one pair at most, and the trio's extra person


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


def open_and_round() -> CircleFormat:
    return CircleFormat.model_validate(
        {
            "id": "t",
            "name": "T",
            "phases": [
                {"kind": "round", "title": "Popcorn", "turn_seconds": 60, "order": "facilitator"},
                {"kind": "open", "title": "Talk", "phase_seconds": 600},
                {"kind": "round", "title": "Round", "turn_seconds": 60},
            ],
        }
    )


def test_with_facilitator_order_the_facilitator_chooses_every_speaker() -> None:
    d = Driver(make_plan(open_and_round(), "Ane,Bo,Cai,Dina"), FakeClock(start=1_790_000_000.0))
    refused = d.do(GiveWord())
    assert isinstance(refused, Refusal) and "c" in refused.reason  # nobody in clockwise order
    d.ok(ChooseSpeaker(2))  # nobody has the word: Cai gets it at once
    assert d.state.speaker == 2
    d.ok(ChooseSpeaker(0))  # Cai speaks: Ane is next, and the wall knows it
    assert d.state.speaker == 2 and d.state.next_speaker() == 0
    d.ok(GiveWord())
    assert d.state.speaker == 0 and d.state.chosen is None
    d.ok(GiveWord())  # nobody chosen: the turn ends, nobody has the word
    assert d.state.speaker is None
    assert isinstance(d.do(ChooseSpeaker(7)), Refusal)


def test_in_a_clockwise_round_a_choice_comes_first_then_the_order_goes_on() -> None:
    d = Driver(make_plan(open_and_round(), "Ane,Bo,Cai,Dina"), FakeClock(start=1_790_000_000.0))
    d.ok(NextPhase(confirmed=True))
    d.ok(NextPhase(confirmed=True))  # the clockwise round
    d.ok(GiveWord())  # Ane
    d.ok(ChooseSpeaker(3))  # Dina next
    d.ok(GiveWord())
    assert d.state.speaker == 3
    d.ok(GiveWord())  # then the order: Bo
    assert d.state.speaker == 1
    d.ok(ChooseSpeaker(2))
    d.ok(ChooseSpeaker(None))  # the choice taken back
    assert d.state.chosen is None


def test_the_progressive_stack_proposes_who_has_spoken_least() -> None:
    clock = FakeClock(start=1_790_000_000.0)
    d = Driver(make_plan(open_and_round(), "Ane,Bo,Cai,Dina"), clock)
    for person, seconds in ((0, 50), (1, 10), (3, 30)):
        d.ok(ChooseSpeaker(person))
        clock.advance(seconds)
        d.ok(GiveWord())
    assert quietest(d.state, clock.now()) == 2  # Cai has not spoken
    d.ok(ChooseSpeaker(2))
    clock.advance(40)
    assert quietest(d.state, clock.now()) == 1  # Bo: 10 s


def test_open_dialogue_measures_who_speaks_until_the_next() -> None:
    clock = FakeClock(start=1_790_000_000.0)
    d = Driver(make_plan(open_and_round(), "Ane,Bo,Cai"), clock)
    d.ok(NextPhase(confirmed=True))  # the open phase
    assert isinstance(d.do(GiveWord()), Refusal)  # no turns to give
    clock.advance(10)
    d.ok(ChooseSpeaker(1))
    clock.advance(120)
    d.ok(ChooseSpeaker(0))  # Bo stops, Ane speaks
    clock.advance(60)
    d.ok(ChooseSpeaker(None))  # a silence
    clock.advance(10)
    assert time_boxes(d.state, clock.now())[0].kind is BoxKind.PHASE  # no turn box in open talk
    people = airtime(d.state, clock.now())
    assert [p.phases[1] for p in people] == [60.0, 120.0, 0.0]
    talk = build_summary(d.state, clock.now()).phases[1]
    assert talk.measured_seconds == 180.0 and talk.measured_share == pytest.approx(0.9)


@pytest.mark.parametrize("format_id", sorted(p.stem for p in builtin_formats_dir().glob("*.toml")))
def test_a_simulated_rehearsal_measures_open_dialogue(format_id: str) -> None:
    fmt = find_format(format_id)
    plan = SessionPlan(
        session_id=f"r-{format_id}",
        format=fmt,
        participants=cast(fmt, fmt.typical_people()),
        created_at=1_790_000_000.0,
    )
    state = run_through(plan)
    assert state.closed
    for phase in build_summary(state, state.closed_at or 0.0).phases:
        if phase.kind == "open" and phase.visits:
            assert phase.measured_share is not None and phase.measured_share >= 0.8, phase


def test_the_case_giver_answers_each_question_and_their_time_is_theirs() -> None:
    fmt = find_format("intervision-incident")
    clock = FakeClock(start=1_790_000_000.0)
    d = Driver(make_plan(fmt, "Ane=case-giver,Bo,Cai,Dina"), clock)
    d.ok(NextPhase(confirmed=True))  # from the contract to the incident
    d.ok(NextPhase(confirmed=True))  # questions for facts
    assert d.state.answerer == 0 and d.state.status_of(0) == "waiting"  # not "listens"
    asked = []
    for _ in range(3):
        d.ok(GiveWord())  # a question
        asked.append(d.state.speaker)
        assert d.state.next_speaker() == 0  # the wall shows the case giver next
        clock.advance(20)
        d.ok(GiveWord())  # the case giver answers
        assert d.state.speaker == 0
        assert time_boxes(d.state, clock.now())[0].budget == 60  # an answer's own box
        clock.advance(50)
    assert asked == [1, 2, 3]
    step = d.state.phase
    assert step is not None
    people = airtime(d.state, clock.now())
    assert people[0].phases[step] == pytest.approx(150.0)  # three answers, 50 s each
    assert [people[i].phases[step] for i in (1, 2, 3)] == [20.0, 20.0, 20.0]
    d.ok(PassTurn())  # the case giver passes: no answer, not a pass to be offered again
    assert 0 not in d.state.passed and d.state.speaker == 1  # round again: Bo
    d.ok(PassTurn())  # Bo passes: no answer for a pass
    assert d.state.speaker == 2


def test_an_answering_role_is_checked() -> None:
    from circle_tui.core.format_checks import format_problems

    fmt = CircleFormat.model_validate(
        {
            "id": "t",
            "name": "T",
            "roles": [{"id": "case-giver", "name": "Case giver", "at_least": 1}],
            "phases": [
                {"kind": "round", "title": "Q", "turn_seconds": 30, "answered_by": "case-givr"},
                {"kind": "open", "title": "O", "phase_seconds": 60, "answered_by": "case-giver"},
                {"kind": "round", "title": "R", "turn_seconds": 30, "answer_seconds": 20},
            ],
        }
    )
    found = [(p.loc, p.message) for p in format_problems(fmt)]
    assert (
        ("phases", 0, "answered_by"),
        "role 'case-givr' is not declared in [[roles]]; did you mean 'case-giver'?",
    ) in found
    assert (("phases", 1, "answered_by"), "only a phase with turns has answers") in found
    assert (("phases", 2, "answer_seconds"), "answer_seconds needs answered_by") in found


def test_a_latecomer_takes_the_next_seat_and_the_word_in_this_round(
    reflection: CircleFormat,
) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    d = in_check_in(reflection, "Ane,Bo,Cai")
    d.clock = clock
    d.ok(GiveWord())
    first = d.state.speaker
    clock.advance(30)
    d.ok(JoinCircle("Eli"))
    assert d.state.plan.name(3) == "Eli" and d.state.joined_at == {3: clock.now()}
    assert 3 in d.state.order and 3 in d.state.still_to_speak()
    spoke = [first]
    while (nxt := d.state.next_speaker()) is not None:
        d.ok(GiveWord())
        spoke.append(nxt)
    assert sorted(p for p in spoke if p is not None) == [0, 1, 2, 3]
    assert isinstance(d.do(JoinCircle("eli")), Refusal)  # the name is taken
    summary = build_summary(d.state, clock.now())
    assert summary.participants == ["Ane", "Bo", "Cai", "Eli"]
    assert [(a.name, a.presence) for a in summary.attendance] == [("Eli", "present")]


def test_nobody_joins_a_format_that_repeats_its_steps_per_person() -> None:
    fmt = find_format("troika-consulting")
    d = Driver(make_plan(fmt, "Ane,Bo,Cai"), FakeClock(start=1_790_000_000.0))
    refused = d.do(JoinCircle("Eli"))
    assert isinstance(refused, Refusal) and "nobody can join later" in refused.reason


def test_someone_absent_is_skipped_and_not_counted_as_silent(reflection: CircleFormat) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    d = Driver(make_plan(reflection, "Ane,Bo,Cai,Dina"), clock)
    d.ok(MarkPresence(2, Presence.ABSENT))  # Cai is not there today
    d.ok(NextPhase(confirmed=True))
    spoke = []
    while (nxt := d.state.next_speaker()) is not None:
        d.ok(GiveWord())
        spoke.append(nxt)
        clock.advance(60)
    d.ok(GiveWord())  # the last gives the word back
    assert 2 not in spoke and len(spoke) == 3
    assert d.state.status_of(2) == "absent"
    assert isinstance(d.do(ChooseSpeaker(2)), Refusal)
    shares = balance(counted(d.state, airtime(d.state, clock.now())))
    assert shares.voices == 3 and shares.unheard == 0  # Cai is absent, not silent
    d.ok(MarkPresence(1, Presence.LEFT))
    d.ok(MarkPresence(2, Presence.PRESENT))  # Cai arrives after all
    assert d.state.status_of(1) == "left" and 2 not in d.state.gone
    summary = build_summary(d.state, clock.now())
    assert [(a.name, a.presence, a.left_at is not None) for a in summary.attendance] == [
        ("Bo", "left", True)
    ]


def test_a_speaker_who_leaves_gives_the_word_back_first(reflection: CircleFormat) -> None:
    d = in_check_in(reflection, "Ane,Bo,Cai")
    d.ok(GiveWord())
    speaker = d.state.speaker
    assert speaker is not None
    events = d.ok(MarkPresence(speaker, Presence.LEFT))
    assert [e.type for e in events] == ["turn_ended", "presence_marked"]
    assert d.state.speaker is None and d.state.next_speaker() not in (None, speaker)


def test_a_journal_with_a_latecomer_replays_to_the_same_circle(reflection: CircleFormat) -> None:
    d = in_check_in(reflection, "Ane,Bo,Cai")
    d.ok(JoinCircle("Eli", "participant"))
    d.ok(ChooseSpeaker(3))  # nobody has the word: Eli has it at once
    assert d.state.speaker == 3
    d.ok(GiveWord())
    again = fold(make_plan(reflection, "Ane,Bo,Cai"), d.log)
    assert again.plan.participants == d.state.plan.participants
    assert again.turns == d.state.turns and again.turns[0].speaker == 3
