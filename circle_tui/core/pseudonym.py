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
written with a capital (not "de" of "de Vries"); the longest first, so that
"Sanne van Dijk" is one person and "Sanne" alone is whoever is called just
Sanne, or else the one Sanne of several words. When two share that first word
("Sanne van Dijk" and "Sanne de Boer"), "Sanne" alone becomes `P?`: it names
one of them, the summary cannot tell which, and a guess would put one
person's words in the other's mouth.

A name followed by a possessive ending is the name: "Ane's", "Ans'", "Jens'"
(an apostrophe is no letter), and the Danish, Norwegian, Swedish and Dutch
genitive without one, "Anes idé", "Bos forslag", "Sannes idee" (not after a
name ending in s, x or z, which takes only the apostrophe). The pseudonym
keeps the ending: "P2s forslag", "P1's idea". A longer word is not the name:
"Boss" is not Bo's.

A name that is also a word of the session's language (May, Will and Mark in
English, Bo in Danish, Eik in Norwegian: `core.name_words`, and any word the
format writes in lower case) is replaced only where it is written as a name:
after `@`, or with a capital letter. So is its possessive, a possessive that
is such a word itself (Danish "hans", his, with Han in the room), and the
possessive of a name of two letters ("has", "was", "yes": Ha, Wa, Ye). Written in
lower case it is the word, and next to a number it is a date ("2 May", "May
2027"). At the start of a sentence a capital cannot tell a name from a word,
so it is replaced there too: better a changed word than a name that leaves
the room. One opening is read as the word: a modal verb of the language that
opens a question, followed (no comma) by its subject, a participant written
as a name or a pronoun that is not "you", and then a word in lower case:
"Will Mark come?", "May I pass?", "Wil Sanne komen?". "Will you take it?" may
be said to Will, and is replaced. Any other name is replaced in any case
("ask ysolde", "anes forslag").
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Container, Iterable
from typing import TYPE_CHECKING

from circle_tui.core.formats import CircleFormat
from circle_tui.core.name_words import NAME_WORDS

if TYPE_CHECKING:  # only summaries are pseudonymized: their models load with them
    from circle_tui.core.summary import Summary

_WORD = re.compile(r"\w+")
_NUMBER_BEFORE = re.compile(r"\d[.,]?\s*$")
_NUMBER_AFTER = re.compile(r"^,?\s*\d")
_OPENING = re.compile(r"[\s\"'“‘„«(\[]*\Z")  # what may stand between a sentence's end and its word
_SENTENCE_END = ".!?:;…"
_REST_OF_SENTENCE = re.compile(r"[^.!?\n]*[.!?\n]?")
_SPACE = re.compile(r"[ \t]+")
_UNSURE = "P?"
"""The pseudonym of a first name that several participants share."""

POSSESSIVE = "s"
"""The genitive ending written without an apostrophe (da, nb, sv, nl): "Bos forslag"."""
_ONLY_APOSTROPHE = "sxz"  # a name ending so takes "'" ("Jens' idé"), never an "s"
_SHORT = 3  # a shorter name's lower-case possessive is taken for a word ("has", "bos")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that open a question and are names too ("Will Mark come?", "Wil Sanne komen?"):
# each with the pronouns that may follow as its subject (not "you": "Will you take it?"
# may be said to Will), and whether a participant's name may be its subject.
_FIRST_AND_THIRD = {
    "en": _words(
        "i we they he she it there this that these those the a an our their his her its my "
        "everyone anyone someone everybody anybody somebody all"
    ),
    "da": _words("jeg vi de han hun den det der man nogen alle en et vores deres hans hendes"),
    "nb": _words("jeg vi de han hun den det der man noen alle en et vår våre deres hans hennes"),
    "nl": _words(
        "ik we wij ze zij hij het de een dit dat deze die er iemand iedereen men "
        "ons onze hun haar zijn mijn"
    ),
}
_QUESTION_VERBS: dict[str, dict[str, tuple[frozenset[str], bool]]] = {
    "en": dict.fromkeys(
        _words("will may can could shall should would must might"), (_FIRST_AND_THIRD["en"], True)
    ),
    "da": dict.fromkeys(_words("vil kan skal må bør tør"), (_FIRST_AND_THIRD["da"], True)),
    "nb": dict.fromkeys(_words("vil kan skal må bør tør"), (_FIRST_AND_THIRD["nb"], True)),
    "nl": {
        **dict.fromkeys(_words("wil mag kan zal moet"), (_FIRST_AND_THIRD["nl"], True)),
        "ben": (_words("ik"), False),  # "Ben ik te laat?"; "Ben Sanne ..." is no question
    },
}
"""Per language: a verb that opens a question → the pronouns it takes as subject, and names."""


def first_name(name: str) -> str | None:
    """The first word of a name of several words, when it is written as a name.

    "Sanne" of "Sanne van Dijk"; not "de" of "de Vries", nor a single letter.
    """
    words = name.split()
    if len(words) < 2 or len(words[0]) < 2 or not words[0][0].isupper():
        return None
    return words[0]


def name_pattern(
    variants: Iterable[str], flags: int = 0, not_after: str = r"\w"
) -> re.Pattern[str] | None:
    """A whole-word match of any of the ways names are written, the longest first.

    A variant that may take the genitive "s" matches with it too ("Bos"), as
    one word: `spoken` tells the name from its ending. Nothing matches right
    after one of the characters `not_after` (a letter: "Bob" is not "ob").
    """
    ordered = sorted({v for v in variants if v}, key=len, reverse=True)
    if not ordered:
        return None
    alternatives = [re.escape(v) + (f"{POSSESSIVE}?" if takes_s(v) else "") for v in ordered]
    return re.compile(rf"(?<![{not_after}])(?:" + "|".join(alternatives) + r")(?!\w)", flags)


def takes_s(name: str) -> bool:
    """Whether a name takes the genitive "s" without an apostrophe ("Bos", not "Jenss")."""
    return name[-1:].isalpha() and name[-1].casefold() not in _ONLY_APOSTROPHE


def spoken(found: str, known: Container[str], key: Callable[[str], str] = str) -> tuple[str, str]:
    """The name a match of `name_pattern` writes, and its possessive ending ("" or "s").

    `known` holds the variants the pattern was made of, as `key` makes them:
    "Bos" is the name Bos when that is one, else Bo's.
    """
    if key(found) in known or found[-1:].casefold() != POSSESSIVE:
        return found, ""
    return found[:-1], found[-1]


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

    def __init__(
        self,
        mapping: dict[str, str],
        words: frozenset[str],
        language: str = "",
        present: Iterable[str] | None = None,
    ) -> None:
        """`present` are the session's own participants, when `mapping` holds more
        (a group's page): a first name is theirs before it is anyone else's, as
        in the session's own summary.
        """
        full: dict[str, set[str]] = {}
        for name, alias in mapping.items():
            full.setdefault(_nfc(name).casefold(), set()).add(alias)
        here = set(mapping if present is None else present)
        given_here = {given.casefold() for n in here if (given := first_name(_nfc(n)))}
        first: dict[str, set[str]] = {}
        for name, alias in mapping.items():
            given = first_name(_nfc(name))
            if given is None or given.casefold() in full:  # the full name wins
                continue
            if name in here or given.casefold() not in given_here:
                first.setdefault(given.casefold(), set()).add(alias)
        self._aliases = {
            variant: next(iter(aliases)) if len(aliases) == 1 else _UNSURE
            for variant, aliases in (full | first).items()
        }
        self._words = words
        self._questions = _QUESTION_VERBS.get(language, {})
        spellings = {_nfc(name) for name in mapping} | set(self._aliases)  # "Strauß", "strauss"
        spellings |= {given for name in mapping if (given := first_name(_nfc(name)))}
        self._pattern = name_pattern(spellings, re.IGNORECASE)

    def _is_word(self, variant: str, ending: str) -> bool:
        """Whether the name (with its ending) may be a word of the language, not a name."""
        return variant in self._words or (variant + ending.casefold()) in self._words

    def _alias(self, found: str) -> tuple[str, str, str]:
        """A match's name (casefolded), its ending, and what replaces both."""
        name, ending = spoken(found, self._aliases, str.casefold)
        variant = name.casefold()
        return variant, ending, self._aliases.get(variant, _UNSURE) + ending

    def _swap(self, match: re.Match[str]) -> str:
        found = match.group(0)
        variant, ending, alias = self._alias(found)
        text, start, end = match.string, match.start(), match.end()
        if text[start - 1 : start] == "@":
            return alias
        if ending and not found[0].isupper() and len(variant) < _SHORT:
            return found  # "has", "was", "yes" are words more often than Ha's, Wa's, Ye's
        if not self._is_word(variant, ending):
            return alias
        if not found[0].isupper():
            return found  # the word: "you may pass"
        if _NUMBER_BEFORE.search(text[:start]) or _NUMBER_AFTER.match(text[end:]):
            return found  # a date: "2 May", "May 2027"
        if not ending and self._opens_question(variant, text, start, end):
            return found  # "Will Mark come?"
        return alias

    def _opens_question(self, verb: str, text: str, start: int, end: int) -> bool:
        """Whether `verb` opens a question before its subject: "Will Mark come?".

        The subject follows after spaces (no comma: "Will, Mark comes?" is said
        to Will): a pronoun the verb takes, or a participant written as a name;
        then, in the same sentence, a word in lower case, and the sentence ends
        with a question mark.
        """
        if verb not in self._questions or self._pattern is None:
            return False
        before = text[:start]
        opening = _OPENING.search(before)
        head = before[: opening.start()] if opening else before
        if head and head[-1] not in _SENTENCE_END and "\n" not in before[len(head) :]:
            return False
        space = _SPACE.match(text, end)
        if space is None:
            return False
        pronouns, names = self._questions[verb]
        word = _WORD.match(text, space.end())
        if word is not None and word.group(0).casefold() in pronouns:
            subject_end = word.end()
        elif (
            names
            and (name := self._pattern.match(text, space.end()))
            and name.group(0)[0].isupper()
        ):
            subject_end = name.end()
        else:
            return False
        rest = _REST_OF_SENTENCE.match(text, subject_end)
        sentence = rest.group(0) if rest else ""
        next_word = _WORD.search(sentence)
        return sentence.endswith("?") and next_word is not None and next_word.group(0).islower()

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
        return self._pattern.sub(lambda m: self._alias(m.group(0))[2], _nfc(owner))


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
    swap = _Replacer(
        mapping, words_of(summary.language, own), summary.language, summary.participants
    )

    def typed(text: str) -> str:
        return text if text in kept else swap.text(text)

    number = {alias: int(alias[1:]) for alias in mapping.values()}
    people = [mapping[name] for name in summary.participants]
    airtime = sorted(
        (p.model_copy(update={"name": mapping[p.name]}) for p in summary.airtime),
        key=lambda p: number[p.name],
    )
    notes = summary.private_notes
    debrief = summary.debrief
    cast = mapping
    if debrief is not None:  # a latecomer never let in is in no list: the next numbers
        outside = [name for name in debrief.personas if name not in mapping]
        extra = {name: f"P{len(mapping) + n}" for n, name in enumerate(outside, 1)}
        cast = {**mapping, **extra}
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
            "debrief": None
            if debrief is None
            else debrief.model_copy(
                update={
                    "personas": {cast[name]: persona for name, persona in debrief.personas.items()},
                    "moments": [
                        m.model_copy(update={"person": cast.get(m.person, "P?")})
                        for m in debrief.moments
                    ],
                }
            ),
            "pseudonymized": True,
        }
    )
