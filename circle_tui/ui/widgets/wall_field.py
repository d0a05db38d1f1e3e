"""The console's field for a message to the wall ("Break until 10:30").

Hidden until the facilitator presses `m`; `enter` sends what was typed (an
empty field takes the message down), `escape` leaves it. It opens with the
message on the wall now, so it can be changed or emptied. The focus moves in
and out at once (see `ui/keys.py`).
"""

from __future__ import annotations

from textual.widgets import Input

from circle_tui.core.i18n import _
from circle_tui.core.wall import MESSAGE_LENGTH


class WallField(Input):
    """One line for the wall; sending it is the console's (`console_fields.py`)."""

    def __init__(self, *, id: str | None = None) -> None:
        # Translators: hint in the field for a message shown large on the wall
        hint = _("Message for the wall, e.g. Break until 10:30 (empty: take it down)")
        super().__init__(
            placeholder=hint,
            id=id,
            compact=True,
            select_on_focus=False,
            max_length=MESSAGE_LENGTH,
        )
        self.display = False

    def open(self, shown: str) -> None:
        """Show the field with the message on the wall now; the next key types into it."""
        self.value = shown
        self.cursor_position = len(shown)
        self.display = True
        self.screen.set_focus(self)  # at once, not `focus()`, which waits in the queue

    def close(self) -> None:
        """Empty and hide the field; the focus goes back to the circle."""
        self.value = ""
        self.display = False
        self.screen.set_focus(None)
