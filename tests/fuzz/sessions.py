"""Damaged sessions: `session.toml`, the journal's bytes, its events, its private rows."""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from circle_tui.app.follow import Follower
from circle_tui.app.live import start_session
from circle_tui.cli.run import resume
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store import crypto
from circle_tui.store.files import StoreError
from circle_tui.store.format_files import find_format
from circle_tui.store.toml_files import FileError
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.display import DisplayApp
from circle_tui.ui.start import StartApp
from tests.fuzz.campaigns import START, play
from tests.fuzz.harness import KEYS, Hang, Tally, deadline, in_the_ui, rng_for
from tests.fuzz.harness import run_cli as cli
from tests.fuzz.mutate import mutate_bytes, mutate_text

PASSPHRASE = "correct horse battery"
ODD: list[object] = [99, -1, 10**30, 1e308, None, "", "x", [], {}, True, [99], "nan", 0.5]
CANARY = "CANARY-fuzz-note-7c1"


@contextlib.contextmanager
def database(path: Path) -> Iterator[sqlite3.Connection]:
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        yield db


def templates(base: Path) -> list[Path]:
    """A plain and an encrypted session, each with a circle under way, notes and a draft."""
    made = []
    for index, passphrase in enumerate((None, PASSPHRASE)):
        clock = FakeClock(START + index)
        live = start_session(
            base / "templates",
            find_format("reflection-circle"),
            parse_participants("Ane,Cai[/],Anna-Lena [HR]"),
            clock,
            group=f"G{index}",
            passphrase=passphrase,
        )
        play(live, clock, steps=16)  # in the reflection round: still open
        live.add_note(f"{CANARY} one")
        live.add_note(f"{CANARY} two")
        live.save_draft(f"{CANARY} typing")
        live.close()
        made.append(live.folder.path)
    return made


def damage(folder: Path, rng: random.Random) -> None:
    """One to three kinds of damage, as a bad disk, a bad copy or a hand with sqlite3 leave it."""
    plan, journal = folder / "session.toml", folder / "journal.db"
    for _kind in range(rng.randint(1, 3)):
        match rng.randrange(9):
            case 0:
                plan.write_bytes(
                    mutate_text(plan.read_text(encoding="utf-8", errors="replace"), rng)
                )
            case 1:
                plan.write_bytes(mutate_bytes(plan.read_bytes(), rng))
            case 7:
                _damage_key(folder / "notes.key", rng)
            case 2:
                for suffix in ("-wal", "-shm"):
                    Path(f"{journal}{suffix}").unlink(missing_ok=True)
                journal.write_bytes(mutate_bytes(journal.read_bytes(), rng))
            case kind:
                with contextlib.suppress(sqlite3.Error):
                    _damage_rows(journal, kind, rng)


def _damage_rows(journal: Path, kind: int, rng: random.Random) -> None:
    with database(journal) as db:
        seqs = [row[0] for row in db.execute("SELECT seq FROM events")] or [1]
        seq = rng.choice(seqs)
        match kind:
            case 3:  # one event's field of the wrong type, missing, or not JSON at all
                (payload,) = db.execute(
                    "SELECT payload FROM events WHERE seq = ?", (seq,)
                ).fetchone()
                event = json.loads(payload)
                key = rng.choice(sorted(event))
                if rng.random() < 0.3:
                    del event[key]
                else:
                    event[key] = rng.choice(ODD)
                text = json.dumps(event) if rng.random() < 0.9 else payload[: len(payload) // 2]
                db.execute("UPDATE events SET payload = ? WHERE seq = ?", (text, seq))
            case 4:  # events in an order that cannot happen, or one missing
                other = rng.choice(seqs)
                rows = dict(
                    db.execute("SELECT seq, payload FROM events WHERE seq IN (?, ?)", (seq, other))
                )
                if rng.random() < 0.5:
                    db.execute("DELETE FROM events WHERE seq = ?", (seq,))
                else:
                    db.execute("UPDATE events SET payload = ? WHERE seq = ?", (rows[other], seq))
                    db.execute("UPDATE events SET payload = ? WHERE seq = ?", (rows[seq], other))
            case 5:  # a note: zeroed ciphertext, a phase or speaker that is not there, no time
                column, value = rng.choice(
                    [("body", bytes(40)), ("body", os.urandom(30)), ("body", "plain"), ("body", 7),
                     ("phase", 99), ("phase", -3), ("speaker", 42), ("at", "nan"), ("at", 1e300),
                     ("at", None), ("id", "x")]
                )  # fmt: skip
                db.execute(f"UPDATE notes SET {column} = ? WHERE id = 1", (value,))
            case 6:
                db.execute("UPDATE draft SET body = ?, at = ?", (rng.choice([bytes(30), 5]), "x"))
            case _:
                key, value = rng.choice(
                    [("alive", "x"), ("alive", "1e999"), ("notes", "aes"), ("schema", "9"),
                     ("session", "other"), ("app", "x")]
                )  # fmt: skip
                db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))


