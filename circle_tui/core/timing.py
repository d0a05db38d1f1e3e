"""Remaining time and overtime, computed from events and a clock.

Nothing here counts down: every figure is derived from event times and
`now`, so a repaint can come late or twice without the time drifting.
Which time box runs (a turn, the writing, the phase) is said once, by
`time_boxes`: the timers, the hard time-out and the simulator read it.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from circle_tui.core.formats import PhaseKind
from circle_tui.core.records import turn_seconds
from circle_tui.core.state import SessionState

WARNING_SHARE = 0.2
"""The last 20% of a time box is shown as a warning, unless the format says otherwise
(`warn_at`: below 1 a share of the box, from 1 on seconds)."""


class Clock(Protocol):
    """Gives the time in epoch seconds."""

    def now(self) -> float:
        """The current time."""
        ...


class SystemClock:
    """Wall time anchored to `time.monotonic()` at start.

    Immune to the system clock jumping (NTP, a laptop waking up); `speed`
    makes time run faster for rehearsals.
    """

    def __init__(self, speed: float = 1.0, start: float | None = None) -> None:
        self.speed = speed
        self._wall0 = time.time() if start is None else start
        self._mono0 = time.monotonic()

    def now(self) -> float:
        """Epoch seconds of the session's time."""
        return self._wall0 + (time.monotonic() - self._mono0) * self.speed


class FakeClock:
    """A clock that moves only when told to (tests, simulations)."""

    def __init__(self, start: float = 1_790_000_000.0) -> None:
        self.t = start

    def now(self) -> float:
        """The time it was set to."""
        return self.t

    def advance(self, seconds: float) -> float:
        """Move time on and return the new time."""
        self.t += seconds
        return self.t


@dataclass(frozen=True)
class TurnClock:
    """The speaker's time box at one moment."""

    speaker: int
    budget: float
    used: float
    """Seconds spoken in this phase, pauses excluded."""
    warn_at: float = WARNING_SHARE
    """The format's warning threshold (see `warning_seconds`)."""

    @property
    def remaining(self) -> float:
        """Seconds left; negative in overtime."""
        return self.budget - self.used

    @property
    def overtime(self) -> float:
        """Seconds beyond the time box (0 while in time)."""
        return max(0.0, -self.remaining)

    @property
    def fraction_used(self) -> float:
        """Share of the time box used, 0..1 (capped)."""
        return _fraction_used(self.budget, self.used)

    @property
    def state(self) -> str:
        """`ok`, `warning` (the last seconds, by the format's `warn_at`) or `overtime`."""
        return _box_state(self.budget, self.used, self.warn_at)


def _fraction_used(budget: float, used: float) -> float:
    if budget <= 0:
        return 1.0
    return min(1.0, max(0.0, used / budget))


def warning_seconds(budget: float, warn_at: float = WARNING_SHARE) -> float:
    """Seconds before zero a box of `budget` starts its warning: a share below 1, else seconds."""
    return budget * warn_at if warn_at < 1 else warn_at


def _box_state(budget: float, used: float, warn_at: float = WARNING_SHARE) -> str:
    remaining = budget - used
    if remaining < 0 or (budget == 0 and used > 0):
        return "overtime"
    if remaining <= warning_seconds(budget, warn_at):
        return "warning"
    return "ok"


@dataclass(frozen=True)
class PhaseClock:
    """The phase's own time at one moment."""

    phase: int
    elapsed: float
    """Seconds the phase has run, pauses excluded."""
    budget: float | None
    """The phase's time box, if it has one."""

    @property
    def remaining(self) -> float | None:
        """Seconds left in the phase's time box; negative in overtime."""
        return None if self.budget is None else self.budget - self.elapsed


def used_in_phase(state: SessionState, phase: int, speaker: int, now: float) -> float:
    """Seconds a speaker has spoken in a phase so far, the running turn included."""
    used = state.used.get((phase, speaker), 0.0)
    turn = state.current_turn
    if turn is not None and turn.speaker == speaker and turn.phase == phase:
        used += turn_seconds(turn, now, state.paused_at)
    return used


