"""`circle-tui summary --pseudonymize`: a possessive or a first name does not leave the room.

The review's room: "Anes idé om vagtplanen virker" came out unchanged, and so
did "Bos forslag" and a first name of a participant given with a full name.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from circle_tui.app.live import start_session
from circle_tui.cli import main
from circle_tui.core.formats import CircleFormat, PhaseKind
from circle_tui.core.items import parse_item
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock

ROOMS = [
    (
        "da",
        "Ane,Bo,Mette Frederiksen,Cai",
        "Anes idé om vagtplanen virker; Bos forslag, at bo tæt på, Mettes også",
        r"P\ds idé om vagtplanen virker; P\ds forslag, at bo tæt på, P\ds også",
        {"Ane", "Anes", "Bo", "Bos", "Mette", "Mettes", "Frederiksen"},
    ),
    (
        "nb",
        "Eik,Per,Ane,Cai",
        "Eiks forslag om eik og Pers plan",
        r"P\ds forslag om eik og P\ds plan",
        {"Eik", "Eiks", "Per", "Pers"},
    ),
    (
        "nl",
        "Sanne van Dijk,Anne,Ans,Cai",
        "Sanne vond het lastig: Sannes idee, Anne's plan en Ans' fiets",
        r"P\d vond het lastig: P\ds idee, P\d's plan en P\d' fiets",
        {"Sanne", "Sannes", "Dijk", "Anne", "Ans"},
    ),
    (
        "en",
        "Ane,James,Will,Mark",
        "Ane's idea and James' plan: Will Mark come?",
        r"P\d's idea and P\d' plan: Will P\d come\?",
        {"Ane", "James", "Mark"},
    ),
]


@pytest.mark.parametrize(("language", "names", "typed", "hidden", "gone"), ROOMS)
def test_possessives_and_first_names_from_the_command_line(
    sessions: Path,
    reflection: CircleFormat,
    tmp_path: Path,
    language: str,
    names: str,
    typed: str,
    hidden: str,
    gone: set[str],
) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    people = parse_participants(names)
    live = start_session(sessions, reflection, people, clock, language=language)
    live.execute(parse_item(f"focus: {typed}", PhaseKind.CONTRACT))
    live.close()
    for to in ("md", "json", "html"):
        out = tmp_path / f"hidden.{to}"
        args = ["summary", str(live.folder.path), "--pseudonymize", "--to", to, "-o", str(out)]
        assert main(args) == 0
        text = html.unescape(out.read_text(encoding="utf-8"))
        assert re.search(hidden, text), (to, text)
        assert not gone & set(re.findall(r"\w+", text)), to
