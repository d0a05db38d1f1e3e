"""A text no screen can show as written is refused where it is typed or read."""

from __future__ import annotations

from pathlib import Path

import pytest

from circle_tui.core.plan import parse_participants
from circle_tui.store.format_files import check_format_file
from circle_tui.store.locations import builtin_formats_dir

SOURCE = (builtin_formats_dir() / "reflection-circle.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x7f", "\x9b", "\u202e", "\u2066"])
def test_a_format_text_with_a_control_character_is_an_error_at_its_line(
    tmp_path: Path, char: str
) -> None:
    escaped = f"\\u{ord(char):04x}"
    text = SOURCE.replace('title = "Check-in"', f'title = "Check{escaped}[2J-in"', 1)
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    fmt, found = check_format_file(path)
    line = text.split("\n").index(f'title = "Check{escaped}[2J-in"') + 1
    assert fmt is None
    assert [str(p) for p in found] == [
        f"{path}:{line}: phases[1].title: holds a control character "
        f"(U+{ord(char):04X}) that cannot be shown"
    ]


def test_markup_brackets_and_line_breaks_are_fine(tmp_path: Path) -> None:
    text = SOURCE.replace('title = "Check-in"', 'title = "Check-in [/] [b]"', 1)
    text = text.replace('description = "', 'description = "Two\\nlines\\tand a tab. ', 1)
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    fmt, found = check_format_file(path)
    assert fmt is not None and not [p for p in found if not p.warning]


def test_a_participant_name_with_an_escape_sequence_is_refused() -> None:
    with pytest.raises(ValueError, match=r"U\+001B"):
        parse_participants("Ane,Bo\x1b[2J")
    assert parse_participants("Cai[/]")[0].name == "Cai[/]"
