"""Invented people for a format: how long it takes, and who rehearses it.

`formats show`, `formats validate` and the start screen count a format's time
with a typical group; a rehearsal seats the same invented people. Neither
needs the simulator, only the plan.
"""

from __future__ import annotations

from circle_tui.core.formats import DEFAULT_ROLE, CircleFormat
from circle_tui.core.plan import Participant, SessionPlan

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
