"""Kill -9 crash test: nothing the screen acknowledged is lost when the app dies.

A facilitator whose laptop dies mid-circle (flat battery, a frozen desktop, a
`kill -9`) starts the app again and expects the circle where the console left
it: every event, note and unfinished note it had shown as saved is there,
nothing that was never decided shows up, and the running turn is paused where
the app was last known to run, so the downtime is not charged to the speaker.

A seeded script of steps (commands, notes, drafts, heartbeats; the fake clock
moves on before each) runs once without a kill: that run is the model. For each
kill, a forked child runs it in a fresh sessions folder, acknowledging each step
on a pipe once it returned; the parent SIGKILLs it once a random step was
acknowledged (plus a random 0-2 ms, or at a random moment of the start) and
checks what it left against the model. One step's events are one
transaction: the journal holds all of them or none. `scripts/killtest` runs `main` below.
"""

from __future__ import annotations

import argparse
import ast
import functools
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import astuple, dataclass, field, fields
from pathlib import Path
from typing import Any, NoReturn

import pytest

from circle_tui.app.live import LiveSession, go_on, load_session, start_session
from circle_tui.core import decide as cmd
from circle_tui.core.events import Event
from circle_tui.core.items import parse_item
from circle_tui.core.plan import SessionPlan, parse_participants
from circle_tui.core.state import SessionState, fold
from circle_tui.core.timing import FakeClock, phase_clock, turn_clock
from circle_tui.store import files, sessions
from circle_tui.store.format_files import find_format
from circle_tui.store.journal import Journal

SEED, SESSION_ID = 9, "kill9"
START = 1_790_000_000.0
RESUME_AT = START + 10_000_000.0  # when the app comes back: after any script's last step
STEPS = 2000  # far more than a child gets through in 40 ms
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
    events: list[Event]
    notes: list[Any]  # (at, phase, speaker, text)
    drafts: dict[int, tuple[float, str]]
    plan: SessionPlan


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
    rng, runner = random.Random(seed), Runner(root)
    steps, marks, drafts = [], [runner.mark()], {}
    for index in range(1, length + 1):
        steps.append(step := next_step(rng, index, runner.live.state))
        runner.run(index, step)
        marks.append(runner.mark())
        if step.kind == "draft" and step.text:
            drafts[index] = (runner.clock.now(), step.text)
    journal, (notes, draft) = runner.live.journal, _private(runner.live.journal)
    events = [event for _, event in journal.events()]
    assert journal.last_seq() == len(events) == marks[-1].seq and len(notes) == marks[-1].notes
    assert journal.alive_at() == marks[-1].alive and draft == drafts.get(marks[-1].draft)
    runner.live.close()
    return Model(steps, marks, events, notes, drafts, runner.live.plan)


def _private(journal: Journal) -> tuple[list[Any], tuple[float, str] | None]:
    """The journal's notes and unfinished note, as plain values."""
    notes = [(n.at, n.phase, n.speaker, n.body.reveal()) for n in journal.notes()]
    draft = journal.draft()
    return notes, None if draft is None else (draft.at, draft.body.reveal())


def child(model: Model, root: Path, pipe: int) -> NoReturn:
    """Run the script, acknowledging each step that returned, until killed."""
    code = 0
    try:
        runner = Runner(root)
        _ack(pipe, 0, runner.mark())
        for index, step in enumerate(model.steps, 1):
            runner.run(index, step)
            _ack(pipe, index, runner.mark())
        time.sleep(60)  # the whole script ran: wait for the kill
    except BaseException as exc:  # report it; pytest's machinery must not run here
        os.write(pipe, f"error {type(exc).__name__}: {exc}".replace("\n", " ").encode() + b"\n")
        code = 2
    finally:
        os._exit(code)


def _ack(pipe: int, index: int, mark: Mark) -> None:
    os.write(pipe, f"{(index, *astuple(mark))!r}\n".encode())  # one write: never split


def last_ack(output: str) -> tuple[int | None, Mark]:
    """The last step the child acknowledged (None: not even the session's creation)."""
    acks = [ast.literal_eval(line) for line in output.splitlines() if line.startswith("(")]
    index, *mark = acks[-1] if acks else (None,)
    return index, Mark(*mark)


def kill_after(delay: float | None, run: Callable[[int], NoReturn], after_step: int = 0) -> str:
    """Fork a child doing `run(pipe)`, SIGKILL it; return what it wrote.

    The kill lands `delay` s after the child acknowledged step `after_step`:
    a moment chosen by steps, not by the clock, so a slow or loaded machine
    kills as deep into the circle as a fast one. With no delay, the child is
    waited for (it kills itself).
    """
    read_end, write_end = os.pipe()
    if (pid := os.fork()) == 0:
        os.close(read_end)
        run(write_end)
    os.close(write_end)
    output = b""
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        if delay is not None:
            while not _acked(output, after_step) and (chunk := pipe.read(65536)):
                output += chunk
            time.sleep(delay)
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        output += pipe.read()
    return output.decode()


