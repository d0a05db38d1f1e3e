"""Figures of the apps on a real terminal (a pty each, `bench/term.py`), beside a bare
Textual app started the same way in the same run.

1. first frame through the command line; 2. `--version` CPU; 3. key to screen;
4. the timer read as a camera would, with and without a blocked loop;
7. idle CPU of the console and the wall; 8. peak memory of a 3-hour session.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable

from bench.camera import Seconds, clock_seconds, lateness, read_digits
from bench.common import (
    CLI,
    PYTHON,
    ROOT,
    TUI_CHILD,
    Figure,
    child,
    child_env,
    cpu_of_run,
    home,
    ms,
    na,
    percentile,
)
from bench.names import NAMES
from bench.term import Screen, Term

SIZE = (160, 50)
START_TIMEOUT = 30.0


def _yes(value: float, limit: float) -> bool:
    return value <= limit


def _region(term: Term, name: str, timeout: float = START_TIMEOUT) -> list[int] | None:
    """Where the child says a widget is (its latest word on it)."""

    def has() -> bool:
        return any(name in record.get("regions", {}) for _, record in term.info)

    if not term.wait_for(has, timeout):
        return None
    with term.lock:
        latest = [r["regions"][name] for _, r in term.info if name in r.get("regions", {})]
    return list(latest[-1])


def _cells(screen: Screen, region: list[int]) -> list[str]:
    x, y, width, height = region
    return screen.region(x, y, width, height)


# -- 1. first frame through the command line -----------------------------------------


def _first_frame(argv: list[str], env: dict[str, str], marker: str) -> tuple[float, float]:
    """Spawn on a pty; seconds to the first complete frame that shows `marker`, and to
    the first with the bottom line drawn too (the console's footer comes a frame later).

    Complete: its synchronized update ended; a terminal without them (the app did
    not take up the offer) would count a frame once its bottom line is drawn."""
    seen: list[float] = []
    full: list[float] = []

    def watch(t: float, screen: Screen) -> None:
        if marker not in screen.text():
            return
        bottom = bool(screen.line(screen.rows - 1).strip())
        if not seen and (screen.sync_seen or bottom):
            seen.append(t)
        if not full and bottom:
            full.append(t)

    with Term(argv, cols=SIZE[0], rows=SIZE[1], env=env, cwd=ROOT, timeout=60) as term:
        with term.lock:
            term.watchers.append(watch)
        if not term.wait_for(lambda: bool(seen), START_TIMEOUT):
            raise RuntimeError(f"no first frame showing {marker!r}: {term.tail()}")
        term.wait_for(lambda: bool(full), 3)
        first = seen[0] - term.spawned
        return first, (full[0] - term.spawned) if full else float("nan")


def cold_start(runs: int, people: int = 8) -> list[Figure]:
    widgets = int(child("widgets", str(people))["widgets"])
    names = ",".join(NAMES[:people])
    console: list[float] = []
    footer: list[float] = []
    bare: list[float] = []
    floor: list[float] = []

    def one_console() -> None:
        with home() as where:
            argv = [*CLI, "run", "--format", "reflection-circle", "--participants", names]
            argv += ["--sessions-dir", str(where / "sessions")]
            first, full = _first_frame(argv, child_env(where), "Contract")
            console.append(first)
            footer.append(full)

    def one_bare() -> None:
        with home() as where:
            argv = [*TUI_CHILD, "bare", str(widgets)]
            bare.append(_first_frame(argv, child_env(where), "bare ready")[0])

    def one_floor() -> None:
        with home() as where:
            argv = [*TUI_CHILD, "bare", str(widgets), "--pydantic"]
            floor.append(_first_frame(argv, child_env(where), "bare ready")[0])

    for i in range(runs):  # interleaved (ABC, then CBA), so load on the machine hits all alike
        order: list[Callable[[], None]] = [one_console, one_bare, one_floor]
        for run in order if i % 2 == 0 else order[::-1]:
            run()
    ratio = statistics.median(console) / statistics.median(bare)
    floor_ratio = statistics.median(floor) / statistics.median(bare)
    bytecode = "PYTHONDONTWRITEBYTECODE set" if _no_bytecode() else "bytecode cached"
    return [
        Figure(
            f"first frame, `circle-tui run`, {people} people",
            ms(statistics.median(console)),
            "ms",
            "",
            None,
            f"median of {runs}; spawn on a {SIZE[0]}x{SIZE[1]} pty to the first complete "
            f"frame with the phase strip (teardown not counted); with the footer "
            f"{ms(statistics.median(footer)):.0f} ms; {bytecode}",
        ),
        Figure(
            f"first frame, bare Textual app ({widgets} widgets)",
            ms(statistics.median(bare)),
            "ms",
            "",
            None,
            f"median of {runs}, same pty, same way",
        ),
        Figure(
            "first frame, the same bare app importing pydantic (one model) first",
            ms(statistics.median(floor)),
            "ms",
            "",
            None,
            f"{floor_ratio:.2f}x the bare app: the floor for a start that validates "
            "with pydantic, as DESIGN.md's core does",
        ),
        Figure("first frame ratio circle-tui / bare", ratio, "x", "<= 1.15", _yes(ratio, 1.15)),
    ]


def _no_bytecode() -> bool:
    import os

    return bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))


# -- 2. --version -------------------------------------------------------------------


def version_cpu(runs: int) -> list[Figure]:
    env = child_env()
    baseline = [PYTHON, "-c", "import argparse, gettext, tomllib, pydantic"]
    version: list[float] = []
    helps: list[float] = []
    bare: list[float] = []
    for _ in range(runs):  # interleaved
        version.append(cpu_of_run([*CLI, "--version"], env)[0])
        bare.append(cpu_of_run(baseline, env)[0])
        helps.append(cpu_of_run([*CLI, "--help"], env)[0])
    ratio = statistics.median(version) / statistics.median(bare)
    return [
        Figure(
            "`circle-tui --version`, CPU",
            ms(statistics.median(version)),
            "ms",
            "",
            None,
            f"median of {runs}; user + system time of the child (wait4)",
        ),
        Figure("`circle-tui --help`, CPU", ms(statistics.median(helps)), "ms", "", None),
        Figure(
            "python + argparse, gettext, tomllib, pydantic, CPU",
            ms(statistics.median(bare)),
            "ms",
            "",
            None,
        ),
        Figure("`--version` CPU ratio / that", ratio, "x", "<= 1.5", _yes(ratio, 1.5)),
    ]


# -- 3. key to screen -----------------------------------------------------------------


class _Changes:
    """Every change of one region's text, with the time of the frame that showed it."""

    def __init__(self, region: list[int]) -> None:
        self.region = region
        self.seen: list[tuple[float, str]] = []
        self.text: str | None = None

    def __call__(self, t: float, screen: Screen) -> None:
        text = " ".join(_cells(screen, self.region)).strip()
        if text != self.text:
            self.text = text
            self.seen.append((t, text))


def _presses(
    argv: list[str], env: dict[str, str], presses: int, rng: random.Random
) -> tuple[list[float], int]:
    """Press space `presses` times at random moments; the delay from each write to the
    first frame whose speaker line changed, and how many presses never showed."""
    timings: list[float] = []
    lost = 0
    with Term(argv, cols=SIZE[0], rows=SIZE[1], env=env, cwd=ROOT, timeout=60 + presses) as term:
        region = _region(term, "speaker")
        if region is None:
            raise RuntimeError(f"the child never said where the speaker line is: {term.tail()}")
        changes = _Changes(region)
        with term.lock:
            term.watchers.append(changes)
        term.wait_for(lambda: changes.text is not None and changes.text != "", 5)
        time.sleep(0.5)
        for _ in range(presses):
            if term.closed.is_set():
                break
            time.sleep(rng.uniform(0.03, 0.25))  # any moment of the 10 Hz tick
            with term.lock:
                before = len(changes.seen)
            sent = term.send(b" ")
            if not term.wait_for(lambda b=before: len(changes.seen) > b, 1.0):  # type: ignore[misc]
                lost += 1
                continue
            with term.lock:
                shown_at, text = changes.seen[before]
            timings.append(shown_at - sent)
            if text.split(" ")[0] not in NAMES:  # the round is over: next phase, untimed
                with term.lock:
                    before = len(changes.seen)
                term.send(b"n")
                term.wait_for(lambda b=before: len(changes.seen) > b, 2.0)  # type: ignore[misc]
                time.sleep(0.3)
    return timings, lost


def key_latency(presses: int, blocks: int) -> list[Figure]:
    rng = random.Random(11)
    console: list[float] = []
    bare: list[float] = []
    lost = {"console": 0, "bare": 0}
    each = max(1, presses // blocks)
    for _ in range(blocks):  # interleaved blocks of presses
        with home() as where:
            argv = [*TUI_CHILD, "console", "40", str(where / "sessions"), "keys"]
            got, missed = _presses(argv, child_env(where), each, rng)
            console += got
            lost["console"] += missed
        with home() as where:
            got, missed = _presses(
                [*TUI_CHILD, "bare", "40", "--tick"], child_env(where), each, rng
            )
            bare += got
            lost["bare"] += missed
    if not console or not bare:
        return [na("key to screen, 40 people", f"no press showed (lost {lost})", "< 33")]
    p95 = percentile(console, 0.95)
    return [
        Figure(
            "key to screen p50, 40 people, real terminal",
            ms(percentile(console, 0.5)),
            "ms",
            "",
            None,
            f"{len(console)} presses of space at random moments; write to the pty until "
            f"the frame with the new speaker is read; {lost['console']} never showed",
        ),
        Figure(
            "key to screen p95, 40 people, real terminal",
            ms(p95),
            "ms",
            "< 33",
            p95 < 0.033 and lost["console"] == 0,
            "met only if no press was lost",
        ),
        Figure(
            "key to screen p50 / p95, bare app (Static on a key, 10 Hz clock)",
            ms(percentile(bare, 0.5)),
            "ms",
            "",
            None,
            f"p95 {ms(percentile(bare, 0.95)):.1f} ms; {len(bare)} presses, "
            f"{lost['bare']} never showed",
        ),
    ]


# -- 4. the timer, as a camera sees it --------------------------------------------------


def _watch_timer(seconds: float, block: bool) -> tuple[list[tuple[float, int | None]], Term]:
    frames: list[tuple[float, int | None]] = []
    with home() as where:
        argv = [*TUI_CHILD, "console", "40", str(where / "sessions"), "turn"]
        if block:
            argv.append("--block")
        with Term(
            argv, cols=SIZE[0], rows=SIZE[1], env=child_env(where), cwd=ROOT, timeout=seconds + 60
        ) as term:
            region = _region(term, "digits")
            if region is None:
                raise RuntimeError(f"no digits on screen: {term.tail()}")

            def watch(t: float, screen: Screen) -> None:
                frames.append((t, clock_seconds(read_digits(_cells(screen, region)))))

            with term.lock:
                term.watchers.append(watch)
            time.sleep(seconds)
            with term.lock:
                term.watchers.remove(watch)
        return frames, term


def _seconds_of(runs: int, seconds: float, block: bool) -> Seconds:
    """Pool `runs` consoles of `seconds` each: a new one starts its ticks at another
    moment of the second, so the pool sees the ticker at many phases."""
    pooled = Seconds()
    for _ in range(runs):
        frames, term = _watch_timer(seconds, block)
        turn = next((r["turn"] for _, r in term.info if "turn" in r), None)
        if turn is None:
            raise RuntimeError(f"the child never said when the turn began: {term.tail()}")
        blocks = [
            (float(r["block"][0]), float(r["block"][1])) for _, r in term.info if "block" in r
        ]
        found = lateness(frames, float(turn["start"]), int(turn["budget"]), blocks)
        pooled.late += found.late
        pooled.after_block += found.after_block
        pooled.early_frames += found.early_frames
        pooled.frames += found.frames
        pooled.unread += found.unread
    return pooled


def timer_truth(runs: int, seconds: float) -> list[Figure]:
    figures: list[Figure] = []
    for block in (False, True):
        found = _seconds_of(runs, seconds, block)
        how = (
            f"{len(found.late)} seconds in {runs} runs of {seconds:.0f} s, 40 people; "
            f"{found.frames} frames read ({found.unread} without digits), "
            f"{found.early_frames} ahead of the clock"
        )
        if not found.late:
            figures.append(na("timer truth", f"no second read from the digits ({how})"))
            continue
        if not block:
            p95, worst = percentile(found.late, 0.95), max(found.late)
            figures += [
                Figure(
                    "new second on screen p95 (digits read from the frames)",
                    ms(p95),
                    "ms",
                    "<= 100",
                    _yes(p95, 0.1) and found.early_frames == 0,
                    how,
                ),
                Figure(
                    "new second on screen, latest",
                    ms(worst),
                    "ms",
                    "<= 100",
                    _yes(worst, 0.1) and found.early_frames == 0,
                    f"median {ms(statistics.median(found.late)):.0f} ms",
                ),
            ]
            continue
        if not found.after_block:
            figures.append(na("new second after a 250 ms block", f"no block over a second ({how})"))
            continue
        after = max(found.after_block)
        figures += [
            Figure(
                "new second after a 250 ms block ends, latest",
                ms(after),
                "ms",
                "<= 100",
                _yes(after, 0.1) and found.early_frames == 0,
                f"loop blocked 250 ms every 5 s, each block over a second boundary; "
                f"{len(found.after_block)} blocks; {how}",
            ),
            Figure(
                "staleness with the blocks, worst",
                ms(max(found.late)),
                "ms",
                "",
                None,
                f"a second's start to the first frame showing it; p95 "
                f"{ms(percentile(found.late, 0.95)):.0f} ms",
            ),
        ]
    return figures


# -- 7. idle CPU ------------------------------------------------------------------------


def idle_cpu(windows: int, window: float = 5.0) -> list[Figure]:
    """The console (its own running turn), the wall following it and the bare app, all
    at once on their own ptys; CPU from /proc/<pid>/stat over `windows` windows."""
    with home() as where:
        env = child_env(where)
        sessions = str(where / "sessions")
        timeout = 60 + windows * window
        console = Term(
            [*TUI_CHILD, "console", "40", sessions, "turn"],
            env=env,
            cwd=ROOT,
            cols=SIZE[0],
            rows=SIZE[1],
            timeout=timeout,
        )
        try:
            if _region(console, "digits") is None:
                raise RuntimeError(f"the console did not start: {console.tail()}")
            wall = Term(
                [*CLI, "display", "--sessions-dir", sessions],
                env=env,
                cwd=ROOT,
                cols=SIZE[0],
                rows=SIZE[1],
                timeout=timeout,
            )
            bare = Term(
                [*TUI_CHILD, "bare", "3", "--tick"],
                env=env,
                cwd=ROOT,
                cols=SIZE[0],
                rows=SIZE[1],
                timeout=timeout,
            )
            try:
                time.sleep(3)  # settled, the wall follows the turn
                following = any(name in wall.screen.text() for name in NAMES[:40])
                for term in (console, wall, bare):
                    term.emulate = False  # only drained now: the bench's own work stays low
                rates: dict[str, list[float]] = {"console": [], "wall": [], "bare": []}
                for _ in range(windows):
                    terms = {"console": console, "wall": wall, "bare": bare}
                    before = {k: t.cpu_seconds() for k, t in terms.items()}
                    t0 = time.monotonic()
                    time.sleep(window)
                    elapsed = time.monotonic() - t0
                    for k, t in terms.items():
                        cpu, cpu0 = t.cpu_seconds(), before[k]
                        if cpu is not None and cpu0 is not None:
                            rates[k].append((cpu - cpu0) / elapsed * 100)
            finally:
                wall.close()
                bare.close()
        finally:
            console.close()
    if not all(rates.values()):
        return [
            na("idle CPU", f"a process ended early: { ({k: len(v) for k, v in rates.items()}) }")
        ]
    med = {k: statistics.median(v) for k, v in rates.items()}
    figures = [
        Figure(
            "bare Textual app, one Static at 10 Hz, CPU",
            med["bare"],
            "% core",
            "",
            None,
            f"median of {windows} windows of {window:.0f} s, all three at once, "
            f"{SIZE[0]}x{SIZE[1]} ptys",
        ),
        Figure("console, running turn, 40 people, CPU", med["console"], "% core", "", None),
        Figure(
            "wall (`circle-tui display`) following it, CPU",
            med["wall"],
            "% core",
            "",
            None,
            "" if following else "the wall showed no one of the circle: check it",
        ),
    ]
    for who in ("console", "wall"):
        ratio = med[who] / med["bare"] if med["bare"] > 0 else float("inf")
        figures.append(Figure(f"{who} CPU ratio / bare", ratio, "x", "<= 1.5", _yes(ratio, 1.5)))
    return figures


# -- 8. peak memory -------------------------------------------------------------------


def _peak_kb(argv: list[str], env: dict[str, str], keys: bytes, marker: str) -> int:
    with Term(argv, cols=SIZE[0], rows=SIZE[1], env=env, cwd=ROOT, timeout=90) as term:
        started = term.wait_for(lambda: marker in term.screen.text(), 60)
        if not started:
            raise RuntimeError(f"no frame showing {marker!r}: {term.tail()}")
        for key in keys:
            time.sleep(0.3)
            term.send(bytes([key]))
        time.sleep(3)
        peak = term.status("VmHWM")
        if peak is None:
            raise RuntimeError("no /proc/<pid>/status")
        return peak


def memory(runs: int) -> list[Figure]:
    from bench.sim import session_hours, simulate, write_journal

    widgets = int(child("widgets", "40")["widgets"])
    lived, _ = simulate(n=40, hours=3.0, items=200, close=False)
    hours = session_hours(lived)
    console: list[float] = []
    bare: list[float] = []
    floor: list[float] = []
    for _ in range(runs):  # interleaved
        with home() as where:
            folder = write_journal(where / "sessions", lived)
            argv = [*CLI, "resume", str(folder), "--sessions-dir", str(where / "sessions")]
            # p: go on (a resumed turn waits), then three speakers.
            console.append(_peak_kb(argv, child_env(where), b"p   ", "Round") / 1024)
        with home() as where:
            argv = [*TUI_CHILD, "bare", str(widgets), "--tick"]
            bare.append(_peak_kb(argv, child_env(where), b"   ", "bare ready") / 1024)
        with home() as where:
            argv = [*TUI_CHILD, "bare", str(widgets), "--tick", "--pydantic"]
            floor.append(_peak_kb(argv, child_env(where), b"   ", "bare ready") / 1024)
    ratio = statistics.median(console) / statistics.median(bare)
    floor_ratio = statistics.median(floor) / statistics.median(bare)
    return [
        Figure(
            f"peak RSS, `circle-tui resume` of a {hours:.2f} h session, 40 people",
            statistics.median(console),
            "MB",
            "",
            None,
            f"VmHWM; {lived.state.events_applied} events, {len(lived.state.items)} items; "
            "resumed on a pty, p and 3 speakers, 3 s",
        ),
        Figure(
            f"peak RSS, bare Textual app ({widgets} widgets, 10 Hz)",
            statistics.median(bare),
            "MB",
            "",
            None,
            f"median of {runs}",
        ),
        Figure(
            "peak RSS, the same bare app importing pydantic (one model) first",
            statistics.median(floor),
            "MB",
            "",
            None,
            f"{floor_ratio:.2f}x the bare app: pydantic's own share",
        ),
        Figure("peak RSS ratio circle-tui / bare", ratio, "x", "<= 1.5", _yes(ratio, 1.5)),
    ]
