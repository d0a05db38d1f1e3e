"""What a group's past brings to its next session: one place, read when the session starts.

Last time's agreements come back as follow-ups, the contract starts from the
one the group agreed, the organisation's answers that came since are shown at
the check-in, and each question pool is asked least recently first.
Rehearsals and sessions without a group start from nothing.
"""

from __future__ import annotations

from pathlib import Path

from circle_tui.app.letter import answers_since_last
from circle_tui.app.reading import follow_ups_for, group_history, last_contract_of
from circle_tui.core.plan import FollowUp, SessionPlan
from circle_tui.core.questions import question_orders


def remembered(
    root: Path, plan: SessionPlan, follow_ups: tuple[FollowUp, ...] | None = None
) -> SessionPlan:
    """`plan` with what its group's past sessions bring (`follow_ups` given: those instead)."""
    group = plan.group
    if plan.rehearsal or not group.strip():
        return plan.model_copy(update={"follow_ups": follow_ups or ()})
    update: dict[str, object] = {
        "follow_ups": follow_ups_for(root, group) if follow_ups is None else follow_ups,
        "last_contract": last_contract_of(root, group),
        "org_answers": answers_since_last(root, group),
    }
    if any(len(phase.questions) > 1 for phase in plan.phases):
        update["questions"] = question_orders(plan, group_history(root, group))
    return plan.model_copy(update=update)
