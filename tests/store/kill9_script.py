"""The kill -9 test's seeded script, its run without a kill (the model), and its moments.

A moment is a point at which a kill can land: before any SQLite statement
the app runs, and between a step returning and the console acknowledging it.
The model counts them; a killed child counts the same ones and dies at the
chosen one, so where a kill lands depends on the script, never on how fast
or how loaded the machine is.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from circle_tui.app.live import start_session
from circle_tui.core import decide as cmd
from circle_tui.core.events import Event
from circle_tui.core.items import parse_item
from circle_tui.core.plan import SessionPlan, parse_participants
from circle_tui.core.state import SessionState
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format
from circle_tui.store.journal import Journal

SEED, SESSION_ID = 9, "kill9"
START = 1_790_000_000.0
RESUME_AT = START + 10_000_000.0  # when the app comes back: after any script's last step
STEPS = 400  # kills land anywhere in them, creating the session (step 0) included
KINDS: tuple[str, ...] = ("give", "pass", "back", "pause", "adjust", "next", "reopen", "contract")
KINDS += ("item", "note", "draft", "beat")
WEIGHTS = (8, 2, 1, 2, 2, 1, 0.5, 0.3, 2, 2, 2, 3)
ITEM_PREFIXES = ("", "agree: ", "learned: ", "we: ", "disagree: ", "focus: ")


@dataclass(frozen=True)
class Step:
    """One thing the facilitator does, after the clock moved on by `advance`."""

    advance: float
    kind: str
    command: cmd.Command | None = None
    text: str = ""


@dataclass(frozen=True)
class Mark:
    """What the console has been told is on disk once a step returned."""

    seq: int = 0
    notes: int = 0
    draft: int = -1  # the step whose unfinished note is kept; -1 for none
    alive: float | None = None


@dataclass
class Model:
    """The script and what its run without a kill committed, step by step."""

    steps: list[Step]
    marks: list[Mark]  # marks[0] once the session is created, marks[i] once step i returned
    ends: list[int]  # moments counted once step i was acknowledged (0: the creation)
    events: list[Event]
    notes: list[Any]  # (at, phase, speaker, text)
    drafts: dict[int, tuple[float, str]]
    plan: SessionPlan


class Moments:
    """Counts moments; with `kill_at`, SIGKILLs its own process at that one."""

    def __init__(self, kill_at: int | None = None) -> None:
        self.count, self.kill_at = 0, kill_at

    def tick(self, _statement: str = "") -> None:
        if self.count == self.kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        self.count += 1


@contextlib.contextmanager
def counting(moments: Moments) -> Iterator[None]:
    """Every SQLite connection opened meanwhile makes each statement a moment."""
    real = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        db: sqlite3.Connection = real(*args, **kwargs)
        db.set_trace_callback(moments.tick)  # called before each statement runs
        return db

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sqlite3, "connect", connect)
        yield


class Runner:
    """Runs script steps on a live session, counting what it says it saved."""

    def __init__(self, root: Path) -> None:
        self.clock, people = FakeClock(START), parse_participants("Ane,Bo,Cai,Dag")
        fmt = find_format("reflection-circle")
        self.live = start_session(
            root,
            fmt,
            people,
            self.clock,
            group="Nine",
            session_id=SESSION_ID,
            pseudonym_seed="k9",
            time_zone="UTC",  # the model is made outside the tests' TZ, the child inside it
        )
        self.notes, self.draft = 0, -1
        self.alive: float | None = None

    def mark(self) -> Mark:
        return Mark(self.live.saved_seq, self.notes, self.draft, self.alive)

    def run(self, index: int, step: Step) -> None:
        self.clock.advance(step.advance)
        live, saved = self.live, True
        if step.command is not None:
            live.execute(step.command)
        elif step.kind == "note" and (saved := live.add_note(step.text)):
            self.notes, self.draft = self.notes + 1, -1  # a kept note drops its draft
        elif step.kind == "draft" and (saved := live.save_draft(step.text)):
            self.draft = index if step.text else -1
        elif step.kind == "beat" and (saved := live.beat()):
            self.alive = self.clock.now()
        if not saved or live.unsaved is not None:
            raise RuntimeError(f"step {index} ({step.kind}) was not saved")


def next_step(rng: random.Random, index: int, state: SessionState) -> Step:
    """A seeded step that fits where the circle stands (it never closes it)."""
    advance = rng.choice([0.0, rng.uniform(0, 2), rng.uniform(0, 120)])
    kind = rng.choices(KINDS, WEIGHTS)[0]
    phase = state.current_phase
    assert phase is not None and state.phase is not None
    last = state.phase == len(state.plan.format.phases) - 1
    commands: dict[str, cmd.Command] = {
        "give": cmd.GiveWord(),
        "pass": cmd.PassTurn(),
        "back": cmd.Back(),
        "pause": cmd.TogglePause(),
        "adjust": cmd.AdjustTime(rng.choice([-60, -30, 30, 60])),
        "next": cmd.GiveWord() if last else cmd.NextPhase(confirmed=True),
        "reopen": cmd.ReopenPhase(),
        "contract": cmd.AgreeContract(f"focus {index}", ("one rule",), rng.random() < 0.8),
    }
    if kind in commands:
        return Step(advance, kind, commands[kind])
    if kind == "item":
        line = f"{rng.choice(ITEM_PREFIXES)}item {index}" + rng.choice(["", " @Bo by 2026-12-01"])
        return Step(advance, kind, parse_item(line, phase.kind))
    if kind == "note":
        return Step(advance, kind, text=f"note {index}: {rng.getrandbits(32):08x}")
    if kind == "draft":
        return Step(advance, kind, text="" if rng.random() < 0.2 else f"unfinished {index}")
    return Step(advance, kind)


def build_model(root: Path, seed: int = SEED, length: int = STEPS) -> Model:
    """Run a fresh seeded script without a kill and record what each step committed."""
    moments, rng = Moments(), random.Random(seed)
    with counting(moments):
        runner = Runner(root)
        moments.tick()  # the creation acknowledged
        steps, marks, ends, drafts = [], [runner.mark()], [moments.count], {}
        for index in range(1, length + 1):
            steps.append(step := next_step(rng, index, runner.live.state))
            runner.run(index, step)
            moments.tick()  # the step acknowledged
            marks.append(runner.mark())
            ends.append(moments.count)
            if step.kind == "draft" and step.text:
                drafts[index] = (runner.clock.now(), step.text)
    journal, (notes, draft) = runner.live.journal, private(runner.live.journal)
    events = [event for _, event in journal.events()]
    assert journal.last_seq() == len(events) == marks[-1].seq and len(notes) == marks[-1].notes
    assert journal.alive_at() == marks[-1].alive and draft == drafts.get(marks[-1].draft)
    runner.live.close()
    return Model(steps, marks, ends, events, notes, drafts, runner.live.plan)


def private(journal: Journal) -> tuple[list[Any], tuple[float, str] | None]:
    """The journal's notes and unfinished note, as plain values."""
    notes = [(n.at, n.phase, n.speaker, n.body.reveal()) for n in journal.notes()]
    draft = journal.draft()
    return notes, None if draft is None else (draft.at, draft.body.reveal())
