"""Consent to private notes, asked where no contract asks it, and taken back.

A format without a contract phase asks before notes can be taken (`tab`
asks again if the question was put off); a reopened contract that takes
consent back asks what becomes of the notes taken so far. Each answer is
recorded as an event (`DecideNotes`).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from circle_tui.core.events import EarlierNotes
from circle_tui.core.i18n import N_, _, ngettext
from circle_tui.ui.actions import translate_bindings
from circle_tui.ui.screens.dialogs import Answered, answer_now, keys_line

Answer = bool | EarlierNotes | None
"""Consent given (True) or refused (False); what became of earlier notes; None: not now."""


class ConsentScreen(ModalScreen[Answer]):
    """May the facilitator keep private notes? y yes, n no, escape: ask later."""

    BINDINGS = [
        # Translators: footer label; the group allows private notes
        Binding("y", "answer(True)", N_("Notes allowed"), id="consent-yes"),
        # Translators: footer label; the group does not allow private notes
        Binding("n", "answer(False)", N_("No notes"), id="consent-no"),
        # Translators: footer label; the question is put off (notes stay closed)
        Binding("escape", "answer(None)", N_("Ask later"), id="consent-later"),
    ]

    def __init__(self, answered: Answered[Answer]) -> None:
        super().__init__()
        translate_bindings(self)
        self.answered = answered

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            question = _(
                "Does the group allow the facilitator to keep private notes in this session?\n"
                "They stay on this screen and this machine, and never appear on the wall or "
                "in the summary."
            )
            yield Static(Text(question), markup=False, id="question")
            keys = (
                # Translators: after the key y: the group allows notes
                ("y", _("yes, notes allowed")),
                # Translators: after the key n: the group does not allow notes
                ("n", _("no notes")),
                # Translators: after the key escape: notes stay closed until asked again
                ("escape", _("ask later (tab asks again)")),
            )
            yield Static(keys_line(*keys), markup=False, id="answers")

    async def action_answer(self, answer: bool | None) -> None:
        await answer_now(self, answer, self.answered)


class EarlierNotesScreen(ModalScreen[Answer]):
    """The group took consent back: erase the notes taken so far (e), or keep them (k)."""

    BINDINGS = [
        # Translators: footer label; erases the notes taken so far
        Binding("e", "answer('erased')", N_("Erase them"), id="earlier-erase"),
        # Translators: footer label; keeps the notes taken so far
        Binding("k", "answer('kept')", N_("Keep them"), id="earlier-keep"),
    ]

    def __init__(self, count: int, answered: Answered[Answer]) -> None:
        super().__init__()
        translate_bindings(self)
        self.count = count
        self.answered = answered

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            # Translators: {n} is the number of private notes taken so far
            question = ngettext(
                "The group no longer allows notes. {n} note was taken before:\n"
                "erase it now for good, or keep it? The choice is recorded.",
                "The group no longer allows notes. {n} notes were taken before:\n"
                "erase them now for good, or keep them? The choice is recorded.",
                self.count,
            ).format(n=self.count)
            yield Static(Text(question), markup=False, id="question")
            keys = (
                # Translators: after the key e
                ("e", _("erase for good")),
                # Translators: after the key k
                ("k", _("keep")),
            )
            yield Static(keys_line(*keys), markup=False, id="answers")

    async def action_answer(self, answer: str) -> None:
        await answer_now(self, EarlierNotes(answer), self.answered)
