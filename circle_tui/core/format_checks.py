"""Does a format make sense? Every problem, each at the field it is about.

The schema (the pydantic models) says what a field may hold; these checks say
whether the fields fit together: every phase has a time box, every role a
phase names is declared, a case giver's phase has a case giver, the whole
circle fits in a day. The loaders of format files (`store/format_files`:
`formats validate`, `--format`, the start screen) run them and refuse a format
with an error; `formats validate` lists them all, with line numbers, like a
compiler. The model does not run them: a session's stored plan is read as it
was written, not judged again by the rules of a later version.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from circle_tui.core.casting import cast_plan
from circle_tui.core.errors import Location, field_path
from circle_tui.core.formats import (
    DEFAULT_ROLE,
    EVERYONE,
    CircleFormat,
    Phase,
    PhaseKind,
    Timing,
)
from circle_tui.core.i18n import LANGUAGE_NAMES, _, ngettext
from circle_tui.core.shown_text import refusal, texts, unshowable

LONGEST_SECONDS = 8 * 3600
"""A circle longer than a working day is a mistake in the file."""
MINUTES_TOLERANCE = 0.25
"""`minutes` may differ from the planned total by this share before a warning."""
_ROUNDS = (PhaseKind.CHECKIN, PhaseKind.ROUND, PhaseKind.DISAGREEMENT, PhaseKind.CLOSING)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a format (a warning does not stop it from running)."""

    loc: Location
    message: str
    warning: bool = False

    def text(self) -> str:
        """`phases[2].speakers: role 'obsever' is not declared ...`."""
        return f"{field_path(self.loc)}: {self.message}" if self.loc else self.message


def format_problems(fmt: CircleFormat) -> list[Problem]:
    """Every problem of a format that passed the schema, in file order."""
    found = _text_problems(fmt) + _people_problems(fmt)
    for index, phase in enumerate(fmt.phases):
        found += _phase_problems(fmt, index, phase)
    found += _rotation_problems(fmt)
    found += _reminder_problems(fmt)
    found += _translation_problems(fmt)
    if not any(not p.warning for p in found):  # the time needs a format that can be cast
        found += _time_problems(fmt)
    return found


def _text_problems(fmt: CircleFormat) -> list[Problem]:
    """A text no screen can show as written: an escape sequence, a bidirectional override."""
    found = []
    for loc, text in sorted(texts(fmt.model_dump(mode="json")), key=lambda found: str(found[0])):
        char = unshowable(text)
        if char is not None:
            found.append(Problem(loc, refusal(char)))
    return found


def _translation_problems(fmt: CircleFormat) -> list[Problem]:
    """A language the format speaks in part: the room would read two languages."""
    found = []
    for language in fmt.languages[1:]:
        if gaps := fmt.untranslated(language):
            # Translators: {language} is a language's own name (Dansk); {parts} lists the
            # untranslated fields as they are called in the file ("phase 2: prompt")
            text = _("no {language} text yet for: {parts}")
            name = LANGUAGE_NAMES.get(language, language)
            found.append(
                Problem(
                    ("translations", language),
                    text.format(language=name, parts=", ".join(gaps)),
                    warning=True,
                )
            )
    return found


def _reminder_problems(fmt: CircleFormat) -> list[Problem]:
    """A reminder that names no rule the format has, or says nothing at all."""
    found = []
    seen: set[str] = set()
    for index, reminder in enumerate(fmt.reminders):
        at: Location = ("reminders", index)
        if reminder.rule is not None and reminder.rule > len(fmt.ground_rules):
            found.append(
                Problem(
                    (*at, "rule"),
                    # Translators: rule is a field of the format file; {rule} a number
                    ngettext(
                        "rule {rule}: the format has {n} ground rule",
                        "rule {rule}: the format has {n} ground rules",
                        len(fmt.ground_rules),
                    ).format(rule=reminder.rule, n=len(fmt.ground_rules)),
                )
            )
        if reminder.rule is not None and reminder.text:
            # Translators: rule and text are fields of the format file
            found.append(Problem(at, _("give a rule or a text, not both")))
        if reminder.rule is None and not reminder.text:
            found.append(Problem(at, _("give the rule to show (rule = 2) or its words (text)")))
        if reminder.moment.value in seen:
            found.append(
                Problem(
                    (*at, "moment"),
                    # Translators: {moment} is a moment's id in quotes ('advice')
                    _("a second reminder for {moment}").format(moment=repr(reminder.moment.value)),
                )
            )
        seen.add(reminder.moment.value)
    return found


