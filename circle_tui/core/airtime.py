"""Who spoke how much: airtime per participant and per phase, and its balance.

Parallel monologues do not make a dialogue; how the speaking time was shared
is part of what a group learns about itself. The balance figure is the Gini
coefficient of speaking time over everyone who could have had the word, those
who never spoke too (0 when all spoke equally long, towards 1 when one voice
took all of it). Roles whose speaking is long by design (a case giver
presenting) are weighed once with everyone and once without them.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from circle_tui.core.events import TurnOutcome
from circle_tui.core.plan import SessionPlan
from circle_tui.core.records import turn_seconds
from circle_tui.core.state import SessionState
from circle_tui.core.timing import used_in_phase

BALANCED_BELOW = 0.12
"""A Gini coefficient under this reads as balanced."""
UNEVEN_FROM = 0.3
"""From this Gini coefficient on, speaking time reads as uneven."""


class _Model(BaseModel):
    # The attribute docstrings are the schema's descriptions; they are read only
    # where the schema is written (devtools.schema): reading them costs every start.
    model_config = ConfigDict(frozen=True, defer_build=True, extra="forbid")


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
    """Gini coefficient of speaking time among everyone counted, 0..1."""
    voices: int
    """People counted: everyone who could have had the word, whether they spoke or not."""
    half_by: int
    """The fewest people who together took at least half of the speaking time."""
    reading: Reading
    half_share: float = 0.0
    """The share of the speaking time those `half_by` people took, 0..1."""
    unheard: int = 0
    """People counted who never spoke (a pass is not speaking)."""


def _stating_overtime(state: SessionState, phase: int, speaker: int, at: float) -> float:
    """In a disagreement by positions, a person's overtime: only over the box of the
    strongest-point step (the banks are the positions', shown per position)."""
    box = state.plan.phases[phase].strongest_point_seconds or 0
    box += state.stating_extra.get((phase, speaker), 0)
    return sum(
        max(0.0, turn_seconds(t, at, state.paused_at) - box)
        for t in state.turns
        if t.phase == phase and t.speaker == speaker and t.other_side
    )


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
        answers = speaker == plan.answerer_of(phase_index)  # a box per answer
        if phase.position_seconds is not None:  # a bank runs over as a position, not a person
            over = _stating_overtime(state, phase_index, speaker, at)
            overtime[speaker] = overtime.get(speaker, 0.0) + over
        elif phase.kind.has_turns and not phase.one_contribution and not answers:  # laps too
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
                role=plan.role_held(i),
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
    """How evenly the speaking time was shared among `people` (all of them count)."""
    times = [p.seconds for p in people]
    total = sum(times)
    unheard = sum(1 for t in times if t <= 0)
    if not times or total <= 0:
        return Balance(
            gini=0.0, voices=len(times), half_by=0, reading=Reading.SILENT, unheard=unheard
        )
    coefficient = gini(times)
    half_by = 0
    covered = 0.0
    for seconds in sorted(times, reverse=True):
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
    return Balance(
        gini=round(coefficient, 3),
        voices=len(times),
        half_by=half_by,
        reading=reading,
        half_share=round(covered / total, 4),
        unheard=unheard,
    )


_could_speak_last: tuple[SessionPlan, frozenset[int]] | None = None
"""The last plan asked about and its answer: the console asks on every key and every
second, and 32 steps of 40 people took about 1,300 role checks each time."""


def _could_speak(plan: SessionPlan) -> frozenset[int]:
    """Everyone who gets the word in some step of `plan`, or answers in one."""
    global _could_speak_last
    last = _could_speak_last
    if last is not None and last[0] is plan:  # a plan is frozen: the same one, the same answer
        return last[1]
    could = {person for step in range(len(plan.phases)) for person in plan.speakers_of(step)}
    answering = (plan.answerer_of(step) for step in range(len(plan.phases)))
    could |= {person for person in answering if person is not None}
    found = frozenset(could)
    _could_speak_last = (plan, found)
    return found


def counted(state: SessionState, people: list[Airtime]) -> list[Airtime]:
    """Who the balance weighs: everyone who could have had the word in this format.

    Someone whose role never speaks (an observer) is left out, and so is
    someone marked absent who did not speak; someone who had the word and
    passed, or never got it, counts as a voice that was not heard.
    """
    could = _could_speak(state.plan)
    absent = state.absent  # not there: not silent either
    return [p for i, p in enumerate(people) if (i in could and i not in absent) or p.seconds > 0]


def long_roles(state: SessionState) -> tuple[str, ...]:
    """Ids of the roles held in this session whose speaking is long by design."""
    fmt = state.plan.format
    held = {state.plan.role_held(i) for i in range(len(state.plan.participants))}
    return tuple(
        r.id
        for r in fmt.roles
        if r.long_by_design and r.id in held and r.id not in fmt.rotating  # not everyone's
    )


def balances(state: SessionState, people: list[Airtime]) -> tuple[Balance, Balance | None]:
    """The balance over everyone counted, and over them without the long-by-design roles.

    The second is None when the session has no such role.
    """
    weighed = counted(state, people)
    apart = long_roles(state)
    if not apart:
        return balance(weighed), None
    rest = [p for p in weighed if p.role not in apart]
    return balance(weighed), balance(rest)
