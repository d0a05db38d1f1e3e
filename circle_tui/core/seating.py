"""How people sit in a groups phase, in words (the console, the wall and `formats show` say it)."""

from __future__ import annotations

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
