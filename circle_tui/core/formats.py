"""Circle formats: what a facilitator plans before the room fills.

A format is a plain TOML file; these pydantic models are its schema. The
models are strict (unknown keys are errors) so a typo in a hand-written file
is reported instead of silently ignored.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo

from circle_tui.core.i18n import _, ngettext
from circle_tui.core.shown_text import showable


def _shown(text: str, info: ValidationInfo) -> str:
    """A text as written, if a screen can show it (no escape sequence, no bidi override).

    This is the one rule the models hold beyond each field's type and size:
    it holds wherever a format comes from, a stored session's plan too, so a
    text that would move the terminal's cursor never reaches a screen. Whether
    the fields fit together is for the format checks (`format_checks`), which
    the loaders of format files run; a loader that lists every problem says so
    in the context (`all_problems`) and finds this one there too.
    """
    if (info.context or {}).get("all_problems"):
        return text
    return showable(text)


ShownText = Annotated[str, AfterValidator(_shown)]
"""A text of a format that reaches the screen."""

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
    PRESENT = "present"
    """One role has the word: a case giver presents, a client answers."""
    WRITTEN = "written"
    """Everyone writes in silence, then reads out in turn."""
    GROUPS = "groups"
    """Pairs or small groups talk at the same time (1-2-4-All); alone for group_size 1."""
    REVIEW = "review"
    """The group goes through what it agreed last time."""

    @property
    def has_turns(self) -> bool:
        """Whether the word goes around the circle in this kind of phase."""
        return self in _TURN_KINDS


_TURN_KINDS = frozenset(
    {
        PhaseKind.CHECKIN,
        PhaseKind.ROUND,
        PhaseKind.DISAGREEMENT,
        PhaseKind.CLOSING,
        PhaseKind.PRESENT,
        PhaseKind.WRITTEN,
    }
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


Language = Annotated[str, Field(pattern=r"^[a-z]{2}$")]
"""An ISO 639-1 language code: en, da, nb, nl."""


class MomentKind(StrEnum):
    """A moment a facilitator has to handle, as a rehearsal's personas make them."""

    OVERTIME = "overtime"
    """A dominant speaker runs over their time and goes on."""
    TAKES_WORD = "takes-word"
    """In open dialogue, a dominant speaker takes the word back again and again."""
    ADVICE = "advice"
    """In a round of questions, someone gives advice instead of asking."""
    DEFENDING = "defending"
    """The case giver argues back while the others give feedback."""
    UNHEARD = "unheard"
    """In open dialogue, a silent person has not said a word."""
    AT_THE_DOOR = "at-the-door"
    """A latecomer waits at the door."""


class ReminderText(BaseModel):
    """A reminder's words in another language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: ShownText | None = Field(default=None, min_length=1, max_length=200)


class Reminder(BaseModel):
    """What the wall may remind the room of when a moment comes (`r` on the console).

    Either one of the format's ground rules, by its number (the wall then
    shows the rule as the group agreed it), or words of its own.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    moment: MomentKind
    """Which moment it answers: overtime, takes-word, advice, defending."""
    rule: int | None = Field(default=None, ge=1, le=50)
    """The number of the ground rule to show (1 is the first)."""
    text: ShownText = Field(default="", max_length=200)
    """Words of its own, for a reminder that is no ground rule."""
    translations: dict[Language, ReminderText] = Field(default_factory=dict)
    """Its words in other languages (`[reminders.translations.da]`)."""


class RoleText(BaseModel):
    """A role's words in another language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: ShownText | None = Field(default=None, min_length=1, max_length=60)
    description: ShownText | None = None


class Role(BaseModel):
    """A role someone can hold in a circle (case giver, adviser, ...)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Identifier
    """How phases refer to the role."""
    name: ShownText = Field(min_length=1, max_length=60)
    """What the role is called on screen."""
    description: ShownText = ""
    """One line on what the role does."""
    at_least: int = Field(default=0, ge=0, le=40)
    """How many people must hold the role (1 for a case giver)."""
    at_most: int | None = Field(default=None, ge=1, le=40)
    """How many people may hold it (none: any number)."""
    long_by_design: bool = False
    """Whoever holds it speaks long by design (a case giver presenting): the balance
    of speaking time is also given without them."""
    everyone_else: bool = False
    """Everyone given no other role holds this one (the reflecting team)."""
    translations: dict[Language, RoleText] = Field(default_factory=dict)
    """Name and description in other languages (`[roles.translations.da]`)."""


DEFAULT_ROLE = "participant"
"""Everybody without a named role holds this one."""

EVERYONE = "everyone"
"""In a phase's `speakers`: every role that is not listed as silent."""