def _people_problems(fmt: CircleFormat) -> list[Problem]:
    found: list[Problem] = []
    if fmt.max_people < fmt.min_people:
        found.append(
            Problem(
                ("max_people",),
                # Translators: min_people, max_people, at_least, ... are fields of the format file
                _("{max_people} is below min_people ({min_people})").format(
                    max_people=fmt.max_people, min_people=fmt.min_people
                ),
            )
        )
    for index, role in enumerate(fmt.roles):
        if role.at_most is not None and role.at_most < role.at_least:
            found.append(
                Problem(
                    ("roles", index, "at_most"),
                    _("{at_most} is below at_least ({at_least})").format(
                        at_most=role.at_most, at_least=role.at_least
                    ),
                )
            )
    everyone_else = [index for index, role in enumerate(fmt.roles) if role.everyone_else]
    for index in everyone_else[1:]:
        found.append(
            Problem(
                ("roles", index, "everyone_else"),
                # Translators: everyone_else is a field of the format file; {role} a role id
                _("only one role can be everyone else's; {role} has it already").format(
                    role=repr(fmt.roles[everyone_else[0]].id)
                ),
            )
        )
    for index in everyone_else:
        if fmt.roles[index].id in fmt.rotating:
            found.append(
                Problem(
                    ("roles", index, "everyone_else"),
                    _("a role that moves from person to person cannot be everyone else's"),
                )
            )
    needed = sum(role.at_least for role in fmt.roles if role.id not in fmt.rotating)
    if needed > fmt.max_people:
        found.append(
            Problem(
                ("roles",),
                ngettext(
                    "the roles need at least {needed} person, but max_people is {max_people}",
                    "the roles need at least {needed} people, but max_people is {max_people}",
                    needed,
                ).format(needed=needed, max_people=fmt.max_people),
            )
        )
    return found


def _phase_problems(fmt: CircleFormat, index: int, phase: Phase) -> list[Problem]:
    at: Location = ("phases", index)
    kind = phase.kind.value
    found: list[Problem] = []

    def a_kind(a: str, an: str) -> str:
        """The message with the article `kind` takes in English (`a round`, `an open`)."""
        return (an if kind[0] in "aeiou" else a).format(kind=kind)

    def problem(field: str | None, message: str) -> None:
        found.append(Problem((*at, field) if field else at, message))

    if phase.kind.has_turns:
        if phase.turn_seconds is None:
            problem(
                None,
                a_kind(
                    # Translators: {kind} is the phase's kind as the file writes it (round,
                    # open, ...); "a {kind}" and "an {kind}" differ only in English
                    _("a {kind} phase needs turn_seconds"),
                    # Translators: as "a {kind} phase needs turn_seconds" (English "an open")
                    _("an {kind} phase needs turn_seconds"),
                ),
            )
    else:
        if phase.turn_seconds is not None:
            problem(
                "turn_seconds",
                a_kind(
                    _("a {kind} phase has no turns; use phase_seconds instead of turn_seconds"),
                    _("an {kind} phase has no turns; use phase_seconds instead of turn_seconds"),
                ),
            )
        if phase.phase_seconds is None:
            problem(
                None,
                a_kind(
                    _("no time box: a {kind} phase needs phase_seconds"),
                    _("no time box: an {kind} phase needs phase_seconds"),
                ),
            )
    if phase.kind is PhaseKind.WRITTEN and phase.write_seconds is None:
        problem(
            None, _("a written phase needs write_seconds (the time to write before reading out)")
        )
    if phase.kind is not PhaseKind.WRITTEN and phase.write_seconds is not None:
        problem("write_seconds", _("only a written phase has write_seconds"))
    if phase.kind is not PhaseKind.GROUPS and phase.group_size is not None:
        problem("group_size", _("only a groups phase has group_size"))
    if phase.one_contribution:
        if phase.kind not in _ROUNDS:
            problem(
                "one_contribution",
                a_kind(
                    _("a {kind} phase does not go round one contribution at a time"),
                    _("an {kind} phase does not go round one contribution at a time"),
                ),
            )
        elif phase.phase_seconds is None:
            problem(
                None,
                _("one contribution each goes round while the phase has time: add phase_seconds"),
            )
    if phase.kind is PhaseKind.CONTRACT and phase.timing is Timing.HARD:
        problem(
            "timing",
            # Translators: timing = "soft" is written in the format file as it stands
            _('a contract ends when the group agrees, not at zero: use timing = "soft"'),
        )
    if phase.kind is PhaseKind.REVIEW:
        first = next(i for i, p in enumerate(fmt.phases) if p.kind is PhaseKind.REVIEW)
        if first != index:
            problem(
                "kind",
                _("phases[{first}] already reviews last time's agreements").format(first=first),
            )
    found += _role_problems(fmt, at, phase)
    return found


