"""The facilitator's message on the wall, large, with a countdown when it names a time.

"Break until 10:30" or "Back in 10 min": the console reads the time when the
message is sent, the event keeps when it is up, and the wall counts down to
it from its own clock (nothing is decremented). Hidden while there is none.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from circle_tui.core.state import SessionState
from circle_tui.core.timing import format_seconds
from circle_tui.ui.widgets.wall_timer import BigDigits, BigText

MESSAGE_SCALE = 2
"""The message is drawn at most this large (the timer's digits stay the largest thing)."""


class WallNotice(Vertical):
    """The message for the room, and the time left until the time it names."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[str, str | None] | None = None

    def compose(self) -> ComposeResult:
        yield BigText(max_scale=MESSAGE_SCALE, id="notice-text")
        yield BigDigits("0:00", id="notice-countdown")

    def show(self, state: SessionState, now: float) -> None:
        """Paint the message and its countdown as of `now` (only what changed)."""
        wall = state.wall
        left = None if wall.until is None else format_seconds(max(0.0, wall.until - now))
        shown = (wall.message, left)
        if shown == self._shown:
            return
        self._shown = shown
        self.set_class(bool(wall.message), "-shown")  # a class: blank and waiting still hide it
        self.query_one("#notice-text", BigText).update(wall.message)
        countdown = self.query_one("#notice-countdown", BigDigits)
        countdown.display = left is not None
        if left is not None:
            countdown.update(left)
