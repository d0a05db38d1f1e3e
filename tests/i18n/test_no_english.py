"""Every screen, dialog and export in Danish, Norwegian and Dutch, read for English.

The console through a whole circle (contract dialog, check-in with last
time's agreements, a round, the disagreement, the closing, the summary
screen), the help, the palette, the shared items, the wall, the start
screen; the summary in Markdown and HTML, the group page, the letter, the
report; the command line's help and a broken format. Each is read for words
only English has (from the app's own English: `ENGLISH_ONLY`) and for
pydantic's wording. What the people typed is in the room's language, so any
English found is the app's.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from circle_tui.app.follow import Follower
from circle_tui.app.groups import read_group, render_group
from circle_tui.app.letter import letter_items
from circle_tui.app.live import LiveSession, start_session
from circle_tui.app.report import render, session_summary
from circle_tui.core.decide import AgreeContract, GiveWord, NextPhase
from circle_tui.core.events import FollowUpStatus
from circle_tui.core.items import parse_item
from circle_tui.core.learning import learning_report
from circle_tui.core.plan import FollowUp, parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.export.learning import render_learning_html, render_learning_markdown
from circle_tui.export.letter import render_letter_markdown
from circle_tui.languages import set_language, speaking
from circle_tui.store.format_files import find_format
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.display import DisplayApp
from circle_tui.ui.start import StartApp
from tests.ui.test_console import screen_text

TRANSLATED = ["da", "nb", "nl"]
ENGLISH_ONLY = {
    "the",
    "and",
    "with",
    "you",
    "your",
    "should",
    "press",
    "which",
    "when",
    "what",
    "this",
    "that",
    "speaker",
    "search",
    "commands",
    "quit",
    "agreement",
    "agreements",
    "notes",
    "please",
    "nobody",
    "everyone",
    "take",
    "away",
    "phase",
    "turn",
    "turns",
    "participant",
    "participants",
    "session",
    "sessions",
    "shared",
    "item",
    "items",
    "next",
    "previous",
    "round",
    "written",
    "closing",
    "check",
    "contract",
    "facilitator",
    "rules",
    "ground",
    "focus",
    "open",
    "closed",
    "time",
    "left",
    "overtime",
    "paused",
    "passed",
    "spoke",
    "waiting",
    "listening",
    "done",
    "ongoing",
    "dropped",
    "reviewed",
    "owner",
    "due",
    "group",
    "page",
    "letter",
    "answer",
}
"""Words the app's English uses that no Danish, Norwegian or Dutch text should hold.

Some are words there too; `SHARED` lists those per language."""
SHARED = {
    "da": {"session", "sessions", "time", "focus", "open", "check", "group", "item", "facilitator"},
    "nb": {"session", "time", "focus", "open", "check", "group", "item", "facilitator"},
    "nl": {"focus", "open", "check", "item", "time", "group", "page", "facilitator", "contract"},
}
"""English-looking words a language uses as its own (Danish `time` is an hour, `fokus`...)."""
PYDANTIC = ("Input should", "String should", "Tuple should", "Value error", "validation error")
TYPED = {
    "da": (
        "overlevering mellem vagterne",
        "ringe eller skrive i loggen",
        "vi: tal højt om travlhed",
    ),
    "nb": ("overlevering mellom vaktene", "ringe eller skrive i loggen", "vi: si det høyt"),
    "nl": ("overdracht tussen de diensten", "bellen of schrijven", "wij: hardop zeggen"),
}
PEOPLE = "Ane,Bo,Cai,Dag"


COMMANDS = {
    "run",
    "resume",
    "formats",
    "sessions",
    "display",
    "summary",
    "groups",
    "report",
    "letter",
    "list",
    "show",
    "validate",
    "new",
    "erase",
    "purge",
    "answer",
    "latest",
    "session",  # the positional arguments' names, as argparse shows them
    "files",
    "id",
    "name",
}
"""The command line's own words, typed as they are in every language."""


def shown(html: str) -> str:
    """The text a browser shows of a page (its style sheet is not shown)."""
    return re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<style>.*?</style>", " ", html))


def english_in(text: str, language: str) -> list[str]:
    text = re.sub(r"[█▌▐▊▎│]\w+|\w+[█▌▐▊▎│]", " ", text)  # a word half behind a dialog's edge
    text = re.sub(r"\b[A-Z][A-Z_]+\b", " ", text)  # metavars (SESSION, FILES)
    words = {w.casefold() for w in re.findall(r"[A-Za-z]+", text)} - COMMANDS
    found = sorted(words & (ENGLISH_ONLY - SHARED[language]))
    found += [phrase for phrase in PYDANTIC if phrase in text]
    return found


@pytest.fixture(params=TRANSLATED)
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    set_language(str(request.param))
    yield str(request.param)
    set_language("en")