def _acked(output: bytes, step: int) -> bool:
    """Whether the child acknowledged `step` (or stopped with an error)."""
    return f"\n({step}, ".encode() in b"\n" + output or b"error" in output


@dataclass
class Verdict:
    outcome: str  # nothing (no folder yet), refused (half made: one line says why), resumed
    committed: int = 0
    lost: int = 0
    problems: list[str] = field(default_factory=list)


def inspect(model: Model, folder: Path, acked: int | None) -> Verdict:
    """Check a killed child's session folder against the model, then resume it."""
    shown = Mark() if acked is None else model.marks[acked]
    most = model.marks[min(len(model.marks) - 1, 0 if acked is None else acked + 1)]
    gone = shown.seq + shown.notes  # all of it, if the session does not open
    if not folder.exists():
        return Verdict("nothing", lost=gone, problems=["the session folder is gone"] * bool(gone))
    try:
        live = load_session(folder, FakeClock(RESUME_AT))
    except files.StoreError as exc:
        message = str(exc)
        problems = [f"an acknowledged session does not load: {message}"] * bool(gone)
        if "\n" in message or str(folder) not in message:
            problems.append(f"not a one-line message naming the file: {message!r}")
        return Verdict("refused", lost=gone, problems=problems)
    try:
        journal, problems, lost = live.journal, [], 0
        events, (notes, draft) = [event for _, event in journal.events()], _private(journal)
        for what, found, expected, low, high in [
            ("events", events, model.events, shown.seq, most.seq),
            ("notes", notes, model.notes, shown.notes, most.notes),
        ]:
            prefix = found == expected[: len(found)]
            lost += max(0, low - len(found)) if prefix else low
            if not prefix:
                problems.append(f"the journal's {what} are not the model's")
            if len(found) not in (low, high):  # one step's events: all of them or none
                problems.append(f"{len(found)} {what}; acknowledged {low}, the step gives {high}")
        if draft not in {model.drafts.get(m.draft) for m in (shown, most)}:
            lost += 1
            problems.append(f"unfinished note {draft!r}; acknowledged step {shown.draft}'s")
        if (alive := journal.alive_at()) not in {shown.alive, most.alive}:
            problems.append(f"heartbeat {alive!r}; acknowledged {shown.alive!r}")
        if live.plan != model.plan:
            problems.append("session.toml differs from the model's plan")
        if not problems:
            problems += resume_problems(model, live, len(events), alive)
        return Verdict("resumed", len(events), lost, problems)
    finally:
        live.close()


def resume_problems(model: Model, live: LiveSession, count: int, alive: float | None) -> list[str]:
    """Resuming gives the model's state after the same events, downtime not charged."""
    before = fold(model.plan, model.events[:count])
    predicted = fold(model.plan, model.events[:count])
    commands: list[cmd.Command] = [cmd.ResumeAfterBreak(alive_at=alive)]
    if predicted.started_at is None:
        commands.insert(0, cmd.Begin())
    decision = go_on(live)
    for command in commands:
        expected = cmd.decide(predicted, command, live.clock)
        for event in [] if isinstance(expected, cmd.Refusal) else expected:
            predicted.apply(event)
    problems = []
    if live.state.phase is None and not live.state.closed:
        problems.append("resumed into no phase: the session cannot go on")
    got, want = live.state, predicted  # phase, speaker, pause, turns, items, contract...
    clocks = [(turn_clock(s, RESUME_AT), phase_clock(s, RESUME_AT)) for s in (got, want)]
    if got != want or clocks[0] != clocks[1]:
        differ = [f.name for f in fields(want) if getattr(got, f.name) != getattr(want, f.name)]
        problems.append(f"resumed to another state: {differ} differ; clocks {clocks}")
    saved = live.unsaved is None and live.journal.last_seq() == live.saved_seq
    if type(decision) is not type(expected) or not saved:
        problems.append(f"resume decided {decision!r}; the model {expected!r}")
    last_known = max(before.last_at or 0.0, alive or 0.0)  # the downtime is not charged
    then = (turn_clock(before, last_known), phase_clock(before, last_known))
    if before.phase is not None and clocks[0] != then:
        problems.append(f"clocks {clocks[0]} after resume; {then} when the app died")
    return problems


@dataclass
class Tally:
    kills: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    lost: int = 0
    committed: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        median, seen = statistics.median(self.committed or [0]), self.outcomes
        return (
            f"{self.kills} kills: {self.lost} lost events/notes/drafts, {seen['resumed']} "
            f"resumed to the predicted state, median {median:g} events committed per run "
            f"({seen['nothing']} before the session folder existed, {seen['refused']} half-made "
            f"folders refused with a one-line message, {len(self.failures)} failures)"
        )


