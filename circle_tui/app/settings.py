"""The user's settings file: read and checked before anything starts, and the few answers kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from circle_tui.store.settings_file import (
    SettingsError,
    configured_language,
    record_retention,
    retention_is_set,
)
from circle_tui.store.settings_file import load_settings as _load

if TYPE_CHECKING:  # the command line reads the language before any model is built
    from circle_tui.core.settings import Settings

__all__ = [
    "SettingsError",
    "configured_language",
    "load_settings",
    "record_retention",
    "retention_is_set",
]


def load_settings() -> Settings:
    """The user's settings, their keymap checked against the console's actions."""
    from circle_tui.app.actions import APP_ACTIONS, CONSOLE_ACTIONS, default_keys

    actions = CONSOLE_ACTIONS + APP_ACTIONS
    return _load(
        default_keys=default_keys(actions),
        while_typing=[a.id for a in actions if a.priority],
    )
