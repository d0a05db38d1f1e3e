"""The one repaint of a circle, for the facilitator's console and the wall.

Both show the same pieces, each a widget told what to show through its own
`show`: the phase strip, the time line, the question, the circle, the shared
items, the turn timer, the positions' clocks and the speaking time. `Repaint` paints them for
either, from a state and a clock: what follows the events when one was
applied, the clock on every tick, the speaking time once a second (it
changes slowly). What only one of them shows (the console's notes, legend
and item field; the wall's time of day and its waiting) each paints itself.

Remaining time is computed from the events and the clock; the ticker only
repaints.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.dom import DOMNode
from textual.message_pump import MessagePump

from circle_tui.core.state import SessionState
from circle_tui.core.timing import until_next_second
from circle_tui.ui.widgets.airtime import AirtimePanel
from circle_tui.ui.widgets.circle import CircleView
from circle_tui.ui.widgets.phasebar import PhasePrompt, PhaseStrip, PhaseTimes
from circle_tui.ui.widgets.positions import PositionClocks
from circle_tui.ui.widgets.shared import SharedItems
from circle_tui.ui.widgets.timer import TurnTimer

TICK_SECONDS = 0.1
"""The longest wait between two repaints (time itself comes from the clock, not the ticker)."""
AFTER_THE_SECOND = 0.002
"""A tick comes this long after a clock's second begins, so the new second is there."""
SHORTEST_WAIT = 0.02
"""A rehearsal faster than real time ticks at most 50 times a second (at 1000x a second
turns every ms)."""


class Repaint:
    """Paints the circle's pieces under `root` (the console screen, the wall app)."""

    def __init__(self, root: DOMNode) -> None:
        self.root = root
        self.ticks = 0
        """Ticks so far."""
        self._second: int | None = None
        self._slow_at = float("-inf")

    def tick(self, now: float) -> bool:
        """Count a tick; True on the first tick of each second of `now`, and at least once
        a real second (a clock that stands still), for what changes slowly: the speaking
        time, whether a display follows."""
        self.ticks += 1
        second, real = int(now), time.monotonic()
        new = second != self._second or real - self._slow_at >= 1.0
        if new:
            self._second, self._slow_at = second, real
        return new

    def start_ticking(
        self,
        owner: MessagePump,
        tick: Callable[[], object],
        shown: Callable[[], tuple[SessionState | None, float]],
    ) -> None:
        """Call `tick` as each second on screen begins, and at least every `TICK_SECONDS`.

        `shown` gives the state on screen and its clock's time (a rehearsal's
        runs faster: its speed divides the wait). A fixed 10 Hz ticker shows a new
        second up to a tick late and, after the loop was blocked, waits for its
        next slot; this one waits for the first clock on screen to turn
        (`until_next_second`), and a wait that ended late ticks at once. The
        timers belong to `owner`, so they stop with it.
        """

        last: list[float] = []

        def again() -> None:
            _state, before = shown()  # the tick paints as of this moment or a little later
            try:
                tick()
            finally:
                schedule(before)

        def schedule(painted: float | None = None) -> None:
            state, now = shown()
            delay = TICK_SECONDS
            if state is not None and (not last or now > last[0]):  # a clock that stands
                speed = max(state.plan.speed, 1e-6)  # (a test's) waits the whole tick
                # Counted from the moment painted: a second that began while the tick
                # ran is painted at once, not a whole tick later.
                since = painted if painted is not None else now
                wait = until_next_second(state, since) - (now - since)
                turn = wait / speed + AFTER_THE_SECOND
                # In real time the clocks on screen turn at most a few times a second:
                # a new second is never held back. A fast rehearsal's are capped.
                shortest = SHORTEST_WAIT if speed > 1 else AFTER_THE_SECOND
                delay = max(shortest, min(delay, turn))
            last[:] = [now]
            owner.set_timer(delay, again)

        schedule()

    def events(self, state: SessionState, width: int) -> None:
        """What follows the events: the circle, the question, the shared items, the phases."""
        query = self.root.query_one
        query(CircleView).show(state)
        query(PhasePrompt).show(state)
        query(SharedItems).show(state)
        self.phases(state, width)

    def phases(self, state: SessionState, width: int) -> None:
        """The phase strip, full titles when `width` allows (also when the window resizes)."""
        self.root.query_one(PhaseStrip).show(state, width)

    def clock(self, state: SessionState, now: float, *, followed: bool = False) -> float | None:
        """The turn timer and the time line as of `now`; return the remaining seconds shown."""
        remaining = self.root.query_one(TurnTimer).show(state, now)
        self.root.query_one(PhaseTimes).show(state, now, followed=followed)
        self.root.query_one(PositionClocks).show(state, now)
        return remaining

    def airtime(self, state: SessionState, now: float) -> None:
        """Speaking time as of `now`, where the panel is shown."""
        panel = self.root.query_one(AirtimePanel)
        if panel.display:
            panel.show(state, now)
