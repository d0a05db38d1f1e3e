"""Checks and chores for the message catalogs (Babel), for tests and `scripts/i18n`.

The app itself reads only the compiled `.mo` files (`circle_tui.languages`);
this module reads the `.po` sources and is never imported when a circle runs.

    python -m devtools.catalogs fill-english   English texts say what the code says
    python -m devtools.catalogs check          every problem, one per line
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from circle_tui.core.i18n import LANGUAGES
from circle_tui.languages import DOMAIN, LOCALE_DIR

TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
SAME_MARK = "same:"
"""A translator comment (`# same: ...`) that says the word really is the same
in this language (`Check-in` in Dutch), so the check does not call it untranslated."""
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)(?:[:!][^}]*)?\}|(%(?:\([a-z_]+\))?[sdr])")


def po_path(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    """The `.mo` bytes `pybabel compile` writes for this catalog."""
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def _forms(message: Message) -> list[str]:
    text = message.string
    return [t or "" for t in text] if isinstance(text, (list, tuple)) else [text or ""]


def _ids(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]


def placeholders(text: str) -> set[str]:
    """`{name}` and, for argparse's words, `%(name)s` and `%s`."""
    return {brace or percent for brace, percent in _PLACEHOLDER.findall(text)}


def problems(language: str, locale_dir: Path = LOCALE_DIR) -> list[str]:
    """What is wrong with one language's catalog, one line each (empty: complete)."""
    path = po_path(language, locale_dir)
    if not path.exists():
        return [f"{path}: no catalog for {language}"]
    template, catalog = read(locale_dir / TEMPLATE.name), read(path, language)
    found = []
    for wanted in template:
        if not wanted.id:
            continue
        where = f"{path.name} ({language}): {_ids(wanted)[0]!r}"
        message = catalog.get(wanted.id, wanted.context)
        if message is None:
            found.append(f"{where}: missing (run scripts/i18n update)")
            continue
        forms = _forms(message)
        if message.fuzzy:
            found.append(f"{where}: fuzzy, needs a translator's look")
        if not all(forms):
            found.append(f"{where}: not translated")
            continue
        same = any(comment.startswith(SAME_MARK) for comment in message.user_comments)
        if language != "en" and not same and forms[0] == _ids(message)[0] and _words(forms[0]):
            found.append(f"{where}: left in English (translate, or comment '# {SAME_MARK} why')")
        # a singular form may leave out the number ("one voice"), as English does
        expected = placeholders(_ids(wanted)[-1])
        for index, form in enumerate(forms):
            last = index == len(forms) - 1
            if (placeholders(form) != expected) if last else not placeholders(form) <= expected:
                found.append(
                    f"{where}: placeholders {sorted(placeholders(form))}, want {sorted(expected)}"
                )
    mo = path.with_suffix(".mo")
    if not mo.exists() or mo.read_bytes() != compiled(catalog):
        found.append(f"{mo}: out of date (run scripts/i18n compile)")
    return found


def code_messages(package: Path = LOCALE_DIR.parent) -> set[str]:
    """Every text the code marks for translation (singular ids), as extraction finds them."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    found = extract_from_dir(str(package), [("**.py", "python")], keywords=DEFAULT_KEYWORDS)
    return {message[2] if isinstance(message[2], str) else message[2][0] for message in found}


def template_messages(locale_dir: Path = LOCALE_DIR) -> set[str]:
    return {_ids(message)[0] for message in read(locale_dir / TEMPLATE.name) if message.id}


def _words(text: str) -> bool:
    """Whether a text has words to translate (not only a placeholder or a sign)."""
    return bool(re.search(r"[A-Za-z]{2,}", _PLACEHOLDER.sub("", text)))


def fill_english() -> None:
    """English messages left empty, or guessed by Babel (fuzzy), say what the code says."""
    path = po_path("en")
    catalog = read(path, "en")
    for message in catalog:
        if message.id and (not all(_forms(message)) or message.fuzzy):
            message.string = tuple(_ids(message)) if message.pluralizable else message.id
            message.flags.discard("fuzzy")
    with path.open("wb") as file:
        write_po(file, catalog, width=0, include_lineno=False)  # in the template's order


def main(argv: list[str]) -> int:
    if argv == ["fill-english"]:
        fill_english()
        return 0
    if argv == ["check"]:
        found = [line for language in LANGUAGES for line in problems(language)]
        print("\n".join(found) or "all catalogs complete")
        return 1 if found else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
