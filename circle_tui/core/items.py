"""Reading a shared item from one line the facilitator types.

The line's kind follows from the phase (a point of disagreement in the
disagreement phase, an agreement in the closing, ...), or from a prefix:

    focus: how we hand over cases
    disagree: whether new colleagues should take evening shifts
    learned: we mean different things by "urgent"
    I: ask before I assume      we: ...      org: ...
    agree: share the checklist @Bo by 2026-12-01
"""

from __future__ import annotations

import re

from circle_tui.core.decide import RecordItem
from circle_tui.core.events import ItemKind, TakeawayLevel
from circle_tui.core.formats import PhaseKind

_PREFIXES: dict[str, tuple[ItemKind, TakeawayLevel | None]] = {
    "focus": (ItemKind.FOCUS, None),
    "agree": (ItemKind.AGREEMENT, None),
    "agreement": (ItemKind.AGREEMENT, None),
    "disagree": (ItemKind.DISAGREEMENT, None),
    "disagreement": (ItemKind.DISAGREEMENT, None),
    "learned": (ItemKind.LEARNING, None),
    "learning": (ItemKind.LEARNING, None),
    "i": (ItemKind.TAKEAWAY, TakeawayLevel.I),
    "we": (ItemKind.TAKEAWAY, TakeawayLevel.WE),
    "org": (ItemKind.TAKEAWAY, TakeawayLevel.ORG),
}

_DEFAULT_KIND: dict[PhaseKind, ItemKind] = {
    PhaseKind.CONTRACT: ItemKind.FOCUS,
    PhaseKind.DISAGREEMENT: ItemKind.DISAGREEMENT,
    PhaseKind.CLOSING: ItemKind.AGREEMENT,
}

_PREFIX = re.compile(r"^\s*([A-Za-z]+)\s*:\s*(.*)$", re.DOTALL)
_OWNER = re.compile(r"(?:^|\s)@(\S+)")
_DUE = re.compile(r"(?:^|\s)by (\d{4}-\d{2}-\d{2})\b")


def default_kind(phase: PhaseKind) -> ItemKind:
    """What a line typed in this kind of phase records when it has no prefix."""
    return _DEFAULT_KIND.get(phase, ItemKind.AGREEMENT)


def parse_item(line: str, phase: PhaseKind) -> RecordItem:
    """The shared item a typed line describes."""
    kind = default_kind(phase)
    level: TakeawayLevel | None = None
    text = line.strip()
    match = _PREFIX.match(text)
    if match and match.group(1).casefold() in _PREFIXES:
        kind, level = _PREFIXES[match.group(1).casefold()]
        text = match.group(2).strip()
    owner = due = None
    if kind is ItemKind.AGREEMENT:
        if found := _DUE.search(text):
            due = found.group(1)
            text = (text[: found.start()] + text[found.end() :]).strip()
        if found := _OWNER.search(text):
            owner = found.group(1)
            text = (text[: found.start()] + text[found.end() :]).strip()
    return RecordItem(kind=kind, text=text, owner=owner, due=due, level=level)
