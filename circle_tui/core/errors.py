"""Turning validation errors into lines a facilitator can act on."""

from __future__ import annotations

from pydantic import ValidationError

from circle_tui.core.i18n import N_, _, ngettext

Location = tuple[int | str, ...]

# Translators: a field in a file (a format, settings.toml) that is not known
UNKNOWN_FIELD = N_("unknown field (a typo?)")
MISSING = N_("missing (this field is required)")


def field_path(loc: Location) -> str:
    """`("phases", 2, "turn_seconds")` -> `phases[2].turn_seconds`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def problems(error: ValidationError) -> list[tuple[Location, str]]:
    """Every problem in a validation error, as (location, plain message)."""
    found: list[tuple[Location, str]] = []
    for detail in error.errors(include_url=False):
        loc = tuple(
            part
            for part in detail["loc"]
            if not (isinstance(part, str) and part.startswith("function-"))
        )
        message = str(detail["msg"]).removeprefix("Value error, ")
        if detail["type"] == "extra_forbidden":
            message = _(UNKNOWN_FIELD)
        elif detail["type"] == "missing":
            message = _(MISSING)
        found.append((loc, message))
    return found


def is_unknown_field(message: str) -> bool:
    """Whether a message from `problems` is a key nobody asked for (same language)."""
    return message == _(UNKNOWN_FIELD)


def is_missing(message: str) -> bool:
    """Whether a message from `problems` is a required key left out (same language)."""
    return message == _(MISSING)


def one_line(error: ValidationError) -> str:
    """The first problem as `field: message` (the count of others appended)."""
    found = problems(error)
    loc, message = found[0]
    line = f"{field_path(loc)}: {message}" if loc else message
    if len(found) > 1:
        more = len(found) - 1
        # Translators: {problem} is the first problem found; {n} counts the others
        line = ngettext("{problem} (and {n} more)", "{problem} (and {n} more)", more).format(
            problem=line, n=more
        )
    return line


LINE_LIMIT = 300
"""The longest error line shown: a damaged file can echo a key a megabyte long."""


def bounded(text: str, limit: int = LINE_LIMIT) -> str:
    """`text` as one line of at most `limit` characters.

    Line breaks and other control characters become visible escapes (they
    could break the line or move the terminal's cursor), and what runs past
    the limit is cut with an ellipsis.
    """
    plain = "".join(
        ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text[: limit * 2]
    )
    return plain if len(plain) <= limit else plain[: limit - 1] + "…"
