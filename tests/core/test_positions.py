"""A disagreement by positions: each position gets the same time, whatever its holders."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from circle_tui.core.decide import GiveWord, NamePosition, Refusal, Timeout, due_command
from circle_tui.core.format_checks import format_problems
from circle_tui.core.formats import CircleFormat
from circle_tui.core.plan import SessionPlan, parse_participants
from circle_tui.core.summary import build_summary
from circle_tui.core.timing import FakeClock, time_boxes
from tests.core.driver import Driver

T0 = 1_790_000_000.0
NAMES = [f"P{i}" for i in range(40)]


def by_positions(timing: str = "hard", declared: tuple[str, ...] = ()) -> CircleFormat:
    return CircleFormat.model_validate(
        {
            "id": "t",
            "name": "T",
            "phases": [
                {
                    "kind": "disagreement",
                    "title": "Where we differ",
                    "turn_seconds": 60,
                    "position_seconds": 120,
                    "positions": list(declared),
                    "timing": timing,
                }
            ],
        }
    )


def driver(people: int, fmt: CircleFormat) -> Driver:
    plan = SessionPlan(
        session_id="s",
        format=fmt,
        participants=parse_participants(",".join(NAMES[:people])),
        created_at=T0,
    )
    return Driver(plan, FakeClock(T0))


def test_the_word_alternates_between_positions_and_each_has_one_bank() -> None:
    d = driver(5, by_positions("soft"))
    d.ok(NamePosition("Keep the rota", (0, 1, 2)))
    d.ok(NamePosition("Change it", (3,)))
    d.ok(NamePosition("keep the rota", (4,)))  # the same position, found by its name
    assert d.state.positions_of(0) == ["Keep the rota", "Change it"]
    spoke = []
    for _ in range(5):
        d.ok(GiveWord())
        spoke.append(d.state.speaker)
        d.clock.advance(20)
    positions = [d.state.holders[0][p] for p in spoke if p is not None]
    assert positions == [0, 1, 0, 1, 0]  # alternating
    assert spoke[1] == spoke[3] == 3  # Change it has one holder: always them
    box = time_boxes(d.state, d.clock.now())[0]
    assert (box.budget, box.used) == (120, 60)  # Keep the rota: 3 turns of 20 s from one bank


def test_positions_are_refused_outside_a_phase_by_positions() -> None:
    fmt = CircleFormat.model_validate(
        {
            "id": "t",
            "name": "T",
            "phases": [{"kind": "disagreement", "title": "D", "turn_seconds": 60}],
        }
    )
    refused = driver(3, fmt).do(NamePosition("A", (0,)))
    assert isinstance(refused, Refusal) and "position_seconds" in refused.reason


def test_the_summary_gives_time_per_position_never_who_held_it() -> None:
    d = driver(4, by_positions(declared=("Keep", "Change")))
    d.ok(NamePosition("Keep", (0, 1)))
    d.ok(NamePosition("Change", (2, 3)))
    d.ok(GiveWord())
    d.clock.advance(30)
    d.ok(GiveWord())
    d.clock.advance(45)
    summary = build_summary(d.state, d.clock.now())
    report = summary.phases[0].positions
    assert [(p.name, p.seconds, p.bank_seconds) for p in report] == [
        ("Keep", 30.0, 120.0),
        ("Change", 45.0, 120.0),
    ]
    assert "P0" not in summary.phases[0].model_dump_json()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=6), min_size=2, max_size=4),
    st.lists(st.integers(min_value=5, max_value=70), min_size=1, max_size=20),
)
def test_every_position_speaks_its_bank_whatever_its_holders(
    holders: list[int], stretches: list[int]
) -> None:
    """Each speaker gives the word back after a while or is stopped by the bank; at the end
    every position spoke its bank, within a second."""
    d = driver(sum(holders), by_positions())
    seat = 0
    for index, count in enumerate(holders):
        d.ok(NamePosition(f"Position {index + 1}", tuple(range(seat, seat + count))))
        seat += count
    d.ok(GiveWord())
    step = 0
    while d.state.speaker is not None and step < 10_000:
        wait = stretches[step % len(stretches)]
        step += 1
        for _ in range(wait):
            d.clock.advance(1)
            if due_command(d.state, d.clock.now()) is not None:
                d.ok(Timeout())  # the bank ran out: the next position has the word
                break
        else:
            decision = d.do(GiveWord())
            assert not isinstance(decision, Refusal) or d.state.speaker is None
    spoken = [p.seconds for p in build_summary(d.state, d.clock.now()).phases[0].positions]
    assert max(spoken) - min(spoken) <= 1.0
    assert all(s == pytest.approx(120, abs=1.0) for s in spoken)


def test_position_fields_are_checked() -> None:
    fmt = CircleFormat.model_validate(
        {
            "id": "t",
            "name": "T",
            "phases": [
                {"kind": "open", "title": "O", "phase_seconds": 60, "position_seconds": 60},
                {"kind": "disagreement", "title": "D", "turn_seconds": 60, "positions": ["A"]},
                {
                    "kind": "disagreement",
                    "title": "E",
                    "turn_seconds": 60,
                    "position_seconds": 60,
                    "positions": ["A", "a"],
                },
            ],
        }
    )
    found = {(p.loc, p.message) for p in format_problems(fmt)}
    assert (("phases", 0, "position_seconds"), "only a phase with turns goes by positions") in found
    assert (("phases", 1, "positions"), "positions need position_seconds") in found
    assert (("phases", 2, "positions", 1), "'a' is named twice") in found


def test_the_markdown_gives_each_positions_time() -> None:
    from circle_tui.export.markdown import render_markdown

    d = driver(4, by_positions(declared=("Keep", "Change")))
    d.ok(NamePosition("Keep", (0, 1)))
    d.ok(NamePosition("Change", (2, 3)))
    d.ok(GiveWord())
    d.clock.advance(30)
    d.ok(GiveWord())
    d.clock.advance(45)
    text = render_markdown(build_summary(d.state, d.clock.now()))
    assert "Time per position in “Where we differ”: Keep 0:30 of 2:00; Change 0:45 of 2:00." in text


def test_a_pseudonymized_summary_names_nobody_in_its_positions() -> None:
    from circle_tui.core.pseudonym import pseudonymize

    plan = SessionPlan(
        session_id="s",
        format=by_positions(),
        participants=parse_participants("Ane,Bodil,Cai"),
        created_at=T0,
    )
    d = Driver(plan, FakeClock(T0))
    d.ok(NamePosition("Keep Ane's rota", (0,)))
    d.ok(NamePosition("Do what Bodil wants", (1,)))
    d.ok(GiveWord())
    d.clock.advance(10)
    hidden = pseudonymize(build_summary(d.state, d.clock.now()), "s", plan.format)
    text = hidden.model_dump_json()
    assert "Ane" not in text and "Bodil" not in text
    assert [p.name.startswith(("Keep P", "Do what P")) for p in hidden.phases[0].positions] == [
        True,
        True,
    ]


def test_a_damaged_position_event_is_refused_not_a_crash() -> None:
    from circle_tui.core.events import PositionHeld
    from circle_tui.core.misfits import out_of_plan

    d = driver(3, by_positions())
    problem = out_of_plan(d.state, PositionHeld(at=T0, phase=7, person=0, position=0))
    assert problem is not None and "phase" in problem


def with_other_side(timing: str = "soft") -> CircleFormat:
    fmt = by_positions(timing)
    phase = fmt.phases[0].model_copy(update={"strongest_point_seconds": 45})
    return fmt.model_copy(update={"phases": (phase,)})


def test_each_position_states_anothers_strongest_point_as_learning() -> None:
    from circle_tui.core.decide import NextPhase
    from circle_tui.core.events import ItemKind, OtherSideStarted
    from circle_tui.core.formats import PhaseKind
    from circle_tui.core.items import parse_item
    from circle_tui.export.words import other_side

    d = driver(4, with_other_side())
    d.ok(NamePosition("Keep the rota", (0, 1)))
    d.ok(NamePosition("Change it", (2, 3)))
    for _ in range(4):
        d.ok(GiveWord())
        d.clock.advance(30)
    events = d.ok(NextPhase(confirmed=True))  # not the end of the phase: the last step
    assert isinstance(events[-1], OtherSideStarted) and d.state.phase == 0
    spent = dict(d.state.position_spent)
    assert spent == {(0, 0): 60.0, (0, 1): 60.0}
    d.ok(GiveWord())
    speaker = d.state.speaker
    assert speaker is not None
    assert d.state.holders[0][speaker] == 0  # Keep the rota says Change it's best point
    box = time_boxes(d.state, d.clock.now())[0]
    assert (box.budget, box.used) == (45, 0)  # its own box, not what is left of the bank
    d.clock.advance(40)
    said = "a fixed rota is fair to the new"
    d.ok(parse_item(said, PhaseKind.DISAGREEMENT, default=ItemKind.LEARNING))
    d.ok(GiveWord())  # Change it
    speaker = d.state.speaker
    assert speaker is not None and d.state.holders[0][speaker] == 1
    assert d.state.still_to_state() == []
    d.clock.advance(20)
    d.ok(GiveWord())
    assert d.state.speaker is None and d.state.stated(0) == {0, 1}
    assert d.state.position_spent == spent  # the banks are as they were
    from circle_tui.core.airtime import airtime

    # 30 s in the bank and 40 of a 45 s box: nobody ran over (not 70 against one box)
    assert [a.overtime_seconds for a in airtime(d.state, d.clock.now())] == [0, 0, 0, 0]
    summary = build_summary(d.state, d.clock.now())
    assert [p.said_other_side for p in summary.phases[0].positions] == [True, True]
    assert [p.seconds for p in summary.phases[0].positions] == [60.0, 60.0]
    assert [i.text for i in summary.items if i.kind is ItemKind.LEARNING] == [
        "a fixed rota is fair to the new"
    ]
    line = other_side(summary.phases[0])
    assert line == (
        "Another position's strongest point was said by 2 of 2 positions: Keep the rota; Change it."
    )
    events = d.ok(NextPhase())  # everyone has said it: the phase ends, the circle closes
    assert d.state.closed


def test_moving_on_before_every_position_said_it_asks_first() -> None:
    from circle_tui.core.decide import NextPhase

    d = driver(3, with_other_side())
    d.ok(NamePosition("Keep the rota", (0,)))
    d.ok(NamePosition("Change it", (1, 2)))
    d.ok(NextPhase(confirmed=True))
    d.ok(GiveWord())
    d.clock.advance(50)  # five seconds over the statement's box
    from circle_tui.core.airtime import airtime

    assert [a.overtime_seconds for a in airtime(d.state, d.clock.now())] == [5, 0, 0]
    refused = d.do(NextPhase())
    assert isinstance(refused, Refusal) and refused.needs_confirm
    assert "(Change it)" in refused.reason
    summary = build_summary(d.state, d.clock.now())
    assert [p.said_other_side for p in summary.phases[0].positions] == [False, False]
    d.ok(NextPhase(confirmed=True))
    assert d.state.closed


def test_one_position_alone_has_no_other_side_step() -> None:
    from circle_tui.core.decide import NextPhase

    d = driver(3, with_other_side())
    d.ok(NamePosition("Keep the rota", (0, 1, 2)))
    d.ok(NextPhase(confirmed=True))
    assert d.state.closed  # nobody to take the other side of


def test_a_hard_box_moves_the_statement_on_and_the_field_is_checked() -> None:
    from circle_tui.core.decide import NextPhase

    d = driver(4, with_other_side("hard"))
    d.ok(NamePosition("Keep the rota", (0, 1)))
    d.ok(NamePosition("Change it", (2, 3)))
    d.ok(NextPhase(confirmed=True))
    d.ok(GiveWord())
    first = d.state.speaker
    d.clock.advance(46)
    command = due_command(d.state, d.clock.now())
    assert isinstance(command, Timeout)
    d.ok(command)
    assert d.state.speaker not in (None, first) and d.state.stated(0) == {0}
    broken = CircleFormat.model_validate(
        {
            "id": "t",
            "name": "T",
            "phases": [
                {
                    "kind": "disagreement",
                    "title": "D",
                    "turn_seconds": 60,
                    "strongest_point_seconds": 30,
                }
            ],
        }
    )
    found = [(p.loc, p.message) for p in format_problems(broken)]
    assert (
        ("phases", 0, "strongest_point_seconds"),
        "strongest_point_seconds needs position_seconds",
    ) in found
