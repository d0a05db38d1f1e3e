"""Confidential text: a private note's words, redacted wherever text is formatted.

`str()`, `repr()`, f-strings and `%` formatting all give a placeholder, so a
note that ends up in a log line, an error message or a traceback's locals
shows up as `<private>`. Only `reveal()` gives the words, and only the notes
pane and a report asked for with `--include-private` call it.
"""

from __future__ import annotations

from typing import Final

REDACTED: Final = "<private>"


class Confidential:
    """Text that must not leave the facilitator's screen by accident."""

    __slots__ = ("_text",)

    def __init__(self, text: str | Confidential) -> None:
        self._text = text.reveal() if isinstance(text, Confidential) else str(text)

    def reveal(self) -> str:
        """The words themselves: call only where the facilitator asked to see them."""
        return self._text

    def __str__(self) -> str:
        return REDACTED

    def __repr__(self) -> str:
        return f"Confidential({REDACTED}, {len(self._text)} characters)"

    def __format__(self, spec: str) -> str:
        return REDACTED

    def __bool__(self) -> bool:
        return bool(self._text.strip())

    def __len__(self) -> int:
        return len(self._text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Confidential) and other._text == self._text

    def __hash__(self) -> int:
        return hash(("confidential", self._text))

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("confidential text is not pickled")
