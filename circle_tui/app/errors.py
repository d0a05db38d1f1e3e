"""The store's errors, as the console, the wall and the CLI catch and show them (one line each)."""

from __future__ import annotations

from circle_tui.store.files import NotPrivate, StoreError
from circle_tui.store.format_files import FormatError
from circle_tui.store.notes import JournalError, Locked
from circle_tui.store.toml_files import FileError

__all__ = ["FileError", "FormatError", "JournalError", "Locked", "NotPrivate", "StoreError"]