def turn_clock(state: SessionState, now: float) -> TurnClock | None:
    """The running speaker's time box, or None when nobody has the word.

    The box holds for the whole phase (the word given back goes on from where
    it stood), except with one contribution each: every turn has its own. In
    a phase without turns, whoever is marked as speaking has no box.
    """
    turn = state.current_turn
    if turn is None or not state.plan.phases[turn.phase].kind.has_turns:
        return None  # in open dialogue a speaker is measured, not timed
    step = state.plan.phases[turn.phase]
    if turn.other_side:  # another's strongest point: each statement its own box
        used = turn_seconds(turn, now, state.paused_at)
        budget = float(state.budget(turn.phase, turn.speaker))
        return TurnClock(turn.speaker, budget, used, state.plan.format.warn_at)
    if turn.position is not None:  # a disagreement by positions: the position's bank
        spent = state.position_spent.get((turn.phase, turn.position), 0.0)
        used = spent + turn_seconds(turn, now, state.paused_at)
        budget = state.position_bank(turn.phase, turn.position)
        return TurnClock(turn.speaker, budget, used, state.plan.format.warn_at)
    if step.one_contribution or turn.speaker == state.plan.answerer_of(turn.phase):
        used = turn_seconds(turn, now, state.paused_at)  # every answer has its own box
    else:
        used = used_in_phase(state, turn.phase, turn.speaker, now)
    budget = float(state.budget(turn.phase, turn.speaker))
    return TurnClock(turn.speaker, budget, used, state.plan.format.warn_at)


def phase_clock(state: SessionState, now: float) -> PhaseClock | None:
    """The current phase's clock, or None between phases."""
    run = state.current_run
    if run is None or state.phase is None:
        return None
    end = now if state.paused_at is None else max(state.paused_at, run.started_at)
    elapsed = max(0.0, end - run.started_at - run.paused_seconds)
    budget = state.phase_budget(state.phase)
    return PhaseClock(
        phase=state.phase, elapsed=elapsed, budget=None if budget is None else float(budget)
    )


def writing_clock(state: SessionState, now: float) -> PhaseClock | None:
    """The time to write in a written phase, until the first person reads out."""
    if not state.writing or state.phase is None:
        return None
    clock = phase_clock(state, now)
    budget = state.phase_budget(state.phase)
    if clock is None or budget is None:
        return None
    return PhaseClock(phase=clock.phase, elapsed=clock.elapsed, budget=float(budget))


class BoxKind(StrEnum):
    """Which time box runs."""

    TURN = "turn"
    """A speaker's."""
    WRITING = "writing"
    """Everyone's time to write, in a written phase before the first reads out."""
    PHASE = "phase"
    """The phase's own."""


@dataclass(frozen=True)
class TimeBox:
    """A time box that runs now, and how much of it is used."""

    kind: BoxKind
    used: float
    """Seconds spoken, written or run in it, pauses excluded."""
    budget: float | None
    """Its length with time given or taken; None for a phase without a box of its
    own (its clock counts up)."""
    speaker: int | None = None
    """Whose turn it is (a turn's box)."""
    moves_on: bool = True
    """Whether a hard phase moves on when it runs out. A speaker's box and the time
    to write do; a phase's own box does where the phase has no turns or goes round
    one contribution at a time, never in a contract (it ends when the group agrees)."""
    warn_at: float = WARNING_SHARE
    """The format's warning threshold (see `warning_seconds`)."""

    @property
    def remaining(self) -> float | None:
        """Seconds left; negative in overtime; None without a box."""
        return None if self.budget is None else self.budget - self.used

    @property
    def overtime(self) -> float:
        """Seconds beyond the time box (0 while in time)."""
        return 0.0 if self.budget is None else max(0.0, self.used - self.budget)

    @property
    def fraction_used(self) -> float:
        """Share of the time box used, 0..1 (capped; 0 without a box)."""
        return 0.0 if self.budget is None else _fraction_used(self.budget, self.used)

    @property
    def state(self) -> str:
        """`ok`, `warning` (the last seconds, by the format's `warn_at`) or `overtime`."""
        return "ok" if self.budget is None else _box_state(self.budget, self.used, self.warn_at)


def time_boxes(state: SessionState, now: float) -> tuple[TimeBox, ...]:
    """The time boxes that run now, the one the timer shows first; empty between phases.

    The speaker's turn, else everyone's time to write, else the phase's own
    box; the phase's own comes last in any case (while everyone writes, the
    writing is the phase's box). Whichever of those that `moves_on` runs
    out first is what a hard phase's time-out acts on; the simulator and both
    timers read the same boxes.
    """
    phase = state.current_phase
    clock = phase_clock(state, now)
    if phase is None or clock is None:
        return ()
    warn_at = state.plan.format.warn_at
    writing = writing_clock(state, now)
    if writing is not None:
        return (TimeBox(BoxKind.WRITING, writing.elapsed, writing.budget, warn_at=warn_at),)
    own = TimeBox(
        BoxKind.PHASE,
        clock.elapsed,
        clock.budget,
        moves_on=phase.kind is not PhaseKind.CONTRACT
        and (not phase.kind.has_turns or phase.one_contribution),
        warn_at=warn_at,
    )
    turn = turn_clock(state, now)
    if turn is None:
        return (own,)
    return (TimeBox(BoxKind.TURN, turn.used, turn.budget, turn.speaker, warn_at=warn_at), own)


