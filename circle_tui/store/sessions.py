"""Session folders: `session.toml`, `journal.db` and `summary.md`.

```
<sessions dir>/<session id>/
  session.toml   the plan: format snapshot, group, participants, language
  journal.db     public events and, apart from them, private notes
  summary.md     written when the session closes
```
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import tomli_w
from pydantic import ValidationError

from circle_tui.core.errors import problems
from circle_tui.core.i18n import _
from circle_tui.core.plan import SessionPlan
from circle_tui.store.files import StoreError, atomic_write, private_dir, sync_dir
from circle_tui.store.journal import Journal
from circle_tui.store.toml_files import FileError, located, parse_toml, read_text

PLAN_FILE = "session.toml"
JOURNAL_FILE = "journal.db"
SUMMARY_FILE = "summary.md"
ID_STAMP = "%Y-%m-%d_%H%M"
"""How a session id starts: the minute it started, in local time."""
NEW_PREFIX = ".new-"
"""A session folder being made: hidden until it is whole."""


def slug(text: str) -> str:
    """A file-name-safe, lower-case version of a name ("Team Nord" -> "team-nord")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40]


def new_session_id(root: Path, when: float, label: str, suffix: str = "") -> str:
    """`2026-11-22_1405_team-nord`, with `-2`, `-3`... when taken (before `suffix`:
    `..._team-nord-2_rehearsal`)."""
    stamp = datetime.fromtimestamp(when).strftime(ID_STAMP)
    base = f"{stamp}_{slug(label) or 'circle'}"
    candidate, n = base, 1
    while (root / f"{candidate}{suffix}").exists():
        n += 1
        candidate = f"{base}-{n}"
    return f"{candidate}{suffix}"


def write_plan(folder: Path, plan: SessionPlan) -> None:
    """Write `session.toml` atomically."""
    data = plan.model_dump(mode="json", exclude_none=True)
    atomic_write(folder / PLAN_FILE, tomli_w.dumps(data))


def read_plan(folder: Path) -> SessionPlan:
    """Read and validate `session.toml`; a damaged one is a `StoreError` of one line
    naming the file and, where there is one, the line."""
    path = folder / PLAN_FILE
    if not path.is_file():
        raise StoreError(f"{path}: " + _("no session here"))
    try:
        text = read_text(path)
        data = parse_toml(text, path)
    except FileError as exc:
        raise StoreError(str(exc)) from None
    try:
        return SessionPlan.model_validate(data)
    except ValidationError as exc:
        raise StoreError(str(located(path, text, problems(exc))[0])) from None
    except (RecursionError, ValueError, TypeError, OverflowError) as exc:
        # A check outside pydantic's own: still one damaged file, never a traceback.
        problem = _("damaged ({reason})").format(reason=type(exc).__name__)
        raise StoreError(f"{path}: {problem}") from None


@dataclass
class SessionFolder:
    """A session on disk."""

    path: Path
    plan: SessionPlan

    @property
    def journal_path(self) -> Path:
        return self.path / JOURNAL_FILE

    @property
    def summary_path(self) -> Path:
        return self.path / SUMMARY_FILE

    def write_summary(self, markdown: str) -> Path:
        """Write `summary.md` atomically (mode 0600)."""
        atomic_write(self.summary_path, markdown)
        return self.summary_path


