"""Settings in the console: remapped keys, the command palette, projector mode."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from circle_tui.app.actions import APP_ACTIONS, CONSOLE_ACTIONS
from circle_tui.core.settings import Settings
from circle_tui.core.timing import FakeClock
from circle_tui.store.locations import settings_path
from circle_tui.ui.console import ConsoleApp
from tests.cli.test_cli import assert_clean_error, cli
from tests.ui.test_console import CANARY, new_live, screen_text


def help_line(app: ConsoleApp, words: str) -> str:
    """The row of the help screen that explains `words`."""
    (line,) = [line for line in screen_text(app).splitlines() if words in line]
    return line


async def test_a_remapped_key_drives_the_circle_and_the_old_one_does_not(sessions: Path) -> None:
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live, settings=Settings(keys={"give-word": "enter"}))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("n", *"handovers", "ctrl+s")  # agree to the contract
        assert live.state.phase == 1
        await pilot.press("space")
        assert live.state.speaker is None
        await pilot.press("enter")
        assert live.state.speaker == live.state.order[0]
        footer = screen_text(app).splitlines()[-1]
        assert "⏎ Next speaker" in footer and "space Next speaker" not in footer


async def test_help_shows_the_remapped_key(sessions: Path) -> None:
    settings = Settings(keys={"give-word": "f5,ctrl+n", "help": "f1"})
    app = ConsoleApp(new_live(sessions, FakeClock()), settings=settings)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("question_mark")  # the old key no longer opens the help
        assert "Show the keys" not in screen_text(app)
        await pilot.press("f1")
        line = help_line(app, "Start the round")
        assert "f5, ctrl+n" in line and "space" not in line
        assert "p " in help_line(app, "Pause or resume")  # unchanged keys stay
        assert "ctrl+p" in help_line(app, "Find any of these")


async def open_palette(pilot: Pilot[None], app: ConsoleApp, query: str = "") -> CommandList:
    await pilot.press("ctrl+p", *query)
    await pilot.pause(0.3)  # the providers answer in the background
    assert isinstance(app.screen, CommandPalette)
    return app.screen.query_one(CommandList)


async def test_the_palette_lists_every_action_with_its_help(sessions: Path) -> None:
    app = ConsoleApp(new_live(sessions, FakeClock()), settings=Settings(keys={"pause": "f6"}))
    async with app.run_test(size=(120, 50)) as pilot:
        app.console_screen.query_one("#note-input").focus()  # ctrl+p works from the notes too
        listed = await open_palette(pilot, app)
        prompts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        text = "\n".join(prompts)
        for action in CONSOLE_ACTIONS + APP_ACTIONS:
            assert action.help in text, action.id
        assert "Pause · f6" in text  # with the key that does it now
        assert "Screenshot" not in text  # would write the private notes to a file


async def test_the_palette_performs_the_action_on_the_console(sessions: Path) -> None:
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("n", *"handovers", "ctrl+s")
        await open_palette(pilot, app, "give the word to the next")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert live.state.speaker == live.state.order[0]  # the word was given

        await open_palette(pilot, app, "add 30 seconds")  # an action with an argument
        await pilot.press("enter")
        await pilot.pause()
        assert live.state.extra.get((1, live.state.order[0])) == 30


async def test_over_a_dialog_the_palette_offers_only_app_actions(sessions: Path) -> None:
    app = ConsoleApp(new_live(sessions, FakeClock()))
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("question_mark")
        listed = await open_palette(pilot, app, "give the word")
        assert listed.option_count == 0


async def test_settings_projector_starts_with_the_notes_hidden(sessions: Path) -> None:
    live = new_live(sessions, FakeClock())
    live.add_note(CANARY)
    app = ConsoleApp(live, settings=Settings(projector=True))
    async with app.run_test(size=(100, 30)) as pilot:
        assert CANARY not in screen_text(app)
        await pilot.press("h")
        assert CANARY in screen_text(app)


def test_a_broken_settings_file_stops_the_cli_with_one_line(sessions: Path) -> None:
    path = settings_path()
    path.write_text('bell = true\n[keys]\ngive-wrd = "enter"\n', encoding="utf-8")
    result = cli("run", "--format", "reflection-circle", "--participants", "Ane,Bo")
    assert_clean_error(result, f"{path}:3: keys.give-wrd:", "did you mean 'give-word'?")
    assert not sessions.exists() or not any(sessions.iterdir())  # nothing was started
    assert_clean_error(cli("resume", "latest"), str(path))
