"""Reading the summaries facilitators handed in, for the report across sites (`circle-tui report`).

Only pseudonymized public summaries are read: a file that still carries
names, or a private report, is refused with one line that names it, and no
report is written. A directory stands for the JSON files in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from circle_tui.core.errors import one_line
from circle_tui.core.i18n import _
from circle_tui.core.learning import LearningReport, learning_report
from circle_tui.core.summary import Summary
from circle_tui.export.summary_json import read_summary
from circle_tui.store.files import StoreError
from circle_tui.store.toml_files import FileError, read_text

_PSEUDONYM = re.compile(r"P\d+")


class HandedIn(StoreError):
    """A file that cannot go into the report; the message names it."""


def files_of(paths: Iterable[Path]) -> list[Path]:
    """The files named, a directory's `*.json` files in name order in its place."""
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.glob("*.json")) if path.is_dir() else [path])
    return found


def read_handed_in(path: Path) -> Summary:
    """One handed-in summary; `HandedIn` if it is not one, or still carries names."""
    try:
        text = read_text(path)
    except FileError as exc:  # missing, unreadable, not UTF-8
        raise HandedIn(str(exc)) from None
    try:
        summary = read_summary(text)
    except (ValueError, ValidationError) as exc:  # JSONDecodeError is a ValueError
        detail = one_line(exc) if isinstance(exc, ValidationError) else _("not a JSON summary")
        raise HandedIn(f"{path}: {detail}") from None
    if summary.private_notes is not None:
        raise HandedIn(f"{path}: " + _("a private report (it holds the facilitator's notes)"))
    if not summary.pseudonymized or not all(_PSEUDONYM.fullmatch(p) for p in summary.participants):
        problem = _("carries names: hand in a summary written with --pseudonymize")
        raise HandedIn(f"{path}: {problem}")
    return summary


def report_of(paths: Iterable[Path]) -> LearningReport:
    """The report over the files; raises `HandedIn` for the first one that cannot go in."""
    files = files_of(paths)
    if not files:
        raise HandedIn(_("no summaries given"))
    return learning_report(read_handed_in(path) for path in files)
