"""The console's text fields (private notes, shared items, the wall's message), and consent.

While one of them has the focus, keys type into it; `enter` keeps what was
typed and leaves the field, `escape` leaves it. The focus moves at once
(`set_focus`, through the fields' own `focus_field`/`open`), so the next key
already finds it where the facilitator saw it (see `ui/keys.py`). Keeping a
note and recording an item are awaited here, not posted as messages: they
complete within the key, before the next key is read. The privacy curtain
hides the notes in every state. Notes open only once the group allowed
them: in the contract, or where a format has none, in a question of its
own; taking consent back asks what becomes of the notes taken so far.
"""

from __future__ import annotations

import asyncio
from datetime import date, datetime

from textual.screen import Screen
from textual.widgets import Input

from circle_tui.app.live import LiveSession, asks_consent_first
from circle_tui.core.commands import (
    AgreeContract,
    Begin,
    BlankWall,
    Command,
    CorrectItem,
    DecideNotes,
    NextPhase,
    ReadBack,
    RecordItem,
    SayOnWall,
    WithdrawItem,
)
from circle_tui.core.events import EarlierNotes, ItemKind, TakeawayLevel
from circle_tui.core.formats import PhaseKind
from circle_tui.core.i18n import _
from circle_tui.core.items import names_in, parse_item, unread_due_of
from circle_tui.core.wall import named_until
from circle_tui.ui.screens.consent import Answer, ConsentScreen, EarlierNotesScreen
from circle_tui.ui.screens.items import ItemsScreen, ReadBackScreen, correction_text
from circle_tui.ui.widgets.item_field import ItemField
from circle_tui.ui.widgets.notes import NoteField, NotesPane, has_contract
from circle_tui.ui.widgets.speaker_field import SpeakerField
from circle_tui.ui.widgets.steady import Steady
from circle_tui.ui.widgets.wall_field import WallField


