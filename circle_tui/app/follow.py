"""Follow the circle being run now, from another process, as the projector display does.

The console commits each event in its own SQLite transaction (WAL mode), so
a reader sees every event as soon as it is on disk. The follower replays the
journal once through the guarded replay every reader uses, then folds the
events after the last one it has seen. It opens the journal public-only:
SQLite refuses it the private notes table.

It follows the room, not a file: without a pinned session it moves to a
newer session as soon as one starts, and when the console of the one it
shows has stopped, to another session whose console writes. It knows whether
the console runs from the journal's heartbeats: a console that quit says so
in the journal, one that died stops beating. Then the follower's clock
stands still where the console was last known to run (where resume goes on).

It never fails in front of the room: a missing session, a journal being
created, a damaged file or a console that restarts are states to show, not
errors to raise.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from circle_tui.app.reading import replay_onto
from circle_tui.core.errors import bounded
from circle_tui.core.i18n import _
from circle_tui.core.state import SessionState
from circle_tui.core.timing import Clock
from circle_tui.store.files import StoreError
from circle_tui.store.journal import Journal
from circle_tui.store.sessions import open_session, resolve_session, session_folders

HEARTBEAT_FILE = "display.alive"
"""Touched by a following display, so the console can say one is there."""
HEARTBEAT_SECONDS = 1.0
"""How often the display touches its heartbeat file."""
FRESH_SECONDS = 3.0
"""A display heartbeat older than this means no display follows."""
RESOLVE_SECONDS = 1.0
"""How often the follower looks for a newer session (a newer one takes the wall within this)."""
CONSOLE_FRESH_SECONDS = 5.0
"""Without an event or a console heartbeat for this long, the console is gone.

The console beats every 2 s (`BEAT_EVERY` in the console screen), so a
console that died is noticed between 3 and 5 s after its last beat.
"""


class Console(Enum):
    """What the follower knows of the facilitator's console."""

    RUNNING = "running"
    """It beats (or the journal has never had heartbeats: a session driven without a console)."""
    STOPPED = "stopped"
    """It quit on purpose."""
    GONE = "gone"
    """Its heartbeat stopped: it died or hangs."""


