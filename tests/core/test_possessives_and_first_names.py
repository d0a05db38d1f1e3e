"""Possessives, first names and a modal at the start of a question (review of names).

A name followed by the possessive ending of en/da/nb/nl ("Bos forslag",
"Ane's idea", "Ans' fiets") names the person, in the check before an item is
shared and in a pseudonymized summary, which keeps the ending ("P2s forslag").
The first word of a participant's full name, written as a name, names them too.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circle_tui.core.decide import NextPhase, RecordItem
from circle_tui.core.events import ItemKind
from circle_tui.core.formats import CircleFormat
from circle_tui.core.items import names_in
from circle_tui.core.pseudonym import pseudonymize, pseudonyms
from circle_tui.core.summary import Summary, build_summary
from circle_tui.core.timing import FakeClock
from tests.conftest import make_plan
from tests.core.driver import Driver

LANGUAGES = ["en", "da", "nb", "nl"]

# --- the check before an item is shared -------------------------------------------------

NAMED = [
    # Danish / Norwegian (and Swedish): genitive s without an apostrophe
    ("da", "Anes idé om vagtplanen", ["Ane", "Bo"], ["Ane"]),
    ("da", "Bos forslag", ["Bo"], ["Bo"]),
    ("da", "Jens' idé og Bos", ["Bo", "Jens"], ["Bo", "Jens"]),
    ("da", "Marks plan", ["Mark", "Bo"], ["Mark"]),
    ("nb", "Eiks forslag om eik", ["Eik"], ["Eik"]),
    ("nb", "Pers plan", ["Per", "Ane"], ["Per"]),
    # Dutch: s, 's after a vowel, ' after an s
    ("nl", "Sannes idee", ["Sanne"], ["Sanne"]),
    ("nl", "Anne's plan", ["Anne"], ["Anne"]),
    ("nl", "Ans' fiets", ["Ans"], ["Ans"]),
    ("nl", "Wims voorstel", ["Wim"], ["Wim"]),
    # English: 's, and ' after an s
    ("en", "Ane's idea", ["Ane"], ["Ane"]),
    ("en", "James' idea", ["James"], ["James"]),
    ("en", "James's idea", ["James"], ["James"]),
    ("en", "Ane’s idea", ["Ane"], ["Ane"]),
    # a participant's first name, written as a name
    ("nl", "Sanne vond het lastig", ["Sanne van Dijk"], ["Sanne van Dijk"]),
    ("nl", "Sannes idee", ["Sanne van Dijk", "Bo"], ["Sanne van Dijk"]),
    ("nl", "Sanne van Dijk vond", ["Sanne van Dijk", "Sanne"], ["Sanne van Dijk"]),
    ("nl", "Sanne vond", ["Sanne van Dijk", "Sanne de Boer"], ["Sanne van Dijk", "Sanne de Boer"]),
    ("nl", "Sanne de Boer vond", ["Sanne van Dijk", "Sanne de Boer"], ["Sanne de Boer"]),
    ("da", "Mettes forslag", ["Mette Frederiksen", "Bo"], ["Mette Frederiksen"]),
    ("en", "ask Mark", ["Mark Jensen"], ["Mark Jensen"]),
    ("en", "de Vries said so", ["de Vries"], ["de Vries"]),
]

NOT_NAMED = [
    ("en", "Boss wants it", ["Bo"]),
    ("da", "at bo tæt på", ["Bo"]),
    ("da", "bos forslag", ["Bo"]),  # case matters, as before
    ("da", "Bosse sagde", ["Bo"]),
    ("en", "Jenss", ["Jens"]),
    ("en", "the de facto rules", ["de Vries"]),  # "de" is no first name
    ("en", "we mark the cases", ["Mark Jensen"]),
    ("nl", "sanne vond", ["Sanne van Dijk"]),
    ("en", "Ansel said", ["Ans"]),
    ("en", "write to @Bo", ["Bo"]),  # an owner is asked about on its own
]


@pytest.mark.parametrize(("language", "text", "names", "named"), NAMED)
def test_names_in_finds_possessives_and_first_names(
    language: str, text: str, names: list[str], named: list[str]
) -> None:
    assert names_in(text, names) == named, language


@pytest.mark.parametrize(("language", "text", "names"), NOT_NAMED)
def test_names_in_leaves_other_words(language: str, text: str, names: list[str]) -> None:
    assert names_in(text, names) == [], language


name = st.from_regex(r"[A-ZÆØÅ][a-zæøåé]{1,8}", fullmatch=True)
word = st.from_regex(r"[a-zæøå]{1,8}", fullmatch=True)
words = st.lists(word, max_size=4).map(" ".join)


def endings(person: str) -> list[str]:
    """The possessive endings of en/da/nb/nl for a name (after s, x, z: only an apostrophe)."""
    if person[-1] in "sxz":
        return ["'", "’", "'s", "’s"]
    return ["s", "'s", "’s"]


@settings(max_examples=200, deadline=None)
@given(data=st.data(), person=name, before=words, after=words, surname=name)
def test_a_possessive_of_a_name_or_first_name_is_named(
    data: st.DataObject, person: str, before: str, after: str, surname: str
) -> None:
    ending = data.draw(st.sampled_from(["", *endings(person)]))
    text = f"{before} {person}{ending} {after}".strip()
    assert names_in(text, [person, "Zzq"]) == [person]
    full = f"{person} {surname}"
    assert names_in(text, ["Zzq", full]) == [full]


@settings(max_examples=200, deadline=None)
@given(person=name, tail=st.from_regex(r"s?[a-zæøå]{1,4}", fullmatch=True), after=words)
def test_a_longer_word_is_no_name(person: str, tail: str, after: str) -> None:
    if tail == "s":
        return  # that is the possessive
    text = f"{person}{tail} {after}"
    assert person not in re.findall(r"\w+", text)
    assert names_in(text, [person]) == []


# --- pseudonymized summaries ------------------------------------------------------------


def session(fmt: CircleFormat, names: str, language: str) -> Driver:
    fmt = fmt.in_language(language)
    plan = make_plan(fmt, names=names).model_copy(update={"language": language})
    d = Driver(plan, FakeClock(start=1_790_000_000.0))
    d.ok(NextPhase(confirmed=True))
    return d


def hidden(d: Driver, *texts: str) -> tuple[list[str], dict[str, str]]:
    for text in texts:
        d.ok(RecordItem(ItemKind.LEARNING, text))
    summary: Summary = build_summary(d.state, d.clock.now())
    mapping = pseudonyms(summary.participants, "fixed")
    out = pseudonymize(summary, "fixed", d.state.plan.format, mapping)
    return [item.text for item in out.items], mapping


POSSESSIVES = [
    (
        "da",
        "Ane,Bo,Jens,Mark",
        "Anes idé om vagtplanen virker; Bos forslag, at bo tæt på; Jens' idé; Marks plan",
        "{Ane}s idé om vagtplanen virker; {Bo}s forslag, at bo tæt på; {Jens}' idé; {Mark}s plan",
    ),
    ("da", "Ane,Bo,Cai", "Boss siger, at bo er godt", "Boss siger, at bo er godt"),
    ("da", "Ane,Bo,Cai", "anes forslag", "{Ane}s forslag"),  # not a word: any case
    ("da", "Ane,Bo,Cai", "BOS forslag", "{Bo}S forslag"),
    (
        "nb",
        "Eik,Per,Ane",
        "Eiks forslag om eik og Pers plan, per uke",
        "{Eik}s forslag om eik og {Per}s plan, per uke",
    ),
    (
        "nl",
        "Sanne,Anne,Ans,Wil",
        "Sannes idee en Anne's plan, Ans' fiets; Wils voorstel, wil je dat",
        "{Sanne}s idee en {Anne}'s plan, {Ans}' fiets; {Wil}s voorstel, wil je dat",
    ),
    (
        "en",
        "Ane,James,Will,Mark",
        "Ane's idea, James' plan, James's too; Will's list and Marks; we will mark it",
        "{Ane}'s idea, {James}' plan, {James}'s too; {Will}'s list and {Mark}s; we will mark it",
    ),
    ("en", "Ane,Bo,Cai", "Boss said so, Bos did not", "Boss said so, {Bo}s did not"),
    # two letters and an s: in lower case a word more often than a name ("has", "yes")
    ("en", "Ha,Ye,Ane", "it has been yes for ha; Has idea", "it has been yes for {Ha}; {Ha}s idea"),
    ("en", "Han,Ane,Bo", "hans plan", "{Han}s plan"),  # not a word in English
    ("da", "Han,Ane,Bo", "hans plan, Hans plan", "hans plan, {Han}s plan"),  # "hans": his
]


@pytest.mark.parametrize(("language", "names", "typed", "expected"), POSSESSIVES)
def test_a_pseudonym_keeps_the_possessive_ending(
    reflection: CircleFormat, language: str, names: str, typed: str, expected: str
) -> None:
    (text,), mapping = hidden(session(reflection, names, language), typed)
    assert text == expected.format(**mapping)


FIRST_NAMES = [
    (
        "nl",
        "Sanne van Dijk,Ane,Bo",
        "Sanne vond het lastig, Sannes idee en Sanne van Dijks plan",
        "{Sanne van Dijk} vond het lastig, {Sanne van Dijk}s idee en {Sanne van Dijk}s plan",
    ),
    # the full name wins over another's first name, whatever the order
    (
        "nl",
        "Sanne van Dijk,Sanne,Bo",
        "Sanne vond, Sanne van Dijk niet",
        "{Sanne} vond, {Sanne van Dijk} niet",
    ),
    (
        "da",
        "Mette Frederiksen,Bo,Ane",
        "Mettes forslag, sagde Mette Frederiksen",
        "{Mette Frederiksen}s forslag, sagde {Mette Frederiksen}",
    ),
    # two who share a first name: the first name alone tells nobody which of them
    (
        "nl",
        "Sanne van Dijk,Sanne de Boer,Ane",
        "Sanne vond het lastig, Sannes idee; Sanne de Boer niet",
        "P? vond het lastig, P?s idee; {Sanne de Boer} niet",
    ),
    (
        "en",
        "Mark Jensen,Mark Olsen,Ane",
        "Mark said we mark it; Mark Olsen agreed",
        "P? said we mark it; {Mark Olsen} agreed",
    ),
]


@pytest.mark.parametrize(("language", "names", "typed", "expected"), FIRST_NAMES)
def test_a_first_name_becomes_its_persons_pseudonym(
    reflection: CircleFormat, language: str, names: str, typed: str, expected: str
) -> None:
    (text,), mapping = hidden(session(reflection, names, language), typed)
    assert text == expected.format(**mapping)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    data=st.data(),
    language=st.sampled_from(LANGUAGES),
    people=st.lists(name, min_size=2, max_size=4, unique_by=str.casefold),
    surname=name,
    before=words,
    after=words,
)
def test_no_name_or_its_possessive_is_left(
    reflection: CircleFormat,
    data: st.DataObject,
    language: str,
    people: list[str],
    surname: str,
    before: str,
    after: str,
) -> None:
    """Capitalised, with or without an ending, a name never comes out (no question here)."""
    full = [f"{people[0]} {surname}", *people[1:]]
    typed = []
    for person in people:
        ending = data.draw(st.sampled_from(["", *endings(person)]))
        typed.append(f"{before} {person}{ending} {after}".strip())
    d = session(reflection, ",".join(full), language)
    texts, _mapping = hidden(d, *typed)
    for text in texts:
        left = {w.casefold() for w in re.findall(r"\w+", text)}
        for person in people:
            assert person.casefold() not in left, (language, text)
            if person[-1] not in "sxz":
                assert f"{person}s".casefold() not in left, (language, text)


# --- a modal verb at the start of a question --------------------------------------------

QUESTIONS = [
    ("en", "Will,Mark,May,Ane", "Will Mark come?", "Will {Mark} come?"),
    ("en", "Will,Mark,May,Ane", "May I pass on this one?", "May I pass on this one?"),
    (
        "en",
        "Will,Mark,May,Ane",
        "Will we keep the list? Will thinks so.",
        "Will we keep the list? {Will} thinks so.",
    ),
    (
        "en",
        "Will,Mark,May,Ane",
        "Mark asked: Will Ane's plan work?",
        "{Mark} asked: Will {Ane}'s plan work?",
    ),
    ("en", "Will,Mark,May,Ane", "May Mark and Ane lead it?", "May {Mark} and {Ane} lead it?"),
    # not a question, a comma, no verb after the name, a verb that is no subject: names
    ("en", "Will,Mark,May,Ane", "Will Mark come", "{Will} {Mark} come"),
    ("en", "Will,Mark,May,Ane", "Will, Mark come?", "{Will}, {Mark} come?"),
    ("en", "Will,Mark,May,Ane", "Will Mark?", "{Will} {Mark}?"),
    ("en", "Will,Mark,May,Ane", "Will Mark Jensen?", "{Will} {Mark} Jensen?"),
    ("en", "Will,Mark,May,Ane", "Will thinks Mark should?", "{Will} thinks {Mark} should?"),
    ("en", "Will,Mark,May,Ane", "Will Bo come?", "{Will} Bo come?"),  # Bo: no participant
    ("en", "Will,Mark,May,Ane", "Ask Will Mark later?", "Ask {Will} {Mark} later?"),
    ("nl", "Wil,Ben,Sanne van Dijk", "Wil Sanne komen?", "Wil {Sanne van Dijk} komen?"),
    ("nl", "Wil,Ben,Sanne van Dijk", "Wil het lukken?", "Wil het lukken?"),
    # "you" may be said to the one named: "Will, you take the notes?"
    ("en", "Will,Mark,May,Ane", "Will you take the notes?", "{Will} you take the notes?"),
    ("nl", "Wil,Ben,Sanne van Dijk", "Wil je dat?", "{Wil} je dat?"),
    ("nl", "Wil,Ben,Sanne van Dijk", "Ben Sanne er?", "{Ben} {Sanne van Dijk} er?"),
    (
        "nl",
        "Wil,Ben,Sanne van Dijk",
        "Ben ik te laat? Ben zegt nee.",
        "Ben ik te laat? {Ben} zegt nee.",
    ),
    ("nl", "Wil,Ben,Sanne van Dijk", "Wil vindt het goed", "{Wil} vindt het goed"),
]


@pytest.mark.parametrize(("language", "names", "typed", "expected"), QUESTIONS)
def test_a_modal_verb_opening_a_question_is_the_word(
    reflection: CircleFormat, language: str, names: str, typed: str, expected: str
) -> None:
    (text,), mapping = hidden(session(reflection, names, language), typed)
    assert text == expected.format(**mapping)


def test_on_a_groups_page_a_first_name_is_first_of_the_sessions_own(
    reflection: CircleFormat,
) -> None:
    """One mapping for all of a group's sessions: another session's Sanne takes nobody's words."""
    d = session(reflection, "Sanne van Dijk,Ane,Bo,Cai", "nl")
    d.ok(RecordItem(ItemKind.LEARNING, "Sanne vond het lastig; Marks idee"))
    summary = build_summary(d.state, d.clock.now())
    group = {"Sanne van Dijk": "P1", "Ane": "P2", "Bo": "P3", "Cai": "P4"}
    group |= {"Sanne de Boer": "P5", "Mark Olsen": "P6", "Mark Jensen": "P7"}
    hidden = pseudonymize(summary, "", d.state.plan.format, group)
    assert hidden.items[0].text == "P1 vond het lastig; P?s idee"  # two Marks, neither here
