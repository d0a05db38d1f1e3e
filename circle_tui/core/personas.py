"""Personas: the difficult moments of a circle, for a trainee facilitator to handle.

A trainer casts simulated people of a rehearsal as personas (`--simulate
"Ane=dominant,Bo=silent"`). Each persona acts by the rules below, seeded by
the session like the rest of the simulated room (`rehearsal.py`), and what it
does opens a *moment* on the console. The trainee answers it with the keys a
facilitator has; the answer is journalled (`MomentAnswered`), the persona
acts on it, and the rehearsal's debrief says how long each answer took.

The rules (the README's "Rehearsal for trainers" says them in words):

- dominant: speaks 150-220 % of their time box, so a soft round goes into
  overtime (moment *overtime*, from the first second over). Given the word on
  (`space`), moved on (`n`) or reminded on the wall (`r`, `m`), they stop: at
  once, or within 5-15 seconds of the reminder. In open dialogue,
  once they have spoken, they take the word back after each other voice six
  times in ten (moment *takes-word*), until the word is given to someone else
  or the wall reminds the room of the rule.
- silent: passes whenever they may, speaks 10-35 % of their box when they do
  speak, and never takes the word in open dialogue. When a third of an open
  dialogue has gone by without a word from them, moment *unheard*: inviting
  them (`l` for the quietest, or `c` and their name) answers it.
- adviser: in a round of questions (a round whose contributions someone
  answers, or one the case giver only listens to), gives advice instead of
  asking, from the third second (moment *advice*), and talks on for
  120-160 % of the box. A reminder on the wall (or less time, or the word
  given on) answers it: they ask a question instead within 5-15 seconds, and
  for the rest of that phase.
- defender: a case giver who argues back while the others give feedback (a
  phase with turns, not a round of questions, in which the case giver does not
  speak): from 40 % of each speaker's box (moment *defending*), which costs
  that turn 30-60 seconds, until a reminder on the wall, after which they
  listen for the rest of the phase.
- latecomer: not in the circle at the start; arrives when the first phase in
  which the word goes around is over (moment *at-the-door*), and waits until
  the trainee lets them in (`j` and their name).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from circle_tui.core.commands import (
    AdjustTime,
    ChooseSpeaker,
    Command,
    GiveWord,
    JoinCircle,
    NextPhase,
    SayOnWall,
)
from circle_tui.core.events import MomentAnswered
from circle_tui.core.formats import MomentKind, PhaseKind, Timing
from circle_tui.core.i18n import _
from circle_tui.core.plan import Persona, SessionPlan
from circle_tui.core.records import Turn, turn_seconds
from circle_tui.core.state import SessionState
from circle_tui.core.timing import BoxKind, time_boxes

DOMINANT_SHARE = (1.5, 2.2)
"""A dominant speaker's turn takes this share of the box."""
TAKES_BACK = 0.6
"""In open dialogue, how often a dominant speaker takes the word back after another voice."""
SILENT_SHARE = (0.1, 0.35)
"""A silent person's turn, when they speak."""
ADVICE_AFTER = 3.0
"""Seconds into an adviser's turn when the advice begins."""
ADVICE_SHARE = (1.2, 1.6)
"""An adviser's turn takes this share of the box, while giving advice."""
DEFENCE_AT = 0.4
"""The share of a speaker's box after which the case giver argues back."""
DEFENCE_COST = (30.0, 60.0)
"""Seconds an answered-back turn takes longer."""
WRAP_UP = (5.0, 15.0)
"""Seconds a persona takes to stop after a reminder."""
UNHEARD_AFTER = 1 / 3
"""The share of an open dialogue after which a silent person who said nothing is a moment."""


@dataclass(frozen=True)
class Moment:
    """A moment a persona made: when it came, and how it ended."""

    kind: MomentKind
    person: str
    """The persona's name."""
    since: float
    """The start of the turn or phase it belongs to (with kind and person: its key)."""
    opened_at: float
    step: int
    """The step of the plan it came in."""
    closed_at: float | None = None
    """When it passed unanswered (the turn or the phase ended); None while open or answered."""
    answer: MomentAnswered | None = None

    @property
    def waiting(self) -> bool:
        """Whether it still waits for the trainee."""
        return self.answer is None and self.closed_at is None

    @property
    def answered_after(self) -> float | None:
        """Seconds (the circle's) between the moment and the trainee's answer."""
        return None if self.answer is None else max(0.0, self.answer.at - self.opened_at)


def persona(plan: SessionPlan, person: int) -> Persona | None:
    """The persona a seated person is cast as, if any."""
    return plan.cast.get(plan.participants[person].name)


