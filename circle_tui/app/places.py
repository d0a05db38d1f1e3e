"""Where circle-tui keeps things, and how it writes and reads a file of the user's."""

from __future__ import annotations

from circle_tui.store.files import atomic_write
from circle_tui.store.locations import builtin_formats_dir, sessions_dir, user_formats_dir
from circle_tui.store.toml_files import read_text

__all__ = ["atomic_write", "builtin_formats_dir", "read_text", "sessions_dir", "user_formats_dir"]
