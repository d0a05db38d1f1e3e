"""The session key of the private notes, in a small file of its own: `notes.key`.

Every note body and unfinished note is sealed with this key (AES-GCM,
`crypto`), with or without a passphrase; with one, the file holds the key
only wrapped by an Argon2id-derived key, with its salt and parameters.

The key lives apart from the journal so that erasing it holds on disk:
SQLite moves pages through its WAL and leaves old copies in blocks the file
system has freed, out of reach of any overwrite, while this file is written
once, at a fixed size, and never moved. Erasing overwrites it in place
(zeros, fsync) before it is unlinked; whatever sealed copies of notes remain
in freed blocks can then never be read again.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path

from circle_tui.core.i18n import _
from circle_tui.store import crypto
from circle_tui.store.crypto import KdfParams
from circle_tui.store.files import FILE_MODE, StoreError, sync_dir

KEY_FILE = "notes.key"
SIZE = 512
"""Bytes of the file, always: its blocks are allocated once and overwritten in place."""


@dataclass(frozen=True)
class StoredKey:
    """What `notes.key` holds: the key itself, or the key wrapped with a passphrase."""

    key: bytes | None = None
    """The session key (no passphrase)."""
    params: KdfParams | None = None
    """Argon2id salt and costs (with a passphrase)."""
    wrapped: bytes | None = None
    """The session key sealed under the passphrase's key."""

    @property
    def salt(self) -> bytes | None:
        return None if self.params is None else self.params.salt


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def write_key_file(folder: Path, stored: StoredKey) -> None:
    """Create `notes.key` (never replace one): fixed size, private, on disk when it returns."""
    record: dict[str, object] = {"v": 1}
    if stored.key is not None:
        record["key"] = _b64(stored.key)
    if stored.params is not None and stored.wrapped is not None:
        params = stored.params
        record |= {
            "salt": _b64(params.salt),
            "iterations": params.iterations,
            "memory_kib": params.memory_kib,
            "lanes": params.lanes,
            "wrapped": _b64(stored.wrapped),
        }
    data = json.dumps(record).encode("ascii")
    assert len(data) < SIZE
    path = folder / KEY_FILE
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            os.write(handle, data.ljust(SIZE, b"\0"))
            os.fsync(handle)
        finally:
            os.close(handle)
        sync_dir(folder)
    except OSError as exc:
        problem = _("the notes' key could not be written ({reason})").format(
            reason=exc.strerror or exc
        )
        raise StoreError(f"{path}: {problem}") from None


def read_key_file(folder: Path) -> StoredKey | None:
    """What `notes.key` holds; None when it was erased (or never made)."""
    path = folder / KEY_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        problem = _("cannot read the notes' key ({reason})").format(reason=exc.strerror or exc)
        raise StoreError(f"{path}: {problem}") from None
    try:
        record = json.loads(data.rstrip(b"\0").decode("ascii"))
        key = record.get("key")
        params = None
        if "wrapped" in record:
            params = KdfParams(
                salt=base64.b64decode(record["salt"], validate=True),
                iterations=int(record["iterations"]),
                memory_kib=int(record["memory_kib"]),
                lanes=int(record["lanes"]),
            )
        wrapped = record.get("wrapped")
        return StoredKey(
            key=None if key is None else base64.b64decode(key, validate=True),
            params=params,
            wrapped=None if wrapped is None else base64.b64decode(wrapped, validate=True),
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        raise StoreError(f"{path}: " + _("the notes' key is damaged")) from None


def key_file_problem(folder: Path) -> str | None:
    """What is wrong with `notes.key`, seen without a passphrase (None: nothing seen).

    The key without a passphrase must be a key; a wrapped one must have the
    shape and Argon2 bounds circle-tui writes (no passphrase is tried here).
    """
    try:
        stored = read_key_file(folder)
    except StoreError as exc:
        return str(exc)
    if stored is None:
        return None
    if stored.wrapped is None:
        if stored.key is not None and len(stored.key) == crypto.KEY_BYTES:
            return None
    elif (
        stored.params is not None
        and stored.params.within_bounds()
        and len(stored.wrapped) == crypto.NONCE_BYTES + crypto.KEY_BYTES + 16
        and any(stored.wrapped)
    ):
        return None
    return f"{folder / KEY_FILE}: " + _("the notes' key is damaged")


def shred_key_file(folder: Path) -> None:
    """Overwrite `notes.key` in place with zeros, on disk, then remove it."""
    path = folder / KEY_FILE
    try:
        with path.open("r+b") as handle:
            size = max(SIZE, os.fstat(handle.fileno()).st_size)
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
        path.unlink()
        sync_dir(folder)
    except FileNotFoundError:
        return
    except OSError as exc:
        problem = _("the notes' key could not be erased ({reason})").format(
            reason=exc.strerror or exc
        )
        raise StoreError(f"{path}: {problem}") from None
