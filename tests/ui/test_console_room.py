"""The console in front of a room: the circle, the contract, the bell, small windows."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from circle_tui.app.live import load_session
from circle_tui.core.decide import GiveWord, NextPhase
from circle_tui.core.settings import Settings
from circle_tui.core.timing import FakeClock
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.widgets.circle import Seat, fit
from tests.ui.test_console import CANARY, new_live, screen_text

NAMES = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll")), min_size=1, max_size=24)


@settings(max_examples=300, deadline=None)
@given(
    names=st.lists(NAMES, min_size=2, max_size=40),
    width=st.integers(min_value=20, max_value=240),
    height=st.integers(min_value=6, max_value=66),
)
def test_labels_around_the_ellipse_never_overlap_or_leave_the_box(
    names: list[str], width: int, height: int
) -> None:
    seats = [Seat(name, "", "·", "") for name in names]
    placed = fit(seats, width, height)
    if placed is None:
        return  # the widget shows a grid instead
    assert len(placed) == len(names)
    rows: dict[int, list[tuple[int, int]]] = {}
    for spot in placed:
        assert 0 <= spot.y < height
        assert spot.x >= 0 and spot.x + cell_len(spot.text) <= width
        rows.setdefault(spot.y, []).append((spot.x, spot.x + cell_len(spot.text)))
    for spans in rows.values():
        spans.sort()
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert start > end


@pytest.mark.parametrize(
    ("people", "size"), [(2, (80, 24)), (12, (80, 24)), (20, (120, 40)), (40, (160, 48))]
)
async def test_everyone_is_on_the_circle_with_their_full_name(
    sessions: Path, people: int, size: tuple[int, int]
) -> None:
    names = [f"Person{n:02d}" for n in range(people)]
    live = new_live(sessions, FakeClock(), ",".join(names))
    app = ConsoleApp(live, projector=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for name in names:
            assert name in text


async def test_a_crowded_small_window_shortens_names_but_keeps_everyone(sessions: Path) -> None:
    names = [f"Participant{n:02d}" for n in range(40)]
    live = new_live(sessions, FakeClock(), ",".join(names))
    app = ConsoleApp(live)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert text.count("○ P") == 40  # every seat, with its status mark and initial
        await pilot.press("h")  # the notes make way: the circle gets their room
        await pilot.pause()
        assert screen_text(app).count("○ Par") == 40


async def test_the_contract_is_edited_and_agreed_with_notes_refused(sessions: Path) -> None:
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        assert "Has the group agreed on this contract?" in screen_text(app)
        # The dialog opens in the focus field; enter goes on to the rules.
        await pilot.press(*"night handovers", "enter")
        await pilot.press(*["down"] * 12, "end", "enter")
        await pilot.press(*"Phones stay in the bag.")
        await pilot.press("tab", "space")  # the group says: no notes today
        await pilot.press("ctrl+s")
        contract = live.state.contract
        assert contract is not None
        assert contract.focus == "night handovers"
        assert contract.ground_rules[-1] == "Phones stay in the bag."
        assert not contract.notes_allowed
        assert live.state.phase == 1
        await pilot.press("tab", *CANARY, "enter")  # into the closed field: dropped
        assert live.journal.notes() == [] and live.state.items == []
        assert CANARY not in screen_text(app)
        assert "the group asked for no notes" in screen_text(app)


async def test_escape_leaves_the_contract_unagreed(sessions: Path) -> None:
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "escape")
        assert live.state.contract is None and live.state.phase == 0
        assert "not agreed yet" in screen_text(app)
        await pilot.press("space")
        assert live.state.speaker is None  # nothing starts before the contract


@pytest.mark.parametrize(("bell", "rings"), [(True, 1), (False, 0)])
async def test_the_bell_rings_once_at_zero_only_when_asked_for(
    sessions: Path, monkeypatch: pytest.MonkeyPatch, bell: bool, rings: int
) -> None:
    clock = FakeClock()
    live = new_live(sessions, clock)
    live.execute(NextPhase(confirmed=True))
    live.execute(GiveWord())  # a 60 s check-in turn
    app = ConsoleApp(live, settings=Settings(bell=bell))
    rung: list[int] = []
    monkeypatch.setattr(app, "bell", lambda: rung.append(1))
    async with app.run_test(size=(100, 30)) as pilot:
        clock.advance(59)
        await pilot.pause(0.25)
        assert rung == []
        clock.advance(2)
        await pilot.pause(0.25)
        clock.advance(10)
        await pilot.pause(0.25)
        assert len(rung) == rings
        assert "OVERTIME" in screen_text(app)


async def test_a_tiny_window_says_so_and_the_circle_comes_back(sessions: Path) -> None:
    clock = FakeClock()
    live = new_live(sessions, clock, "Ane,Bo,Cai,Dag")
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        for size in [(59, 30), (100, 17), (20, 5)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert "too small" in " ".join(screen_text(app).split())
        await pilot.resize_terminal(1, 1)  # never crashes, however small
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        text = screen_text(app)
        assert "too small" not in text and "Dag" in text
        await pilot.press("n", *"handovers", "ctrl+s")  # the keys still work after all that
        assert live.state.phase == 1


async def test_minus_reopen_and_quit_by_keys(sessions: Path) -> None:
    clock = FakeClock()
    live = new_live(sessions, clock)
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        # Contract agreed, the check-in runs.
        await pilot.press("n", *"handovers", "ctrl+s", "space")
        speaker = live.state.speaker
        assert speaker is not None
        await pilot.press("minus")
        assert live.state.budget(1, speaker) == 30  # 60 s time box, 30 s taken
        assert "0:30" in screen_text(app)
        await pilot.press("N")  # shift+n: the check-in was started by mistake
        assert live.state.phase == 0
        assert "▶ Contract" in screen_text(app)
        await pilot.press("n")  # the reopened contract opens as agreed, to edit or agree
        shown = screen_text(app)
        assert "As the group agreed it at" in shown and "handovers" in shown
        await pilot.press("ctrl+s")
        assert live.state.phase == 1
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    again = load_session(live.folder.path, clock, readonly=True)
    assert again.state.phase == 1 and again.state.contract is not None


async def test_the_phase_bar_shortens_to_numbers_when_narrow(sessions: Path) -> None:
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:

        def first_line() -> str:
            return screen_text(app).splitlines()[0]

        assert "· Where we differ  · Closing" in first_line()
        await pilot.resize_terminal(64, 24)
        await pilot.pause()
        # The phases farthest from the current one shrink to numbers first.
        shown = first_line().split()
        assert shown[:4] == ["▶", "Contract", "·", "Check-in"] and shown[-2:] == ["·", "5"]
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert "· Where we differ  · Closing" in first_line()
