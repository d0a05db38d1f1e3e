"""What leaves the room: the summary model, built from the session state.

Only public things are here: the contract, the phases with their times,
the shared items, last time's agreements and who spoke how long. Private notes
are not part of the state, so they cannot end up in a summary by accident:
they are added only when a caller passes them, for a report asked for as
private (`--include-private`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, tzinfo
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, PlainSerializer, WithJsonSchema

from circle_tui.core.airtime import Airtime, Balance, airtime, balances, long_roles
from circle_tui.core.events import FollowUpStatus, ItemKind
from circle_tui.core.format_runs import length_and_gini
from circle_tui.core.personas import moments
from circle_tui.core.records import turn_seconds
from circle_tui.core.rehearsal import run_fast
from circle_tui.core.state import SessionState

SCHEMA_VERSION: Literal[2] = 2
"""Version 2 writes times as ISO 8601 with the offset of the session's time zone
(version 1 wrote epoch seconds in the time zone of whoever rendered it)."""


def _iso(moment: datetime) -> str:
    return moment.isoformat()  # `+00:00` in UTC too, like every other offset


Moment = Annotated[
    AwareDatetime,
    PlainSerializer(_iso, return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "description": "ISO 8601 with the offset of the session's time zone "
            "(2026-12-02T11:06:40+01:00).",
        },
        mode="serialization",
    ),
]
"""A moment of the session, in the session's time zone."""


def moment(epoch: float, zone: tzinfo) -> datetime:
    """Epoch seconds as a moment in `zone`."""
    return datetime.fromtimestamp(epoch, zone)


class _Model(BaseModel):
    # The attribute docstrings are the schema's descriptions; they are read only
    # where the schema is written (devtools.schema): reading them costs every start.
    model_config = ConfigDict(frozen=True, defer_build=True, extra="forbid")


class PositionReport(_Model):
    """How much of its time bank one position of a disagreement used (never who held it)."""

    name: str
    seconds: float
    """Spoken from the position's bank."""
    bank_seconds: float
    """The bank, with time given or taken."""
    said_other_side: bool | None = None
    """In the last step (`strongest_point_seconds`): whether this position said the
    strongest point of another; None when the phase had no such step."""


class PhaseReport(_Model):
    """Planned against actual time of one phase."""

    index: int
    title: str
    kind: str
    prompt: str
    planned_seconds: int
    """Time box of the phase in seconds (turn time box times speakers, or the phase's own)."""
    actual_seconds: float
    """Wall time spent in the phase, over all its visits, in seconds."""
    started_at: Moment | None
    """When the phase first started."""
    ended_at: Moment | None
    """When the phase last ended."""
    visits: int
    positions: list[PositionReport] = []
    """A disagreement by positions: each position's time."""
    measured_seconds: float | None = None
    """In a phase without turns (open dialogue): how much of its time someone was marked
    as speaking, in seconds; None in a phase with turns, where every turn is measured."""

    @property
    def measured_share(self) -> float | None:
        """The share of the phase's time in which speaking was measured, 0..1."""
        if self.measured_seconds is None or self.actual_seconds <= 0:
            return None
        return min(1.0, self.measured_seconds / self.actual_seconds)


class AttendanceReport(_Model):
    """Someone who was not there the whole circle: late, absent or gone early."""

    name: str
    presence: Literal["present", "absent", "left"]
    """At the close: there, marked absent, or left."""
    joined_at: Moment | None = None
    """When they arrived, if after the start."""
    left_at: Moment | None = None
    """When they left, if before the close."""


class ItemReport(_Model):
    """A shared item, as the group agreed it may leave the room."""

    kind: ItemKind
    text: str
    phase: str
    owner: str | None = None
    due: str | None = None
    level: str | None = None


class FollowUpReport(_Model):
    """An agreement from the group's last session, and where it stands now."""

    text: str
    owner: str | None = None
    due: str | None = None
    from_session: str
    agreed_at: Moment | None = None
    status: FollowUpStatus | None
    """None when the facilitator did not mark it (it is carried on)."""


class DebriefMoment(_Model):
    """One moment a persona made in a rehearsal, and how the trainee answered it."""

    kind: str
    """overtime, takes-word, advice, defending, unheard or at-the-door."""
    person: str
    phase: str
    """The title of the phase it came in."""
    at: Moment
    answered_after_seconds: float | None
    """Seconds of the circle's clock until the trainee answered (None: unanswered)."""
    answer: str | None
    """What answered it: give-word, choose-speaker, wall, less-time, next-phase, join."""


