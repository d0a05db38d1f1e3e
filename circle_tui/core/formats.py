"""Circle formats: what a facilitator plans before the room fills.

A format is a plain TOML file; these pydantic models are its schema. The
models are strict (unknown keys are errors) so a typo in a hand-written file
is reported instead of silently ignored.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
"""Lower-case ids with dashes, safe in file names and on the command line."""


class PhaseKind(StrEnum):
    """What kind of conversation a phase holds."""

    CONTRACT = "contract"
    """Agree on focus, ground rules and what may leave the room."""
    CHECKIN = "checkin"
    """A short round: how does each person arrive?"""
    ROUND = "round"
    """A question goes around the circle; each speaker has a time box."""
    OPEN = "open"
    """Open dialogue with only a phase time box."""
    DISAGREEMENT = "disagreement"
    """Points of disagreement named; each position gets equal time."""
    CLOSING = "closing"
    """A last round: take-aways, agreements and follow-ups."""

    @property
    def has_turns(self) -> bool:
        """Whether the word goes around the circle in this kind of phase."""
        return self in _TURN_KINDS


_TURN_KINDS = frozenset(
    {PhaseKind.CHECKIN, PhaseKind.ROUND, PhaseKind.DISAGREEMENT, PhaseKind.CLOSING}
)


class SpeakingOrder(StrEnum):
    """In which order the word goes around."""

    CLOCKWISE = "clockwise"
    COUNTER_CLOCKWISE = "counter-clockwise"
    RANDOM_START = "random-start"
    """Clockwise, from a randomly chosen first speaker."""
    FACILITATOR = "facilitator"
    """The facilitator chooses; the app proposes clockwise."""


class Timing(StrEnum):
    """What happens when a time box runs out."""

    SOFT = "soft"
    """Overtime is shown and counted; the facilitator moves on."""
    HARD = "hard"
    """The word moves on to the next speaker at zero."""


class Role(BaseModel):
    """A role someone can hold in a circle (case giver, adviser, ...)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Identifier
    """How phases refer to the role."""
    name: str = Field(min_length=1, max_length=60)
    """What the role is called on screen."""
    description: str = ""
    """One line on what the role does."""


DEFAULT_ROLE = "participant"
"""Everybody without a named role holds this one."""

EVERYONE = "everyone"
"""In a phase's `speakers`: every role that is not listed as silent."""


class Phase(BaseModel):
    """One step of a circle."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: PhaseKind
    """What kind of conversation this is."""
    title: str = Field(min_length=1, max_length=80)
    """The phase's name on screen."""
    prompt: str = Field(default="", max_length=400)
    """The question or instruction shown in large type."""
    turn_seconds: int | None = Field(default=None, gt=0, le=4 * 3600)
    """Time box for each speaker (for phases where the word goes around)."""
    phase_seconds: int | None = Field(default=None, gt=0, le=8 * 3600)
    """Time box for the phase as a whole."""
    allow_pass: bool = True
    """Whether a speaker may pass (and is offered the word again at the end)."""
    order: SpeakingOrder = SpeakingOrder.CLOCKWISE
    """In which order the word goes around."""
    timing: Timing = Timing.SOFT
    """Soft: overtime is shown. Hard: the word moves on at zero."""
    speakers: tuple[Identifier, ...] = (EVERYONE,)
    """Roles that get the word in this phase (`everyone` for all but the silent)."""
    silent: tuple[Identifier, ...] = ()
    """Roles that listen without speaking in this phase."""

    @model_validator(mode="after")
    def _time_box(self) -> Phase:
        if self.kind.has_turns and self.turn_seconds is None:
            raise ValueError(f"a {self.kind.value} phase needs turn_seconds")
        if not self.kind.has_turns and self.turn_seconds is not None:
            raise ValueError(
                f"a {self.kind.value} phase has no turns; use phase_seconds instead of turn_seconds"
            )
        if set(self.speakers) & set(self.silent):
            both = ", ".join(sorted(set(self.speakers) & set(self.silent)))
            raise ValueError(f"roles both speak and stay silent: {both}")
        return self

    def planned_seconds(self, speakers: int) -> int:
        """Planned length of the phase with this many speakers."""
        if self.phase_seconds is not None:
            return self.phase_seconds
        return (self.turn_seconds or 0) * speakers


class CircleFormat(BaseModel):
    """A complete circle: its roles, ground rules and ordered phases."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Identifier
    """Stable id, used on the command line (`--format ID`)."""
    name: str = Field(min_length=1, max_length=80)
    """The format's name on screen."""
    language: str = Field(default="en", pattern=r"^[a-z]{2}$")
    """Language of the texts (ISO 639-1)."""
    description: str = ""
    """What the format is for, in a sentence or two."""
    focus: str = ""
    """A default focus the contract starts from."""
    ground_rules: tuple[str, ...] = ()
    """Default ground rules shown during the contract."""
    roles: tuple[Role, ...] = ()
    """Roles beyond plain participants."""
    phases: tuple[Phase, ...] = Field(min_length=1)
    """The steps of the circle, in order."""
    airtime_on_display: bool = False
    """Whether the projector display shows who spoke how long (the console always does)."""

    @field_validator("roles")
    @classmethod
    def _unique_roles(cls, roles: tuple[Role, ...]) -> tuple[Role, ...]:
        seen: set[str] = set()
        for role in roles:
            if role.id in seen or role.id in (DEFAULT_ROLE, EVERYONE):
                raise ValueError(f"role {role.id!r} is declared twice")
            seen.add(role.id)
        return roles

    @model_validator(mode="after")
    def _known_roles(self) -> CircleFormat:
        known = {DEFAULT_ROLE} | {role.id for role in self.roles}
        for index, phase in enumerate(self.phases):
            for role in (*[r for r in phase.speakers if r != EVERYONE], *phase.silent):
                if role not in known:
                    raise ValueError(
                        f"phases[{index}] ({phase.title}) uses role {role!r}, "
                        "which is not declared in [[roles]]"
                    )
        return self

    def speaks(self, phase: Phase, role_id: str) -> bool:
        """Whether someone holding `role_id` gets the word in `phase`."""
        if role_id in phase.silent:
            return False
        return EVERYONE in phase.speakers or role_id in phase.speakers

    def role_name(self, role_id: str) -> str:
        """Display name of a role id."""
        for role in self.roles:
            if role.id == role_id:
                return role.name
        return role_id.replace("-", " ")
