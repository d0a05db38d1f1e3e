"""How a format really runs: seeded headless runs on the pure core (issue 26.4)."""

from __future__ import annotations

import pytest

from circle_tui.core.format_runs import OVERRUN, histogram, run_plan, simulate_format
from circle_tui.core.formats import CircleFormat
from circle_tui.core.rehearsal import run_fast, run_through
from circle_tui.store.format_files import find_format


@pytest.mark.parametrize("format_id", ["reflection-circle", "troika-consulting", "group-guidance"])
def test_a_fast_run_is_the_ticking_run_without_the_ticks(format_id: str) -> None:
    """The same room and facilitator: the same turns, within the ticking run's second."""
    fmt = find_format(format_id)
    plan = run_plan(fmt, fmt.typical_people(), seed=7, run=3)
    ticking, fast = run_through(plan), run_fast(plan)
    assert fast.closed and ticking.closed
    assert [t.speaker for t in fast.turns] == [t.speaker for t in ticking.turns]
    assert [r.phase for r in fast.runs] == [r.phase for r in ticking.runs]
    assert fast.closed_at == pytest.approx(ticking.closed_at, abs=len(ticking.runs) * 2.0)


def test_the_same_seed_gives_the_same_figures(reflection: CircleFormat) -> None:
    first = simulate_format(reflection, 8, runs=40, seed=11)
    again = simulate_format(reflection, 8, runs=40, seed=11)
    other = simulate_format(reflection, 8, runs=40, seed=12)
    assert first == again
    assert first.lengths != other.lengths


def test_the_figures_add_up(reflection: CircleFormat) -> None:
    runs = simulate_format(reflection, 8, runs=60, seed=1)
    assert runs.runs == 60 and runs.people == 8
    assert min(runs.lengths) <= runs.median <= runs.p90 <= max(runs.lengths)
    assert runs.meant == reflection.minutes * 60  # type: ignore[operator]
    over = sum(1 for length in runs.lengths if length > runs.meant * OVERRUN) / 60
    assert runs.overrun_share == over
    assert all(0.0 <= g < 1.0 for g in runs.ginis)
    assert [p.title for p in runs.phases] == [
        step.title for step in run_plan(reflection, 8, 1, 0).phases
    ]
    assert sum(histogram(runs.lengths, 24)) == 60


def test_a_format_that_plans_too_little_time_runs_over(reflection: CircleFormat) -> None:
    """Said to take 30 minutes, the reflection circle overruns in every run, and the
    longest phase is named."""
    tight = reflection.model_copy(update={"minutes": 30})
    runs = simulate_format(tight, 8, runs=20, seed=2)
    assert runs.overrun_share == 1.0
