"""The shared-item field: what the group shares, as the facilitator types it.

Hidden until the facilitator shares an item or corrects one; its hint says
what the current phase expects. The console tells it the phase
(`phase_kind`), opens and closes it, and reads what was typed when `enter`
records it (see `ui/screens/console_fields.py`).
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Input

from circle_tui.core.formats import PhaseKind
from circle_tui.ui.widgets.shared import item_hint


class ItemField(Input):
    """One line for a shared item; the focus moves in and out at once (see ui/keys.py)."""

    phase_kind: reactive[PhaseKind | None] = reactive(None, init=False)
    """The kind of the current phase: the hint says what it expects."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=item_hint(None), id=id, compact=True, select_on_focus=False)
        self.display = False
        self.correcting: int | None = None
        """The shared item the field corrects (None: it records a new one)."""

    other_side: reactive[bool] = reactive(False, init=False)
    """In the last step of a disagreement by positions: what is typed is learning."""

    def watch_phase_kind(self, kind: PhaseKind | None) -> None:
        self.placeholder = item_hint(kind, other_side=self.other_side)

    def watch_other_side(self, other_side: bool) -> None:
        self.placeholder = item_hint(self.phase_kind, other_side=other_side)

    def open(self) -> None:
        """Show the field and put the focus in it: the next key already types into it."""
        self.display = True
        self.screen.set_focus(self)  # at once, not `focus()`, which waits in the queue

    def correct(self, index: int, text: str) -> None:
        """Open the field with the item `index` as it was typed (`text`), to be corrected."""
        self.value = text
        self.cursor_position = len(text)  # what is typed goes on from the end, as in any editor
        self.correcting = index
        self.open()

    def close(self) -> None:
        """Empty and hide the field; the focus goes back to the circle."""
        self.value = ""
        self.display = False
        self.correcting = None
        self.screen.set_focus(None)
