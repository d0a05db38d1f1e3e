"""Follow-ups carried between sessions, the balance of speaking time, pseudonyms."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle_tui.core.airtime import Airtime, Reading, balance, gini
from circle_tui.core.decide import GiveWord, MarkFollowUp, NextPhase, RecordItem, Refusal
from circle_tui.core.events import FollowUpStatus, ItemKind
from circle_tui.core.followup import carried_follow_ups, review_phase
from circle_tui.core.formats import CircleFormat
from circle_tui.core.plan import FollowUp, SessionPlan, parse_participants
from circle_tui.core.pseudonym import pseudonymize, pseudonyms
from circle_tui.core.summary import PrivateNote, build_summary
from circle_tui.core.timing import FakeClock
from tests.conftest import make_plan
from tests.core.driver import Driver


def person(seconds: float, turns: int = 1) -> Airtime:
    return Airtime(
        name="x", role="participant", seconds=seconds, share=0, phases=[], turns=turns,
        passes=0, overtime_seconds=0,
    )  # fmt: skip


def test_gini_is_zero_for_equal_time_and_grows_with_inequality() -> None:
    assert gini([60, 60, 60, 60]) == 0
    assert gini([100, 0, 0, 0]) == pytest.approx(0.75)
    assert gini([90, 60, 30]) < gini([150, 20, 10])


@given(st.lists(st.floats(min_value=0, max_value=10_000), min_size=1, max_size=40))
def test_gini_stays_between_zero_and_one(values: list[float]) -> None:
    assert 0 <= gini(values) <= 1


def test_balance_in_words() -> None:
    even = balance([person(300), person(310), person(290), person(305)])
    assert even.reading is Reading.BALANCED and even.half_by == 2
    two_voices = balance([person(600), person(500), person(60), person(50), person(40)])
    assert two_voices.reading is Reading.UNEVEN
    assert (two_voices.half_by, two_voices.voices) == (2, 5)  # 1,100 of 1,250 s
    nobody = balance([person(0, turns=0)])
    assert nobody.reading is Reading.SILENT


def session_with_agreements(reflection: CircleFormat) -> Driver:
    clock = FakeClock(start=1_790_000_000.0)
    d = Driver(make_plan(reflection, session_id="first"), clock)
    d.ok(NextPhase(confirmed=True))
    d.ok(RecordItem(ItemKind.AGREEMENT, "write the checklist", owner="Cai", due="2026-12-02"))
    d.ok(RecordItem(ItemKind.TAKEAWAY, "listen longer"))
    d.ok(RecordItem(ItemKind.AGREEMENT, "ask the evening team"))
    return d


def test_agreements_are_carried_to_the_next_session(reflection: CircleFormat) -> None:
    first = session_with_agreements(reflection)
    carried = carried_follow_ups(first.state)
    assert [f.text for f in carried] == ["write the checklist", "ask the evening team"]
    assert carried[0].owner == "Cai" and carried[0].due == "2026-12-02"
    assert carried[0].from_session == "first"


def test_ongoing_and_unmarked_follow_ups_come_back_done_and_dropped_do_not(
    reflection: CircleFormat,
) -> None:
    follow_ups = tuple(FollowUp(text=t, from_session="first") for t in ("a", "b", "c", "d"))
    plan = make_plan(reflection, session_id="second").model_copy(update={"follow_ups": follow_ups})
    d = Driver(plan, FakeClock(start=1_790_100_000.0))
    d.ok(MarkFollowUp(0, FollowUpStatus.DONE))
    d.ok(MarkFollowUp(1, FollowUpStatus.ONGOING))
    d.ok(MarkFollowUp(3, FollowUpStatus.DROPPED))
    assert [f.text for f in carried_follow_ups(d.state)] == ["b", "c"]
    assert all(f.from_session == "first" for f in carried_follow_ups(d.state))
    refused = d.do(MarkFollowUp(9, FollowUpStatus.DONE))
    assert isinstance(refused, Refusal) and "no such" in refused.reason
    again = d.do(MarkFollowUp(0, FollowUpStatus.DONE))
    assert isinstance(again, Refusal)
    summary = build_summary(d.state, d.clock.now())
    assert [(f.text, f.status) for f in summary.follow_ups] == [
        ("a", FollowUpStatus.DONE),
        ("b", FollowUpStatus.ONGOING),
        ("c", None),
        ("d", FollowUpStatus.DROPPED),
    ]


def test_follow_ups_are_reviewed_at_the_check_in(reflection: CircleFormat) -> None:
    plan = make_plan(reflection)  # review_phase counts the plan's steps, not the format's phases
    assert plan.phases[review_phase(plan)].kind.value == "checkin"


def spoken_summary(reflection: CircleFormat, names: str, seed: str = "fixed") -> Driver:
    plan = SessionPlan(
        session_id="s1",
        format=reflection,
        participants=parse_participants(names),
        created_at=1_790_000_000.0,
        pseudonym_seed=seed,
    )
    d = Driver(plan, FakeClock(start=1_790_000_000.0))
    d.ok(NextPhase(confirmed=True))
    d.ok(GiveWord())
    for _ in plan.participants:
        d.wait(40)
        d.ok(GiveWord())
    return d


def test_airtime_per_phase_adds_up(reflection: CircleFormat) -> None:
    d = spoken_summary(reflection, "Ane,Bo,Cai")
    summary = build_summary(d.state, d.clock.now())
    for p in summary.airtime:
        assert p.phases[1] == 40 and sum(p.phases) == p.seconds
    assert summary.balance.reading is Reading.BALANCED


def test_pseudonyms_are_a_shuffled_numbering_fixed_by_the_seed() -> None:
    names = [f"N{i}" for i in range(12)]
    first = pseudonyms(names, "seed-a")
    assert sorted(first.values(), key=lambda p: int(p[1:])) == [f"P{i}" for i in range(1, 13)]
    assert pseudonyms(names, "seed-a") == first
    assert first != {n: f"P{i}" for i, n in enumerate(names, start=1)}  # not the seating order


def test_pseudonymize_replaces_names_everywhere(reflection: CircleFormat) -> None:
    d = spoken_summary(reflection, "Ane Holm,Bo,Søren")
    d.ok(RecordItem(ItemKind.AGREEMENT, "ANE and søren's plan; Bob stays", owner="Bo"))
    notes = [PrivateNote(at=0, phase="Check-in", speaker="Bo", text="ask ane holm later")]
    summary = pseudonymize(build_summary(d.state, d.clock.now(), notes), "fixed", reflection)
    dumped = summary.model_dump_json()
    for name in ("Ane", "Holm", "Søren", '"Bo"'):
        assert name.casefold() not in dumped.casefold()
    assert "Bob stays" in dumped  # whole words only
    assert summary.pseudonymized
    assert summary.participants == ["P1", "P2", "P3"]
    assert [p.name for p in summary.airtime] == ["P1", "P2", "P3"]
