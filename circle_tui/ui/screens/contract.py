"""The contract step: focus, ground rules and notes, edited and then agreed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static, TextArea

from circle_tui.core.decide import AgreeContract


class ContractScreen(ModalScreen[AgreeContract | None]):
    """Edit the contract with the group; dismiss with what it agreed, or None."""

    BINDINGS = [
        Binding("ctrl+s", "agree", "The group agrees", id="contract-agree", priority=True),
        Binding("escape", "cancel", "Not yet", id="contract-cancel"),
    ]

    def __init__(self, focus: str, ground_rules: tuple[str, ...], notes_allowed: bool) -> None:
        super().__init__()
        self.focus_text = focus
        self.ground_rules = ground_rules
        self.notes_allowed = notes_allowed

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="contract"):
            yield Static("Has the group agreed on this contract?", id="contract-title")
            yield Label("Focus")
            yield Input(self.focus_text, id="contract-focus")
            yield Label("Ground rules, one per line")
            yield TextArea("\n".join(self.ground_rules), id="contract-rules", soft_wrap=True)
            yield Checkbox(
                "The group allows the facilitator private notes",
                self.notes_allowed,
                id="contract-notes",
            )
            yield Static("", id="contract-problem")
            with Horizontal(id="contract-buttons"):
                yield Button("Yes, the group agrees", id="agree", variant="primary")
                yield Button("Not yet", id="cancel")
            yield Static(
                "[b]ctrl+s[/b] the group agrees   [b]escape[/b] not yet   [b]tab[/b] next field",
                id="answers",
            )

    def on_mount(self) -> None:
        self.query_one("#agree", Button).focus()

    def key_y(self) -> None:
        """y agrees as in every other question, unless a text field has the key."""
        if not isinstance(self.focused, Input | TextArea):
            self.action_agree()

    @on(Button.Pressed, "#agree")
    def action_agree(self) -> None:
        focus = self.query_one("#contract-focus", Input).value.strip()
        text = self.query_one("#contract-rules", TextArea).text
        rules = tuple(line.strip(" •-*\t") for line in text.splitlines() if line.strip(" •-*\t"))
        if not focus:
            self.query_one("#contract-problem", Static).update("The focus is empty: name it first.")
            self.query_one("#contract-focus", Input).focus()
            return
        notes = self.query_one("#contract-notes", Checkbox).value
        self.dismiss(AgreeContract(focus=focus, ground_rules=rules, notes_allowed=notes))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