def cast_as(plan: SessionPlan, wanted: Persona) -> list[str]:
    """The names cast as `wanted`."""
    return [name for name, given in plan.cast.items() if given is wanted]


def defends_in(plan: SessionPlan, step: int, name: str) -> bool:
    """Whether `name`, cast as a defender, argues back in this step."""
    phase = plan.phases[step]
    index = plan.index_of(name)
    if index is None or plan.cast.get(name) is not Persona.DEFENDER:
        return False
    if not phase.kind.has_turns or phase.kind is PhaseKind.PRESENT:
        return False
    if plan.question_round(step) or index in plan.speakers_of(step):
        return False
    return plan.role_of(step, index) not in phase.away


def _answered(
    state: SessionState, kind: MomentKind, person: str, since: float
) -> MomentAnswered | None:
    """The trainee's answer to the moment with this key, if there is one."""
    for answered in state.answered:
        if answered.moment == kind.value and answered.person == person and answered.since == since:
            return answered
    return None


def answered_in_run(state: SessionState, kind: MomentKind, person: str, start: float) -> bool:
    """Whether a moment of this kind and person was answered since `start` (a phase's run)."""
    return _answered_before(state, kind, person, start, float("inf"))


def moments(state: SessionState, now: float) -> list[Moment]:
    """Every moment the personas made so far, in the order they came."""
    plan = state.plan
    if not plan.cast:
        return []
    found: list[Moment] = []
    for turn in state.turns:
        found += _turn_moments(state, turn, now)
    found += _open_moments(state, now)
    found += _door_moments(state)
    return sorted(found, key=lambda m: (m.opened_at, m.kind.value, m.person))


def open_moments(state: SessionState, now: float) -> list[Moment]:
    """The moments that wait for the trainee now, the newest first."""
    return [m for m in reversed(moments(state, now)) if m.waiting]


def _moment(
    state: SessionState,
    kind: MomentKind,
    person: str,
    since: float,
    opened_at: float,
    step: int,
    ends: float | None,
) -> Moment:
    answer = _answered(state, kind, person, since)
    closed = None if answer is not None else ends
    return Moment(kind, person, since, opened_at, step, closed, answer)


def _turn_moments(state: SessionState, turn: Turn, now: float) -> list[Moment]:
    plan = state.plan
    if turn.phase >= len(plan.phases) or turn.speaker >= len(plan.participants):
        return []
    phase = plan.phases[turn.phase]
    if not phase.kind.has_turns or phase.by_positions:
        return []
    running = turn.ended_at is None
    spoken = turn_seconds(turn, now, state.paused_at if running else None)
    budget = float(state.budget(turn.phase, turn.speaker))
    name = plan.participants[turn.speaker].name
    given = plan.cast.get(name)
    found = []
    if given is Persona.DOMINANT and phase.timing is Timing.SOFT and budget and spoken > budget:
        opened = turn.started_at + turn.paused_seconds + budget
        found.append(
            _moment(
                state, MomentKind.OVERTIME, name, turn.started_at, opened, turn.phase, turn.ended_at
            )
        )
    if given is Persona.ADVISER and plan.question_round(turn.phase) and spoken > ADVICE_AFTER:
        run_start = _run_start(state, turn)
        if not _answered_before(state, MomentKind.ADVICE, name, run_start, turn.started_at):
            opened = turn.started_at + ADVICE_AFTER
            kind = MomentKind.ADVICE
            found.append(
                _moment(state, kind, name, turn.started_at, opened, turn.phase, turn.ended_at)
            )
    for defender in cast_as(plan, Persona.DEFENDER):
        if defender == name or not defends_in(plan, turn.phase, defender):
            continue
        if not budget or spoken <= budget * DEFENCE_AT:
            continue
        run_start = _run_start(state, turn)
        if _answered_before(state, MomentKind.DEFENDING, defender, run_start, turn.started_at):
            continue
        opened = turn.started_at + turn.paused_seconds + budget * DEFENCE_AT
        found.append(
            _moment(
                state,
                MomentKind.DEFENDING,
                defender,
                turn.started_at,
                opened,
                turn.phase,
                turn.ended_at,
            )
        )
    return found


def _run_start(state: SessionState, turn: Turn) -> float:
    """The start of the visit of the phase a turn was in."""
    starts = [
        run.started_at
        for run in state.runs
        if run.phase == turn.phase and run.started_at <= turn.started_at
    ]
    return max(starts) if starts else turn.started_at


