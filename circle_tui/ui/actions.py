"""Every console action, defined once.

Key bindings, the command palette and the help screen derive from this
table, so a key, its label and its explanation never disagree. Each binding
has an `id`, so keys can be remapped with Textual's keymap (`settings.toml`).

The table is built at import, before a language is chosen: its texts are
marked with `N_` and said in the current language where they are shown
(`Action.label`, `Action.help`, `translate_bindings`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from textual.binding import Binding, BindingsMap, BindingType
from textual.keys import format_key

from circle_tui.core.decide import ADJUST_STEP
from circle_tui.core.i18n import N_, _, ngettext
from circle_tui.core.settings import split_keys

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

CURTAIN_KEY = "ctrl+o"
"""The privacy curtain's key that works in every state, also while a note is typed
(`h` does it when no field takes the letter)."""

Words = str | Callable[[], str]
"""A text marked with `N_`, or a function that says it in the current language
(for a text with a number in it)."""


def _say(words: Words) -> str:
    """`words` in the current language."""
    return words() if callable(words) else _(words)


@dataclass(frozen=True)
class Action:
    """One thing the facilitator can do."""

    id: str
    """Stable id, used to remap the key."""
    key: str
    """Default key (Textual key name)."""
    action: str
    """Textual action string."""
    label_words: Words
    """Short label for the footer (shown as `label`)."""
    help_words: Words
    """One line for the help screen and the palette (shown as `help`)."""
    key_display: str | None = None
    show: bool = True
    priority: bool = False

    @property
    def label(self) -> str:
        """The footer label, in the current language."""
        return _say(self.label_words)

    @property
    def help(self) -> str:
        """The help line, in the current language."""
        return _say(self.help_words)


CONSOLE_ACTIONS: tuple[Action, ...] = (
    Action(
        "give-word",
        "space",
        "give_word",
        # Translators: footer label; gives the word to the next speaker
        N_("Next speaker"),
        N_("Start the round, or give the word to the next speaker"),
        key_display="space",
    ),
    # Translators: footer label; pauses or resumes the clocks
    Action("pause", "p", "toggle_pause", N_("Pause"), N_("Pause or resume the timer")),
    Action(
        "more-time",
        "plus",
        f"adjust({ADJUST_STEP})",
        # Translators: footer label: more time for the speaker ("s" for seconds)
        lambda: _("+{seconds}s").format(seconds=ADJUST_STEP),
        lambda: ngettext(
            "Add {n} second to the current turn",
            "Add {n} seconds to the current turn",
            ADJUST_STEP,
        ).format(n=ADJUST_STEP),
        key_display="+",
        show=False,
    ),
    Action(
        "less-time",
        "minus",
        f"adjust(-{ADJUST_STEP})",
        # Translators: footer label: less time for the speaker ("s" for seconds)
        lambda: _("-{seconds}s").format(seconds=ADJUST_STEP),
        lambda: ngettext(
            "Take {n} second from the current turn",
            "Take {n} seconds from the current turn",
            ADJUST_STEP,
        ).format(n=ADJUST_STEP),
        key_display="-",
        show=False,
    ),
    Action(
        "pass",
        "x",
        "pass_turn",
        # Translators: footer label; the speaker passes their turn
        N_("Pass"),
        N_("The speaker passes and is offered the word again at the end of the round"),
    ),
    Action(
        "back",
        "b",
        "back_speaker",
        # Translators: footer label; the word goes back to the previous speaker
        N_("Back"),
        N_("Give the word back to the previous speaker"),
        show=False,
    ),
    Action(
        "next-phase",
        "n",
        "next_phase",
        # Translators: footer label; moves on to the next phase of the circle
        N_("Next phase"),
        N_("Move on to the next phase (asks first when people have not spoken)"),
    ),
    Action(
        "reopen-phase",
        "N",
        "reopen_phase",
        # Translators: label; goes back to the previous phase
        N_("Reopen"),
        N_("Go back to the previous phase"),
        key_display="shift+n",
        show=False,
    ),
    Action(
        "shared-item",
        "a",
        "shared_item",
        # Translators: footer label; records an item the group shares
        N_("Shared"),
        N_("Record a shared item: focus, disagreement, learning, take-away or agreement"),
    ),
    Action(
        "items",
        "w",
        "items",
        # Translators: footer label; withdraws or corrects a shared item
        N_("Take back"),
        N_("Withdraw or correct a shared item (until the circle closes)"),
        show=False,
    ),
    Action(
        "follow-up",
        "f",
        "follow_up",
        # Translators: footer label; reviews the agreements of the group's last session
        N_("Last time"),
        N_("Review last time's agreements: mark each done, ongoing or dropped"),
        show=False,
    ),
    Action(
        "notes",
        "tab",
        "toggle_notes",
        # Translators: footer label; the facilitator's private notes
        N_("Notes"),
        N_("Into and out of the private notes"),
        priority=True,
    ),
    Action(
        "curtain",
        "h",
        "curtain",
        # Translators: footer label; hides the private notes
        N_("Hide notes"),
        N_("Hide or show the private notes at once (privacy curtain)"),
        show=False,
    ),
    Action(
        "curtain-now",
        CURTAIN_KEY,
        "curtain",
        # Translators: label; hides the private notes, also while a note is being typed
        N_("Hide notes now"),
        N_("Hide or show the private notes at once, also while typing a note"),
        show=False,
        priority=True,
    ),
    # Translators: footer label; shows the keys
    Action("help", "question_mark", "help", N_("Help"), N_("Show the keys"), key_display="?"),
    Action(
        "save-again",
        "ctrl+s",
        "save_again",
        # Translators: footer label; tries again to save after a disk error
        N_("Save again"),
        N_("After a disk error: try again to save what is kept in memory"),
    ),
)

APP_ACTIONS: tuple[Action, ...] = (
    Action(
        "quit",
        "ctrl+q",
        "quit",
        # Translators: footer label; ends the program
        N_("Quit"),
        N_("Quit (the session is already saved)"),
        priority=True,
        show=False,
    ),
)
"""Actions that work on every screen, dialogs included."""

PALETTE_KEY = "ctrl+p"
"""Textual's default key for the command palette (kept free of actions)."""
TEXTUAL_WORDS = (
    # Translators: footer label; opens the command palette (a list of all actions)
    N_("palette"),
    N_("Open the command palette"),
)
"""The words of Textual's own palette binding, in the catalogs so `translate_bindings` says them."""


