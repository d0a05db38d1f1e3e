"""Simulated sessions for the benchmark: a fake clock and a scripted facilitator."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from bench.names import NAMES
from circle_tui.app.live import LiveSession, start_session
from circle_tui.core.decide import (
    AdjustTime,
    Begin,
    GiveWord,
    NextPhase,
    PassTurn,
    ReopenPhase,
    TogglePause,
)
from circle_tui.core.events import Event, event_to_json
from circle_tui.core.formats import CircleFormat, Phase, PhaseKind
from circle_tui.core.items import parse_item
from circle_tui.core.plan import Participant, SessionPlan
from circle_tui.core.state import SessionState
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format
from circle_tui.store.sessions import SessionFolder, create_session


def people(n: int) -> tuple[Participant, ...]:
    return tuple(Participant(name=name) for name in NAMES[:n])


def long_format(hours: float, n: int) -> CircleFormat:
    """The reflection circle with more rounds than `hours` with `n` people can fill
    (`simulate` ends the session when the hours are up)."""
    base = find_format("reflection-circle")
    per_round = 47.5 * n  # turns take 47.5 s on average below
    rounds = min(200, max(1, -(-int(hours * 3600) // int(per_round)) + 1))
    middle = [
        Phase(
            kind=PhaseKind.ROUND,
            title=f"Round {i + 1}",
            prompt="What do you notice?",
            turn_seconds=60,
        )
        for i in range(rounds)
    ]
    phases = (base.phases[0], base.phases[1], *middle, base.phases[3], base.phases[4])
    # A long circle is meant for exactly this many people (and no stated length).
    update = {"phases": phases, "id": "bench-long", "max_people": n, "minutes": None}
    return base.model_copy(update=update)


class _Memory:
    """A journal that keeps events in memory: for building big sessions fast."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def append(self, event: Event) -> int:
        return self.append_all([event])

    def append_all(self, events: Sequence[Event]) -> int:
        """One command's events, as the journal commits them together."""
        self.events.extend(events)
        return len(self.events)

    def add_note(self, at: float, body: str, phase: int | None, speaker: int | None) -> int:
        return 0

    def close(self) -> None:
        pass


def simulate(
    *,
    n: int = 40,
    hours: float = 3.0,
    items: int = 0,
    seed: int = 7,
    max_events: int | None = None,
    root: Path | None = None,
    close: bool = True,
) -> tuple[LiveSession, FakeClock]:
    """Drive a whole session through decide and apply, like a facilitator would.

    Without `max_events` the session lasts `hours` of session time (the fake
    clock): when they are up, it is closed (or, without `close`, left open, as a
    console has it then). `items` shared items are spread over that time. With
    `max_events`, it goes round again until that many events were applied.
    With `root`, every event is committed to a real journal there (slow: one
    fsync each); without, events stay in memory (`lived_events(live)`).
    """
    rng = random.Random(seed)
    clock = FakeClock()
    began = clock.now()
    length = hours * 3600
    fmt = long_format(hours, n)
    if root is not None:
        live = start_session(root, fmt, people(n), clock, group="bench")
    else:
        plan = SessionPlan(
            session_id="bench",
            format=fmt,
            participants=people(n),
            group="bench",
            created_at=clock.now(),
        )
        folder = SessionFolder(Path("/nonexistent"), plan)
        live = LiveSession(folder, _Memory(), SessionState(plan=plan), clock)  # type: ignore[arg-type]
        live.write_summary = lambda: Path("/nonexistent")  # type: ignore[method-assign]
        live.execute(Begin())
    live.execute(NextPhase(confirmed=True))
    phases = len(fmt.phases)
    while not live.state.closed:
        if max_events is not None and live.state.events_applied >= max_events:
            break
        if max_events is None and clock.now() - began >= length:
            _add_items(live, items - len(live.state.items), rng)
            if not close:
                break
            while not live.state.closed:  # the hours are up: close the circle
                live.execute(NextPhase(confirmed=True))
            break
        phase = live.state.current_phase
        assert phase is not None
        if not phase.kind.has_turns:
            clock.advance(120)
            live.execute(NextPhase(confirmed=True))
            continue
        live.execute(GiveWord())
        if live.state.speaker is None:
            last = live.state.phase == phases - 1
            if last and max_events is not None:
                live.execute(ReopenPhase())  # a long journal: go round again
            else:
                live.execute(NextPhase(confirmed=True))
            continue
        clock.advance(rng.uniform(20, 75))
        roll = rng.random()
        if roll < 0.05:
            live.execute(PassTurn())
        elif roll < 0.10:
            live.execute(AdjustTime(30))
        elif roll < 0.12:
            live.execute(TogglePause())
            clock.advance(30)
            live.execute(TogglePause())
        share = min(1.0, (clock.now() - began) / length)
        _add_items(live, int(items * share) - len(live.state.items), rng)
    return live, clock


def session_hours(live: LiveSession) -> float:
    """How long the session lasted (or lasts so far), first event to last, in hours."""
    events = lived_events(live)
    return (events[-1].at - events[0].at) / 3600 if events else 0.0


def lived_events(live: LiveSession) -> list[Event]:
    """The events of a session simulated in memory (without `root`)."""
    journal = live.journal
    assert isinstance(journal, _Memory), "simulated with a root: read its journal instead"
    return journal.events


def write_journal(root: Path, live: LiveSession) -> Path:
    """Store a simulated session as a real session folder (bulk insert: set-up only)."""
    folder, journal = create_session(root, live.plan)
    events = lived_events(live)
    db = journal._db
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO events(at, type, payload) VALUES (?, ?, ?)",
        [(e.at, e.type, event_to_json(e)) for e in events],
    )
    db.execute("COMMIT")
    journal.close()
    return folder.path


def _add_items(live: LiveSession, count: int, rng: random.Random) -> None:
    phase = live.state.current_phase
    if phase is None or count <= 0:
        return
    done = len(live.state.items)
    for i in range(count):
        text = rng.choice(
            [
                "agree: share notes @Bo by 2026-12-01",
                "learned: listen longer",
                "we: ask first",
                "disagree: evening shifts",
            ]
        )
        live.execute(parse_item(f"{text} {done + i}", phase.kind))