def _answered_before(
    state: SessionState, kind: MomentKind, person: str, start: float, before: float
) -> bool:
    """A moment of this kind and person answered in this visit, in an earlier turn."""
    return any(
        a.moment == kind.value and a.person == person and start <= a.since < before
        for a in state.answered
    )


def _open_moments(state: SessionState, now: float) -> list[Moment]:
    """The moments of open dialogue: the word taken back, a silent person unheard."""
    plan = state.plan
    found: list[Moment] = []
    for run in state.runs:
        phase = plan.phases[run.phase]
        if phase.kind is not PhaseKind.OPEN:
            continue
        end = run.ended_at if run.ended_at is not None else (state.closed_at or now)
        turns = [
            t for t in state.turns if t.phase == run.phase and run.started_at <= t.started_at <= end
        ]
        voices = plan.speakers_of(run.phase)
        for dominant in cast_as(plan, Persona.DOMINANT):
            index = plan.index_of(dominant)
            if index is None or index not in voices:
                continue
            spoke = False
            for before, turn in zip([None, *turns], turns, strict=False):
                taken = before is not None and before.speaker != index
                if turn.speaker == index and spoke and taken:
                    found.append(
                        _moment(
                            state,
                            MomentKind.TAKES_WORD,
                            dominant,
                            turn.started_at,
                            turn.started_at,
                            run.phase,
                            turn.ended_at,
                        )
                    )
                spoke = spoke or turn.speaker == index
        budget = state.phase_budget(run.phase) or phase.phase_seconds
        if not budget:
            continue
        due = run.started_at + budget * UNHEARD_AFTER
        for silent in cast_as(plan, Persona.SILENT):
            index = plan.index_of(silent)
            if index is None or index not in voices or index in state.gone:
                continue
            first = next((t.started_at for t in turns if t.speaker == index), None)
            if end <= due or (first is not None and first <= due):
                continue
            closed = first if first is not None else run.ended_at
            found.append(
                _moment(state, MomentKind.UNHEARD, silent, run.started_at, due, run.phase, closed)
            )
    return found


def arrival(state: SessionState) -> tuple[float, int] | None:
    """When a latecomer comes to the door, and in which step: once the first phase in
    which the word goes around is over (None: not yet)."""
    runs = state.runs
    for number, run in enumerate(runs):
        if state.plan.phases[run.phase].kind.has_turns and run.ended_at is not None:
            later = runs[number + 1] if number + 1 < len(runs) else None
            if later is not None:
                return later.started_at, later.phase
            return None
    return None


def _door_moments(state: SessionState) -> list[Moment]:
    came = arrival(state)
    if came is None:
        return []
    at, step = came
    found = []
    for name in cast_as(state.plan, Persona.LATECOMER):
        index = state.plan.index_of(name)
        joined = state.joined_at.get(index) if index is not None else None
        ends = joined if joined is not None else state.closed_at
        found.append(_moment(state, MomentKind.AT_THE_DOOR, name, at, at, step, ends))
    return found


def answering(state: SessionState, command: Command, now: float) -> list[MomentAnswered]:
    """The moments a facilitator's command answers, as events (before it is carried out)."""
    events = []
    for moment in open_moments(state, now):
        answer = _answer(state, moment, command)
        if answer is not None:
            events.append(
                MomentAnswered(
                    at=now,
                    moment=moment.kind.value,
                    person=moment.person,
                    since=moment.since,
                    opened_at=moment.opened_at,
                    answer=answer,
                )
            )
    return events


def _answer(state: SessionState, moment: Moment, command: Command) -> str | None:
    """How `command` answers `moment` (an answer's id), or None if it does not."""
    plan = state.plan
    index = plan.index_of(moment.person)
    reminds = isinstance(command, SayOnWall) and bool(command.text.strip())
    chose = command.speaker if isinstance(command, ChooseSpeaker) else None
    match moment.kind:
        case MomentKind.OVERTIME | MomentKind.ADVICE:
            # In a round, choosing names who speaks next: the turn goes on.
            if reminds:
                return "wall"
            if isinstance(command, NextPhase):
                return "next-phase"
            if isinstance(command, GiveWord):
                return "give-word"
            less = isinstance(command, AdjustTime) and command.seconds < 0
            if moment.kind is MomentKind.ADVICE and less:
                return "less-time"
        case MomentKind.TAKES_WORD:
            if reminds:
                return "wall"
            if chose is not None and chose != index:
                return "choose-speaker"
            if isinstance(command, NextPhase):
                return "next-phase"
        case MomentKind.DEFENDING:
            if reminds:
                return "wall"
        case MomentKind.UNHEARD:
            if chose is not None and chose == index:
                return "choose-speaker"
        case MomentKind.AT_THE_DOOR:
            if isinstance(command, JoinCircle) and _same(command.name, moment.person):
                return "join"
    return None