def session_elapsed(state: SessionState, now: float) -> float:
    """Wall seconds since the session started (until it closed)."""
    if state.started_at is None:
        return 0.0
    end = state.closed_at if state.closed_at is not None else now
    return max(0.0, end - state.started_at)


def until_next_second(state: SessionState, now: float) -> float:
    """Session seconds from `now` until a clock shown for `state` shows a new second.

    Every clock on screen is a whole number of seconds of a value that runs
    with time: a box's time used (its phase clock, a speaker's overtime), its
    time left (rounded up), the session's length. The ticker waits for the
    first of them to cross a whole second, so the new second is painted as it
    begins, not up to a tick later. 1.0 when nothing runs (paused, closed).
    """
    if state.paused or state.closed or state.started_at is None:
        return 1.0
    running = [session_elapsed(state, now)]
    for box in time_boxes(state, now):
        running.append(box.used)
        if box.remaining is not None:
            running.append(-box.remaining)  # time left falls: its negative rises
    return min(_to_next_whole(value) for value in running)


def _to_next_whole(value: float) -> float:
    """How far a rising `value` is from its next whole number (a whole one: 1.0 away)."""
    gap = math.ceil(value) - value
    return gap if gap > 1e-9 else 1.0


def format_seconds(seconds: float, *, round_up: bool = True) -> str:
    """`m:ss` (or `h:mm:ss`) for a non-negative number of seconds.

    Remaining time rounds up, so 0:00 shows only when time is really up;
    overtime (counting up) rounds down, like a stopwatch.
    """
    seconds = max(0.0, seconds)
    whole = int(-(-seconds // 1)) if round_up else int(seconds // 1)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


@dataclass(frozen=True)
class Schedule:
    """When the circle ends by its plan, and when it will end going on from here."""

    planned_end: float
    """Start plus the planned length of every phase."""
    expected_end: float
    """Now plus what is left of this phase's plan and every later phase's."""

    @property
    def behind(self) -> float:
        """Seconds the circle runs late (negative: early)."""
        return self.expected_end - self.planned_end


def schedule(state: SessionState, now: float) -> Schedule | None:
    """The circle's planned and expected end, while it runs (None before the start and after)."""
    if state.started_at is None or state.closed or state.phase is None:
        return None
    planned = state.plan.planned_seconds
    phase = phase_clock(state, now)
    elapsed = phase.elapsed if phase is not None else 0.0
    left = max(0.0, planned[state.phase] - elapsed) + sum(planned[state.phase + 1 :])
    return Schedule(planned_end=state.started_at + sum(planned), expected_end=now + left)


@dataclass(frozen=True)
class PositionClock:
    """One position's time bank in a disagreement by positions."""

    name: str
    used: float
    bank: float
    holders: int
    """How many hold it now (never who)."""
    speaking: bool
    """Whether the word is with this position now."""
    stated: bool | None = None
    """In the step of the other side's strongest point: whether it has said it."""

    @property
    def remaining(self) -> float:
        """Seconds left; negative in overtime."""
        return self.bank - self.used


def position_clocks(state: SessionState, now: float) -> list[PositionClock]:
    """Every position's clock in the current step; empty outside a disagreement by positions."""
    step, phase = state.phase, state.current_phase
    if step is None or phase is None or not phase.by_positions:
        return []
    turn = state.current_turn
    held = state.holders.get(step, {})
    stated = state.stated(step)
    clocks = []
    for index, name in enumerate(state.positions_of(step)):
        used = state.position_spent.get((step, index), 0.0)
        speaking = turn is not None and turn.phase == step and turn.position == index
        if speaking and turn is not None and not turn.other_side:
            used += turn_seconds(turn, now, state.paused_at)
        clocks.append(
            PositionClock(
                name=name,
                used=used,
                bank=state.position_bank(step, index),
                holders=sum(1 for k in held.values() if k == index),
                speaking=speaking,
                stated=index in stated if step in state.other_side else None,
            )
        )
    return clocks
