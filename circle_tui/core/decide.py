"""From a facilitator's command to events, or a refusal with a reason.

`decide` never changes the state: it looks at it and at the clock and says
which events would carry the command out. The caller commits them to the
journal and only then applies them to its state.
"""

from __future__ import annotations

import random

from circle_tui.core.commands import (
    ADJUST_STEP,
    AdjustTime,
    AgreeContract,
    Back,
    Begin,
    BlankWall,
    ChooseSpeaker,
    Command,
    CorrectItem,
    DecideNotes,
    Decision,
    GiveWord,
    JoinCircle,
    MarkFollowUp,
    MarkPresence,
    NamePosition,
    NextPhase,
    PassTurn,
    ReadBack,
    RecordItem,
    Recover,
    Refusal,
    ReopenPhase,
    ResumeAfterBreak,
    SayOnWall,
    SwapQuestion,
    Timeout,
    TogglePause,
    WithdrawItem,
    recorded,
)
from circle_tui.core.events import (
    ContractAgreed,
    Event,
    FollowUpMarked,
    FollowUpStatus,
    ItemWithdrawn,
    NotesConsent,
    OtherSideStarted,
    Paused,
    PersonJoined,
    PhaseEnded,
    PhaseStarted,
    QuestionSwapped,
    ReadBackShown,
    Resumed,
    SessionClosed,
    TimeAdjusted,
    TurnEnded,
    TurnOutcome,
    TurnStarted,
)

__all__ = [
    "ADJUST_STEP",
    "AdjustTime",
    "AgreeContract",
    "Back",
    "Begin",
    "ChooseSpeaker",
    "Command",
    "CorrectItem",
    "DecideNotes",
    "Decision",
    "GiveWord",
    "JoinCircle",
    "MarkFollowUp",
    "MarkPresence",
    "NamePosition",
    "NextPhase",
    "PassTurn",
    "ReadBack",
    "RecordItem",
    "Recover",
    "Refusal",
    "ReopenPhase",
    "ResumeAfterBreak",
    "SwapQuestion",
    "Timeout",
    "TogglePause",
    "WithdrawItem",
    "decide",
    "due_command",
    "quietest",
    "speaking_order",
]

from circle_tui.core.formats import PhaseKind, SpeakingOrder, Timing
from circle_tui.core.i18n import N_, _
from circle_tui.core.state import SessionState
from circle_tui.core.timing import BoxKind, Clock, time_boxes
from circle_tui.core.wall import decide_wall
from circle_tui.core.who import choose, mark_presence, name_position, quietest

_ALREADY_MARKED = {
    # Translators: an agreement from last time that the facilitator marks done again
    FollowUpStatus.DONE: N_("It is already marked done."),
    FollowUpStatus.ONGOING: N_("It is already marked ongoing."),
    FollowUpStatus.DROPPED: N_("It is already marked dropped."),
}
"""Why a follow-up is not marked again with the status it has (translated where shown)."""


def decide(state: SessionState, command: Command, clock: Clock) -> Decision:
    """The events that carry `command` out, or why it is refused."""
    now = clock.now()
    if state.closed:
        return Refusal(_("The session is closed."))
    if isinstance(command, Begin):
        if state.started_at is not None:
            return Refusal(_("The session has already started."))
        if command.notes_allowed is None:
            return [_phase_started(state, 0, now)]
        return [NotesConsent(at=now, allowed=command.notes_allowed), _phase_started(state, 0, now)]
    if isinstance(command, Recover):
        if state.phase is not None or not state.runs:
            return Refusal(_("The session is in a phase; nothing to recover."))
        following = state.runs[-1].phase + 1
        if following < len(state.plan.phases):
            return [_phase_started(state, following, now)]
        return [SessionClosed(at=now)]
    if state.phase is None:
        return Refusal(_("The session has not started."))
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
                return Refusal(_("This is the first phase; there is none before it."))
            return [*_leave_phase(state, now), _phase_started(state, state.phase - 1, now)]
        case AgreeContract(focus=focus, ground_rules=rules, notes_allowed=notes):
            return [ContractAgreed(at=now, focus=focus, ground_rules=rules, notes_allowed=notes)]
        case DecideNotes(allowed=allowed, earlier=earlier):
            return [NotesConsent(at=now, allowed=allowed, earlier=earlier)]
        case RecordItem():
            return recorded(command, state.phase, now)
        case WithdrawItem() | CorrectItem():
            if not 0 <= command.item < len(state.items) or state.items[command.item].withdrawn:
                return Refusal(_("There is no such item."))
            withdrawn = ItemWithdrawn(at=now, item=command.item)
            if isinstance(command, WithdrawItem):
                return [withdrawn]
            anew = recorded(command.new, state.items[command.item].phase, now)
            return anew if isinstance(anew, Refusal) else [withdrawn, *anew]
        case ReadBack(shown=shown):
            return [ReadBackShown(at=now, shown=shown)]
        case SwapQuestion():
            return _swap_question(state, now)
        case MarkFollowUp():
            if not 0 <= command.item < len(state.plan.follow_ups):
                return Refusal(_("There is no such agreement from last time."))
            if state.follow_up_status.get(command.item) is command.status:
                return Refusal(_(_ALREADY_MARKED[command.status]))
            return [FollowUpMarked(at=now, item=command.item, status=command.status)]
        case SayOnWall() | BlankWall():
            return decide_wall(state.wall, command, now)
        case ChooseSpeaker(speaker=person):
            return choose(state, person, now)
        case JoinCircle(name=name, role=role):
            try:
                state.plan.with_latecomer(name, role)
            except ValueError as exc:
                return Refusal(str(exc))
            return [PersonJoined(at=now, name=" ".join(name.split()), role=role)]
        case MarkPresence(person=person, presence=presence):
            return mark_presence(state, person, presence, now)
        case NamePosition(name=name, holders=holders):
            return name_position(state, name, holders, now)
        case Timeout():
            return _timeout(state, now)
        case ResumeAfterBreak(alive_at):
            if state.paused or state.last_at is None:
                return Refusal(_("The clocks are already stopped."))
            return [Paused(at=max(state.last_at, min(alive_at or 0.0, now)))]
    return Refusal(_("Unknown command."))  # pragma: no cover - the match is exhaustive