def bindings(actions: tuple[Action, ...]) -> list[BindingType]:
    """Textual bindings for a table of actions, still without words.

    A class's bindings are made at import, before a language is chosen:
    `translate_bindings(node, actions)` gives each node's copy its label and
    help. Until then the id stands in for the label (Textual hides a binding
    without one from the footer for good).
    """
    return [
        Binding(
            a.key,
            a.action,
            a.id,
            show=a.show,
            key_display=a.key_display,
            priority=a.priority,
            id=a.id,
        )
        for a in actions
    ]


def _translated(text: str) -> str:
    """A binding's text marked with `N_`, in the current language (empty stays empty)."""
    return _(text) if text else text


def translate_bindings(node: DOMNode, actions: tuple[Action, ...] = ()) -> None:
    """Say `node`'s key bindings in the current language; call right after `super().__init__()`.

    Textual copies the class's bindings into every node; this replaces the
    node's copy (the class's, shared by all instances, stays untouched). A
    binding of the `actions` table takes its label and help from there; any
    other binding has its description and tooltip marked with `N_`. The
    keymap is applied later, by id, so remapped keys keep their words.
    """
    by_id = {a.id: a for a in actions}

    def said(binding: Binding) -> Binding:
        action = by_id.get(binding.id) if binding.id is not None else None
        if action is not None:
            return replace(binding, description=action.label, tooltip=action.help)
        return replace(
            binding,
            description=_translated(binding.description),
            tooltip=_translated(binding.tooltip),
        )

    node._bindings = BindingsMap.from_keys(
        {key: [said(b) for b in keyed] for key, keyed in node._bindings.key_to_bindings.items()}
    )


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
