"""The ticker paints a new second as it begins, and at once after a blocked loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from textual.message_pump import MessagePump

from circle_tui.core.decide import GiveWord, NextPhase
from circle_tui.core.formats import CircleFormat
from circle_tui.core.timing import FakeClock, until_next_second
from circle_tui.ui.repaint import AFTER_THE_SECOND, TICK_SECONDS, Repaint
from tests.conftest import make_plan
from tests.core.driver import Driver


class Owner:
    """Stands in for a screen: keeps the timers asked for, fires them when told."""

    def __init__(self) -> None:
        self.asked: list[tuple[float, Callable[[], object]]] = []

    def set_timer(self, delay: float, callback: Callable[[], object]) -> None:
        self.asked.append((delay, callback))

    def fire(self) -> float:
        delay, callback = self.asked.pop()
        callback()
        return delay


def ticking(driver: Driver, clock: FakeClock) -> tuple[Owner, list[float]]:
    """A ticker started on `driver`'s circle; the moments it ticked at."""
    owner, ticks = Owner(), []
    Repaint(cast(Any, None)).start_ticking(
        cast(MessagePump, owner),
        lambda: ticks.append(clock.now()),
        lambda: (driver.state, clock.now()),
    )
    return owner, ticks


def test_each_wait_ends_just_after_the_next_shown_second(reflection: CircleFormat) -> None:
    clock = FakeClock()
    driver = Driver(make_plan(reflection), clock)
    driver.ok(NextPhase(confirmed=True))
    clock.advance(0.4)
    driver.ok(GiveWord())
    owner, ticks = ticking(driver, clock)
    for _ in range(40):
        delay, _callback = owner.asked[-1]
        turn = until_next_second(driver.state, clock.now()) + AFTER_THE_SECOND
        assert abs(delay - min(TICK_SECONDS, turn)) < 1e-9 or delay == AFTER_THE_SECOND
        clock.advance(delay)
        owner.fire()
    assert len(ticks) == 40


def test_a_wait_that_ended_late_ticks_at_once_and_aligns_again(reflection: CircleFormat) -> None:
    """After a 250 ms block the timer's callback runs as soon as the loop is free (a
    fixed-rate ticker would skip to its next slot), and the next wait is computed anew."""
    clock = FakeClock()
    driver = Driver(make_plan(reflection), clock)
    driver.ok(NextPhase(confirmed=True))
    driver.ok(GiveWord())
    owner, ticks = ticking(driver, clock)
    clock.advance(0.25 + owner.asked[-1][0])  # blocked: the wait ended 250 ms late
    owner.fire()
    assert ticks == [clock.now()]  # painted the moment the loop was free
    delay, _callback = owner.asked[-1]
    assert delay <= until_next_second(driver.state, clock.now()) + AFTER_THE_SECOND


def test_a_clock_that_stands_still_waits_a_whole_tick(reflection: CircleFormat) -> None:
    """A fake clock in a test never moves: the ticker must not spin on a tiny wait."""
    clock = FakeClock()
    driver = Driver(make_plan(reflection), clock)
    driver.ok(NextPhase(confirmed=True))
    driver.ok(GiveWord())
    clock.advance(0.999)
    owner = Owner()
    Repaint(cast(Any, None)).start_ticking(
        cast(MessagePump, owner), lambda: None, lambda: (driver.state, clock.now())
    )
    owner.fire()
    assert owner.asked[-1][0] == TICK_SECONDS


def test_a_second_that_begins_while_the_tick_runs_is_painted_at_once(
    reflection: CircleFormat,
) -> None:
    """The tick painted just before the turn's second turned and took a little while: the
    next wait counts from the moment painted, so it is short, not a whole tick."""
    clock = FakeClock()
    driver = Driver(make_plan(reflection), clock)
    driver.ok(NextPhase(confirmed=True))
    driver.ok(GiveWord())
    clock.advance(4.9995)  # half a millisecond before the turn's fifth second
    owner = Owner()

    def slow_tick() -> None:
        clock.advance(0.0015)  # painting took 1.5 ms: the second turned meanwhile

    Repaint(cast(Any, None)).start_ticking(
        cast(MessagePump, owner), slow_tick, lambda: (driver.state, clock.now())
    )
    owner.fire()
    assert owner.asked[-1][0] == AFTER_THE_SECOND  # at once, not TICK_SECONDS later
