"""Rehearsal: a cast of invented people who speak, pass and move the circle on.

A trainer runs a format faster than real time to see how it flows and how
long it takes. The simulated people speak for a random share of their time
box and sometimes pass, and in open dialogue one after another; a simulated
facilitator agrees the contract, gives the word, marks who speaks in open
dialogue and moves on when a phase has had its time. Every choice is seeded
by the session, so a rehearsal replays the same way.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from circle_tui.core.decide import (
    Begin,
    ChooseSpeaker,
    Command,
    GiveWord,
    NextPhase,
    PassTurn,
    Refusal,
    Timeout,
    decide,
    due_command,
    quietest,
)
from circle_tui.core.events import Event
from circle_tui.core.formats import PhaseKind, SpeakingOrder, Timing
from circle_tui.core.personas import open_stretch, open_voices, passes, takes_back, turn_length
from circle_tui.core.plan import SessionPlan
from circle_tui.core.records import turn_seconds
from circle_tui.core.state import SessionState
from circle_tui.core.timing import BoxKind, FakeClock, time_boxes

PASS_SHARE = 0.08
"""How often a simulated person passes when first offered the word."""
SPEAK_SHARE = (0.45, 1.15)
"""A simulated turn takes this share of its time box (above 1 is overtime)."""
PHASE_SHARE = (0.8, 1.05)
"""A phase without turns, or the writing, takes this share of its time box."""
GAP_SECONDS = 4.0
"""The facilitator's pause between a phase starting and the first word."""
OPEN_GAP_SECONDS = 2.0
"""In open dialogue, the silence before the first voice."""
OPEN_STRETCH = (15.0, 75.0)
"""In open dialogue, how long one voice speaks before the next (in a 5-minute phase;
shorter in a shorter one)."""


@dataclass(frozen=True)
class Simulated:
    """What the simulated room does next, and the moment it does it."""

    command: Command
    at: float


def simulated(state: SessionState, now: float) -> Simulated | None:
    """The next thing the simulated people and facilitator do, if it is due by `now`."""
    found = planned(state, now)
    return found if found is not None and found.at <= now else None


def planned(state: SessionState, now: float) -> Simulated | None:
    """The next thing the simulated room will do, and when, unless an event comes first.

    The moment may lie ahead of `now`: a headless run jumps the clock to it
    (`run_fast`). Every choice is seeded by the events so far, so the plan
    holds until the next event.
    """
    phase = state.current_phase
    if phase is None or state.paused:
        return None
    boxes = time_boxes(state, now)
    if not boxes:
        return None
    box, own = boxes[0], boxes[-1]
    rng = random.Random(f"{state.plan.session_id}:{state.events_applied}")
    if not phase.kind.has_turns:
        return _open_dialogue(state, box.budget or 0.0, box.used, now)
    if box.kind is BoxKind.WRITING:
        writes = (box.budget or 0.0) * rng.uniform(0.7, 1.0)
        return _due(GiveWord(), writes - box.used, now)
    laps = phase.one_contribution and own.remaining is not None
    if laps and own.remaining is not None and own.remaining <= 0:
        return _due(NextPhase(confirmed=True), own.remaining, now)
    if box.kind is not BoxKind.TURN and phase.order is SpeakingOrder.FACILITATOR:
        # The simulated facilitator gives the word to whoever has spoken least (the piece
        # taken from the centre), round after round while the phase has time.
        chosen = quietest(state, now)
        if chosen is None or (not laps and not state.still_to_speak()):
            return Simulated(NextPhase(confirmed=True), min(now, (state.last_at or now) + 2.0))
        return _due(
            ChooseSpeaker(chosen), GAP_SECONDS - box.used if not state.history else 0.0, now
        )
    if box.kind is not BoxKind.TURN:
        if state.next_speaker() is None and not laps:
            return Simulated(NextPhase(confirmed=True), min(now, (state.last_at or now) + 2.0))
        return _due(GiveWord(), 0.0 if state.history else GAP_SECONDS - box.used, now)
    offered_again = box.speaker in state.passed
    answering = box.speaker == state.answerer
    can_pass = phase.allow_pass and phase.kind is not PhaseKind.PRESENT and not offered_again
    can_pass = can_pass and not answering
    speaker = box.speaker
    silent = speaker is not None and passes(state, speaker)
    if can_pass and (rng.random() < PASS_SHARE or silent):
        return _due(PassTurn(), 3.0 - box.used, now)
    share = rng.uniform(0.25, 0.9) if phase.one_contribution else rng.uniform(*SPEAK_SHARE)
    budget = box.budget or 0.0
    if state.plan.cast and speaker is not None and not answering:
        return _due(GiveWord(), turn_length(state, speaker, budget, share) - box.used, now)
    return _due(GiveWord(), budget * share - box.used, now)


