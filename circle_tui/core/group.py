"""A group's memory across its sessions, built from their summaries (what left each room).

Groups meet again: the page shows each session (format, date, who came, how
long, how evenly the word was shared), every agreement with where it ended
(done, ongoing, dropped, or not reviewed yet) and the follow-through rate,
and the take-aways for us and for the organisation over time.

It is built from public summaries only, so nothing private can reach it.
Per-person figures (`people`) are for the facilitator's own screen; a page
that leaves the machine is built from pseudonymized summaries and without
them (`without_people`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from circle_tui.core.airtime import Reading
from circle_tui.core.events import FollowUpStatus, ItemKind, TakeawayLevel
from circle_tui.core.summary import Moment, Summary

SHARED_LEVELS = (TakeawayLevel.WE.value, TakeawayLevel.ORG.value)
"""Take-aways a group keeps together: for us and for the organisation (for myself stays mine)."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True, extra="forbid")


class SessionRow(_Model):
    """One meeting of the group."""

    session_id: str
    format_name: str
    started_at: Moment | None
    people: int
    seconds: float
    """How long it ran: from the first phase to the close (or its last phase, if unfinished)."""
    closed: bool
    gini: float | None
    """How unevenly the word was shared (0 even .. 1 one voice); None if nobody spoke."""
    reading: Reading


class AgreementRow(_Model):
    """An agreement and where it ended."""

    text: str
    owner: str | None
    due: str | None
    session_id: str
    agreed_at: Moment | None
    status: FollowUpStatus | None
    """The last status a later session gave it; None: not reviewed yet."""


class TakeawayRow(_Model):
    """What the group took away, for us or for the organisation."""

    text: str
    level: str
    session_id: str
    started_at: Moment | None


class PersonRow(_Model):
    """One person across the group's sessions (the facilitator's screen only)."""

    name: str
    sessions: int
    roles: dict[str, int]
    """Role id -> how many sessions they held it in."""
    last_roles: dict[str, int]
    """Role id -> index of the last session they held it in."""
    share: float
    """Their mean share of the speaking time in the sessions they came to."""


class GroupPage(_Model):
    """A group's sessions, agreements and take-aways, oldest first."""

    group: str
    language: str
    """The language of its last session: the page is said in it."""
    sessions: list[SessionRow]
    agreements: list[AgreementRow]
    takeaways: list[TakeawayRow]
    people: list[PersonRow]
    pseudonymized: bool
    role_names: dict[str, str] = {}
    """Role id -> its name as the group's formats call it (the people's roles are ids)."""

    @property
    def reviewed(self) -> int:
        """Agreements a later session has looked at (done, ongoing or dropped)."""
        return sum(1 for a in self.agreements if a.status is not None)

    @property
    def done(self) -> int:
        return sum(1 for a in self.agreements if a.status is FollowUpStatus.DONE)

    @property
    def follow_through(self) -> float | None:
        """Done out of reviewed (None before any review)."""
        return self.done / self.reviewed if self.reviewed else None

    def without_people(self) -> GroupPage:
        """The page as it may leave the machine: no per-person figures."""
        return self.model_copy(update={"people": []})


def _seconds(summary: Summary) -> float:
    if summary.started_at is not None and summary.closed_at is not None:
        return max(0.0, (summary.closed_at - summary.started_at).total_seconds())
    return sum(phase.actual_seconds for phase in summary.phases)


def _statuses(summaries: Sequence[Summary]) -> dict[tuple[str, str], FollowUpStatus]:
    """(session, text) of an agreement -> the last status a later session gave it."""
    found: dict[tuple[str, str], FollowUpStatus] = {}
    for summary in summaries:
        for follow_up in summary.follow_ups:
            if follow_up.status is not None:
                found[(follow_up.from_session, follow_up.text)] = follow_up.status
    return found


@dataclass
class _Seen:
    roles: dict[str, int]
    last_roles: dict[str, int]
    shares: list[float]


def _people(summaries: Sequence[Summary]) -> list[PersonRow]:
    seen: dict[str, _Seen] = {}
    for index, summary in enumerate(summaries):
        for person in summary.airtime:
            entry = seen.setdefault(person.name, _Seen({}, {}, []))
            entry.roles[person.role] = entry.roles.get(person.role, 0) + 1
            entry.last_roles[person.role] = index
            entry.shares.append(person.share)
    return [
        PersonRow(
            name=name,
            sessions=len(entry.shares),
            roles=entry.roles,
            last_roles=entry.last_roles,
            share=sum(entry.shares) / len(entry.shares),
        )
        for name, entry in seen.items()
    ]


def group_page(
    group: str, summaries: Iterable[Summary], role_names: dict[str, str] | None = None
) -> GroupPage:
    """The page of `group` from its sessions' summaries (rehearsals are left out)."""
    ordered = sorted(
        (s for s in summaries if not s.rehearsal),
        key=lambda s: (s.started_at is None, s.started_at, s.session_id),
    )
    statuses = _statuses(ordered)
    sessions = [
        SessionRow(
            session_id=s.session_id,
            format_name=s.format_name,
            started_at=s.started_at,
            people=len(s.participants),
            seconds=_seconds(s),
            closed=s.closed_at is not None,
            gini=s.balance.gini if s.balance.reading is not Reading.SILENT else None,
            reading=s.balance.reading,
        )
        for s in ordered
    ]
    agreements = [
        AgreementRow(
            text=item.text,
            owner=item.owner,
            due=item.due,
            session_id=s.session_id,
            agreed_at=s.started_at,
            status=statuses.get((s.session_id, item.text)),
        )
        for s in ordered
        for item in s.items
        if item.kind is ItemKind.AGREEMENT
    ]
    takeaways = [
        TakeawayRow(
            text=item.text,
            level=item.level or TakeawayLevel.WE.value,
            session_id=s.session_id,
            started_at=s.started_at,
        )
        for s in ordered
        for item in s.items
        if item.kind is ItemKind.TAKEAWAY and (item.level or "we") in SHARED_LEVELS
    ]
    return GroupPage(
        group=group,
        language=ordered[-1].language if ordered else "en",
        sessions=sessions,
        agreements=agreements,
        takeaways=takeaways,
        people=_people(ordered),
        pseudonymized=any(s.pseudonymized for s in ordered),
        role_names=role_names or {},
    )


@dataclass(frozen=True)
class Rotation:
    """Who is proposed for a role next, and a warning if one person held it twice in a row."""

    proposed: str | None
    last: str | None
    """Who held it at the group's last session."""
    twice_in_a_row: str | None


def next_in_role(summaries: Sequence[Summary], role: str, members: Sequence[str]) -> Rotation:
    """Of `members`, the one who held `role` least recently (never: first, in seating order).

    `summaries` are the group's sessions, oldest first. The warning names a
    person who held the role in each of the last two sessions.
    """
    held: list[str | None] = []
    for summary in summaries:
        holders = [p.name for p in summary.airtime if p.role == role]
        held.append(holders[0] if holders else None)
    last_time = {name: index for index, name in enumerate(held) if name is not None}
    proposed = min(members, key=lambda m: (last_time.get(m, -1), members.index(m)), default=None)
    recent = [name for name in held[-2:] if name is not None]
    twice = recent[0] if len(recent) == 2 and recent[0] == recent[1] else None
    return Rotation(proposed, held[-1] if held else None, twice)


def rotations(
    summaries: Sequence[Summary], roles: Iterable[str], members: Sequence[str]
) -> dict[str, Rotation]:
    """`next_in_role` for each of `roles` (the format's one-person roles, a case giver)."""
    return {role: next_in_role(summaries, role, members) for role in roles}
