"""A text no screen can show as written is refused where it is typed or read."""

from __future__ import annotations

import copy
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from circle_tui.core.errors import problems
from circle_tui.core.formats import CircleFormat
from circle_tui.core.plan import parse_participants
from circle_tui.core.shown_text import ALLOWED, BIDI_CONTROLS, texts, unshowable
from circle_tui.store.format_files import check_format_file, find_format
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


def test_what_cannot_be_shown_is_every_control_character_but_a_line_break_and_a_tab() -> None:
    """The one search finds exactly the control characters (Cc), lone surrogates (Cs)
    and bidirectional controls, at every code point."""
    for point in range(sys.maxunicode + 1):
        char = chr(point)
        refused = char not in ALLOWED and (
            unicodedata.category(char) in {"Cc", "Cs"} or char in BIDI_CONTROLS
        )
        assert (unshowable(f"ok{char}") == char) is refused, f"U+{point:04X}"


@pytest.mark.parametrize("format_id", ["reflection-circle", "collegial-sparring"])
def test_every_text_of_a_format_is_refused_by_the_model_itself_at_its_field(
    format_id: str,
) -> None:
    """Wherever a format comes from (a stored session's plan too), and whatever field
    is added later: no text of it holds what a screen cannot show."""
    data = find_format(format_id).model_dump(mode="json")
    found = list(texts(data))
    assert len(found) > 80
    for loc, text in found:
        damaged = copy.deepcopy(data)
        parent: Any = damaged
        for part in loc[:-1]:
            parent = parent[part]
        parent[loc[-1]] = text + "\x1b[2J"
        with pytest.raises(ValidationError) as refused:
            CircleFormat.model_validate(damaged)
        assert problems(refused.value)[0][0] == loc
