"""What the console tells the wall: a message (with the time it names) and the blank."""

from __future__ import annotations

import pytest

from circle_tui.core.commands import BlankWall, Refusal, SayOnWall
from circle_tui.core.events import WallBlanked, WallMessage, event_from_json, event_to_json
from circle_tui.core.formats import CircleFormat
from circle_tui.core.state import fold
from circle_tui.core.timing import FakeClock
from circle_tui.core.wall import MESSAGE_LENGTH, named_until
from tests.conftest import make_plan
from tests.core.driver import Driver

TEN = 1_790_000_000.0 - 1_790_000_000.0 % 86400 + 10 * 3600  # 10:00 UTC on some day


@pytest.mark.parametrize(
    ("text", "offset", "until"),
    [
        ("Break until 10:30", 0, TEN + 1800),
        ("Pause til 10.30", 0, TEN + 1800),
        ("Break 10 min", 0, TEN + 600),
        ("Pauze van 15 minuten", 0, TEN + 900),
        ("Back at 09:00", 0, TEN + 23 * 3600),  # the next 09:00 is tomorrow's
        ("Break until 12:30", 2 * 3600, TEN + 1800),  # 12:30 on a clock two hours ahead
        ("Break", 0, None),
        ("Room 101", 0, None),
        ("0 min", 0, None),
    ],
)
def test_a_message_names_its_time(text: str, offset: float, until: float | None) -> None:
    assert named_until(text, TEN, offset) == until


def test_message_and_blank_are_events_the_fold_keeps(
    reflection: CircleFormat, clock: FakeClock
) -> None:
    d = Driver(make_plan(reflection), clock)
    [said] = d.ok(SayOnWall("  Break   until 10:30 ", until=clock.now() + 600))
    assert isinstance(said, WallMessage) and said.text == "Break until 10:30"
    assert event_from_json(event_to_json(said)) == said
    assert d.state.wall.message == "Break until 10:30" and d.state.wall.until is not None
    [dark] = d.ok(BlankWall())
    assert isinstance(dark, WallBlanked) and dark.blank and d.state.wall.blank
    assert d.state.wall.message == "Break until 10:30"  # blank keeps the message for later
    replayed = fold(d.state.plan, d.log)
    assert replayed.wall == d.state.wall  # resume keeps both
    d.ok(BlankWall())
    d.ok(SayOnWall(""))
    assert not d.state.wall.blank and d.state.wall.message == "" and d.state.wall.until is None


def test_what_the_wall_refuses(reflection: CircleFormat, clock: FakeClock) -> None:
    d = Driver(make_plan(reflection), clock)
    assert isinstance(d.do(SayOnWall("")), Refusal)  # nothing to take down
    assert isinstance(d.do(SayOnWall("x" * (MESSAGE_LENGTH + 1))), Refusal)
    assert isinstance(d.do(SayOnWall("bell\x1b[2J")), Refusal)
    [said] = d.ok(SayOnWall("Break", until=clock.now() - 1))
    assert isinstance(said, WallMessage) and said.until is None  # a time already past: none


def test_the_format_says_when_a_box_shows_its_last_seconds(
    reflection: CircleFormat, clock: FakeClock
) -> None:
    from circle_tui.core.decide import GiveWord, NextPhase
    from circle_tui.core.timing import time_boxes, turn_clock

    for warn_at, at_100, at_150 in [
        (0.2, "ok", "warning"),
        (0.5, "warning", "warning"),
        (20.0, "ok", "ok"),
    ]:
        d = Driver(make_plan(reflection.model_copy(update={"warn_at": warn_at})), clock)
        d.ok(NextPhase(confirmed=True))
        d.ok(NextPhase(confirmed=True))  # the reflection round: 3 minutes each
        d.ok(GiveWord())
        d.wait(100)
        assert time_boxes(d.state, clock.now())[0].state == at_100, warn_at
        d.wait(50)
        turn = turn_clock(d.state, clock.now())
        assert turn is not None and turn.state == at_150, warn_at
        d.wait(15)  # 15 s left: within 20 s
        assert time_boxes(d.state, clock.now())[0].state == "warning", warn_at
