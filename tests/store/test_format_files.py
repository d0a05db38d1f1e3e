"""Format files: errors name the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from circle_tui.store.format_files import FormatError, find_format, list_formats, load_format_file

GOOD = """\
id = "mine"
name = "Mine"

[[phases]]
kind = "contract"
title = "Contract"
phase_seconds = 300

[[phases]]
kind = "round"
title = "Round"
turn_seconds = 120
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_loads(tmp_path: Path) -> None:
    assert load_format_file(write(tmp_path, GOOD)).phases[1].turn_seconds == 120


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda t: t.replace("turn_seconds = 120", "turn_seconds = -5"),
            ":12: phases[1].turn_seconds: should be more than 0",
        ),
        (
            lambda t: t.replace('kind = "round"', 'kind = "roundd"'),
            ":10: phases[1].kind: should be one of:",
        ),
        (
            lambda t: t.replace('title = "Contract"', 'titel = "Contract"'),
            ":6: phases[0].titel: unknown field; did you mean 'title'?",
        ),
        (
            lambda t: t.replace("turn_seconds = 120", ""),
            ":9: phases[1]: a round phase needs turn_seconds",
        ),
        (lambda t: t.replace('name = "Mine"', 'name = "Mine'), ":2: not valid TOML"),
        (
            lambda t: t.replace('id = "mine"\n', ""),
            "mine.toml: id: missing (this field is required)",
        ),
    ],
)
def test_errors_name_line_and_field(tmp_path: Path, mutate: object, expected: str) -> None:
    path = write(tmp_path, mutate(GOOD))  # type: ignore[operator]
    with pytest.raises(FormatError) as caught:
        load_format_file(path)
    message = str(caught.value)
    assert expected in message
    assert str(path) in message
    assert "\n" not in message


def test_unknown_format_id_lists_the_known_ones() -> None:
    with pytest.raises(FormatError, match="reflection-circle"):
        find_format("no-such-format")


def test_builtin_formats_all_load() -> None:
    loaded, broken = list_formats()
    assert broken == []
    assert "reflection-circle" in {fmt.id for _, fmt in loaded}