def _damage_key(path: Path, rng: random.Random) -> None:
    """`notes.key`: its Argon2 costs (a terabyte of memory, a billion passes), or its bytes."""
    if not path.exists():
        return
    if rng.random() < 0.3:
        path.write_bytes(mutate_bytes(path.read_bytes(), rng))
        return
    try:
        record = json.loads(path.read_bytes().rstrip(b"\0"))
    except ValueError:  # damaged already
        return
    field, value = rng.choice(
        [("memory_kib", 2**40), ("iterations", 10**9), ("lanes", 0), ("salt", ""),
         ("wrapped", "AAAA"), ("iterations", "x"), ("key", "AAAA"), ("key", None)]
    )  # fmt: skip
    record[field] = value
    path.write_bytes(json.dumps(record).encode().ljust(512, b"\0"))


def damaged_sessions(base: Path, n: int, seed: int) -> Tally:
    """Each damaged copy through `sessions list` and `purge`, `summary` (all targets, and
    private), `resume` with the console, the wall and the start screen."""
    tally = Tally("damaged sessions")
    strength = dict(crypto.STRENGTH)
    crypto.STRENGTH.update(memory_kib=1024, iterations=1)  # quick to derive, as the tests do
    os.environ["CIRCLE_TUI_PASSPHRASE"] = PASSPHRASE
    try:
        made = templates(base)
        root = base / "sessions"
        for case in range(n):
            rng = rng_for(seed, "sessions", case)
            source = made[case % len(made)]
            folder = Path(shutil.copytree(source, root / source.name))
            damage(folder, rng)
            tally.cases += 1
            _use(tally, case, root, folder)
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        crypto.STRENGTH.clear()
        crypto.STRENGTH.update(strength)
        os.environ.pop("CIRCLE_TUI_PASSPHRASE", None)
    return tally


def _use(tally: Tally, case: int, root: Path, folder: Path) -> None:
    where = ["--sessions-dir", str(root)]
    cli(tally, case, ["sessions", "list", *where])
    cli(tally, case, ["sessions", "purge", "--older-than", "99999d", *where])  # reads every plan
    for target in ("md", "json", "html"):
        cli(tally, case, ["summary", folder.name, "--to", target, *where])
    private = root.parent / "private.md"
    cli(tally, case, ["summary", folder.name, "--include-private", "-o", str(private), *where])
    private.unlink(missing_ok=True)
    try:
        with deadline(20):
            live = resume(folder)
    except (StoreError, FileError):
        live = None
    except (Exception, Hang) as exc:  # counted, not raised
        kind = "hangs" if isinstance(exc, Hang) else "tracebacks"
        tally.failed(kind, case, f"resume: {exc!r}")
        live = None
    if live is not None:
        tally.loaded += 1
        in_the_ui(tally, case, ConsoleApp(live), KEYS)
        live.close()
    wall = DisplayApp(Follower(root, folder.name, clock=FakeClock(START + 3600)))
    in_the_ui(tally, case, wall, [])
    in_the_ui(tally, case, StartApp(root), [])  # it offers the unfinished session, if any