class DebriefRun(_Model):
    """A run's length, fairness and moments, for the debrief's comparison."""

    length_seconds: float
    gini: float
    """The fairness figure: the Gini coefficient of speaking time (0 is even)."""
    moments: int
    answered: int


class Debrief(_Model):
    """A persona rehearsal's debrief: the moments, and what the trainee's answers changed."""

    personas: dict[str, str]
    """Name -> persona (dominant, silent, adviser, defender, latecomer)."""
    speed: float = 1.0
    """How much faster than real time the rehearsal ran: its times are the circle's."""
    moments: list[DebriefMoment]
    rehearsal: DebriefRun
    """This rehearsal, with the trainee's answers (to now, if it is not closed)."""
    no_intervention: DebriefRun
    """The same session, the same seed, run to its close with no answer at all."""


class PrivateNote(_Model):
    """A facilitator's private note: only in a report asked for as private."""

    at: Moment
    phase: str | None
    """Title of the phase it was written in."""
    speaker: str | None
    """Who had the word."""
    text: str


class Summary(_Model):
    """Everything a session summary shows."""

    schema_version: Literal[2] = SCHEMA_VERSION
    """2: times are ISO 8601 with the offset of `time_zone`."""
    session_id: str
    format_id: str
    format_name: str
    group: str
    language: str
    rehearsal: bool
    time_zone: str
    """The zone the times are written in (`Europe/Oslo`, `UTC`, `+01:00`)."""
    time_zone_assumed: bool = False
    """The session recorded no zone (an older version: its times are in the zone
    of the computer that wrote the summary), or one that computer does not know
    (they are in UTC)."""
    started_at: Moment | None
    closed_at: Moment | None
    participants: list[str]
    attendance: list[AttendanceReport] = []
    """Who came late, was absent or left early (everyone else was there throughout)."""
    focus: str
    ground_rules: list[str]
    contract_agreed: bool
    contract_agreed_at: Moment | None = None
    """When the group agreed the contract (the last time, if it was reopened)."""
    notes_allowed: bool | None
    """Whether the group allowed the facilitator to keep private notes; None when it
    was not asked."""
    notes_erased_at: Moment | None = None
    """When the notes taken before the group took its consent back were erased (the
    facilitator's recorded choice); None when none were erased."""
    phases: list[PhaseReport]
    airtime: list[Airtime]
    items: list[ItemReport]
    follow_ups: list[FollowUpReport]
    """Agreements carried in from the group's last session."""
    speaking_seconds: float
    """All speaking time added up."""
    balance: Balance
    """How evenly everyone who could have had the word shared it (the silent count too)."""
    balance_without: Balance | None = None
    """The same without the roles whose speaking is long by design (`long_roles`);
    None when the format has none in this session."""
    long_roles: list[str] = []
    """Names of the roles left out of `balance_without` (a case giver presenting)."""
    pseudonymized: bool = False
    """Names are replaced by P1..Pn (in a random order per session)."""
    debrief: Debrief | None = None
    """A rehearsal with personas: its moments, beside the same run without intervention."""
    private_notes: list[PrivateNote] | None = None
    """Present only in a private report (`--include-private`)."""

    @property
    def has_contract(self) -> bool:
        """Whether the format agrees a contract at all (Troika, for one, does not)."""
        return any(phase.kind == "contract" for phase in self.phases)


