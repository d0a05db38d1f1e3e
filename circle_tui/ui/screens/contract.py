"""The contract step: focus, ground rules and notes, edited and then agreed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static, TextArea

from circle_tui.core.decide import AgreeContract
from circle_tui.core.i18n import N_, _
from circle_tui.ui.actions import translate_bindings
from circle_tui.ui.screens.dialogs import keys_line


class ContractScreen(ModalScreen[AgreeContract | None]):
    """Edit the contract with the group; dismiss with what it agreed, or None."""

    BINDINGS = [
        # Translators: footer label; records the contract as agreed
        Binding("ctrl+s", "agree", N_("The group agrees"), id="contract-agree", priority=True),
        # Translators: footer label; the contract is not agreed yet
        Binding("escape", "cancel", N_("Not yet"), id="contract-cancel"),
    ]

    def __init__(self, focus: str, ground_rules: tuple[str, ...], notes_allowed: bool) -> None:
        super().__init__()
        translate_bindings(self)
        self.focus_text = focus
        self.ground_rules = ground_rules
        self.notes_allowed = notes_allowed

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="contract"):
            yield Static(_("Has the group agreed on this contract?"), id="contract-title")
            # Translators: field label: what the circle is about today
            yield Label(_("Focus"))
            yield Input(self.focus_text, id="contract-focus")
            yield Label(_("Ground rules, one per line"))
            yield TextArea("\n".join(self.ground_rules), id="contract-rules", soft_wrap=True)
            yield Checkbox(
                _("The group allows the facilitator private notes"),
                self.notes_allowed,
                id="contract-notes",
            )
            yield Static("", id="contract-problem")
            with Horizontal(id="contract-buttons"):
                # Translators: button; records the contract as agreed
                yield Button(_("Yes, the group agrees"), id="agree", variant="primary")
                # Translators: button; the contract is not agreed yet
                yield Button(_("Not yet"), id="cancel")
            keys = (
                # Translators: after the key ctrl+s
                ("ctrl+s", _("the group agrees")),
                # Translators: after the key escape
                ("escape", _("not yet")),
                # Translators: after the key tab: goes to the next field
                ("tab", _("next field")),
            )
            yield Static(keys_line(*keys), id="answers")

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
            problem = _("The focus is empty: name it first.")
            self.query_one("#contract-problem", Static).update(problem)
            self.query_one("#contract-focus", Input).focus()
            return
        notes = self.query_one("#contract-notes", Checkbox).value
        self.dismiss(AgreeContract(focus=focus, ground_rules=rules, notes_allowed=notes))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
