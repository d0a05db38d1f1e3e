"""Every console action, defined once.

Key bindings, the command palette and the help screen derive from this
table, so a key, its label and its explanation never disagree. Each binding
has an `id`, so keys can be remapped with Textual's keymap (`settings.toml`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.binding import Binding, BindingType
from textual.keys import format_key

from circle_tui.core.decide import ADJUST_STEP
from circle_tui.core.settings import split_keys

if TYPE_CHECKING:
    from textual.app import App


@dataclass(frozen=True)
class Action:
    """One thing the facilitator can do."""

    id: str
    """Stable id, used to remap the key."""
    key: str
    """Default key (Textual key name)."""
    action: str
    """Textual action string."""
    label: str
    """Short label for the footer."""
    help: str
    """One line for the help screen and the palette."""
    key_display: str | None = None
    show: bool = True
    priority: bool = False


CONSOLE_ACTIONS: tuple[Action, ...] = (
    Action(
        "give-word",
        "space",
        "give_word",
        "Next speaker",
        "Start the round, or give the word to the next speaker",
        key_display="space",
    ),
    Action("pause", "p", "toggle_pause", "Pause", "Pause or resume the timer"),
    Action(
        "more-time",
        "plus",
        f"adjust({ADJUST_STEP})",
        f"+{ADJUST_STEP}s",
        f"Add {ADJUST_STEP} seconds to the current turn",
        key_display="+",
    ),
    Action(
        "less-time",
        "minus",
        f"adjust(-{ADJUST_STEP})",
        f"-{ADJUST_STEP}s",
        f"Take {ADJUST_STEP} seconds from the current turn",
        key_display="-",
    ),
    Action(
        "pass",
        "x",
        "pass_turn",
        "Pass",
        "The speaker passes and is offered the word again at the end of the round",
    ),
    Action("back", "b", "back_speaker", "Back", "Give the word back to the previous speaker"),
    Action(
        "next-phase",
        "n",
        "next_phase",
        "Next phase",
        "Move on to the next phase (asks first when people have not spoken)",
    ),
    Action(
        "reopen-phase",
        "N",
        "reopen_phase",
        "Reopen",
        "Go back to the previous phase",
        key_display="shift+n",
        show=False,
    ),
    Action(
        "shared-item",
        "a",
        "shared_item",
        "Shared",
        "Record a shared item: focus, disagreement, learning, take-away or agreement",
    ),
    Action(
        "follow-up",
        "f",
        "follow_up",
        "Last time",
        "Review last time's agreements: mark each done, ongoing or dropped",
    ),
    Action(
        "notes", "tab", "toggle_notes", "Notes", "Into and out of the private notes", priority=True
    ),
    Action(
        "curtain",
        "h",
        "curtain",
        "Hide notes",
        "Hide or show the private notes at once (privacy curtain)",
    ),
    Action("help", "question_mark", "help", "Help", "Show the keys", key_display="?"),
    Action(
        "save-again",
        "ctrl+s",
        "save_again",
        "Save again",
        "After a disk error: try again to save what is kept in memory",
    ),
)

APP_ACTIONS: tuple[Action, ...] = (
    Action("quit", "ctrl+q", "quit", "Quit", "Quit (the session is already saved)", priority=True),
)
"""Actions that work on every screen, dialogs included."""

PALETTE_KEY = "ctrl+p"
"""Textual's default key for the command palette (kept free of actions)."""


def bindings(actions: tuple[Action, ...]) -> list[BindingType]:
    """Textual bindings for a table of actions."""
    return [
        Binding(
            a.key,
            a.action,
            a.label,
            show=a.show,
            key_display=a.key_display,
            priority=a.priority,
            tooltip=a.help,
            id=a.id,
        )
        for a in actions
    ]


def default_keys(actions: tuple[Action, ...]) -> dict[str, str]:
    """Action id -> default key, for checking a keymap."""
    return {a.id: a.key for a in actions}


def key_display(keys: str) -> str:
    """How a keymap's key string is shown: `"f5,ctrl+question_mark"` -> `"f5, ctrl+?"`."""
    shown = []
    for key in split_keys(keys):
        *modifiers, base = key.split("+")
        shown.append("+".join([*modifiers, format_key(base)]))
    return ", ".join(shown)


def effective_keys(actions: tuple[Action, ...], keymap: Mapping[str, str]) -> dict[str, str]:
    """Action id -> the key(s) that do it now, as shown on screen."""
    return {
        a.id: key_display(keymap[a.id]) if a.id in keymap else a.key_display or a.key
        for a in actions
    }


def current_keymap(app: App[Any]) -> Mapping[str, str]:
    """The keymap Textual applies to the bindings (normalized key names).

    Textual 8 keeps it in `App._keymap` with no public getter; reading it
    here, in one place, means the keys shown are the keys that work.
    """
    keymap: Mapping[str, str] = app._keymap
    return keymap
