"""Who sits in the circle, and with which format: a session's plan.

The plan is fixed when a session starts and is written to `session.toml`;
what happens afterwards is in the journal.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from circle_tui.core.errors import one_line
from circle_tui.core.events import LATEST
from circle_tui.core.formats import DEFAULT_ROLE, CircleFormat, Identifier, Phase, PhaseKind
from circle_tui.core.i18n import _, ngettext
from circle_tui.core.shown_text import showable

MAX_PARTICIPANTS = 40
"""The console lays out up to this many people around the circle."""


class Participant(BaseModel):
    """One person in the circle."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=40)
    """As shown on screen; unique within the session."""
    role: Identifier = DEFAULT_ROLE
    """The role this person holds (case giver, adviser, ...)."""

    @field_validator("name")
    @classmethod
    def _clean_name(cls, name: str) -> str:
        name = " ".join(name.split())
        if not name:
            raise ValueError(_("a participant needs a name"))
        return showable(name)


class Persona(StrEnum):
    """How a simulated person behaves in a trainer's rehearsal (rules: `core/personas.py`)."""

    DOMINANT = "dominant"
    """Runs over their time, and takes the word back in open dialogue."""
    SILENT = "silent"
    """Passes when they may, speaks briefly, never takes the word unasked."""
    ADVISER = "adviser"
    """Gives advice in a round of questions."""
    DEFENDER = "defender"
    """The case giver who argues back while the others give feedback."""
    LATECOMER = "latecomer"
    """Arrives after the check-in and waits at the door."""


class FollowUp(BaseModel):
    """An agreement from the group's last session, brought back at this one."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1, max_length=2000)
    owner: str | None = None
    due: str | None = None
    from_session: str = ""
    """The session where it was agreed (or first carried in)."""
    agreed_at: float | None = Field(default=None, ge=0, lt=LATEST, allow_inf_nan=False)
    """When it was agreed (epoch seconds)."""


class OrgAnswer(BaseModel):
    """The organisation's answer to a take-away the group sent it, shown at its next check-in."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    takeaway: str = Field(min_length=1, max_length=2000)
    asked_at: float = Field(ge=0, lt=LATEST, allow_inf_nan=False)
    """When the group named the take-away (its session's start)."""
    answer: str = Field(min_length=1, max_length=2000)
    answered_at: float = Field(ge=0, lt=LATEST, allow_inf_nan=False)


class LastContract(BaseModel):
    """The focus and ground rules the group agreed at its last session."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    focus: str = Field(max_length=2000)
    ground_rules: tuple[str, ...] = ()
    agreed_at: float
    """When the group agreed it (epoch seconds)."""
    from_session: str = ""
    notes_allowed: bool = True  # then: a "no" is not ticked back to yes


@dataclass(frozen=True)
class Step:
    """One phase as the session runs it; a rotating phase is one step per person."""

    phase: Phase
    """The format's phase (a rotating one titled with its cycle, `Client presents (2/3)`)."""
    source: int
    """Its index among the format's phases."""
    holder: int | None = None
    """Who holds the rotating role in this step."""


