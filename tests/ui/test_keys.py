"""Keys never change meaning by timing: a burst of keys means what it would typed slowly.

A terminal hands the app every key that arrived since its last read in one
go: typed fast, or typed while the loop was busy (a slow disk). `burst`
queues all of a sequence before the app handles the first, which is the
worst case of that; the slow case is `pilot.press`, one key at a time.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from circle_tui.core.events import ItemKind
from circle_tui.core.timing import FakeClock
from circle_tui.ui.console import ConsoleApp
from tests.ui.test_console import new_live, screen_text

NOTES = [f"Anna cried SECRET{n}" for n in range(1, 7)]
"""Notes as a facilitator writes them: capital A, spaces, letters that are keys (a, n, p, x)."""


def key_event(key: str) -> events.Key:
    """The event a terminal gives for `key`: one character, or a key name such as "enter"."""
    if len(key) == 1:
        return events.Key(key if key.isalnum() else _character_to_key(key), key)
    return events.Key(key, " " if key == "space" else None)


async def burst(pilot: Pilot[None], app: App[None], *keys: str) -> None:
    """Queue every key before the app handles any, then wait until all are handled."""
    driver = app._driver
    assert driver is not None and isinstance(app, ConsoleApp)
    done = app.keys_carried_out + len(keys)
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        driver.send_message(event)
    while app.keys_carried_out < done:
        await pilot.pause()


async def agreed(pilot: Pilot[None], app: ConsoleApp) -> None:
    await pilot.press("n", *"handovers", "ctrl+s")
    assert app.live.state.contract is not None and app.live.state.phase == 1


async def test_notes_typed_in_a_burst_stay_private_and_every_command_means_itself(
    sessions: Path,
) -> None:
    """space, tab, the note, enter: six times, each in one burst (issue 18's leak)."""
    clock = FakeClock()
    live = new_live(sessions, clock, names="Ane,Bo,Cai,Dina,Eli,Finn")
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await agreed(pilot, app)
        for note in NOTES:
            clock.advance(20)
            await burst(pilot, app, "space", "tab", *note, "enter")
        state = live.state
        assert [n.body.reveal() for n in live.journal.notes()] == NOTES
        assert state.items == []  # nothing became a shared item
        assert not state.paused and state.phase == 1  # no p, n or x ran
        assert len(state.turns) == 6 and state.status_of(state.order[0]) == "spoken"
        assert app.console_screen.focused is None  # enter left the field
        assert "SECRET" not in str(app.console_screen.query_one("#shared").render())


async def test_a_burst_right_after_tab_goes_into_the_note_not_the_circle(sessions: Path) -> None:
    clock = FakeClock()
    live = new_live(sessions, clock)
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await agreed(pilot, app)
        await burst(pilot, app, "tab", *"a n p x b + -", "enter", "a", *"we: slow", "enter")
        assert [n.body.reveal() for n in live.journal.notes()] == ["a n p x b + -"]
        [item] = live.state.items  # the a after the note's enter opened the shared field
        assert (item.kind, item.text) == (ItemKind.TAKEAWAY, "slow")
        assert live.state.phase == 1 and not live.state.paused and live.state.extra == {}


async def test_typing_yes_into_the_contract_records_nothing(sessions: Path) -> None:
    """The dialog opens in the focus field: "yes today" is text, never an answer."""
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await burst(pilot, app, "n", *"yes today", "enter", *"y", "space", "y")
        assert live.state.contract is None and live.state.phase == 0
        screen = app.screen
        assert screen.query_one("#contract-focus", Input).value == "yes today"
        rules = screen.query_one("#contract-rules", TextArea)
        assert rules.text.startswith("y y")  # typed into the rules
        await pilot.press("ctrl+s")  # the one key that agrees
        contract = live.state.contract
        assert contract is not None and contract.focus == "yes today"


async def test_the_contract_opens_empty_with_the_question_as_placeholder(sessions: Path) -> None:
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        field = app.screen.query_one("#contract-focus", Input)
        assert field.value == "" and field.placeholder == live.plan.format.focus
        assert field.has_focus
        assert "ctrl+s the group agrees (the only key that records it)" in screen_text(app)
        await pilot.press("ctrl+s")  # an untouched field records nothing
        assert live.state.contract is None and "The focus is empty" in screen_text(app)
        for button in ("#agree", "#cancel"):
            assert not app.screen.query_one(button).can_focus  # no enter or space presses them


async def test_keys_typed_right_after_tab_are_never_replaced_by_the_next_ones(
    sessions: Path,
) -> None:
    """Textual selects an Input's text when it gets the focus, a moment after `tab`.

    Keys typed in that moment would be selected and replaced by the next one
    ("Anna" kept as "na"): seen in a real terminal, at 12 keys a second.
    """
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await agreed(pilot, app)
        await burst(pilot, app, "tab", "A", "n")  # typed before the field took the focus
        await burst(pilot, app, *"na cried", "enter")
        assert [n.body.reveal() for n in live.journal.notes()] == ["Anna cried"]
