"""Pseudonymized summaries: P1..Pn instead of the participants' names.

The numbers are given in a random order per session (seeded by the plan's
`pseudonym_seed`, which stays in the session folder), so that every export of
one session uses the same numbers while the numbers do not follow the seating
order. The mapping itself is never part of a summary.

Names are also replaced inside free text (items, focus, follow-ups, notes),
whole words only and regardless of case: the full name and, for a name of
several words, its first word.
"""

from __future__ import annotations

import random
import re
import unicodedata

from circle_tui.core.summary import Summary


def pseudonyms(names: list[str], seed: str) -> dict[str, str]:
    """Name → `P<n>`, with the numbers shuffled by `seed` (fresh randomness if empty)."""
    numbers = list(range(1, len(names) + 1))
    rng: random.Random = random.Random(seed) if seed else random.SystemRandom()
    rng.shuffle(numbers)
    return {name: f"P{number}" for name, number in zip(names, numbers, strict=True)}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


class _Replacer:
    def __init__(self, mapping: dict[str, str]) -> None:
        variants: dict[str, str] = {}
        for name, alias in mapping.items():
            full = _nfc(name)
            variants.setdefault(full.casefold(), alias)
            first = full.split()[0]
            if first != full and len(first) >= 2:
                variants.setdefault(first.casefold(), alias)
        self._aliases = variants
        ordered = sorted(variants, key=len, reverse=True)
        self._pattern = (
            re.compile(
                r"(?<!\w)(" + "|".join(re.escape(v) for v in ordered) + r")(?!\w)",
                re.IGNORECASE,
            )
            if ordered
            else None
        )

    def __call__(self, text: str | None) -> str | None:
        if text is None or self._pattern is None:
            return text
        return self._pattern.sub(
            lambda m: self._aliases.get(m.group(0).casefold(), "P?"), _nfc(text)
        )

    def text(self, text: str) -> str:
        replaced = self(text)
        assert replaced is not None
        return replaced


def pseudonymize(summary: Summary, seed: str) -> Summary:
    """The same summary with every participant's name replaced by a pseudonym."""
    mapping = pseudonyms(summary.participants, seed)
    swap = _Replacer(mapping)
    number = {alias: int(alias[1:]) for alias in mapping.values()}
    airtime = sorted(
        (p.model_copy(update={"name": mapping[p.name]}) for p in summary.airtime),
        key=lambda p: number[p.name],
    )
    notes = summary.private_notes
    return summary.model_copy(
        update={
            "participants": sorted(mapping.values(), key=number.__getitem__),
            "airtime": airtime,
            "focus": swap.text(summary.focus),
            "ground_rules": [swap.text(rule) for rule in summary.ground_rules],
            "items": [
                item.model_copy(update={"text": swap.text(item.text), "owner": swap(item.owner)})
                for item in summary.items
            ],
            "follow_ups": [
                f.model_copy(update={"text": swap.text(f.text), "owner": swap(f.owner)})
                for f in summary.follow_ups
            ],
            "private_notes": None
            if notes is None
            else [
                n.model_copy(update={"text": swap.text(n.text), "speaker": swap(n.speaker)})
                for n in notes
            ],
            "pseudonymized": True,
        }
    )
