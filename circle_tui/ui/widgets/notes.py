"""The private notes pane: the facilitator's notes, on this screen only.

Notes are stamped with time, phase and speaker. The note being typed is
saved as a draft every two seconds and on leaving the field (the pane posts
`NotesPane.Left`, the console writes the draft in turn with its other
writes), and comes back after a crash. A note that the journal could not
take stays in the list marked NOT SAVED, kept in memory until the
facilitator saves again. What the pane has to say goes to the console's
message line as `NotesPane.Said`.
"""

from __future__ import annotations

import asyncio
import time

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from circle_tui.app.errors import StoreError
from circle_tui.app.live import LiveSession
from circle_tui.core.confidential import Confidential
from circle_tui.core.formats import PhaseKind
from circle_tui.core.i18n import N_, _
from circle_tui.languages import at as at_time

SHOWN = 20
"""Notes listed in the pane, newest first."""


# Translators: title of the notes pane (at most 32 characters: it must fit at 80 columns);
# ctrl+o is the key that hides it (h does too, outside a field)
TITLE = N_("Private notes · ctrl+o hides")
"""The pane's border title (translated where shown)."""
OPEN = N_("type a note, enter keeps it")
"""The note field's placeholder while notes may be taken."""


def notes_status(encrypted: bool) -> str:
    """Whether the notes are encrypted on disk, under the pane's title."""
    if encrypted:
        return _("encrypted · this screen only")
    return _("not encrypted · this screen only")


def has_contract(live: LiveSession) -> bool:
    """Whether the session's format asks for consent to notes in a contract phase."""
    return any(phase.kind is PhaseKind.CONTRACT for phase in live.plan.phases)


class NoteField(Input):
    """The note field; while notes are closed it takes the focus but no text.

    So `tab` always leads into the notes and out again: when the group asked
    for no notes, what is typed there is dropped, never run as commands.
    Focusing it never selects what is in it (Textual's default), so keys
    typed right after `tab` add to the note instead of replacing its start.
    """

    closed = False
    """No note may be taken now (the placeholder says why)."""

    async def _on_key(self, event: events.Key) -> None:
        if self.closed and event.is_printable:
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)

    def _on_paste(self, event: events.Paste) -> None:
        if self.closed:
            event.stop()
            return
        super()._on_paste(event)


