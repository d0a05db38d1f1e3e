"""The facilitator chooses who speaks, proposes the least heard, and measures open dialogue."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from circle_tui.app.follow import Follower
from circle_tui.app.live import LiveSession, start_session
from circle_tui.core.decide import AgreeContract, DecideNotes, GiveWord, NamePosition, NextPhase
from circle_tui.core.formats import CircleFormat
from circle_tui.core.plan import parse_participants
from circle_tui.core.settings import Settings
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.display import DisplayApp
from circle_tui.ui.widgets.speaker_field import SpeakerField
from tests.ui.test_console import screen_text
from tests.ui.test_wall_messages import until

START = 1_790_000_000.0
Snap = Callable[..., bool]

POPCORN = CircleFormat.model_validate(
    {
        "id": "popcorn",
        "name": "Popcorn",
        "min_people": 3,
        "phases": [
            {"kind": "round", "title": "Popcorn", "turn_seconds": 60, "order": "facilitator"},
            {"kind": "open", "title": "Open talk", "phase_seconds": 600},
        ],
    }
)


def popcorn(sessions: Path, clock: FakeClock, names: str = "Ane,Bo,Bodil,Cai") -> LiveSession:
    live = start_session(sessions, POPCORN, parse_participants(names), clock, follow_ups=())
    live.execute(DecideNotes(allowed=False))  # no contract phase: the group was asked first
    return live


async def test_c_chooses_by_letters_or_number_and_the_wall_shows_who_is_next(
    sessions: Path,
) -> None:
    clock = FakeClock(start=START)
    live = popcorn(sessions, clock)
    app = ConsoleApp(live, settings=Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c", *"ca", "enter")  # nobody has the word: Cai gets it
        assert live.state.speaker == 3
        await pilot.press("c", *"b", "enter")  # Bo or Bodil: the field stays open
        assert "fits Bo, Bodil" in screen_text(app) and live.state.chosen is None
        await pilot.press("o", "enter")  # "bo": exactly Bo
        assert live.state.speaker == 3 and live.state.chosen == 1
        wall = DisplayApp(Follower(sessions, clock=clock))
        async with wall.run_test(size=(120, 35)) as wall_pilot:
            await until(wall_pilot, lambda: "next: Bo" in screen_text(wall))
        await pilot.press("space")
        assert live.state.speaker == 1
        await pilot.press("c", "1", "enter")  # by seat number: Ane
        assert live.state.chosen == 0
        await pilot.press("c", *"zed", "enter")
        assert "Nobody who speaks now has a name starting with “zed”" in screen_text(app)
        await pilot.press("escape")
        assert live.state.chosen == 0
    live.close()


async def test_l_proposes_the_least_heard_and_enter_accepts(sessions: Path) -> None:
    clock = FakeClock(start=START)
    live = popcorn(sessions, clock)
    app = ConsoleApp(live, settings=Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        for seat, seconds in (("1", 40), ("2", 20), ("4", 30)):  # Ane, Bo, Cai speak
            await pilot.press("c", seat, "enter")
            clock.advance(seconds)
            await pilot.press("space")
        await pilot.press("l")
        assert "Spoken least so far: Bodil" in screen_text(app)
        await pilot.press("enter")
        assert live.state.speaker == 2  # nobody had the word: Bodil has it now
        clock.advance(25)
        await pilot.press("l", "enter")  # Bo (20 s) is the least heard of the others
        assert live.state.chosen == 1
    live.close()


async def test_open_dialogue_speaking_time_runs_for_whoever_is_marked(sessions: Path) -> None:
    clock = FakeClock(start=START)
    live = popcorn(sessions, clock, "Ane,Bo,Cai")
    live.execute(NextPhase(confirmed=True))  # the open talk
    app = ConsoleApp(live, settings=Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c", *"bo", "enter")
        assert live.state.speaker == 1 and "speaking: Bo" in screen_text(app)
        clock.advance(90)
        await pilot.press("c", *"ane", "enter")  # Bo's clock stops, Ane's runs
        clock.advance(30)
        await until(pilot, lambda: "1:30" in screen_text(app) and "0:30" in screen_text(app))
        assert "Speaking time · 1 not heard yet" in screen_text(app)
    live.close()


async def test_the_console_warns_of_a_circle_outside_the_formats_range(sessions: Path) -> None:
    fmt = find_format("troika-consulting")
    live = start_session(
        sessions,
        fmt,
        parse_participants("Ane,Bo,Cai,Dina,Eli,Finn"),
        FakeClock(start=START),
        follow_ups=(),
    )
    app = ConsoleApp(live, settings=Settings())
    async with app.run_test(size=(100, 30)):
        assert "Troika consulting is meant for 3-4 people; this circle has 6." in screen_text(app)
    live.close()


async def test_j_lets_a_latecomer_in_and_shift_a_marks_someone_absent(sessions: Path) -> None:
    clock = FakeClock(start=START)
    live = start_session(
        sessions,
        find_format("reflection-circle"),
        parse_participants("Ane,Bo,Cai,Dina"),
        clock,
        follow_ups=(),
    )
    live.execute(AgreeContract("handovers", live.plan.format.ground_rules))
    live.execute(NextPhase())  # the check-in
    app = ConsoleApp(live, settings=Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("A", *"cai", "enter")
        assert live.state.absent == {2}
        assert "× not here" in screen_text(app)
        await pilot.press("j", *"Eli", "enter")
        assert live.plan.participants[-1].name == "Eli" and "Eli" in screen_text(app)
        spoke = []
        for _ in range(4):
            await pilot.press("space")
            spoke.append(live.state.speaker)
        assert sorted(s for s in spoke if s is not None) == [0, 1, 3, 4]  # Cai skipped, Eli in
        await pilot.press("L", *"bo", "enter")  # shift+l, as a terminal sends it
        assert 1 in live.state.left_at
    live.close()
    summary = live.folder.path
    from circle_tui.app.reading import read_session

    state, _notes = read_session(summary)
    assert [p.name for p in state.plan.participants] == ["Ane", "Bo", "Cai", "Dina", "Eli"]
    assert state.absent == {2} and 1 in state.left_at


async def test_an_empty_choice_in_open_dialogue_is_a_silence(sessions: Path) -> None:
    clock = FakeClock(start=START)
    live = popcorn(sessions, clock, "Ane,Bo,Cai")
    live.execute(NextPhase(confirmed=True))  # the open talk
    app = ConsoleApp(live, settings=Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c", "1", "enter")
        assert live.state.speaker == 0
        clock.advance(20)
        await pilot.press("c", "enter")
        assert live.state.speaker is None
    live.close()


DISAGREEMENT = CircleFormat.model_validate(
    {
        "id": "positions",
        "name": "Positions",
        "min_people": 3,
        "phases": [
            {
                "kind": "disagreement",
                "title": "Where we differ",
                "prompt": "Where do we see the rota differently?",
                "turn_seconds": 60,
                "position_seconds": 180,
                "positions": ["Keep the rota", "Change it now", "Try it for a month"],
            },
        ],
    }
)


def three_positions(sessions: Path, clock: FakeClock) -> LiveSession:
    live = start_session(
        sessions, DISAGREEMENT, parse_participants("Ane,Bo,Cai,Dina,Eli,Finn"), clock, follow_ups=()
    )
    live.execute(DecideNotes(allowed=False))
    return live


async def test_o_names_positions_and_holders_and_the_wall_shows_a_clock_each(
    sessions: Path,
) -> None:
    clock = FakeClock(start=START)
    live = three_positions(sessions, clock)
    app = ConsoleApp(live, settings=Settings())
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("o", *"keep the rota: ane, bo, cai", "enter")
        await pilot.press("o", *"Change it now: dina", "enter")
        await pilot.press("o", *"Try it for a month: eli, finn", "enter")
        assert live.state.holders[0] == {0: 0, 1: 0, 2: 0, 3: 1, 4: 2, 5: 2}
        await pilot.press("space")  # Keep the rota
        clock.advance(50)
        await pilot.press("space")  # Change it now: Dina, the only holder
        assert live.state.speaker == 3
        clock.advance(20)
        await until(pilot, lambda: "Time per position" in screen_text(app))
        wall = DisplayApp(Follower(sessions, clock=clock))
        async with wall.run_test(size=(120, 35)) as wall_pilot:
            await until(wall_pilot, lambda: "Change it now" in screen_text(wall))
            shown = screen_text(wall)
            lines = shown.splitlines()
            top = next(i for i, line in enumerate(lines) if "Time per position" in line)
            rows = lines[top + 1 : top + 4]  # one clock per position, how many hold it, never who
            assert "Keep the rota" in rows[0] and "2:10" in rows[0] and "(3)" in rows[0]
            assert "▶ Change it now" in rows[1] and "(1)" in rows[1]
            assert "3:00" in rows[2] and "(2)" in rows[2]
            assert not any(n in "".join(rows) for n in ("Ane", "Dina"))
    live.close()


async def test_a_refused_name_keeps_the_field_as_typed(sessions: Path) -> None:
    clock = FakeClock(start=START)
    live = three_positions(sessions, clock)
    app = ConsoleApp(live, settings=Settings())
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("j", *"dina", "enter")  # the name is taken: nobody joins
        field = app.screen.query_one(SpeakerField)  # mounted after the first frame, or a key
        assert field.display and field.value == "dina"  # to correct, not to type again
        assert len(live.plan.participants) == 6
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"Gry", "enter")
        assert not field.display and live.plan.participants[-1].name == "Gry"
        await pilot.press("o", *"Do what Ane says: bo", "enter")  # a person, not a point
        assert "The position names Ane" in screen_text(app)
        assert field.display and not live.state.named_positions
        await pilot.press("escape", "o", *"Keep the rota: bo", "enter")
        await pilot.press("o", *"keep the rota: bo", "enter")  # nothing new: refused
        assert field.display and field.value == "keep the rota: bo"
        assert "Nothing new" in screen_text(app)
        await pilot.press("escape", "o", *"Do what Ane says: cai", "enter", "enter")  # asked, kept
        assert not field.display and live.state.positions_of(0)[-1] == "Do what Ane says"
    live.close()


def test_snapshot_the_wall_with_three_positions(snap_compare: Snap, sessions: Path) -> None:
    clock = FakeClock(start=START)
    live = three_positions(sessions, clock)
    for position, people in enumerate(((0, 1, 2), (3,), (4, 5))):
        live.execute(NamePosition(DISAGREEMENT.phases[0].positions[position], people))
    live.execute(GiveWord())
    clock.advance(50)
    live.execute(GiveWord())
    clock.advance(20)
    live.close()
    assert snap_compare(DisplayApp(Follower(sessions, clock=clock)), terminal_size=(120, 35))


async def test_n_starts_the_strongest_point_step_and_a_records_learning(sessions: Path) -> None:
    from circle_tui.core.events import ItemKind

    fmt = DISAGREEMENT.model_copy(
        update={
            "phases": (
                DISAGREEMENT.phases[0].model_copy(
                    update={"positions": (), "strongest_point_seconds": 45}
                ),
            )
        }
    )
    clock = FakeClock(start=START)
    live = start_session(sessions, fmt, parse_participants("Ane,Bo,Cai,Dina"), clock, follow_ups=())
    live.execute(DecideNotes(allowed=False))
    app = ConsoleApp(live, settings=Settings())
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("o", *"Keep the rota: ane, bo", "enter")
        await pilot.press("o", *"Change it: cai, dina", "enter")
        await pilot.press("space")
        clock.advance(30)
        await pilot.press("n", "y")  # everyone has not spoken: asked, yes
        await until(pilot, lambda: "Another's strongest point (✓ said)" in screen_text(app))
        assert not live.state.closed
        assert "strongest point of another position" in screen_text(app)
        await pilot.press("space")  # Keep the rota states Change it's best point
        await pilot.press("a", *"a fixed rota is fair to the new", "enter")
        assert [(i.kind, i.text) for i in live.state.items] == [
            (ItemKind.LEARNING, "a fixed rota is fair to the new")
        ]
        await pilot.press("space")  # Change it
        wall = DisplayApp(Follower(sessions, clock=clock))
        async with wall.run_test(size=(120, 35)) as wall_pilot:
            await until(wall_pilot, lambda: "Another's strongest point" in screen_text(wall))
            rows = [line for line in screen_text(wall).splitlines() if "Keep the rota" in line]
            assert rows and "✓" in rows[0]
            assert "Ane" not in "".join(rows)
        await pilot.press("space", "n")  # both have said it: nothing to ask about the step
        await until(pilot, lambda: "leaves the room" in screen_text(app))
        assert "strongest point yet" not in screen_text(app)
        await pilot.press("y")  # the read-back of the close, then the summary
        await until(pilot, lambda: live.state.closed)
    live.close()
