"""Small modal screens: confirm a step, show the keys."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from circle_tui.app.actions import Action
from circle_tui.core.i18n import N_, _
from circle_tui.ui.actions import PALETTE_KEY, current_keymap, effective_keys, translate_bindings

T = TypeVar("T")


Answered = Callable[[T], Awaitable[None]]
"""What the console does with a dialog's answer, before the next key is read."""


async def answer_now(screen: ModalScreen[T], value: T, answered: Answered[T] | None) -> None:
    """Close the dialog and carry its answer out within the key that gave it.

    A dismiss callback would wait in the app's queue behind keys already
    typed, and those would act before the answer did (see `ui/keys.py`).
    """
    screen.dismiss(value)
    if answered is not None:
        await answered(value)


def keys_line(*keys: tuple[str, str], gap: str = "   ") -> Text:
    """Keys and what each does, in one line: `y yes    n no` (the keys in bold)."""
    line = Text()
    for index, (key, does) in enumerate(keys):
        if index:
            line.append(gap)
        line.append(key, style="bold")
        line.append(f" {does}")
    return line


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; y or enter confirms, n or escape does not."""

    BINDINGS = [
        # Translators: footer label; answers the question with yes
        Binding("y,enter", "answer(True)", N_("Yes"), id="confirm-yes"),
        # Translators: footer label; answers the question with no
        Binding("n,escape", "answer(False)", N_("No"), id="confirm-no"),
    ]

    def __init__(self, question: str, answered: Answered[bool] | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.question = question
        self.answered = answered

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, markup=False, id="question")
            # Translators: after the key y, which answers yes (the key stays y)
            yes = _("yes")
            # Translators: after the key n, which answers no (the key stays n)
            no = _("no")
            yield Static(keys_line(("y", yes), ("n", no), gap="    "), markup=False, id="answers")

    async def action_answer(self, answer: bool) -> None:
        await answer_now(self, answer, self.answered)


class HelpScreen(ModalScreen[None]):
    """The console's keys, from the same table the bindings come from.

    A key remapped in the settings is shown as remapped: `keys` (action id
    -> key as shown) defaults to the app's keymap applied to the table.
    """

    # Translators: footer label; closes the help
    BINDINGS = [Binding("escape,question_mark,q", "close", N_("Close"), id="help-close")]

    def __init__(self, actions: tuple[Action, ...], keys: Mapping[str, str] | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.actions = actions
        self.keys = keys

    def compose(self) -> ComposeResult:
        keys = self.keys
        if keys is None:
            keys = effective_keys(self.actions, current_keymap(self.app))
        table = Table(box=None, show_header=False, padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for action in self.actions:
            table.add_row(
                Text(keys.get(action.id, action.key_display or action.key)), Text(action.help)
            )
        table.add_row(Text(PALETTE_KEY), Text(_("Find any of these by name (command palette)")))
        with Vertical(id="dialog", classes="help"):
            # Translators: title of the help screen, which lists the keys
            yield Static(_("Keys"), markup=False, id="help-title")
            with VerticalScroll(id="help-scroll"):  # arrows scroll what a small screen cuts
                yield Static(table, markup=False, id="help-keys")
            # Translators: "escape" is the name of the key
            yield Static(_("escape closes this help"), markup=False, id="answers")

    def action_close(self) -> None:
        self.dismiss(None)