class PhaseText(BaseModel):
    """A phase's words in another language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: ShownText | None = Field(default=None, min_length=1, max_length=80)
    prompt: ShownText | None = Field(default=None, max_length=400)
    questions: tuple[ShownText, ...] | None = Field(default=None, max_length=50)
    positions: tuple[ShownText, ...] | None = Field(default=None, max_length=6)


PositionName = Annotated[ShownText, Field(min_length=1, max_length=60)]
"""A position in a disagreement, as the group names it ("Keep the rota as it is")."""


class Phase(BaseModel):
    """One step of a circle."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: PhaseKind
    """What kind of conversation this is."""
    title: ShownText = Field(min_length=1, max_length=80)
    """The phase's name on screen."""
    prompt: ShownText = Field(default="", max_length=400)
    """The question or instruction shown in large type."""
    questions: tuple[Annotated[ShownText, Field(min_length=1, max_length=400)], ...] = Field(
        default=(), max_length=50
    )
    """A pool of questions for this phase (a check-in): a group gets the one it has not had
    longest, and the facilitator may swap it; the prompt is then not shown."""
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
    away: tuple[Identifier, ...] = ()
    """Roles that turn their back and listen (reflecting team, Troika's client)."""
    rotate: Identifier | None = None
    """A role that moves on: the phases that rotate it repeat once for each person,
    who holds it in their turn (Troika's client)."""
    write_seconds: int | None = Field(default=None, gt=0, le=3600)
    """A written phase: time for everyone to write before reading out."""
    group_size: int | None = Field(default=None, ge=1, le=8)
    """A groups phase: 1 alone, 2 pairs, 4 foursomes (default 2)."""
    one_contribution: bool = False
    """Each turn is one contribution (a question, an idea); the word goes round
    again while the phase has time."""
    position_seconds: int | None = Field(default=None, gt=0, le=3600)
    """A disagreement by positions: each position gets this much time, whatever the
    number of people who hold it, and the word alternates between positions."""
    positions: tuple[PositionName, ...] = Field(default=(), max_length=6)
    """The positions, when the format knows them beforehand (else the facilitator
    names them as they appear)."""
    strongest_point_seconds: int | None = Field(default=None, gt=0, le=600)
    """A last step of a disagreement by positions: each position in turn states the
    strongest point of another, in this much time; the facilitator records it as
    learning. `n` starts the step, `n` again ends the phase."""
    answered_by: Identifier | None = None
    """A role that answers every contribution (the case giver answers each question):
    after each speaker the word goes to them, then on to the next."""
    answer_seconds: int | None = Field(default=None, gt=0, le=3600)
    """Each answer's time box (default: the turn's)."""
    translations: dict[Language, PhaseText] = Field(default_factory=dict)
    """Title and prompt in other languages (`[phases.translations.da]`)."""

    @property
    def size(self) -> int:
        """People per group in a groups phase."""
        return self.group_size or 2

    def planned_seconds(self, speakers: int) -> int:
        """Planned length of the phase with this many speakers."""
        if self.phase_seconds is not None:
            return self.phase_seconds
        each = (self.turn_seconds or 0) + (self.answer_box or 0)
        return (self.write_seconds or 0) + each * speakers

    @property
    def by_positions(self) -> bool:
        """Whether the word goes by positions, each with its own time bank."""
        return self.position_seconds is not None

    @property
    def answer_box(self) -> int | None:
        """Seconds for each answer, in a phase with `answered_by`."""
        if self.answered_by is None:
            return None
        return self.answer_seconds or self.turn_seconds


