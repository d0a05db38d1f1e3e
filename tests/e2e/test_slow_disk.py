"""A slow disk under fast hands: notes typed at 12 keys a second while every fsync takes 300 ms.

The installed app runs in tmux with fsync and fdatasync slowed by a small
LD_PRELOAD library (compiled here with the system's C compiler). A script
types as a facilitator does, again and again: `space` (next speaker), `tab`,
a note full of letters that are also keys (a, n, p, x, b, h, +, -), `enter`.
Then the journal must hold exactly those notes, no shared item, and no
command but the words given: nothing typed landed in a public field and no
key ran as another command, however long each commit took.

`scripts/slow-typing --notes 100` runs the long version (about four minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from circle_tui.app.live import load_session
from circle_tui.core.timing import FakeClock
from tests.e2e.test_tmux import SCRIPT, _tmux, start, wait_for

pytestmark = pytest.mark.e2e

SHIM = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <unistd.h>

static void slow(void) {
    const char *ms = getenv("SLOW_FSYNC_MS");
    usleep((ms ? atoi(ms) : 300) * 1000);
}
int fsync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    slow();
    return real(fd);
}
int fdatasync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    slow();
    return real(fd);
}
"""
PEOPLE = ",".join(f"P{n:02d}" for n in range(1, 13))
KEYS_PER_SECOND = 12


def build_shim(folder: Path) -> Path | None:
    """The slow-fsync library, or None without a C compiler."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        return None
    source, library = folder / "slowfsync.c", folder / "slowfsync.so"
    source.write_text(SHIM)
    built = subprocess.run(
        [compiler, "-shared", "-fPIC", "-O2", "-o", str(library), str(source), "-ldl"],
        capture_output=True,
        check=False,
    )
    return library if built.returncode == 0 else None


def note_text(number: int) -> str:
    return f"Anna+Bo n p x b h - said SECRET{number:03d}"


def type_keys(handle: str, *names: str) -> None:
    """Type like a person: one key at a time, `KEYS_PER_SECOND` a second."""
    target = handle.split("|")[1]
    for name in names:
        literal = len(name) == 1
        _tmux(handle, "send-keys", "-t", target, *(["-l", name] if literal else [name]))
        time.sleep(1 / KEYS_PER_SECOND)


def journal_of(sessions: Path) -> tuple[list[str], list[dict[str, object]], int]:
    """(note bodies, events, notes sealed) of the one session in `sessions`."""
    [folder] = [p for p in sessions.iterdir() if (p / "journal.db").is_file()]
    db = sqlite3.connect(folder / "journal.db")
    try:
        events = [json.loads(p) for (p,) in db.execute("SELECT payload FROM events ORDER BY seq")]
        bodies = [b for (b,) in db.execute("SELECT body FROM notes ORDER BY id")]
    finally:
        db.close()
    live = load_session(folder, FakeClock())
    try:
        notes = [n.body.reveal() for n in live.journal.notes()]
    finally:
        live.close()
    return notes, events, len(bodies)


def run(handle: str, base: Path, notes: int, fsync_ms: int = 300) -> list[str]:
    """Type `notes` notes on a slow disk; return the problems found (none is a pass)."""
    library = build_shim(base)
    if library is None:
        pytest.skip("no C compiler to build the slow-fsync library")
    sessions = base / "sessions"
    command = (
        f"LD_PRELOAD={library} SLOW_FSYNC_MS={fsync_ms} {SCRIPT} run --format reflection-circle "
        f"--participants '{PEOPLE}' --sessions-dir {sessions}; echo EXITED-$?; sleep 60"
    )
    start(handle, command)
    wait_for(handle, "Offer to erase them")
    type_keys(handle, "Enter")
    wait_for(handle, "phase 1 of 5", timeout=60)
    type_keys(handle, "n", *"slow disk", "C-s")
    wait_for(handle, "phase 2 of 5", timeout=60)
    for number in range(1, notes + 1):
        type_keys(handle, "Space", "Tab", *note_text(number), "Enter")
    type_keys(handle, "C-q")
    wait_for(handle, "EXITED-0", timeout=120)
    kept, events, sealed = journal_of(sessions)
    problems = []
    if kept != [note_text(n) for n in range(1, notes + 1)]:
        problems.append(f"notes differ: {len(kept)} kept, e.g. {kept[:2]!r}")
    if sealed != len(kept):
        problems.append("a note body is not sealed")
    types = [str(e["type"]) for e in events]
    stray = [t for t in types if t not in {"phase_started", "phase_ended", "contract_agreed"}]
    stray = [t for t in stray if t not in {"turn_started", "turn_ended"}]
    if stray:
        problems.append(f"stray commands: {sorted(set(stray))}")
    if types.count("phase_started") != 2:
        problems.append(f"{types.count('phase_started')} phases entered, 2 expected")
    public = json.dumps(events)
    leaked = [n for n in range(1, notes + 1) if f"SECRET{n:03d}" in public]
    if leaked:
        problems.append(f"{len(leaked)} notes' text in the public events")
    started, expected = types.count("turn_started"), min(notes, len(PEOPLE.split(",")))
    if started != expected:  # after everyone spoke once, space is refused: no stray either
        problems.append(f"{started} speakers given the word, {expected} expected")
    return problems


def test_notes_typed_fast_on_a_slow_disk_stay_private_and_no_key_strays(
    tmux: str, tmp_path: Path
) -> None:
    assert run(tmux, tmp_path, notes=10) == []


def main(argv: list[str] | None = None) -> int:
    """`scripts/slow-typing [--notes N] [--fsync-ms MS]`: the long run, one line of result."""
    parser = argparse.ArgumentParser("scripts/slow-typing")
    parser.add_argument("--notes", type=int, default=100, help="notes to type (100)")
    parser.add_argument("--fsync-ms", type=int, default=300, help="each fsync's delay (300)")
    args = parser.parse_args(argv)
    base = Path(tempfile.mkdtemp(prefix="slow-typing-"))
    # The app's own settings, formats and language, as in the tests: not the developer's.
    os.environ["CIRCLE_TUI_CONFIG"] = str(base / "settings.toml")
    os.environ["CIRCLE_TUI_FORMATS"] = str(base / "user-formats")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        os.environ.pop(name, None)
    socket, started = base / "tmux.sock", time.monotonic()
    handle = f"{socket}|slow-{uuid.uuid4().hex[:6]}"
    try:
        problems = run(handle, base, args.notes, args.fsync_ms)
    finally:
        subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True)
    took = time.monotonic() - started
    verdict = "; ".join(problems) if problems else "all kept private, 0 stray commands"
    print(f"{args.notes} notes at {KEYS_PER_SECOND} keys/s, fsync +{args.fsync_ms} ms: ", end="")
    print(f"{verdict} ({took:.0f} s)")
    if not problems:
        shutil.rmtree(base, ignore_errors=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
