"""The clocks of a disagreement by positions: one per position, never who holds it.

Each position has the same time bank however many hold it; the clock with the
word is marked. The console and the wall show it alike, only in such a phase.
"""

from __future__ import annotations

from rich.text import Text

from circle_tui.core.i18n import _
from circle_tui.core.state import SessionState
from circle_tui.core.timing import PositionClock, format_seconds, position_clocks
from circle_tui.ui.widgets.steady import Steady

BAR = 10


def positions_text(clocks: list[PositionClock], *, dim: str = "dim") -> Text:
    """One line per position: the word marker, its name, a bar and the time left."""
    text = Text()
    stating = any(c.stated is not None for c in clocks)
    # Translators: heading over the time each position in a disagreement has left; in
    # brackets after each, how many hold it (never who)
    heading = _("Time per position (holders)")
    if stating:
        # Translators: heading in the last step of a disagreement by positions; ✓ marks
        # each position that has said another's strongest point
        heading = _("Another's strongest point (✓ said)")
    text.append(heading, style="bold underline")
    text.append("\n")
    width = min(18, max((len(c.name) for c in clocks), default=4))
    for clock in clocks:
        name = clock.name if len(clock.name) <= width else clock.name[: width - 1] + "…"
        share = min(1.0, clock.used / clock.bank) if clock.bank else 1.0
        filled = round((1 - share) * BAR)
        style = "bold reverse" if clock.speaking else ""
        text.append("▶ " if clock.speaking else "  ", style="bold")
        text.append(f"{name:<{width}} ", style=style)
        text.append("█" * filled, style="bold")
        text.append("░" * (BAR - filled), style=dim)
        if clock.remaining >= 0:
            left = format_seconds(clock.remaining)
        else:
            left = "+" + format_seconds(-clock.remaining, round_up=False)
        text.append(f" {left:>5} ")
        text.append(f"({clock.holders})", style=dim)
        text.append(" ✓\n" if clock.stated else "\n", style="bold")
    return text


class PositionClocks(Steady):
    """The positions' clocks; hidden outside a disagreement by positions."""

    def __init__(self, *, dim: str = "dim", id: str | None = None) -> None:
        super().__init__("", id=id)
        self.dim = dim
        """The style of what is less important; "" for the projector (no dim text)."""
        self.display = False

    def show(self, state: SessionState, now: float) -> None:
        """The clocks as of `now` (repainted only when what they say changes)."""
        clocks = position_clocks(state, now)
        if not clocks:
            self.display = False
            return
        self.display = True
        self.say(positions_text(clocks, dim=self.dim))
