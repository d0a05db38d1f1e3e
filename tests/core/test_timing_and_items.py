"""Timing is computed, never counted down; items are read from one typed line."""

from __future__ import annotations

import pytest

from circle_tui.core.decide import GiveWord, NextPhase, TogglePause
from circle_tui.core.events import ItemKind, TakeawayLevel
from circle_tui.core.formats import CircleFormat, PhaseKind
from circle_tui.core.items import parse_item
from circle_tui.core.timing import (
    BoxKind,
    FakeClock,
    TimeBox,
    format_seconds,
    phase_clock,
    time_boxes,
    turn_clock,
)
from tests.conftest import make_plan
from tests.core.driver import Driver


def test_no_drift_over_three_hours_of_repaints(reflection: CircleFormat) -> None:
    """Repaint every 0.1 s for 3 hours with pauses: remaining = budget - true speaking time."""
    clock = FakeClock()
    driver = Driver(make_plan(reflection), clock)
    driver.ok(NextPhase(confirmed=True))
    driver.ok(GiveWord())
    start = clock.now()
    paused_total = 0.0
    worst = 0.0
    for step in range(3 * 3600 * 10):
        clock.advance(0.1)
        if step % 6000 == 3000:
            driver.ok(TogglePause())
            clock.advance(42.5)
            paused_total += 42.5
            driver.ok(TogglePause())
        shown = turn_clock(driver.state, clock.now())
        assert shown is not None
        truth = 60 - (clock.now() - start - paused_total)
        worst = max(worst, abs(shown.remaining - truth))
    assert worst < 1e-6


def test_phase_clock_excludes_pauses(reflection: CircleFormat, clock: FakeClock) -> None:
    driver = Driver(make_plan(reflection), clock)
    clock.advance(60)
    driver.ok(TogglePause())
    clock.advance(600)
    shown = phase_clock(driver.state, clock.now())
    assert shown is not None
    assert shown.elapsed == pytest.approx(60)
    assert shown.remaining == pytest.approx(240)


@pytest.mark.parametrize(
    ("seconds", "round_up", "text"),
    [
        (0, True, "0:00"),
        (0.01, True, "0:01"),
        (59.99, False, "0:59"),
        (61, True, "1:01"),
        (3725, True, "1:02:05"),
        (-3, True, "0:00"),
    ],
)
def test_format_seconds(seconds: float, round_up: bool, text: str) -> None:
    assert format_seconds(seconds, round_up=round_up) == text


def test_items_follow_the_phase_or_a_prefix() -> None:
    assert parse_item("handovers", PhaseKind.CONTRACT).kind is ItemKind.FOCUS
    assert parse_item("evening shifts", PhaseKind.DISAGREEMENT).kind is ItemKind.DISAGREEMENT
    learned = parse_item("learned: we mean different things", PhaseKind.DISAGREEMENT)
    assert learned.kind is ItemKind.LEARNING and learned.text == "we mean different things"
    take = parse_item("We: ask before we assume", PhaseKind.CLOSING)
    assert take.kind is ItemKind.TAKEAWAY and take.level is TakeawayLevel.WE
    agreement = parse_item("share the checklist @Bo by 2026-12-01", PhaseKind.CLOSING)
    assert agreement.kind is ItemKind.AGREEMENT
    assert (agreement.text, agreement.owner, agreement.due) == (
        "share the checklist",
        "Bo",
        "2026-12-01",
    )
    # A colon in ordinary text is not a prefix.
    plain = parse_item("note: time matters", PhaseKind.CLOSING)
    assert plain.kind is ItemKind.AGREEMENT and plain.text == "note: time matters"


def boxes(driver: Driver) -> list[tuple[str, float, float | None, bool]]:
    found = time_boxes(driver.state, driver.clock.now())
    return [(box.kind.value, box.used, box.budget, box.moves_on) for box in found]


def test_which_time_box_runs_is_said_once(reflection: CircleFormat, clock: FakeClock) -> None:
    """The timers, the hard time-out and the simulator all read `time_boxes`."""
    driver = Driver(make_plan(reflection), clock)
    clock.advance(10)
    assert boxes(driver) == [("phase", 10, 300, False)]  # a contract ends when the group agrees
    driver.ok(NextPhase(confirmed=True))
    assert boxes(driver) == [("phase", 0, None, False)]  # a check-in's clock counts up
    driver.ok(GiveWord())
    clock.advance(25)
    assert boxes(driver) == [("turn", 25, 60, True), ("phase", 25, None, False)]
    assert time_boxes(driver.state, clock.now())[0].speaker == 0
    while not driver.state.closed:
        driver.ok(NextPhase(confirmed=True))
    assert boxes(driver) == []


def test_a_time_box_without_a_length_counts_up() -> None:
    box = TimeBox(BoxKind.PHASE, used=90.0, budget=None)
    assert (box.remaining, box.overtime, box.fraction_used, box.state) == (None, 0.0, 0.0, "ok")
    over = TimeBox(BoxKind.TURN, used=75.0, budget=60.0, speaker=1)
    assert (over.remaining, over.overtime, over.state) == (-15.0, 15.0, "overtime")
