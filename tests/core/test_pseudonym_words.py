"""Pseudonyms that leave text whole (issue 19, point 6).

Only what people typed is rewritten, never the format's own texts; a name
that is also a word of the session's language is replaced only where it is
written as a name.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from circle_tui.app.report import render
from circle_tui.core.decide import AgreeContract, NextPhase, RecordItem
from circle_tui.core.events import ItemKind
from circle_tui.core.formats import CircleFormat
from circle_tui.core.pseudonym import format_texts, pseudonymize
from circle_tui.core.summary import Summary, build_summary
from circle_tui.core.timing import FakeClock
from circle_tui.export.markdown import typed as _text
from circle_tui.store.format_files import find_format
from tests.conftest import make_plan
from tests.core.driver import Driver

BUILTIN = Path(__file__).resolve().parents[2] / "circle_tui" / "formats"
FORMATS = sorted(path.stem for path in BUILTIN.glob("*.toml"))
LANGUAGES = ["en", "da", "nb", "nl"]
COMMONMARK = MarkdownIt("commonmark")


def session(fmt: CircleFormat, names: str, language: str = "en") -> Driver:
    plan = make_plan(fmt, names=names).model_copy(update={"language": language})
    return Driver(plan, FakeClock(start=1_790_000_000.0))


def pseudonymized(d: Driver) -> Summary:
    return pseudonymize(build_summary(d.state, d.clock.now()), "fixed", d.state.plan.format)


def test_may_will_and_mark_leave_the_formats_texts_and_the_words_whole(
    reflection: CircleFormat,
) -> None:
    """The issue's room: the ground rule no longer reads "you P5 pass and P2 be asked again"."""
    d = session(reflection, "May,Will,Mark,Ane")
    rules = (*reflection.ground_rules, "Phones face down; May keeps the time.")
    d.ok(AgreeContract(focus="Whether we will mark the cases as done", ground_rules=rules))
    d.ok(NextPhase(confirmed=True))
    d.ok(RecordItem(ItemKind.DISAGREEMENT, "Mark thinks we may need two lists, says @will"))
    d.ok(RecordItem(ItemKind.AGREEMENT, "send the list to May by 2 May", owner="may"))
    d.ok(RecordItem(ItemKind.LEARNING, "ane and ANE both meant the same"))
    summary = pseudonymized(d)
    assert summary.ground_rules[:4] == list(reflection.ground_rules)
    assert "you may pass and will be asked again" in summary.ground_rules[3]
    assert summary.focus == "Whether we will mark the cases as done"
    typed_rule = summary.ground_rules[4]
    assert re.fullmatch(r"Phones face down; P\d keeps the time\.", typed_rule), typed_rule
    disagreement, agreement, learning = (item.text for item in summary.items)
    assert re.fullmatch(r"P\d thinks we may need two lists, says @P\d", disagreement), disagreement
    assert re.fullmatch(r"send the list to P\d by 2 May", agreement), agreement
    assert re.fullmatch(r"P\d and P\d both meant the same", learning), learning  # not a word
    assert re.fullmatch(r"P\d", summary.items[1].owner or "")  # "@may": an owner is a name
    dumped = summary.model_dump_json()
    for name in ("Will", "Mark", "Ane"):
        assert name not in dumped.replace("will be asked", "").replace("will mark", "")


def test_the_format_question_as_focus_stays_whole(reflection: CircleFormat) -> None:
    fmt = reflection.model_copy(update={"focus": "What will we mark as done, and may we?"})
    d = session(fmt, "Will,Mark,May,Bo")
    summary = pseudonymized(d)
    assert summary.focus == fmt.focus  # nothing was typed: it is the format's question


