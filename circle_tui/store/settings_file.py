"""Loading `settings.toml`: a missing file means the defaults.

A broken file is refused with one line naming the file, the line and the
field (`settings.toml:4: keys.give-wrd: no action with this id; did you mean
'give-word'?`), never half applied.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from circle_tui.core.errors import Location, is_unknown_field, problems
from circle_tui.core.i18n import LANGUAGES, _
from circle_tui.store.files import atomic_write, private_dir
from circle_tui.store.locations import settings_path
from circle_tui.store.toml_files import (
    FileError,
    did_you_mean,
    located,
    parse_toml,
    read_text,
    unknown_field,
)

if TYPE_CHECKING:  # the language is read before any model is built (`--version`, `--help`)
    from circle_tui.core.settings import Settings


class SettingsError(FileError):
    """The settings file could not be used; `str` is one line naming file, line and field."""


def load_settings(
    path: Path | None = None,
    *,
    default_keys: Mapping[str, str],
    while_typing: Collection[str] = (),
) -> Settings:
    """Read and check the settings file (`settings_path()` unless given).

    `default_keys` maps every action id to its default key(s); the `keys`
    table may only name these ids and may not give two actions one key; the
    actions in `while_typing` may not get a key that types text.
    """
    from pydantic import ValidationError

    from circle_tui.core.settings import Settings, key_problems

    path = path or settings_path()
    if not path.exists():
        return Settings()
    try:
        text = read_text(path)
        data = parse_toml(text, path)
    except FileError as exc:
        raise SettingsError(exc.problems) from None
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise SettingsError(located(path, text, _explain_typos(problems(exc)))) from None
    found = key_problems(settings.keys, default_keys, while_typing=while_typing)
    if found:
        raise SettingsError(located(path, text, found))
    return settings


def _explain_typos(found: list[tuple[Location, str]]) -> list[tuple[Location, str]]:
    """An unknown top-level field gets the closest known one: `projecter` -> `projector`."""
    from circle_tui.core.settings import Settings

    out: list[tuple[Location, str]] = []
    for loc, message in found:
        if is_unknown_field(message) and len(loc) == 1:
            close = did_you_mean(str(loc[0]), Settings.model_fields)
            if close:
                message = unknown_field(close)
        out.append((loc, message))
    return out


def configured_language(path: Path | None = None) -> str | None:
    """`language` in the settings file, read early (before the command line is
    built) and quietly: a broken file is reported by `load_settings` later."""
    path = path or settings_path()
    try:
        language = parse_toml(read_text(path), path).get("language")
    except FileError:
        return None
    return language if language in LANGUAGES else None


def retention_is_set(path: Path | None = None) -> bool:
    """Whether the settings file says how long sessions are kept (it is asked once)."""
    path = path or settings_path()
    try:
        return "retention_days" in parse_toml(read_text(path), path)
    except FileError:
        return False


def record_retention(days: int, path: Path | None = None) -> Path:
    """Put `retention_days` at the top of the settings file, keeping everything else.

    Top-level keys must come before any `[table]`, so it goes first; the file
    keeps its comments and the facilitator's own lines.
    """
    path = path or settings_path()
    old = read_text(path) if path.exists() else ""
    # Translators: a comment written into settings.toml after retention_days; one line
    comment = _("sessions older than this are offered for erasure")
    line = f"retention_days = {days}  # {comment}\n"
    private_dir(path.parent)
    atomic_write(path, line + old)
    return path
