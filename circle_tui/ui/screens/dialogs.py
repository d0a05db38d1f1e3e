"""Small modal screens: confirm a step, show the keys."""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from circle_tui.ui.actions import PALETTE_KEY, Action, current_keymap, effective_keys


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; y or enter confirms, n or escape does not."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question")
            yield Static("[b]y[/b] yes    [b]n[/b] no", id="answers")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class HelpScreen(ModalScreen[None]):
    """The console's keys, from the same table the bindings come from.

    A key remapped in the settings is shown as remapped: `keys` (action id
    -> key as shown) defaults to the app's keymap applied to the table.
    """

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="help-close")]

    def __init__(self, actions: tuple[Action, ...], keys: Mapping[str, str] | None = None) -> None:
        super().__init__()
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
            table.add_row(keys.get(action.id, action.key_display or action.key), action.help)
        table.add_row(PALETTE_KEY, "Find any of these by name (command palette)")
        with Vertical(id="dialog"):
            yield Static("Keys", id="help-title")
            yield Static(table, id="help-keys")
            yield Static("escape closes this help", id="answers")

    def action_close(self) -> None:
        self.dismiss(None)
