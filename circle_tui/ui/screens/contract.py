"""The contract step: focus, ground rules and notes, edited and then agreed.

Agreeing is a deliberate act: one key that cannot be typed into a field
(ctrl+s), or the button with the mouse. The dialog opens in the focus field,
so whatever the facilitator types goes into the contract's text, never into
an answer. The buttons take no focus, so no `enter` or `space` presses them.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static, TextArea

from circle_tui.core.decide import AgreeContract
from circle_tui.core.events import ItemKind
from circle_tui.core.i18n import N_, _
from circle_tui.core.state import SessionState
from circle_tui.languages import at
from circle_tui.ui.actions import translate_bindings
from circle_tui.ui.screens.dialogs import Answered, answer_now, keys_line

AGREE_KEY = "ctrl+s"
"""The one key that records the contract (no field takes it as text)."""


@dataclass(frozen=True)
class ContractDraft:
    """What the dialog opens with."""

    focus: str
    """The focus as far as the group has it ("" when it is still to be named)."""
    question: str
    """The format's question, shown in the empty focus field."""
    ground_rules: tuple[str, ...]
    notes_allowed: bool = True
    origin: str = ""
    """Where the text comes from when it is not the format's (agreed earlier, last time)."""


def notes_label(allowed: bool) -> str:
    """The notes checkbox in a symbol and words, ticked or not (not by colour alone)."""
    if allowed:
        # Translators: the contract's notes checkbox, ticked (space unticks it)
        return _("✓ yes: the group allows the facilitator private notes")
    # Translators: the contract's notes checkbox, unticked (space ticks it)
    return _("✗ no: the group does not allow private notes")


def contract_draft(state: SessionState) -> ContractDraft:
    """What the contract dialog opens with in this session, and where it comes from.

    A reopened contract opens as it was agreed; a group that met before
    starts from what it agreed last time, marked as such. Otherwise the
    focus is what the group named so far (`a` in the contract phase) or
    empty, with the format's focus as the question in the field, so an
    untouched field never records the question as the focus.
    """
    fmt = state.plan.format
    agreed = state.contract
    if agreed is not None:
        # Translators: {time} is when the group agreed the contract, e.g. 14.05
        origin = _("As the group agreed it at {time}: change it together, then agree again.")
        return ContractDraft(
            agreed.focus,
            fmt.focus,
            agreed.ground_rules,
            agreed.notes_allowed,
            origin=origin.format(time=at(agreed.at, "time")),
        )
    named = [item.text for item in state.live_items() if item.kind is ItemKind.FOCUS]
    last = state.plan.last_contract
    if last is not None:
        # Translators: {date} is the day of the group's last session
        origin = _("As the group agreed it last time ({date}): change it together, then agree.")
        focus = named[-1] if named else last.focus
        return ContractDraft(
            focus,
            fmt.focus,
            last.ground_rules,
            last.notes_allowed,
            origin=origin.format(date=at(last.agreed_at, "date")),
        )
    return ContractDraft(named[-1] if named else "", fmt.focus, fmt.ground_rules)


SHORT_BELOW = 30
"""Rows under which the dialog drops its field borders and spacing (it is 28 rows tall)."""


class ContractScreen(ModalScreen[AgreeContract | None]):
    """Edit the contract with the group; dismiss with what it agreed, or None."""

    BINDINGS = [
        # Translators: footer label; records the contract as agreed
        Binding(AGREE_KEY, "agree", N_("The group agrees"), id="contract-agree", priority=True),
        # Translators: footer label; the contract is not agreed yet
        Binding("escape", "cancel", N_("Not yet"), id="contract-cancel"),
        Binding("enter", "next_field", show=False, priority=True),
    ]

    def __init__(
        self, draft: ContractDraft, answered: Answered[AgreeContract | None] | None = None
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self.draft = draft
        self.answered = answered

    def compose(self) -> ComposeResult:
        draft = self.draft
        with Vertical(id="dialog", classes="contract"):
            yield Static(
                _("Has the group agreed on this contract?"), markup=False, id="contract-title"
            )
            if draft.origin:
                yield Static(draft.origin, markup=False, id="contract-origin")
            # Translators: field label: what the circle is about today
            yield Label(_("Focus"), markup=False)
            yield Input(
                draft.focus,
                placeholder=draft.question,
                id="contract-focus",
                select_on_focus=False,  # typed keys add to the text, never replace it
            )
            yield Label(_("Ground rules, one per line"), markup=False)
            yield TextArea("\n".join(draft.ground_rules), id="contract-rules", soft_wrap=True)
            allowed = draft.notes_allowed
            yield Checkbox(notes_label(allowed), allowed, id="contract-notes")
            yield Static("", markup=False, id="contract-problem")
            with Horizontal(id="contract-buttons"):
                # Translators: button; records the contract as agreed
                yield Button(_("Yes, the group agrees"), id="agree", variant="primary")
                # Translators: button; the contract is not agreed yet
                yield Button(_("Not yet"), id="cancel")
            keys = (
                # Translators: after the key ctrl+s: the only key that records the contract
                (AGREE_KEY, _("the group agrees (the only key that records it)")),
                # Translators: after the key escape
                ("escape", _("not yet")),
                # Translators: after the key tab: goes to the next field
                ("tab", _("next field")),
            )
            yield Static(keys_line(*keys), markup=False, id="answers")

    def on_resize(self, event: events.Resize) -> None:
        """At 80x24 the dialog drops its field borders and spacing: ctrl+s stays in view."""
        short = event.size.height < SHORT_BELOW
        self.set_class(short, "-short")
        for widget in self.query(
            "#dialog Input, #dialog TextArea, #dialog Checkbox, #dialog Button"
        ):
            if isinstance(widget, Input | TextArea | Checkbox | Button):
                widget.compact = short

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False  # no typed enter or space can agree
        # At once, not through the queue: the next key typed goes into the focus.
        self.set_focus(self.query_one("#contract-focus", Input))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """enter moves on from the focus field only (the rules take it as a new line)."""
        if action == "next_field":
            focused = self.focused
            return focused is not None and focused.id == "contract-focus"
        return True

    def action_next_field(self) -> None:
        self.set_focus(self.query_one("#contract-rules", TextArea))

    @on(Checkbox.Changed, "#contract-notes")
    def _notes_changed(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = notes_label(event.value)

    @on(Button.Pressed, "#agree")
    async def action_agree(self) -> None:
        focus = self.query_one("#contract-focus", Input).value.strip()
        text = self.query_one("#contract-rules", TextArea).text
        rules = tuple(line.strip(" •-*\t") for line in text.splitlines() if line.strip(" •-*\t"))
        if not focus:
            problem = _("The focus is empty: name it first.")
            self.query_one("#contract-problem", Static).update(problem)
            self.set_focus(self.query_one("#contract-focus", Input))
            return
        notes = self.query_one("#contract-notes", Checkbox).value
        agreed = AgreeContract(focus=focus, ground_rules=rules, notes_allowed=notes)
        await answer_now(self, agreed, self.answered)

    @on(Button.Pressed, "#cancel")
    async def action_cancel(self) -> None:
        await answer_now(self, None, self.answered)