def due_command(state: SessionState, now: float) -> Command | None:
    """A command the clock itself calls for: a hard time box that ran out."""
    return Timeout() if _hard_box(state, now) is not None else None


def _hard_box(state: SessionState, now: float) -> tuple[BoxKind, float] | None:
    """Which hard time box ran out (a turn, the writing or the phase), and when.

    The first to reach zero of the boxes that move a hard phase on (a phase's
    own and a turn's together: the phase's wins a tie). The moment is never
    before the latest event.
    """
    phase = state.current_phase
    if phase is None or phase.timing is not Timing.HARD or state.paused:
        return None
    ran_out = [
        (box.remaining, box.kind is not BoxKind.PHASE, box.kind)
        for box in time_boxes(state, now)
        if box.moves_on and box.remaining is not None and box.remaining <= 0
    ]
    if not ran_out:
        return None
    remaining, _later, which = min(ran_out)
    return which, max(now + remaining, state.last_at or 0.0)


def speaking_order(state: SessionState, phase_index: int) -> tuple[int, ...]:
    """Who speaks in a phase, in the order the format asks for."""
    phase = state.plan.phases[phase_index]
    if not phase.kind.has_turns:
        return ()
    people = list(state.plan.speakers_of(phase_index))
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
        return Refusal(
            # Translators: n is the key that moves on to the next phase
            _("“{title}” has no turns: press n for the next phase.").format(title=phase.title)
        )
    events: list[Event] = _resume_if_paused(state, now)
    nxt = state.next_speaker(again=True)
    if state.speaker is not None:
        events.append(TurnEnded(at=now, speaker=state.speaker, outcome=TurnOutcome.SPOKE))
    elif nxt is None and phase.order is SpeakingOrder.FACILITATOR:
        return Refusal(
            # Translators: c and l are keys: choose a speaker, propose the least heard
            _("Choose who speaks: c, or l for who has spoken least.")
        )
    elif nxt is None:
        return Refusal(
            # Translators: n is the key that moves on to the next phase
            _("Everyone has had the word: press n for the next phase.")
        )
    if nxt is not None:
        events.append(TurnStarted(at=now, speaker=nxt))
    return events


def _pass(state: SessionState, now: float) -> Decision:
    phase = state.current_phase
    assert phase is not None
    if state.speaker is None:
        return Refusal(_("Nobody has the word, so nobody can pass."))
    if not phase.allow_pass:
        return Refusal(_("Passing is not part of “{title}”.").format(title=phase.title))
    events: list[Event] = _resume_if_paused(state, now)
    events.append(TurnEnded(at=now, speaker=state.speaker, outcome=TurnOutcome.PASSED))
    if state.speaker == state.answerer:  # no answer: the word goes on, as after one
        nxt = state.next_speaker(again=True)
    else:  # with one contribution each the round goes on, and comes back to them
        nxt = state.next_speaker(passing=True, again=phase.one_contribution)
    if nxt is not None:
        events.append(TurnStarted(at=now, speaker=nxt))
    return events


