"""Private directories and atomic file writes."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from circle_tui.core.i18n import _

DIR_MODE = 0o700
FILE_MODE = 0o600


class StoreError(Exception):
    """A file problem, with a one-line message that names the path.

    Never carries private note text.
    """


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed, mode 0700, and check it is writable."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        os.chmod(path, DIR_MODE)
    except OSError as exc:
        problem = _("cannot create the folder ({reason})").format(reason=exc.strerror or exc)
        raise StoreError(f"{path}: {problem}") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise StoreError(f"{path}: " + _("the folder is not writable"))
    return path


class NotPrivate(StoreError):
    """Others could read what would be written here: private notes are refused."""


def exposure(folder: Path, *files: Path) -> str | None:
    """Why others could read private text kept in `folder`, or None when they cannot.

    A folder on a USB stick or a network share may ignore `chmod`: the mode
    it reports is what counts.
    """
    for path in (folder, *files):
        try:
            info = os.stat(path)
        except FileNotFoundError:
            continue
        except OSError as exc:
            problem = _("cannot be checked ({reason})").format(reason=exc.strerror or exc)
            return f"{path}: {problem}"
        if info.st_uid != os.getuid():
            return f"{path}: " + _("belongs to another user")
        if info.st_mode & 0o077:
            # Translators: {mode} is a file mode such as 755
            problem = _("others can read it (mode {mode})")
            return f"{path}: " + problem.format(mode=f"{info.st_mode & 0o777:o}")
    return None


def check_private(folder: Path, *files: Path) -> None:
    """Raise `NotPrivate`, with what to do, unless only this user can read `folder`."""
    problem = exposure(folder, *files)
    if problem is not None:
        # Translators: {problem} says which file others can read; keep the commands
        refusal = _(
            "{problem}; private notes are not written where others can read them "
            "(chmod 700 the folder, or keep sessions in a private folder with --sessions-dir)"
        )
        raise NotPrivate(refusal.format(problem=problem))


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write a whole file or nothing: temp file, fsync, rename, mode 0600."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp: str | None = None
    try:  # a folder that does not exist, or cannot be written, is one line too
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        problem = _("could not be written ({reason})").format(reason=exc.strerror or exc)
        raise StoreError(f"{path}: {problem}") from None
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def sync_dir(path: Path) -> None:
    """Make a file created, renamed or removed inside `path` durable (where the system allows)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
