"""Reading a shared item from one line the facilitator types.

The line's kind follows from the phase (a point of disagreement in the
disagreement phase, an agreement in the closing, ...), or from a prefix:

    focus: how we hand over cases
    disagree: whether new colleagues should take evening shifts
    learned: we mean different things by "urgent"
    I: ask before I assume      we: ...      org: ...
    agree: share the checklist @Bo by 2026-12-01

The prefixes and the `by` before a due date work in English always, and also
in the words of the language the app speaks (`aftale:` in Danish, if the catalog
says so).
"""

from __future__ import annotations

import re
from datetime import date

from circle_tui.core.decide import RecordItem
from circle_tui.core.due_dates import find_due, unread_due
from circle_tui.core.events import ItemKind, TakeawayLevel
from circle_tui.core.formats import PhaseKind
from circle_tui.core.i18n import N_, _, language
from circle_tui.core.pseudonym import first_name, name_pattern, spoken

_PREFIXES: dict[str, tuple[ItemKind, TakeawayLevel | None]] = {
    # Translators: typed before an item with a colon ("focus: ...") to record the group's
    # focus. These prefix words are one word each, letters only, and match the typing
    # hints; the English words keep working too
    N_("focus"): (ItemKind.FOCUS, None),
    # Translators: prefix typed before an agreement ("agree: ...")
    N_("agree"): (ItemKind.AGREEMENT, None),
    # Translators: prefix typed before an agreement ("agreement: ...")
    N_("agreement"): (ItemKind.AGREEMENT, None),
    # Translators: prefix typed before a point of disagreement ("disagree: ...")
    N_("disagree"): (ItemKind.DISAGREEMENT, None),
    # Translators: prefix typed before a point of disagreement ("disagreement: ...")
    N_("disagreement"): (ItemKind.DISAGREEMENT, None),
    # Translators: prefix typed before what the disagreement taught ("learned: ...")
    N_("learned"): (ItemKind.LEARNING, None),
    # Translators: prefix typed before what the disagreement taught ("learning: ...")
    N_("learning"): (ItemKind.LEARNING, None),
    # Translators: the word "I" as a prefix before a personal take-away ("I: ..."), any case
    N_("i"): (ItemKind.TAKEAWAY, TakeawayLevel.I),
    # Translators: prefix typed before a take-away for the team ("we: ...")
    N_("we"): (ItemKind.TAKEAWAY, TakeawayLevel.WE),
    # Translators: prefix typed before a take-away for the organisation ("org: ...")
    N_("org"): (ItemKind.TAKEAWAY, TakeawayLevel.ORG),
}

_DEFAULT_KIND: dict[PhaseKind, ItemKind] = {
    PhaseKind.CONTRACT: ItemKind.FOCUS,
    PhaseKind.DISAGREEMENT: ItemKind.DISAGREEMENT,
    PhaseKind.CLOSING: ItemKind.AGREEMENT,
}

_PREFIX = re.compile(r"^\s*([^\W\d_]+)\s*:\s*(.*)$", re.DOTALL)
_OWNER = re.compile(r"(?:^|\s)@(\S+)")
# Translators: typed before an agreement's due date ("share the checklist by 2026-12-01")
_BY = N_("by")


def _prefixes() -> dict[str, tuple[ItemKind, TakeawayLevel | None]]:
    """The English prefixes, and those of the language the app speaks now."""
    found = dict(_PREFIXES)
    for word, meaning in _PREFIXES.items():
        found.setdefault(_(word).casefold(), meaning)
    return found


def _by_words() -> tuple[str, ...]:
    """The catalog's word for `by` in the current language (`senest` in Danish)."""
    return tuple(w for w in {_(_BY).strip()} if w)


def unread_due_of(text: str) -> str | None:
    """A `by …` left at the end of an agreement's text, not understood as a date."""
    return unread_due(text, language(), _by_words())


def default_kind(phase: PhaseKind) -> ItemKind:
    """What a line typed in this kind of phase records when it has no prefix."""
    return _DEFAULT_KIND.get(phase, ItemKind.AGREEMENT)


def parse_item(
    line: str, phase: PhaseKind, today: date | None = None, default: ItemKind | None = None
) -> RecordItem:
    """The shared item a typed line describes.

    With `today`, a due date written in words (`by friday`, `på fredag`)
    becomes the date it means, counted from then. `default` is what a line
    without a prefix records, when not the phase's usual kind.
    """
    kind = default or default_kind(phase)
    level: TakeawayLevel | None = None
    text = line.strip()
    match = _PREFIX.match(text)
    prefixes = _prefixes()
    if match and match.group(1).casefold() in prefixes:
        kind, level = prefixes[match.group(1).casefold()]
        text = match.group(2).strip()
    owner = due = None
    if kind is ItemKind.AGREEMENT:
        if found := _OWNER.search(text):
            owner = found.group(1)
            text = (text[: found.start()] + text[found.end() :]).strip()
        if dated := find_due(text, today, language(), _by_words()):
            due, text = dated
    return RecordItem(kind=kind, text=text, owner=owner, due=due, level=level)


def names_in(text: str, names: list[str]) -> list[str]:
    """The participants a shared item names: each name written as a name (whole, as spelled).

    Case matters, so the Danish verb "bo" is not the participant Bo. A name
    with a possessive ending names them ("Bos forslag", "Ane's idea", "Ans'
    fiets", not "Boss"), and so does the first word of a full name written as
    a name ("Sanne" of "Sanne van Dijk"; everyone of that first name, when
    several share it). The longest name is read first: "Sanne van Dijk" does
    not name a participant called just Sanne as well. A name after `@` is an
    owner, which is asked about on its own.
    """
    means: dict[str, set[str]] = {}
    for name in names:
        means.setdefault(name, set()).add(name)
    for name in names:
        if (first := first_name(name)) is not None:
            means.setdefault(first, set()).add(name)
    pattern = name_pattern(means, not_after=r"\w@")
    if pattern is None:
        return []
    named = {
        person
        for found in pattern.finditer(text)
        for person in means[spoken(found.group(0), means)[0]]
    }
    return [name for name in names if name in named]