def create_session(
    root: Path, plan: SessionPlan, *, passphrase: str | None = None, beating: bool = False
) -> tuple[SessionFolder, Journal]:
    """Make the session folder with its plan and an empty journal, whole or not at all.

    Both are written in a hidden folder that is renamed into place once they
    are on disk: a kill half way leaves no half session to become `latest`.
    The journal `beating` has its first heartbeat from the start, so a console
    that dies before it has drawn its first frame is still noticed by the wall.
    """
    private_dir(root)
    folder = root / plan.session_id
    if folder.exists():
        raise StoreError(f"{folder}: " + _("a session with this id exists already"))
    try:
        building = Path(tempfile.mkdtemp(prefix=f"{NEW_PREFIX}{plan.session_id}.", dir=root))
    except OSError as exc:
        problem = _("cannot create the session folder ({reason})").format(reason=exc.strerror)
        raise StoreError(f"{folder}: {problem}") from None
    try:
        write_plan(building, plan)
        made = Journal.create(building / JOURNAL_FILE, plan.session_id, passphrase=passphrase)
        if beating:
            made.beat(plan.created_at)
        made.close()
        if folder.exists():  # rename would replace an empty folder made meanwhile
            raise StoreError(f"{folder}: " + _("a session with this id exists already"))
        os.rename(building, folder)
    except OSError as exc:
        shutil.rmtree(building, ignore_errors=True)
        problem = _("cannot create the session folder ({reason})").format(reason=exc.strerror)
        raise StoreError(f"{folder}: {problem}") from None
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    sync_dir(root)
    journal = Journal.open(folder / JOURNAL_FILE, plan.session_id)
    journal.take_key(made)  # the key it was made with: no second Argon2 run
    return SessionFolder(folder, plan), journal


def open_session(path: Path) -> SessionFolder:
    """A session folder by its path."""
    return SessionFolder(path, read_plan(path))


def session_folders(root: Path) -> list[Path]:
    """Session folders under `root`, oldest first by when they started.

    A folder whose plan cannot be read counts by its modification time; a
    folder still being made (hidden, see `create_session`) is not one yet.
    """
    if not root.is_dir():
        return []
    found = [
        p
        for p in root.iterdir()
        if not p.name.startswith(".") and p.is_dir() and (p / PLAN_FILE).is_file()
    ]
    return sorted(found, key=lambda p: (started_at(p), p.name))


def started_at(folder: Path) -> float:
    """When the session in `folder` started: its plan says; else its id, which starts
    with the minute it started (`2026-11-22_1405_...`); else the folder's time."""
    try:
        return read_plan(folder).created_at
    except StoreError:
        pass
    with contextlib.suppress(ValueError):
        return datetime.strptime(folder.name[:15], ID_STAMP).timestamp()
    with contextlib.suppress(OSError):
        return folder.stat().st_mtime
    return 0.0


def resolve_session(root: Path, ref: str) -> Path:
    """A session by id, by path, or `latest`."""
    if ref == "latest":
        found = session_folders(root)  # by start time, not by name
        if not found:
            raise StoreError(f"{root}: " + _("no sessions yet"))
        return found[-1]
    as_path = Path(ref).expanduser()
    if (as_path / PLAN_FILE).is_file():
        return as_path
    if (root / ref / PLAN_FILE).is_file():
        return root / ref
    problem = _("no such session in {path}").format(path=root)
    raise StoreError(f"{ref}: {problem}")


def sessions_of(root: Path, group: str) -> list[Path]:
    """The folders of the group's real sessions (case-insensitive), oldest first.

    A folder whose plan cannot be read is not counted (`sessions list` shows it as damaged).
    """
    key = group.strip().casefold()
    if not key:
        return []
    found = []
    for path in session_folders(root):
        try:
            plan = read_plan(path)
        except StoreError:
            continue
        if plan.group.strip().casefold() == key and not plan.rehearsal:
            found.append(path)
    return found


def last_session_of(root: Path, group: str) -> Path | None:
    """The folder of the group's last real session (case-insensitive), if it met before."""
    found = sessions_of(root, group)
    return found[-1] if found else None


def groups_met(root: Path) -> dict[str, SessionPlan]:
    """Each group's last real session (rehearsals left out), keyed by the casefolded name.

    Unreadable session folders are skipped: a broken old session must not stop
    a new one from starting.
    """
    found: dict[str, SessionPlan] = {}
    for path in session_folders(root):
        try:
            plan = read_plan(path)
        except StoreError:
            continue
        if plan.group.strip() and not plan.rehearsal:
            found[plan.group.strip().casefold()] = plan
    return found