def _same(typed: str, name: str) -> bool:
    return " ".join(typed.split()).casefold() == name.casefold()


# -- how the personas act (the rehearsal asks) ------------------------------------------


def _rng(state: SessionState, what: str) -> random.Random:
    return random.Random(f"{state.plan.session_id}:persona:{what}:{state.events_applied}")


def passes(state: SessionState, person: int) -> bool:
    """A silent person passes when they may, unless the trainee invited them."""
    if persona(state.plan, person) is not Persona.SILENT:
        return False
    name = state.plan.participants[person].name
    start = state.current_run.started_at if state.current_run is not None else 0.0
    return not answered_in_run(state, MomentKind.UNHEARD, name, start)


def turn_length(state: SessionState, person: int, budget: float, share: float) -> float:
    """Seconds the person in a turn speaks, by their persona (`share` of the box if none).

    A persona the trainee answered in this turn stops within seconds of the answer.
    """
    plan = state.plan
    turn = state.current_turn
    if turn is None or state.phase is None:
        return budget * share
    name = plan.participants[person].name
    given = plan.cast.get(name)
    rng = _rng(state, "turn")
    phase = plan.phases[state.phase]
    length = budget * share
    if given is Persona.SILENT:
        length = budget * rng.uniform(*SILENT_SHARE)
    elif given is Persona.DOMINANT and phase.timing is Timing.SOFT:
        length = budget * rng.uniform(*DOMINANT_SHARE)
        length = _stops_when_answered(state, MomentKind.OVERTIME, name, turn, length, rng)
    elif given is Persona.ADVISER and plan.question_round(state.phase):
        start = _run_start(state, turn)
        if not _answered_before(state, MomentKind.ADVICE, name, start, turn.started_at):
            length = budget * rng.uniform(*ADVICE_SHARE)
            length = _stops_when_answered(state, MomentKind.ADVICE, name, turn, length, rng)
    for defender in cast_as(plan, Persona.DEFENDER):
        if defender == name or not defends_in(plan, state.phase, defender):
            continue
        start = _run_start(state, turn)
        if _answered_before(state, MomentKind.DEFENDING, defender, start, turn.started_at):
            continue
        at = budget * DEFENCE_AT
        if length <= at:
            continue
        cost = rng.uniform(*DEFENCE_COST)
        answer = _answered(state, MomentKind.DEFENDING, defender, turn.started_at)
        if answer is not None:
            cost = min(cost, max(0.0, _spoken_at(state, turn, answer.at) - at))
        length += cost
    return length


def _stops_when_answered(
    state: SessionState,
    kind: MomentKind,
    name: str,
    turn: Turn,
    length: float,
    rng: random.Random,
) -> float:
    answer = _answered(state, kind, name, turn.started_at)
    if answer is None:
        return length
    return min(length, _spoken_at(state, turn, answer.at) + rng.uniform(*WRAP_UP))


def _spoken_at(state: SessionState, turn: Turn, at: float) -> float:
    """Seconds the turn had been spoken at `at`."""
    return max(0.0, at - turn.started_at - turn.paused_seconds)


def open_voices(state: SessionState, voices: tuple[int, ...] | list[int]) -> list[int]:
    """Who may take the word by themselves in open dialogue: not the silent."""
    plan = state.plan
    unasked = [p for p in voices if persona(plan, p) is not Persona.SILENT]
    return unasked or list(voices)


def open_stretch(state: SessionState, speaking: int) -> float:
    """How much longer (or shorter) a voice in open dialogue speaks, by its persona."""
    given = persona(state.plan, speaking)
    if given is Persona.DOMINANT:
        return 1.5
    if given is Persona.SILENT:
        return 0.4
    return 1.0


def takes_back(state: SessionState, speaking: int) -> int | None:
    """A dominant speaker who takes the word back from `speaking` now (None: nobody does)."""
    plan = state.plan
    run = state.current_run
    if run is None or state.phase is None:
        return None
    rng = _rng(state, "back")
    for name in cast_as(plan, Persona.DOMINANT):
        index = plan.index_of(name)
        if index is None or index == speaking or index not in plan.speakers_of(state.phase):
            continue
        spoke = any(
            t.speaker == index and t.phase == run.phase and t.started_at >= run.started_at
            for t in state.turns
        )
        if not spoke or answered_in_run(state, MomentKind.TAKES_WORD, name, run.started_at):
            continue
        if rng.random() < TAKES_BACK:
            return index
    return None


