"""The console's two text fields: the private notes and the shared items.

While one of them has the focus, keys type into it; `enter` keeps what was
typed and leaves the field, `escape` leaves it. The focus moves at once
(`set_focus`), so the next key already finds it where the facilitator saw
it (see `ui/keys.py`). The privacy curtain hides the notes in every state.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Input

from circle_tui.core.commands import Command
from circle_tui.core.i18n import _
from circle_tui.core.items import parse_item
from circle_tui.session import LiveSession
from circle_tui.ui.widgets.notes import NoteField, NotesPane


class ConsoleFields(Screen[None]):
    """The notes field, the shared-item field and the curtain, for the console screen."""

    live: LiveSession
    """The session being run (set by the console screen)."""
    FIELDS = ("note-input", "item-input")
    """The console's text fields: while one has the focus, keys type into it."""

    def run_command(self, command: Command) -> None:
        """Carry a command out (the console screen does)."""
        raise NotImplementedError

    def _say(self, message: str, *, error: bool = False) -> None:
        """Say a line under the circle (the console screen does)."""
        raise NotImplementedError

    @property
    def typing_in(self) -> str | None:
        """The id of the console field that has the focus, if any."""
        focused = self.focused
        if focused is not None and focused.id in self.FIELDS:
            return focused.id
        return None

    def action_field_done(self) -> None:
        """enter: keep the note or record the item, and leave the field."""
        if self.typing_in == "note-input":
            self.query_one(NotesPane).keep()
            self.set_focus(None)
        elif self.typing_in == "item-input":
            self._record_item()

    def action_field_leave(self) -> None:
        """escape: leave the field (a note being typed stays there as a draft)."""
        if self.typing_in == "item-input":
            self._hide_item_input()
        else:
            self.set_focus(None)

    def action_toggle_notes(self) -> None:
        note = self.query_one("#note-input", NoteField)
        if note.has_focus:
            self.set_focus(None)
            return
        if self.curtain:
            # Translators: h is the key that lifts the privacy curtain
            self._say(_("The notes are behind the curtain: h shows them again."))
            return
        if note.closed:  # in all the same, so what is typed next is dropped, not run
            self._say(note.placeholder)
        if self.query_one("#item-input", Input).display:
            self._hide_item_input()
        self.set_focus(note)  # at once: the next key already types into the note

    @property
    def curtain(self) -> bool:
        """Whether the private notes are hidden (the privacy curtain is down)."""
        return not self.query_one("#notes-pane").display

    def action_curtain(self) -> None:
        """Hide the notes at once (leaving the field), or show them again, said aloud."""
        pane = self.query_one("#notes-pane")
        if not self.curtain:
            pane.display = False
            if self.typing_in == "note-input":
                self.set_focus(None)  # what was typed stays as a draft, out of sight
            # Translators: h is the key that shows the notes again
            self._say(_("Notes hidden. h shows them again."))
            return
        pane.display = True
        # Translators: h and ctrl+o are keys
        self._say(_("The private notes are visible again (h or ctrl+o hides them)."))

    def action_shared_item(self) -> None:
        item = self.query_one("#item-input", Input)
        item.display = True
        self.set_focus(item)  # at once: the next key already types into the item

    def _record_item(self) -> None:
        item = self.query_one("#item-input", Input)
        text = item.value
        self._hide_item_input()
        phase = self.live.state.current_phase
        if phase is None or not text.strip():
            return
        self.run_command(parse_item(text, phase.kind))

    def _hide_item_input(self) -> None:
        item = self.query_one("#item-input", Input)
        item.value = ""
        item.display = False
        self.set_focus(None)
