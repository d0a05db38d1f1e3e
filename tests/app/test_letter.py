"""The organisation letter: what groups ask of the organisation, and the answer coming back
at the group's next check-in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from circle_tui.app.letter import answer, letter_items
from circle_tui.app.live import start_session
from circle_tui.cli import main
from circle_tui.core.decide import AgreeContract, NextPhase
from circle_tui.core.followup import review_phase
from circle_tui.core.items import parse_item
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format
from circle_tui.ui.widgets.shared import shared_text

EXAMPLES = Path(__file__).resolve().parents[2] / "sessions"
NORD = "Team Nord (fictional)"
AFTER_THE_LAST = 1_800_000_000.0  # 2027-01-15, after Team Nord's fourth session


@pytest.fixture
def sessions(tmp_path: Path) -> Path:
    root = tmp_path / "sessions"
    root.mkdir(mode=0o700)
    for folder in EXAMPLES.glob("example-reflection-circle*"):
        shutil.copytree(folder, root / folder.name)
    return root


def meet(root: Path, group: str, at: float, people: str = "Ane,Bo,Cai") -> None:
    """A short real session of `group` that names one take-away for the organisation."""
    clock = FakeClock(start=at)
    live = start_session(
        root, find_format("reflection-circle"), parse_participants(people), clock, group=group
    )
    live.execute(AgreeContract("the rota", live.plan.format.ground_rules))
    while live.state.current_phase is not None and live.state.current_phase.kind.value != "closing":
        live.execute(NextPhase(confirmed=True))
    phase = live.state.current_phase
    assert phase is not None
    live.execute(parse_item("org: Ane says the rota leaves no time to train newcomers", phase.kind))
    live.execute(NextPhase(confirmed=True))
    assert live.state.closed
    live.close()


def test_the_letter_holds_every_groups_take_aways_without_names(sessions: Path) -> None:
    meet(sessions, "Team Vest", AFTER_THE_LAST)
    items = letter_items(sessions)
    texts = [item.text for item in items]
    assert "the log template has no field for open questions" in texts
    assert any("introduktionsplanen" in text for text in texts)  # Team Syd, in Danish
    vest = next(item for item in items if item.group == "Team Vest")
    assert "Ane" not in vest.text and vest.text.startswith("P")
    assert len({item.id for item in items}) == len(items)


def test_an_answer_comes_back_at_the_next_check_in_once(
    sessions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = next(i.id for i in letter_items(sessions, NORD) if "log template" in i.text)
    answer(sessions, key, "The March template has a field for open questions.", AFTER_THE_LAST)
    assert main(["letter", "--sessions-dir", str(sessions)]) == 0
    letter = capsys.readouterr().out
    assert "## Answered" in letter and "March template" in letter

    clock = FakeClock(start=AFTER_THE_LAST + 86_400)
    live = start_session(
        sessions,
        find_format("reflection-circle"),
        parse_participants("Ane,Bo,Cai,Dina"),
        clock,
        group="team nord (fictional)",
    )
    (back,) = live.plan.org_answers
    assert back.takeaway == "the log template has no field for open questions"
    live.execute(AgreeContract("the rota", live.plan.format.ground_rules))
    while live.state.phase != review_phase(live.plan):
        live.execute(NextPhase(confirmed=True))
    shown = shared_text(live.state).plain
    assert "The organisation answered" in shown
    assert "asked 2026-11-18" in shown or "asked 18 Nov 2026" in shown
    assert "March template" in shown
    live.close()
    # Heard once: the session after that one does not bring it back.
    clock.advance(14 * 86_400)
    again = start_session(
        sessions, find_format("reflection-circle"), parse_participants("Ane,Bo"), clock, group=NORD
    )
    assert again.plan.org_answers == ()
    again.close()


def test_an_unknown_id_and_a_damaged_answers_file(
    sessions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["letter", "--sessions-dir", str(sessions)]
    assert main([*args, "answer", "abcdef", "yes"]) == 1
    assert "abcdef" in capsys.readouterr().err
    (sessions / "answers.toml").write_text('[[answer]]\nid = "XYZ"\n', encoding="utf-8")
    assert main(args) == 1
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and "answers.toml" in error and ":2" in error
    # A damaged answers file never stops a group's next session.
    live = start_session(
        sessions,
        find_format("reflection-circle"),
        parse_participants("Ane,Bo"),
        FakeClock(start=AFTER_THE_LAST),
        group=NORD,
    )
    assert live.plan.org_answers == ()
    live.close()
