"""Check-in questions that do not repeat: a phase's pool, asked least recently first.

A format may give a phase a pool of questions (`questions = [...]`). A group
that meets again gets, in each such phase, the question it has not had for
longest (never: the pool's order), and the facilitator can swap to the next
one with one key. What counts is the question a session ended up asking.
"""

from __future__ import annotations

from collections.abc import Sequence

from circle_tui.core.plan import SessionPlan
from circle_tui.core.state import SessionState


def asked_before(history: Sequence[SessionState], format_id: str) -> dict[tuple[int, int], int]:
    """(format phase, question) -> the latest of `history` (oldest first) that asked it."""
    last: dict[tuple[int, int], int] = {}
    for number, state in enumerate(history):
        if state.plan.format.id != format_id:
            continue
        for step, at in enumerate(state.plan.steps):
            asked = state.question_of(step)
            if asked is not None and any(run.phase == step for run in state.runs):
                last[(at.source, asked)] = number
    return last


def question_orders(
    plan: SessionPlan, history: Sequence[SessionState]
) -> dict[int, tuple[int, ...]]:
    """Step -> its pool's questions, the ones the group has not had longest first."""
    last = asked_before(history, plan.format.id)
    orders: dict[int, tuple[int, ...]] = {}
    for step, at in enumerate(plan.steps):
        pool = range(len(at.phase.questions))
        if len(pool) > 1:
            orders[step] = tuple(sorted(pool, key=lambda q: (last.get((at.source, q), -1), q)))
    return orders