DEEPEST = 400
"""Kills land after a random step up to this one (the script has `STEPS`)."""


def campaign(kills: int, base: Path, model: Model, seed: int = SEED, late: float = 0.002) -> Tally:
    """Kill `kills` children at seeded random moments and check each one's folder.

    Each kill lands after a random step (up to `DEEPEST`) and then a random
    0 to `late` s into what follows: anywhere in a step, on any machine.
    """
    rng, tally = random.Random(f"{seed}:kills"), Tally(kills)
    for number in range(kills):
        root = base / f"kill-{number:04d}"
        step, delay = rng.randint(-1, DEEPEST), rng.uniform(0, late)
        run = functools.partial(child, model, root)
        output = (
            kill_after(delay, run, step) if step >= 0 else kill_after(rng.uniform(0, 0.01), run)
        )
        acked, mark = last_ack(output)
        problems = [line for line in output.splitlines() if line.startswith("error")]
        if acked is not None and mark != model.marks[acked]:
            problems.append(f"step {acked} acknowledged {mark}; the model has {model.marks[acked]}")
        try:
            verdict = inspect(model, root / SESSION_ID, acked)
        except Exception:  # a traceback on load is what a facilitator must never see
            verdict = Verdict("crashed", problems=[traceback.format_exc()])
        tally.lost += verdict.lost
        if verdict.outcome == "resumed":
            tally.committed.append(verdict.committed)
        if problems := problems + verdict.problems:
            tally.failures.append(f"{root} (last ack {acked}): " + "; ".join(problems))
        else:
            tally.outcomes[verdict.outcome] += 1
            shutil.rmtree(root, ignore_errors=True)
    return tally


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Model:
    return build_model(tmp_path_factory.mktemp("model") / "sessions")


def test_nothing_acknowledged_is_lost_when_the_app_is_killed(model: Model, tmp_path: Path) -> None:
    """60 kills at random moments: acknowledged work survives, resume gives the model's circle."""
    tally = campaign(60, tmp_path, model)
    assert not tally.failures, "\n".join(tally.failures[:3])
    assert tally.lost == 0
    assert sum(tally.outcomes.values()) == tally.kills
    assert max(tally.committed, default=0) > 1, "no kill landed after the circle began"


CUTS = {
    "folder made, no plan yet": (sessions, "write_plan"),
    "plan in a temp file, not renamed": (os, "replace"),
    "plan written, no journal yet": (Journal, "create"),
    "journal made, no tables yet": (Journal, "_create_tables"),
    "journal made, circle not begun": (LiveSession, "execute"),
}


@pytest.mark.parametrize("cut", CUTS)
def test_a_session_killed_while_being_created_loads_or_says_which_file(
    model: Model, tmp_path: Path, cut: str
) -> None:
    """Killed at each step of creating a session: no traceback when it is opened again."""
    owner, name = CUTS[cut]

    def die_there(pipe: int) -> NoReturn:
        setattr(owner, name, lambda *_, **__: os.kill(os.getpid(), signal.SIGKILL))
        child(model, tmp_path, pipe)

    output = kill_after(None, die_there)
    assert last_ack(output)[0] is None and "error" not in output, output
    verdict = inspect(model, tmp_path / SESSION_ID, None)
    # The folder is renamed into place whole: before that there is no session at all.
    assert verdict.outcome == ("resumed" if cut.endswith("begun") else "nothing")
    assert not verdict.problems and verdict.committed == 0


def main(argv: list[str] | None = None) -> int:
    """`scripts/killtest [--kills N]`: the same check with more kills, one line of result."""
    parser = argparse.ArgumentParser("scripts/killtest", description="SIGKILL a circle N times.")
    parser.add_argument("--kills", type=int, default=300, help="how many kills (300)")
    parser.add_argument("--seed", type=int, default=SEED, help="seeds the script and the delays")
    parser.add_argument(
        "--max-ms", type=float, default=2, help="latest moment of a kill after its step (2)"
    )
    args = parser.parse_args(argv)
    base, started = Path(tempfile.mkdtemp(prefix="killtest-")), time.monotonic()
    model = build_model(base / "model" / "sessions", args.seed)
    tally = campaign(args.kills, base, model, args.seed, args.max_ms / 1000)
    if tally.failures:
        kept = f"the failing session folders are kept in {base}"
        print(*tally.failures[:5], kept, sep="\n", file=sys.stderr)
    shutil.rmtree(base if not tally.failures else base / "model", ignore_errors=True)
    print(f"{tally.line()} in {time.monotonic() - started:.0f} s")
    return 1 if tally.failures or tally.lost else 0


if __name__ == "__main__":
    sys.exit(main())
