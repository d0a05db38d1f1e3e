"""Reading a session folder back: its state from the journal, its notes only if asked."""

from __future__ import annotations

from pathlib import Path

from circle_tui.core.events import ContractAgreed
from circle_tui.core.followup import carried_follow_ups
from circle_tui.core.i18n import _
from circle_tui.core.misfits import out_of_plan
from circle_tui.core.plan import FollowUp, LastContract
from circle_tui.core.state import SessionState
from circle_tui.store.files import StoreError
from circle_tui.store.journal import Journal, JournalError, Note
from circle_tui.store.keyfile import key_file_problem
from circle_tui.store.sessions import SessionFolder, last_session_of, open_session, sessions_of


def notes_encrypted(path: Path) -> bool:
    """Whether reading the session's private notes needs its passphrase (not once erased)."""
    return notes_lock(path)[0]


def notes_lock(path: Path) -> tuple[bool, bool]:
    """Whether the notes need a passphrase, and whether they were erased."""
    folder = open_session(path)
    journal = Journal.open(folder.journal_path, folder.plan.session_id, public_only=True)
    try:
        return journal.asks_passphrase, journal.notes_erased
    finally:
        journal.close()


def notes_key_problem(path: Path) -> str | None:
    """What is wrong with the session's `notes.key`, seen without a passphrase (for lists)."""
    return key_file_problem(path)


def replay(folder: SessionFolder, journal: Journal) -> SessionState:
    """Fold a journal's events; an event that does not fit is a damaged journal."""
    state = SessionState(plan=folder.plan)
    replay_onto(state, journal)
    return state


def replay_onto(state: SessionState, journal: Journal, after: int = 0) -> int:
    """Fold the events after `after` onto `state`; return the last sequence number.

    The one guarded replay every reader uses (resume, summary, the display
    following a live journal): an event that does not fit raises `JournalError`
    with the same line everywhere; the events before it stay applied.
    """
    last = after
    for seq, event in journal.events(after=after):
        problem = out_of_plan(state, event)
        if problem:
            damaged = _("event {seq} is damaged: {detail}").format(seq=seq, detail=problem)
            raise JournalError(f"{journal.path}: {damaged}")
        try:
            state.apply(event)
        except (IndexError, KeyError, ValueError, TypeError, AttributeError, AssertionError):
            # Translators: {type} is the event's type, such as speaker_started (kept as it is)
            misfit = _("event {seq} ({type}) does not fit the session before it")
            raise JournalError(
                f"{journal.path}: {misfit.format(seq=seq, type=event.type)}"
            ) from None
        last = seq
    return last


def read_session(
    path: Path, *, with_notes: bool = False, passphrase: str | None = None
) -> tuple[SessionState, list[Note] | None]:
    """A session's state from its folder, read-only; its private notes only if asked.

    Without `with_notes` the journal is opened public-only: SQLite itself
    refuses every read of the notes.
    """
    folder = open_session(path)
    journal = Journal.open(
        folder.journal_path, folder.plan.session_id, readonly=True, public_only=not with_notes
    )
    try:
        state = replay(folder, journal)
        if not with_notes:
            return state, None
        if journal.encrypted and passphrase is not None:
            journal.unlock(passphrase)
        return state, journal.notes()
    finally:
        journal.close()


def last_contract_of(root: Path, group: str) -> LastContract | None:
    """What the group agreed in the last contract it agreed (None if it never did).

    A session that ended before its contract was agreed, or that cannot be
    read, is passed over: what the group agreed the time before still holds.
    """
    for path in reversed(sessions_of(root, group)):
        try:
            state, _notes = read_session(path)
        except StoreError:  # JournalError included
            continue
        if state.contract is not None:
            return _last_contract(state, state.contract)
    return None


def _last_contract(state: SessionState, agreed: ContractAgreed) -> LastContract:
    return LastContract(
        focus=agreed.focus,
        ground_rules=agreed.ground_rules,
        agreed_at=agreed.at,
        from_session=state.plan.session_id,
        notes_allowed=(
            state.notes_consent if state.notes_consent is not None else agreed.notes_allowed
        ),
    )


def group_history(root: Path, group: str) -> list[SessionState]:
    """The states of the group's real sessions, oldest first; damaged ones are passed over."""
    found = []
    for path in sessions_of(root, group):
        try:
            found.append(read_session(path)[0])
        except StoreError:  # JournalError included
            continue
    return found


def follow_ups_for(root: Path, group: str) -> tuple[FollowUp, ...]:
    """What the group's next session reviews: open agreements of its last session.

    A damaged last session gives none rather than stopping a new one.
    """
    path = last_session_of(root, group)
    if path is None:
        return ()
    try:
        state, _notes = read_session(path)
    except StoreError:  # JournalError included
        return ()
    return carried_follow_ups(state)
