"""Finding and loading circle formats from TOML files.

Errors name the file, the line and the field, like a compiler:
`my-circle.toml:14: phases[2].turn_seconds: Input should be greater than 0`.
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

from pydantic import ValidationError

from circle_tui.core.errors import Location, is_missing, is_unknown_field, problems
from circle_tui.core.format_checks import format_problems
from circle_tui.core.formats import CircleFormat
from circle_tui.core.i18n import _
from circle_tui.store.locations import builtin_formats_dir, user_formats_dir
from circle_tui.store.toml_files import (
    FileError,
    FileProblem,
    did_you_mean,
    located,
    parse_toml,
    read_text,
    unknown_field,
)

FormatProblem = FileProblem
"""One thing wrong with a format file."""
Problem = tuple[Location, str]
"""Where in the file, and what is wrong there."""


class FormatError(FileError):
    """A format could not be loaded; `problems` says every reason."""


def parse_format(text: str, path: Path) -> CircleFormat:
    """Validate a format file's text; raise `FormatError` naming line and field."""
    fmt, found = check_format(text, path)
    if fmt is None:
        raise FormatError([problem for problem in found if not problem.warning])
    return fmt


def check_format(text: str, path: Path) -> tuple[CircleFormat | None, list[FormatProblem]]:
    """Every problem of a format file, warnings too, in file order; the format if it runs.

    Schema problems come first: the sense of a file is checked once its
    fields are valid. Every loader of a format file comes through here: the
    model checks only its fields (and that its texts can be shown, which
    `format_problems` lists at their fields, hence `all_problems`).
    """
    try:
        data = parse_toml(text, path)
    except FileError as exc:
        return None, exc.problems
    try:
        fmt = CircleFormat.model_validate(data, context={"all_problems": True})
    except ValidationError as exc:
        field_errors = _explain_typos(problems(exc))
        sense = _problems_beyond(data, field_errors)
        found = located(path, text, field_errors + sense)
        found.sort(key=lambda p: p.line or 0)
        return None, found
    checks = format_problems(fmt)
    errors = [(p.loc, p.message) for p in checks if not p.warning]
    warnings = [(p.loc, p.message) for p in checks if p.warning]
    found = located(path, text, errors) + located(path, text, warnings, warning=True)
    found.sort(key=lambda p: (p.warning, p.line or 0))
    return (None if errors else fmt), found


_STAND_INS: dict[str, object] = {"id": "x", "name": "x", "title": "x", "kind": "open"}
"""What a required field left out or wrong is read as, to check the rest of the file."""
_REPAIRS = 4
"""Rounds of repair before the rest is left unchecked."""


def _problems_beyond(data: object, field_errors: list[tuple[Location, str]]) -> list[Problem]:
    """The cross-field problems of a file whose fields are wrong: every problem in one run.

    Each wrong field is taken out (a default stands in), a required one given
    a stand-in, until the rest validates; then the format's own checks run
    on what is left, and their problems are kept except where a repair was.
    """
    if not isinstance(data, dict):
        return []
    repaired = deepcopy(data)
    touched: list[Location] = []
    errors = field_errors
    for _round in range(_REPAIRS):
        for loc, message in errors:
            if not _repair(repaired, loc, is_missing(message)):
                return []
            touched.append(loc)
        try:
            fmt = CircleFormat.model_validate(repaired)
        except ValidationError as exc:
            errors = problems(exc)
            continue
        break
    else:
        return []

    # A problem of a repaired field, of what holds it, or (for a kind) of its whole entry
    zones = [t[:2] if t[-1] == "kind" else t for t in touched if t]

    def near_a_repair(loc: Location) -> bool:
        return any(loc[: len(z)] == z or z[: len(loc)] == loc for z in zones)

    return [
        (p.loc, p.message)
        for p in format_problems(fmt)
        if not p.warning and p.loc and not near_a_repair(p.loc)
    ]


def _repair(data: dict[str, object], loc: Location, missing: bool) -> bool:
    """Take the field at `loc` out of `data`, or put a stand-in where one is required."""
    if not loc:
        return False
    parent: object = data
    for part in loc[:-1]:
        if isinstance(parent, dict) and isinstance(part, str) and part in parent:
            parent = parent[part]
        elif isinstance(parent, list) and isinstance(part, int) and 0 <= part < len(parent):
            if not isinstance(parent[part], dict):
                return _repair(data, loc[: loc.index(part)], missing=False)  # the whole list
            parent = parent[part]
        else:
            return False
    last = loc[-1]
    if not isinstance(parent, dict) or not isinstance(last, str):
        return False
    if missing or last in _STAND_INS:
        if last not in _STAND_INS:
            return False
        parent[last] = _STAND_INS[last]
    else:
        parent.pop(last, None)
    return True


def _explain_typos(found: list[tuple[Location, str]]) -> list[tuple[Location, str]]:
    """Pair an unknown key with a missing one of a similar name: `titel` -> `title`."""
    missing = {loc: msg for loc, msg in found if is_missing(msg)}
    out: list[tuple[bool, Location, str]] = []
    explained: set[Location] = set()
    for loc, message in found:
        typo = is_unknown_field(message)
        if typo and loc and isinstance(loc[-1], str):
            siblings = [m[-1] for m in missing if m[:-1] == loc[:-1] and isinstance(m[-1], str)]
            close = did_you_mean(loc[-1], [str(s) for s in siblings])
            if close:
                message = unknown_field(close)
                explained.add((*loc[:-1], close))
        out.append((typo, loc, message))
    # Typos first: they usually explain the rest.
    ordered = sorted((p for p in out if p[1] not in explained), key=lambda p: not p[0])
    return [(loc, message) for _typo, loc, message in ordered]


def load_format_file(path: Path) -> CircleFormat:
    """Read and validate one format file."""
    try:
        text = read_text(path)
    except FileError as exc:
        raise FormatError(exc.problems) from None
    return parse_format(text, path)


def check_format_file(path: Path) -> tuple[CircleFormat | None, list[FormatProblem]]:
    """`check_format` for a file on disk (`formats validate`)."""
    try:
        text = read_text(path)
    except FileError as exc:
        return None, exc.problems
    return check_format(text, path)


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
            problem = _("declares id {id}; the file name and the id must match")
            problem = problem.format(id=repr(fmt.id))
            raise FormatError([FormatProblem(known[id_or_path], None, "id", problem)])
        return fmt
    candidate = Path(id_or_path).expanduser()
    if candidate.suffix == ".toml" or candidate.exists():
        return load_format_file(candidate)
    # Translators: there are no formats at all (in "known: {known}")
    choices = ", ".join(sorted(known)) or _("none")
    problem = _("no format with this id (known: {known})").format(known=choices)
    raise FormatError([FormatProblem(Path(id_or_path), None, "", problem)])


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
