"""From a facilitator's command to events, or a refusal with a reason.

`decide` never changes the state: it looks at it and at the clock and says
which events would carry the command out. The caller commits them to the
journal and only then applies them to its state.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from circle_tui.core.events import (
    ContractAgreed,
    Event,
    FollowUpMarked,
    FollowUpStatus,
    ItemKind,
    ItemRecorded,
    ItemWithdrawn,
    Paused,
    PhaseEnded,
    PhaseStarted,
    Resumed,
    SessionClosed,
    TakeawayLevel,
    TimeAdjusted,
    TurnEnded,
    TurnOutcome,
    TurnStarted,
)
from circle_tui.core.formats import PhaseKind, SpeakingOrder, Timing
from circle_tui.core.state import SessionState
from circle_tui.core.timing import Clock, turn_clock

ADJUST_STEP = 30
"""Seconds added or taken by `+` and `-`."""


@dataclass(frozen=True)
class Begin:
    """Open the session at its first phase."""


@dataclass(frozen=True)
class GiveWord:
    """Give the word to the next speaker (ending the current turn)."""


@dataclass(frozen=True)
class PassTurn:
    """The speaker passes and is offered the word again at the end of the round."""


@dataclass(frozen=True)
class Back:
    """Give the word back to the previous speaker."""


@dataclass(frozen=True)
class TogglePause:
    """Stop or restart the clocks."""


@dataclass(frozen=True)
class AdjustTime:
    """Add (or take) seconds from the current turn, or from the phase."""

    seconds: int


@dataclass(frozen=True)
class NextPhase:
    """Move on to the next phase, or close the session after the last one."""

    confirmed: bool = False
    """The facilitator confirmed moving on although people have not spoken."""


@dataclass(frozen=True)
class ReopenPhase:
    """Go back to the phase before the current one (advanced by mistake)."""


@dataclass(frozen=True)
class AgreeContract:
    """Record that the group agreed on the contract."""

    focus: str
    ground_rules: tuple[str, ...]
    notes_allowed: bool = True


@dataclass(frozen=True)
class RecordItem:
    """Record a shared item said in the room."""

    kind: ItemKind
    text: str
    owner: str | None = None
    due: str | None = None
    level: TakeawayLevel | None = None


@dataclass(frozen=True)
class WithdrawItem:
    """Take back a shared item typed by mistake."""

    item: int


@dataclass(frozen=True)
class MarkFollowUp:
    """Mark an agreement from the last session as done, ongoing or dropped."""

    item: int
    status: FollowUpStatus


@dataclass(frozen=True)
class Timeout:
    """Hard timing: the running time box has run out."""


@dataclass(frozen=True)
class ResumeAfterBreak:
    """The app comes back after a crash or a quit: stop the clocks where they stood.

    The running turn is paused at the last recorded moment (the last event,
    or the app's last heartbeat if later), so the time the app was down is
    not charged to the speaker.
    """

    alive_at: float | None = None


Command = (
    Begin
    | GiveWord
    | PassTurn
    | Back
    | TogglePause
    | AdjustTime
    | NextPhase
    | ReopenPhase
    | AgreeContract
    | RecordItem
    | WithdrawItem
    | MarkFollowUp
    | Timeout
    | ResumeAfterBreak
)


@dataclass(frozen=True)
class Refusal:
    """Why a command cannot be carried out now."""

    reason: str
    needs_confirm: bool = False
    """The command would go through if the facilitator confirms it."""


Decision = list[Event] | Refusal


def decide(state: SessionState, command: Command, clock: Clock) -> Decision:
    """The events that carry `command` out, or why it is refused."""
    now = clock.now()
    if state.closed:
        return Refusal("The session is closed.")
    if isinstance(command, Begin):
        if state.started_at is not None:
            return Refusal("The session has already started.")
        return [_phase_started(state, 0, now)]
    if state.phase is None:
        return Refusal("The session has not started.")
    match command:
        case GiveWord():
            return _give_word(state, now)
        case PassTurn():
            return _pass(state, now)
        case Back():
            return _back(state, now)
        case TogglePause():
            return [Resumed(at=now)] if state.paused else [Paused(at=now)]
        case AdjustTime():
            return _adjust(state, command.seconds, now)
        case NextPhase():
            return _next_phase(state, command.confirmed, now)
        case ReopenPhase():
            if state.phase == 0:
                return Refusal("This is the first phase; there is none before it.")
            return [*_leave_phase(state, now), _phase_started(state, state.phase - 1, now)]
        case AgreeContract(focus=focus, ground_rules=rules, notes_allowed=notes):
            return [ContractAgreed(at=now, focus=focus, ground_rules=rules, notes_allowed=notes)]
        case RecordItem():
            text = command.text.strip()
            if not text:
                return Refusal("An empty item is not recorded.")
            return [
                ItemRecorded(
                    at=now,
                    kind=command.kind,
                    text=text,
                    phase=state.phase,
                    owner=command.owner,
                    due=command.due,
                    level=command.level,
                )
            ]
        case WithdrawItem():
            if not 0 <= command.item < len(state.items) or state.items[command.item].withdrawn:
                return Refusal("There is no such item.")
            return [ItemWithdrawn(at=now, item=command.item)]
        case MarkFollowUp():
            if not 0 <= command.item < len(state.plan.follow_ups):
                return Refusal("There is no such agreement from last time.")
            if state.follow_up_status.get(command.item) is command.status:
                return Refusal(f"It is already marked {command.status.value}.")
            return [FollowUpMarked(at=now, item=command.item, status=command.status)]
        case Timeout():
            return _timeout(state, now)
        case ResumeAfterBreak(alive_at):
            if state.paused or state.last_at is None:
                return Refusal("The clocks are already stopped.")
            return [Paused(at=max(state.last_at, min(alive_at or 0.0, now)))]
    return Refusal("Unknown command.")  # pragma: no cover - the match is exhaustive


def due_command(state: SessionState, now: float) -> Command | None:
    """A command the clock itself calls for: a hard time box that ran out."""
    phase = state.current_phase
    if phase is None or phase.timing is not Timing.HARD or state.paused:
        return None
    clock = turn_clock(state, now)
    if clock is not None and clock.remaining <= 0:
        return Timeout()
    return None


def speaking_order(state: SessionState, phase_index: int) -> tuple[int, ...]:
    """Who speaks in a phase, in the order the format asks for."""
    phase = state.plan.format.phases[phase_index]
    if not phase.kind.has_turns:
        return ()
    people = list(state.plan.speakers_of(phase))
    if phase.order is SpeakingOrder.COUNTER_CLOCKWISE:
        people.reverse()
    elif phase.order is SpeakingOrder.RANDOM_START and people:
        # Seeded by the session and phase: the same on every replay.
        start = random.Random(f"{state.plan.session_id}:{phase_index}").randrange(len(people))
        people = people[start:] + people[:start]
    return tuple(people)


def _phase_started(state: SessionState, index: int, now: float) -> PhaseStarted:
    return PhaseStarted(at=now, phase=index, order=speaking_order(state, index))


def _names(state: SessionState, people: list[int]) -> str:
    return ", ".join(state.plan.name(p) for p in people)


def _resume_if_paused(state: SessionState, now: float) -> list[Event]:
    return [Resumed(at=now)] if state.paused else []


def _leave_phase(state: SessionState, now: float) -> list[Event]:
    """Restart stopped clocks, end the running turn, end the phase."""
    assert state.phase is not None
    events = _resume_if_paused(state, now)
    if state.speaker is not None:
        events.append(TurnEnded(at=now, speaker=state.speaker, outcome=TurnOutcome.SPOKE))
    events.append(PhaseEnded(at=now, phase=state.phase))
    return events


def _give_word(state: SessionState, now: float) -> Decision:
    phase = state.current_phase
    assert phase is not None
    if not phase.kind.has_turns:
        return Refusal(f"“{phase.title}” has no turns: press n for the next phase.")
    events: list[Event] = _resume_if_paused(state, now)
    nxt = state.next_speaker()
    if state.speaker is not None:
        events.append(TurnEnded(at=now, speaker=state.speaker, outcome=TurnOutcome.SPOKE))
    elif nxt is None:
        return Refusal("Everyone has had the word: press n for the next phase.")
    if nxt is not None:
        events.append(TurnStarted(at=now, speaker=nxt))
    return events


def _pass(state: SessionState, now: float) -> Decision:
    phase = state.current_phase
    assert phase is not None
    if state.speaker is None:
        return Refusal("Nobody has the word, so nobody can pass.")
    if not phase.allow_pass:
        return Refusal(f"Passing is not part of “{phase.title}”.")
    events: list[Event] = _resume_if_paused(state, now)
    events.append(TurnEnded(at=now, speaker=state.speaker, outcome=TurnOutcome.PASSED))
    nxt = _next_after_pass(state)
    if nxt is not None:
        events.append(TurnStarted(at=now, speaker=nxt))
    return events


def _next_after_pass(state: SessionState) -> int | None:
    """Who gets the word after the speaker passes."""
    speaker = state.speaker
    for person in state.order:
        if person != speaker and person not in state.done and person not in state.passed:
            return person
    # Only those who passed are left; one who passes a second time is done.
    for person in state.passed:
        if person != speaker:
            return person
    if speaker is not None and speaker not in state.passed:
        # The last one to speak passed: offer the word again straight away.
        return speaker
    return None


def _back(state: SessionState, now: float) -> Decision:
    if not state.history:
        return Refusal("Nobody has spoken yet in this phase.")
    previous = state.history[-1]
    events: list[Event] = _resume_if_paused(state, now)
    if state.speaker is not None:
        events.append(TurnEnded(at=now, speaker=state.speaker, outcome=TurnOutcome.BACK))
    events.append(TurnStarted(at=now, speaker=previous))
    return events


def _adjust(state: SessionState, seconds: int, now: float) -> Decision:
    assert state.phase is not None
    if state.speaker is not None:
        budget = state.budget(state.phase, state.speaker)
        if budget + seconds < 0:
            seconds = -budget
        if seconds == 0:
            return Refusal("There is no time left to take.")
        return [TimeAdjusted(at=now, speaker=state.speaker, seconds=seconds)]
    phase_budget = state.phase_budget(state.phase)
    if phase_budget is None:
        return Refusal("Nobody has the word and this phase has no time box of its own.")
    if phase_budget + seconds < 0:
        seconds = -phase_budget
    if seconds == 0:
        return Refusal("There is no time left to take.")
    return [TimeAdjusted(at=now, speaker=None, seconds=seconds)]


def _next_phase(state: SessionState, confirmed: bool, now: float) -> Decision:
    phase = state.current_phase
    assert phase is not None and state.phase is not None
    events: list[Event] = []
    if phase.kind is PhaseKind.CONTRACT and state.contract is None:
        if not confirmed:
            return Refusal(
                "Has the group agreed on the focus and the ground rules?", needs_confirm=True
            )
        events.append(
            ContractAgreed(
                at=now,
                focus=state.focus(),
                ground_rules=state.plan.format.ground_rules,
            )
        )
    waiting = [p for p in state.still_to_speak() if p != state.speaker]
    if phase.kind.has_turns and waiting and not confirmed:
        return Refusal(
            f"Not everyone has had the word yet ({_names(state, waiting)}). Move on anyway?",
            needs_confirm=True,
        )
    events += _leave_phase(state, now)
    if state.phase + 1 < len(state.plan.format.phases):
        events.append(_phase_started(state, state.phase + 1, now))
    else:
        events.append(SessionClosed(at=now))
    return events


def _timeout(state: SessionState, now: float) -> Decision:
    clock = turn_clock(state, now)
    if clock is None or clock.remaining > 0 or state.paused:
        return Refusal("The time box has not run out.")
    deadline = now + clock.remaining  # the moment it reached zero
    events: list[Event] = [
        TurnEnded(at=deadline, speaker=clock.speaker, outcome=TurnOutcome.TIMEOUT)
    ]
    nxt = state.next_speaker()
    if nxt is not None:
        events.append(TurnStarted(at=deadline, speaker=nxt))
    return events
