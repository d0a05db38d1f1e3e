"""Where people sit: groups phases in words, and finding a person by seat or name."""

from __future__ import annotations

from collections.abc import Sequence

from circle_tui.core.i18n import N_, _

GROUP_WORDS = {
    # Translators: how people work in a groups phase (may be capitalized on screen)
    1: N_("alone, in silence"),
    # Translators: how people work in a groups phase (may be capitalized on screen)
    2: N_("in pairs"),
    # Translators: how people work in a groups phase: in groups of three
    3: N_("in threes"),
    # Translators: how people work in a groups phase: in groups of four
    4: N_("in fours"),
}
"""How people sit in a groups phase, by group size (translated where shown)."""


def group_words(size: int) -> str:
    """How people sit in a groups phase, in words, in the current language."""
    if size in GROUP_WORDS:
        return _(GROUP_WORDS[size])
    # Translators: how people work in a groups phase; {size} is 5 or more
    return _("in groups of {size}").format(size=size)


def find_person(names: Sequence[str], typed: str, among: Sequence[int]) -> int | str:
    """Who the facilitator means by `typed`: a seat number (1 is the first) or first letters.

    Only people in `among` (those who may speak now) are found. The answer is
    the person's index, or a sentence saying why nobody is found.
    """
    text = " ".join(typed.split())
    if not text:
        return _("Type a number or the start of a name.")
    if text.isdigit():
        seat = int(text) - 1
        if not 0 <= seat < len(names):
            return _("There is nobody with that number.")
        if seat not in among:
            return _("{name} does not speak now.").format(name=names[seat])
        return seat
    key = text.casefold()
    exact = [p for p in among if names[p].casefold() == key]
    if len(exact) == 1:
        return exact[0]
    matches = [p for p in among if names[p].casefold().startswith(key)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        # Translators: {typed} is what the facilitator typed to choose a speaker
        return _("Nobody who speaks now has a name starting with “{typed}”.").format(typed=text)
    # Translators: {names} lists the names that start with what was typed
    return _("“{typed}” fits {names}: type more of the name, or the number.").format(
        typed=text, names=", ".join(names[p] for p in matches)
    )
