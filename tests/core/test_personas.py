"""Personas of a trainer's rehearsal: each acts by its rules, from a seed, and makes
moments that a trainee's answer ends (`core/personas.py`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from circle_tui.core.casting import cast, cast_personas
from circle_tui.core.commands import Command, GiveWord, JoinCircle, SayOnWall
from circle_tui.core.decide import Begin, decide
from circle_tui.core.events import TurnOutcome
from circle_tui.core.format_checks import format_problems
from circle_tui.core.format_runs import START, run_plan
from circle_tui.core.formats import MomentKind, Timing
from circle_tui.core.personas import (
    ADVICE_SHARE,
    DOMINANT_SHARE,
    SILENT_SHARE,
    Moment,
    answering,
    moments,
    open_moments,
    reminder_text,
)
from circle_tui.core.plan import Persona, SessionPlan
from circle_tui.core.rehearsal import due, run_fast
from circle_tui.core.state import SessionState
from circle_tui.core.summary import build_summary
from circle_tui.core.timing import FakeClock
from circle_tui.export.markdown import render_markdown
from circle_tui.store.format_files import find_format

Trainee = Callable[[SessionState, Moment], Command | None]


def plan_of(format_id: str, spec: str, people: int = 7, run: int = 0) -> SessionPlan:
    """The plan `formats simulate --personas` runs (its run number seeds the room)."""
    return run_plan(find_format(format_id), people, 0, run, spec)


def rehearse(plan: SessionPlan, trainee: Trainee | None = None, react: float = 6.0) -> SessionState:
    """The simulated room to its close; `trainee` answers each moment `react` seconds in."""
    state, now = SessionState(plan=plan), plan.created_at
    _apply(state, Begin(), now)
    while not state.closed and now < START + 24 * 3600:
        if trainee is not None:
            for moment in open_moments(state, now):
                command = trainee(state, moment) if now - moment.opened_at >= react else None
                if command is not None and _apply(state, command, now, answered=True):
                    break
        pending = due(state, now, simulate=True)
        if pending is None or not _apply(state, pending.command, pending.at):
            now += 1.0
    return state


def _apply(state: SessionState, command: Command, at: float, *, answered: bool = False) -> bool:
    decision = decide(state, command, FakeClock(at))
    if not isinstance(decision, list):
        return False
    events = [*decision, *(answering(state, command, at) if answered else [])]
    for event in events:
        state.apply(event)
    return True


def turns_of(state: SessionState, name: str, step: int) -> list[float]:
    index = state.plan.index_of(name)
    return [
        (t.ended_at or 0) - t.started_at
        for t in state.turns
        if t.speaker == index and t.phase == step and t.outcome is not TurnOutcome.PASSED
    ]


def step_titled(plan: SessionPlan, title: str) -> int:
    return next(i for i, phase in enumerate(plan.phases) if phase.title == title)


def test_a_dominant_speaker_runs_over_a_soft_round_unless_the_trainee_acts() -> None:
    plan = plan_of("reflection-circle", "Ane=dominant")
    step = step_titled(plan, "Reflection round")
    assert plan.phases[step].timing is Timing.SOFT
    box = plan.phases[step].turn_seconds or 0
    alone = rehearse(plan)
    spoken = turns_of(alone, "Ane", step)
    assert spoken and all(DOMINANT_SHARE[0] * box <= s <= DOMINANT_SHARE[1] * box for s in spoken)
    over = [m for m in moments(alone, alone.closed_at or 0) if m.kind is MomentKind.OVERTIME]
    assert {plan.phases[m.step].title for m in over} >= {"Check-in", "Reflection round"}
    assert all(m.answer is None and m.closed_at is not None for m in over)

    answered = rehearse(
        plan, lambda state, m: GiveWord() if m.kind is MomentKind.OVERTIME else None
    )
    # Given the word on six seconds into the overtime, Ane stops there.
    assert all(s == pytest.approx(box + 6.0, abs=1.01) for s in turns_of(answered, "Ane", step))
    done = [m for m in moments(answered, answered.closed_at or 0) if m.answer is not None]
    assert done and all(m.answer is not None and m.answer.answer == "give-word" for m in done)
    assert all(m.answered_after == pytest.approx(6.0, abs=1.01) for m in done)


def test_a_reminder_on_the_wall_stops_the_dominant_within_seconds() -> None:
    plan = plan_of("reflection-circle", "Ane=dominant")
    step = step_titled(plan, "Reflection round")
    box = plan.phases[step].turn_seconds or 0

    def remind(state: SessionState, moment: Moment) -> Command | None:
        return (
            SayOnWall(reminder_text(state, moment.kind))
            if moment.kind.value == "overtime"
            else None
        )

    state = rehearse(plan, remind)
    for spoken in turns_of(state, "Ane", step):
        assert box + 6 + 5 - 1 <= spoken <= box + 6 + 15 + 1  # 5-15 s after the reminder


def test_a_silent_person_passes_speaks_briefly_and_is_never_chosen_in_open_dialogue() -> None:
    plan = plan_of("check-in-check-out", "Bo=silent")
    state = run_fast(plan)
    bo = plan.index_of("Bo")
    passed = [t for t in state.turns if t.speaker == bo and t.outcome is TurnOutcome.PASSED]
    assert passed  # passes at the first offer of every round
    for step, phase in enumerate(plan.phases):
        box = phase.turn_seconds or 0
        if box:
            assert all(s <= SILENT_SHARE[1] * box + 1 for s in turns_of(state, "Bo", step))
    meeting = step_titled(plan, "The meeting")
    assert not [t for t in state.turns if t.phase == meeting and t.speaker == bo]
    unheard = [m for m in moments(state, state.closed_at or 0) if m.kind is MomentKind.UNHEARD]
    assert [plan.phases[m.step].title for m in unheard] == ["The meeting"]


def test_inviting_the_silent_person_answers_the_moment() -> None:
    plan = plan_of("check-in-check-out", "Bo=silent")
    from circle_tui.core.commands import ChooseSpeaker

    def invite(state: SessionState, moment: Moment) -> Command | None:
        return ChooseSpeaker(state.plan.index_of(moment.person))

    state = rehearse(plan, invite)
    meeting = step_titled(plan, "The meeting")
    assert turns_of(state, "Bo", meeting)  # Bo spoke in the meeting once invited
    unheard = [m for m in moments(state, state.closed_at or 0) if m.kind is MomentKind.UNHEARD]
    assert unheard and unheard[0].answer is not None
    assert unheard[0].answer.answer == "choose-speaker"


def test_an_adviser_gives_advice_in_a_round_of_questions_until_reminded() -> None:
    plan = plan_of("intervision-incident", "Bo=adviser")
    step = step_titled(plan, "Questions for facts")
    box = plan.phases[step].turn_seconds or 0
    alone = rehearse(plan)
    spoken = turns_of(alone, "Bo", step)
    assert spoken and all(
        ADVICE_SHARE[0] * box - 1 <= s <= ADVICE_SHARE[1] * box + 1 for s in spoken
    )
    advice = [m for m in moments(alone, alone.closed_at or 0) if m.kind is MomentKind.ADVICE]
    assert len(advice) == len(spoken)  # each turn of the round
    assert all(plan.phases[m.step].title == "Questions for facts" for m in advice)

    def remind(state: SessionState, moment: Moment) -> Command | None:
        return SayOnWall(reminder_text(state, moment.kind))

    reminded = rehearse(plan, remind)
    advice = [m for m in moments(reminded, reminded.closed_at or 0) if m.kind is MomentKind.ADVICE]
    assert len(advice) == 1 and advice[0].answer is not None  # then questions for the rest
    assert reminded.wall.message == reminded.ground_rules()[1]  # still on the wall
    # The reminder is the format's own ground rule 2, as the group agreed it.
    assert reminder_text(reminded, MomentKind.ADVICE) == reminded.ground_rules()[1]


def test_a_defender_argues_back_in_feedback_and_costs_each_turn_until_reminded() -> None:
    plan = plan_of("group-guidance", "Ane=defender")
    assert plan.participants[0].name == "Ane" and plan.participants[0].role == "case-giver"
    step = step_titled(plan, "Reflection")
    alone = rehearse(plan)
    defending = [m for m in moments(alone, alone.closed_at or 0) if m.kind is MomentKind.DEFENDING]
    speakers = [t for t in alone.turns if t.phase == step and t.outcome is not TurnOutcome.PASSED]
    assert defending and len(defending) <= len(speakers)
    assert all(plan.phases[m.step].title == "Reflection" for m in defending)
    reminded = rehearse(plan, lambda state, m: SayOnWall(reminder_text(state, m.kind)))
    again = [
        m for m in moments(reminded, reminded.closed_at or 0) if m.kind is MomentKind.DEFENDING
    ]
    assert len(again) == 1 and again[0].answer is not None
    reflection = next(r for r in reminded.runs if r.phase == step)
    alone_run = next(r for r in alone.runs if r.phase == step)
    took = (reflection.ended_at or 0) - reflection.started_at
    assert took < (alone_run.ended_at or 0) - alone_run.started_at  # the reminder saved time


def test_a_latecomer_waits_at_the_door_after_the_check_in_until_let_in() -> None:
    plan = plan_of("reflection-circle", "Eik=latecomer")
    assert "Eik" not in [p.name for p in plan.participants]
    alone = run_fast(plan)
    door = [m for m in moments(alone, alone.closed_at or 0) if m.kind is MomentKind.AT_THE_DOOR]
    check_in = step_titled(plan, "Check-in")
    assert len(door) == 1 and door[0].step == check_in + 1 and door[0].closed_at == alone.closed_at
    let_in = rehearse(plan, lambda state, m: JoinCircle(m.person, "participant"))
    assert "Eik" in [p.name for p in let_in.plan.participants]
    door = [m for m in moments(let_in, let_in.closed_at or 0) if m.kind is MomentKind.AT_THE_DOOR]
    assert door[0].answer is not None and door[0].answer.answer == "join"


def test_one_seed_gives_the_same_rehearsal_every_time_and_another_seed_another() -> None:
    spec = "Ane=dominant,Bo=silent,Cai=adviser,Dina=latecomer"
    first = run_fast(plan_of("group-guidance", spec))
    again = run_fast(plan_of("group-guidance", spec))
    other = run_fast(plan_of("group-guidance", spec, run=1))
    assert [t.__dict__ for t in first.turns] == [t.__dict__ for t in again.turns]
    assert [t.__dict__ for t in first.turns] != [t.__dict__ for t in other.turns]


def test_without_personas_the_room_is_as_it_was() -> None:
    """No cast: not a single draw of the simulated room changes (the README's figures hold)."""
    fmt = find_format("reflection-circle")
    plain = SessionPlan(
        session_id="p", format=fmt, participants=cast(fmt, 7), created_at=START, simulated=True
    )
    state = run_fast(plain)
    assert not moments(state, state.closed_at or 0)
    assert not state.answered


@pytest.mark.parametrize(
    ("spec", "seated", "personas"),
    [
        ("Ane=dominant,Bo=silent", 7, {"Ane": "dominant", "Bo": "silent"}),
        ("dominant=1,silent=2", 7, {"Gorm": "dominant", "Femke": "silent", "Eik": "silent"}),
        ("Zoe=dominant", 7, {"Zoe": "dominant"}),
        ("latecomer", 6, {"Gorm": "latecomer"}),
        ("Ulf=latecomer", 7, {"Ulf": "latecomer"}),
    ],
)
def test_personas_are_cast_by_name_or_by_count(
    spec: str, seated: int, personas: dict[str, str]
) -> None:
    fmt = find_format("reflection-circle")
    people, cast_of = cast_personas(fmt, cast(fmt, 7), spec)
    assert len(people) == seated
    assert {name: persona.value for name, persona in cast_of.items()} == personas
    names = [p.name for p in people]
    assert all(name in names for name, p in cast_of.items() if p is not Persona.LATECOMER)


def test_named_people_are_cast_as_they_are_when_the_participants_are_given() -> None:
    fmt = find_format("group-guidance")
    people = (*cast(fmt, 4),)
    seated, cast_of = cast_personas(fmt, people, "Bo=dominant", invented=False)
    assert seated == people and cast_of == {"Bo": Persona.DOMINANT}
    with pytest.raises(ValueError, match="Zed is not among the participants"):
        cast_personas(fmt, people, "Zed=dominant", invented=False)
    seated, cast_of = cast_personas(fmt, people, "Zed=latecomer", invented=False)
    assert seated == people and cast_of == {"Zed": Persona.LATECOMER}  # comes on top


def test_a_defender_by_count_is_the_case_giver() -> None:
    fmt = find_format("group-guidance")
    people, cast_of = cast_personas(fmt, cast(fmt, 6), "defender=1")
    giver = next(p for p in people if p.role == "case-giver")
    assert cast_of == {giver.name: Persona.DEFENDER}
    people, cast_of = cast_personas(fmt, cast(fmt, 6), "Zoe=defender")  # takes the seat
    giver = next(p for p in people if p.role == "case-giver")
    assert cast_of == {"Zoe": Persona.DEFENDER} and giver.name == "Zoe"


@pytest.mark.parametrize(
    ("format_id", "spec", "needle"),
    [
        ("reflection-circle", "Ane=grumpy", "'grumpy': no persona"),
        ("reflection-circle", "defender=1", "nobody who brings a case"),
        ("group-guidance", "Bo=defender", "Bo: only the one who brings the case"),
        ("reflection-circle", "latecomer=6", "not enough people"),
        ("reflection-circle", "Ane=dominant,Ane=silent", "Ane is cast twice"),
        ("reflection-circle", "=dominant", "=dominant: a name goes before the ="),
        ("reflection-circle", "dominant=-1", "dominant=-1: give how many as a whole number"),
        ("reflection-circle", "dominant=0", "dominant=0: give how many"),
        ("reflection-circle", "silent=1.5", "silent=1.5: give how many"),
        ("group-guidance", "defender,defender", "whoever brings the case is cast already"),
        ("troika-consulting", "latecomer=1", "nobody can come late"),
        ("reflection-circle", "adviser", "no round of questions: an adviser"),
        ("reflection-circle", f"{'x' * 41}=dominant", "at most 40 characters"),
    ],
)
def test_a_cast_that_cannot_be_is_one_line(format_id: str, spec: str, needle: str) -> None:
    fmt = find_format(format_id)
    with pytest.raises(ValueError) as caught:
        cast_personas(fmt, cast(fmt, 7), spec)
    assert needle in str(caught.value) and "\n" not in str(caught.value)


def test_a_plan_refuses_a_persona_who_is_not_in_the_circle() -> None:
    fmt = find_format("reflection-circle")
    with pytest.raises(ValueError, match="Zed is cast as dominant but is not in the circle"):
        SessionPlan(
            session_id="p",
            format=fmt,
            participants=cast(fmt, 4),
            created_at=START,
            cast={"Zed": Persona.DOMINANT},
        )


def test_a_format_reminder_names_a_rule_it_has_or_words_of_its_own() -> None:
    fmt = find_format("collegial-sparring")
    assert fmt.reminder_for(MomentKind.DEFENDING) is not None
    assert not [p for p in format_problems(fmt) if not p.warning]
    broken = fmt.model_copy(
        update={
            "reminders": (
                fmt.reminders[0].model_copy(update={"rule": 9}),
                fmt.reminders[0].model_copy(update={"moment": MomentKind.DEFENDING, "rule": None}),
            )
        }
    )
    said = {(p.loc, p.message) for p in format_problems(broken)}
    assert (("reminders", 0, "rule"), "rule 9: the format has 5 ground rules") in said
    assert any("give the rule to show" in message for _at, message in said)
    assert any("a second reminder for 'defending'" in message for _at, message in said)


def test_the_reminder_is_the_rule_as_the_group_agreed_it() -> None:
    plan = plan_of("collegial-sparring", "", people=3)
    state = SessionState(plan=plan)
    assert reminder_text(state, MomentKind.DEFENDING) == plan.format.ground_rules[2]
    from circle_tui.core.events import ContractAgreed

    rules = ("one", "two", "The case giver only listens.")
    state.apply(ContractAgreed(at=START, focus="f", ground_rules=rules))
    assert reminder_text(state, MomentKind.DEFENDING) == "The case giver only listens."
    assert reminder_text(state, MomentKind.ADVICE) == "Questions now: advice can wait."


def test_the_debrief_sets_each_moment_beside_the_same_seed_with_no_intervention() -> None:
    plan = plan_of("group-guidance", "Ane=defender,Bo=adviser,Cai=dominant,Eik=latecomer")

    def answer(state: SessionState, moment: Moment) -> Command | None:
        if moment.kind is MomentKind.AT_THE_DOOR:
            return JoinCircle(moment.person, "participant")
        if moment.kind is MomentKind.OVERTIME:
            return GiveWord()
        return SayOnWall(reminder_text(state, moment.kind))

    state = rehearse(plan, answer, react=8.0)
    summary = build_summary(state, state.closed_at or 0)
    debrief = summary.debrief
    assert debrief is not None
    assert debrief.personas == {
        "Ane": "defender",
        "Bo": "adviser",
        "Cai": "dominant",
        "Eik": "latecomer",
    }
    after = [m.answered_after_seconds for m in debrief.moments]
    assert after and all(a is not None and 8.0 <= a <= 9.0 for a in after)  # in 1 s steps
    assert debrief.rehearsal.answered == debrief.rehearsal.moments == len(debrief.moments)
    alone = run_fast(plan)
    assert debrief.no_intervention.length_seconds == round(
        (alone.closed_at or 0) - (alone.started_at or 0), 1
    )
    assert debrief.no_intervention.moments > debrief.rehearsal.moments
    assert debrief.no_intervention.answered == 0
    text = render_markdown(summary)
    assert "## Debrief: the moments of this rehearsal" in text
    assert "| gives advice | Bo | Open questions |" in text
    assert "| This rehearsal | No intervention, same seed |" in text
    assert "Eik was let in: the run without intervention has one person fewer." in text


def test_a_summary_without_personas_has_no_debrief() -> None:
    fmt = find_format("reflection-circle")
    plan = SessionPlan(session_id="p", format=fmt, participants=cast(fmt, 5), created_at=START)
    state = SessionState(plan=plan)
    state.apply(decide(state, Begin(), FakeClock(START))[0])  # type: ignore[index]
    summary = build_summary(state, START + 60)
    assert summary.debrief is None and "Debrief" not in render_markdown(summary)


def test_simulated_moves_wait_for_the_answer_recorded_with_the_command() -> None:
    """An answer is journalled with the command it came with, after its events."""
    plan = plan_of("reflection-circle", "Ane=dominant")
    state, now = SessionState(plan=plan), START
    _apply(state, Begin(), now)
    while not open_moments(state, now):
        pending = due(state, now, simulate=True)
        if pending is None or not _apply(state, pending.command, pending.at):
            now += 1.0
    decision = decide(state, GiveWord(), FakeClock(now))
    assert isinstance(decision, list)
    answers = answering(state, GiveWord(), now)
    assert [a.moment for a in answers] == ["overtime"] and answers[0].at >= decision[-1].at


def test_which_keys_answer_which_moment() -> None:
    """In a round, choosing who speaks next leaves the turn running: no answer to overtime;
    less time answers advice; only the wall answers the defender."""
    from circle_tui.core.commands import AdjustTime, ChooseSpeaker

    plan = plan_of("intervision-incident", "Ane=defender,Bo=adviser,Cai=dominant")
    state, now = SessionState(plan=plan), START
    _apply(state, Begin(), now)
    seen: dict[MomentKind, Moment] = {}
    while len(seen) < 3 and now < START + 4 * 3600:
        for moment in open_moments(state, now):
            if moment.kind not in seen:
                seen[moment.kind] = moment
                bo, cai = plan.index_of("Bo"), plan.index_of("Cai")
                offers: dict[MomentKind, list[tuple[Command, str | None]]] = {
                    MomentKind.OVERTIME: [(ChooseSpeaker(bo), None), (GiveWord(), "give-word")],
                    MomentKind.ADVICE: [(ChooseSpeaker(cai), None), (AdjustTime(-30), "less-time")],
                    MomentKind.DEFENDING: [(GiveWord(), None), (SayOnWall("Listen."), "wall")],
                }
                for command, wanted in offers[moment.kind]:
                    got = [
                        a.answer for a in answering(state, command, now) if a.moment == moment.kind
                    ]
                    assert got == ([wanted] if wanted else []), (moment.kind, command)
        pending = due(state, now, simulate=True)
        if pending is None or not _apply(state, pending.command, pending.at):
            now += 1.0
    assert set(seen) == {MomentKind.OVERTIME, MomentKind.ADVICE, MomentKind.DEFENDING}


def test_a_reminder_of_its_own_words_is_said_in_the_sessions_language() -> None:
    from circle_tui.core.formats import Reminder, ReminderText

    fmt = find_format("reflection-circle")
    own = Reminder(
        moment=MomentKind.ADVICE,
        text="Questions first.",
        translations={"da": ReminderText(text="Spørgsmål først.")},
    )
    fmt = fmt.model_copy(update={"reminders": (*fmt.reminders, own)})
    assert fmt.in_language("da").reminder_for(MomentKind.ADVICE) == Reminder(
        moment=MomentKind.ADVICE, text="Spørgsmål først."
    )
    assert "da" in fmt.languages
    without = fmt.model_copy(update={"reminders": (own.model_copy(update={"translations": {}}),)})
    assert "reminder 1: text" in without.untranslated("da")


def test_a_pseudonymized_debrief_names_nobody() -> None:
    from circle_tui.core.pseudonym import pseudonymize

    plan = plan_of("reflection-circle", "Ane=dominant,Bo=silent,Zoe=latecomer")
    state = rehearse(plan, lambda _s, m: GiveWord() if m.kind is MomentKind.OVERTIME else None)
    summary = pseudonymize(build_summary(state, state.closed_at or 0), "seed", plan.format)
    debrief = summary.debrief
    assert debrief is not None
    shown = render_markdown(summary).split("## Debrief", 1)[1]
    for name in ("Ane", "Bo", "Zoe"):
        assert name not in shown
    people = len(summary.participants)
    assert set(debrief.personas.values()) == {"dominant", "silent", "latecomer"}
    assert f"P{people + 1}" in debrief.personas  # never let in: the next number
    assert all(m.person.startswith("P") for m in debrief.moments)
