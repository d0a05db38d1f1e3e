"""The ticker waits for the first clock on screen to show a new second (issue 23.4)."""

from __future__ import annotations

import random

import pytest

from circle_tui.core.decide import GiveWord, NextPhase, TogglePause
from circle_tui.core.formats import CircleFormat
from circle_tui.core.timing import (
    FakeClock,
    format_seconds,
    session_elapsed,
    time_boxes,
    until_next_second,
)
from tests.conftest import make_plan
from tests.core.driver import Driver


def faces(driver: Driver, now: float) -> tuple[str, ...]:
    """Every clock the console and the wall show, as shown."""
    shown = [format_seconds(session_elapsed(driver.state, now), round_up=False)]
    for box in time_boxes(driver.state, now):
        shown.append(format_seconds(box.used, round_up=False))
        if box.remaining is not None:
            shown.append(format_seconds(box.remaining))
            shown.append(format_seconds(box.overtime, round_up=False))
    return tuple(shown)


def running_turn(reflection: CircleFormat, clock: FakeClock) -> Driver:
    driver = Driver(make_plan(reflection), clock)
    clock.advance(0.37)  # the session's second and the turn's are not in step
    driver.ok(NextPhase(confirmed=True))
    clock.advance(1.61)
    driver.ok(GiveWord())
    return driver


def test_it_names_the_moment_the_first_shown_second_turns(reflection: CircleFormat) -> None:
    clock = FakeClock()
    driver = running_turn(reflection, clock)
    rng = random.Random(23)
    for _ in range(300):
        clock.advance(rng.uniform(0.0, 2.5))
        now = clock.now()
        wait = until_next_second(driver.state, now)
        assert 0 < wait <= 1.0
        before = faces(driver, now)
        assert faces(driver, now + wait - 1e-6) == before  # nothing turns earlier
        assert faces(driver, now + wait + 1e-6) != before  # and something turns then


def test_overtime_counts_up_on_its_own_seconds(reflection: CircleFormat) -> None:
    clock = FakeClock()
    driver = running_turn(reflection, clock)
    clock.advance(3 * 60 + 7.25)  # 7.25 s into overtime of the 3-minute box
    now = clock.now()
    wait = until_next_second(driver.state, now)
    assert faces(driver, now + wait + 1e-6) != faces(driver, now)
    assert wait <= 0.75 + 1e-9


@pytest.mark.parametrize("stopped", ["paused", "closed"])
def test_nothing_runs_nothing_turns(reflection: CircleFormat, stopped: str) -> None:
    clock = FakeClock()
    driver = running_turn(reflection, clock)
    if stopped == "paused":
        driver.ok(TogglePause())
    else:
        for _ in reflection.phases:
            driver.do(NextPhase(confirmed=True))
        assert driver.state.closed
    assert until_next_second(driver.state, clock.now()) == 1.0