@dataclass
class Follower:
    """The state of the session run now, kept up to date from its journal."""

    root: Path
    ref: str = "latest"
    """`latest` follows the room; anything else pins one session."""
    clock: Clock | None = None
    """The session's clock when known (tests); else wall time, or extrapolated at speed."""
    monotonic: Callable[[], float] = time.monotonic
    """Real elapsed time, for the follower's own rhythm (tests may speed it up)."""
    state: SessionState | None = None
    problem: str = ""
    """Why there is nothing to show, in one line."""
    path: Path | None = None
    console: Console = Console.RUNNING
    frozen_at: float | None = None
    """The session time the clock stands at while the console is not running."""
    console_lost_at: float | None = None
    """Monotonic time since when the console has not been running."""
    _journal: Journal | None = None
    _seq: int = 0
    _resolved_at: float = field(default=-1e9)
    _beat_at: float = field(default=-1e9)
    _last_read: float = 0.0
    """Monotonic time of the last read that brought events (for rehearsal clocks)."""
    _alive: float | None = None
    _life_at: float = 0.0
    """Monotonic time of the last sign of life of the console (an event, a heartbeat)."""

    @property
    def pinned(self) -> bool:
        """Whether one session was named on purpose."""
        return self.ref != "latest"

    def poll(self) -> bool:
        """Read what is new; return whether what the wall shows changed."""
        before = (self.path, self._seq, self.problem, self.console, self.frozen_at)
        self._maybe_switch()
        if self._journal is not None and self.state is not None:
            try:
                seq = replay_onto(self.state, self._journal, after=self._seq)
                if seq != self._seq:
                    self._seq = seq
                    self._last_read = self._life_at = self.monotonic()
                self._check_console()
            except StoreError as exc:  # JournalError included: a damaged journal
                self._drop(str(exc))
        self._heartbeat()
        return (self.path, self._seq, self.problem, self.console, self.frozen_at) != before

    def now(self) -> float:
        """The session's time; it stands still while the console is not running."""
        if self.frozen_at is not None:
            return self.frozen_at
        return self._running_now()

    def clock_now(self) -> float:
        """The session's time as it goes on, frozen or not (the time of day on the wall)."""
        return self._running_now()

    def _running_now(self) -> float:
        if self.clock is not None:
            return self.clock.now()
        state = self.state
        if state is None or state.plan.speed == 1 or state.last_at is None:
            return time.time()
        return state.last_at + (self.monotonic() - self._last_read) * state.plan.speed

    def close(self) -> None:
        """Let go of the journal and say the display has gone."""
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        if self.path is not None:
            (self.path / HEARTBEAT_FILE).unlink(missing_ok=True)

    # -- is the console running? ------------------------------------------------

    def _check_console(self) -> None:
        assert self._journal is not None and self.state is not None
        alive = self._journal.alive_at()
        stopped = self._journal.stopped_at()
        now = self.monotonic()
        if alive != self._alive:
            self._alive, self._life_at = alive, now
        if self.state.closed:
            console, stood = Console.RUNNING, None  # nothing runs on a closed circle
        elif stopped is not None:
            console, stood = Console.STOPPED, stopped
        elif alive is not None and now - self._life_at > CONSOLE_FRESH_SECONDS:
            console, stood = Console.GONE, alive
        else:
            console, stood = Console.RUNNING, None
        if console is Console.RUNNING:
            self.frozen_at = self.console_lost_at = None
        elif self.console is Console.RUNNING or self.frozen_at is None:
            # Where resume goes on: the last event or the last sign of life.
            last = self.state.last_at or 0.0
            self.frozen_at = max(last, min(stood or last, self._running_now()))
            self.console_lost_at = now
        self.console = console

    def _judge_at_open(self) -> None:
        """A journal's last heartbeat may be old already when the display opens it."""
        assert self._journal is not None
        self._alive = alive = self._journal.alive_at()
        self._life_at = self.monotonic()
        if alive is None:
            return
        speed = self.state.plan.speed if self.state is not None else 1.0
        age = (self._running_now() - alive) / max(speed, 1e-9)
        self._life_at -= max(0.0, age)

    # -- finding and opening the session ----------------------------------------

    def _maybe_switch(self) -> None:
        """Open the session; without a pin, move to the circle being run now."""
        now = self.monotonic()
        if now - self._resolved_at < RESOLVE_SECONDS:
            return
        if self.pinned and self._journal is not None:
            return
        self._resolved_at = now
        try:
            path = self._pick() if not self.pinned else resolve_session(self.root, self.ref)
        except StoreError as exc:
            if self._journal is None:
                self.problem = bounded(str(exc))  # the same line as summary and resume
            return
        if path == self.path and self._journal is not None:
            return
        self._open(path)

    def _pick(self) -> Path:
        """The session to show: a newer one that started, else one whose console writes."""
        folders = session_folders(self.root)
        if not folders:
            raise StoreError(f"{self.root}: " + _("no sessions yet"))
        newest = folders[-1]
        if self.path is None or self.path not in folders or newest.name > self.path.name:
            return newest
        showing_a_live_console = self.console is Console.RUNNING and not (
            self.state is not None and self.state.closed
        )
        if showing_a_live_console:
            return self.path
        written = [(written_at(p), p) for p in folders if p != self.path]
        recent = [(at, p) for at, p in written if time.time() - at < CONSOLE_FRESH_SECONDS]
        return max(recent)[1] if recent else self.path

    def _open(self, path: Path) -> None:
        try:
            folder = open_session(path)
            journal = Journal.open(folder.journal_path, folder.plan.session_id, public_only=True)
        except StoreError as exc:
            if self._journal is None:
                self.problem = bounded(str(exc))
            return
        self.close()
        self.path, self._journal, self._seq = path, journal, 0
        self.state = SessionState(plan=folder.plan)
        self.problem = ""
        self.console, self.frozen_at, self.console_lost_at = Console.RUNNING, None, None
        self._last_read = self.monotonic()
        try:
            self._seq = replay_onto(self.state, journal)
            self._judge_at_open()
        except StoreError as exc:
            self._drop(str(exc))

    def _drop(self, problem: str) -> None:
        """Forget a journal that cannot be read; look for it again later."""
        self.close()
        self.state, self.path, self._seq = None, None, 0
        self.console, self.frozen_at, self.console_lost_at = Console.RUNNING, None, None
        self.problem = bounded(problem)  # the same line as summary and resume

    def _heartbeat(self) -> None:
        now = self.monotonic()
        if self.path is None or now - self._beat_at < HEARTBEAT_SECONDS:
            return
        self._beat_at = now
        with contextlib.suppress(OSError):  # read-only dir: the console just cannot see us
            (self.path / HEARTBEAT_FILE).touch(mode=0o600)


def written_at(session_path: Path) -> float:
    """When the session's console last wrote its journal (its write-ahead log), or 0.

    A reader never writes the log, so this is the console's doing alone.
    """
    try:
        return (session_path / "journal.db-wal").stat().st_mtime
    except OSError:
        return 0.0


def display_following(session_path: Path) -> bool:
    """Whether a display touched its heartbeat in the session folder lately."""
    try:
        age = time.time() - (session_path / HEARTBEAT_FILE).stat().st_mtime
    except OSError:
        return False
    return age < FRESH_SECONDS
