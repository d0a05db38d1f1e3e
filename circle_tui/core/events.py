"""Everything that happens in a circle, as versioned events.

Events are appended to the journal and never changed. Each carries `v` (its
schema version) and `at` (seconds since the epoch, from the session's clock),
and a `type` that discriminates the union. The session state is a fold over
them (see `state.py`).
"""

from __future__ import annotations

import functools
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

LATEST = 32_503_680_000.0
"""Year 3000: a time beyond it is a damaged journal, not a session."""


class _Event(BaseModel):
    # Schemas are built on first use, not at import: start-up stays fast.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    v: Literal[1] = 1
    """Schema version of the payload."""
    at: float = Field(ge=0, lt=LATEST, allow_inf_nan=False)
    """When it happened (epoch seconds, from the session's clock)."""


class PhaseStarted(_Event):
    """The circle enters a phase (also used to reopen an earlier one)."""

    type: Literal["phase_started"] = "phase_started"
    phase: int = Field(ge=0)
    """Index of the phase in the format."""
    order: tuple[int, ...] = ()
    """Speaking order for the phase: indices into the participants."""


class PhaseEnded(_Event):
    """The circle leaves the phase it is in."""

    type: Literal["phase_ended"] = "phase_ended"
    phase: int = Field(ge=0)


class ContractAgreed(_Event):
    """The group agreed on its focus, ground rules and what may leave the room."""

    type: Literal["contract_agreed"] = "contract_agreed"
    focus: str = ""
    ground_rules: tuple[str, ...] = ()
    notes_allowed: bool = True
    """Whether the facilitator may keep private notes."""


class TurnOutcome(StrEnum):
    """How a speaking turn ended."""

    SPOKE = "spoke"
    PASSED = "passed"
    """Offered the word again at the end of the round."""
    BACK = "back"
    """The word went back to the previous speaker; this one is still to speak."""
    TIMEOUT = "timeout"
    """Hard timing: the time box ran out."""


class TurnStarted(_Event):
    """A participant gets the word."""

    v: Literal[1, 2] = 2  # type: ignore[assignment]
    """Schema version: 2 says in `back` whether the word went back."""
    type: Literal["turn_started"] = "turn_started"
    speaker: int = Field(ge=0)
    back: bool = False
    """The word went back to the one who spoke last (`b`): their last turn is undone.

    Journals written before version 2 do not say; there a turn started for
    whoever finished last counts as the word going back.
    """


class OtherSideStarted(_Event):
    """The last step of a disagreement by positions: each states another's strongest point."""

    type: Literal["other_side_started"] = "other_side_started"
    phase: int = Field(ge=0)


class TurnEnded(_Event):
    """The participant who had the word stops."""

    type: Literal["turn_ended"] = "turn_ended"
    speaker: int = Field(ge=0)
    outcome: TurnOutcome = TurnOutcome.SPOKE


class Paused(_Event):
    """The clocks stop (turn and phase)."""

    type: Literal["paused"] = "paused"


class Resumed(_Event):
    """The clocks run again."""

    type: Literal["resumed"] = "resumed"


class TimeAdjusted(_Event):
    """Extra time given (or taken) for a speaker, or for the phase."""

    type: Literal["time_adjusted"] = "time_adjusted"
    speaker: int | None = Field(default=None, ge=0)
    """Whose time box changes; None for the phase's own time box."""
    seconds: int


class ItemKind(StrEnum):
    """Kinds of shared items: what the group agrees may leave the room."""

    FOCUS = "focus"
    AGREEMENT = "agreement"
    DISAGREEMENT = "disagreement"
    LEARNING = "learning"
    TAKEAWAY = "takeaway"


class TakeawayLevel(StrEnum):
    """Three levels of learning named in the closing."""

    I = "i"  # noqa: E741 - the first person, as facilitators say it
    WE = "we"
    ORG = "org"


class ItemRecorded(_Event):
    """A shared item, said in the room and typed by the facilitator."""

    type: Literal["item_recorded"] = "item_recorded"
    kind: ItemKind
    text: str = Field(min_length=1, max_length=2000)
    phase: int = Field(ge=0)
    owner: str | None = None
    """Who follows an agreement up."""
    due: str | None = None
    """When an agreement is due (ISO date)."""
    level: TakeawayLevel | None = None
    """For take-aways: I / we / organisation."""


class ItemWithdrawn(_Event):
    """A shared item typed by mistake is taken back."""

    type: Literal["item_withdrawn"] = "item_withdrawn"
    item: int = Field(ge=0)
    """Index of the item in the order items were recorded."""


class QuestionSwapped(_Event):
    """The facilitator swapped the phase's question for another of its pool."""

    type: Literal["question_swapped"] = "question_swapped"
    phase: int = Field(ge=0)
    question: int = Field(ge=0)
    """Index of the question in the phase's pool."""


class FollowUpStatus(StrEnum):
    """Where an agreement from the group's last session stands."""

    DONE = "done"
    ONGOING = "ongoing"
    """Still being worked on: it comes back at the next session."""
    DROPPED = "dropped"


class FollowUpMarked(_Event):
    """The facilitator marks an agreement carried in from the last session."""

    type: Literal["follow_up_marked"] = "follow_up_marked"
    item: int = Field(ge=0)
    """Index into the plan's follow-ups."""
    status: FollowUpStatus


