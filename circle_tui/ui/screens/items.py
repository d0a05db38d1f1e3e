"""Taking back what leaves the room: withdraw or correct a shared item; the read-back.

Until the circle closes, every shared item can be withdrawn (the journal
keeps the withdrawal as an event) or corrected (withdrawn and recorded anew
in one step). Before the close, everything that will leave the room is read
back on the console and the wall, and the group confirms it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from circle_tui.core.i18n import N_, _
from circle_tui.core.records import SharedItem
from circle_tui.core.state import SessionState
from circle_tui.ui.actions import translate_bindings
from circle_tui.ui.screens.dialogs import Answered, answer_now, keys_line
from circle_tui.ui.widgets.shared import item_line, read_back_text

Withdraw = Callable[[int], Awaitable[None]]
"""Withdraws the item with this index (the console runs it as a command)."""


def correction_text(item: SharedItem) -> str:
    """An item as it is typed, owner and due date included, to be corrected in the field."""
    text = item.text
    if item.owner:
        text += f" @{item.owner}"
    if item.due:
        text += f" by {item.due}"  # "by" is understood in every language
    return text


class ItemsScreen(ModalScreen[int]):
    """The shared items so far: w withdraws one, e corrects it in the console's field."""

    BINDINGS = [
        # Translators: footer label; takes a shared item back
        Binding("w,delete", "withdraw", N_("Withdraw"), id="items-withdraw"),
        # Translators: footer label; corrects a shared item
        Binding("e", "correct", N_("Correct"), id="items-correct"),
        # Translators: footer label; closes the dialog
        Binding("escape", "close", N_("Close"), id="items-close"),
    ]

    def __init__(self, state: SessionState, withdraw: Withdraw, correct: Withdraw) -> None:
        super().__init__()
        translate_bindings(self)
        self.state = state
        self.withdraw = withdraw
        self.correct = correct
        """Opens the item with this index in the console's field, to be corrected."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="follow-up"):
            # Translators: title of the dialog that lists what the group shared so far
            yield Static(
                _("Shared so far: take back or correct"), markup=False, id="follow-up-title"
            )
            yield OptionList(*self._options(), markup=False, id="items-list")
            keys = (
                # Translators: after the arrow keys: choose an item
                ("↑↓", _("choose")),
                # Translators: after the key w: takes the item back
                ("w", _("withdraw")),
                # Translators: after the key e: corrects the item in the field
                ("e", _("correct")),
                # Translators: after the key escape
                ("escape", _("back to the circle")),
            )
            yield Static(keys_line(*keys), markup=False, id="answers")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(OptionList))  # at once: ↑↓ and w act on the list

    def _options(self) -> list[Option]:
        return [
            Option(item_line(item), id=str(index))
            for index, item in enumerate(self.state.items)
            if not item.withdrawn
        ]

    def _highlighted(self) -> int | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return None if option_id is None else int(option_id)

    async def action_withdraw(self) -> None:
        index = self._highlighted()
        if index is None:
            return
        await self.withdraw(index)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options())
        if not options.option_count:
            self.dismiss()
            return
        options.highlighted = 0

    async def action_correct(self) -> None:
        index = self._highlighted()
        if index is not None:
            await answer_now(self, index, self.correct)

    def action_close(self) -> None:
        self.dismiss()


class ReadBackScreen(ModalScreen[bool]):
    """What will leave the room, read back; y closes the circle and writes the summary."""

    BINDINGS = [
        # Translators: footer label; closes the circle and writes the summary
        Binding("y", "answer(True)", N_("Close the circle"), id="read-back-yes"),
        # Translators: footer label; the circle is not closed yet
        Binding("n,escape", "answer(False)", N_("Not yet"), id="read-back-no"),
    ]

    def __init__(self, state: SessionState, waiting: str | None, answered: Answered[bool]) -> None:
        super().__init__()
        translate_bindings(self)
        self.answered = answered
        self.state = state
        self.waiting = waiting
        """Who has not had the word yet, said before the question (or None)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="follow-up"):
            if self.waiting:
                yield Static(Text(self.waiting), markup=False, id="read-back-waiting")
            with VerticalScroll(id="read-back"):
                yield Static(read_back_text(self.state), markup=False, id="read-back-items")
            question = _(
                "This is everything that leaves the room. Does the group confirm it?\n"
                "Yes closes the circle and writes the summary."
            )
            yield Static(Text(question), markup=False, id="question")
            keys = (
                # Translators: after the key y: closes the circle and writes the summary
                ("y", _("yes: close the circle and write the summary")),
                # Translators: after the key n: back to the circle (w takes an item back)
                ("n", _("not yet (w takes an item back)")),
            )
            yield Static(keys_line(*keys), markup=False, id="answers")

    async def action_answer(self, answer: bool) -> None:
        await answer_now(self, answer, self.answered)
