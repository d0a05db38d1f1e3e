"""Check-in questions that do not repeat: a group gets the one it has not had longest, and the
facilitator swaps it with one key."""

from __future__ import annotations

from pathlib import Path

from circle_tui.app.live import LiveSession, start_session
from circle_tui.app.report import session_summary
from circle_tui.core.decide import AgreeContract, GiveWord, NextPhase, Refusal, SwapQuestion
from circle_tui.core.formats import CircleFormat
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format
from circle_tui.ui.console import ConsoleApp
from tests.ui.test_console import screen_text

POOL = (
    "What did you bring into the room today?",
    "What went well for you since we last met?",
    "What would you like the group to know about you today?",
)


def pooled() -> CircleFormat:
    """The reflection circle with a pool of three check-in questions."""
    fmt = find_format("reflection-circle")
    phases = tuple(
        phase.model_copy(update={"questions": POOL}) if phase.kind.value == "checkin" else phase
        for phase in fmt.phases
    )
    return fmt.model_copy(update={"phases": phases})


def meet(sessions: Path, at: float, swaps: int = 0) -> LiveSession:
    clock = FakeClock(start=at)
    live = start_session(sessions, pooled(), parse_participants("Ane,Bo,Cai"), clock, group="Nord")
    live.execute(AgreeContract("the rota", live.plan.format.ground_rules))
    live.execute(NextPhase())  # the check-in
    for _ in range(swaps):
        assert not isinstance(live.execute(SwapQuestion()), Refusal)
    live.execute(GiveWord())
    clock.advance(30)
    return live


def asked(live: LiveSession) -> str:
    assert live.state.phase is not None
    return live.state.prompt_of(live.state.phase)


def test_the_group_gets_the_question_it_has_not_had_longest(sessions: Path) -> None:
    first = meet(sessions, 1_790_000_000.0, swaps=1)  # starts with the first, swaps to the second
    assert asked(first) == POOL[1]
    first.close()
    second = meet(sessions, 1_790_600_000.0)
    assert asked(second) == POOL[0]  # never had (the first was swapped away), first in the pool
    second.close()
    third = meet(sessions, 1_791_200_000.0)
    assert asked(third) == POOL[2]  # never had, while the others were had lately
    assert not isinstance(third.execute(SwapQuestion()), Refusal)
    assert asked(third) == POOL[1]  # had longest ago of the two others
    third.close()
    # What the summary keeps is the question the room was asked.
    prompts = [p.prompt for p in session_summary(third.folder.path).phases]
    assert POOL[1] in prompts


def test_a_phase_without_a_pool_refuses_a_swap(sessions: Path) -> None:
    live = start_session(
        sessions,
        find_format("reflection-circle"),
        parse_participants("Ane,Bo"),
        FakeClock(start=1_790_000_000.0),
    )
    assert isinstance(live.execute(SwapQuestion()), Refusal)
    live.close()


async def test_s_swaps_the_question_on_the_console(sessions: Path) -> None:
    live = meet(sessions, 1_790_000_000.0)
    app = ConsoleApp(live)
    async with app.run_test(size=(120, 35)) as pilot:
        assert POOL[0] in screen_text(app)
        await pilot.press("s")
        assert POOL[1] in screen_text(app) and POOL[0] not in screen_text(app)
    live.close()