class ConsoleFields(Screen[None]):
    """The notes field, the shared-item field and the curtain, for the console screen."""

    live: LiveSession
    """The session being run (set by the console screen)."""
    named_ok: str | None = None
    """An item text naming participants that the facilitator was asked about once."""

    writing: asyncio.Lock
    """One write at a time (set by the console screen)."""

    async def run_command(self, command: Command) -> None:
        """Carry a command out (the console screen does)."""
        raise NotImplementedError

    def _say(self, message: str, *, error: bool = False) -> None:
        """Say a line under the circle (the console screen does)."""
        raise NotImplementedError

    async def begin(self) -> None:
        """Open the circle; a format without a contract asks about notes first, so the
        answer is recorded before the first phase and no clock runs while the group decides."""
        plan = self.live.plan
        if not asks_consent_first(plan.format, rehearsal=plan.rehearsal):
            await self.run_command(Begin())
            return

        async def answered(answer: Answer) -> None:
            if isinstance(answer, bool):
                await self.run_command(Begin(notes_allowed=answer))
            else:
                await self.run_command(Begin())
                self._say(_("Notes stay closed until the group allows them (tab asks again)."))

        await self.app.push_screen(ConsentScreen(answered))

    async def ask_consent(self) -> None:
        """Ask whether the group allows private notes; record the answer as an event."""

        async def answered(answer: Answer) -> None:
            if isinstance(answer, bool):
                await self.run_command(DecideNotes(allowed=answer))
            else:
                # Translators: tab is the key that asks again
                self._say(_("Notes stay closed until the group allows them (tab asks again)."))

        await self.app.push_screen(ConsentScreen(answered))

    async def take_consent_back(self, count: int) -> None:
        """The group no longer allows notes: erase or keep the `count` taken, as chosen."""

        async def chosen(answer: Answer) -> None:
            if answer is EarlierNotes.ERASED:
                async with self.writing:
                    await asyncio.to_thread(self.live.erase_notes)
                self.query_one(NotesPane).reload()
            earlier = answer if isinstance(answer, EarlierNotes) else EarlierNotes.KEPT
            await self.run_command(DecideNotes(allowed=False, earlier=earlier))
            if earlier is EarlierNotes.ERASED:
                self._say(_("The notes taken so far are erased for good."))

        await self.app.push_screen(EarlierNotesScreen(count, chosen))

    @property
    def typing_in(self) -> Input | None:
        """The console field that has the focus (the note or the shared item), if any.

        While one has it, keys type into it.
        """
        focused = self.focused
        fields = (NoteField, ItemField, WallField, SpeakerField)
        return focused if isinstance(focused, fields) else None

    async def action_field_done(self) -> None:
        """enter: keep the note or record the item, and leave the field."""
        if isinstance(self.typing_in, NoteField):
            self.set_focus(None)
            await self.query_one(NotesPane).keep(self.writing)
        elif isinstance(self.typing_in, ItemField):
            await self._record_item()
        elif isinstance(self.typing_in, WallField):
            await self._send_to_wall()
        elif isinstance(self.typing_in, SpeakerField):
            await self._choose_from_field()

    def action_field_leave(self) -> None:
        """escape: leave the field (a note being typed stays there as a draft)."""
        if isinstance(self.typing_in, ItemField):
            self._hide_item_input()
        elif isinstance(self.typing_in, WallField):
            self.query_one(WallField).close()
        elif isinstance(self.typing_in, SpeakerField):
            self.query_one(SpeakerField).close()
        else:
            self.set_focus(None)

    async def action_toggle_notes(self) -> None:
        if isinstance(self.typing_in, NoteField):
            self.set_focus(None)
            return
        if self.curtain:
            # Translators: h is the key that lifts the privacy curtain
            self._say(_("The notes are behind the curtain: h shows them again."))
            return
        if self.live.state.notes_consent is None and not has_contract(self.live):
            await self.ask_consent()  # a format without a contract asks here
            return
        pane = self.query_one(NotesPane)
        if (closed := pane.closed_because) is not None:
            self._say(closed)  # in all the same, so what is typed next is dropped, not run
        if self.query_one(ItemField).display:
            self._hide_item_input()
        pane.focus_field()  # at once: the next key already types into the note

    @property
    def curtain(self) -> bool:
        """Whether the private notes are hidden (the privacy curtain is down)."""
        return not self.query_one("#notes-pane").display

    def action_curtain(self) -> None:
        """Hide the notes at once (leaving the field), or show them again, said aloud."""
        pane = self.query_one("#notes-pane")
        if not self.curtain:
            pane.display = False
            if isinstance(self.typing_in, NoteField):
                self.set_focus(None)  # what was typed stays as a draft, out of sight
            if self.typing_in is not None:  # in another field h would be typed
                # Translators: ctrl+o is the key that shows the notes again
                self._say(_("Notes hidden. ctrl+o shows them again."))
                return
            # Translators: h is the key that shows the notes again
            self._say(_("Notes hidden. h shows them again."))
            return
        pane.display = True
        # Translators: h and ctrl+o are keys
        self._say(_("The private notes are visible again (h or ctrl+o hides them)."))

    def action_wall_message(self) -> None:
        """m: a line for the wall, with the one shown now to change or empty."""
        self._close_other_fields()
        self.query_one(WallField).open(self.live.state.wall.message)  # at once, as the item

    def _close_other_fields(self) -> None:
        """One one-line field at a time: the shared item's, the wall's or the speaker's."""
        if self.query_one(ItemField).display:
            self._hide_item_input()
        for field in (self.query_one(WallField), self.query_one(SpeakerField)):
            if field.display:
                field.close()

    async def _choose_from_field(self) -> None:
        """enter in the speaker field (`console_people.py` does)."""
        raise NotImplementedError

    async def _send_to_wall(self) -> None:
        field = self.query_one(WallField)
        text, now = field.value, self.live.clock.now()
        field.close()
        offset = datetime.fromtimestamp(now).astimezone().utcoffset()
        until = named_until(text, now, offset.total_seconds() if offset else 0.0)
        await self.run_command(SayOnWall(text, until))

    async def action_blank_wall(self) -> None:
        """ctrl+b: the wall goes dark (the circle goes on), or shows the circle again."""
        await self.run_command(BlankWall())

    def refresh_wall_line(self) -> None:
        """Say on the console, for as long as it lasts, that the wall is blank or has a message."""
        wall = self.live.state.wall
        said = []
        if wall.blank:
            # Translators: on the console; ctrl+b is the key that shows the wall again
            said.append(_("The wall is blanked (ctrl+b shows it again)."))
        if wall.message:
            # Translators: on the console: the message the room sees on the wall
            said.append(_("On the wall: {message}").format(message=wall.message))
        line = self.query_one("#wall-line", Steady)
        line.display = bool(said)
        line.say("  ·  ".join(said))

    def action_shared_item(self) -> None:
        self._close_other_fields()
        self.query_one(ItemField).open()  # at once: the next key already types into the item

    async def _record_item(self) -> None:
        item = self.query_one(ItemField)
        text, correcting = item.value, item.correcting
        state = self.live.state
        phase = state.current_phase
        if phase is None or not text.strip():
            self._hide_item_input()
            return
        kind = (
            phase.kind
            if correcting is None
            else self.live.plan.phases[state.items[correcting].phase].kind
        )
        learning = correcting is None and state.phase in state.other_side
        default = ItemKind.LEARNING if learning else None  # another's strongest point
        typed = parse_item(text, kind, date.fromtimestamp(self.live.clock.now()), default)
        people = [p.name for p in self.live.plan.participants]
        if self.named_ok != text and (ask := self._ask_first(typed, people)):
            self.named_ok = text  # asked once: enter again records it as it is
            self._say(ask, error=True)
            return
        self._hide_item_input()
        if correcting is None:
            await self.run_command(typed)
            if typed.kind is ItemKind.AGREEMENT and (unread := unread_due_of(typed.text)):
                # Translators: {words} is what followed "by"; keep the examples' form
                hint = _("“{words}” is not a date the app reads: write by 2026-12-04 or by friday.")
                self._say(hint.format(words=unread))
            return
        old = state.items[correcting]
        level = TakeawayLevel(old.level) if old.level else None
        new = RecordItem(old.kind, typed.text, typed.owner, typed.due, level)
        await self.run_command(CorrectItem(correcting, new))

    @staticmethod
    def _ask_first(typed: RecordItem, people: list[str]) -> str | None:
        """One line to ask before an item is shared: it names people, or its owner is not here."""
        if named := names_in(typed.text, people):  # points, not persons
            # Translators: {names} lists participants named in a shared item
            ask = _("This names {names}: enter again records it as it is, or rephrase it.")
            return ask.format(names=", ".join(named))
        if typed.owner and typed.owner.casefold() not in {p.casefold() for p in people}:
            # Translators: {owner} is the owner typed after @, who is not a participant
            ask = _("{owner} is not in the circle: enter again keeps them as owner, or correct it.")
            return ask.format(owner=typed.owner)
        return None

    def _hide_item_input(self) -> None:
        self.query_one(ItemField).close()
        self.named_ok = None

    async def action_items(self) -> None:
        """Withdraw or correct a shared item (until the circle closes)."""
        state = self.live.state
        if not state.live_items():
            self._say(_("Nothing has been shared yet."))
            return

        async def withdraw(index: int) -> None:
            await self.run_command(WithdrawItem(index))
            item = self.live.state.items[index]
            if item.withdrawn:  # said, but not repeated: a slip is taken back to be gone
                self._say(_("Withdrawn: it is off the wall and out of the summary."))

        async def correct(index: int) -> None:
            # at once: what is typed next corrects the item
            self.query_one(ItemField).correct(index, correction_text(state.items[index]))

        await self.app.push_screen(ItemsScreen(state, withdraw, correct))

    async def close_with_read_back(self) -> None:
        """Read back what leaves the room, on the console and the wall; y closes the circle."""
        waiting = [p for p in self.live.state.still_to_speak() if p != self.live.state.speaker]
        question = None
        if waiting and self.live.state.current_phase.kind.has_turns:  # type: ignore[union-attr]
            names = ", ".join(self.live.plan.name(p) for p in waiting)
            # Translators: {names} lists the people still to speak, e.g. "Ane, Bo"
            question = _("Not everyone has had the word yet ({names}).").format(names=names)

        async def answered(yes: bool) -> None:
            if yes:
                await self.run_command(NextPhase(confirmed=True))
            else:
                await self.run_command(ReadBack(shown=False))
                # Translators: w takes a shared item back, n asks to close again
                self._say(_("The circle is still open: w takes an item back, n reads back again."))

        await self.run_command(ReadBack(shown=True))
        await self.app.push_screen(ReadBackScreen(self.live.state, question, answered))

    async def action_next_phase(self) -> None:
        state = self.live.state
        phase = state.current_phase
        if phase is not None and phase.kind is PhaseKind.CONTRACT:
            await self._edit_contract()  # also a reopened contract: the group agrees again
            return
        if state.phase == len(state.plan.phases) - 1:  # the close: read back first
            await self.close_with_read_back()
            return
        await self.run_command(NextPhase())

    async def _edit_contract(self) -> None:
        """Show the contract for the group to agree on; on yes, record it and move on."""
        state = self.live.state

        allowed_before = state.notes_consent

        async def agreed(contract: AgreeContract | None) -> None:
            if contract is None:
                self._say(_("The contract is not agreed yet."))
                return
            await self.run_command(contract)
            if self.live.state.contract is None:
                return
            taken = len(self.live.journal.notes()) if allowed_before else 0
            if taken and not contract.notes_allowed:  # consent taken back: ask first
                await self.take_consent_back(taken)
            await self.run_command(NextPhase())

        # The dialog (and Textual's TextArea in it) is imported when it first opens.
        from circle_tui.ui.screens.contract import ContractScreen, contract_draft

        # Awaited: the dialog has its focus field before the next key is read.
        await self.app.push_screen(ContractScreen(contract_draft(state), agreed))
