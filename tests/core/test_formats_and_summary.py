"""Format checks refuse nonsense; the summary reports what happened."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from pydantic import ValidationError

from circle_tui.core.decide import GiveWord, NextPhase, PassTurn, RecordItem
from circle_tui.core.events import ItemKind
from circle_tui.core.format_checks import format_problems
from circle_tui.core.formats import CircleFormat
from circle_tui.core.plan import Participant, SessionPlan, parse_participants
from circle_tui.core.summary import build_summary
from circle_tui.core.timing import FakeClock
from tests.conftest import make_plan
from tests.core.driver import Driver

BASE = {"id": "x", "name": "X", "phases": [{"kind": "round", "title": "R", "turn_seconds": 60}]}


def errors(data: Mapping[str, object]) -> list[str]:
    """What the format checks refuse in a format the schema takes."""
    return [p.text() for p in format_problems(CircleFormat.model_validate(data)) if not p.warning]


def test_a_round_needs_a_time_box_per_speaker() -> None:
    data = {**BASE, "phases": [{"kind": "round", "title": "R"}]}
    assert errors(data) == ["phases[0]: a round phase needs turn_seconds"]


def test_undeclared_roles_are_refused() -> None:
    data = {**BASE, "phases": [{**BASE["phases"][0], "speakers": ["case-giver"]}]}  # type: ignore[dict-item]
    assert errors(data) == ["phases[0].speakers: role 'case-giver' is not declared in [[roles]]"]


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError, match="extra"):
        CircleFormat.model_validate({**BASE, "phasez": []})


def test_plan_refuses_duplicate_names(reflection: CircleFormat) -> None:
    with pytest.raises(ValidationError, match="given twice: bo"):
        SessionPlan(
            session_id="s",
            format=reflection,
            participants=(Participant(name="Ane"), Participant(name="Bo"), Participant(name="bo")),
            created_at=0,
        )


def test_participants_with_roles() -> None:
    people = parse_participants(" Ane ,Bo=case-giver,, Cai ")
    assert [(p.name, p.role) for p in people] == [
        ("Ane", "participant"),
        ("Bo", "case-giver"),
        ("Cai", "participant"),
    ]
    with pytest.raises(ValueError, match="no participants"):
        parse_participants(" , ")


def test_summary_reports_times_passes_and_items(reflection: CircleFormat) -> None:
    clock = FakeClock()
    d = Driver(make_plan(reflection), clock)
    clock.advance(120)
    d.ok(NextPhase(confirmed=True))
    d.state.order = (0, 1, 2)
    d.ok(GiveWord())
    clock.advance(75)  # Ane: 15 s over
    d.ok(PassTurn())  # Ane passes after speaking (counts as a pass)
    clock.advance(30)
    d.ok(GiveWord())  # Bo done, Cai
    clock.advance(45)
    d.ok(RecordItem(kind=ItemKind.AGREEMENT, text="share the checklist", owner="Bo"))
    d.ok(GiveWord())  # Cai done, Ane again
    clock.advance(10)
    d.ok(GiveWord())
    summary = build_summary(d.state, clock.now())
    ane, bo, cai = summary.airtime
    assert (ane.seconds, bo.seconds, cai.seconds) == (85, 30, 45)
    assert ane.passes == 1 and ane.turns == 1 and ane.overtime_seconds == 25
    assert summary.speaking_seconds == 160
    assert summary.phases[0].actual_seconds == 120
    assert summary.phases[1].planned_seconds == 180
    assert summary.contract_agreed
    assert [i.text for i in summary.items] == ["share the checklist"]
