"""Edges of giving the word: going back, answers, people who are gone, pseudonyms that stay."""

from __future__ import annotations

from circle_tui.core.decide import (
    Back,
    ChooseSpeaker,
    GiveWord,
    JoinCircle,
    MarkPresence,
    NamePosition,
    NextPhase,
    PassTurn,
    Refusal,
)
from circle_tui.core.events import Presence, TurnStarted, event_from_json, event_to_json
from circle_tui.core.format_checks import format_problems
from circle_tui.core.formats import CircleFormat
from circle_tui.core.pseudonym import pseudonymize
from circle_tui.core.state import fold
from circle_tui.core.summary import Summary, build_summary
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format
from tests.conftest import make_plan
from tests.core.driver import Driver
from tests.core.test_positions import by_positions, driver

T0 = 1_790_000_000.0


def in_questions() -> Driver:
    """Intervision's questions for facts: Ane, the case giver, answers each question."""
    d = Driver(
        make_plan(find_format("intervision-incident"), "Ane=case-giver,Bo,Cai,Dina"), FakeClock(T0)
    )
    d.ok(NextPhase(confirmed=True))  # the incident
    d.ok(NextPhase(confirmed=True))  # questions for facts
    assert d.state.answerer == 0
    return d


def test_an_absent_case_giver_is_not_given_the_word_to_answer() -> None:
    d = in_questions()
    d.ok(GiveWord())  # Bo asks
    d.ok(MarkPresence(0, Presence.ABSENT))  # the case giver steps out
    assert d.state.next_speaker() == 2  # the next question, not an answer from nobody
    d.ok(GiveWord())
    assert d.state.speaker == 2


def test_back_during_an_answer_returns_to_the_question() -> None:
    d = in_questions()
    d.ok(GiveWord())  # Bo asks
    d.ok(GiveWord())  # Ane answers
    assert d.state.speaker == 0
    d.ok(Back())  # the answer came too soon: back to Bo's question
    assert d.state.speaker == 1
    assert 0 not in d.state.history  # the answer taken back leaves no mark
    d.ok(GiveWord())  # Bo has asked: Ane answers now
    assert d.state.speaker == 0


def test_back_to_someone_who_left_is_refused() -> None:
    d = Driver(make_plan(find_format("reflection-circle"), "Ane,Bo,Cai,Dina"), FakeClock(T0))
    d.ok(NextPhase(confirmed=True))
    d.ok(GiveWord())
    first = d.state.speaker
    assert first is not None
    d.ok(GiveWord())
    d.ok(MarkPresence(first, Presence.LEFT))
    refused = d.do(Back())
    assert isinstance(refused, Refusal)
    assert refused.reason == f"{d.state.plan.name(first)} is not in the circle now."


def test_a_single_holder_going_on_is_not_the_word_going_back() -> None:
    d = driver(3, by_positions("soft"))
    d.ok(NamePosition("Keep the rota", (0, 1)))
    d.ok(NamePosition("Change it", (2,)))
    d.ok(GiveWord())  # Keep the rota
    d.clock.advance(120)  # and its bank is spent
    d.ok(GiveWord())  # Change it: person 2
    assert d.state.speaker == 2
    d.clock.advance(10)
    d.ok(GiveWord())  # only Change it has time left, and only 2 holds it: they go on
    assert d.state.speaker == 2
    assert [t.speaker for t in d.state.turns] == [0, 2, 2]
    assert d.state.history == [0, 2]  # their first turn is still on record


def test_choosing_the_last_speaker_again_keeps_their_turn() -> None:
    d = Driver(make_plan(find_format("reflection-circle"), "Ane,Bo,Cai,Dina"), FakeClock(T0))
    d.ok(NextPhase(confirmed=True))
    for _ in range(5):
        d.do(GiveWord())  # everyone has had the word
    assert d.state.speaker is None and len(d.state.done) == 4
    last = d.state.history[-1]
    d.ok(ChooseSpeaker(last))  # they may add something
    assert d.state.speaker == last
    assert d.state.history[-1] == last  # their turn stands, not taken back
    d.ok(GiveWord())
    assert d.state.speaker is None and d.state.history.count(last) == 2


def test_a_lone_pass_offered_again_at_once_ends_in_done_after_a_second_pass() -> None:
    d = Driver(make_plan(find_format("reflection-circle"), "Ane,Bo,Cai,Dina"), FakeClock(T0))
    d.ok(NextPhase(confirmed=True))
    for _ in range(4):
        d.ok(GiveWord())  # three have spoken; the fourth has the word
    last = d.state.speaker
    d.ok(PassTurn())  # nobody else is left: offered again at once
    assert d.state.speaker == last and d.state.passed == [last]
    d.ok(PassTurn())  # passes again: done for good
    assert last in d.state.done and d.state.speaker is None


def test_journals_before_the_back_flag_still_read_a_turn_for_the_last_as_back() -> None:
    d = Driver(make_plan(find_format("reflection-circle"), "Ane,Bo,Cai,Dina"), FakeClock(T0))
    d.ok(NextPhase(confirmed=True))
    d.ok(GiveWord())
    d.ok(GiveWord())
    d.ok(Back())
    new = [event_from_json(event_to_json(e)) for e in d.log]
    old = [
        event_from_json(event_to_json(e).replace('"v":2', '"v":1').replace(',"back":true', ""))
        if isinstance(e, TurnStarted)
        else e
        for e in d.log
    ]
    assert any(isinstance(e, TurnStarted) and e.v == 1 and not e.back for e in old)
    for events in (new, old):
        replayed = fold(d.state.plan, events)
        assert (replayed.history, replayed.done) == (d.state.history, d.state.done)


def test_an_answering_role_is_not_also_everyone() -> None:
    fmt = CircleFormat.model_validate(
        {
            "id": "t",
            "name": "T",
            "roles": [{"id": "case-giver", "name": "Case giver", "at_least": 1}],
            "phases": [
                {
                    "kind": "round",
                    "title": "Q",
                    "turn_seconds": 30,
                    "speakers": ["everyone"],
                    "answered_by": "case-giver",
                }
            ],
        }
    )
    found = [(p.loc, p.message) for p in format_problems(fmt)]
    assert (
        ("phases", 0, "answered_by"),
        "'case-giver' answers here, so it is not also among speakers"
        ' ("everyone" includes it), silent or away',
    ) in found


def test_a_latecomer_changes_nobodys_pseudonym() -> None:
    d = Driver(make_plan(find_format("reflection-circle"), "Ane,Bo,Cai,Dina"), FakeClock(T0))
    d.ok(NextPhase(confirmed=True))
    d.ok(GiveWord())
    d.clock.advance(10)
    d.ok(GiveWord())  # the first speaker spoke 10 s; the second has the word
    fmt = d.state.plan.format
    before = pseudonymize(build_summary(d.state, d.clock.now()), "seed", fmt)
    d.clock.advance(60)
    d.ok(JoinCircle("Eli"))
    after = pseudonymize(build_summary(d.state, d.clock.now()), "seed", fmt)

    def spoke_ten(summary: Summary) -> str:
        return next(a.name for a in summary.airtime if round(a.seconds) == 10)

    assert set(before.participants) == {"P1", "P2", "P3", "P4"}
    assert after.participants == ["P1", "P2", "P3", "P4", "P5"]
    assert spoke_ten(before) == spoke_ten(after)  # the same person, the same number
    assert [a.name for a in after.attendance] == ["P5"]  # the latecomer: the next number
