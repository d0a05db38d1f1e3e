"""How a format really runs: many seeded headless runs, and what they add up to.

`formats simulate` runs a format a thousand times on the pure core with
the rehearsal's simulated room (`rehearsal.run_fast`), each run seeded by
its number, and reports the spread of what a trainer wants to know before a
room sees the format: how long it really takes, how often it overruns what
it says it takes, how evenly the speaking time is shared, and which phase
runs over most. The same seed gives the same figures.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial

from circle_tui.core.airtime import airtime, balances
from circle_tui.core.casting import cast, cast_personas, cast_plan
from circle_tui.core.formats import CircleFormat
from circle_tui.core.plan import SessionPlan
from circle_tui.core.rehearsal import run_fast
from circle_tui.core.state import SessionState

OVERRUN = 1.10
"""A run overruns when it takes more than 10 % over what the format says it takes."""
START = 1_790_000_000.0
"""The moment every simulated run starts (a run's figures do not depend on it)."""


@dataclass(frozen=True)
class PhaseOverrun:
    """How one phase (a step of the plan) ran against its plan across the runs."""

    title: str
    planned: float
    """Seconds it is planned to take with this many people."""
    median: float
    """Seconds it took, the median run."""
    over_share: float
    """Share of the runs in which it took more than 10 % over its plan."""


@dataclass(frozen=True)
class FormatRuns:
    """The figures of `runs` seeded runs of one format with `people` people."""

    format_id: str
    name: str
    people: int
    seed: int
    lengths: tuple[float, ...]
    """Each run's length in seconds, first word to close."""
    planned: float
    """Seconds the plan adds up to."""
    meant: float
    """Seconds the format says it takes (its `minutes`, else the plan)."""
    ginis: tuple[float, ...]
    """Each run's fairness figure (the Gini coefficient of speaking time; 0 is even)."""
    phases: tuple[PhaseOverrun, ...]
    personas: str = ""
    """The personas cast in every run, as given ("dominant=1,silent=1"; empty: none)."""

    @property
    def runs(self) -> int:
        return len(self.lengths)

    @property
    def median(self) -> float:
        return statistics.median(self.lengths)

    @property
    def p90(self) -> float:
        return percentile(self.lengths, 0.9)

    @property
    def overrun_share(self) -> float:
        """Share of the runs that took more than 10 % over what the format says."""
        over = sum(1 for length in self.lengths if length > self.meant * OVERRUN)
        return over / len(self.lengths)

    @property
    def worst_phase(self) -> PhaseOverrun | None:
        """The phase that runs over most often (None when none ever does)."""
        worst = max(self.phases, key=lambda p: (p.over_share, p.median / max(p.planned, 1)))
        return worst if worst.over_share > 0 else None


def percentile(values: tuple[float, ...] | list[float], share: float) -> float:
    """The value below which `share` of `values` lie (nearest rank)."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def histogram(values: tuple[float, ...], bins: int) -> list[int]:
    """How many of `values` fall in each of `bins` equal bins, lowest to highest."""
    low, high = min(values), max(values)
    if high <= low:
        return [len(values)] + [0] * (bins - 1)
    counts = [0] * bins
    for value in values:
        counts[min(bins - 1, int((value - low) / (high - low) * bins))] += 1
    return counts


def run_plan(
    fmt: CircleFormat, people: int, seed: int, run: int, personas: str = ""
) -> SessionPlan:
    """The plan of one simulated run: invented people, seeded by `seed` and `run`, cast
    as `personas` ("dominant=1,silent=1"; `casting.cast_personas`)."""
    seated, cast_of = cast_personas(fmt, cast(fmt, people), personas)
    return SessionPlan(
        session_id=f"simulate-{seed}-{run}",
        format=fmt,
        participants=seated,
        created_at=START,
        rehearsal=True,
        simulated=True,
        cast=cast_of,
    )


@dataclass(frozen=True)
class RunFigures:
    """What one finished run adds to the figures (small: runs may come from other processes)."""

    length: float
    gini: float
    steps: tuple[float, ...]
    """Seconds each step of the plan took."""


Mapper = Callable[[Callable[[int], RunFigures], Iterable[int]], Iterable[RunFigures]]


def simulate_format(
    fmt: CircleFormat,
    people: int,
    runs: int,
    seed: int = 0,
    *,
    personas: str = "",
    map_runs: Mapper = map,
) -> FormatRuns:
    """Run `fmt` `runs` times with `people` simulated people (seeded: the same every time).

    `map_runs` maps the runs' numbers to their figures, in order: `map` here,
    or a process pool's (`formats simulate` uses both cores).
    """
    each = partial(one_run, fmt, people, seed, personas=personas)
    found = figures(fmt, people, seed, list(map_runs(each, range(runs))))
    return replace(found, personas=personas) if personas else found


def one_run(
    fmt: CircleFormat, people: int, seed: int, run: int, *, personas: str = ""
) -> RunFigures:
    """Run number `run` of `fmt`, to its close, and what it adds to the figures."""
    state = run_fast(run_plan(fmt, people, seed, run, personas))
    end = state.closed_at if state.closed_at is not None else state.last_at or START
    steps = [0.0] * len(state.plan.phases)
    for visit in state.runs:
        stop = visit.ended_at if visit.ended_at is not None else end
        steps[visit.phase] += stop - visit.started_at - visit.paused_seconds
    return RunFigures(*length_and_gini(state, end), tuple(steps))


def length_and_gini(state: SessionState, end: float) -> tuple[float, float]:
    """A run's length up to `end` (first word to close), and its fairness figure."""
    overall, _without = balances(state, airtime(state, end))
    return end - (state.started_at or end), overall.gini


def figures(fmt: CircleFormat, people: int, seed: int, runs: list[RunFigures]) -> FormatRuns:
    """What the finished runs add up to."""
    plan = cast_plan(fmt, people)
    planned_steps = plan.planned_seconds
    phases = tuple(
        PhaseOverrun(
            title=step.title,
            planned=float(planned_steps[index]),
            median=statistics.median(run.steps[index] for run in runs),
            over_share=sum(1 for run in runs if run.steps[index] > planned_steps[index] * OVERRUN)
            / len(runs),
        )
        for index, step in enumerate(plan.phases)
    )
    planned = float(sum(planned_steps))
    return FormatRuns(
        format_id=fmt.id,
        name=fmt.name,
        people=people,
        seed=seed,
        lengths=tuple(run.length for run in runs),
        planned=planned,
        meant=float(fmt.minutes * 60) if fmt.minutes else planned,
        ginis=tuple(run.gini for run in runs),
        phases=phases,
    )
