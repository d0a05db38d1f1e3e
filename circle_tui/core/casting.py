"""Invented people for a format: how long it takes, and who rehearses it.

`formats show`, `formats validate` and the start screen count a format's time
with a typical group; a rehearsal seats the same invented people. Neither
needs the simulator, only the plan.
"""

from __future__ import annotations

from pydantic import ValidationError

from circle_tui.core.errors import one_line
from circle_tui.core.formats import DEFAULT_ROLE, CircleFormat
from circle_tui.core.i18n import _
from circle_tui.core.plan import Participant, Persona, SessionPlan

NAMES = (
    "Ane", "Bo", "Cai", "Dina", "Eik", "Femke", "Gorm", "Hanne", "Ida", "Jens",
    "Karin", "Lars", "Mette", "Nils", "Olga", "Pieter", "Rasmus", "Sofie", "Tove",
    "Ulla", "Vidar", "Wim", "Yrsa", "Zeno", "Anouk", "Bram", "Daan", "Eva", "Geert",
    "Hugo", "Inger", "Joost", "Kirsten", "Liv", "Maarten", "Noor", "Oddny", "Pia",
    "Ruben", "Siv",
)  # fmt: skip
"""Invented first names from the three countries, one per seat (40 seats)."""


def cast(fmt: CircleFormat, people: int) -> tuple[Participant, ...]:
    """`people` invented participants; the roles the format needs come first."""
    roles: list[str] = []
    fixed = [role for role in fmt.roles if role.id not in fmt.rotating and not role.everyone_else]
    for role in fixed:
        roles += [role.id] * role.at_least
    for role in fixed:  # an optional role gets one holder when there is room for it
        if role.at_least == 0 and people - len(roles) > 2:
            roles.append(role.id)
    roles = roles[:people]
    roles += [DEFAULT_ROLE] * (people - len(roles))
    names = [NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else str(i)) for i in range(people)]
    return tuple(Participant(name=n, role=r) for n, r in zip(names, roles, strict=True))


def cast_plan(fmt: CircleFormat, people: int) -> SessionPlan:
    """A plan for counting time only (not validated: the format may lack people)."""
    return SessionPlan.model_construct(
        session_id="cast", format=fmt, participants=cast(fmt, people), created_at=0.0
    )


def planned_total(fmt: CircleFormat, people: int) -> int:
    """Seconds the format takes with this many people, as planned."""
    return sum(cast_plan(fmt, people).planned_seconds)


def _presenting(fmt: CircleFormat) -> set[str]:
    """Roles that present their own case (a case giver): who can be a defender."""
    return {role.id for role in fmt.roles if role.long_by_design}


def cast_personas(
    fmt: CircleFormat, people: tuple[Participant, ...], spec: str, *, invented: bool = True
) -> tuple[tuple[Participant, ...], dict[str, Persona]]:
    """The seated people and their personas, from `"Ane=dominant,Bo=silent"` or a mix by
    count (`"dominant=1,silent=2"`; a bare persona is one of it).

    A name not in the circle takes the seat of an invented person (a defender
    the case giver's), unless the people were not `invented` (given on the
    command line): then it must be one of them. A named latecomer not in the
    circle comes on top, one by count leaves their seat empty until they
    arrive. Raises ValueError with one line (the persona or name at fault).
    """
    seats = list(people)
    given: dict[str, Persona] = {}
    counted: list[Persona] = []
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        key, sep, value = (s.strip() for s in part.partition("="))
        if key.lower() in _PERSONAS:
            if sep and not (value.isdigit() and int(value) > 0):
                raise ValueError(
                    # Translators: {given} is what was typed, as dominant=-1
                    _("{given}: give how many as a whole number from 1 (dominant=2)").format(
                        given=part
                    )
                )
            counted += [Persona(key.lower())] * (int(value) if sep else 1)
            continue
        wanted = value.lower()
        if not sep or wanted not in _PERSONAS:
            raise ValueError(
                # Translators: {given} is what was typed; the list names the personas
                _(
                    "{given}: no persona of that name (dominant, silent, adviser, defender, "
                    "latecomer)"
                ).format(given=repr(value if sep and not value.isdigit() else key))
            )
        if not key:
            # Translators: the persona typed without a name before the =
            raise ValueError(
                _("{given}: a name goes before the = (Ane=dominant)").format(given=part)
            )
        if key in given:
            # Translators: {name} was given two personas
            raise ValueError(_("{name} is cast twice: one persona each").format(name=key))
        given[key] = Persona(wanted)
    _check_acts(fmt, len(seats), [*given.values(), *counted])
    cast_of: dict[str, Persona] = {}
    for name, persona in given.items():
        _seat_named(fmt, seats, cast_of, name, persona, invented=invented)
    for persona in counted:
        _seat_counted(fmt, seats, cast_of, persona)
    late = {name for name, persona in cast_of.items() if persona is Persona.LATECOMER}
    return tuple(p for p in seats if p.name not in late), cast_of