def test_bo_in_danish_and_eik_in_norwegian(reflection: CircleFormat) -> None:
    danish = session(reflection.in_language("da"), "Bo,Ane,Cai,Dina", "da")
    danish.ok(NextPhase(confirmed=True))
    danish.ok(RecordItem(ItemKind.LEARNING, "at bo tæt på arbejdet hjælper, siger Bo"))
    learned = pseudonymized(danish).items[0].text
    assert re.fullmatch(r"at bo tæt på arbejdet hjælper, siger P\d", learned), learned

    norwegian = session(reflection.in_language("nb"), "Eik,Ane,Cai,Dina", "nb")
    norwegian.ok(NextPhase(confirmed=True))
    norwegian.ok(RecordItem(ItemKind.LEARNING, "Eik mener bordet av eik holder lenger"))
    learned = pseudonymized(norwegian).items[0].text
    assert re.fullmatch(r"P\d mener bordet av eik holder lenger", learned), learned


def test_in_english_bo_and_eik_are_only_names(reflection: CircleFormat) -> None:
    d = session(reflection, "Bo,Eik,Ane,Cai")
    d.ok(NextPhase(confirmed=True))
    d.ok(RecordItem(ItemKind.LEARNING, "bo and eik typed in a hurry"))
    assert re.fullmatch(r"P\d and P\d typed in a hurry", pseudonymized(d).items[0].text)


def test_a_particle_of_a_name_is_no_name(reflection: CircleFormat) -> None:
    d = session(reflection, "de Vries,Sanne van Dijk,Cai,Bo")
    d.ok(NextPhase(confirmed=True))
    d.ok(RecordItem(ItemKind.LEARNING, "de Vries and Sanne wrote the de facto rules"))
    learned = pseudonymized(d).items[0].text
    assert re.fullmatch(r"P\d and P\d wrote the de facto rules", learned), learned


# Names drawn from the words of the formats' own texts, as they are written there and
# capitalised: the property is that no such name can touch the format's texts.
def own_words(fmt: CircleFormat) -> list[str]:
    return sorted({w for text in format_texts(fmt) for w in re.findall(r"[^\W\d_]{2,}", text)})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), format_id=st.sampled_from(FORMATS), language=st.sampled_from(LANGUAGES))
def test_a_pseudonymized_export_keeps_the_formats_texts_byte_for_byte(
    data: st.DataObject, format_id: str, language: str
) -> None:
    fmt = find_format(format_id).in_language(language)
    pool = own_words(fmt)
    words = data.draw(
        st.lists(st.sampled_from(pool), min_size=4, max_size=8, unique_by=str.casefold)
    )
    names = [data.draw(st.sampled_from([w, w.capitalize(), w.upper()])) for w in words]
    plan = make_plan(fmt, names=",".join(with_roles(fmt, names)))
    d = Driver(plan.model_copy(update={"language": language}), FakeClock(start=1_790_000_000.0))
    summary = build_summary(d.state, d.clock.now())
    hidden = pseudonymize(summary, "fixed", fmt)
    assert hidden.ground_rules == list(fmt.ground_rules) == summary.ground_rules
    assert hidden.focus == summary.focus
    assert [(p.title, p.prompt) for p in hidden.phases] == [
        (p.title, p.prompt) for p in summary.phases
    ]
    if not fmt.ground_rules:
        return
    # Markdown: the rules' lines are the same bytes as without pseudonyms, and read as written
    written = ["- " + _text(rule) for rule in fmt.ground_rules]
    for markdown in (render(summary, "md"), render(hidden, "md")):
        lines = markdown.splitlines()
        start = lines.index(written[0])
        assert lines[start : start + len(written)] == written
    items = re.findall(r"<li>(.*?)</li>", COMMONMARK.render(render(hidden, "md")), re.DOTALL)
    assert set(fmt.ground_rules) <= {html.unescape(item) for item in items}
    assert json.loads(render(hidden, "json"))["ground_rules"] == list(fmt.ground_rules)
    page = render(hidden, "html")
    assert all(f"<li>{html.escape(rule)}</li>" in page for rule in fmt.ground_rules)


def with_roles(fmt: CircleFormat, names: list[str]) -> list[str]:
    """`Name=role` for the roles the format needs someone to hold."""
    needed = [
        role.id for role in fmt.roles if role.id not in fmt.rotating for _ in range(role.at_least)
    ]
    return [f"{name}={needed[i]}" if i < len(needed) else name for i, name in enumerate(names)]
