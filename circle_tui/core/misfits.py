"""Events that cannot belong to a session: what a damaged journal holds.

Read back from a damaged journal, such an event would fold without
complaint and break the summary or the resume later; every replay checks
each event with `out_of_plan` before it folds it.
"""

from __future__ import annotations

from circle_tui.core.events import (
    Event,
    FollowUpMarked,
    ItemRecorded,
    ItemWithdrawn,
    OtherSideStarted,
    PersonJoined,
    PhaseEnded,
    PhaseStarted,
    PositionHeld,
    PositionNamed,
    PresenceMarked,
    SpeakerChosen,
    TimeAdjusted,
    TurnEnded,
    TurnStarted,
)
from circle_tui.core.i18n import _, ngettext
from circle_tui.core.state import SessionState


def out_of_plan(state: SessionState, event: Event) -> str | None:
    """Why an event cannot belong to this session (an index beyond what exists), or None.

    Read back from a damaged journal, such an event would fold without
    complaint and break the summary or the resume later.
    """
    plan = state.plan
    phases, people = len(plan.phases), len(plan.participants)
    phase: int | None = None
    speakers: tuple[int | None, ...] = ()
    match event:  # by type: a missing attribute on a pydantic model is slow to look up
        case PhaseStarted():
            phase, speakers = event.phase, event.order
        case PhaseEnded() | ItemRecorded():
            phase = event.phase
        case TurnStarted() | TurnEnded() | TimeAdjusted() | SpeakerChosen():
            speakers = (event.speaker,)
        case PresenceMarked():
            speakers = (event.person,)
        case PositionNamed() | OtherSideStarted():
            phase = event.phase
        case PositionHeld():
            phase, speakers = event.phase, (event.person,)
            known = event.phase < phases and event.position is not None
            if known and (event.position or 0) >= len(state.positions_of(event.phase)):
                return _("position: {position} was never named").format(position=event.position)
        case PersonJoined():
            try:
                plan.with_latecomer(event.name, event.role)
            except ValueError as exc:
                return str(exc)
        case ItemWithdrawn() if event.item >= len(state.items):
            # Translators: a damaged journal; "item:" names the event's field, keep it
            return _("item: {item} was never recorded").format(item=event.item)
        case FollowUpMarked() if event.item >= len(plan.follow_ups):
            return _("item: {item} is not one of last time's agreements").format(item=event.item)
    if phase is not None and phase >= phases:
        # Translators: a damaged journal; "phase:" names the event's field, keep it
        message = _("phase: {phase} is not in the format (it has {phases})")
        return message.format(phase=phase, phases=phases)
    for speaker in speakers:
        if speaker is not None and speaker >= people:
            return ngettext(
                "speaker: {speaker} is not a participant (there is {n})",
                "speaker: {speaker} is not a participant (there are {n})",
                people,
            ).format(speaker=speaker, n=people)
    return None
