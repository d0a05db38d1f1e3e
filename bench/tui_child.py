"""An app on a real terminal, for the figures that the command line cannot set up.

    python bench/tui_child.py bare W [--tick] [--pydantic]
        a bare Textual app: W Statics in all, one of them showing a name that the
        space key changes, one a clock updated at 10 Hz with --tick; --pydantic:
        it first imports pydantic and builds one model, as any app pays that
        validates its data with pydantic before its first frame (the floor that
        circle-tui's design sets, `bench/tty_figures.py`)
    python bench/tui_child.py console N ROOT MODE [--block]
        the real ConsoleApp (the real driver, on this terminal) on a new session
        in ROOT with N people; MODE `keys`: a round, nobody speaking yet;
        `turn`: a turn running with a 30-minute time box. --block: the event
        loop is blocked 250 ms every 5 s, each block over a second boundary of
        the running turn, at a random point of it.

Where widgets sit on screen, when the turn started and when the loop was
blocked go to the parent as JSON lines on fd $BENCH_INFO_FD (`bench/term.py`).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TURN_SECONDS = 1800
BLOCK_SECONDS = 0.25
BLOCK_EVERY = 5.0


def tell(record: dict[str, Any]) -> None:
    fd = os.environ.get("BENCH_INFO_FD")
    if fd:
        with contextlib.suppress(OSError):
            os.write(int(fd), (json.dumps(record) + "\n").encode())


def regions(app: Any, ids: dict[str, str]) -> None:
    """Tell the parent where the widgets are (screen cells: x, y, width, height)."""
    from textual.css.query import NoMatches

    found: dict[str, list[int]] = {}
    screen = getattr(app, "console_screen", None) or app.screen
    for name, selector in ids.items():
        for one in selector.split(","):
            try:
                region = screen.query_one(one.strip()).region
            except NoMatches:
                continue
            found[name] = [region.x, region.y, region.width, region.height]
            break
    tell({"regions": found})


def bare(widgets: int, tick: bool, with_pydantic: bool = False) -> None:
    if with_pydantic:
        from pydantic import BaseModel, ConfigDict, Field

        class Person(BaseModel):
            model_config = ConfigDict(frozen=True, extra="forbid")
            name: str = Field(min_length=1)

        Person.model_validate({"name": "Ane"})

    from textual.app import App, ComposeResult
    from textual.widgets import Static

    from bench.names import NAMES

    class Bare(App[None]):
        BINDINGS = [("space", "next", "next")]

        def __init__(self) -> None:
            super().__init__()
            self.turn = 0

        def compose(self) -> ComposeResult:
            yield Static(NAMES[0], id="speaker")
            yield Static("0:00", id="clock")
            for i in range(max(0, widgets - 3)):
                yield Static(f"widget {i}")
            yield Static("bare ready", id="ready")

        def on_mount(self) -> None:
            self.query_one("#ready").styles.dock = "bottom"
            if tick:
                self.set_interval(0.1, self._tick)
            self.set_timer(0.3, self._where)
            self.set_timer(1.0, self._where)

        def _where(self) -> None:
            regions(self, {"speaker": "#speaker", "clock": "#clock"})

        def _tick(self) -> None:
            left = TURN_SECONDS - int(time.monotonic()) % TURN_SECONDS
            self.query_one("#clock", Static).update(f"{left // 60}:{left % 60:02}")

        def action_next(self) -> None:
            self.turn += 1
            self.query_one("#speaker", Static).update(NAMES[self.turn % len(NAMES)])

    Bare().run()


def console(people: int, root: Path, mode: str, block: bool) -> None:
    from bench.names import NAMES
    from circle_tui.app.live import start_session
    from circle_tui.core.decide import GiveWord, NextPhase
    from circle_tui.core.formats import Phase, PhaseKind
    from circle_tui.core.plan import Participant
    from circle_tui.core.timing import SystemClock
    from circle_tui.store.format_files import find_format
    from circle_tui.ui.console import ConsoleApp

    base = find_format("reflection-circle")
    if mode == "keys":  # many rounds: a press always has someone to give the word to
        rounds = tuple(
            Phase(kind=PhaseKind.ROUND, title=f"Round {i + 1}", prompt="What do you notice?")
            for i in range(30)
        )
        phases = (base.phases[0], *rounds, base.phases[-1])
    else:  # the check-in with a long time box: the turn runs through the measurement
        checkin = base.phases[1].model_copy(update={"turn_seconds": TURN_SECONDS})
        phases = (base.phases[0], checkin, *base.phases[2:])
    fmt = base.model_copy(
        update={"phases": phases, "id": "bench-circle", "max_people": max(people, 4)}
    )
    clock = SystemClock()
    live = start_session(
        root,
        fmt,
        tuple(Participant(name=name) for name in NAMES[:people]),
        clock,
        beating=True,
    )
    live.execute(NextPhase(confirmed=True))
    start_mono: float | None = None
    if mode == "turn":
        mono0, clock0 = time.monotonic(), clock.now()
        live.execute(GiveWord())
        turn = live.state.current_turn
        started = getattr(turn, "started_at", None) if turn is not None else None
        start_mono = mono0 + ((started if started is not None else clock0) - clock0)
        tell({"turn": {"start": start_mono, "budget": TURN_SECONDS}})

    class Measured(ConsoleApp):
        def on_mount(self) -> None:  # Textual calls ConsoleApp's own handlers too
            self.set_timer(0.3, self._where)
            self.set_timer(1.0, self._where)
            if block and start_mono is not None:
                self._schedule_block()

        def _where(self) -> None:
            regions(
                self,
                {
                    "speaker": "#timer #speaker, TurnTimer #speaker",
                    "digits": "#timer #digits, TurnTimer Digits",
                    "phasebar": "#phasebar",
                },
            )

        def _schedule_block(self) -> None:
            assert start_mono is not None
            now = time.monotonic()
            boundary = start_mono + math.ceil(now + BLOCK_EVERY - start_mono)
            at = boundary - random.uniform(0.02, BLOCK_SECONDS - 0.02)
            self.set_timer(max(0.0, at - now), self._block)

        def _block(self) -> None:
            began = time.monotonic()
            time.sleep(BLOCK_SECONDS)  # the event loop does nothing else meanwhile
            tell({"block": [began, time.monotonic()]})
            self._schedule_block()

    Measured(live).run()


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "bare":
        bare(int(sys.argv[2]), "--tick" in sys.argv, "--pydantic" in sys.argv)
    elif what == "console":
        console(int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4], "--block" in sys.argv)
    else:
        raise SystemExit(f"unknown: {what}")