def _back(state: SessionState, now: float) -> Decision:
    if not state.history:
        return Refusal(_("Nobody has spoken yet in this phase."))
    previous = state.history[-1]
    if previous in state.gone:
        name = state.plan.name(previous)
        return Refusal(_("{name} is not in the circle now.").format(name=name))
    events: list[Event] = _resume_if_paused(state, now)
    if state.speaker is not None:
        events.append(TurnEnded(at=now, speaker=state.speaker, outcome=TurnOutcome.BACK))
    events.append(TurnStarted(at=now, speaker=previous, back=True))
    return events


def _adjust(state: SessionState, seconds: int, now: float) -> Decision:
    assert state.phase is not None
    if state.speaker is not None:
        budget = state.budget(state.phase, state.speaker)
        if budget + seconds < 0:
            seconds = -budget
        if seconds == 0:
            return Refusal(_("There is no time left to take."))
        return [TimeAdjusted(at=now, speaker=state.speaker, seconds=seconds)]
    phase_budget = state.phase_budget(state.phase)
    if phase_budget is None:
        return Refusal(_("Nobody has the word and this phase has no time box of its own."))
    if phase_budget + seconds < 0:
        seconds = -phase_budget
    if seconds == 0:
        return Refusal(_("There is no time left to take."))
    return [TimeAdjusted(at=now, speaker=None, seconds=seconds)]


def _next_phase(state: SessionState, confirmed: bool, now: float) -> Decision:
    phase = state.current_phase
    assert phase is not None and state.phase is not None
    events: list[Event] = []
    if phase.kind is PhaseKind.CONTRACT and state.contract is None:
        if not confirmed:
            return Refusal(
                _("Has the group agreed on the focus and the ground rules?"), needs_confirm=True
            )
        events.append(
            ContractAgreed(
                at=now,
                focus=state.focus(),
                ground_rules=state.ground_rules(),
            )
        )
    waiting = [p for p in state.still_to_speak() if p != state.speaker]
    if phase.kind.has_turns and waiting and not confirmed:
        return Refusal(
            # Translators: {names} lists the people still to speak, e.g. "Ane, Bo"
            _("Not everyone has had the word yet ({names}). Move on anyway?").format(
                names=_names(state, waiting)
            ),
            needs_confirm=True,
        )
    if _other_side_next(state):
        return [
            *_resume_if_paused(state, now),
            *_end_turn(state, now),
            OtherSideStarted(at=now, phase=state.phase),
        ]
    if (stating := state.still_to_state()) and not confirmed:
        positions = state.positions_of(state.phase)
        return Refusal(
            # Translators: {positions} lists positions of a disagreement, e.g. "Keep the rota"
            _(
                "Not every position has said another's strongest point yet ({positions})."
                " Move on anyway?"
            ).format(positions=", ".join(positions[k] for k in stating)),
            needs_confirm=True,
        )
    return events + _move_on(state, now)


def _other_side_next(state: SessionState) -> bool:
    """Whether `n` starts the step of the other side's strongest point (not yet, and held)."""
    phase = state.current_phase
    step = state.phase
    if phase is None or step is None or not phase.strongest_point_seconds:
        return False
    if step in state.other_side:
        return False
    held = {k for p, k in state.holders.get(step, {}).items() if p not in state.gone}
    return len(held) >= 2


def _end_turn(state: SessionState, now: float) -> list[Event]:
    if state.speaker is None:
        return []
    return [TurnEnded(at=now, speaker=state.speaker, outcome=TurnOutcome.SPOKE)]


def _move_on(state: SessionState, now: float) -> list[Event]:
    """Leave the phase for the next one, or close after the last."""
    assert state.phase is not None
    events = _leave_phase(state, now)
    if state.phase + 1 < len(state.plan.phases):
        events.append(_phase_started(state, state.phase + 1, now))
    else:
        events.append(SessionClosed(at=now))
    return events


def _timeout(state: SessionState, now: float) -> Decision:
    box = _hard_box(state, now)
    if box is None:
        return Refusal(_("The time box has not run out."))
    which, deadline = box
    if which is BoxKind.PHASE:
        return _move_on(state, deadline)
    events: list[Event] = []
    if state.speaker is not None:
        events.append(TurnEnded(at=deadline, speaker=state.speaker, outcome=TurnOutcome.TIMEOUT))
    nxt = state.next_speaker(again=True)
    if nxt is not None:
        events.append(TurnStarted(at=deadline, speaker=nxt))
    return events or Refusal(_("Nobody is left to give the word to."))


def _swap_question(state: SessionState, now: float) -> Decision:
    """The next question of the phase's pool, in the order the group has had them least."""
    assert state.phase is not None
    asked = state.question_of(state.phase)
    order = state.plan.question_order(state.phase)
    if asked is None or len(order) < 2:
        return Refusal(_("This phase has no other question to swap to."))
    following = order[(order.index(asked) + 1) % len(order)]
    return [QuestionSwapped(at=now, phase=state.phase, question=following)]
