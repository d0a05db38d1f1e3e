"""What the fold of a session keeps: each visit of a phase, each turn, each shared item."""

from __future__ import annotations

from dataclasses import dataclass

from circle_tui.core.events import ItemKind, TurnOutcome


@dataclass
class PhaseRun:
    """One visit of a phase (a reopened phase gets a second run)."""

    phase: int
    started_at: float
    ended_at: float | None = None
    paused_seconds: float = 0.0
    """Closed pauses during this run."""


@dataclass
class Turn:
    """One stretch of speaking: from getting the word to giving it back."""

    phase: int
    speaker: int
    started_at: float
    ended_at: float | None = None
    paused_seconds: float = 0.0
    outcome: TurnOutcome | None = None
    position: int | None = None
    """In a disagreement by positions: the position whose time bank the turn draws on
    (in the step of the other side's strongest point: the position stating it)."""
    other_side: bool = False
    """Said in the step of the other side's strongest point: its own box, no bank."""


@dataclass
class SharedItem:
    """What the group agreed may leave the room."""

    kind: ItemKind
    text: str
    phase: int
    at: float
    owner: str | None = None
    due: str | None = None
    level: str | None = None
    withdrawn: bool = False


def turn_seconds(turn: Turn, now: float, paused_at: float | None = None) -> float:
    """Seconds spoken in a turn up to `now` (pauses excluded)."""
    end = turn.ended_at if turn.ended_at is not None else now
    if turn.ended_at is None and paused_at is not None:
        end = min(end, max(paused_at, turn.started_at))
    return max(0.0, end - turn.started_at - turn.paused_seconds)
