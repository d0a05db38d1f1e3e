"""A live session: decide, commit, then apply.

This is the one path from a facilitator's command to the screen. Events are
applied to the in-memory state only after the journal committed them, so
anything the console shows is on disk. The console, the command line, the
tests and the benchmark all drive sessions through this class.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from circle_tui.app.memory import remembered
from circle_tui.app.reading import replay
from circle_tui.app.timezones import local_zone_name
from circle_tui.app.unsaved import PendingNote, Unsaved
from circle_tui.core.confidential import Confidential
from circle_tui.core.decide import (
    Begin,
    Command,
    Decision,
    Recover,
    Refusal,
    ResumeAfterBreak,
    decide,
    due_command,
)
from circle_tui.core.events import Event
from circle_tui.core.formats import CircleFormat, PhaseKind
from circle_tui.core.i18n import _
from circle_tui.core.plan import FollowUp, Participant, Persona, SessionPlan
from circle_tui.core.state import SessionState
from circle_tui.core.timing import Clock, FakeClock, SystemClock
from circle_tui.store.files import StoreError, check_private, exposure, private_dir
from circle_tui.store.journal import Draft, Journal, JournalError
from circle_tui.store.sessions import (
    SessionFolder,
    create_session,
    new_session_id,
    open_session,
    write_plan,
)

if TYPE_CHECKING:
    from circle_tui.core.summary import Summary

MAX_CATCH_UP = 500
"""Events one tick may carry out (a fast rehearsal catches up on several at once)."""


@dataclass
class LiveSession:
    """A session being run (or read back) with its journal and state."""

    folder: SessionFolder
    journal: Journal
    state: SessionState
    clock: Clock
    unsaved: Unsaved | None = None
    """Set when a write failed: the circle goes on in memory, and says so."""
    summary_problem: str | None = None
    """Why `summary.md` could not be written at the close (the close itself is saved)."""
    saved_seq: int = 0
    """Sequence number of the last event known to be committed."""
    applied: int = 0
    """How many events were folded into the state in this process (the summary's cache key)."""
    _closing_summary: tuple[int, str] | None = field(default=None, init=False, repr=False)
    _io: threading.RLock = field(default_factory=threading.RLock, init=False, repr=False)
    """The closed circle's summary as Markdown, with `applied` when it was rendered."""

    @property
    def plan(self) -> SessionPlan:
        """The plan as the circle stands now: the stored one, with latecomers who joined."""
        return self.state.plan

    def execute(
        self, command: Command, at: float | None = None, *, by_facilitator: bool = False
    ) -> Decision:
        """Carry a command out (at the clock's time, or `at`): commit its events, then apply them.

        If the commit fails, the events are applied all the same and kept in
        `unsaved` (with every event after them) so the circle can go on; the
        console then says, for as long as it lasts, that nothing is saved.
        The console runs the same steps with the commit off its own thread:
        `consider`, `commit`, `apply`, and `after_close` when it closed.
        """
        decision = self.consider(command, at, by_facilitator=by_facilitator)
        if isinstance(decision, Refusal):
            return decision
        self.commit(decision)
        if self.apply(decision):
            self.after_close()
        return decision

    def consider(
        self, command: Command, at: float | None = None, *, by_facilitator: bool = False
    ) -> Decision:
        """The events that would carry `command` out now (or at `at`), or why not.

        A facilitator's command in a rehearsal with personas also records the
        moments it answers (`core/personas.py`), in the same transaction.
        """
        clock = self.clock if at is None else FakeClock(at)
        decision = decide(self.state, command, clock)
        if by_facilitator and self.plan.cast and not isinstance(decision, Refusal):
            from circle_tui.core.personas import answering

            return [*decision, *answering(self.state, command, clock.now())]
        return decision

    def apply(self, events: list[Event]) -> bool:
        """Fold committed events into the state; True if they closed the circle."""
        was_closed = self.state.closed
        for event in events:
            self.state.apply(event)
        self.applied += len(events)
        return self.state.closed and not was_closed

    def after_close(self) -> None:
        """Write the summary of a circle that just closed (unless writes are failing)."""
        if self.unsaved is None:
            self.write_summary()

    def commit(self, events: list[Event]) -> None:
        """One command's events on disk in one transaction (a kill leaves all or none).

        May block on a slow disk: the console calls it on a worker thread.
        """
        if self.unsaved is not None:
            self.unsaved.events.extend(events)
            return
        try:
            with self._io:
                self.saved_seq = self.journal.append_all(events)
        except JournalError as exc:
            self.unsaved = Unsaved(str(exc), self.clock.now(), events=list(events))

    def tick(self) -> Decision | None:
        """Let the clock act (hard time boxes) and, in a simulated rehearsal, the room.

        Returns the last decision carried out, None when nothing was due.
        """
        last: Decision | None = None
        for _round in range(MAX_CATCH_UP):
            found = self.due()
            if found is None:
                break
            decision = self.execute(*found)
            if isinstance(decision, Refusal):
                break
            last = decision
        return last

    def due(self) -> tuple[Command, float] | None:
        """What the clock (a hard time box) or, in a simulated rehearsal, the room does now,
        and the moment it does it."""
        now = self.clock.now()
        if not self.plan.simulated:
            command = due_command(self.state, now)  # decide dates a timeout at its deadline
            return None if command is None else (command, now)
        # The simulated room (its draws, its personas) loads only for a rehearsal with one.
        from circle_tui.core.rehearsal import due

        found = due(self.state, now, simulate=True)
        return None if found is None else (found.command, found.at)

    def add_note(self, body: Confidential | str) -> bool:
        """Keep a private note, stamped with time, phase and speaker; True if saved."""
        text = Confidential(body)
        self.check_private()
        note = PendingNote(self.clock.now(), text, self.state.phase, self.state.speaker)
        if self.unsaved is None:
            try:
                self.journal.add_note(note.at, note.body, note.phase, note.speaker)
                return True
            except JournalError as exc:
                self.unsaved = Unsaved(str(exc), note.at)
        self.unsaved.notes.append(note)
        return False

    def erase_notes(self) -> None:
        """Erase the notes taken so far, for good (the group took its consent back)."""
        self.check_private()
        self.journal.erase_private(renew=True)

    def check_private(self) -> None:
        """Refuse (`NotPrivate`) to keep notes in a folder others can read."""
        check_private(self.folder.path, self.folder.journal_path)

    def exposure(self) -> str | None:
        """Why others could read the notes kept in this session's folder (None: nobody can)."""
        return exposure(self.folder.path, self.folder.journal_path)

    def save_draft(self, body: Confidential | str) -> bool:
        """Keep the note being typed; True if it is on disk."""
        self.check_private()
        return self._write(lambda: self.journal.save_draft(self.clock.now(), body))

    def draft(self) -> Draft | None:
        """The note that was being typed when the app stopped."""
        return self.journal.draft()

    def beat(self) -> bool:
        """Record that the app is running (resume stops the clocks here after a crash)."""
        return self._write(lambda: self.journal.beat(self.clock.now()))

    def stop(self) -> bool:
        """Record that the app stops on purpose (the wall says so and stops its clock).

        Best effort, and no change of the circle: if the disk refuses it, the
        heartbeat stops all the same and the wall notices a few seconds later.
        """
        if self.unsaved is not None:
            return False
        try:
            with self._io:
                self.journal.stop(self.clock.now())
        except JournalError:
            return False
        return True

    def _write(self, write: Callable[[], None]) -> bool:
        if self.unsaved is not None:
            return False
        try:
            with self._io:
                write()
        except JournalError as exc:
            self.unsaved = Unsaved(str(exc), self.clock.now())
            return False
        return True

    def save_again(self) -> None:
        """Write what was kept in memory, on a fresh connection; raise if it still fails.

        A journal whose folder was deleted while the session ran is put back
        first, copied from the connection that still reads the deleted file.
        """
        unsaved = self.unsaved
        if unsaved is None:
            return
        try:
            self.journal = self._reopen()
            self._drop_landed(unsaved)
            if unsaved.events:
                self.saved_seq = self.journal.append_all(unsaved.events)
                unsaved.events.clear()
            while unsaved.notes:
                note = unsaved.notes[0]
                self.journal.add_note(note.at, note.body, note.phase, note.speaker)
                unsaved.notes.pop(0)
        except StoreError as exc:  # the top line shows why it failed this time
            unsaved.reason = str(exc)
            raise
        self.unsaved = None
        if self.state.closed and not self.folder.summary_path.exists():
            self.write_summary()

    def _drop_landed(self, unsaved: Unsaved) -> None:
        """A commit reported as failed may have reached the disk all the same."""
        on_disk = self.journal.last_seq()
        if on_disk < self.saved_seq:
            problem = _("holds fewer events than were saved; not writing into it")
            raise JournalError(f"{self.journal.path}: {problem}")
        for seq, event in self.journal.events(after=self.saved_seq):
            if not unsaved.events or unsaved.events[0] != event:
                problem = _("event {seq} is not the one kept in memory").format(seq=seq)
                raise JournalError(f"{self.journal.path}: {problem}")
            unsaved.events.pop(0)
            self.saved_seq = seq

    def _reopen(self) -> Journal:
        old, path = self.journal, self.folder.journal_path
        if not old.in_place:
            if path.exists():
                problem = _("another file is there now; not overwriting it")
                raise JournalError(f"{path}: {problem}")
            private_dir(self.folder.path)
            write_plan(self.folder.path, self.folder.plan)  # as stored: latecomers are events
            old.copy_to(path)
            old.restore_key_file()
        fresh = Journal.open(path, self.plan.session_id)
        fresh.take_key(old)
        old.close()
        return fresh

    def summary(self) -> Summary:
        """The public summary as of now (its models load when a summary is first made)."""
        from circle_tui.app.report import summary_of

        return summary_of(self.state, self.clock.now())

    def summary_markdown(self) -> str:
        """The public summary as Markdown; a closed circle's is rendered once (written, shown)."""
        from circle_tui.app.report import render

        if not self.state.closed:
            return render(self.summary(), "md")
        if self._closing_summary is None or self._closing_summary[0] != self.applied:
            self._closing_summary = (self.applied, render(self.summary(), "md"))
        return self._closing_summary[1]

    def write_summary(self) -> Path | None:
        """Write `summary.md` into the session folder; None (and a reason) if it failed."""
        try:
            path = self.folder.write_summary(self.summary_markdown())
        except StoreError as exc:
            self.summary_problem = str(exc)
            return None
        self.summary_problem = None
        return path

    def close(self) -> None:
        """Close the journal once no write is under way (a heartbeat on a worker thread
        using the connection while it closes crashed SQLite); the session stays as it is."""
        with self._io:
            self.journal.close()


def start_session(
    root: Path,
    fmt: CircleFormat,
    participants: tuple[Participant, ...],
    clock: Clock,
    *,
    group: str = "",
    language: str | None = None,
    rehearsal: bool = False,
    speed: float = 1.0,
    simulated: bool = False,
    personas: dict[str, Persona] | None = None,
    session_id: str | None = None,
    follow_ups: tuple[FollowUp, ...] | None = None,
    pseudonym_seed: str | None = None,
    passphrase: str | None = None,
    time_zone: str | None = None,
    beating: bool = False,
    begin: bool = True,
) -> LiveSession:
    """Create a session folder and open the circle at its first phase.

    Without `begin` the circle is not opened: the console opens it, after asking
    the group about notes when the format has no contract (`asks_consent_first`).

    A session `beating` is run by a console: its journal has a heartbeat from
    the first moment, so the wall notices a console that dies while starting.

    A group that met before gets the agreements of its last session as
    follow-ups, unless `follow_ups` is given (rehearsals get none). With a
    passphrase, the private notes are encrypted.
    """
    now = clock.now()
    if session_id is None:
        suffix = "_rehearsal" if rehearsal else ""
        session_id = new_session_id(root, now, group or fmt.id, suffix)
    language = language or fmt.language
    plan = SessionPlan(
        session_id=session_id,
        format=fmt.in_language(language),  # the room reads its own language
        participants=participants,
        group=group,
        language=language,
        created_at=now,
        time_zone=time_zone or local_zone_name(),  # the room's, for every export
        rehearsal=rehearsal,
        speed=speed,
        simulated=simulated and rehearsal,
        cast=personas if simulated and rehearsal and personas else {},
        pseudonym_seed=secrets.token_hex(8) if pseudonym_seed is None else pseudonym_seed,
    )
    plan = remembered(root, plan, follow_ups)  # what the group's last sessions bring
    folder, journal = create_session(root, plan, passphrase=passphrase, beating=beating)
    live = LiveSession(folder, journal, SessionState(plan=plan), clock)
    if begin:
        live.execute(Begin())
    return live


def asks_consent_first(fmt: CircleFormat, *, rehearsal: bool = False) -> bool:
    """Whether the console asks the group about notes before the first phase: a format
    without a contract phase (Troika) has nowhere else to ask; a rehearsal takes none."""
    return not rehearsal and all(phase.kind != PhaseKind.CONTRACT for phase in fmt.phases)


def load_session(
    path: Path, clock: Clock, *, readonly: bool = False, passphrase: str | None = None
) -> LiveSession:
    """Open a session from its folder and replay its journal.

    Encrypted notes need the passphrase (`Locked` if it is wrong).
    """
    folder = open_session(path)
    journal = Journal.open(folder.journal_path, folder.plan.session_id, readonly=readonly)
    try:
        if journal.encrypted and passphrase is not None:
            journal.unlock(passphrase)
        state = replay(folder, journal)
        saved = journal.last_seq()
    except BaseException:
        journal.close()
        raise
    return LiveSession(folder, journal, state, clock, saved_seq=saved)


def resume_session(path: Path, *, passphrase: str | None = None) -> LiveSession:
    """Go on with a session after a crash or a quit.

    A turn that was running is paused where the app was last known to run
    (its last event or heartbeat), so the time it was down is not charged to
    the speaker.
    """
    live = load_session(path, SystemClock(), passphrase=passphrase)
    live.clock = SystemClock(speed=live.plan.speed, start=_going_on_at(live))
    if not live.state.closed:
        go_on(live)  # may close it: killed after the last phase ended
    if live.state.closed:
        live.close()
        # Translators: keep the command in backquotes
        problem = _("this session is closed; see `circle-tui summary`")
        raise StoreError(f"{path}: {problem}")
    return live


def _going_on_at(live: LiveSession) -> float | None:
    """Where a resumed session's clock starts: now, for a circle in real time; where it
    stopped, for a rehearsal whose clock ran faster (the time it was down is not the
    circle's, and its clock was ahead of the computer's)."""
    if live.plan.speed == 1:
        return None
    known = [at for at in (live.state.last_at, live.journal.alive_at()) if at is not None]
    return max(known) if known else None


def go_on(live: LiveSession) -> Decision:
    """Make a stopped session ready to go on; the decision that stopped its clocks.

    A session killed before its start is begun (by the console, when it asks
    about notes first); one an older version left
    between two events of a step goes into the phase it was entering; a
    running turn is paused where the app was last known to run (refused if
    nothing runs).
    """
    if live.state.started_at is None:  # killed between creating the journal and the start
        plan = live.plan
        if not asks_consent_first(plan.format, rehearsal=plan.rehearsal):
            live.execute(Begin())  # else the console asks about notes, then begins
    elif live.state.phase is None:  # an older version was killed between two events of a step
        live.execute(Recover())
    return live.execute(ResumeAfterBreak(alive_at=live.journal.alive_at()))
