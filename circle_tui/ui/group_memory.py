"""The start screen's memory of a group: its sessions at a glance, and whose turn a role is.

When a group that met before is typed, its sessions are read once: the
group line says how often it met, its follow-through and its balance trend,
and each one-person role (a case giver) is proposed to whoever held it least
recently, with a word when someone would hold it twice in a row.
"""

from __future__ import annotations

from pathlib import Path

from circle_tui.app.errors import StoreError
from circle_tui.app.groups import GroupRead, read_group
from circle_tui.core.formats import DEFAULT_ROLE, CircleFormat
from circle_tui.core.group import Rotation, rotations
from circle_tui.core.i18n import _, language, ngettext
from circle_tui.core.plan import Participant, SessionPlan
from circle_tui.export.group_page import sparkline


def rotated(
    people: tuple[Participant, ...], proposals: dict[str, Rotation]
) -> tuple[Participant, ...]:
    """Last time's people with each one-person role given to whoever is proposed for it."""
    given = {r.proposed: role for role, r in proposals.items() if r.proposed is not None}
    moving = {role for role, r in proposals.items() if r.proposed is not None}
    return tuple(
        Participant(
            name=p.name, role=given.get(p.name) or (DEFAULT_ROLE if p.role in moving else p.role)
        )
        for p in people
    )


class GroupMemory:
    """Mixed into the start app: what it remembers of the group being typed."""

    sessions_root: Path | None
    _rotations: dict[str, Rotation]
    _memory: dict[str, GroupRead | None]

    def _rotations_of(self, last: SessionPlan, fmt: CircleFormat) -> dict[str, Rotation]:
        """Who holds each one-person role next (a case giver): who held it least recently."""
        read = self._memory_of(last.group)
        if read is None:
            return {}
        single = [role.id for role in fmt.roles if role.at_most == 1]
        return rotations(read.summaries, single, [p.name for p in last.participants])

    def _memory_of(self, group: str) -> GroupRead | None:
        """The group's sessions read back once (the page and the rotation come from them)."""
        key = group.strip().casefold()
        if key not in self._memory:
            try:
                found = read_group(self.sessions_root, group) if self.sessions_root else None
            except StoreError:  # a damaged session: no memory rather than no start
                found = None
            self._memory[key] = found
        return self._memory[key]

    def _memory_line(self, group: str) -> str:
        """The group at a glance: how often it met, its follow-through, its balance trend."""
        read = self._memory_of(group)
        if read is None or not read.page.sessions:
            return ""
        page = read.page
        met = ngettext("{n} session", "{n} sessions", len(page.sessions))
        parts = [met.format(n=len(page.sessions))]
        if page.reviewed:
            # Translators: {done} of {reviewed} agreements reviewed later were done
            done = _("follow-through {done} of {reviewed}")
            parts.append(done.format(done=page.done, reviewed=page.reviewed))
        # Translators: the balance of speaking time per session in small bars (low: even)
        parts.append(_("balance {bars}").format(bars=sparkline(page)))
        return "\n" + " · ".join(parts)

    def _proposals(self, fmt: CircleFormat) -> str:
        said = []
        for role_id, rotation in self._rotations.items():
            role = fmt.in_language(language()).role(role_id)
            if rotation.proposed is not None and role is not None:
                # Translators: {role} is a role such as case giver (lower case); {name} who is
                # proposed for it
                line = _("Proposed as {role}: {name}, who held it least recently")
                said.append(line.format(role=role.name.lower(), name=rotation.proposed))
        return "".join(f"\n{line}" for line in said)

    def _rotation_warning(
        self, people: tuple[Participant, ...] | None, fmt: CircleFormat | None
    ) -> str:
        """A one-person role given to whoever held it last time too (twice in a row)."""
        if not people or fmt is None:
            return ""
        shown = fmt.in_language(language())
        warnings = []
        for role_id, rotation in self._rotations.items():
            role = shown.role(role_id)
            holders = [p.name for p in people if p.role == role_id]
            if role is None or not holders or holders[0] != rotation.last:
                continue
            if rotation.twice_in_a_row == holders[0]:
                # Translators: {name} held the role (case giver) at the last two sessions already
                line = _("⚠ {name} has been the {role} twice in a row: a third time?")
            else:
                # Translators: {name} held the role (case giver) at the group's last session
                line = _("⚠ {name} was the {role} last time too: twice in a row")
            warnings.append(line.format(name=holders[0], role=role.name.lower()))
        return "".join(f"\n{line}" for line in warnings)