class NotesPane(Vertical):
    """Title, the note field and the latest notes."""

    class Said(Message):
        """Posted with a line for the console's message line (never a note's text).

        A notification, handled after the key that caused it: a line the
        screen said itself since `at` is newer and stays (a later key's).
        """

        def __init__(self, pane: NotesPane, line: str, *, error: bool = False) -> None:
            super().__init__()
            self.pane = pane
            self.line = line
            self.error = error
            """Said as an error (the line stands out)."""
            self.at = time.monotonic()
            """When it was said (`time.monotonic`)."""

        @property
        def control(self) -> NotesPane:
            return self.pane

    class Left(Message):
        """Posted when the note field lost the focus: its draft is to be kept now.

        The screen writes it, in turn with the session's other writes.
        """

        def __init__(self, pane: NotesPane) -> None:
            super().__init__()
            self.pane = pane

        @property
        def control(self) -> NotesPane:
            return self.pane

    def __init__(self, live: LiveSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = _(TITLE)
        self.live = live
        self._shown: list[Text] = []
        self._dirty = False
        """The field changed since its draft was last saved."""

    def compose(self) -> ComposeResult:
        yield Static(notes_status(self.live.journal.encrypted), markup=False, id="notes-title")
        yield NoteField(placeholder=_(OPEN), id="note-input", compact=True, select_on_focus=False)
        yield Static("", markup=False, id="note-list")

    @property
    def field(self) -> NoteField:
        return self.query_one("#note-input", NoteField)

    def focus_field(self) -> None:
        """Put the focus in the note field at once, so the next key already types into it.

        `Screen.set_focus`, never `Widget.focus` (which waits in the queue,
        behind keys already read: see ui/keys.py).
        """
        self.screen.set_focus(self.field)

    @property
    def closed_because(self) -> str | None:
        """Why no note may be taken now (as the field says it), or None while notes are open."""
        return self.field.placeholder if self.field.closed else None

    def say(self, line: str, *, error: bool = False) -> None:
        """Have the console say `line` in its message line."""
        self.post_message(self.Said(self, line, error=error))

    def restore(self) -> bool:
        """Show the kept notes; put an unfinished one back in the field. True if there was one."""
        self.reload()
        draft = self.live.draft()
        if draft is None:
            return False
        self.field.value = draft.body.reveal()
        self._dirty = False
        return True

    def reload(self) -> None:
        """List the notes as the journal has them, then those kept in memory."""
        self._shown.clear()
        self.query_one("#note-list", Static).update("")
        for note in self.live.journal.notes():
            self._show(note.body, note.at, note.phase, note.speaker)
        for kept in self.live.unsaved.notes if self.live.unsaved else ():
            self._show(kept.body, kept.at, kept.phase, kept.speaker, saved=False)

    def refresh_allowed(self) -> None:
        """The field opens only once the group allowed notes, and while others cannot read them."""
        consent = self.live.state.notes_consent
        placeholder = OPEN
        if self.live.journal.key_problem is not None:  # for good: no key seals a new note
            placeholder = N_("notes are off: their key is damaged")
        elif not self.live.journal.takes_notes:
            # Translators: an encrypted session's notes were erased, and their key with them
            placeholder = N_("notes are off: they were erased with their key")
        elif consent is False:
            placeholder = N_("the group asked for no notes")
        elif consent is None and has_contract(self.live):
            placeholder = N_("notes open once the group allows them in the contract")
        elif consent is None:
            # Translators: tab is the key that asks the group about notes
            placeholder = N_("notes wait for the group's consent: tab asks")
        elif self.live.exposure():
            placeholder = N_("notes are off: others can read this session's folder")
        closed = placeholder != OPEN
        self.field.closed = closed
        self.field.set_class(closed, "-closed")
        if closed:
            self.field.value = ""
            self._dirty = False
        self.field.placeholder = _(placeholder)

    def draft_to_save(self) -> Confidential | None:
        """What is being typed, if it changed since it was last kept (nothing while writes fail)."""
        if not self._dirty or self.live.unsaved is not None:
            return None
        return Confidential(self.field.value)

    def draft_kept(self, body: Confidential, saved: bool) -> None:
        """The draft `body` is on disk (if `saved`): no need to keep it again until it changes."""
        if saved and self.field.value == body.reveal():
            self._dirty = False

    def save_draft(self) -> None:
        """Keep what is being typed now, on this thread (when the app quits)."""
        body = self.draft_to_save()
        if body is None:
            return
        try:
            self.draft_kept(body, self.live.save_draft(body))
        except StoreError as exc:  # refused: the folder is not private
            self.say(str(exc), error=True)

    @on(Input.Changed, "#note-input")
    def _changed(self) -> None:
        self._dirty = True

    @on(Input.Blurred, "#note-input")
    def _left(self) -> None:
        self.post_message(self.Left(self))

    async def keep(self, writing: asyncio.Lock) -> None:
        """Keep the note in the field (the console calls this on enter, then leaves the field).

        The field is emptied at once; the note is committed on a worker thread
        after the writes before it, and "saved" is said only once it is.
        A method the console awaits, not a message: the note is committed
        within the key, before the next key is read (see ui/keys.py).
        """
        body = self.field.value.strip()
        if not body or self.field.closed:
            return
        if not self.live.state.notes_consent:
            self.say(_("The group has not allowed notes; nothing was kept."))
            return
        note, typed = Confidential(body), self.field.value
        self.field.value = ""
        self._dirty = False
        state = self.live.state
        at, phase, speaker = self.live.clock.now(), state.phase, state.speaker
        try:
            async with writing:
                saved = await asyncio.to_thread(self.live.add_note, note)
        except StoreError as exc:  # refused: the folder is not private
            if not self.field.value:
                self.field.value = typed
            # Translators: {problem} says why the note could not be kept
            problem = _("Note not kept (it is still in the field): {problem}")
            self.say(problem.format(problem=exc), error=True)
            return
        self._show(note, at, phase, speaker, saved=saved)
        if saved:
            self.say(_("Note saved."))
        else:
            self.say(_("Note NOT saved: kept in memory (see the top line)."), error=True)

    def _show(
        self,
        body: Confidential,
        at: float,
        phase: int | None,
        speaker: int | None,
        *,
        saved: bool = True,
    ) -> None:
        """Newest note first, stamped with time, phase and speaker."""
        plan = self.live.plan
        stamp = at_time(at, "time")
        where = (
            f" {plan.phases[phase].title}" if phase is not None and phase < len(plan.phases) else ""
        )
        who = (
            f" · {plan.name(speaker)}"
            if speaker is not None and speaker < len(plan.participants)
            else ""
        )
        # Translators: marks a note the disk did not take (it is kept in memory)
        mark = "" if saved else " · " + _("NOT SAVED")
        shown = Text(f"{stamp}{where}{who}{mark}\n", style="dim")
        shown.append(body.reveal() + "\n")
        self._shown.insert(0, shown)
        self.query_one("#note-list", Static).update(Text("").join(self._shown[:SHOWN]))