def small_groups(people: tuple[int, ...], size: int) -> list[tuple[int, ...]]:
    """People split into groups of about `size`, neighbours in seating order together.

    Nobody is left alone: a remainder joins the others (five in pairs: 3 + 2),
    unless it is at least half a group of three or more (nine in threes of
    three: 3 + 3 + 3; seven in threes: 4 + 3); these sizes differ by one at
    most. Fours (and sixes, eights) are pairs joined, so that nobody leaves the
    partner they just talked with: eleven in fours are 3+2 and 2+2+2. Their
    sizes differ by one pair at most (and the trio's extra person).
    """
    if size <= 1:
        return [(person,) for person in people]
    if size >= 4 and size % 2 == 0:
        return _joined_pairs(people, size // 2)
    return _split(people, size)


def _split(people: tuple[int, ...], size: int) -> list[tuple[int, ...]]:
    """Neighbours in groups of about `size`, as `small_groups` says, without joining pairs."""
    count = max(1, len(people) // size)
    if size > 2 and len(people) - count * size >= size / 2:
        count += 1
    base, extra = divmod(len(people), count)
    groups: list[tuple[int, ...]] = []
    start = 0
    for index in range(count):
        end = start + base + (1 if index < extra else 0)
        groups.append(people[start:end])
        start = end
    return groups


def _joined_pairs(people: tuple[int, ...], pairs: int) -> list[tuple[int, ...]]:
    """Groups of about `pairs` pairs: the pairs of the step before joined, never split.

    The pairs are those `small_groups(people, 2)` forms (a trio first when
    the number is odd). They are split like people, into groups of about
    `pairs` pairs, counted from the last pair: a pair left over joins the
    last group, so the group with the trio is not also the one with an
    extra pair.
    """
    formed = _split(people, 2)
    backwards = _split(tuple(range(len(formed) - 1, -1, -1)), pairs)
    groups = [tuple(reversed(group)) for group in reversed(backwards)]
    return [tuple(person for pair in group for person in formed[pair]) for group in groups]


def expand(fmt: CircleFormat, people: int) -> tuple[Step, ...]:
    """The format's phases in session order: a block of rotating phases once per person."""
    steps: list[Step] = []
    index = 0
    phases = fmt.phases
    while index < len(phases):
        role = phases[index].rotate
        end = index + 1
        while role is not None and end < len(phases) and phases[end].rotate == role:
            end += 1
        if role is None:
            steps.append(Step(phases[index], index))
        else:
            for holder in range(people):
                for source in range(index, end):
                    phase = phases[source]
                    title = f"{phase.title} ({holder + 1}/{people})"
                    steps.append(Step(phase.model_copy(update={"title": title}), source, holder))
        index = end
    return tuple(steps)


class SessionPlan(BaseModel):
    """Everything fixed at the start of a session."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    session_id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=120)
    """Folder name of the session; also seeds the random choices of the session."""
    format: CircleFormat
    """Snapshot of the format as it was when the session started."""
    participants: tuple[Participant, ...] = Field(min_length=1, max_length=MAX_PARTICIPANTS)
    """In the order they sit, clockwise."""
    group: str = Field(default="", max_length=80)
    """The group's name, so that follow-ups find the group's last session."""
    language: str = Field(default="en", pattern=r"^[a-z]{2}$")
    """Language of the session and its summary."""
    created_at: float
    """When the session was created (epoch seconds)."""
    time_zone: str | None = Field(
        default=None,
        max_length=64,
        pattern=r"^(?:[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*|[+-]\d{2}:\d{2})$",
    )
    """The time zone of the room, recorded at the start (`Europe/Oslo`, or an
    offset such as `+01:00`): every export writes its times in it. None in a
    session from before it was recorded (read in the zone of the computer
    that renders it, as it was then)."""
    rehearsal: bool = False
    """A trainer's rehearsal, not a real circle."""
    speed: float = Field(default=1.0, gt=0, le=1000)
    """How much faster than real time the session's clock runs (rehearsal)."""
    simulated: bool = False
    """A rehearsal whose invented people speak, pass and move on by themselves."""
    cast: dict[str, Persona] = Field(default_factory=dict, max_length=MAX_PARTICIPANTS)
    """A simulated rehearsal's personas, by name (a latecomer is not yet in the circle)."""
    follow_ups: tuple[FollowUp, ...] = ()
    """Agreements from the group's last session, reviewed at the check-in."""
    last_contract: LastContract | None = None
    """The contract of the group's last session: this one's contract starts from it."""
    questions: dict[int, tuple[int, ...]] = Field(default_factory=dict)
    """Step -> its phase's pool in the order to ask it: the questions the group has not had
    longest first (a step with a pool and no entry asks it in the format's order)."""

    def question_order(self, step: int) -> tuple[int, ...]:
        """The step's pool questions by index, in the order the session offers them."""
        pool = range(len(self.phases[step].questions))
        order = tuple(i for i in self.questions.get(step, ()) if i in pool)
        return order + tuple(i for i in pool if i not in order)

    org_answers: tuple[OrgAnswer, ...] = ()
    """Answers from the organisation that came since the group last met (shown at check-in)."""
    pseudonym_seed: str = Field(default="", max_length=64)
    """Random, set at the start; orders the P1..Pn names of a pseudonymized
    summary so that every export of one session uses the same ones. It is
    never exported."""

    @model_validator(mode="after")
    def _check_people(self) -> SessionPlan:
        seated = {person.name for person in self.participants}
        for name, persona in self.cast.items():
            if name not in seated and persona is not Persona.LATECOMER:
                raise ValueError(
                    # Translators: {name} is cast as a persona ({persona}: dominant, silent...)
                    _("{name} is cast as {persona} but is not in the circle").format(
                        name=name, persona=persona.value
                    )
                )
        twice = duplicate_names(self.participants)
        if twice:
            raise ValueError(
                # Translators: {names} lists the names given more than once
                ngettext(
                    "names given twice: {names}", "names given twice: {names}", len(twice)
                ).format(names=", ".join(twice))
            )
        fmt = self.format
        known = {DEFAULT_ROLE} | {role.id for role in fmt.roles}
        for person in self.participants:
            if person.role not in known:
                raise ValueError(
                    # Translators: {role} and {format} are ids in quotes ('case-giver')
                    _("{name} has role {role}, which format {format} does not declare").format(
                        name=person.name, role=repr(person.role), format=repr(fmt.id)
                    )
                )
            if person.role in fmt.rotating:
                raise ValueError(
                    _(
                        "{name} has role {role}, which goes to each person in turn in {format}: "
                        "give {name} no role"
                    ).format(name=person.name, role=repr(person.role), format=repr(fmt.id))
                )
        for role in fmt.roles:
            held = sum(
                1 for person in range(len(self.participants)) if self.role_held(person) == role.id
            )
            if held < role.at_least:
                raise ValueError(
                    # Translators: {role} is the format's name of the role, in lower case and
                    # as the format writes it (one "case giver"); Name={id} shows how to give
                    # someone the role in the list of participants
                    _("{format} needs {count} {role} (write Name={id} in the participants)").format(
                        format=fmt.name, count=role.at_least, role=role.name.lower(), id=role.id
                    )
                )
            if role.at_most is not None and held > role.at_most:
                raise ValueError(
                    _("{format} has room for {count} {role}").format(
                        format=fmt.name, count=role.at_most, role=role.name.lower()
                    )
                )
        return self

    @cached_property
    def steps(self) -> tuple[Step, ...]:
        """The phases in the order the session runs them (rotating ones repeated)."""
        return expand(self.format, len(self.participants))

    @cached_property
    def phases(self) -> tuple[Phase, ...]:
        """The phase of each step: what `PhaseStarted.phase` counts."""
        return tuple(step.phase for step in self.steps)

    def role_of(self, step: int, person: int) -> str:
        """The role a person holds in a step (a rotating role goes to its holder)."""
        at = self.steps[step]
        if at.holder == person and at.phase.rotate is not None:
            return at.phase.rotate
        return self.role_held(person)

    def role_held(self, person: int) -> str:
        """The role a person holds for the whole session (none given: everyone else's)."""
        role = self.participants[person].role
        return self.format.default_role if role == DEFAULT_ROLE else role

    def speakers_of(self, step: int) -> tuple[int, ...]:
        """Indices of the people who get the word in a step, in seating order."""
        phase = self.phases[step]
        return tuple(
            person
            for person in range(len(self.participants))
            if self.format.speaks(phase, self.role_of(step, person))
        )

    def question_round(self, step: int) -> bool:
        """A round of questions: contributions someone answers, or one the case giver
        listens to (where a rehearsal's adviser gives advice instead)."""
        phase = self.phases[step]
        if phase.kind is not PhaseKind.ROUND or not phase.one_contribution:
            return False
        return phase.answered_by is not None or len(self.speakers_of(step)) < len(self.participants)

    def with_latecomer(self, name: str, role: str = DEFAULT_ROLE) -> SessionPlan:
        """This plan with someone who arrived after the start, in the next seat.

        Raises ValueError with one line for a person: a name that is there
        already, a role the format does not declare or has no room for, a
        full circle, or a format whose steps repeat once per person (Troika).
        """
        if self.format.rotating:
            raise ValueError(
                # Translators: {format} is a format's name such as Troika consulting
                _("{format} repeats its steps once for each person: nobody can join later").format(
                    format=self.format.name
                )
            )
        if len(self.participants) >= MAX_PARTICIPANTS:
            raise ValueError(
                ngettext(
                    "at most {n} person fits in one circle",
                    "at most {n} people fit in one circle",
                    MAX_PARTICIPANTS,
                ).format(n=MAX_PARTICIPANTS)
            )
        try:
            person = Participant(name=name, role=role)
            fields = {field: getattr(self, field) for field in type(self).model_fields}
            return SessionPlan(**{**fields, "participants": (*self.participants, person)})
        except ValidationError as exc:
            raise ValueError(one_line(exc)) from None

    def answerer_of(self, step: int) -> int | None:
        """Who answers every contribution in a step (its `answered_by` role), if anyone."""
        role = self.phases[step].answered_by
        if role is None:
            return None
        holders = (p for p in range(len(self.participants)) if self.role_of(step, p) == role)
        return next(holders, None)

    @cached_property
    def planned_seconds(self) -> tuple[int, ...]:
        """Planned length of each step with the people of this session."""
        return tuple(
            phase.planned_seconds(len(self.speakers_of(index)))
            for index, phase in enumerate(self.phases)
        )

    def name(self, index: int) -> str:
        """Display name of a participant."""
        return self.participants[index].name

    def index_of(self, name: str) -> int | None:
        """The seat of the participant with this name (None: not in the circle)."""
        return next((i for i, p in enumerate(self.participants) if p.name == name), None)


def parse_participants(text: str) -> tuple[Participant, ...]:
    """Read `"Ane, Bo=case-giver, Cai"` into participants.

    Raises ValueError with one line for a person, not a programmer: a bad
    name or role, a name given twice, too many people, or nobody at all.
    """
    people: list[Participant] = []
    for raw in text.split(","):
        entry = raw.strip()
        if not entry:
            continue
        name, _sep, role = entry.partition("=")
        try:
            people.append(Participant(name=name, role=role.strip() or DEFAULT_ROLE))
        except ValidationError as exc:
            raise ValueError(f"{entry!r}: {one_line(exc)}") from None
    if not people:
        raise ValueError(
            # Translators: --participants is the command-line option, as it stands
            _("no participants given (for example: --participants 'Ane,Bo,Cai')")
        )
    twice = duplicate_names(tuple(people))
    if twice:
        raise ValueError(
            # Translators: {names} lists the names given more than once
            ngettext("given twice: {names}", "given twice: {names}", len(twice)).format(
                names=", ".join(twice)
            )
        )
    if len(people) > MAX_PARTICIPANTS:
        raise ValueError(
            ngettext(
                "at most {n} person fits in one circle",
                "at most {n} people fit in one circle",
                MAX_PARTICIPANTS,
            ).format(n=MAX_PARTICIPANTS)
        )
    return tuple(people)


def duplicate_names(people: tuple[Participant, ...]) -> list[str]:
    """Names that occur more than once (ignoring case), in seating order."""
    seen: set[str] = set()
    twice: list[str] = []
    for person in people:
        key = person.name.casefold()
        if key in seen and person.name not in twice:
            twice.append(person.name)
        seen.add(key)
    return twice
