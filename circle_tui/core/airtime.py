"""Who spoke how much: airtime per participant and per phase, and its balance.

Parallel monologues do not make a dialogue; how the speaking time was shared
is part of what a group learns about itself. The balance figure is the Gini
coefficient of speaking time over the people who had the word (0 when all
spoke equally long, towards 1 when one voice took all of it).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from circle_tui.core.events import TurnOutcome
from circle_tui.core.state import SessionState
from circle_tui.core.timing import used_in_phase

BALANCED_BELOW = 0.12
"""A Gini coefficient under this reads as balanced."""
UNEVEN_FROM = 0.3
"""From this Gini coefficient on, speaking time reads as uneven."""


class _Model(BaseModel):
    model_config = ConfigDict(
        frozen=True, defer_build=True, extra="forbid", use_attribute_docstrings=True
    )


class Airtime(_Model):
    """How long one participant spoke."""

    name: str
    role: str
    seconds: float
    share: float
    """Share of all speaking time, 0..1."""
    phases: list[float]
    """Seconds spoken in each phase of the format, in the format's order."""
    turns: int
    passes: int
    overtime_seconds: float


class Reading(StrEnum):
    """The balance of speaking time, in words."""

    SILENT = "silent"
    """Nobody has spoken yet."""
    BALANCED = "balanced"
    SOMEWHAT_UNEVEN = "somewhat-uneven"
    UNEVEN = "uneven"


class Balance(_Model):
    """One figure for how evenly the speaking time was shared."""

    gini: float
    """Gini coefficient of speaking time among the voices, 0..1."""
    voices: int
    """People who had the word at least once (a pass counts)."""
    half_by: int
    """The fewest voices that together took half of the speaking time."""
    reading: Reading


def airtime(state: SessionState, at: float) -> list[Airtime]:
    """Speaking time of every participant as of `at`, in seating order."""
    plan = state.plan
    phase_count = len(plan.phases)
    spoken: dict[int, list[float]] = {}
    overtime: dict[int, float] = {}
    keys = set(state.used)
    turn = state.current_turn
    if turn is not None:
        keys.add((turn.phase, turn.speaker))
    for phase_index, speaker in keys:
        used = used_in_phase(state, phase_index, speaker, at)
        spoken.setdefault(speaker, [0.0] * phase_count)[phase_index] += used
        phase = plan.phases[phase_index]
        if phase.kind.has_turns and not phase.one_contribution:  # laps: a box per turn
            over = max(0.0, used - state.budget(phase_index, speaker))
            overtime[speaker] = overtime.get(speaker, 0.0) + over
    turns: dict[int, int] = {}
    passes: dict[int, int] = {}
    for t in state.turns:
        if t.outcome is TurnOutcome.PASSED:
            passes[t.speaker] = passes.get(t.speaker, 0) + 1
        elif t.outcome in (TurnOutcome.SPOKE, TurnOutcome.TIMEOUT, None):
            turns[t.speaker] = turns.get(t.speaker, 0) + 1
    total = sum(sum(per_phase) for per_phase in spoken.values())
    result = []
    for i, person in enumerate(plan.participants):
        per_phase = spoken.get(i, [0.0] * phase_count)
        seconds = sum(per_phase)
        result.append(
            Airtime(
                name=person.name,
                role=person.role,
                seconds=round(seconds, 3),
                share=round(seconds / total, 4) if total else 0.0,
                phases=[round(s, 3) for s in per_phase],
                turns=turns.get(i, 0),
                passes=passes.get(i, 0),
                overtime_seconds=round(overtime.get(i, 0.0), 3),
            )
        )
    return result


def gini(values: list[float]) -> float:
    """Gini coefficient of non-negative values (0 for fewer than two, or all zero)."""
    n = len(values)
    total = sum(values)
    if n < 2 or total <= 0:
        return 0.0
    ordered = sorted(values)
    weighted = sum((2 * (i + 1) - n - 1) * x for i, x in enumerate(ordered))
    return min(1.0, max(0.0, weighted / (n * total)))  # equal shares can round below 0


def balance(people: list[Airtime]) -> Balance:
    """How evenly the voices shared the speaking time."""
    voices = [p.seconds for p in people if p.turns or p.passes or p.seconds]
    total = sum(voices)
    if not voices or total <= 0:
        return Balance(gini=0.0, voices=len(voices), half_by=0, reading=Reading.SILENT)
    coefficient = gini(voices)
    half_by = 0
    covered = 0.0
    for seconds in sorted(voices, reverse=True):
        half_by += 1
        covered += seconds
        if covered >= total / 2:
            break
    if coefficient < BALANCED_BELOW:
        reading = Reading.BALANCED
    elif coefficient < UNEVEN_FROM:
        reading = Reading.SOMEWHAT_UNEVEN
    else:
        reading = Reading.UNEVEN
    return Balance(gini=round(coefficient, 3), voices=len(voices), half_by=half_by, reading=reading)
