"""Follow-up: what a group agreed last time comes back at its next session."""

from __future__ import annotations

from circle_tui.core.events import FollowUpStatus, ItemKind
from circle_tui.core.formats import PhaseKind
from circle_tui.core.plan import FollowUp, SessionPlan
from circle_tui.core.state import SessionState

STILL_OPEN = (None, FollowUpStatus.ONGOING)
"""A follow-up not marked, or marked ongoing, is carried on to the next session."""


def carried_follow_ups(previous: SessionState) -> tuple[FollowUp, ...]:
    """What the next session of the group reviews, from the state of its last one.

    The last session's own follow-ups that were not done or dropped come first
    (they keep their origin), then the agreements made in that session.
    """
    plan = previous.plan
    carried = [
        follow_up
        for index, follow_up in enumerate(plan.follow_ups)
        if previous.follow_up_status.get(index) in STILL_OPEN
    ]
    carried.extend(
        FollowUp(
            text=item.text,
            owner=item.owner,
            due=item.due,
            from_session=plan.session_id,
            agreed_at=item.at,
        )
        for item in previous.live_items()
        if item.kind is ItemKind.AGREEMENT
    )
    return tuple(carried)


def review_phase(plan: SessionPlan) -> int:
    """The step in which last time's agreements are reviewed.

    The format's review phase if it has one, else the check-in, else the
    first phase after the contract.
    """
    for kinds in ((PhaseKind.REVIEW,), (PhaseKind.CHECKIN,)):
        for index, phase in enumerate(plan.phases):
            if phase.kind in kinds:
                return index
    for index, phase in enumerate(plan.phases):
        if phase.kind is not PhaseKind.CONTRACT:
            return index
    return 0
