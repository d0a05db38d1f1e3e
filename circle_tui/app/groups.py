"""Groups that meet again: each group's sessions read back and put on one page.

A group is the name given with `--group` (or in the start screen), compared
without regard to case. Its page is built from the public summaries of its
real sessions (rehearsals are left out); a damaged session is named and
passed over, never the end of the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from circle_tui.app.report import session_summary
from circle_tui.core.group import GroupPage, group_page
from circle_tui.core.i18n import _
from circle_tui.core.pseudonym import pseudonymize, pseudonyms
from circle_tui.core.summary import Summary
from circle_tui.store.files import StoreError
from circle_tui.store.sessions import groups_met, read_plan, sessions_of


@dataclass(frozen=True)
class GroupEntry:
    """One line of `groups list`."""

    name: str
    sessions: int
    last_started: float
    last_format: str


def list_groups(root: Path) -> list[GroupEntry]:
    """Every group that met, the one that met last at the end."""
    entries = []
    for plan in groups_met(root).values():
        entries.append(
            GroupEntry(
                name=plan.group.strip(),
                sessions=len(sessions_of(root, plan.group)),
                last_started=plan.created_at,
                last_format=plan.format.name,
            )
        )
    return sorted(entries, key=lambda entry: entry.last_started)


@dataclass(frozen=True)
class GroupRead:
    """A group's page, and the sessions that could not be read for it (one line each)."""

    page: GroupPage
    summaries: list[Summary]
    damaged: list[str]


def read_group(root: Path, group: str, *, pseudonymized: bool = False) -> GroupRead:
    """The page of `group`; pseudonymized, one pseudonym per person across all its sessions.

    Raises `StoreError` when no session of that name is kept.
    """
    folders = sessions_of(root, group)
    if not folders:
        problem = _("no group of that name in {path}").format(path=root)
        raise StoreError(f"{group}: {problem}")
    summaries: list[Summary] = []
    damaged: list[str] = []
    for path in folders:
        try:
            summaries.append(session_summary(path))
        except StoreError as exc:
            damaged.append(str(exc))
    name = summaries[-1].group if summaries else group
    if pseudonymized:
        summaries = _pseudonymized(folders, summaries)
    page = group_page(name, summaries, _role_names(folders))
    return GroupRead(page.without_people() if pseudonymized else page, summaries, damaged)


def _role_names(folders: list[Path]) -> dict[str, str]:
    """The group's named roles (a case giver) as its sessions' formats call them, latest last."""
    names: dict[str, str] = {}
    for path in folders:
        try:
            names.update((role.id, role.name) for role in read_plan(path).format.roles)
        except StoreError:
            continue
    return names


def _pseudonymized(folders: list[Path], summaries: list[Summary]) -> list[Summary]:
    """Each summary with the group's names replaced, the same person the same P-number."""
    plans = {}
    for path in folders:
        try:
            plan = read_plan(path)
        except StoreError:
            continue
        plans[plan.session_id] = plan
    known = [s for s in summaries if s.session_id in plans]
    mapping = group_pseudonyms(
        [s.participants for s in known], [plans[s.session_id].pseudonym_seed for s in known]
    )
    return [pseudonymize(s, "", plans[s.session_id].format, mapping) for s in known]


def group_pseudonyms(circles: list[list[str]], seeds: list[str]) -> dict[str, str]:
    """Name -> P-number across a group's sessions (oldest first), stable as the group meets again.

    The people of the first session are numbered in an order shuffled by its
    seed (not their seating order); each later newcomer gets the next numbers,
    shuffled among that session's newcomers by that session's seed.
    """
    mapping: dict[str, str] = {}
    for names, seed in zip(circles, seeds, strict=True):
        new = [name for name in dict.fromkeys(names) if name not in mapping]
        base = len(mapping)
        for name, alias in pseudonyms(new, seed).items():
            mapping[name] = f"P{base + int(alias[1:])}"
    return mapping


GroupTarget = Literal["text", "md", "html"]


def render_group(page: GroupPage, to: GroupTarget) -> str:
    """The page as terminal text, Markdown or HTML, in the language of the group's last session."""
    from circle_tui.export.group_html import render_group_html
    from circle_tui.export.group_page import render_group_markdown, render_group_text
    from circle_tui.languages import speaking

    with speaking(page.language):
        if to == "html":
            return render_group_html(page)
        if to == "md":
            return render_group_markdown(page)
        return render_group_text(page)
