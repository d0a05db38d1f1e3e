"""Given names that are also everyday words, per language.

A pseudonymized summary replaces such a name only where it is written as a
name (see `core.pseudonym`): "you may pass and will be asked again" keeps its
"may" and "will" when May and Will sit in the circle. A name missing here is
replaced wherever it stands, in any case: the text may suffer, the name does
not leave the room. Add to a list when a room finds one (lower case).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NAME_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "ad amber april art ask august bent bill bob carol chase cliff crystal dale dawn "
        "dean don drew earl even faith floor frank gene glen grace guy harm hope holly "
        "hunter iris ivy jack jade jet job joke joy june ken lane lily lone lot mark max "
        "may miles olive pat penny per ray reed rich rob rose ruby rune sage sandy sky "
        "sol storm sue summer ton violet wade will"
    ),
    "da": _words(
        "ask august birk bo dag falk gry hans jo liv lykke maj mark per ravn rose rune "
        "sol sten stig storm tage tone"
    ),
    "nb": _words(
        "ask august birk bo dag eik gro gry hans jo liv lind mai mark per ravn rose rune "
        "sol stein storm tone vår"
    ),
    "nl": _words("bas ben door els iris job linde lot mark mees merel roos storm wil"),
}
"""Lower-case words of each language that are also given names."""
