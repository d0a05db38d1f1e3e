"""Every path circle-tui uses, resolved in one place.

Sessions dir: `--sessions-dir`, else `$CIRCLE_TUI_SESSIONS`, else the user
data dir. User formats: `$CIRCLE_TUI_FORMATS`, else the user config dir.
Settings: `$CIRCLE_TUI_CONFIG` (a file), else `settings.toml` in the user
config dir. Tests point all three at `tmp_path` through the environment.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "circle-tui"
SESSIONS_ENV = "CIRCLE_TUI_SESSIONS"
FORMATS_ENV = "CIRCLE_TUI_FORMATS"
CONFIG_ENV = "CIRCLE_TUI_CONFIG"


def sessions_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Where session folders live."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(SESSIONS_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME)) / "sessions"


def user_formats_dir() -> Path:
    """Where a user's own format files live."""
    from_env = os.environ.get(FORMATS_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME)) / "formats"


def settings_path() -> Path:
    """Where the settings file is (it need not exist)."""
    from_env = os.environ.get(CONFIG_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME)) / "settings.toml"


def builtin_formats_dir() -> Path:
    """The formats shipped with circle-tui."""
    return Path(__file__).resolve().parent.parent / "formats"
