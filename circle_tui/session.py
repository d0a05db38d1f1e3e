"""A live session: decide, commit, then apply.

This is the one path from a facilitator's command to the screen. Events are
applied to the in-memory state only after the journal committed them, so
anything the console shows is on disk. The console, the command line, the
tests and the benchmark all drive sessions through this class.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from circle_tui.core.decide import Begin, Command, Decision, Refusal, decide, due_command
from circle_tui.core.followup import carried_follow_ups
from circle_tui.core.formats import CircleFormat
from circle_tui.core.plan import FollowUp, Participant, SessionPlan
from circle_tui.core.state import SessionState, fold
from circle_tui.core.summary import Summary, build_summary
from circle_tui.core.timing import Clock
from circle_tui.export.markdown import render_markdown
from circle_tui.store.files import StoreError
from circle_tui.store.journal import Journal, Note
from circle_tui.store.sessions import (
    SessionFolder,
    create_session,
    last_session_of,
    new_session_id,
    open_session,
)


@dataclass
class LiveSession:
    """A session being run (or read back) with its journal and state."""

    folder: SessionFolder
    journal: Journal
    state: SessionState
    clock: Clock

    @property
    def plan(self) -> SessionPlan:
        return self.folder.plan

    def execute(self, command: Command) -> Decision:
        """Carry a command out: commit each event, then apply it.

        A `JournalError` from the commit propagates; the event that failed is
        neither applied nor shown.
        """
        decision = decide(self.state, command, self.clock)
        if isinstance(decision, Refusal):
            return decision
        was_closed = self.state.closed
        for event in decision:
            self.journal.append(event)
            self.state.apply(event)
        if self.state.closed and not was_closed:
            self.write_summary()
        return decision

    def tick(self) -> Decision | None:
        """Let the clock act (hard time boxes); None when nothing is due."""
        command = due_command(self.state, self.clock.now())
        return None if command is None else self.execute(command)

    def add_note(self, body: str) -> int:
        """Keep a private note, stamped with time, phase and speaker."""
        return self.journal.add_note(self.clock.now(), body, self.state.phase, self.state.speaker)

    def summary(self) -> Summary:
        """The public summary as of now."""
        return build_summary(self.state, self.clock.now())

    def write_summary(self) -> Path:
        """Write `summary.md` into the session folder."""
        return self.folder.write_summary(render_markdown(self.summary()))

    def close(self) -> None:
        """Close the journal; the session stays on disk as it is."""
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
    session_id: str | None = None,
    follow_ups: tuple[FollowUp, ...] | None = None,
    pseudonym_seed: str | None = None,
) -> LiveSession:
    """Create a session folder and open the circle at its first phase.

    A group that met before gets the agreements of its last session as
    follow-ups, unless `follow_ups` is given (rehearsals get none).
    """
    now = clock.now()
    if follow_ups is None:
        follow_ups = () if rehearsal else follow_ups_for(root, group)
    if session_id is None:
        session_id = new_session_id(root, now, group or fmt.id)
        if rehearsal:
            session_id += "_rehearsal"
    plan = SessionPlan(
        session_id=session_id,
        format=fmt,
        participants=participants,
        group=group,
        language=language or fmt.language,
        created_at=now,
        rehearsal=rehearsal,
        speed=speed,
        follow_ups=follow_ups,
        pseudonym_seed=secrets.token_hex(8) if pseudonym_seed is None else pseudonym_seed,
    )
    folder, journal = create_session(root, plan)
    live = LiveSession(folder, journal, SessionState(plan=plan), clock)
    live.execute(Begin())
    return live


def load_session(path: Path, clock: Clock, *, readonly: bool = False) -> LiveSession:
    """Open a session from its folder and replay its journal."""
    folder = open_session(path)
    journal = Journal.open(folder.journal_path, folder.plan.session_id, readonly=readonly)
    state = fold(folder.plan, (event for _, event in journal.events()))
    return LiveSession(folder, journal, state, clock)


def read_session(path: Path, *, with_notes: bool = False) -> tuple[SessionState, list[Note] | None]:
    """A session's state from its folder, read-only; its private notes only if asked.

    Without `with_notes` the journal is opened public-only: SQLite itself
    refuses every read of the notes.
    """
    folder = open_session(path)
    journal = Journal.open(
        folder.journal_path, folder.plan.session_id, readonly=True, public_only=not with_notes
    )
    try:
        state = fold(folder.plan, (event for _, event in journal.events()))
        return state, journal.notes() if with_notes else None
    finally:
        journal.close()


def follow_ups_for(root: Path, group: str) -> tuple[FollowUp, ...]:
    """What the group's next session reviews: open agreements of its last session.

    A damaged last session gives none rather than stopping a new one.
    """
    path = last_session_of(root, group)
    if path is None:
        return ()
    try:
        state, _ = read_session(path)
    except StoreError:  # JournalError included
        return ()
    return carried_follow_ups(state)
