"""The sessions kept on this machine: finding, listing and erasing them."""

from __future__ import annotations

from pathlib import Path

from circle_tui.app.reading import read_session
from circle_tui.core.state import SessionState
from circle_tui.store.files import StoreError
from circle_tui.store.purge import erase_notes, erase_session, parse_age, sessions_older_than
from circle_tui.store.sessions import groups_met, resolve_session, session_folders

__all__ = [
    "erase_notes",
    "erase_session",
    "groups_met",
    "latest_unfinished",
    "parse_age",
    "resolve_session",
    "session_folders",
    "sessions_older_than",
]


def latest_unfinished(root: Path, now: float, within: float) -> tuple[Path, SessionState] | None:
    """The latest real session started within `within` seconds, if it was not closed.

    Damaged sessions and rehearsals are passed over; a closed latest one means none.
    """
    for path in reversed(session_folders(root)):
        try:
            state, _notes = read_session(path)
        except StoreError:
            continue
        plan = state.plan
        if plan.rehearsal or now - plan.created_at > within:
            continue
        return None if state.closed else (path, state)
    return None
