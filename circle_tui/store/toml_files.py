"""Reading hand-written TOML files with errors like a compiler's.

Shared by the format files and the settings file: a problem names the file,
the line and the field, `my-circle.toml:14: phases[2].turn_seconds: ...`.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from circle_tui.core.errors import Location, bounded, field_path
from circle_tui.core.i18n import _


@dataclass(frozen=True)
class FileProblem:
    """One thing wrong with a file."""

    path: Path
    line: int | None
    field: str
    message: str
    warning: bool = False
    """Worth a look, but the file works."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        if self.warning:
            # Translators: marks a problem that is only a warning, as in "file:3: warning: ..."
            where += ": " + _("warning")
        field = bounded(self.field, FIELD_LIMIT)  # a damaged key can be a megabyte long
        line = f"{where}: {field}: {self.message}" if self.field else f"{where}: {self.message}"
        return bounded(line)


FIELD_LIMIT = 80
"""The longest field name shown in a problem."""

MAX_DEPTH = 16
"""How deeply tables and arrays may nest: no format or setting needs more than four."""


class FileError(Exception):
    """A file could not be loaded; `problems` says every reason, `str` the first."""

    def __init__(self, found: list[FileProblem]) -> None:
        super().__init__(str(found[0]))
        self.problems = found


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")


def key_lines(text: str) -> dict[Location, int]:
    """Map TOML locations (as pydantic reports them) to 1-based line numbers.

    A light scan, enough for hand-written files: tables, arrays of tables and
    `key = value` lines. Lines are counted as TOML counts them, at `\n` only
    (a U+2028 in a comment is not a line break).
    """
    lines: dict[Location, int] = {}
    counts: dict[tuple[str, ...], int] = {}
    table: Location = ()
    for number, line in enumerate(text.split("\n"), start=1):
        header = _HEADER.match(line)
        if header:
            names = tuple(part.strip().strip("\"'") for part in header.group(2).split("."))
            if header.group(1) == "[[":
                index = counts.get(names, -1) + 1
                counts[names] = index
                table = (*_resolve(names[:-1], counts), names[-1], index)
                lines.setdefault(table[:-1], number)  # the array itself: its first entry
            else:
                table = _resolve(names, counts)
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault((*table, key.group(1)), number)
    return lines


def _resolve(names: tuple[str, ...], counts: dict[tuple[str, ...], int]) -> Location:
    """A dotted table name with array-of-tables parents pointing at their last entry."""
    loc: list[int | str] = []
    for i, name in enumerate(names):
        loc.append(name)
        if names[: i + 1] in counts:
            loc.append(counts[names[: i + 1]])
    return tuple(loc)


def line_of(lines: dict[Location, int], loc: Location) -> int | None:
    """The line of the closest enclosing location that the scan found."""
    for size in range(len(loc), 0, -1):
        if loc[:size] in lines:
            return lines[loc[:size]]
    return None


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    """Parse TOML; a syntax error, or nesting deeper than `MAX_DEPTH`, becomes a `FileError`
    with its line."""
    try:
        data = tomllib.loads(text)
    except RecursionError:  # tomllib reads nested arrays and inline tables recursively
        data = None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        line = int(position.group(1)) if position else None
        if line is None and message.endswith("(at end of document)"):
            line = text.rstrip().count("\n") + 1  # the last line with something on it
            message = message.removesuffix("(at end of document)")
        message = _TOML_POSITION.sub("", message).strip()
        # Translators: {problem} is the TOML reader's own message (in English)
        problem = _("not valid TOML: {problem}").format(problem=message)
        raise FileError([FileProblem(path, line, "", problem)]) from None
    if data is None or _too_deep(data):
        # Translators: {n} is the deepest nesting allowed (tables and arrays inside each other)
        problem = _("nested too deeply (more than {n} levels)").format(n=MAX_DEPTH)
        raise FileError([FileProblem(path, _deepest_line(text), "", problem)])
    return data


def _too_deep(data: object) -> bool:
    """Whether tables and arrays nest more than `MAX_DEPTH` levels (checked without recursion)."""
    stack: list[tuple[object, int]] = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(item, dict):
            stack.extend((value, depth + 1) for value in item.values())
        elif isinstance(item, list):
            stack.extend((value, depth + 1) for value in item)
    return False


def _deepest_line(text: str) -> int:
    """The line that most probably nests too deeply: the one with the most openings."""
    lines = text.split("\n")
    scores = [line.count("[") + line.count("{") + line.count(".") for line in lines]
    return scores.index(max(scores)) + 1 if scores else 1


def read_text(path: Path) -> str:
    """A file's text; an unreadable file becomes a `FileError`."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileError([FileProblem(path, None, "", _("no such file"))]) from None
    except UnicodeDecodeError as exc:  # the line of the first byte that is not UTF-8
        before = exc.object[: exc.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        line = before.count(b"\n") + 1
        problem = _("cannot be read (not UTF-8 text)")
        raise FileError([FileProblem(path, line, "", problem)]) from None
    except OSError as exc:
        problem = _("cannot be read ({reason})").format(reason=exc.strerror)
        raise FileError([FileProblem(path, None, "", problem)]) from None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The closest of `choices` to a probable typo, if one is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return close[0] if close else None


def unknown_field(close: str) -> str:
    """An unknown key that is probably a typo of `close`."""
    # Translators: {name} is the field the file probably meant (a key, kept as it is)
    return _("unknown field; did you mean {name}?").format(name=repr(close))


def located(
    path: Path, text: str, found: Iterable[tuple[Location, str]], *, warning: bool = False
) -> list[FileProblem]:
    """Problems as (location, message) -> `FileProblem`s with the line of each key."""
    lines = key_lines(text)
    return [
        FileProblem(path, line_of(lines, loc), field_path(loc), msg, warning) for loc, msg in found
    ]
