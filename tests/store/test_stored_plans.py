"""A stored plan is read as it was written, not judged again by today's format rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from circle_tui.core.format_checks import format_problems
from circle_tui.core.formats import CircleFormat, PhaseKind
from circle_tui.core.plan import SessionPlan, parse_participants
from circle_tui.store.files import StoreError
from circle_tui.store.sessions import PLAN_FILE, read_plan, write_plan


def stored(folder: Path, fmt: CircleFormat) -> SessionPlan:
    plan = SessionPlan(
        session_id="s1",
        format=fmt,
        participants=parse_participants("Ane,Bo,Cai"),
        created_at=1_790_000_000.0,
    )
    folder.mkdir()
    write_plan(folder, plan)
    return plan


def test_a_plan_whose_format_breaks_a_format_check_still_reads(
    tmp_path: Path, reflection: CircleFormat
) -> None:
    """A session started under older rules opens, resumes and summarizes as it ran."""
    index = next(i for i, p in enumerate(reflection.phases) if p.kind is PhaseKind.ROUND)
    phases = list(reflection.phases)
    # Only the format checks ask a round for a time box per speaker, and a group
    # size only of a groups phase.
    phases[index] = phases[index].model_copy(update={"turn_seconds": None, "group_size": 3})
    older = reflection.model_copy(update={"phases": tuple(phases)})
    assert [p.text() for p in format_problems(older) if not p.warning] == [
        f"phases[{index}]: a round phase needs turn_seconds",
        f"phases[{index}].group_size: only a groups phase has group_size",
    ]
    plan = stored(tmp_path / "s1", older)
    assert read_plan(tmp_path / "s1") == plan


def test_a_stored_text_no_screen_can_show_is_refused_in_one_line(
    tmp_path: Path, reflection: CircleFormat
) -> None:
    """What is structural still holds: an escape sequence never reaches a screen."""
    stored(tmp_path / "s1", reflection)
    path = tmp_path / "s1" / PLAN_FILE
    text = path.read_text(encoding="utf-8")
    title = reflection.phases[1].title
    damaged = text.replace(f'title = "{title}"', 'title = "\\u001b[2J"', 1)
    path.write_text(damaged, encoding="utf-8")
    line = damaged.split("\n").index('title = "\\u001b[2J"') + 1
    with pytest.raises(StoreError) as refused:
        read_plan(tmp_path / "s1")
    assert str(refused.value) == (
        f"{path}:{line}: format.phases[1].title: "
        "holds a control character (U+001B) that cannot be shown"
    )
