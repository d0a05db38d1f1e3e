"""The circle way, Balint and kollegiale Beratung: validated strictly, rehearsed to the close."""

from __future__ import annotations

import pytest

from circle_tui.core.casting import cast
from circle_tui.core.decide import NextPhase, SwapQuestion
from circle_tui.core.formats import SpeakingOrder
from circle_tui.core.plan import SessionPlan
from circle_tui.core.rehearsal import run_through
from circle_tui.core.summary import build_summary
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import check_format_file, find_format, format_paths
from tests.conftest import make_plan
from tests.core.driver import Driver

METHODS = ("circle-way", "balint-group", "kollegiale-beratung")


@pytest.mark.parametrize("format_id", METHODS)
def test_each_validates_without_a_warning_and_is_rehearsed_to_its_summary(format_id: str) -> None:
    fmt, problems = check_format_file(format_paths()[format_id])
    assert fmt is not None and problems == []  # --strict: no warning either
    assert set(fmt.languages) == {"en", "da", "nb", "nl"}
    assert all(not fmt.untranslated(language) for language in fmt.languages)
    plan = SessionPlan(
        session_id=f"r-{format_id}",
        format=fmt,
        participants=cast(fmt, fmt.typical_people()),
        created_at=1_790_000_000.0,
    )
    state = run_through(plan)
    summary = build_summary(state, state.closed_at or 0.0)
    assert state.closed and all(p.visits == 1 for p in summary.phases)
    assert summary.balance.voices == fmt.typical_people()


def test_in_the_circle_way_the_piece_is_taken_from_the_centre() -> None:
    fmt = find_format("circle-way")
    council = next(i for i, p in enumerate(fmt.phases) if p.order is SpeakingOrder.FACILITATOR)
    plan = SessionPlan(
        session_id="r", format=fmt, participants=cast(fmt, 6), created_at=1_790_000_000.0
    )
    state = run_through(plan)
    spoke = {t.speaker for t in state.turns if t.phase == council}
    assert spoke == set(range(6))  # everyone took the piece at least once, chosen each time


def test_in_balint_the_presenter_sits_back_while_the_group_associates() -> None:
    fmt = find_format("balint-group")
    associations = next(i for i, p in enumerate(fmt.phases) if p.kind.value == "open")
    assert fmt.phases[associations].away == ("case-giver",)
    plan = SessionPlan(
        session_id="r", format=fmt, participants=cast(fmt, 7), created_at=1_790_000_000.0
    )
    state = run_through(plan)
    presenter = next(i for i, p in enumerate(plan.participants) if p.role == "case-giver")
    assert all(t.speaker != presenter for t in state.turns if t.phase == associations)
    summary = build_summary(state, state.closed_at or 0.0)
    share = summary.phases[associations].measured_share
    assert share is not None and share >= 0.8
    assert summary.balance_without is not None and summary.long_roles == ["Presenter"]


def test_in_kollegiale_beratung_the_group_chooses_its_way_of_working() -> None:
    fmt = find_format("kollegiale-beratung")
    d = Driver(make_plan(fmt, "Ane=case-giver,Bo,Cai,Dina"), FakeClock(1_790_000_000.0))
    consultation = next(i for i, p in enumerate(fmt.phases) if p.questions)
    while d.state.phase != consultation:
        d.ok(NextPhase(confirmed=True))
    d.ok(SwapQuestion())  # the group chose the headstand
    d.clock.advance(600)
    while not d.state.closed:
        d.ok(NextPhase(confirmed=True))
    asked = build_summary(d.state, d.clock.now()).phases[consultation].prompt
    assert asked.startswith("Headstand:")
