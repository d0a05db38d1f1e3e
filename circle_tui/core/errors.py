"""Turning validation errors into lines a facilitator can act on."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from circle_tui.core.i18n import N_, _, ngettext

if TYPE_CHECKING:  # only read here: `bounded` and the paths serve lines before any model loads
    from pydantic import ValidationError

Location = tuple[int | str, ...]

# Translators: a field in a file (a format, settings.toml) that is not known
UNKNOWN_FIELD = N_("unknown field (a typo?)")
MISSING = N_("missing (this field is required)")


def field_path(loc: Location) -> str:
    """`("phases", 2, "turn_seconds")` -> `phases[2].turn_seconds`.

    pydantic's `[key]` (the key of a table itself was wrong) is left out: the
    path then ends at that key, and the message says what a key should be.
    """
    out = ""
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


PATTERNS = {
    # Translators: what an id (of a format, role or phase) may be written with
    r"^[a-z0-9][a-z0-9-]*$": N_("use lower-case letters, digits and dashes (like case-giver)"),
    # Translators: a language code, as in the file: en, da, nb or nl
    r"^[a-z]{2}$": N_("a two-letter language code, such as da, en, nb or nl"),
    # Translators: a time zone, as in the file
    r"^(?:[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*|[+-]\d{2}:\d{2})$": N_(
        "a time zone such as Europe/Copenhagen or +01:00"
    ),
    # Translators: what a session id may be written with
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": N_("letters, digits, dots, dashes and underscores"),
    # Translators: the id of a take-away in the organisation letter
    r"^[0-9a-f]{6}$": N_("six characters, as the letter shows them"),
}
"""What each pattern a field must match means, in words (no regular expression is shown)."""


def _said(detail: Mapping[str, Any]) -> str:
    """pydantic's message for one problem, in our own translated words."""
    kind = str(detail["type"])
    ctx: Mapping[str, Any] = detail.get("ctx") or {}
    simple = {
        "extra_forbidden": UNKNOWN_FIELD,
        "missing": MISSING,
        # Translators: a value in a file that should be a whole number
        "int_type": N_("should be a whole number"),
        "int_parsing": N_("should be a whole number"),
        "int_from_float": N_("should be a whole number"),
        # Translators: a value in a file that should be a number
        "float_type": N_("should be a number"),
        "float_parsing": N_("should be a number"),
        "finite_number": N_("should be a number"),
        # Translators: a value in a file that should be true or false
        "bool_type": N_("should be true or false"),
        "bool_parsing": N_("should be true or false"),
        # Translators: a value in a file that should be text, written in quotes
        "string_type": N_("should be text, in quotes"),
        # Translators: a value in a file that should be a list: [ ... ]
        "list_type": N_("should be a list, in [ ]"),
        "tuple_type": N_("should be a list, in [ ]"),
        # Translators: a value in a file that should be a table (a [section] or { ... })
        "dict_type": N_("should be a table: a [section] or { }"),
        "model_type": N_("should be a table: a [section] or { }"),
        "model_attributes_type": N_("should be a table: a [section] or { }"),
        # Translators: a date or time in a file that cannot be read
        "datetime_parsing": N_("should be a date and time, such as 2026-12-02T10:00:00+01:00"),
        "timezone_aware": N_("should be a date and time with its offset, such as +01:00"),
        # Translators: a stored record that is not valid JSON (a damaged file)
        "json_invalid": N_("is not valid JSON"),
        "json_type": N_("is not valid JSON"),
    }
    if kind in simple:
        return _(simple[kind])
    if kind == "value_error":
        return str(detail["msg"]).removeprefix("Value error, ")  # ours, translated already
    if kind == "string_pattern_mismatch":
        meaning = PATTERNS.get(str(ctx.get("pattern")))
        # Translators: text in a file is not written the way the field needs
        return _(meaning) if meaning else _("is not written as this field needs")
    if kind in ("string_too_short", "too_short") and ctx.get("min_length") == 1:
        # Translators: a text or a list in a file that is empty
        return _("should not be empty")
    numbers = {
        # Translators: {n} is the smallest allowed value, which is not allowed itself
        "greater_than": (N_("should be more than {n}"), "gt"),
        # Translators: {n} is the smallest allowed value
        "greater_than_equal": (N_("should be at least {n}"), "ge"),
        # Translators: {n} is a limit the value should stay under
        "less_than": (N_("should be less than {n}"), "lt"),
        # Translators: {n} is the largest allowed value
        "less_than_equal": (N_("should be at most {n}"), "le"),
        # Translators: {n} is the fewest characters a text may have
        "string_too_short": (N_("should be at least {n} characters long"), "min_length"),
        # Translators: {n} is the most characters a text may have
        "string_too_long": (N_("should be at most {n} characters long"), "max_length"),
        # Translators: {n} is the fewest entries a list may have
        "too_short": (N_("should have at least {n} entries"), "min_length"),
        # Translators: {n} is the most entries a list may have
        "too_long": (N_("should have at most {n} entries"), "max_length"),
    }
    if kind in numbers:
        words, key = numbers[kind]
        return _(words).format(n=ctx.get(key))
    if kind in ("literal_error", "enum"):
        # Translators: {choices} lists the values the field allows
        # pydantic lists them as "'a', 'b' or 'c'": the "or" is English, commas are not
        choices = str(ctx.get("expected", "")).replace(" or ", ", ")
        return _("should be one of: {choices}").format(choices=choices)
    # Translators: a value in a file that is not right, for a reason without words of its own
    return _("is not a value this field takes")


def problems(error: ValidationError) -> list[tuple[Location, str]]:
    """Every problem in a validation error, as (location, message in the user's language).

    pydantic's own wording never reaches the user: each kind of problem has
    its words here. A list that is "too short" only because an entry in it
    was wrong is not a problem of its own (the entry's problem is the one).
    """
    details = error.errors(include_url=False)
    found: list[tuple[Location, str]] = []
    located = [
        tuple(p for p in d["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        for d in details
    ]
    for loc, detail in zip(located, details, strict=True):
        if detail["type"] == "too_short" and any(
            other[: len(loc)] == loc and len(other) > len(loc) for other in located
        ):
            continue  # the cascade: an entry of this list was wrong, and is said
        found.append((loc, _said(detail)))
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
