"""Who speaks and who is here: the facilitator's choice, the least heard, attendance, positions.

The decisions `decide` hands on for these commands, each from the state and
the clock to events or a refusal, like `decide` itself.
"""

from __future__ import annotations

from circle_tui.core.commands import Decision, Refusal
from circle_tui.core.events import (
    Event,
    PositionHeld,
    PositionNamed,
    Presence,
    PresenceMarked,
    Resumed,
    SpeakerChosen,
    TurnEnded,
    TurnOutcome,
    TurnStarted,
)
from circle_tui.core.formats import PhaseKind
from circle_tui.core.i18n import N_, _
from circle_tui.core.records import turn_seconds
from circle_tui.core.state import SessionState


def choose(state: SessionState, person: int | None, now: float) -> Decision:
    """Who speaks: next in a round (now, if nobody has the word); now in an open phase."""
    phase = state.current_phase
    assert phase is not None and state.phase is not None
    if phase.kind is PhaseKind.GROUPS:
        return Refusal(
            _("In “{title}” the groups talk at the same time.").format(title=phase.title)
        )
    events: list[Event] = [Resumed(at=now)] if state.paused else []
    speaker = state.speaker
    if person is None:
        if phase.kind.has_turns:
            if state.chosen is None:
                return Refusal(_("Nobody was chosen to speak next."))
            return [SpeakerChosen(at=now, speaker=None)]
        if speaker is None:
            return Refusal(_("Nobody is marked as speaking."))
        return [*events, TurnEnded(at=now, speaker=speaker, outcome=TurnOutcome.SPOKE)]
    if not 0 <= person < len(state.plan.participants):
        return Refusal(_("There is nobody with that number."))
    name = state.plan.name(person)
    if person in state.gone:
        return Refusal(_("{name} is not in the circle now.").format(name=name))
    if person not in state.plan.speakers_of(state.phase):
        return Refusal(
            _("{name} does not speak in “{title}”.").format(name=name, title=phase.title)
        )
    if person == speaker:
        return Refusal(_("{name} has the word already.").format(name=name))
    if phase.kind.has_turns and speaker is not None:
        if state.chosen == person:
            return Refusal(_("{name} is already next.").format(name=name))
        return [SpeakerChosen(at=now, speaker=person)]  # when the speaker gives the word back
    if speaker is not None:
        events.append(TurnEnded(at=now, speaker=speaker, outcome=TurnOutcome.SPOKE))
    return [*events, TurnStarted(at=now, speaker=person)]


MAX_POSITIONS = 6
"""More positions than this in one disagreement are not told apart on the wall."""


def name_position(state: SessionState, name: str, holders: tuple[int, ...], now: float) -> Decision:
    """Name a position (or find it again by its name) and give it its holders."""
    phase = state.current_phase
    assert phase is not None and state.phase is not None
    if not phase.by_positions:
        # Translators: position_seconds is the format file's field, kept as it is
        return Refusal(
            _("“{title}” does not go by positions (its format gives no position_seconds).").format(
                title=phase.title
            )
        )
    text = " ".join(name.split())[:60]
    if not text:
        return Refusal(_("A position needs a name."))
    names = state.positions_of(state.phase)
    found = next((i for i, n in enumerate(names) if n.casefold() == text.casefold()), None)
    events: list[Event] = []
    if found is None:
        if len(names) >= MAX_POSITIONS:
            return Refusal(_("At most {n} positions.").format(n=MAX_POSITIONS))
        events.append(PositionNamed(at=now, phase=state.phase, name=text))
        found = len(names)
    for person in holders:
        if not 0 <= person < len(state.plan.participants):
            return Refusal(_("There is nobody with that number."))
        if state.holders.get(state.phase, {}).get(person) != found:
            events.append(PositionHeld(at=now, phase=state.phase, person=person, position=found))
    if not events:
        return Refusal(_("Nothing new: the position and its holders are as they were."))
    return events


_PRESENCE_ALREADY = {
    Presence.PRESENT: N_("{name} is here already."),
    Presence.ABSENT: N_("{name} is marked absent already."),
    Presence.LEFT: N_("{name} has left already."),
}
"""Why presence is not marked again as it is (translated where shown)."""


def mark_presence(state: SessionState, person: int, presence: Presence, now: float) -> Decision:
    """Mark someone absent, back, or gone; a speaker who leaves gives the word back first."""
    if not 0 <= person < len(state.plan.participants):
        return Refusal(_("There is nobody with that number."))
    now_is = (
        Presence.LEFT
        if person in state.left_at
        else Presence.ABSENT
        if person in state.absent
        else Presence.PRESENT
    )
    if now_is is presence:
        return Refusal(_(_PRESENCE_ALREADY[presence]).format(name=state.plan.name(person)))
    events: list[Event] = []
    if presence is not Presence.PRESENT and person == state.speaker:
        events += [Resumed(at=now)] if state.paused else []
        events.append(TurnEnded(at=now, speaker=person, outcome=TurnOutcome.SPOKE))
    if presence is not Presence.PRESENT and state.chosen == person:
        events.append(SpeakerChosen(at=now, speaker=None))
    return [*events, PresenceMarked(at=now, person=person, presence=presence)]


def quietest(state: SessionState, now: float) -> int | None:
    """Who has spoken least in the session so far, of those who may speak now.

    The progressive stack: in a round, of those still to speak (else all of
    the phase's speakers); in an open phase, of all who may speak. A tie
    goes to the one with fewer turns, then to the first in seating order
    after the speaker. None when nobody else may speak.
    """
    if state.phase is None:
        return None
    phase = state.plan.phases[state.phase]
    people = list(state.plan.speakers_of(state.phase))
    waiting = [p for p in state.still_to_speak() if p != state.speaker]
    if phase.kind.has_turns and waiting:
        people = waiting
    people = [p for p in people if p != state.speaker and p not in state.gone]
    if not people:
        return None
    heard = {p: 0.0 for p in people}
    turns = {p: 0 for p in people}
    for turn in state.turns:
        if turn.speaker in heard:
            heard[turn.speaker] += turn_seconds(turn, now, state.paused_at)
            turns[turn.speaker] += 1
    count = len(state.plan.participants)
    after = state.speaker if state.speaker is not None else -1
    return min(people, key=lambda p: (round(heard[p], 1), turns[p], (p - after - 1) % count))