def _open_dialogue(state: SessionState, budget: float, used: float, now: float) -> Simulated:
    """A phase without turns: one voice at a time until the phase has had its time.

    The simulated facilitator marks each new voice as it starts (small groups
    talk at the same time: nobody is marked there). Moving on comes first when
    both are due.
    """
    assert state.phase is not None
    visit = random.Random(f"{state.plan.session_id}:{state.phase}:{len(state.runs)}")
    moved_on = _due(NextPhase(confirmed=True), budget * visit.uniform(*PHASE_SHARE) - used, now)
    voices = state.plan.speakers_of(state.phase)
    phase = state.plan.phases[state.phase]
    if moved_on.at <= now or phase.kind is PhaseKind.GROUPS or not voices:
        return moved_on
    rng = random.Random(f"{state.plan.session_id}:{state.events_applied}")
    turn = state.current_turn
    unasked = open_voices(state, voices) if state.plan.cast else list(voices)
    if turn is None:
        voice = _due(ChooseSpeaker(rng.choice(unasked)), OPEN_GAP_SECONDS - used, now)
    else:
        stretch = rng.uniform(*OPEN_STRETCH) * min(1.0, budget / 300 if budget else 1.0)
        others = [p for p in unasked if p != turn.speaker] or list(unasked)
        spoken = turn_seconds(turn, now, state.paused_at)
        chosen = rng.choice(others)
        if state.plan.cast:
            stretch *= open_stretch(state, turn.speaker)
            back = takes_back(state, turn.speaker)
            chosen = back if back is not None else chosen
        voice = _due(ChooseSpeaker(chosen), stretch - spoken, now)
    return voice if voice.at < moved_on.at else moved_on


def _due(command: Command, wait: float, now: float) -> Simulated:
    """`command` at its moment, `wait` seconds from now (negative: it has come)."""
    return Simulated(command, now + wait)


def due(state: SessionState, now: float, *, simulate: bool) -> Simulated | None:
    """What the clock calls for by `now` (a hard time box), else the simulated room.

    The moment is never before the latest event, so the journal stays in order.
    """
    if due_command(state, now) is not None:
        return Simulated(Timeout(), now)  # decide dates it at the deadline
    found = simulated(state, now) if simulate else None
    if found is None:
        return None
    return Simulated(found.command, max(found.at, state.last_at or found.at))


def run_through(plan: SessionPlan, *, step: float = 1.0) -> SessionState:
    """A whole simulated session in memory, from the first phase to the close."""
    state = SessionState(plan=plan)
    clock = FakeClock(plan.created_at)
    pending: Simulated | None = Simulated(Begin(), clock.now())
    limit = plan.created_at + 24 * 3600
    while not state.closed and clock.now() < limit:
        while pending is not None:
            decision = decide(state, pending.command, FakeClock(pending.at))
            if isinstance(decision, Refusal):
                break
            for event in decision:
                state.apply(event)
            pending = due(state, clock.now(), simulate=True)
        clock.advance(step)
        pending = due(state, clock.now(), simulate=True)
    return state


def hard_deadline(state: SessionState, now: float) -> float | None:
    """When a hard phase's first box runs out (None: no hard box runs)."""
    phase = state.current_phase
    if phase is None or phase.timing is not Timing.HARD or state.paused:
        return None
    left = [
        box.remaining
        for box in time_boxes(state, now)
        if box.moves_on and box.remaining is not None
    ]
    return now + max(0.0, min(left)) if left else None


def run_fast(plan: SessionPlan) -> SessionState:
    """`run_through` without a ticking clock: from one planned moment to the next.

    The same room and the same facilitator, acting at the same moments, but the
    clock jumps to the next thing due instead of stepping a second at a time,
    so a thousand runs of an hour-long format take seconds (`formats simulate`).
    """
    state = SessionState(plan=plan)
    now = plan.created_at
    for event in _decided(state, Simulated(Begin(), now)):
        state.apply(event)
    limit = plan.created_at + 24 * 3600
    while not state.closed and now < limit:
        pending = due(state, now, simulate=True)
        if pending is None:
            ahead = planned(state, now)
            moments = [ahead.at if ahead is not None else None, hard_deadline(state, now)]
            later = [moment for moment in moments if moment is not None and moment > now]
            now = min(later) if later else now + 1.0  # nothing planned: a second on
            continue
        events = _decided(state, pending)
        if not events:  # refused: the room waits a second, as the ticking run would
            now += 1.0
            continue
        for event in events:
            state.apply(event)
    return state


def _decided(state: SessionState, pending: Simulated) -> list[Event]:
    decision = decide(state, pending.command, FakeClock(pending.at))
    return [] if isinstance(decision, Refusal) else list(decision)