def _check_acts(fmt: CircleFormat, people: int, wanted: list[Persona]) -> None:
    """Refuse a persona the format gives nothing to do (one line: which, and why)."""
    if Persona.LATECOMER in wanted and fmt.rotating:
        raise ValueError(
            # Translators: {format} is a format's name such as Troika consulting
            _("{format} repeats its steps once for each person: nobody can come late").format(
                format=fmt.name
            )
        )
    if Persona.ADVISER in wanted:
        plan = cast_plan(fmt, people)
        if not any(plan.question_round(step) for step in range(len(plan.phases))):
            raise ValueError(
                # Translators: {format} is a format's name
                _(
                    "{format} has no round of questions: an adviser would have no advice to give"
                ).format(format=fmt.name)
            )


_PERSONAS = {persona.value for persona in Persona}


def _seat_named(
    fmt: CircleFormat,
    seats: list[Participant],
    cast_of: dict[str, Persona],
    name: str,
    persona: Persona,
    *,
    invented: bool,
) -> None:
    names = [seat.name for seat in seats]
    presenting = _presenting(fmt)
    if name in names:
        seat = seats[names.index(name)]
        if persona is Persona.DEFENDER and seat.role not in presenting:
            raise ValueError(
                # Translators: {name} was cast as a defender, which only a case giver can be
                _("{name}: only the one who brings the case can defend it").format(name=name)
            )
        if persona is Persona.LATECOMER and seat.role != DEFAULT_ROLE:
            raise ValueError(_("{name}: a latecomer holds no role of the format").format(name=name))
        cast_of[name] = persona
        return
    if persona is Persona.LATECOMER:  # comes on top of the circle
        _named(name)
        cast_of[name] = persona
        return
    if not invented:
        raise ValueError(
            # Translators: {name} was cast as a persona; the participants were given
            _("{name} is not among the participants").format(name=name)
        )
    free = [
        i
        for i, seat in enumerate(seats)
        if seat.name not in cast_of
        and (seat.role in presenting if persona is Persona.DEFENDER else True)
    ]
    if persona is not Persona.DEFENDER:
        free = [i for i in free if seats[i].role not in presenting] or free
    if not free:
        raise ValueError(_no_seat(fmt, persona))
    seat = seats[free[-1] if persona is not Persona.DEFENDER else free[0]]
    _named(name)
    seats[seats.index(seat)] = Participant(name=name, role=seat.role)
    cast_of[name] = persona


def _named(name: str) -> None:
    """Refuse a name no participant can have, in one line."""
    try:
        Participant(name=name)
    except ValidationError as exc:
        raise ValueError(f"{name}: {one_line(exc)}") from None


def _seat_counted(
    fmt: CircleFormat, seats: list[Participant], cast_of: dict[str, Persona], persona: Persona
) -> None:
    presenting = _presenting(fmt)
    free = [seat for seat in seats if seat.name not in cast_of]
    if persona is Persona.DEFENDER:
        free = [seat for seat in free if seat.role in presenting]
    else:
        free = [seat for seat in free if seat.role not in presenting]
    if persona is Persona.LATECOMER:
        free = [seat for seat in free if seat.role == DEFAULT_ROLE]
    if not free or (persona is Persona.LATECOMER and len(seats) - len(_late(cast_of)) <= 2):
        taken = persona is Persona.DEFENDER and any(seat.role in presenting for seat in seats)
        raise ValueError(_no_seat(fmt, persona, taken=taken))
    # From the end of the circle: the first seats keep the roles the format needs.
    cast_of[free[-1].name] = persona


def _late(cast_of: dict[str, Persona]) -> list[str]:
    return [name for name, persona in cast_of.items() if persona is Persona.LATECOMER]


def _no_seat(fmt: CircleFormat, persona: Persona, *, taken: bool = False) -> str:
    if taken:
        # Translators: {format} is a format's name; its case givers are all cast already
        return _("{format}: whoever brings the case is cast already").format(format=fmt.name)
    if persona is Persona.DEFENDER:
        # Translators: {format} is a format's name
        return _("{format} has nobody who brings a case: nobody to defend it").format(
            format=fmt.name
        )
    # Translators: {persona} is a persona (dominant, silent, ...)
    return _("not enough people in the circle for another {persona}").format(persona=persona.value)
