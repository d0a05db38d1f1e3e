"""Simulated sessions for the benchmark: a fake clock and a scripted facilitator."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

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

NAMES = [
    "Ane",
    "Bo",
    "Cai",
    "Dina",
    "Eik",
    "Frida",
    "Gorm",
    "Hanne",
    "Ida",
    "Jens",
    "Karin",
    "Lars",
    "Mette",
    "Nils",
    "Olga",
    "Per",
    "Quirine",
    "Rasmus",
    "Sofie",
    "Tove",
    "Ulla",
    "Vidar",
    "Wim",
    "Xenia",
    "Yrsa",
    "Zeno",
    "Anouk",
    "Bram",
    "Daan",
    "Eva",
    "Femke",
    "Geert",
    "Hugo",
    "Iris",
    "Joost",
    "Kees",
    "Lotte",
    "Maud",
    "Noor",
    "Olav",
]


def people(n: int) -> tuple[Participant, ...]:
    return tuple(Participant(name=name) for name in NAMES[:n])


def long_format(hours: float, n: int) -> CircleFormat:
    """The reflection circle with enough rounds to fill `hours` with `n` people."""
    base = find_format("reflection-circle")
    per_round = 48 * n  # turns take 47.5 s on average below
    rounds = min(60, max(1, int(hours * 3600 / per_round) - 4))
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
) -> tuple[LiveSession, FakeClock]:
    """Drive a whole session through decide and apply, like a facilitator would.

    With `root`, every event is committed to a real journal there (slow: one
    fsync each); without, events stay in memory (`lived_events(live)`).
    """
    rng = random.Random(seed)
    clock = FakeClock()
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
    per_phase_items = -(-items // max(1, phases - 3))  # spread over the rounds
    while not live.state.closed:
        if max_events is not None and live.state.events_applied >= max_events:
            break
        phase = live.state.current_phase
        assert phase is not None
        if not phase.kind.has_turns:
            clock.advance(120)
            live.execute(NextPhase(confirmed=True))
            continue
        live.execute(GiveWord())
        if live.state.speaker is None:
            _phase_items(live, min(per_phase_items, items - len(live.state.items)), rng)
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
    return live, clock


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


def _phase_items(live: LiveSession, count: int, rng: random.Random) -> None:
    phase = live.state.current_phase
    assert phase is not None
    for i in range(count):
        text = rng.choice(
            [
                "agree: share notes @Bo by 2026-12-01",
                "learned: listen longer",
                "we: ask first",
                "disagree: evening shifts",
            ]
        )
        live.execute(parse_item(f"{text} {i}", phase.kind))