class FormatText(BaseModel):
    """A format's words in another language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: ShownText | None = Field(default=None, min_length=1, max_length=80)
    description: ShownText | None = None
    focus: ShownText | None = None
    ground_rules: tuple[ShownText, ...] | None = None


class CircleFormat(BaseModel):
    """A complete circle: its roles, ground rules and ordered phases."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Identifier
    """Stable id, used on the command line (`--format ID`)."""
    name: ShownText = Field(min_length=1, max_length=80)
    """The format's name on screen."""
    language: Language = "en"
    """Language of the texts (ISO 639-1); `translations` may add others."""
    description: ShownText = ""
    """What the format is for, in a sentence or two."""
    focus: ShownText = ""
    """A default focus the contract starts from."""
    ground_rules: tuple[ShownText, ...] = ()
    """Default ground rules shown during the contract."""
    roles: tuple[Role, ...] = ()
    """Roles beyond plain participants."""
    phases: tuple[Phase, ...] = Field(min_length=1)
    """The steps of the circle, in order."""
    airtime_on_display: bool = False
    """Whether the projector display shows who spoke how long (the console always does)."""
    min_people: int = Field(default=2, ge=1, le=40)
    """The fewest people the format works with."""
    max_people: int = Field(default=20, ge=1, le=40)
    """The most people the format works with."""
    warn_at: float = Field(default=0.2, gt=0, le=3600)
    """When a time box shows its last seconds (the warning): below 1 a share of the box
    (0.2: the last fifth), from 1 on seconds before zero (30: the last half minute)."""
    minutes: int | None = Field(default=None, gt=0, le=8 * 60)
    """How long the format is meant to take; `formats validate` compares the phases."""
    reminders: tuple[Reminder, ...] = Field(default=(), max_length=20)
    """What the wall may remind the room of when a moment comes (a ground rule, or words)."""
    translations: dict[Language, FormatText] = Field(default_factory=dict)
    """Name, description, focus and ground rules in other languages
    (`[translations.da]`); phases and roles carry their own."""

    def speaks(self, phase: Phase, role_id: str) -> bool:
        """Whether someone holding `role_id` gets the word in `phase`."""
        if role_id in phase.silent or role_id in phase.away:
            return False
        return EVERYONE in phase.speakers or role_id in phase.speakers

    def role(self, role_id: str) -> Role | None:
        """The declared role with this id."""
        return next((role for role in self.roles if role.id == role_id), None)

    def role_name(self, role_id: str) -> str:
        """Display name of a role id."""
        role = self.role(role_id)
        if role is not None:
            return role.name
        return _("Participants") if role_id == DEFAULT_ROLE else role_id.replace("-", " ")

    @property
    def default_role(self) -> str:
        """The role of someone given none: the role for everyone else, if the format has one."""
        return next((role.id for role in self.roles if role.everyone_else), DEFAULT_ROLE)

    @property
    def rotating(self) -> frozenset[str]:
        """Roles that move on from person to person."""
        return frozenset(phase.rotate for phase in self.phases if phase.rotate)

    def typical_people(self, wanted: int = 8) -> int:
        """A group size this format works with, as close to `wanted` as allowed."""
        return max(self.min_people, min(self.max_people, wanted))

    def outside_range(self, people: int) -> str | None:
        """A warning when `people` is not what the format is meant for, else None."""
        if self.min_people <= people <= self.max_people:
            return None
        # Translators: {name} is a format's name; {low}-{high} the people it suits, {n} those
        # in this circle
        text = ngettext(
            "{name} is meant for {low}-{high} people; this circle has {n}.",
            "{name} is meant for {low}-{high} people; this circle has {n}.",
            people,
        )
        return text.format(name=self.name, low=self.min_people, high=self.max_people, n=people)

    def in_language(self, language: str) -> CircleFormat:
        """This format with its texts in `language` where it has them.

        Texts without a translation stay as written. The copy carries no
        translations: it is what a session in that language keeps.
        """
        if language not in self.languages or language == self.language:
            language = self.language  # as written
        text = self.translations.get(language)
        roles = tuple(
            role.model_copy(update={**_given(role.translations.get(language)), "translations": {}})
            for role in self.roles
        )
        phases = tuple(
            phase.model_copy(
                update={**_given(phase.translations.get(language)), "translations": {}}
            )
            for phase in self.phases
        )
        reminders = tuple(
            reminder.model_copy(
                update={**_given(reminder.translations.get(language)), "translations": {}}
            )
            for reminder in self.reminders
        )
        update = {
            **_given(text),
            "language": language,
            "roles": roles,
            "phases": phases,
            "reminders": reminders,
        }
        return self.model_copy(update={**update, "translations": {}})

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this format has its texts in, its own first."""
        codes = [*self.translations]
        codes += [code for role in self.roles for code in role.translations]
        codes += [code for phase in self.phases for code in phase.translations]
        codes += [code for reminder in self.reminders for code in reminder.translations]
        return tuple(dict.fromkeys([self.language, *codes]))

    def untranslated(self, language: str) -> list[str]:
        """Where `language` lacks a text the format has (empty when complete)."""
        if language == self.language:
            return []
        text = self.translations.get(language, FormatText())
        gaps = [
            name
            for name in ("name", "description", "focus", "ground_rules")
            if getattr(self, name) and getattr(text, name) is None
        ]
        for role in self.roles:
            words = role.translations.get(language, RoleText())
            gaps += [
                f"role {role.id}: {name}"
                for name in ("name", "description")
                if getattr(role, name) and getattr(words, name) is None
            ]
        for number, phase in enumerate(self.phases, 1):
            texts = phase.translations.get(language, PhaseText())
            gaps += [
                f"phase {number}: {name}"
                for name in ("title", "prompt", "questions", "positions")
                if getattr(phase, name) and getattr(texts, name) is None
            ]
        for number, reminder in enumerate(self.reminders, 1):
            said = reminder.translations.get(language, ReminderText())
            if reminder.text and said.text is None:
                gaps.append(f"reminder {number}: text")
        return gaps

    def reminder_for(self, moment: MomentKind) -> Reminder | None:
        """The format's reminder for a moment, if it has one."""
        return next((r for r in self.reminders if r.moment is moment), None)


def _given(text: BaseModel | None) -> dict[str, object]:
    """The fields a translation sets."""
    if text is None:
        return {}
    return {name: value for name, value in text if value is not None}
