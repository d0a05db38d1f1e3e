"""A table of format files with one deliberate mistake each, and exactly what
`formats validate` says about it: file, line, field and message, every problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from circle_tui.store.format_files import check_format_file, format_paths

BASE = """\
id = "sparring"
name = "Sparring"
min_people = 3
max_people = 8
minutes = 40

[[roles]]
id = "case-giver"
name = "Case giver"
at_least = 1
at_most = 1

[[roles]]
id = "observer"
name = "Observer"

[[phases]]
kind = "contract"
title = "Contract"
phase_seconds = 300

[[phases]]
kind = "present"
title = "The case"
speakers = ["case-giver"]
turn_seconds = 300

[[phases]]
kind = "round"
title = "Reflection"
silent = ["case-giver"]
away = []
turn_seconds = 180

[[phases]]
kind = "closing"
title = "Closing"
turn_seconds = 60
"""
KINDS = (
    "'contract', 'checkin', 'round', 'open', 'disagreement', 'closing', "
    "'present', 'written', 'groups', 'review'"
)


def edit(*changes: tuple[int, str]) -> str:
    """BASE with whole lines replaced (1-based); a replacement may hold several lines."""
    lines = BASE.splitlines()
    for number, text in changes:
        lines[number - 1] = text
    return "\n".join(lines) + "\n"


CASES: dict[str, tuple[str, list[str]]] = {
    "a round without a time box": (
        edit((33, "")),
        ["sparring.toml:28: phases[2]: a round phase needs turn_seconds"],
    ),
    "a contract without a time box": (
        edit((20, "")),
        ["sparring.toml:17: phases[0]: no time box: a contract phase needs phase_seconds"],
    ),
    "a contract timed per speaker": (
        edit((20, "turn_seconds = 300")),
        [
            "sparring.toml:17: phases[0]: no time box: a contract phase needs phase_seconds",
            "sparring.toml:20: phases[0].turn_seconds: a contract phase has no turns; "
            "use phase_seconds instead of turn_seconds",
        ],
    ),
    "a role that is not declared": (
        edit((31, 'silent = ["obsever"]')),
        [
            "sparring.toml:31: phases[2].silent: role 'obsever' is not declared in [[roles]]; "
            "did you mean 'observer'?"
        ],
    ),
    "a case giver's phase with nobody sure to give the case": (
        edit((10, "")),
        [
            "sparring.toml:25: phases[1].speakers: 'case-giver' presents here, but nobody has "
            "to hold that role: give it at_least = 1 in [[roles]]"
        ],
    ),
    "a present phase that does not say who presents": (
        edit((25, "")),
        [
            "sparring.toml:22: phases[1].speakers: a present phase needs the role that presents, "
            'e.g. speakers = ["case-giver"]'
        ],
    ),
    "a total time longer than a working day": (
        edit((33, "turn_seconds = 4000")),
        [
            "sparring.toml:17: phases: the phases take 485 min with 8 people, longer than a "
            "working day: shorten the time boxes or lower max_people",
            "sparring.toml:5: warning: minutes: the phases take 485 min with 8 people, not 40",
        ],
    ),
    "minutes that do not match the phases (a warning: it still runs)": (
        edit((5, "minutes = 90")),
        ["sparring.toml:5: warning: minutes: the phases take 39 min with 8 people, not 90"],
    ),
    "a role both silent and turned away": (
        edit((32, 'away = ["case-giver"]')),
        [
            "sparring.toml:32: phases[2].away: roles both stay silent and turn away: case-giver",
        ],
    ),
    "rotating phases that do not follow each other": (
        edit(
            (24, 'title = "The case"\nrotate = "observer"'),
            (37, 'title = "Closing"\nrotate = "observer"'),
        ),
        [
            "sparring.toml:39: phases[3].rotate: the phases that rotate 'observer' "
            "must follow each other"
        ],
    ),
    "writing time in a round": (
        edit((33, "write_seconds = 180")),
        [
            "sparring.toml:28: phases[2]: a round phase needs turn_seconds",
            "sparring.toml:33: phases[2].write_seconds: only a written phase has write_seconds",
        ],
    ),
    "a role needing more people than it may have": (
        edit((10, "at_least = 2")),
        ["sparring.toml:11: roles[0].at_most: 1 is below at_least (2)"],
    ),
    "fewer seats than the smallest circle": (
        edit((4, "max_people = 2")),
        ["sparring.toml:4: max_people: 2 is below min_people (3)"],
    ),
    "a negative time box (schema)": (
        edit((33, "turn_seconds = -5")),
        ["sparring.toml:33: phases[2].turn_seconds: should be more than 0"],
    ),
    "a kind that does not exist (schema)": (
        edit((29, 'kind = "rounds"')),
        [f"sparring.toml:29: phases[2].kind: should be one of: {KINDS}"],
    ),
    "a typo in a key (schema)": (
        edit((30, 'titel = "Reflection"')),
        ["sparring.toml:30: phases[2].titel: unknown field; did you mean 'title'?"],
    ),
    "an unclosed string (TOML)": (
        edit((2, 'name = "Sparring')),
        ["sparring.toml:2: not valid TOML: Illegal character '\\n'"],
    ),
}


def test_the_base_file_has_no_problem(tmp_path: Path) -> None:
    path = tmp_path / "sparring.toml"
    path.write_text(BASE, encoding="utf-8")
    fmt, found = check_format_file(path)
    assert fmt is not None and found == []


@pytest.mark.parametrize("case", list(CASES))
def test_each_mistake_gives_exactly_its_messages(tmp_path: Path, case: str) -> None:
    text, expected = CASES[case]
    path = tmp_path / "sparring.toml"
    path.write_text(text, encoding="utf-8")
    fmt, found = check_format_file(path)
    assert [str(p).replace(str(path), "sparring.toml") for p in found] == expected
    assert (fmt is not None) == all(p.warning for p in found)


def test_every_builtin_format_is_clean_even_of_warnings() -> None:
    for path in format_paths().values():
        fmt, found = check_format_file(path)
        assert fmt is not None and found == [], (path, [str(p) for p in found])