def _role_problems(fmt: CircleFormat, at: Location, phase: Phase) -> list[Problem]:
    found: list[Problem] = []
    declared = [role.id for role in fmt.roles]
    known = {DEFAULT_ROLE, *declared}
    for field in ("speakers", "silent", "away"):
        for role in getattr(phase, field):
            if field == "speakers" and role == EVERYONE:
                continue
            if role not in known:
                found.append(Problem((*at, field), _undeclared(role, declared)))
    if phase.rotate is not None and phase.rotate not in declared:
        found.append(Problem((*at, "rotate"), _undeclared(phase.rotate, declared)))
    found += _answer_problems(fmt, at, phase)
    found += _position_problems(at, phase)
    if phase.kind is PhaseKind.PRESENT:
        if EVERYONE in phase.speakers:
            found.append(
                Problem(
                    (*at, "speakers"),
                    _(
                        "a present phase needs the role that presents, "
                        'e.g. speakers = ["case-giver"]'
                    ),
                )
            )
        for role_id in phase.speakers:
            role = fmt.role(role_id)
            if role is not None and role.at_least == 0 and role_id not in fmt.rotating:
                found.append(
                    Problem(
                        (*at, "speakers"),
                        # Translators: {role} is a role id in quotes ('case-giver'); at_least
                        # and [[roles]] are written in the format file as they stand
                        _(
                            "{role} presents here, but nobody has to hold that role: "
                            "give it at_least = 1 in [[roles]]"
                        ).format(role=repr(role_id)),
                    )
                )
    speaking = set(phase.speakers) - {EVERYONE}
    for field in ("silent", "away"):
        both = speaking & set(getattr(phase, field))
        if both:
            message = (
                _("roles both speak and stay silent: {roles}")
                if field == "silent"
                else _("roles both speak and turn away: {roles}")
            )
            found.append(Problem((*at, field), message.format(roles=", ".join(sorted(both)))))
    both = set(phase.silent) & set(phase.away)
    if both:
        found.append(
            Problem(
                (*at, "away"),
                _("roles both stay silent and turn away: {roles}").format(
                    roles=", ".join(sorted(both))
                ),
            )
        )
    return found


