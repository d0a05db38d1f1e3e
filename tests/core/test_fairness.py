"""The fairness figure tells the truth: the silent count, the words match the figures."""

from __future__ import annotations

import pytest

from circle_tui.core.airtime import Airtime, Reading, airtime, balance, balances, counted
from circle_tui.core.decide import GiveWord, NextPhase, PassTurn
from circle_tui.core.formats import CircleFormat
from circle_tui.core.summary import build_summary
from circle_tui.core.timing import FakeClock
from circle_tui.export.words import balance_words
from circle_tui.store.format_files import find_format
from tests.conftest import make_plan
from tests.core.driver import Driver


def person(seconds: float, role: str = "participant") -> Airtime:
    return Airtime(
        name="x", role=role, seconds=seconds, share=0, phases=[], turns=1, passes=0,
        overtime_seconds=0,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        ([300, 0, 0, 0], "Uneven: one of four did all the speaking. Three of four never spoke."),
        ([300, 310, 290, 305], "Balanced: everyone had a similar share."),
        # two of six took 66 %, not "half"
        (
            [400, 260, 100, 90, 80, 70],
            "Uneven: two of six took 66% of the speaking time.",
        ),
        (
            [200, 150, 120, 100, 90],
            "Somewhat uneven: two of five took 53% of the speaking time.",
        ),
        ([100] * 39 + [0], "Balanced among those who spoke. One of 40 never spoke."),
        ([0, 0, 0], "Nobody has spoken yet."),
    ],
)
def test_the_words_match_the_figures(seconds: list[float], words: str) -> None:
    figure = balance([person(s) for s in seconds])
    assert balance_words(figure) == words
    total = sum(seconds)
    if total:
        top = sorted(seconds, reverse=True)[: figure.half_by]
        assert figure.half_share == pytest.approx(sum(top) / total, abs=1e-4)
        assert figure.half_share >= 0.5
    assert figure.unheard == sum(1 for s in seconds if s == 0)
    assert figure.voices == len(seconds)


def test_one_of_four_speaking_is_not_balanced(reflection: CircleFormat) -> None:
    """Only Ane speaks; the others never get the word: the live word and the summary say so."""
    clock = FakeClock(start=1_790_000_000.0)
    d = Driver(make_plan(reflection, "Ane,Bo,Cai,Dina"), clock)
    d.ok(NextPhase(confirmed=True))  # contract
    d.ok(GiveWord())
    clock.advance(120)
    people = airtime(d.state, clock.now())
    shares = balance(counted(d.state, people))
    assert shares.reading is Reading.UNEVEN and shares.unheard == 3
    assert shares.gini == pytest.approx(0.75)
    summary = build_summary(d.state, clock.now())
    assert summary.balance.unheard == 3 and summary.balance.voices == 4


def test_a_pass_is_not_speaking(reflection: CircleFormat) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    d = Driver(make_plan(reflection, "Ane,Bo,Cai"), clock)
    d.ok(NextPhase(confirmed=True))
    d.ok(GiveWord())
    d.ok(PassTurn())  # Ane passes at once: Bo has the word
    clock.advance(60)
    shares = balance(counted(d.state, airtime(d.state, clock.now())))
    assert shares.unheard == 2  # Ane passed, Cai has not had the word


def test_the_case_giver_is_weighed_with_and_without() -> None:
    fmt = find_format("intervision-incident")
    clock = FakeClock(start=1_790_000_000.0)
    d = Driver(make_plan(fmt, "Ane=case-giver,Bo,Cai,Dina"), clock)
    d.ok(NextPhase(confirmed=True))  # contract
    d.ok(GiveWord())  # the case giver presents, long by design
    clock.advance(300)
    d.ok(NextPhase(confirmed=True))  # questions for facts
    for _ in range(6):  # three questions, each answered by the case giver
        d.ok(GiveWord())
        clock.advance(40)
    everyone, without = balances(d.state, airtime(d.state, clock.now()))
    assert everyone.reading is Reading.UNEVEN
    assert without is not None and without.reading is Reading.BALANCED
    summary = build_summary(d.state, clock.now())
    assert summary.balance_without == without
    assert summary.long_roles == ["Case giver"]


def test_an_observer_who_never_has_the_word_is_not_counted() -> None:
    fmt = CircleFormat.model_validate(
        {
            "id": "t",
            "name": "T",
            "roles": [{"id": "observer", "name": "Observer"}],
            "phases": [
                {"kind": "round", "title": "R", "turn_seconds": 60, "silent": ["observer"]},
                {"kind": "open", "title": "O", "phase_seconds": 60, "silent": ["observer"]},
            ],
        }
    )
    d = Driver(make_plan(fmt, "Ane,Bo,Cai=observer"), FakeClock(start=1_790_000_000.0))
    assert [p.name for p in counted(d.state, airtime(d.state, 0.0))] == ["Ane", "Bo"]
