"""Erasure that holds on disk: after an erase, no note text and no key in the raw bytes.

A session is run on a small ext4 file system (a loop-mounted image file),
with notes, drafts and events enough to fill the WAL and free pages; then it
is erased as a facilitator does (`sessions erase`, with `--notes-only` or
not), the file system is unmounted, and the image's raw bytes are searched
for the canaries: every note's text, the unfinished note, the session's key
and, with a passphrase, the wrapped key and its salt.

It needs root and a loop device (mount -o loop); elsewhere it is skipped
with the reason.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from circle_tui.app.live import start_session
from circle_tui.cli import main
from circle_tui.core.decide import GiveWord, NextPhase
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format
from circle_tui.store.keyfile import read_key_file

IMAGE_MB = 48


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.fixture
def ext4(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A fresh ext4 file system mounted at `mnt`; yields (image, mnt) and unmounts."""
    if os.geteuid() != 0 or shutil.which("mkfs.ext4") is None:
        pytest.skip("needs root and mkfs.ext4 to loop-mount an ext4 image")
    image, mnt = tmp_path / "disk.img", tmp_path / "mnt"
    mnt.mkdir()
    with image.open("wb") as handle:
        handle.truncate(IMAGE_MB * 1024 * 1024)
    made = _run("mkfs.ext4", "-q", "-F", str(image))
    mounted = made.returncode == 0 and _run("mount", "-o", "loop", str(image), str(mnt))
    if not mounted or mounted.returncode != 0:
        pytest.skip(f"cannot loop-mount an ext4 image here: {(made.stderr or '').strip()}")
    try:
        yield image, mnt
    finally:
        if os.path.ismount(mnt):
            _run("umount", str(mnt))


def _unmount(mnt: Path) -> None:
    os.sync()
    done = _run("umount", str(mnt))
    assert done.returncode == 0, done.stderr


def _a_session_with_notes(
    sessions: Path, canary: str, passphrase: str | None
) -> tuple[Path, list[bytes]]:
    """Run a circle with 40 notes and drafts; return its folder and its secrets."""
    clock = FakeClock()
    live = start_session(
        sessions,
        find_format("reflection-circle"),
        parse_participants("Ane,Bo,Cai,Dina"),
        clock,
        group="Team Nord",
        passphrase=passphrase,
    )
    live.execute(NextPhase(confirmed=True))
    for number in range(40):
        clock.advance(15)
        live.execute(GiveWord())
        live.save_draft(f"{canary}-draft-{number} still typing")
        live.add_note(f"{canary}-note-{number}: Dina spoke about her sick leave")
        live.beat()
    live.save_draft(f"{canary}-draft-last never kept")
    folder = live.folder.path
    key = live.journal._key
    assert key is not None
    secrets = [key, base64.b64encode(key)]
    stored = read_key_file(folder)
    assert stored is not None
    if passphrase is not None:
        assert stored.salt is not None and stored.wrapped is not None
        secrets += [stored.salt, base64.b64encode(stored.salt)]
        secrets += [stored.wrapped, base64.b64encode(stored.wrapped)]
    live.close()
    return folder, secrets


CASES = {
    "notes only": (["--notes-only"],),
    "whole session": ([],),
    "notes only, then the session": (["--notes-only"], []),
}


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "passphrase"])
@pytest.mark.parametrize("case", CASES)
def test_no_note_and_no_key_remain_in_the_raw_bytes_after_an_erase(
    ext4: tuple[Path, Path], case: str, encrypted: bool
) -> None:
    image, mnt = ext4
    sessions, canary = mnt / "sessions", f"CANARY{uuid.uuid4().hex[:12]}"
    folder, secrets = _a_session_with_notes(
        sessions, canary, "correct horse" if encrypted else None
    )
    os.sync()
    # The search finds what is there: before the erase, the key is on the disk
    # (the note bodies are sealed under it, so their text never was).
    before = image.read_bytes()
    written = secrets[-1] if encrypted else secrets[1]  # the key, or only its wrapped form
    assert written in before and b"Team Nord" in before
    assert canary.encode() not in before
    for flags in CASES[case]:
        assert main(["sessions", "erase", str(folder), "--yes", *flags]) == 0
    kept = case == "notes only"
    if kept:
        assert (folder / "journal.db").is_file()  # the public record stays
    _unmount(mnt)
    raw = image.read_bytes()
    assert raw.count(canary.encode()) == 0
    for secret in secrets:
        assert raw.count(secret) == 0, f"a key copy ({len(secret)} bytes) is still on the disk"