class ReadBackShown(_Event):
    """Before the close, everything that will leave the room is read back (or no longer)."""

    type: Literal["read_back"] = "read_back"
    shown: bool = True


class EarlierNotes(StrEnum):
    """What became of the notes taken before the group withdrew its consent."""

    KEPT = "kept"
    ERASED = "erased"


class NotesConsent(_Event):
    """The group said whether the facilitator may keep private notes.

    Formats without a contract ask before their first phase; a reopened
    contract that takes consent back records here what the facilitator did
    with the notes taken so far. (An agreed contract also carries consent.)
    """

    type: Literal["notes_consent"] = "notes_consent"
    allowed: bool
    earlier: EarlierNotes | None = None
    """Set when consent was taken back with notes already taken."""


class WallMessage(_Event):
    """A line from the facilitator to the room, shown large on the wall ("Break until 10:30").

    An empty text takes the message down. Public: it is said to the room.
    """

    type: Literal["wall_message"] = "wall_message"
    text: str = Field(default="", max_length=200)
    until: float | None = Field(default=None, ge=0, lt=LATEST, allow_inf_nan=False)
    """When the time it names is up (epoch seconds): the wall counts down to it."""


class WallBlanked(_Event):
    """The wall goes dark (or shows the circle again); the circle itself goes on."""

    type: Literal["wall_blanked"] = "wall_blanked"
    blank: bool = True


class SpeakerChosen(_Event):
    """The facilitator chose who speaks next (None: the choice is taken back).

    In a round the chosen one gets the word when the speaker gives it back;
    the wall shows them as next at once.
    """

    type: Literal["speaker_chosen"] = "speaker_chosen"
    speaker: int | None = Field(default=None, ge=0)


class PositionNamed(_Event):
    """A position in a disagreement, named as it appears ("Keep the rota as it is")."""

    type: Literal["position_named"] = "position_named"
    phase: int = Field(ge=0)
    name: str = Field(min_length=1, max_length=60)


class PositionHeld(_Event):
    """Who holds which position (None: none of them). Kept for the clocks only: no
    summary says who held which."""

    type: Literal["position_held"] = "position_held"
    phase: int = Field(ge=0)
    person: int = Field(ge=0)
    position: int | None = Field(default=None, ge=0)


class PersonJoined(_Event):
    """Someone arrives after the start: they take the next seat, and the word in the
    round that is going on."""

    type: Literal["person_joined"] = "person_joined"
    name: str = Field(min_length=1, max_length=40)
    role: str = Field(default="participant", min_length=1, max_length=40)


class Presence(StrEnum):
    """Whether someone is in the circle."""

    PRESENT = "present"
    ABSENT = "absent"
    """Not there (today, or for a while): skipped, and not counted as silent."""
    LEFT = "left"
    """Left before the close."""


class PresenceMarked(_Event):
    """Someone is marked absent, back again, or as having left."""

    type: Literal["presence_marked"] = "presence_marked"
    person: int = Field(ge=0)
    presence: Presence


class MomentAnswered(_Event):
    """In a persona rehearsal, the trainee answered a moment (`core/personas.py`).

    The moment is named by its kind, its person and the moment it belongs to
    (the turn's or the phase's start), so the rehearsal's debrief can say how
    long the answer took and the personas can act on it.
    """

    type: Literal["moment_answered"] = "moment_answered"
    moment: str = Field(min_length=1, max_length=40)
    """Its kind: overtime, takes-word, advice, defending, unheard, at-the-door."""
    person: str = Field(min_length=1, max_length=40)
    since: float = Field(ge=0, lt=LATEST, allow_inf_nan=False)
    """The start of the turn or phase it belongs to."""
    opened_at: float = Field(ge=0, lt=LATEST, allow_inf_nan=False)
    """When it came."""
    answer: str = Field(min_length=1, max_length=40)
    """What the trainee did: give-word, choose-speaker, wall, less-time, next-phase, join."""


class SessionClosed(_Event):
    """The circle is over."""

    type: Literal["session_closed"] = "session_closed"


Event = Annotated[
    PhaseStarted
    | PhaseEnded
    | ContractAgreed
    | TurnStarted
    | TurnEnded
    | Paused
    | Resumed
    | TimeAdjusted
    | ItemRecorded
    | ItemWithdrawn
    | FollowUpMarked
    | NotesConsent
    | ReadBackShown
    | QuestionSwapped
    | WallMessage
    | WallBlanked
    | SpeakerChosen
    | PositionNamed
    | PositionHeld
    | OtherSideStarted
    | PersonJoined
    | PresenceMarked
    | MomentAnswered
    | SessionClosed,
    Field(discriminator="type"),
]
"""Any event of the journal."""


@functools.cache
def event_adapter() -> TypeAdapter[Event]:
    """Validates one event from its JSON payload (built on first use)."""
    return TypeAdapter(Event)


def event_to_json(event: Event) -> str:
    """The payload as it is stored in the journal."""
    return event.model_dump_json(exclude_none=True)


def event_from_json(payload: str | bytes) -> Event:
    """Parse and validate a stored payload (raises `pydantic.ValidationError`)."""
    return event_adapter().validate_json(payload)
