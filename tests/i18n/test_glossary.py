"""One term per concept: each language's glossary, and its catalog and formats held to it.

`circle_tui/locale/<lang>/glossary.toml` names, per concept, the English words
that name it in the texts (`en`, lower-case word starts) and the word starts the
language uses for it (`term`). Every text whose English names the concept says
it with its term, and a concept's term never stands in a text whose English
names another concept and not this one (the contract is never an agreement).
Format files are held to it too: a phase of a kind (`kind`) is titled with its
term where the glossary names one (`kinds`). `exceptions` lists English texts
where a word does not mean the concept, each with a comment why.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from circle_tui.core.i18n import LANGUAGES
from circle_tui.languages import LOCALE_DIR
from circle_tui.store.format_files import list_formats

TRANSLATED = [language for language in LANGUAGES if language != "en"]
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Concept:
    name: str
    en: tuple[str, ...]
    term: tuple[str, ...]
    kinds: tuple[str, ...]
    exceptions: frozenset[str]
    """English texts where the word means something else ("turn off"), each with a reason."""


def glossary(language: str) -> list[Concept]:
    path = LOCALE_DIR / language / "glossary.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        Concept(
            name,
            tuple(entry["en"]),
            tuple(entry["term"]),
            tuple(entry.get("kinds", ())),
            frozenset(entry.get("exceptions", ())),
        )
        for name, entry in data["terms"].items()
    ]


def names(text: str, starts: tuple[str, ...]) -> bool:
    """Whether a word of `text` starts with one of `starts` (case-insensitive)."""
    words = _WORD.findall(text.casefold())
    return any(word.startswith(start) for word in words for start in starts)


def texts(language: str) -> list[tuple[str, str]]:
    """(English, translation) of every message, plural forms included."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / "circle_tui.po"
    with path.open("rb") as file:
        catalog = read_po(file, locale=language)
    pairs: list[tuple[str, str]] = []
    for message in catalog:
        if not message.id:
            continue
        ids = [str(i) for i in (message.id if isinstance(message.id, tuple) else (message.id,))]
        said = message.string
        strings = [str(s) for s in (said if isinstance(said, tuple) else (said or "",))]
        pairs.extend((ids[min(i, len(ids) - 1)], s) for i, s in enumerate(strings))
    return pairs


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_glossary_is_there_and_names_the_core_concepts(language: str) -> None:
    concepts = {concept.name for concept in glossary(language)}
    assert {"contract", "agreement", "turn", "take-away", "case-giver"} <= concepts


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_concept_is_said_with_its_term(language: str) -> None:
    wrong = []
    concepts = glossary(language)
    for english, said in texts(language):
        for concept in concepts:
            if english in concept.exceptions:
                continue
            if names(english, concept.en) and not names(said, concept.term):
                wrong.append(f"{concept.name}: {english!r} -> {said!r}")
    assert not wrong, "\n".join(wrong[:20])


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_term_stands_for_another_concept(language: str) -> None:
    wrong = []
    concepts = glossary(language)
    for english, said in texts(language):
        for concept in concepts:
            if english in concept.exceptions:
                continue
            if names(said, concept.term) and not names(english, concept.en):
                others = [c.name for c in concepts if c is not concept and names(english, c.en)]
                if others:
                    wrong.append(f"{concept.name} for {others}: {english!r} -> {said!r}")
    assert not wrong, "\n".join(wrong[:20])


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_built_in_formats_title_their_phases_with_the_terms(language: str) -> None:
    by_kind = {kind: c for c in glossary(language) for kind in c.kinds}
    wrong = []
    loaded, _broken = list_formats()
    for path, fmt in loaded:
        if language not in fmt.languages or not Path(path).is_relative_to(LOCALE_DIR.parent):
            continue
        for phase in fmt.in_language(language).phases:
            concept = by_kind.get(phase.kind.value)
            if concept is not None and not names(phase.title, concept.term):
                wrong.append(f"{path.name}: {phase.kind.value} {phase.title!r} ({concept.name})")
    assert not wrong, "\n".join(wrong)
