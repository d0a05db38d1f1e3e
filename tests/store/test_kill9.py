"""Kill -9 crash test: nothing the screen acknowledged is lost when the app dies.

A facilitator whose laptop dies mid-circle (flat battery, a frozen desktop, a
`kill -9`) starts the app again and expects the circle where the console left
it: every event, note and unfinished note it had shown as saved is there,
nothing that was never decided shows up, and the running turn is paused where
the app was last known to run, so the downtime is not charged to the speaker.

A seeded script of steps (commands, notes, drafts, heartbeats; the fake clock
moves on before each) runs once without a kill: that run is the model
(`kill9_script`), and it counts the moments at which a kill can land: before
each SQLite statement and before each acknowledgement. For each kill, a forked
child runs the script in a fresh sessions folder, acknowledging each step on a
pipe once it returned, and SIGKILLs itself at a seeded moment: where it dies
depends on the script alone, not on the speed or load of the machine, and a
failing kill can be run again. The parent checks what it left against the
model. One step's events are one transaction: the journal holds all of them
or none. `scripts/killtest` runs `main` below.
"""

from __future__ import annotations

import argparse
import ast
import bisect
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
from typing import NoReturn

import pytest

from circle_tui.app.live import LiveSession, go_on, load_session
from circle_tui.core import decide as cmd
from circle_tui.core.state import fold
from circle_tui.core.timing import FakeClock, phase_clock, turn_clock
from circle_tui.store import files, sessions
from circle_tui.store.journal import Journal
from tests.store.kill9_script import (
    RESUME_AT,
    SEED,
    SESSION_ID,
    Mark,
    Model,
    Moments,
    Runner,
    build_model,
    counting,
    private,
)


def child(model: Model, root: Path, pipe: int, kill_at: int | None = None) -> NoReturn:
    """Run the script, acknowledging each step that returned; die at moment `kill_at`."""
    try:
        moments = Moments(kill_at)
        with counting(moments):
            runner = Runner(root)
            moments.tick()  # created, not acknowledged yet
            _ack(pipe, 0, runner.mark())
            for index, step in enumerate(model.steps, 1):
                runner.run(index, step)
                moments.tick()  # the step returned, not acknowledged yet
                _ack(pipe, index, runner.mark())
        raise RuntimeError(f"the script ended before its moment {kill_at} came")
    except BaseException as exc:  # report it; pytest's machinery must not run here
        os.write(pipe, f"error {type(exc).__name__}: {exc}".replace("\n", " ").encode() + b"\n")
    finally:
        os._exit(2)  # only reached when it was not killed


def _ack(pipe: int, index: int, mark: Mark) -> None:
    os.write(pipe, f"{(index, *astuple(mark))!r}\n".encode())  # one write: never split


def last_ack(output: str) -> tuple[int | None, Mark]:
    """The last step the child acknowledged (None: not even the session's creation)."""
    acks = [ast.literal_eval(line) for line in output.splitlines() if line.startswith("(")]
    index, *mark = acks[-1] if acks else (None,)
    return index, Mark(*mark)


def run_child(run: Callable[[int], NoReturn]) -> tuple[str, bool]:
    """Fork a child doing `run(pipe)` until it dies; what it wrote, and whether it was killed."""
    read_end, write_end = os.pipe()
    if (pid := os.fork()) == 0:
        os.close(read_end)
        run(write_end)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        output = pipe.read()  # until the child's end closes: when it died
    _, status = os.waitpid(pid, 0)
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    return output.decode(), killed


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
        events, (notes, draft) = [event for _, event in journal.events()], private(journal)
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
    unacknowledged: int = 0  # kills between a commit and the console's acknowledgement
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        median, seen = statistics.median(self.committed or [0]), self.outcomes
        return (
            f"{self.kills} kills: {self.lost} lost events/notes/drafts, {seen['resumed']} "
            f"resumed to the predicted state, median {median:g} events committed per run "
            f"({seen['nothing']} before the session folder existed, {seen['refused']} half-made "
            f"folders refused with a one-line message, {self.unacknowledged} after a commit "
            f"the console had not acknowledged yet, {len(self.failures)} failures)"
        )


def campaign(kills: int, base: Path, model: Model, seed: int = SEED) -> Tally:
    """Kill `kills` children at seeded moments of the script and check each one's folder.

    Any moment of the script can be drawn: before any SQLite statement of any
    step (creating the session included) and before any acknowledgement.
    """
    rng, tally = random.Random(f"{seed}:kills"), Tally(kills)
    for number in range(kills):
        root = base / f"kill-{number:04d}"
        moment = rng.randrange(model.ends[-1])
        output, killed = run_child(functools.partial(child, model, root, kill_at=moment))
        acked, mark = last_ack(output)
        problems = [line for line in output.splitlines() if line.startswith("error")]
        step = bisect.bisect_right(model.ends, moment)  # the step the moment is in
        if not killed or acked != (step - 1 if step else None):
            problems.append(f"moment {moment} is in step {step}; the child acknowledged {acked}")
        elif acked is not None and mark != model.marks[acked]:
            problems.append(f"step {acked} acknowledged {mark}; the model has {model.marks[acked]}")
        try:
            verdict = inspect(model, root / SESSION_ID, acked)
        except Exception:  # a traceback on load is what a facilitator must never see
            verdict = Verdict("crashed", problems=[traceback.format_exc()])
        tally.lost += verdict.lost
        if verdict.outcome == "resumed":
            tally.committed.append(verdict.committed)
            shown = model.marks[acked].seq if acked is not None else 0
            tally.unacknowledged += verdict.committed > shown
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
    """60 kills at seeded moments: acknowledged work survives, resume gives the model's circle."""
    tally = campaign(60, tmp_path, model)
    assert not tally.failures, "\n".join(tally.failures[:3])
    assert tally.lost == 0
    assert sum(tally.outcomes.values()) == tally.kills
    assert max(tally.committed, default=0) > 1, "no kill landed after the circle began"
    assert tally.unacknowledged, "no kill landed between a commit and its acknowledgement"


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

    output, killed = run_child(die_there)
    assert killed and last_ack(output)[0] is None and "error" not in output, output
    verdict = inspect(model, tmp_path / SESSION_ID, None)
    # The folder is renamed into place whole: before that there is no session at all.
    assert verdict.outcome == ("resumed" if cut.endswith("begun") else "nothing")
    assert not verdict.problems and verdict.committed == 0


def main(argv: list[str] | None = None) -> int:
    """`scripts/killtest [--kills N]`: the same check with more kills, one line of result."""
    parser = argparse.ArgumentParser("scripts/killtest", description="SIGKILL a circle N times.")
    parser.add_argument("--kills", type=int, default=300, help="how many kills (300)")
    parser.add_argument("--seed", type=int, default=SEED, help="seeds the script and the kills")
    args = parser.parse_args(argv)
    base, started = Path(tempfile.mkdtemp(prefix="killtest-")), time.monotonic()
    model = build_model(base / "model" / "sessions", args.seed)
    tally = campaign(args.kills, base, model, args.seed)
    if tally.failures:
        kept = f"the failing session folders are kept in {base}"
        print(*tally.failures[:5], kept, sep="\n", file=sys.stderr)
    shutil.rmtree(base if not tally.failures else base / "model", ignore_errors=True)
    print(f"{tally.line()} in {time.monotonic() - started:.0f} s")
    return 1 if tally.failures or tally.lost else 0


if __name__ == "__main__":
    sys.exit(main())
