"""The console and the wall in each language, at the smallest supported size.

Danish, Norwegian and Dutch words run longer than English ones. Each screen is
fixed as a snapshot, and checked word by word: every word a widget holds is
painted inside the widget (nothing cut off or pushed out of the window), and
every key in the footer fits on the screen.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea
from textual.widgets._footer import FooterKey

from circle_tui.app.follow import Follower
from circle_tui.app.live import LiveSession, start_session
from circle_tui.core.decide import AgreeContract, GiveWord, NextPhase, PassTurn
from circle_tui.core.i18n import LANGUAGES
from circle_tui.core.items import parse_item
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.languages import set_language
from circle_tui.store.format_files import find_format
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.display import DisplayApp
from circle_tui.ui.start import StartApp
from tests.ui.test_snapshots import Snap, do

SIZE = (80, 24)
FOCUS = {
    "en": "handovers between shifts",
    "da": "overlevering mellem vagterne",
    "nb": "overlevering mellom vaktene",
    "nl": "overdracht tussen de diensten",
}
POINT = {
    "en": "calling or writing in the log",
    "da": "ringe eller skrive i loggen",
    "nb": "ringe eller skrive i loggen",
    "nl": "bellen of schrijven in het logboek",
}


def disagreement(sessions: Path, language: str) -> tuple[LiveSession, FakeClock]:
    """Where we differ: a point named, one person passed, the third speaker in overtime."""
    set_language(language)
    clock = FakeClock(start=1_790_000_000.0)
    fmt = find_format("reflection-circle")
    people = parse_participants("Ane,Bo,Cai,Dag,Eir")
    live = start_session(sessions, fmt, people, clock, group="Nord", language=language)
    do(live, AgreeContract(FOCUS[language], live.plan.format.ground_rules), NextPhase())
    while live.state.phase != 3:
        do(live, NextPhase(confirmed=True))
    do(live, parse_item(POINT[language], live.plan.format.phases[3].kind), GiveWord())
    clock.advance(100)
    do(live, PassTurn())
    clock.advance(30)
    do(live, GiveWord())
    clock.advance(135)  # 2 min each: 15 s over
    return live, clock


def cut_off(app: App[Any]) -> list[str]:
    """Words a widget holds that the screen does not show inside it."""
    lines = [strip.text for strip in app.screen._compositor.render_strips()]
    width, height = app.size
    lost = []
    for widget in app.screen.query(Static):
        region = widget.region
        if not widget.display or not region.area:
            continue
        painted = " ".join(
            line[region.x : region.right] for line in lines[region.y : region.bottom]
        )
        shown = set(re.findall(r"\w+", painted))
        held = re.findall(r"\w+", str(widget.render()))
        lost += [f"#{widget.id}: {word}" for word in held if word not in shown]
        if region.right > width or region.bottom > height:
            lost.append(f"#{widget.id}: outside the window")
    for key in app.screen.query(FooterKey):
        if key.region.area and key.region.right > width:
            lost.append(f"footer: {key.description}")
    return lost


@pytest.mark.parametrize("language", LANGUAGES)
def test_console_in_each_language(snap_compare: Snap, sessions: Path, language: str) -> None:
    live, _ = disagreement(sessions, language)
    app = ConsoleApp(live)

    async def check(pilot: object) -> None:
        assert cut_off(app) == []

    assert snap_compare(app, terminal_size=SIZE, run_before=check)


@pytest.mark.parametrize("language", LANGUAGES)
def test_display_in_each_language(snap_compare: Snap, sessions: Path, language: str) -> None:
    _, clock = disagreement(sessions, language)
    set_language("en")  # the wall takes the session's language by itself
    app = DisplayApp(Follower(sessions, clock=clock))

    async def check(pilot: object) -> None:
        assert cut_off(app) == []

    assert snap_compare(app, terminal_size=SIZE, run_before=check)


def outside(app: App[Any], selector: str) -> list[str]:
    """Widgets matching `selector` not wholly inside the window (cut off at its edge)."""
    width, height = app.size
    return [
        f"{widget!r} at {widget.region}"
        for widget in app.screen.query(selector)
        if widget.display
        and (not widget.region.area or widget.region.right > width or widget.region.bottom > height)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_start_screen_in_each_language(snap_compare: Snap, language: str) -> None:
    set_language(language)
    app = StartApp()

    async def check(pilot: Pilot[object]) -> None:
        await pilot.press(*"Ane, Bo, Cai, Dag")
        for field in app.screen.query(Input):  # a blinking cursor: no fixed picture
            field.cursor_blink = False
        await pilot.pause()
        assert cut_off(app) == []
        assert outside(app, "Button, Input, Select") == []  # the Start button in view

    assert snap_compare(app, terminal_size=SIZE, run_before=check)


@pytest.mark.parametrize("language", LANGUAGES)
def test_contract_dialog_in_each_language(
    snap_compare: Snap, sessions: Path, language: str
) -> None:
    set_language(language)
    fmt = find_format("reflection-circle")
    people = parse_participants("Ane,Bo,Cai,Dag,Eir")
    clock = FakeClock(start=1_790_000_000.0)
    live = start_session(sessions, fmt, people, clock, group="Nord", language=language)
    app = ConsoleApp(live)

    async def check(pilot: Pilot[object]) -> None:
        await pilot.press("n")
        await pilot.pause()
        for field in app.screen.query("Input, TextArea"):  # a blinking cursor: no fixed picture
            if isinstance(field, Input | TextArea):
                field.cursor_blink = False
        await pilot.pause()
        assert cut_off(app) == []
        assert outside(app, "#dialog, #dialog Button, #dialog Checkbox, #answers") == []

    assert snap_compare(app, terminal_size=SIZE, run_before=check)
