"""A facilitator's settings, kept between sessions (`settings.toml`).

Pure: no file I/O and no Textual. The action ids and their default keys live
in the UI (`circle_tui/ui/actions.py`), so whoever loads the settings passes
them to `key_problems`.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Collection, Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from circle_tui.core.errors import Location
from circle_tui.core.i18n import N_, _

RESERVED_KEYS: Mapping[str, str] = {
    # Translators: completes "'ctrl+p' is kept for {purpose}"
    "ctrl+p": N_("the command palette"),
}
"""Keys the app keeps for itself, by what they open (translated where shown)."""


class Settings(BaseModel):
    """What `settings.toml` may say; every field has a default."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    projector: bool = False
    """Start with the private notes hidden (as `--projector`)."""
    bell: bool = False
    """Ring the terminal bell when a turn's time box reaches zero."""
    chime: bool = False
    """Ring the terminal bell, on the console and the wall, when a time box (a turn's, the
    writing's, a phase's own) reaches its last seconds and when it reaches zero."""
    flash: bool = False
    """Invert the wall's timer briefly when a turn goes into overtime."""
    encrypt: bool = False
    """Ask for a passphrase at the start and keep the private notes encrypted (as `--encrypt`)."""
    language: Literal["en", "da", "nb", "nl"] | None = None
    """Language of the app and of new sessions (as `--lang`); none: the environment's."""
    retention_days: int = Field(default=90, ge=0, le=36500)
    """Sessions older than this are offered for erasure (`sessions purge`); 0 keeps them."""
    wall_theme: Literal["dark", "light"] = "dark"
    """The wall's theme (as `display --theme`): dark for a projector, light for a bright room."""
    keys: dict[str, str] = Field(default_factory=dict)
    """Action id -> key or comma-separated keys (Textual key names)."""


# Textual's long names for punctuation keys (textual.keys.KEY_NAME_REPLACEMENTS);
# a test holds `key_name` to what Textual's keymap does.
_NAME_REPLACEMENTS = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


def key_name(key: str) -> str:
    """The long name of one key, as Textual's keymap uses it: `?` -> `question_mark`."""
    key = key.strip()
    if len(key) != 1 or key.isalnum():
        return key
    try:
        name = unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        name = {"\t": "tab"}.get(key, key)
    return _NAME_REPLACEMENTS.get(name, name)


def split_keys(keys: str) -> tuple[str, ...]:
    """`"f5, ctrl+n"` -> `("f5", "ctrl+n")`, each by its long name."""
    return tuple(key_name(key) for key in keys.split(","))


def key_problems(
    keys: Mapping[str, str],
    defaults: Mapping[str, str],
    reserved: Mapping[str, str] = RESERVED_KEYS,
    while_typing: Collection[str] = (),
) -> list[tuple[Location, str]]:
    """What is wrong with a keymap, as (location, message), in the keymap's order.

    `defaults` maps every known action id to its default key(s). An unknown
    id gets a "did you mean" suggestion; a key that another action has (by
    default or remapped) or that the app keeps for itself is refused, and so
    is a plain character for the actions in `while_typing` (they work while a
    note is typed, so the letter would never reach the note).
    """
    found: list[tuple[Location, str]] = []
    owner: dict[str, str] = {}  # key -> action id
    for action_id, default in defaults.items():
        if action_id not in keys:
            owner.update(dict.fromkeys(split_keys(default), action_id))
    for action_id, text in keys.items():
        loc: Location = ("keys", action_id)
        if action_id not in defaults:
            close = difflib.get_close_matches(action_id, list(defaults), n=1)
            if close:
                # Translators: a key in settings.toml names an action that does not exist
                message = _("no action with this id; did you mean {close}?").format(
                    close=repr(close[0])
                )
            else:
                message = _("no action with this id (known: {known})").format(
                    known=", ".join(defaults)
                )
            found.append((loc, message))
            continue
        names = split_keys(text)
        if not all(names):
            empty = _("{keys} has an empty key name (keys are separated by commas)")
            found.append((loc, empty.format(keys=repr(text))))
            continue
        for name in names:
            other = owner.setdefault(name, action_id)
            if name in reserved:
                # Translators: {key} is a key in quotes ('ctrl+p'); {purpose} says what it opens
                kept = _("{key} is kept for {purpose}")
                found.append((loc, kept.format(key=repr(name), purpose=_(reserved[name]))))
                break
            if action_id in while_typing and _typed(name):
                typed = _("{key} would be typed into notes; use a ctrl+ key or a function key")
                found.append((loc, typed.format(key=repr(name))))
                break
            if other != action_id:
                if other in keys:
                    # Translators: {key} is a key, {action} an action id, both in quotes
                    taken = _("{key} is already the key of {action}")
                else:
                    taken = _("{key} is already the key of {action} (remap {action} too)")
                found.append((loc, taken.format(key=repr(name), action=repr(other))))
                break
    return found


def _typed(name: str) -> bool:
    """Whether a key could be part of typing a note (all but ctrl/alt chords, f-keys, tab)."""
    if name.startswith(("ctrl+", "alt+")) or name in {"tab", "escape"}:
        return False
    return not (name[:1] == "f" and name[1:].isdigit())
