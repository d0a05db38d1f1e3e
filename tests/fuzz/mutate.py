"""A seeded mutator for hand-edited files: what a hurried hand, a bad copy or a
hostile file can do to a TOML file or a session folder.

Deterministic for a seed, so any failure found by `scripts/fuzz` is replayed
by its number.
"""

from __future__ import annotations

import random

SCALARS = [
    "0", "-1", "1e309", "nan", "inf", "-inf", "99999999999999999999", "true", '""', '"x"',
    "[]", "{}", '[1, "a"]', '["nobody"]', "{ x = 1 }", "1979-05-27", "07:32:00",
    '"[/]"', '"Cai[/]"', '"Anna-Lena [HR]"', '"[bold]x[/bold]"', '"\\u001b[2J"', '"\\u202e"',
    '"' + "x" * 5000 + '"', "0x10", "+1", "1_000",
]  # fmt: skip
UNICODE = ["\u2028", "\x85", "\ufeff", "\r", "\x00", "\x1b", "é", "日本", "\U0001f600", "[/]"]
KEYS = ["id", "name", "kind", "title", "prompt", "turn_seconds", "phase_seconds", "speakers",
        "silent", "away", "rotate", "order", "timing", "keys", "language", "projector", "bell",
        "retention_days", "give-word", "roles", "phases", "translations", "x" * 3000]  # fmt: skip


def deep(rng: random.Random) -> str:
    """Nesting a file never needs: arrays, inline tables or dotted keys hundreds deep."""
    n = rng.choice([20, 200, 600, 3000])
    match rng.randrange(4):
        case 0:
            return "deep = " + "[" * n + "]" * n
        case 1:
            return "deep = " + "{ a = " * n + "1" + " }" * n
        case 2:
            return ".".join(["k"] * n) + " = 1"
    return "[" + ".".join(["t"] * n) + "]"


def mutate_text(text: str, rng: random.Random) -> bytes:
    """One to four edits of a TOML file's text; the result as bytes (maybe not UTF-8)."""
    for _edit in range(rng.randint(1, 4)):
        lines = text.split("\n")
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        key, eq, _value = lines[i].partition("=")
        at = rng.randrange(len(text) + 1)
        match rng.randrange(11):
            case 0:
                del lines[i]
            case 1:
                lines.insert(i, lines[i])
            case 2:
                lines[i], lines[j] = lines[j], lines[i]
            case 3 if eq:
                lines[i] = f"{key}= {rng.choice(SCALARS)}"
            case 4 if eq:
                lines[i] = f"{rng.choice(KEYS)} ={_value}"
            case 5:
                lines = text[:at].split("\n")
            case 6:
                lines = (text[:at] + rng.choice(UNICODE) + text[at:]).split("\n")
            case 7:
                lines.insert(i, deep(rng))
            case 8:
                lines.insert(
                    i, rng.choice(["[[phases]]", "[keys]", "[translations.da]", "[[roles]]"])
                )
            case 9:
                lines[i] = lines[i].replace('"', "", 1)
            case _:
                lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        text = "\n".join(lines)
    raw = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.08:  # a binary paste, or the file saved as Latin-1
        at = rng.randrange(len(raw) + 1)
        raw = raw[:at] + rng.randbytes(rng.randint(1, 8)) + raw[at:]
    return raw


def mutate_bytes(raw: bytes, rng: random.Random) -> bytes:
    """A file damaged on disk: cut short, bytes overwritten, zeroed or emptied."""
    match rng.randrange(4):
        case 0:
            return raw[: rng.randrange(len(raw) + 1)]
        case 1:
            at = rng.randrange(len(raw) + 1)
            junk = rng.randbytes(rng.randint(1, 64))
            return raw[:at] + junk + raw[at + len(junk) :]
        case 2:
            at, size = rng.randrange(len(raw) + 1), rng.choice([512, 4096])
            return raw[:at] + bytes(min(size, len(raw) - at)) + raw[at + size :]
    return b""