def circle(sessions: Path, language: str, clock: FakeClock) -> LiveSession:
    focus, _point, _takeaway = TYPED[language]
    live = start_session(
        sessions,
        find_format("reflection-circle"),
        parse_participants(PEOPLE),
        clock,
        group="Nord",
        language=language,
        follow_ups=(FollowUp(text=focus, owner="Bo", due="2026-12-01"),),
    )
    live.execute(AgreeContract(focus, live.plan.format.ground_rules))
    return live


async def test_the_console_through_a_whole_circle(sessions: Path, language: str) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    live = circle(sessions, language, clock)
    _focus, point, takeaway = TYPED[language]
    app = ConsoleApp(live)
    seen: list[tuple[str, str]] = []
    async with app.run_test(size=(120, 40)) as pilot:

        async def look(where: str, *keys: str) -> None:
            if keys:
                await pilot.press(*keys)
            await pilot.pause()
            # The top screen only: a dialog over the console cuts words behind it in half.
            top = app.screen._compositor.render_strips()
            seen.append((where, "\n".join(strip.text for strip in top)))

        await look("contract dialog", "N")  # the contract reopened: its dialog
        await pilot.press("escape")
        await look("help", "question_mark")
        await pilot.press("escape")
        await look("palette", "ctrl+p")
        await pilot.press("escape")
        await look("next phase", "n")
        await look("follow-ups", "f")
        await pilot.press("escape")
        while live.state.current_phase is not None and live.state.current_phase.kind.value in (
            "checkin",
            "round",
        ):
            live.execute(GiveWord())
            clock.advance(40)
            await look(f"speaking in {live.state.current_phase.kind.value}")
            live.execute(NextPhase(confirmed=True))
        phase = live.state.current_phase
        assert phase is not None
        live.execute(parse_item(point, phase.kind))
        await look("disagreement")
        live.execute(NextPhase(confirmed=True))
        phase = live.state.current_phase
        assert phase is not None
        live.execute(parse_item(takeaway, phase.kind))
        await look("closing")
        await look("shared items", "w")
        await pilot.press("escape")
        live.execute(NextPhase(confirmed=True))
        await look("closed")
    found = {where: english_in(text, language) for where, text in seen}
    for where, text in seen:  # the lines that hold English, to say where it is
        for line in text.splitlines():
            if english_in(line, language):
                print(where, "|", line.strip())
    assert not {k: v for k, v in found.items() if v}, found


async def test_the_wall_and_the_start_screen(sessions: Path, language: str) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    live = circle(sessions, language, clock)
    live.execute(NextPhase())
    live.execute(GiveWord())
    clock.advance(50)
    wall = DisplayApp(Follower(sessions, clock=clock))
    async with wall.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        assert english_in(screen_text(wall), language) == []
    start = StartApp(sessions)
    async with start.run_test(size=(100, 40)) as pilot:
        await pilot.press(*"Ane, Bo")
        await pilot.pause()
        assert english_in(screen_text(start), language) == []
    live.close()


def test_the_exports(sessions: Path, language: str) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    live = circle(sessions, language, clock)
    _focus, _point, takeaway = TYPED[language]
    while live.state.current_phase is not None and live.state.current_phase.kind.value != "closing":
        live.execute(NextPhase(confirmed=True))
    phase = live.state.current_phase
    assert phase is not None
    live.execute(parse_item(takeaway, phase.kind))
    live.execute(parse_item("org: " + takeaway.split(": ", 1)[1], phase.kind))
    live.execute(NextPhase(confirmed=True))
    live.close()
    summary = session_summary(live.folder.path, pseudonymize=True)
    page = read_group(sessions, "Nord", pseudonymized=True).page
    with speaking(language):
        texts = {
            "summary.md": render(summary, "md"),
            "summary.html": shown(render(summary, "html")),
            "group.txt": render_group(page, "text"),
            "group.html": shown(render_group(page, "html")),
            "letter.md": render_letter_markdown(letter_items(sessions)),
            "report.md": render_learning_markdown(learning_report([summary])),
            "report.html": shown(render_learning_html(learning_report([summary]), language)),
        }
    found = {name: english_in(text, language) for name, text in texts.items()}
    assert not {k: v for k, v in found.items() if v}, found
    assert FollowUpStatus.DONE  # the statuses are said through the catalogs (export.words)


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["run", "--help"],
        ["formats", "--help"],
        ["sessions", "--help"],
        ["summary", "--help"],
        ["groups", "show", "--help"],
        ["letter", "--help"],
        ["report", "--help"],
    ],
    ids=" ".join,
)
def test_the_command_line(language: str, argv: list[str], tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "circle_tui", "--lang", language, *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    said = re.sub(r"--[a-z-]+|\{[^}]*\}|\[[^\]]*\]|<[^>]*>|circle-tui\s+\S+", " ", done.stdout)
    assert english_in(said, language) == [], done.stdout
