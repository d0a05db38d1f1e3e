"""Last time's agreements, reviewed at the check-in: done, ongoing or dropped."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from circle_tui.core.events import FollowUpStatus
from circle_tui.core.i18n import N_, _
from circle_tui.core.plan import FollowUp
from circle_tui.ui.actions import translate_bindings
from circle_tui.ui.screens.dialogs import keys_line
from circle_tui.ui.widgets.shared import follow_up_line

Mark = Callable[[int, FollowUpStatus], Awaitable[None]]
"""Records a mark (the console runs it as a command, committed before it returns)."""


class FollowUpScreen(ModalScreen[None]):
    """Mark each agreement of the group's last session; escape closes."""

    AUTO_FOCUS = "#follow-up-list"  # the console app focuses nothing by itself; ↑↓ need the list

    BINDINGS = [
        # Translators: footer label; marks last time's agreement as done
        Binding("d", "mark('done')", N_("Done"), id="follow-up-done"),
        # Translators: footer label; marks last time's agreement as still going on
        Binding("o", "mark('ongoing')", N_("Ongoing"), id="follow-up-ongoing"),
        # Translators: footer label; marks last time's agreement as dropped
        Binding("x", "mark('dropped')", N_("Dropped"), id="follow-up-dropped"),
        # Translators: footer label; closes the dialog
        Binding("escape,enter,f", "close", N_("Close"), id="follow-up-close"),
    ]

    def __init__(
        self,
        follow_ups: tuple[FollowUp, ...],
        status: Callable[[], dict[int, FollowUpStatus]],
        mark: Mark,
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self.follow_ups = follow_ups
        self.status = status
        self.mark = mark

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="follow-up"):
            yield Static(_("Agreements from last time"), markup=False, id="follow-up-title")
            yield OptionList(*self._options(), markup=False, id="follow-up-list")
            keys = (
                # Translators: after the arrow keys: choose an agreement
                ("↑↓", _("choose")),
                # Translators: after the key d: marks the agreement done
                ("d", _("done")),
                # Translators: after the key o: marks the agreement as still going on
                ("o", _("ongoing")),
                # Translators: after the key x: marks the agreement dropped
                ("x", _("dropped")),
                # Translators: after the key escape
                ("escape", _("back to the circle")),
            )
            yield Static(keys_line(*keys), markup=False, id="answers")

    def _options(self) -> list[Option]:
        marks = self.status()
        return [
            Option(follow_up_line(f, marks.get(i)), id=str(i))
            for i, f in enumerate(self.follow_ups)
        ]

    async def action_mark(self, status: str) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None:
            return
        await self.mark(index, FollowUpStatus(status))
        options.replace_option_prompt_at_index(
            index, follow_up_line(self.follow_ups[index], self.status().get(index))
        )
        if index + 1 < options.option_count:
            options.highlighted = index + 1

    def on_option_list_option_selected(self) -> None:
        """Enter on the list closes the dialog, as enter does elsewhere in it."""
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
