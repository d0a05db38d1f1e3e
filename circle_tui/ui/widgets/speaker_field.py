"""The console's field for naming a person: who speaks, who is absent or leaves, who joins.

`c` opens it to choose who speaks (a seat number or first letters), `l` with
whoever has spoken least (the progressive stack's proposal), so `enter`
accepts it; `A` marks someone absent or back, `L` someone who leaves, `j`
takes the name of a latecomer, `o` a position in a disagreement and who
holds it. `escape` leaves it. The focus moves in and out
at once (see `ui/keys.py`).
"""

from __future__ import annotations

from enum import StrEnum

from textual.widgets import Input

from circle_tui.core.i18n import N_, _


class Purpose(StrEnum):
    """What the person named in the field is for."""

    SPEAK = "speak"
    ABSENT = "absent"
    LEAVE = "leave"
    JOIN = "join"
    POSITION = "position"


HINTS = {
    # Translators: hint in the field for choosing who speaks (a seat number or a name)
    Purpose.SPEAK: N_("Who speaks? A number (1 is the first seat) or the start of a name"),
    # Translators: hint in the field for marking someone absent (or back again)
    Purpose.ABSENT: N_("Who is absent, or back again? A number or the start of a name"),
    # Translators: hint in the field for someone who leaves before the close
    Purpose.LEAVE: N_("Who leaves the circle? A number or the start of a name"),
    # Translators: hint in the field for a latecomer; Name=role gives them a role
    Purpose.JOIN: N_("Who joins? Their name (Name=role for a role)"),
    # Translators: hint in the field for a position in a disagreement and who holds it
    Purpose.POSITION: N_("A position, and who holds it: Keep the rota: Ane, Bo"),
}
"""What the field asks, by purpose (translated where shown)."""


class SpeakerField(Input):
    """One line naming a person; what follows is the console's (`console_fields.py`)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, compact=True, select_on_focus=False, max_length=60)
        self.purpose = Purpose.SPEAK
        self.display = False

    def open(self, purpose: Purpose = Purpose.SPEAK, proposed: str = "") -> None:
        """Show the field, with a proposal to accept or change; the next key types into it."""
        self.purpose = purpose
        self.placeholder = _(HINTS[purpose])
        self.value = proposed
        self.cursor_position = len(proposed)
        self.display = True
        self.screen.set_focus(self)  # at once, not `focus()`, which waits in the queue

    def close(self) -> None:
        """Empty and hide the field; the focus goes back to the circle."""
        self.value = ""
        self.display = False
        self.screen.set_focus(None)
