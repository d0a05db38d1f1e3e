"""The three campaigns of `scripts/fuzz`: formats, settings files, damaged sessions."""

from __future__ import annotations

import shutil
from pathlib import Path

from circle_tui.app.actions import APP_ACTIONS, CONSOLE_ACTIONS, default_keys
from circle_tui.app.follow import Follower
from circle_tui.app.live import LiveSession, start_session
from circle_tui.app.report import TARGETS, render, session_summary
from circle_tui.core.casting import cast
from circle_tui.core.decide import AgreeContract, GiveWord, NextPhase, PassTurn, RecordItem
from circle_tui.core.events import ItemKind
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import load_format_file
from circle_tui.store.settings_file import load_settings
from circle_tui.store.toml_files import FileError
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.display import DisplayApp
from tests.fuzz.harness import BUILTINS, KEYS, Hang, Tally, deadline, in_the_ui, rng_for
from tests.fuzz.harness import run_cli as cli
from tests.fuzz.mutate import mutate_text

START = 1_790_000_000.0


def play(live: LiveSession, clock: FakeClock, steps: int = 40) -> None:
    """A circle as a facilitator runs it: agree, give the word, pass, move on."""
    live.execute(AgreeContract("a focus [/]", ("Listen [HR]",)))
    for step in range(steps):
        clock.advance(17)
        if step % 7 == 6:
            live.execute(NextPhase(confirmed=True))
        elif step % 5 == 4:
            live.execute(PassTurn())
        elif step == 9:
            live.execute(RecordItem(ItemKind.AGREEMENT, "share [b]it[/b] @Cai[/]"))
        else:
            live.execute(GiveWord())


def run_a_format(tally: Tally, case: int, path: Path, root: Path, with_ui: bool) -> None:
    """A format that loads: its plan on the command line, a circle, its summary, the UI."""
    cli(tally, case, ["formats", "show", str(path)])
    try:
        with deadline(20):
            fmt = load_format_file(path)
            clock = FakeClock(START)
            live = start_session(root, fmt, cast(fmt, fmt.typical_people()), clock)
            play(live, clock)
            live.close()
            for target in TARGETS:
                render(session_summary(live.folder.path), target)
    except FileError:
        return
    except (Exception, Hang) as exc:  # counted, not raised
        kind = "hangs" if isinstance(exc, Hang) else "tracebacks"
        tally.failed(kind, case, f"a circle of {path.name}: {exc!r}")
        return
    if with_ui:
        again = _reopen(live.folder.path, clock)
        in_the_ui(tally, case, ConsoleApp(again), KEYS)
        again.close()
        wall = DisplayApp(Follower(root, live.folder.path.name, clock=clock))
        in_the_ui(tally, case, wall, [])
    shutil.rmtree(live.folder.path, ignore_errors=True)


def _reopen(folder: Path, clock: FakeClock) -> LiveSession:
    from circle_tui.app.live import load_session

    return load_session(folder, clock)


def fuzz_formats(base: Path, n: int, seed: int, ui_every: int) -> Tally:
    """`formats validate`, `formats show`, a circle, a summary; the console for a sample."""
    tally, loaded = Tally("formats"), 0
    folder = base / "format-files"
    folder.mkdir(exist_ok=True)
    root = base / "sessions"
    for case in range(n):
        rng = rng_for(seed, "formats", case)
        source = BUILTINS[case % len(BUILTINS)]
        path = folder / source.name
        path.write_bytes(mutate_text(source.read_text(encoding="utf-8"), rng))
        tally.cases += 1
        if cli(tally, case, ["formats", "validate", str(path)]) == 0:
            loaded += 1
            tally.loaded += 1
            run_a_format(tally, case, path, root, with_ui=loaded % ui_every == 0)
    return tally


SETTINGS = """\
projector = true
bell = false
encrypt = false
retention_days = 90
language = "da"

[keys]
give-word = "enter"
next-phase = "f5,ctrl+n"
pause = "p"
"""


def fuzz_settings(base: Path, n: int, seed: int, ui_every: int) -> Tally:
    """Every command reads settings.toml: `--version`, `sessions list`, `formats list`,
    and the console with the keys it gives, for a sample."""
    tally, used = Tally("settings files"), 0
    path = base / "settings.toml"
    actions = CONSOLE_ACTIONS + APP_ACTIONS
    defaults = default_keys(actions)
    typing = [a.id for a in actions if a.priority]
    clock = FakeClock(START)
    fmt = load_format_file(BUILTINS[-2])
    for case in range(n):
        rng = rng_for(seed, "settings", case)
        path.write_bytes(mutate_text(SETTINGS, rng))
        tally.cases += 1
        for argv in (["--version"], ["sessions", "list"], ["formats", "list"]):
            cli(tally, case, argv)
        try:
            settings = load_settings(path, default_keys=defaults, while_typing=typing)
        except FileError:
            continue
        except Exception as exc:
            tally.failed("tracebacks", case, f"load_settings: {exc!r}")
            continue
        used += 1
        tally.loaded += 1
        if used % ui_every == 0:
            live = start_session(base / "sessions", fmt, cast(fmt, fmt.typical_people()), clock)
            in_the_ui(tally, case, ConsoleApp(live, settings=settings), KEYS)
            live.close()
            shutil.rmtree(live.folder.path, ignore_errors=True)
    path.unlink(missing_ok=True)
    return tally


def fuzz_sessions(base: Path, n: int, seed: int) -> Tally:
    from tests.fuzz.sessions import damaged_sessions

    return damaged_sessions(base, n, seed)
