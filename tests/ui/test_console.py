"""Drive the console with keys, as a facilitator would (Pilot, headless)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from circle_tui.app.live import LiveSession, start_session
from circle_tui.core.decide import AgreeContract
from circle_tui.core.formats import Timing
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format
from circle_tui.ui.console import ConsoleApp

CANARY = "CANARY-9c1e-private-note"


def new_live(sessions: Path, clock: FakeClock, names: str = "Ane,Bo,Cai") -> LiveSession:
    return start_session(
        sessions,
        find_format("reflection-circle"),
        parse_participants(names),
        clock,
        group="Team Nord",
    )


def screen_text(app: App[Any]) -> str:
    """Everything painted now, as text: every screen in the stack, top last."""
    return "\n".join(
        strip.text for screen in app.screen_stack for strip in screen._compositor.render_strips()
    )


def allow_notes(live: LiveSession) -> None:
    """The group agreed the contract, notes allowed (still in the contract phase)."""
    live.execute(AgreeContract(focus="handovers", ground_rules=(), notes_allowed=True))


async def speak_round(pilot: Pilot[None], clock: FakeClock, seconds: list[float]) -> None:
    await pilot.press("space")
    for duration in seconds:
        clock.advance(duration)
        await pilot.press("space")


async def test_a_full_circle_by_keys(sessions: Path) -> None:
    clock = FakeClock()
    live = new_live(sessions, clock)
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        # Contract: set the focus, then n asks whether the group agreed.
        await pilot.press("a")
        await pilot.press(*"handovers")
        await pilot.press("enter")
        clock.advance(120)
        await pilot.press("n")
        assert "Has the group agreed" in screen_text(app)
        await pilot.press("ctrl+s")
        assert live.state.phase == 1 and live.state.contract is not None
        assert live.state.contract.focus == "handovers"

        # Check-in: each speaks once; Cai passes and is asked again at the end.
        order = live.state.order
        await pilot.press("space")
        first = live.plan.name(order[0])
        assert first in str(app.console_screen.query_one("#speaker").render())
        clock.advance(30)
        await pilot.press("x")  # first speaker passes
        assert live.state.status_of(order[0]) == "passed"
        clock.advance(40)
        await pilot.press("space")
        clock.advance(50)
        await pilot.press("space")  # the one who passed gets the word again
        assert live.state.speaker == order[0]
        clock.advance(20)
        await pilot.press("space")
        assert live.state.still_to_speak() == []
        await pilot.press("n")
        assert live.state.phase == 2

        # Reflection round with a pause and extra time.
        await pilot.press("space")
        clock.advance(100)
        await pilot.press("p")
        assert "PAUSED" in screen_text(app)
        clock.advance(300)  # not charged
        await pilot.press("p")
        await pilot.press("plus")
        clock.advance(170)  # 270 s of 210: overtime
        await pilot.press("space")
        await pilot.press("b")  # back to the first speaker
        assert live.state.speaker == live.state.order[0]
        await pilot.press("space")
        clock.advance(60)
        await pilot.press("space")
        clock.advance(60)
        await pilot.press("space")
        await pilot.press("n")
        assert live.state.phase == 3

        # Disagreement: a point and what was learned.
        await pilot.press("a", *"evening shifts", "enter")
        await pilot.press("a", *"learned: we mean different things by urgent", "enter")
        await pilot.press("n")  # nobody spoke: asks first
        await pilot.press("y")
        assert live.state.phase == 4

        # Closing: a take-away and an agreement with owner and date.
        await speak_round(pilot, clock, [30, 30, 30])
        await pilot.press("a", *"I: ask before I assume", "enter")
        await pilot.press("a", *"share the checklist @Bo by 2026-12-01", "enter")
        await pilot.press("n")  # the read-back of what leaves the room
        assert "What leaves the room" in screen_text(app) and "ask before I assume" in screen_text(
            app
        )
        await pilot.press("y")
        assert live.state.closed
        shown = screen_text(app)
        assert "The circle is closed. This is what leaves the room." in shown
        assert "Speaking time" in shown or "Contract" in shown
        await pilot.press("escape")  # back to the (closed) circle
        assert "The circle is closed; the summary is in" in screen_text(app)

    summary = live.folder.summary_path.read_text()
    assert "**Focus:** handovers" in summary
    assert "- evening shifts" in summary
    assert "- we mean different things by urgent" in summary
    assert "**For myself:** ask before I assume" in summary
    assert "share the checklist (owner: Bo; due: 2026-12-01)" in summary
    # The round: first speaker 100 + 170 s (then back, no time); the pause is not charged.
    assert live.state.used[(2, order_of(live, 2)[0])] == 270
    assert "| 1 | Contract | 5:00 | 2:00 |" in summary


def order_of(live: LiveSession, phase: int) -> tuple[int, ...]:
    from circle_tui.core.decide import speaking_order

    return speaking_order(live.state, phase)


async def test_private_notes_stay_behind_the_curtain(sessions: Path) -> None:
    clock = FakeClock()
    live = new_live(sessions, clock)
    allow_notes(live)
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("tab")
        await pilot.press(*CANARY, "enter")
        assert CANARY in screen_text(app)  # the facilitator sees it...
        await pilot.press("h")
        assert CANARY not in screen_text(app)  # ...until the curtain falls
        await pilot.press("tab")  # tab does not lift the curtain
        assert CANARY not in screen_text(app) and "behind the curtain" in screen_text(app)
        await pilot.press("h")  # lifting it is an explicit act, and said
        assert CANARY in screen_text(app) and "visible again" in screen_text(app)
        await pilot.press("tab", *"half typed h")
        await pilot.press("ctrl+o")  # while typing: the curtain falls all the same
        shown = screen_text(app)
        assert CANARY not in shown and "half typed" not in shown
        assert "h shows them again" in shown
        await pilot.press("ctrl+o", "a", *"we: rotas", "ctrl+o")  # typing a shared item
        shown = screen_text(app)
        assert "ctrl+o shows them again" in shown  # h would be typed there
        assert app.console_screen.query_one("#item-input").value == "we: rotas"  # type: ignore[attr-defined]
    assert [n.body.reveal() for n in live.journal.notes()] == [CANARY]
    assert live.state.phase == 0  # typing the note did not drive the circle


async def test_the_curtain_falls_in_every_dialog_and_escape_leaves_the_field(
    sessions: Path,
) -> None:
    from circle_tui.core.decide import NextPhase
    from circle_tui.core.formats import PhaseKind
    from circle_tui.core.items import parse_item
    from tests.ui.test_wall_messages import until

    clock = FakeClock()
    live = new_live(sessions, clock)
    allow_notes(live)
    live.execute(NextPhase())  # the check-in
    live.execute(parse_item("we: rotas are fair", PhaseKind.CHECKIN))
    app = ConsoleApp(live)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("tab", *CANARY, "enter")
        await pilot.press("tab", *"half", "escape")  # escape leaves the field...
        await pilot.press("p")  # ...so the next key drives the circle
        assert live.state.paused and app.focused is None
        await pilot.press("p")
        # Each dialog over the console: the help, the withdrawal list, the palette,
        # a question, the reopened contract. ctrl+o hides the notes beside it.
        for opening in (("question_mark",), ("w",), ("ctrl+p",), ("n",), ("N", "n")):
            await pilot.press(*opening)
            await until(pilot, lambda: len(app.screen_stack) > 1)
            assert CANARY in screen_text(app), opening
            await pilot.press("ctrl+o")
            assert CANARY not in screen_text(app), opening
            await pilot.press("ctrl+o")  # lifted again, on purpose
            assert CANARY in screen_text(app), opening
            await pilot.press("escape")
            await until(pilot, lambda: len(app.screen_stack) == 1)
    live.close()


async def test_projector_mode_starts_with_the_notes_hidden(sessions: Path) -> None:
    clock = FakeClock()
    live = new_live(sessions, clock)
    live.add_note(CANARY)
    app = ConsoleApp(live, projector=True)
    async with app.run_test(size=(100, 30)) as pilot:
        assert CANARY not in screen_text(app)
        await pilot.press("h")
        assert CANARY in screen_text(app)


async def test_keys_typed_into_notes_do_not_drive_the_circle(sessions: Path) -> None:
    clock = FakeClock()
    live = new_live(sessions, clock)
    allow_notes(live)
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("tab", *"n p x b space", "enter", "tab")
        assert live.state.phase == 0 and not live.state.paused
        assert [n.body.reveal() for n in live.journal.notes()] == ["n p x b space"]


async def test_help_shows_every_key(sessions: Path) -> None:
    app = ConsoleApp(new_live(sessions, FakeClock()))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        text = screen_text(app)
        for words in ("privacy curtain", "previous speaker", "Pause or resume", "passes"):
            assert words in text


async def test_a_refusal_is_said_plainly(sessions: Path) -> None:
    app = ConsoleApp(new_live(sessions, FakeClock()))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x")
        assert "Nobody has the word" in screen_text(app)


async def test_escape_cancels_a_shared_item(sessions: Path) -> None:
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", *"half typed", "escape")
        assert live.state.items == []
        assert not app.console_screen.query_one("#item-input").display
        await pilot.press("n")  # keys drive the circle again
        assert "Has the group agreed" in screen_text(app)


async def test_hard_time_box_moves_the_word_on_by_itself(sessions: Path) -> None:
    fmt = find_format("reflection-circle")
    phases = list(fmt.phases)
    phases[1] = phases[1].model_copy(update={"timing": Timing.HARD})
    clock = FakeClock()
    live = start_session(
        sessions,
        fmt.model_copy(update={"phases": tuple(phases)}),
        parse_participants("Ane,Bo,Cai"),
        clock,
    )
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"handovers", "ctrl+s", "space")
        first = live.state.speaker
        assert first is not None
        clock.advance(61)
        await pilot.pause(0.3)  # a few ticks of the repaint timer
        assert live.state.speaker not in (None, first)
        assert live.state.used[(1, first)] == 60  # cut at the deadline, not at the tick
