"""When a time box crosses into its last seconds or runs out: the chime and the flash.

`Crossings` watches the time boxes that run (a speaker's, the writing, a
phase's own: 1-2-4-All's "the bell means move on") from one repaint to the
next and says which crossed a line since: into the warning, or to zero. A
box seen for the first time already past a line (a wall opened mid-turn, a
resumed session, a replay) crossed it before anyone watched: it rings
nothing. Each crossing is said once, never again on the next tick.
"""

from __future__ import annotations

from circle_tui.core.state import SessionState
from circle_tui.core.timing import BoxKind, time_boxes

RANK = {"ok": 0, "warning": 1, "overtime": 2}


class Crossings:
    """What crossed a line since the last look (one per console, one per wall)."""

    def __init__(self) -> None:
        self._seen: dict[tuple[BoxKind, int, int | None], int] = {}

    def since(self, state: SessionState, now: float) -> list[tuple[BoxKind, str]]:
        """The boxes that went into `warning` or `overtime` since the last call."""
        crossed: list[tuple[BoxKind, str]] = []
        seen: dict[tuple[BoxKind, int, int | None], int] = {}
        for box in time_boxes(state, now):
            if box.budget is None:
                continue
            run = len(state.turns) if box.kind is BoxKind.TURN else len(state.runs)
            key = (box.kind, run, box.speaker)
            rank = RANK[box.state]
            before = self._seen.get(key)
            if before is not None and rank > before:
                crossed.append((box.kind, box.state))
            seen[key] = rank
        self._seen = seen
        return crossed
