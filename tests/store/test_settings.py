"""The settings file: defaults when missing, one-line errors naming file, line and field."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from textual.keys import _normalize_key_list

from circle_tui.app.actions import APP_ACTIONS, CONSOLE_ACTIONS, default_keys
from circle_tui.core.settings import Settings, key_name
from circle_tui.store.locations import settings_path
from circle_tui.store.settings_file import SettingsError, load_settings

DEFAULTS = default_keys(CONSOLE_ACTIONS + APP_ACTIONS)
WHILE_TYPING = [a.id for a in CONSOLE_ACTIONS + APP_ACTIONS if a.priority]

GOOD = """\
# my settings
projector = true
bell = true

[keys]
give-word = "enter"
next-phase = "f5, ctrl+n"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problem(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(SettingsError) as caught:
        load_settings(path, default_keys=DEFAULTS, while_typing=WHILE_TYPING)
    line = str(caught.value)
    assert "\n" not in line
    assert line.startswith(f"{path}:")
    return line.removeprefix(f"{path}:")


def test_a_missing_file_gives_the_defaults(tmp_path: Path) -> None:
    assert settings_path() == tmp_path / "settings.toml"  # conftest keeps ours out
    assert not settings_path().exists()
    settings = load_settings(default_keys=DEFAULTS)
    assert settings == Settings()
    assert (settings.projector, settings.bell, settings.keys) == (False, False, {})


def test_a_valid_file_loads(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    settings = load_settings(default_keys=DEFAULTS)  # found through $CIRCLE_TUI_CONFIG
    assert settings.projector and settings.bell
    assert settings.keys == {"give-word": "enter", "next-phase": "f5, ctrl+n"}


def test_swapping_two_keys_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path, '[keys]\ngive-word = "p"\npause = "space"\n')
    assert load_settings(path, default_keys=DEFAULTS).keys["pause"] == "space"


def test_an_unknown_action_id_suggests_the_closest(tmp_path: Path) -> None:
    text = 'bell = true\n\n[keys]\npause = "f2"\ngive-wrd = "enter"\n'
    assert problem(tmp_path, text) == (
        "5: keys.give-wrd: no action with this id; did you mean 'give-word'?"
    )


def test_an_unknown_field_suggests_the_closest(tmp_path: Path) -> None:
    assert problem(tmp_path, "bell = false\nprojecter = true\n") == (
        "2: projecter: unknown field; did you mean 'projector'?"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('projector = "yes"\n', "1: projector: should be true or false"),
        ("[keys]\ngive-word = 5\n", "2: keys.give-word: should be text, in quotes"),
        ('keys = "enter"\n', "1: keys: should be a table: a [section] or { }"),
    ],
)
def test_a_bad_type_names_line_and_field(tmp_path: Path, text: str, expected: str) -> None:
    assert problem(tmp_path, text) == expected


def test_broken_toml_names_the_line(tmp_path: Path) -> None:
    line = problem(tmp_path, 'bell = true\n[keys\ngive-word = "enter"\n')
    assert line.startswith("2: not valid TOML")


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        # Two remapped actions on one key: the second is named.
        (
            'give-word = "f5"\npause = "f6,f5"',
            "3: keys.pause: 'f5' is already the key of 'give-word'",
        ),
        # A remapped action on another action's default key.
        (
            'give-word = "p"',
            "2: keys.give-word: 'p' is already the key of 'pause' (remap 'pause' too)",
        ),
        # Short and long names are one key.
        ('pause = "+"', "2: keys.pause: 'plus' is already the key of 'more-time'"),
        ('help = "ctrl+p"', "2: keys.help: 'ctrl+p' is kept for the command palette"),
        ('help = "f1,,f2"', "2: keys.help: 'f1,,f2' has an empty key name"),
        # Notes and quit work while a note is typed: a letter would never reach the note.
        ('notes = "j"', "2: keys.notes: 'j' would be typed into notes"),
        ('quit = "space"', "2: keys.quit: 'space' would be typed into notes"),
    ],
)
def test_one_key_for_two_actions_is_refused(tmp_path: Path, keys: str, expected: str) -> None:
    assert problem(tmp_path, f"[keys]\n{keys}\n").startswith(expected)


def test_chords_and_function_keys_are_fine_while_typing(tmp_path: Path) -> None:
    path = write(tmp_path, '[keys]\nnotes = "f2"\nquit = "ctrl+w"\n')
    settings = load_settings(path, default_keys=DEFAULTS, while_typing=WHILE_TYPING)
    assert settings.keys == {"notes": "f2", "quit": "ctrl+w"}


def test_an_unreadable_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.mkdir()
    with pytest.raises(SettingsError, match=f"^{path}: cannot be read"):
        load_settings(path, default_keys=DEFAULTS)


def test_key_names_are_normalized_as_textual_does() -> None:
    for char in string.ascii_letters + string.digits + string.punctuation.replace(",", ""):
        assert key_name(char) == _normalize_key_list(char), char
    for key in ("enter", "ctrl+n", "f5", "shift+tab"):
        assert key_name(key) == _normalize_key_list(key)


def test_the_readme_names_every_action_id() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    settings = readme[readme.index("## Settings") :]
    for action_id in DEFAULTS:
        assert f"`{action_id}`" in settings, action_id