def _position_problems(at: Location, phase: Phase) -> list[Problem]:
    """Positions: only in a phase with turns that gives them a time bank, each named once."""
    found = []
    if phase.position_seconds is not None and not phase.kind.has_turns:
        found.append(
            Problem((*at, "position_seconds"), _("only a phase with turns goes by positions"))
        )
    if phase.positions and phase.position_seconds is None:
        # Translators: positions and position_seconds are fields of the format file
        found.append(Problem((*at, "positions"), _("positions need position_seconds")))
    if phase.strongest_point_seconds is not None and phase.position_seconds is None:
        found.append(
            Problem(
                (*at, "strongest_point_seconds"),
                # Translators: strongest_point_seconds and position_seconds are fields of the
                # format file
                _("strongest_point_seconds needs position_seconds"),
            )
        )
    seen: set[str] = set()
    for index, name in enumerate(phase.positions):
        if name.casefold() in seen:
            found.append(
                Problem(
                    (*at, "positions", index), _("{name} is named twice").format(name=repr(name))
                )
            )
        seen.add(name.casefold())
    return found


def _answer_problems(fmt: CircleFormat, at: Location, phase: Phase) -> list[Problem]:
    """A role that answers each contribution: declared, not asking itself, in a round."""
    role = phase.answered_by
    if role is None:
        if phase.answer_seconds is not None:
            # Translators: answer_seconds and answered_by are fields of the format file
            return [Problem((*at, "answer_seconds"), _("answer_seconds needs answered_by"))]
        return []
    declared = [r.id for r in fmt.roles]
    if role not in declared:
        return [Problem((*at, "answered_by"), _undeclared(role, declared))]
    if not phase.kind.has_turns:
        return [Problem((*at, "answered_by"), _("only a phase with turns has answers"))]
    if fmt.speaks(phase, role) or role in phase.silent or role in phase.away:
        return [
            Problem(
                (*at, "answered_by"),
                # Translators: {role} is a role id in quotes ('case-giver'); "everyone" stays
                _(
                    "{role} answers here, so it is not also among speakers"
                    ' ("everyone" includes it), silent or away'
                ).format(role=repr(role)),
            )
        ]
    return []


def _undeclared(role: str, declared: list[str]) -> str:
    close = difflib.get_close_matches(role, declared, n=1)
    if close:
        # Translators: {role} and {close} are role ids in quotes; [[roles]] is the
        # section of the format file that declares the roles
        return _("role {role} is not declared in [[roles]]; did you mean {close}?").format(
            role=repr(role), close=repr(close[0])
        )
    return _("role {role} is not declared in [[roles]]").format(role=repr(role))


def _rotation_problems(fmt: CircleFormat) -> list[Problem]:
    """The phases that rotate a role follow each other (they repeat as one block)."""
    found: list[Problem] = []
    ended: set[str] = set()
    current: str | None = None
    for index, phase in enumerate(fmt.phases):
        if phase.rotate != current:
            if current is not None:
                ended.add(current)
            if phase.rotate in ended:
                found.append(
                    Problem(
                        ("phases", index, "rotate"),
                        _("the phases that rotate {role} must follow each other").format(
                            role=repr(phase.rotate)
                        ),
                    )
                )
            current = phase.rotate
    return found


def _time_problems(fmt: CircleFormat) -> list[Problem]:
    found: list[Problem] = []
    longest = sum(cast_plan(fmt, fmt.max_people).planned_seconds)
    if longest > LONGEST_SECONDS:
        found.append(
            Problem(
                ("phases",),
                ngettext(
                    "the phases take {minutes} min with {people} person, longer than a working "
                    "day: shorten the time boxes or lower max_people",
                    "the phases take {minutes} min with {people} people, longer than a working "
                    "day: shorten the time boxes or lower max_people",
                    fmt.max_people,
                ).format(minutes=round(longest / 60), people=fmt.max_people),
            )
        )
    if fmt.minutes is not None:
        people = fmt.typical_people()
        total = round(sum(cast_plan(fmt, people).planned_seconds) / 60)
        if abs(total - fmt.minutes) > max(5, fmt.minutes * MINUTES_TOLERANCE):
            found.append(
                Problem(
                    ("minutes",),
                    # Translators: {minutes} is the format's own `minutes` field
                    ngettext(
                        "the phases take {total} min with {people} person, not {minutes}",
                        "the phases take {total} min with {people} people, not {minutes}",
                        people,
                    ).format(total=total, people=people, minutes=fmt.minutes),
                    warning=True,
                )
            )
    return found
