"""The start screen: inline validation, then a choice the console starts from."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Input

from circle_tui.app.live import start_session
from circle_tui.cli import main
from circle_tui.core.decide import GiveWord, NextPhase
from circle_tui.core.plan import SessionPlan, parse_participants
from circle_tui.core.timing import SystemClock
from circle_tui.store.format_files import find_format
from circle_tui.store.sessions import create_session, new_session_id
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.start import ResumeChoice, StartApp, StartChoice
from tests.ui.test_console import screen_text


async def test_start_screen_validates_as_you_type_and_returns_the_choice() -> None:
    app = StartApp()
    async with app.run_test(size=(100, 40)) as pilot:
        text = screen_text(app)
        assert "Reflection circle" in text
        assert "Contract → Check-in" in text
        await pilot.press(*"Ane, Bo, ane")
        assert "given twice: ane" in screen_text(app)
        assert app.query_one("#begin", Button).disabled
        await pilot.press("backspace", "backspace", "backspace", *"Cai=case-giver")
        assert "Cai: no role 'case-giver' here (roles: none)" in screen_text(app)
        await pilot.press(*["backspace"] * len("=case-giver"))
        assert "3 people, in seating order" in screen_text(app)
        assert not app.query_one("#begin", Button).disabled
        await pilot.press("enter")
    choice = app.return_value
    assert isinstance(choice, StartChoice)
    assert [p.name for p in choice.participants] == ["Ane", "Bo", "Cai"]
    assert choice.format.id == "reflection-circle" and choice.language == "en"


async def test_a_group_that_met_before_brings_its_people(sessions: Path) -> None:
    fmt = find_format("reflection-circle")
    for days, names in enumerate(["Old,Gone", "Ane,Bo,Cai"]):
        when = 1_790_000_000.0 + days * 86_400
        group = "Team Nord"
        plan = SessionPlan(
            session_id=new_session_id(sessions, when, group),
            format=fmt,
            participants=parse_participants(names),
            group=group,
            language="da",
            created_at=when,
        )
        create_session(sessions, plan)[1].close()
    app = StartApp(sessions)
    async with app.run_test(size=(100, 40)) as pilot:
        assert "met before: Team Nord" in screen_text(app)
        await pilot.click("#group")
        await pilot.press(*"team n", "right")  # the suggestion completes the name
        assert app.query_one("#group", Input).value == "Team Nord"
        assert app.query_one("#participants", Input).value == "Ane, Bo, Cai"
        assert "met last on 2026-09-22" in screen_text(app)
        await pilot.click("#participants")
        await pilot.press("end", *", Dag", "enter")
    choice = app.return_value
    assert isinstance(choice, StartChoice)
    assert choice.group == "Team Nord" and choice.language == "da"
    assert [p.name for p in choice.participants] == ["Ane", "Bo", "Cai", "Dag"]


async def test_the_case_giver_goes_round_and_twice_in_a_row_is_said(sessions: Path) -> None:
    fmt = find_format("collegial-sparring")
    givers = ["Ane", "Bo", "Bo"]
    for days, giver in enumerate(givers):
        when = 1_790_000_000.0 + days * 30 * 86_400
        names = ",".join(f"{n}=case-giver" if n == giver else n for n in ("Ane", "Bo", "Cai"))
        names += ",Dag=observer"
        plan = SessionPlan(
            session_id=new_session_id(sessions, when, "Sparring"),
            format=fmt,
            participants=parse_participants(names),
            group="Sparring",
            created_at=when,
        )
        create_session(sessions, plan)[1].close()
    app = StartApp(sessions)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.click("#group")
        await pilot.press(*"Sparring")
        # Cai and Dag never gave a case: Cai, first in the circle, is proposed (not Bo again;
        # Dag keeps the observer's role, which is not a one-person role here).
        assert app.query_one("#participants", Input).value == (
            "Ane, Bo, Cai=case-giver, Dag=observer"
        )
        assert "Proposed as case giver: Cai, who held it least recently" in screen_text(app)
        assert "3 sessions · balance ···" in screen_text(app)  # nobody spoke in these
        assert "twice in a row" not in screen_text(app)
        await pilot.click("#participants")
        await pilot.press("end", "ctrl+u", *"Ane, Bo=case-giver, Cai, Dag=observer")
        assert "Bo has been the case giver twice in a row: a third time?" in screen_text(app)
        await pilot.press("enter")  # a warning, not a refusal: the group may choose so
    choice = app.return_value
    assert isinstance(choice, StartChoice)
    assert [p.role for p in choice.participants][1] == "case-giver"


async def test_an_unfinished_session_is_offered_and_ctrl_r_goes_on_with_it(
    sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = start_session(
        sessions,
        find_format("reflection-circle"),
        parse_participants("Ane,Bo"),
        SystemClock(),
        group="Team Nord",
    )
    live.execute(NextPhase(confirmed=True))
    live.execute(GiveWord())
    live.close()  # the laptop crashed here
    app = StartApp(sessions)
    async with app.run_test(size=(100, 40)) as pilot:
        text = screen_text(app)
        assert "Not closed: Team Nord, started" in text and "in Check-in" in text
        await pilot.press("ctrl+r")
    assert app.return_value == ResumeChoice(live.folder.path)

    seen: dict[str, object] = {}

    def fake_console(console: ConsoleApp) -> None:
        seen["paused"] = console.live.state.paused
        seen["phase"] = console.live.state.phase

    monkeypatch.setattr(StartApp, "run", lambda self: ResumeChoice(live.folder.path))
    monkeypatch.setattr("circle_tui.cli.common.has_terminal", lambda: True)
    monkeypatch.setattr(ConsoleApp, "run", fake_console)
    assert main([]) == 0
    assert seen == {"paused": True, "phase": 1}


async def test_a_closed_session_is_not_offered(sessions: Path) -> None:
    live = start_session(
        sessions, find_format("reflection-circle"), parse_participants("Ane,Bo"), SystemClock()
    )
    while not live.state.closed:
        live.execute(NextPhase(confirmed=True))
    live.close()
    app = StartApp(sessions)
    async with app.run_test(size=(100, 40)) as pilot:
        assert "Not closed" not in screen_text(app)
        await pilot.press("ctrl+r")  # nothing to go on with: nothing happens
        assert app.is_running
