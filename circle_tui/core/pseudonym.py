"""Pseudonymized summaries: P1..Pn instead of the participants' names.

The numbers are given in a random order per session (seeded by the plan's
`pseudonym_seed`, which stays in the session folder), so that every export of
one session uses the same numbers while the numbers do not follow the seating
order. The mapping itself is never part of a summary.

Only what people typed is rewritten (the shared items, a focus and ground
rules the group wrote, last time's agreements, private notes); the format's
own texts (its ground rules, focus question, phase titles and questions) are
left exactly as they are. In typed text a name is replaced as a whole word:
the full name and, for a name of several words, its first word when that is
written with a capital (not "de" of "de Vries").

A name that is also a word of the session's language (May, Will and Mark in
English, Bo in Danish, Eik in Norwegian: `core.name_words`, and any word the
format writes in lower case) is replaced only where it is written as a name:
after `@`, or with a capital letter. Written in lower case it is the word,
and next to a number it is a date ("2 May", "May 2027"). At the start of a
sentence a capital cannot tell a name from a word, so it is replaced there
too: better a changed word than a name that leaves the room. Any other name
is replaced in any case ("ask ysolde").
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterable

from circle_tui.core.formats import CircleFormat
from circle_tui.core.name_words import NAME_WORDS
from circle_tui.core.summary import Summary

_WORD = re.compile(r"\w+")
_NUMBER_BEFORE = re.compile(r"\d[.,]?\s*$")
_NUMBER_AFTER = re.compile(r"^,?\s*\d")


def pseudonyms(names: list[str], seed: str, late: Iterable[str] = ()) -> dict[str, str]:
    """Name → `P<n>`, with the numbers shuffled by `seed` (fresh randomness if empty).

    Those in `late` joined after the start: they take the numbers after the
    others, in the order they came, so that a latecomer changes nobody's
    number (an export before they came and one after agree).
    """
    came_late = set(late)
    first = [name for name in names if name not in came_late]
    numbers = list(range(1, len(first) + 1))
    rng: random.Random = random.Random(seed) if seed else random.SystemRandom()
    rng.shuffle(numbers)
    mapping = {name: f"P{number}" for name, number in zip(first, numbers, strict=True)}
    later = [name for name in names if name in came_late]
    mapping.update({name: f"P{len(first) + n}" for n, name in enumerate(later, start=1)})
    return mapping


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def format_texts(fmt: CircleFormat) -> list[str]:
    """The format's own texts, as the session shows them: never pseudonymized."""
    texts = [fmt.name, fmt.description, fmt.focus, *fmt.ground_rules]
    texts += [text for phase in fmt.phases for text in (phase.title, phase.prompt)]
    texts += [text for role in fmt.roles for text in (role.name, role.description)]
    return [text for text in texts if text]


def words_of(language: str, texts: Iterable[str]) -> frozenset[str]:
    """Words of the session's language that may also be names (casefolded).

    The list for the language, and every word the format's own texts write in
    lower case ("you may pass and will be asked again").
    """
    found = {
        word.casefold()
        for text in texts
        for word in _WORD.findall(_nfc(text))
        if word == word.lower()
    }
    return NAME_WORDS.get(language, frozenset()) | found


class _Replacer:
    """Replaces participants' names in typed text by their pseudonyms."""

    def __init__(self, mapping: dict[str, str], words: frozenset[str]) -> None:
        variants: dict[str, str] = {}
        for name, alias in mapping.items():
            full = _nfc(name)
            variants.setdefault(full.casefold(), alias)
            first = full.split()[0]
            if first != full and len(first) >= 2 and first[0].isupper():
                variants.setdefault(first.casefold(), alias)
        self._aliases = variants
        self._words = {variant for variant in variants if variant in words}
        ordered = sorted(variants, key=len, reverse=True)
        self._pattern = (
            re.compile(
                r"(?<!\w)(" + "|".join(re.escape(v) for v in ordered) + r")(?!\w)",
                re.IGNORECASE,
            )
            if ordered
            else None
        )

    def _swap(self, match: re.Match[str]) -> str:
        found = match.group(0)
        key = found.casefold()
        alias = self._aliases.get(key, "P?")
        if key not in self._words:
            return alias
        text, start, end = match.string, match.start(), match.end()
        if text[start - 1 : start] == "@":
            return alias
        if not found[0].isupper():
            return found  # the word: "you may pass"
        if _NUMBER_BEFORE.search(text[:start]) or _NUMBER_AFTER.match(text[end:]):
            return found  # a date: "2 May", "May 2027"
        return alias

    def __call__(self, text: str | None) -> str | None:
        if text is None or self._pattern is None:
            return text
        return self._pattern.sub(self._swap, _nfc(text))

    def text(self, text: str) -> str:
        replaced = self(text)
        assert replaced is not None
        return replaced

    def owner(self, owner: str | None) -> str | None:
        """An owner (written after `@`): a participant's name in any case."""
        if owner is None or self._pattern is None:
            return owner
        return self._pattern.sub(
            lambda m: self._aliases.get(m.group(0).casefold(), "P?"), _nfc(owner)
        )


def pseudonymize(
    summary: Summary, seed: str, fmt: CircleFormat, mapping: dict[str, str] | None = None
) -> Summary:
    """The same summary with every participant's name replaced by a pseudonym.

    `fmt` is the session's format (in the session's language): its own texts
    stay as they are, and its lower-case words tell which names are words too.
    A `mapping` given for several sessions (a group's page) keeps each person's
    pseudonym the same across them; it must name every participant.
    """
    if mapping is None:
        late = [a.name for a in summary.attendance if a.joined_at is not None]
        mapping = pseudonyms(summary.participants, seed, late)
    own = format_texts(fmt)
    kept = set(own)
    swap = _Replacer(mapping, words_of(summary.language, own))

    def typed(text: str) -> str:
        return text if text in kept else swap.text(text)

    number = {alias: int(alias[1:]) for alias in mapping.values()}
    people = [mapping[name] for name in summary.participants]
    airtime = sorted(
        (p.model_copy(update={"name": mapping[p.name]}) for p in summary.airtime),
        key=lambda p: number[p.name],
    )
    notes = summary.private_notes
    return summary.model_copy(
        update={
            "participants": sorted(people, key=number.__getitem__),
            "attendance": sorted(
                (a.model_copy(update={"name": mapping[a.name]}) for a in summary.attendance),
                key=lambda a: number[a.name],
            ),
            "airtime": airtime,
            "phases": [  # positions are typed live, and may name someone
                phase.model_copy(
                    update={
                        "positions": [
                            pos.model_copy(update={"name": typed(pos.name)})
                            for pos in phase.positions
                        ]
                    }
                )
                for phase in summary.phases
            ],
            "focus": typed(summary.focus),
            "ground_rules": [typed(rule) for rule in summary.ground_rules],
            "items": [
                item.model_copy(
                    update={"text": swap.text(item.text), "owner": swap.owner(item.owner)}
                )
                for item in summary.items
            ],
            "follow_ups": [
                f.model_copy(update={"text": swap.text(f.text), "owner": swap.owner(f.owner)})
                for f in summary.follow_ups
            ],
            "private_notes": None
            if notes is None
            else [
                n.model_copy(
                    update={
                        "text": swap.text(n.text),
                        "speaker": None if n.speaker is None else mapping.get(n.speaker, "P?"),
                    }
                )
                for n in notes
            ],
            "pseudonymized": True,
        }
    )
