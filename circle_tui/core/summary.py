"""What leaves the room: the summary model, built from the session state.

Only public things are here: the contract, the phases with their times,
the shared items and who spoke how long. Private notes are not part of the
state, so they cannot end up in a summary by accident.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from circle_tui.core.events import ItemKind, TurnOutcome
from circle_tui.core.state import SessionState
from circle_tui.core.timing import used_in_phase


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class PhaseReport(_Model):
    """Planned against actual time of one phase."""

    index: int
    title: str
    kind: str
    prompt: str
    planned_seconds: int
    """Time box of the phase (turn time box times speakers, or the phase's own)."""
    actual_seconds: float
    """Wall time spent in the phase, over all its visits."""
    started_at: float | None
    ended_at: float | None
    visits: int


class Airtime(_Model):
    """How long one participant spoke."""

    name: str
    role: str
    seconds: float
    share: float
    """Share of all speaking time, 0..1."""
    turns: int
    passes: int
    overtime_seconds: float


class ItemReport(_Model):
    """A shared item, as the group agreed it may leave the room."""

    kind: ItemKind
    text: str
    phase: str
    owner: str | None = None
    due: str | None = None
    level: str | None = None


class Summary(_Model):
    """Everything a session summary shows."""

    session_id: str
    format_id: str
    format_name: str
    group: str
    language: str
    rehearsal: bool
    started_at: float | None
    closed_at: float | None
    participants: list[str]
    focus: str
    ground_rules: list[str]
    contract_agreed: bool
    notes_allowed: bool
    phases: list[PhaseReport]
    airtime: list[Airtime]
    items: list[ItemReport]
    speaking_seconds: float
    """All speaking time added up."""


def build_summary(state: SessionState, now: float) -> Summary:
    """Fold the state into a summary as of `now` (the close, for a closed session)."""
    plan = state.plan
    fmt = plan.format
    at = state.closed_at if state.closed_at is not None else now
    phases: list[PhaseReport] = []
    for index, phase in enumerate(fmt.phases):
        runs = [run for run in state.runs if run.phase == index]
        actual = sum(
            (run.ended_at if run.ended_at is not None else at) - run.started_at for run in runs
        )
        phases.append(
            PhaseReport(
                index=index,
                title=phase.title,
                kind=phase.kind.value,
                prompt=phase.prompt,
                planned_seconds=plan.planned_seconds[index],
                actual_seconds=round(actual, 3),
                started_at=runs[0].started_at if runs else None,
                ended_at=runs[-1].ended_at if runs else None,
                visits=len(runs),
            )
        )

    spoken: dict[int, float] = {}
    overtime: dict[int, float] = {}
    keys = set(state.used)
    turn = state.current_turn
    if turn is not None:
        keys.add((turn.phase, turn.speaker))
    for phase_index, speaker in keys:
        used = used_in_phase(state, phase_index, speaker, at)
        spoken[speaker] = spoken.get(speaker, 0.0) + used
        if fmt.phases[phase_index].kind.has_turns:
            over = max(0.0, used - state.budget(phase_index, speaker))
            overtime[speaker] = overtime.get(speaker, 0.0) + over
    turns: dict[int, int] = {}
    passes: dict[int, int] = {}
    for t in state.turns:
        if t.outcome is TurnOutcome.PASSED:
            passes[t.speaker] = passes.get(t.speaker, 0) + 1
        elif t.outcome in (TurnOutcome.SPOKE, TurnOutcome.TIMEOUT, None):
            turns[t.speaker] = turns.get(t.speaker, 0) + 1
    total = sum(spoken.values())
    airtime = [
        Airtime(
            name=person.name,
            role=person.role,
            seconds=round(spoken.get(i, 0.0), 3),
            share=round(spoken.get(i, 0.0) / total, 4) if total else 0.0,
            turns=turns.get(i, 0),
            passes=passes.get(i, 0),
            overtime_seconds=round(overtime.get(i, 0.0), 3),
        )
        for i, person in enumerate(plan.participants)
    ]

    contract = state.contract
    items = [
        ItemReport(
            kind=item.kind,
            text=item.text,
            phase=fmt.phases[item.phase].title,
            owner=item.owner,
            due=item.due,
            level=item.level,
        )
        for item in state.live_items()
        if item.kind is not ItemKind.FOCUS
    ]
    return Summary(
        session_id=plan.session_id,
        format_id=fmt.id,
        format_name=fmt.name,
        group=plan.group,
        language=plan.language,
        rehearsal=plan.rehearsal,
        started_at=state.started_at,
        closed_at=state.closed_at,
        participants=[p.name for p in plan.participants],
        focus=state.focus(),
        ground_rules=list(contract.ground_rules if contract else fmt.ground_rules),
        contract_agreed=contract is not None,
        notes_allowed=contract.notes_allowed if contract else True,
        phases=phases,
        airtime=airtime,
        items=items,
        speaking_seconds=round(total, 3),
    )
