"""User text is text: names, titles, prompts, items and notes never read as markup.

A participant called `Cai[/]` once crashed the console (MarkupError) when
they were next, and then `resume` and `display` every time after; "Anna-Lena
[HR]" showed as "Anna-Lena ". Here every text a user can type goes through
the console, the help, a resumed console, the wall and the start screen, and
must show exactly as typed.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

from textual.widgets import Select

from circle_tui.app.follow import Follower
from circle_tui.app.live import LiveSession, load_session, start_session
from circle_tui.core.decide import AdjustTime, GiveWord, NextPhase
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import load_format_file
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.display import DisplayApp
from circle_tui.ui.start import StartApp
from tests.ui.test_console import screen_text

NAMES = "Cai[/],Anna-Lena [HR],[bold]Bo[/bold],Dag [@click(app.quit)]x[/]"
TITLE = "Contract [/]"
PROMPT = "What [b]is[/b] our focus? [link=https://evil.example]here[/link]"
ITEM = "agree: share [red]the[/] list @Cai[/]"
NOTE = "Bo [i]cried[/i] [/]"
UI = Path(__file__).resolve().parents[2] / "circle_tui" / "ui"


def hostile_format(folder: Path) -> Path:
    """The reflection circle with markup in its name, first title, prompt and ground rules."""
    source = (UI.parent / "formats" / "reflection-circle.toml").read_text(encoding="utf-8")
    source = source.replace('name = "Reflection circle"', f'name = "Circle [/] {TITLE}"', 1)
    source = source.replace('title = "Contract"', f'title = "{TITLE}"', 1)
    source = source.replace(
        'prompt = "What is our focus today, and which ground rules do we keep?"',
        f'prompt = "{PROMPT}"',
        1,
    )
    path = folder / "reflection-circle.toml"
    path.write_text(source, encoding="utf-8")
    return path


def hostile_live(sessions: Path, tmp_path: Path, clock: FakeClock) -> LiveSession:
    fmt = load_format_file(hostile_format(tmp_path))
    assert fmt.phases[0].title == TITLE and fmt.phases[0].prompt == PROMPT
    return start_session(sessions, fmt, parse_participants(NAMES), clock, group="Nord [/]")


async def test_markup_in_every_user_text_shows_as_typed(sessions: Path, tmp_path: Path) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    live = hostile_live(sessions, tmp_path, clock)
    app = ConsoleApp(live)
    async with app.run_test(size=(160, 45)) as pilot:
        seen = screen_text(app)
        assert TITLE in seen and PROMPT in seen
        await pilot.press("a", *"focus [/] here", "enter")
        await pilot.press("n")
        assert "focus [/] here" in screen_text(app)
        await pilot.press("ctrl+s")
        assert live.state.phase == 1
        for _person in live.plan.participants:
            await pilot.press("space")
            speaker = live.plan.name(live.state.speaker or 0)
            assert speaker in screen_text(app)
            clock.advance(10)
        await pilot.press("tab", *NOTE, "enter")
        assert NOTE in screen_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        live.execute(NextPhase(confirmed=True))
        while live.plan.phases[live.state.phase or 0].kind.value != "closing":
            live.execute(NextPhase(confirmed=True))
        await pilot.press("a", *ITEM, "enter")
        seen = screen_text(app)
        assert "share [red]the[/] list" in seen and "Cai[/]" in seen
        for name in ("Anna-Lena [HR]", "[bold]Bo[/bold]"):
            assert name in seen
    assert app.return_code in (None, 0)
    live.close()

    # resume: the same session opens again, and so does the wall.
    again = load_session(live.folder.path, FakeClock(clock.now()))
    resumed = ConsoleApp(again)
    async with resumed.run_test(size=(160, 45)) as pilot:
        again.execute(GiveWord())
        again.execute(AdjustTime(30))
        await pilot.pause()
        assert "Cai[/]" in screen_text(resumed)
    again.close()
    wall = DisplayApp(Follower(sessions, live.folder.path.name, clock=FakeClock(clock.now())))
    async with wall.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        seen = screen_text(wall)
        assert "Anna-Lena [HR]" in seen and NOTE not in seen


async def test_a_format_named_with_markup_is_offered_as_typed(
    sessions: Path, tmp_path: Path
) -> None:
    formats = Path(os.environ["CIRCLE_TUI_FORMATS"])
    formats.mkdir(parents=True)
    hostile_format(tmp_path).replace(formats / "mine.toml")
    source = (formats / "mine.toml").read_text(encoding="utf-8")
    (formats / "mine.toml").write_text(
        source.replace('id = "reflection-circle"', 'id = "mine"'), encoding="utf-8"
    )
    (formats / "broken.toml").write_text('id = "[/]"\nname = "x [/]"\n', encoding="utf-8")
    app = StartApp(sessions)
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#format", Select).value = "mine"
        await pilot.pause()
        assert f"Circle [/] {TITLE}" in screen_text(app)
        assert f"{TITLE} →" in screen_text(app)  # the plan, phase by phase


def test_every_static_and_label_in_the_ui_takes_its_text_as_text() -> None:
    """A new Static or Label that reads markup would bring the crash back."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id in {"Static", "Label", "OptionList"}:
                markup = [k.value for k in node.keywords if k.arg == "markup"]
                plain = markup and isinstance(markup[0], ast.Constant) and not markup[0].value
                if not plain:
                    found.append(f"{path.name}:{node.lineno}")
    assert not found, "give these markup=False: " + ", ".join(found)
