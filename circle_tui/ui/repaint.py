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

from textual.dom import DOMNode

from circle_tui.core.state import SessionState
from circle_tui.ui.widgets.airtime import AirtimePanel
from circle_tui.ui.widgets.circle import CircleView
from circle_tui.ui.widgets.phasebar import PhasePrompt, PhaseStrip, PhaseTimes
from circle_tui.ui.widgets.positions import PositionClocks
from circle_tui.ui.widgets.shared import SharedItems
from circle_tui.ui.widgets.timer import TurnTimer

TICK_SECONDS = 0.1
"""How often the clock repaints (time itself comes from the clock, not the ticker)."""
TICKS_A_SECOND = round(1 / TICK_SECONDS)


class Repaint:
    """Paints the circle's pieces under `root` (the console screen, the wall app)."""

    def __init__(self, root: DOMNode) -> None:
        self.root = root
        self.ticks = 0
        """Ticks so far."""

    def tick(self) -> bool:
        """Count a tick; True on the first tick of each second (for what changes slowly)."""
        self.ticks += 1
        return self.ticks % TICKS_A_SECOND == 1

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
