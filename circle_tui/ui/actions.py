"""Every console action, defined once.

Key bindings, the command palette and the help screen derive from this
table, so a key, its label and its explanation never disagree. Each binding
has an `id`, so keys can be remapped with Textual's keymap (`settings.toml`).

The table is built at import, before a language is chosen: its texts are
marked with `N_` and said in the current language where they are shown
(`Action.label`, `Action.help`, `translate_bindings`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.binding import Binding, BindingsMap, BindingType
from textual.keys import format_key

from circle_tui.app.actions import Action
from circle_tui.core.i18n import N_, _
from circle_tui.core.settings import split_keys

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

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