def build_summary(
    state: SessionState,
    now: float,
    private_notes: Iterable[PrivateNote] | None = None,
    *,
    zone: tzinfo = UTC,
    zone_assumed: bool = False,
) -> Summary:
    """Fold the state into a summary as of `now` (the close, for a closed session).

    Times are written in `zone`, the session's time zone (`zone_assumed` when
    the session did not record it). Private notes are not part of the state;
    they are in the summary only when the caller passes them, for a report
    asked for as private.
    """

    def when(epoch: float | None) -> datetime | None:
        return None if epoch is None else moment(epoch, zone)

    plan = state.plan
    fmt = plan.format
    at = state.closed_at if state.closed_at is not None else now
    phases: list[PhaseReport] = []
    for index, phase in enumerate(plan.phases):
        runs = [run for run in state.runs if run.phase == index]
        actual = sum(
            (run.ended_at if run.ended_at is not None else at) - run.started_at for run in runs
        )
        phases.append(
            PhaseReport(
                index=index,
                title=phase.title,
                kind=phase.kind.value,
                prompt=state.prompt_of(index),  # from a pool: the question asked
                planned_seconds=plan.planned_seconds[index],
                actual_seconds=round(actual, 3),
                started_at=when(runs[0].started_at) if runs else None,
                ended_at=when(runs[-1].ended_at) if runs else None,
                visits=len(runs),
                positions=[
                    PositionReport(
                        name=name,
                        seconds=round(
                            sum(
                                turn_seconds(t, at)
                                for t in state.turns
                                if t.phase == index and t.position == k and not t.other_side
                            ),
                            3,
                        ),
                        bank_seconds=state.position_bank(index, k),
                        said_other_side=k in state.stated(index)
                        if any(t.phase == index and t.other_side for t in state.turns)
                        else None,
                    )
                    for k, name in enumerate(state.positions_of(index))
                ]
                if phase.by_positions
                else [],
                measured_seconds=None
                if phase.kind.has_turns
                else round(sum(turn_seconds(t, at) for t in state.turns if t.phase == index), 3),
            )
        )

    people = airtime(state, at)
    everyone, without = balances(state, people)
    contract = state.contract
    items = [
        ItemReport(
            kind=item.kind,
            text=item.text,
            phase=plan.phases[item.phase].title,
            owner=item.owner,
            due=item.due,
            level=item.level,
        )
        for item in state.live_items()
        if item.kind is not ItemKind.FOCUS
    ]
    return Summary(
        session_id=plan.session_id,
        format_id=fmt.id,
        format_name=fmt.name,
        group=plan.group,
        language=plan.language,
        rehearsal=plan.rehearsal,
        time_zone=str(zone),
        time_zone_assumed=zone_assumed,
        started_at=when(state.started_at),
        closed_at=when(state.closed_at),
        participants=[p.name for p in plan.participants],
        attendance=[
            AttendanceReport(
                name=plan.name(i),
                presence="left"
                if i in state.left_at
                else "absent"
                if i in state.absent
                else "present",
                joined_at=when(state.joined_at.get(i)),
                left_at=when(state.left_at.get(i)),
            )
            for i in range(len(plan.participants))
            if i in state.left_at or i in state.absent or i in state.joined_at
        ],
        focus=state.focus(),
        ground_rules=list(state.ground_rules()),
        contract_agreed=contract is not None,
        contract_agreed_at=when(contract.at) if contract else None,
        notes_allowed=state.notes_consent,
        notes_erased_at=when(state.notes_erased_at),
        phases=phases,
        airtime=people,
        items=items,
        follow_ups=[
            FollowUpReport(
                text=follow_up.text,
                owner=follow_up.owner,
                due=follow_up.due,
                from_session=follow_up.from_session,
                agreed_at=when(follow_up.agreed_at),
                status=state.follow_up_status.get(index),
            )
            for index, follow_up in enumerate(plan.follow_ups)
        ],
        speaking_seconds=round(sum(p.seconds for p in people), 3),
        balance=everyone,
        balance_without=without,
        long_roles=[fmt.role_name(role) for role in long_roles(state)] if without else [],
        debrief=debrief_of(state, at, when) if plan.cast else None,
        private_notes=None if private_notes is None else list(private_notes),
    )


def debrief_of(
    state: SessionState, at: float, when: Callable[[float | None], datetime | None]
) -> Debrief:
    """The moments of a persona rehearsal, and its figures beside the same seed run with no
    intervention (the plan as it began: latecomers who were let in are not in it)."""
    plan = state.plan
    seated = tuple(p for i, p in enumerate(plan.participants) if i not in state.joined_at)
    fields = {name: getattr(plan, name) for name in type(plan).model_fields}
    first = type(plan)(**{**fields, "participants": seated})
    alone = run_fast(first)
    seen = moments(state, at)
    shown = [
        DebriefMoment(
            kind=m.kind.value,
            person=m.person,
            phase=plan.phases[m.step].title,
            at=when(m.opened_at) or moment(m.opened_at, UTC),
            answered_after_seconds=None if m.answered_after is None else round(m.answered_after, 1),
            answer=m.answer.answer if m.answer is not None else None,
        )
        for m in seen
    ]
    length, gini = length_and_gini(state, at)
    alone_length, alone_gini = length_and_gini(alone, alone.closed_at or at)
    alone_moments = moments(alone, alone.closed_at or at)
    return Debrief(
        personas={name: persona.value for name, persona in plan.cast.items()},
        speed=plan.speed,
        moments=shown,
        rehearsal=DebriefRun(
            length_seconds=round(length, 1),
            gini=round(gini, 3),
            moments=len(seen),
            answered=sum(1 for m in seen if m.answer is not None),
        ),
        no_intervention=DebriefRun(
            length_seconds=round(alone_length, 1),
            gini=round(alone_gini, 3),
            moments=len(alone_moments),
            answered=0,
        ),
    )