# -- words ----------------------------------------------------------------------------


def described(moment: Moment) -> str:
    """What the console says of a moment, as it happens."""
    name = moment.person
    match moment.kind:
        case MomentKind.OVERTIME:
            # Translators: a rehearsal's persona; {name} is an invented person's name
            return _("{name} runs over their time and goes on talking.").format(name=name)
        case MomentKind.TAKES_WORD:
            return _("{name} takes the word back again.").format(name=name)
        case MomentKind.ADVICE:
            return _("{name} gives advice instead of asking a question.").format(name=name)
        case MomentKind.DEFENDING:
            return _("{name} argues back and defends their case.").format(name=name)
        case MomentKind.UNHEARD:
            return _("{name} has not said a word in this dialogue.").format(name=name)
        case MomentKind.AT_THE_DOOR:
            return _("{name} is at the door.").format(name=name)
    return name


def kind_name(kind: MomentKind) -> str:
    """A moment's kind in a few words (the debrief's table)."""
    names = {
        # Translators: kinds of moments in a rehearsal's debrief
        MomentKind.OVERTIME: _("runs over"),
        MomentKind.TAKES_WORD: _("takes the word back"),
        MomentKind.ADVICE: _("gives advice"),
        MomentKind.DEFENDING: _("defends"),
        MomentKind.UNHEARD: _("not heard"),
        MomentKind.AT_THE_DOOR: _("at the door"),
    }
    return names[kind]


def default_reminder(kind: MomentKind) -> str:
    """The wall's reminder for a moment when the format has none of its own."""
    match kind:
        case MomentKind.OVERTIME:
            # Translators: a reminder on the wall, for the whole room
            return _("Each of us keeps to their time, so that everyone is heard.")
        case MomentKind.TAKES_WORD:
            return _("One voice at a time, and room for those who have not spoken yet.")
        case MomentKind.ADVICE:
            return _("Questions now: advice can wait.")
        case MomentKind.DEFENDING:
            return _("The case giver listens now: no need to explain or defend.")
    return ""


REMINDED = (MomentKind.OVERTIME, MomentKind.TAKES_WORD, MomentKind.ADVICE, MomentKind.DEFENDING)
"""The moments a reminder on the wall answers."""


def situation(state: SessionState, now: float) -> list[MomentKind]:
    """Which reminders the circle calls for now, as a facilitator would see it (any session):
    a turn in overtime, a round of questions, feedback the case giver listens to, open
    dialogue."""
    step, plan = state.phase, state.plan
    if step is None:
        return []
    phase = plan.phases[step]
    found = []
    turn = next((box for box in time_boxes(state, now) if box.kind is BoxKind.TURN), None)
    if turn is not None and turn.remaining is not None and turn.remaining < 0:
        found.append(MomentKind.OVERTIME)
    asking = plan.question_round(step)
    if asking:
        found.append(MomentKind.ADVICE)
    presenting = {role.id for role in plan.format.roles if role.long_by_design}
    listening = [
        person
        for person in range(len(plan.participants))
        if plan.role_of(step, person) in presenting and person not in plan.speakers_of(step)
    ]
    if phase.kind.has_turns and phase.kind is not PhaseKind.PRESENT and not asking and listening:
        found.append(MomentKind.DEFENDING)
    if phase.kind is PhaseKind.OPEN:
        found.append(MomentKind.TAKES_WORD)
    return found


def reminder_for_now(state: SessionState, now: float) -> str | None:
    """The reminder `r` puts on the wall: for the newest moment that waits, else for what
    the circle is in (the format's own reminder first); None when nothing calls for one."""
    waiting = [m.kind for m in open_moments(state, now) if m.kind in REMINDED]
    if waiting:
        return reminder_text(state, waiting[0])
    now_called = situation(state, now)
    own = [kind for kind in now_called if state.plan.format.reminder_for(kind) is not None]
    called = own or now_called
    return reminder_text(state, called[0]) if called else None


def reminder_text(state: SessionState, kind: MomentKind) -> str:
    """What the wall reminds the room of for a moment: the format's rule as agreed, its own
    words, or the default words."""
    reminder = state.plan.format.reminder_for(kind)
    if reminder is None:
        return default_reminder(kind)
    if reminder.rule is not None:
        rules = state.ground_rules()
        if 0 < reminder.rule <= len(rules):
            return rules[reminder.rule - 1]
        fallback = state.plan.format.ground_rules
        if 0 < reminder.rule <= len(fallback):
            return fallback[reminder.rule - 1]
        return default_reminder(kind)
    return reminder.text
