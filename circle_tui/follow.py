"""Follow a live session from another process, as the projector display does.

The console commits each event in its own SQLite transaction (WAL mode), so
a reader sees every event as soon as it is on disk. The follower replays the
journal once, then asks for the events after the last one it has seen. It
opens the journal public-only: SQLite refuses it the private notes table.

It never fails in front of the room: a missing session, a journal being
created, a damaged file or a console that restarts are states to show
("waiting for the facilitator"), not errors to raise.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from circle_tui.core.state import SessionState
from circle_tui.core.timing import Clock
from circle_tui.store.files import StoreError
from circle_tui.store.journal import Journal
from circle_tui.store.sessions import open_session, resolve_session

HEARTBEAT_FILE = "display.alive"
"""Touched by a following display, so the console can say one is there."""
HEARTBEAT_SECONDS = 1.0
"""How often the display touches its heartbeat file."""
FRESH_SECONDS = 3.0
"""A heartbeat older than this means no display follows."""
RESOLVE_SECONDS = 1.0
"""How often `latest` is looked up again while waiting or after a close."""


@dataclass
class Follower:
    """The state of one session, kept up to date from its journal."""

    root: Path
    ref: str = "latest"
    clock: Clock | None = None
    """The session's clock when known (tests); else wall time, or extrapolated at speed."""
    state: SessionState | None = None
    problem: str = ""
    """Why there is nothing to show yet, in one line."""
    path: Path | None = None
    _journal: Journal | None = None
    _seq: int = 0
    _resolved_at: float = field(default=-1e9)
    _beat_at: float = field(default=-1e9)
    _last_read: float = 0.0
    """Monotonic time of the last read that brought events (for rehearsal clocks)."""

    def poll(self) -> bool:
        """Read what is new; return whether the state changed."""
        before = (self.path, self._seq, self.problem)
        self._maybe_switch()
        if self._journal is not None and self.state is not None:
            try:
                for seq, event in self._journal.events(after=self._seq):
                    self.state.apply(event)
                    self._seq = seq
                    self._last_read = time.monotonic()
            except StoreError as exc:
                self._drop(str(exc))
        self._heartbeat()
        return (self.path, self._seq, self.problem) != before

    def now(self) -> float:
        """The session's time: wall time, or extrapolated at rehearsal speed."""
        if self.clock is not None:
            return self.clock.now()
        state = self.state
        if state is None or state.plan.speed == 1 or state.last_at is None:
            return time.time()
        return state.last_at + (time.monotonic() - self._last_read) * state.plan.speed

    def close(self) -> None:
        """Let go of the journal and say the display has gone."""
        if self._journal is not None:
            self._journal.close()
        if self.path is not None:
            (self.path / HEARTBEAT_FILE).unlink(missing_ok=True)

    # -- finding and opening the session ----------------------------------------

    def _maybe_switch(self) -> None:
        """Open the session; with `latest`, move on when a newer one starts."""
        waiting = self.state is None or self.state.closed
        now = time.monotonic()
        if not waiting or now - self._resolved_at < RESOLVE_SECONDS:
            return
        self._resolved_at = now
        try:
            path = resolve_session(self.root, self.ref)
        except StoreError as exc:
            self.problem = str(exc)
            return
        if path == self.path and self._journal is not None:
            return
        self._open(path)

    def _open(self, path: Path) -> None:
        try:
            folder = open_session(path)
            journal = Journal.open(folder.journal_path, folder.plan.session_id, public_only=True)
        except StoreError as exc:
            self.problem = str(exc)
            return
        self.close()
        self.path, self._journal, self._seq = path, journal, 0
        self.state = SessionState(plan=folder.plan)
        self.problem = ""
        self._last_read = time.monotonic()

    def _drop(self, problem: str) -> None:
        """Forget a journal that cannot be read; look for it again later."""
        self.close()
        self._journal, self.state, self.path, self._seq = None, None, None, 0
        self.problem = problem

    def _heartbeat(self) -> None:
        now = time.monotonic()
        if self.path is None or now - self._beat_at < HEARTBEAT_SECONDS:
            return
        self._beat_at = now
        with contextlib.suppress(OSError):  # read-only dir: the console just cannot see us
            (self.path / HEARTBEAT_FILE).touch(mode=0o600)


def display_following(session_path: Path) -> bool:
    """Whether a display touched its heartbeat in the session folder lately."""
    try:
        age = time.time() - (session_path / HEARTBEAT_FILE).stat().st_mtime
    except OSError:
        return False
    return age < FRESH_SECONDS
