"""`scripts/fuzz`: damaged formats, settings files and sessions, through the real commands.

Every case goes through the command line's own entry point (`main`), in this
process so thousands fit in minutes, and through the console and the wall
(headless) for a sample. A case fails when anything escapes as an exception
(a traceback for the user), when it runs past its deadline (a hang), when
the app stops on an internal error (a crash), or when an error is not one
line of bounded length. Seeded: `--seed S` and the case number replay it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.app import App

from circle_tui.cli import main as cli_main
from circle_tui.core.errors import LINE_LIMIT
from circle_tui.store.locations import builtin_formats_dir

SEED = 18
BUILTINS = sorted(builtin_formats_dir().glob("*.toml"))
LONGEST_LINE = LINE_LIMIT + 40  # "circle-tui: " and a list's session id in front
KEYS = ["space", "x", "p", "plus", "n", "tab", "a", "enter", "escape", "question_mark", "escape"]


class Hang(BaseException):
    """A case ran past its deadline (BaseException: no `except Exception` swallows it)."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    def ring(_signum: int, _frame: object) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Tally:
    """What a campaign found."""

    what: str
    cases: int = 0
    tracebacks: int = 0
    hangs: int = 0
    crashes: int = 0
    long_lines: int = 0
    loaded: int = 0
    """Cases that loaded (and so went on to a circle, a summary or the UI)."""
    ui_runs: int = 0
    failures: list[str] = field(default_factory=list)

    def failed(self, kind: str, case: int, detail: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        self.failures.append(f"{self.what} case {case}: {kind}: {detail}"[:400])

    @property
    def ok(self) -> bool:
        return not (self.tracebacks or self.hangs or self.crashes or self.long_lines)

    def line(self) -> str:
        return (
            f"{self.cases} {self.what}: {self.tracebacks} tracebacks, {self.hangs} hangs, "
            f"{self.crashes} crashes, {self.long_lines} unbounded lines "
            f"({self.loaded} loaded; {self.ui_runs} app runs in the console or on the wall)"
        )


def run_cli(tally: Tally, case: int, argv: list[str], seconds: float = 20) -> int | None:
    """`circle-tui ARGV` in this process; its output must be lines of bounded length."""
    out, err = io.StringIO(), io.StringIO()
    code: int | None = None
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), deadline(seconds):
            try:
                code = cli_main(argv)
            except SystemExit as exc:  # argparse: --version, usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    except Hang:
        tally.failed("hangs", case, " ".join(argv)[:200])
        return None
    except Exception as exc:
        tally.failed("tracebacks", case, f"{' '.join(argv)[:200]}: {exc!r}"[:300])
        return None
    for line in (out.getvalue() + err.getvalue()).splitlines():
        if len(line) > LONGEST_LINE or any(not (c.isprintable() or c == " ") for c in line):
            tally.failed("long_lines", case, f"{' '.join(argv)[:100]}: {line[:120]!r}")
            break
    return code


def in_the_ui(tally: Tally, case: int, app: App[Any], keys: list[str], seconds: float = 30) -> None:
    """Run a headless app and press `keys`; an exception out of it is a crash the room would see."""
    tally.ui_runs += 1
    try:
        with deadline(seconds):
            asyncio.run(press_keys(app, keys))
    except Hang:
        tally.failed("hangs", case, "the console or the wall")
    except Exception as exc:
        tally.failed("crashes", case, repr(exc)[:300])


async def press_keys(app: App[Any], keys: list[str]) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        for key in keys:
            await pilot.press(key)
        await pilot.pause()


@contextlib.contextmanager
def isolated(base: Path) -> Iterator[Path]:
    """Sessions, formats and settings of the campaign's own, never the user's."""
    keep = {k: os.environ.get(k) for k in ("CIRCLE_TUI_SESSIONS", "CIRCLE_TUI_FORMATS")}
    keep |= {"CIRCLE_TUI_CONFIG": os.environ.get("CIRCLE_TUI_CONFIG")}
    os.environ["CIRCLE_TUI_SESSIONS"] = str(base / "sessions")
    os.environ["CIRCLE_TUI_FORMATS"] = str(base / "formats")
    os.environ["CIRCLE_TUI_CONFIG"] = str(base / "settings.toml")
    try:
        yield base
    finally:
        for key, value in keep.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def main(argv: list[str] | None = None) -> int:
    """Run the campaigns; one line each; exit 1 if any case failed."""
    from tests.fuzz.campaigns import fuzz_formats, fuzz_sessions, fuzz_settings

    parser = argparse.ArgumentParser("scripts/fuzz", description="Fuzz what users can damage.")
    parser.add_argument("--formats", type=int, default=10_000, help="mutated formats (10000)")
    parser.add_argument("--settings", type=int, default=2_000, help="settings files (2000)")
    parser.add_argument("--sessions", type=int, default=100, help="damaged sessions (100)")
    parser.add_argument("--ui-every", type=int, default=5, help="every Nth loadable file in the UI")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    base, started = Path(tempfile.mkdtemp(prefix="fuzz-")), time.monotonic()
    tallies = []
    with isolated(base):
        campaigns: list[Callable[[], Tally]] = [
            lambda: fuzz_formats(base, args.formats, args.seed, args.ui_every),
            lambda: fuzz_settings(base, args.settings, args.seed, args.ui_every),
            lambda: fuzz_sessions(base, args.sessions, args.seed),
        ]
        for campaign in campaigns:
            tallies.append(campaign())
            print(tallies[-1].line(), flush=True)  # each as soon as it is done
            for failure in tallies[-1].failures[:5]:
                print("  " + failure, file=sys.stderr, flush=True)
    print(f"seed {args.seed}, {time.monotonic() - started:.0f} s")
    shutil.rmtree(base, ignore_errors=True)
    return 0 if all(t.ok for t in tallies) else 1


def rng_for(seed: int, what: str, case: int) -> random.Random:
    return random.Random(f"{seed}:{what}:{case}")


if __name__ == "__main__":
    sys.exit(main())
