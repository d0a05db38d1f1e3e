"""Finding and loading circle formats from TOML files.

Errors name the file, the line and the field, like a compiler:
`my-circle.toml:14: phases[2].turn_seconds: Input should be greater than 0`.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from circle_tui.core.errors import Location, field_path, problems
from circle_tui.core.formats import CircleFormat
from circle_tui.store.locations import builtin_formats_dir, user_formats_dir


@dataclass(frozen=True)
class FormatProblem:
    """One thing wrong with a format file."""

    path: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class FormatError(Exception):
    """A format could not be loaded; `problems` says every reason."""

    def __init__(self, found: list[FormatProblem]) -> None:
        super().__init__(str(found[0]))
        self.problems = found


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")


def key_lines(text: str) -> dict[Location, int]:
    """Map TOML locations (as pydantic reports them) to 1-based line numbers.

    A light scan, enough for hand-written format files: tables, arrays of
    tables and `key = value` lines.
    """
    lines: dict[Location, int] = {}
    counts: dict[tuple[str, ...], int] = {}
    table: Location = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            names = tuple(part.strip().strip("\"'") for part in header.group(2).split("."))
            if header.group(1) == "[[":
                index = counts.get(names, -1) + 1
                counts[names] = index
                table = (*_resolve(names[:-1], counts), names[-1], index)
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


def parse_format(text: str, path: Path) -> CircleFormat:
    """Validate a format file's text; raise `FormatError` naming line and field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        line = int(position.group(1)) if position else None
        message = _TOML_POSITION.sub("", message).strip()
        raise FormatError([FormatProblem(path, line, "", f"not valid TOML: {message}")]) from None
    try:
        return CircleFormat.model_validate(data)
    except ValidationError as exc:
        lines = key_lines(text)
        found = [
            FormatProblem(path, line_of(lines, loc), field_path(loc), message)
            for loc, message in _explain_typos(problems(exc))
        ]
        raise FormatError(found) from None


def _explain_typos(found: list[tuple[Location, str]]) -> list[tuple[Location, str]]:
    """Pair an unknown key with a missing one of a similar name: `titel` -> `title`."""
    missing = {loc: msg for loc, msg in found if msg.startswith("missing")}
    out: list[tuple[Location, str]] = []
    explained: set[Location] = set()
    for loc, message in found:
        if message.startswith("unknown field") and loc and isinstance(loc[-1], str):
            siblings = [m[-1] for m in missing if m[:-1] == loc[:-1] and isinstance(m[-1], str)]
            close = difflib.get_close_matches(loc[-1], [str(s) for s in siblings], n=1)
            if close:
                message = f"unknown field; did you mean {close[0]!r}?"
                explained.add((*loc[:-1], close[0]))
        out.append((loc, message))
    unexplained = [(loc, msg) for loc, msg in out if loc not in explained]
    # Typos first: they usually explain the rest.
    return sorted(unexplained, key=lambda p: not p[1].startswith("unknown field"))


def load_format_file(path: Path) -> CircleFormat:
    """Read and validate one format file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FormatError([FormatProblem(path, None, "", "no such file")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise FormatError([FormatProblem(path, None, "", f"cannot be read ({reason})")]) from None
    return parse_format(text, path)


def format_paths() -> dict[str, Path]:
    """Every known format file by its file stem: built-ins, then user formats."""
    found: dict[str, Path] = {}
    for folder in (builtin_formats_dir(), user_formats_dir()):
        if folder.is_dir():
            for path in sorted(folder.glob("*.toml")):
                found.setdefault(path.stem, path)
    return found


def find_format(id_or_path: str) -> CircleFormat:
    """A format by id (built-in or user) or by the path of a TOML file."""
    known = format_paths()
    if id_or_path in known:
        fmt = load_format_file(known[id_or_path])
        if fmt.id != id_or_path:
            problem = f"declares id {fmt.id!r}; the file name and the id must match"
            raise FormatError([FormatProblem(known[id_or_path], None, "id", problem)])
        return fmt
    candidate = Path(id_or_path).expanduser()
    if candidate.suffix == ".toml" or candidate.exists():
        return load_format_file(candidate)
    choices = ", ".join(sorted(known)) or "none"
    raise FormatError(
        [FormatProblem(Path(id_or_path), None, "", f"no format with this id (known: {choices})")]
    )


def list_formats() -> tuple[list[tuple[Path, CircleFormat]], list[FormatError]]:
    """All loadable formats, and the errors of those that do not load."""
    loaded: list[tuple[Path, CircleFormat]] = []
    broken: list[FormatError] = []
    for path in format_paths().values():
        try:
            loaded.append((path, load_format_file(path)))
        except FormatError as exc:
            broken.append(exc)
    return loaded, broken
