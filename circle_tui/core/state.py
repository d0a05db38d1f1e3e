"""The state of a session: a fold over its events (`apply`; `fold` replays a journal).

Times are never decremented: what a speaker has used is kept as closed segments
plus the running one; the remaining time is computed against a clock (`timing.py`).
The records the fold keeps (a phase's visit, a turn, a shared item) are in
`records.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from circle_tui.core.events import (
    ContractAgreed,
    EarlierNotes,
    Event,
    FollowUpMarked,
    FollowUpStatus,
    ItemKind,
    ItemRecorded,
    ItemWithdrawn,
    MomentAnswered,
    NotesConsent,
    OtherSideStarted,
    Paused,
    PersonJoined,
    PhaseEnded,
    PhaseStarted,
    PositionHeld,
    PositionNamed,
    Presence,
    PresenceMarked,
    QuestionSwapped,
    ReadBackShown,
    Resumed,
    SessionClosed,
    SpeakerChosen,
    TimeAdjusted,
    TurnEnded,
    TurnOutcome,
    TurnStarted,
)
from circle_tui.core.formats import Phase, PhaseKind, SpeakingOrder
from circle_tui.core.plan import SessionPlan
from circle_tui.core.records import PhaseRun, SharedItem, Turn, turn_seconds
from circle_tui.core.wall import WallShown


@dataclass
class SessionState:
    """Where a session stands after the events applied so far."""

    plan: SessionPlan
    phase: int | None = None
    """Index of the current phase; None before the start and after the close."""
    order: tuple[int, ...] = ()
    """Speaking order of the current phase."""
    speaker: int | None = None
    """Who has the word now."""
    done: set[int] = field(default_factory=set)
    """Who has spoken (or passed for good) in the current phase."""
    passed: list[int] = field(default_factory=list)
    """Who passed and waits to be offered the word again, in order."""
    history: list[int] = field(default_factory=list)
    """Speakers of the current phase in the order they finished (for `back`)."""
    before: list[tuple[int | None, bool]] = field(default_factory=list)
    """For each entry of `history`: where the speaker stood in `passed` and whether they
    were done before that turn ended, so that giving the word back undoes the turn."""
    chosen: int | None = None
    """Who the facilitator chose to speak next in this phase (they come before the order)."""
    absent: set[int] = field(default_factory=set)
    """Who is marked absent now: skipped, and not counted as silent."""
    left_at: dict[int, float] = field(default_factory=dict)
    """Who left before the close, and when."""
    joined_at: dict[int, float] = field(default_factory=dict)
    """Who arrived after the start (a latecomer), and when."""
    named_positions: dict[int, list[str]] = field(default_factory=dict)
    """Step -> positions named during the session (after those the format declares)."""
    holders: dict[int, dict[int, int]] = field(default_factory=dict)
    """Step -> person -> the position they hold."""
    position_spent: dict[tuple[int, int], float] = field(default_factory=dict)
    other_side: set[int] = field(default_factory=set)
    """Steps in their last part: each position states another's strongest point."""
    stating_extra: dict[tuple[int, int | None], int] = field(default_factory=dict)
    """Time given or taken in that part (the positions' banks stay as they were)."""
    """(step, position) -> seconds spoken from its time bank in closed turns."""
    paused_at: float | None = None
    contract: ContractAgreed | None = None
    notes_consent: bool | None = None
    """Whether the group allows private notes now (None: not asked yet, so none)."""
    read_back: bool = False
    """Everything that will leave the room is being read back, before the close."""
    notes_erased_at: float | None = None
    """When the notes taken before consent was taken back were erased."""
    runs: list[PhaseRun] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    items: list[SharedItem] = field(default_factory=list)
    extra: dict[tuple[int, int | None], int] = field(default_factory=dict)
    """Seconds added to (phase, speaker) time boxes; speaker None is the phase."""
    used: dict[tuple[int, int], float] = field(default_factory=dict)
    """Seconds spoken per (phase, speaker) in closed turns."""
    follow_up_status: dict[int, FollowUpStatus] = field(default_factory=dict)
    """How the facilitator marked the plan's follow-ups, by index."""
    swapped: dict[int, int] = field(default_factory=dict)
    """Step -> the question of its pool the facilitator swapped to."""
    wall: WallShown = field(default_factory=WallShown)
    """What the console has told the wall: its message, whether it is blank."""
    run_turns: int = 0
    """Turns started in the current visit of the phase (a written phase writes until the first)."""
    started_at: float | None = None
    closed_at: float | None = None
    last_at: float | None = None
    """Time of the last event applied."""
    answered: list[MomentAnswered] = field(default_factory=list)
    """A persona rehearsal's moments the trainee answered (`core/personas.py`)."""
    events_applied: int = 0

    # -- reading ---------------------------------------------------------------

    @property
    def current_phase(self) -> Phase | None:
        """The format's phase the circle is in."""
        return None if self.phase is None else self.plan.phases[self.phase]

    def question_of(self, step: int) -> int | None:
        """Which question of the step's pool is asked (None: the phase has no pool)."""
        pool = self.plan.phases[step].questions
        if not pool:
            return None
        asked = self.swapped.get(step, self.plan.question_order(step)[0])
        return asked if 0 <= asked < len(pool) else 0

    def prompt_of(self, step: int) -> str:
        """What the room is asked in a step: its pool's question now, else the phase's prompt."""
        phase = self.plan.phases[step]
        asked = self.question_of(step)
        return phase.prompt if asked is None else phase.questions[asked]

    @property
    def closed(self) -> bool:
        """Whether the session is over."""
        return self.closed_at is not None

    @property
    def paused(self) -> bool:
        """Whether the clocks are stopped."""
        return self.paused_at is not None

    @property
    def current_turn(self) -> Turn | None:
        """The running turn, if someone has the word."""
        if self.speaker is None or not self.turns:
            return None
        return self.turns[-1]

    @property
    def current_run(self) -> PhaseRun | None:
        """The running visit of the current phase."""
        if self.phase is None or not self.runs:
            return None
        return self.runs[-1]

    @property
    def writing(self) -> bool:
        """Whether everyone is writing (a written phase, before the first reads out)."""
        phase = self.current_phase
        return phase is not None and phase.kind is PhaseKind.WRITTEN and self.run_turns == 0

    def next_speaker(self, *, passing: bool = False, again: bool = False) -> int | None:
        """Who gets the word next: the one rule for the console, the wall and `decide`.

        Whoever the facilitator chose; else (unless the facilitator chooses
        every time: `order = "facilitator"`) the first in speaking order still
        to speak, then those who passed, in the order they passed. `passing`:
        the speaker passes now, so when nobody else is left they are offered
        the word again at once (unless they passed before: then they are
        done). `again`: in a phase of one contribution each, after the last
        the word goes round again, to whoever sits after the last speaker in
        the order.
        """
        speaker = self.speaker
        gone = self.gone
        if self.chosen is not None and self.chosen != speaker and self.chosen not in gone:
            return self.chosen
        phase = self.current_phase
        if phase is not None and phase.order is SpeakingOrder.FACILITATOR:
            return None  # the facilitator chooses every time
        if phase is not None and phase.by_positions and self.phase in self.holders:
            return self._next_by_position()
        answerer = self.answerer
        questioned = answerer is not None and speaker is not None and speaker != answerer
        if questioned and not passing and answerer not in gone:
            return answerer  # the question is answered before the next is asked
        for person in self.order:
            if person in gone or person == speaker:
                continue
            if person not in self.done and person not in self.passed:
                return person
        for person in self.passed:
            if person != speaker and person not in gone:
                return person
        laps = again and phase is not None and phase.one_contribution
        if passing and speaker is not None and speaker not in self.passed and not laps:
            return speaker
        if again and phase is not None and phase.one_contribution and self.order:
            asked = [p for p in [*self.history, speaker] if p is not None and p in self.order]
            last = asked[-1] if asked else -1
            if last not in self.order:
                return self.order[0]
            return self.order[(self.order.index(last) + 1) % len(self.order)]
        return None

    def positions_of(self, step: int) -> list[str]:
        """The positions of a disagreement step: the format's, then those named."""
        return [*self.plan.phases[step].positions, *self.named_positions.get(step, [])]

    def position_of(self, person: int) -> int | None:
        """The position someone holds in the current step, if any."""
        return None if self.phase is None else self.holders.get(self.phase, {}).get(person)

    def position_bank(self, step: int, position: int) -> float:
        """A position's time bank in a step, with the time given to or taken from its holders."""
        bank = self.plan.phases[step].position_seconds or 0
        holders = [p for p, k in self.holders.get(step, {}).items() if k == position]
        return float(max(0, bank + sum(self.extra.get((step, p), 0) for p in holders)))

    def _next_by_position(self) -> int | None:
        """The word alternates between positions that have time left; within one, it goes
        to whoever holding it has spoken least often in this step."""
        assert self.phase is not None
        step, speaker, gone = self.phase, self.speaker, self.gone
        held = {p: k for p, k in self.holders[step].items() if p not in gone}
        count = len(self.positions_of(step))
        if not held or not count:
            return None
        if step in self.other_side:
            return self._next_stating(held)
        last_person = speaker if speaker is not None else (self.history[-1] if self.history else -1)
        last = held.get(last_person, -1)
        turns: dict[int, int] = {}
        for turn in self.turns:
            if turn.phase == step:
                turns[turn.speaker] = turns.get(turn.speaker, 0) + 1
        for offset in range(1, count + 1):
            position = (last + offset) % count
            if self.position_spent.get((step, position), 0.0) >= self.position_bank(step, position):
                continue
            holding = [p for p, k in held.items() if k == position]
            others = [p for p in holding if p != speaker] or holding  # alone: they go on
            if others:
                return min(others, key=lambda p: (turns.get(p, 0), p))
        return None

    def stated(self, step: int) -> set[int]:
        """The positions that have stated another's strongest point in a step (or passed)."""
        return {
            t.position
            for t in self.turns
            if t.phase == step and t.other_side and t.position is not None
            if t.ended_at is not None and t.outcome is not TurnOutcome.BACK
        }

    def still_to_state(self) -> list[int]:
        """Positions held by someone here that have not yet stated another's strongest point."""
        step = self.phase
        if step is None or step not in self.other_side:
            return []
        turn = self.current_turn
        stating = {turn.position} if turn is not None and turn.other_side else set()
        held = {k for p, k in self.holders.get(step, {}).items() if p not in self.gone}
        return sorted(held - self.stated(step) - stating)

    def _next_stating(self, held: dict[int, int]) -> int | None:
        """Each position once, in the order they were named: whoever holding it spoke least."""
        assert self.phase is not None
        turns: dict[int, int] = {}
        for turn in self.turns:
            if turn.phase == self.phase:
                turns[turn.speaker] = turns.get(turn.speaker, 0) + 1
        for position in self.still_to_state():
            holding = [p for p, k in held.items() if k == position]
            if holding:
                return min(holding, key=lambda p: (turns.get(p, 0), p))
        return None

    @property
    def answerer(self) -> int | None:
        """Who answers every contribution in the current phase (the case giver), if anyone."""
        return None if self.phase is None else self.plan.answerer_of(self.phase)

    @property
    def gone(self) -> set[int]:
        """Who is not in the circle now: marked absent, or left."""
        return self.absent | self.left_at.keys()

    def still_to_speak(self) -> list[int]:
        """People of the current phase here now who have neither spoken nor passed for good.

        In the step of the other side's strongest point, nobody: positions speak
        there (`still_to_state`).
        """
        if self.phase in self.other_side:
            return []
        gone = self.gone
        return [p for p in self.order if p not in self.done and p not in gone]

    def status_of(self, person: int) -> str:
        """One of: speaking, spoken, passed, waiting, silent, away, present, absent, left.

        `present` is everyone in a phase without turns (contract, open dialogue);
        `away` is someone who turned their back to listen.
        """
        if person == self.speaker:
            return "speaking"
        if person in self.left_at:
            return "left"
        if person in self.absent:
            return "absent"
        phase = self.current_phase
        if phase is None or self.phase is None:
            return "present"
        role = self.plan.role_of(self.phase, person)
        if role in phase.away:
            return "away"
        if not phase.kind.has_turns:
            return "silent" if role in phase.silent else "present"
        if person == self.answerer:
            return "waiting"  # to answer the next contribution
        if person not in self.order:
            return "silent"
        if person in self.passed:
            return "passed"
        if person in self.done:
            return "spoken"
        if self.phase in self.other_side and self.position_of(person) in self.stated(self.phase):
            return "spoken"  # their position has said the other side's strongest point
        return "waiting"

    def budget(self, phase: int, speaker: int) -> int:
        """A speaker's time box in a phase (an answer's, for who answers), with extra time."""
        step = self.plan.phases[phase]
        if phase in self.other_side:
            stating = step.strongest_point_seconds or 0
            return max(0, stating + self.stating_extra.get((phase, speaker), 0))
        base = step.turn_seconds or 0
        if step.answered_by is not None and speaker == self.plan.answerer_of(phase):
            base = step.answer_box or 0
        return max(0, base + self.extra.get((phase, speaker), 0))

    def phase_budget(self, phase: int) -> int | None:
        """The phase's own time box with extra time, if any (a written phase's: the writing)."""
        step = self.plan.phases[phase]
        base = step.phase_seconds
        if step.kind is PhaseKind.WRITTEN:
            base = step.write_seconds if phase == self.phase and self.writing else None
        if base is None:
            return None
        return max(0, base + self.extra.get((phase, None), 0))

    def focus(self) -> str:
        """The focus: as agreed, else as typed, else as agreed last time, else the format's."""
        if self.contract is not None:
            return self.contract.focus
        typed = [i.text for i in self.live_items() if i.kind is ItemKind.FOCUS]
        if typed:
            return typed[-1]
        last = self.plan.last_contract
        return last.focus if last is not None else self.plan.format.focus

    def ground_rules(self) -> tuple[str, ...]:
        """The ground rules: as agreed, else as agreed last time, else the format's."""
        if self.contract is not None:
            return self.contract.ground_rules
        last = self.plan.last_contract
        return last.ground_rules if last is not None else self.plan.format.ground_rules

    def live_items(self) -> list[SharedItem]:
        """Shared items that have not been withdrawn."""
        return [item for item in self.items if not item.withdrawn]

    # -- folding ---------------------------------------------------------------

    def apply(self, event: Event) -> None:
        """Move the state on by one event."""
        self.events_applied += 1
        self.last_at = event.at
        if self.started_at is None:
            self.started_at = event.at
        self.wall = self.wall.after(event)
        match event:
            case PhaseStarted():
                self._enter_phase(event)
            case PhaseEnded():
                self._end_turn_silently(event.at)
                run = self.current_run
                if run is not None:
                    run.ended_at = event.at
                    if self.paused_at is not None:
                        run.paused_seconds += event.at - max(self.paused_at, run.started_at)
                self.paused_at = None
                self.phase = None
                self.order = ()
            case ContractAgreed():
                self.contract = event
                self.notes_consent = event.notes_allowed
            case ReadBackShown():
                self.read_back = event.shown
            case NotesConsent():
                self.notes_consent = event.allowed
                if event.earlier is EarlierNotes.ERASED:
                    self.notes_erased_at = event.at
            case TurnStarted():
                self._end_turn_silently(event.at)
                self.turns.append(
                    Turn(
                        phase=self.phase or 0,
                        speaker=event.speaker,
                        started_at=event.at,
                        position=self._drawing_on(event.speaker),
                        other_side=self.phase in self.other_side,
                    )
                )
                self.speaker = event.speaker
                if self.chosen == event.speaker:
                    self.chosen = None
                self.run_turns += 1
                last = bool(self.history) and self.history[-1] == event.speaker
                went_back = event.back if event.v >= 2 else last
                if went_back and last:
                    self._undo_last()  # the word went back to them
                self.done.discard(event.speaker)
            case TurnEnded():
                self._close_turn(event.at, event.outcome)
            case Paused():
                if self.paused_at is None:
                    self.paused_at = event.at
            case Resumed():
                if self.paused_at is not None:
                    turn = self.current_turn
                    if turn is not None:
                        turn.paused_seconds += event.at - max(self.paused_at, turn.started_at)
                    run = self.current_run
                    if run is not None:
                        run.paused_seconds += event.at - max(self.paused_at, run.started_at)
                    self.paused_at = None
            case TimeAdjusted():
                if self.phase is not None:
                    key = (self.phase, event.speaker)
                    extra = self.stating_extra if self.phase in self.other_side else self.extra
                    extra[key] = extra.get(key, 0) + event.seconds
            case OtherSideStarted():
                self._end_turn_silently(event.at)
                self.other_side.add(event.phase)
                self.done, self.passed, self.history, self.before = set(), [], [], []
                self.chosen = None
            case ItemRecorded():
                self.items.append(
                    SharedItem(
                        kind=event.kind,
                        text=event.text,
                        phase=event.phase,
                        at=event.at,
                        owner=event.owner,
                        due=event.due,
                        level=event.level.value if event.level else None,
                    )
                )
            case ItemWithdrawn():
                if event.item < len(self.items):
                    self.items[event.item].withdrawn = True
            case FollowUpMarked():
                if event.item < len(self.plan.follow_ups):
                    self.follow_up_status[event.item] = event.status
            case QuestionSwapped():
                self.swapped[event.phase] = event.question
            case SpeakerChosen():
                self.chosen = event.speaker
            case PersonJoined():
                self._join(event)
            case PositionNamed():
                self.named_positions.setdefault(event.phase, []).append(event.name)
            case PositionHeld():
                held = self.holders.setdefault(event.phase, {})
                if event.position is None:
                    held.pop(event.person, None)
                else:
                    held[event.person] = event.position
            case PresenceMarked():
                self.absent.discard(event.person)
                self.left_at.pop(event.person, None)
                if event.presence is Presence.ABSENT:
                    self.absent.add(event.person)
                elif event.presence is Presence.LEFT:
                    self.left_at[event.person] = event.at
            case MomentAnswered():
                self.answered.append(event)
            case SessionClosed():
                self._end_turn_silently(event.at)
                self.closed_at = event.at
                self.phase = None
                self.paused_at = None

    def _drawing_on(self, person: int) -> int | None:
        """The position bank a turn starting now draws on (None outside positions)."""
        phase = self.current_phase
        if phase is None or not phase.by_positions:
            return None
        return self.position_of(person)

    def _join(self, event: PersonJoined) -> None:
        """A latecomer takes the next seat, and the word in the round going on."""
        self.plan = self.plan.with_latecomer(event.name, event.role)
        person = len(self.plan.participants) - 1
        self.joined_at[person] = event.at
        step, phase = self.phase, self.current_phase
        in_a_round = step is not None and phase is not None and phase.kind.has_turns
        if in_a_round and step is not None and person in self.plan.speakers_of(step):
            self.order = (*self.order, person)

    def _enter_phase(self, event: PhaseStarted) -> None:
        self.phase = event.phase
        self.other_side.discard(event.phase)  # reopened: the positions speak again first
        self.order = event.order
        self.speaker = None
        self.done = set()
        self.passed = []
        self.history = []
        self.before = []
        self.chosen = None
        self.run_turns = 0
        self.paused_at = None
        self.runs.append(PhaseRun(phase=event.phase, started_at=event.at))

    def _end_turn_silently(self, at: float) -> None:
        if self.speaker is not None:
            self._close_turn(at, TurnOutcome.SPOKE)

    def _close_turn(self, at: float, outcome: TurnOutcome) -> None:
        turn = self.current_turn
        if turn is None:
            return
        turn.ended_at = at
        turn.outcome = outcome
        if self.paused_at is not None:
            turn.paused_seconds += at - max(self.paused_at, turn.started_at)
        key = (turn.phase, turn.speaker)
        spoken = turn_seconds(turn, at)
        self.used[key] = self.used.get(key, 0.0) + spoken
        if turn.position is not None and not turn.other_side:
            bank = (turn.phase, turn.position)
            self.position_spent[bank] = self.position_spent.get(bank, 0.0) + spoken
        person = turn.speaker
        self.speaker = None
        if outcome is TurnOutcome.BACK:
            return  # the word goes back to the one before: this turn leaves no mark
        if person == self.answerer and turn.phase == self.phase:
            self.history.append(person)  # an answer: `back` returns to it, nothing else
            self.before.append((None, False))
            return
        stood = (self.passed.index(person) if person in self.passed else None, person in self.done)
        was_offered_again = person in self.passed
        if was_offered_again:
            self.passed.remove(person)
        if outcome is TurnOutcome.PASSED and not was_offered_again:
            self.passed.append(person)
        else:
            self.done.add(person)
        self.history.append(person)
        self.before.append(stood)

    def _undo_last(self) -> None:
        """The last speaker gets the word back: where they stood before that turn returns.

        So a pass that is taken back is no pass: passing again later still
        earns the re-offer, and a re-offer taken back is offered again.
        """
        person = self.history.pop()
        position, was_done = self.before.pop() if self.before else (None, False)
        if person in self.passed:
            self.passed.remove(person)
        if position is not None:
            self.passed.insert(min(position, len(self.passed)), person)
        if not was_done:
            self.done.discard(person)


def fold(plan: SessionPlan, events: Iterable[Event]) -> SessionState:
    """Replay events from the start of a session."""
    state = SessionState(plan=plan)
    for event in events:
        state.apply(event)
    return state
