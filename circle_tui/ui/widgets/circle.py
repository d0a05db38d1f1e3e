"""Who sits in the circle, and where each person stands in this phase."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from circle_tui.core.state import SessionState

STATUS_MARKS: dict[str, tuple[str, str, str]] = {
    "speaking": ("▶", "speaking", "bold reverse"),
    "spoken": ("✓", "spoken", ""),
    "passed": ("↷", "passed", "italic"),
    "waiting": ("·", "", ""),
    "silent": ("–", "listens", "dim"),
    "present": ("○", "", ""),
}
"""Per status: a symbol, a word and a style, so colour is never the only sign."""


class CircleView(Static):
    """The participants in seating order, each marked with their status."""

    def show(self, state: SessionState) -> None:
        """Render the circle for the current state."""
        text = Text()
        upcoming = state.next_speaker()
        for index, person in enumerate(state.plan.participants):
            status = state.status_of(index)
            symbol, word, style = STATUS_MARKS[status]
            if index == upcoming and status != "speaking":
                word = "next"
            text.append(f" {symbol} {person.name}", style=style)
            if word:
                text.append(f"  {word}", style="" if status == "speaking" else "dim")
            if person.role != "participant":
                text.append(f"  ({state.plan.format.role_name(person.role)})", style="italic")
            text.append("\n")
        self.update(text)
