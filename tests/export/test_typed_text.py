"""What people typed comes out of the Markdown export as they typed it, once rendered.

A real CommonMark renderer (markdown-it-py) reads the export: `<script>`,
`Team <Zuid>` and `C*D*` must read as typed, not vanish into HTML or turn
italic. Runs of whitespace become one space (a typed line break cannot break
the list), as a browser shows them anyway.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from circle_tui.app.live import start_session
from circle_tui.cli import main
from circle_tui.core.decide import NextPhase, RecordItem
from circle_tui.core.events import ItemKind
from circle_tui.core.formats import CircleFormat, PhaseKind
from circle_tui.core.items import parse_item
from circle_tui.core.plan import parse_participants
from circle_tui.core.summary import build_summary
from circle_tui.core.timing import FakeClock
from circle_tui.export.markdown import render_markdown
from tests.conftest import make_plan
from tests.core.driver import Driver

COMMONMARK = MarkdownIt("commonmark").enable(["table", "strikethrough"])  # as GitHub reads it


class _Texts(HTMLParser):
    """The text of each block (list item, paragraph, heading, table cell) of rendered HTML."""

    BLOCKS = frozenset({"li", "p", "h1", "h2", "td", "th"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._open: list[list[str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in self.BLOCKS:
            self._open.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS and self._open:
            self.blocks.append("".join(self._open.pop()).strip())

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1].append(data)


def rendered(markdown: str) -> _Texts:
    texts = _Texts()
    texts.feed(COMMONMARK.render(markdown))
    return texts


def as_shown(typed: str) -> str:
    return " ".join(typed.split())


typed_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc"))
    | st.sampled_from(list("\\`*_[]<>&|~#$!()+-=.:;\"'@/ \t\n0123456789")),
    min_size=1,
    max_size=80,
).filter(lambda text: text.strip())

KINDS = [ItemKind.DISAGREEMENT, ItemKind.LEARNING, ItemKind.TAKEAWAY, ItemKind.AGREEMENT]


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(text="<script>alert(1)</script>", owner="Team <Zuid>", kind=ItemKind.AGREEMENT)
@example(text="C*D* and _E_", owner="`Bo`", kind=ItemKind.DISAGREEMENT)
@example(text="1. not a list", owner="# no heading", kind=ItemKind.LEARNING)
@example(text="&amp; stays &amp;", owner="x", kind=ItemKind.TAKEAWAY)
@example(text="- [ ] no task\\", owner="> no quote", kind=ItemKind.AGREEMENT)
@given(text=typed_text, owner=typed_text, kind=st.sampled_from(KINDS))
def test_a_typed_item_renders_as_typed(
    reflection: CircleFormat, text: str, owner: str, kind: ItemKind
) -> None:
    d = Driver(make_plan(reflection), FakeClock(start=1_790_000_000.0))
    d.ok(RecordItem(ItemKind.FOCUS, text))
    d.ok(RecordItem(kind, text, owner=owner if kind is ItemKind.AGREEMENT else None))
    summary = build_summary(d.state, d.clock.now())
    found = rendered(render_markdown(summary))
    assert "script" not in found.tags and "em" not in found.tags[: found.tags.index("h2")]
    assert f"Focus: {as_shown(text)}" in found.blocks
    if kind is ItemKind.AGREEMENT:
        assert f"{as_shown(text)} (owner: {as_shown(owner)})" in found.blocks
    elif kind is ItemKind.TAKEAWAY:
        assert f"For us: {as_shown(text)}" in found.blocks or as_shown(text) in found.blocks
    else:
        assert as_shown(text) in found.blocks


names = typed_text.map(lambda n: as_shown(n)[:40].strip()).filter(
    lambda n: n and "," not in n and "=" not in n and n.casefold() != "ane"
)


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(group=typed_text.map(lambda g: as_shown(g)[:80]), name=names)
def test_typed_group_and_names_render_as_typed(
    reflection: CircleFormat, group: str, name: str
) -> None:
    plan = make_plan(reflection, names=f"Ane,{name}").model_copy(update={"group": group})
    d = Driver(plan, FakeClock(start=1_790_000_000.0))
    d.ok(NextPhase(confirmed=True))
    found = rendered(render_markdown(build_summary(d.state, d.clock.now())))
    assert f"Group: {as_shown(group)}" in found.blocks
    assert f"Participants: Ane, {as_shown(name)}" in found.blocks
    assert as_shown(name) in found.blocks  # its row in the speaking-time table


def test_what_the_facilitator_types_reads_as_typed(
    sessions: Path, reflection: CircleFormat, tmp_path: Path
) -> None:
    """The issue's three, typed as a facilitator does, through `circle-tui summary`."""
    clock = FakeClock(start=1_790_000_000.0)
    live = start_session(
        sessions, reflection, parse_participants("Ane,Bo,Cai"), clock, group="Team <Zuid>"
    )
    live.execute(parse_item("focus: what <script> does to C*D*", PhaseKind.CONTRACT))
    live.execute(parse_item("agree: ask Team <Zuid> about C*D* @Bo", PhaseKind.CLOSING))
    live.close()
    out = tmp_path / "summary.md"
    assert main(["summary", str(live.folder.path), "-o", str(out)]) == 0
    found = rendered(out.read_text(encoding="utf-8"))
    assert "Team <Zuid>: session summary" in found.blocks
    assert "Group: Team <Zuid>" in found.blocks
    assert "Focus: what <script> does to C*D*" in found.blocks
    assert "ask Team <Zuid> about C*D* (owner: Bo)" in found.blocks
    assert {"script", "zuid"}.isdisjoint(found.tags)


def test_the_issues_room_pseudonymized_from_the_command_line(
    sessions: Path, reflection: CircleFormat, tmp_path: Path
) -> None:
    """May, Will and Mark: `circle-tui summary --pseudonymize` no longer writes "you P5 pass"."""
    clock = FakeClock(start=1_790_000_000.0)
    people = parse_participants("May,Will,Mark,Ane")
    live = start_session(sessions, reflection, people, clock)
    live.execute(parse_item("focus: Whether we will mark the cases, says Mark", PhaseKind.CONTRACT))
    live.close()
    rule = "Listen to understand, not to reply; you may pass and will be asked again."
    assert rule in reflection.ground_rules
    for to in ("md", "json", "html"):
        out = tmp_path / f"hidden.{to}"
        args = ["summary", str(live.folder.path), "--pseudonymize", "--to", to, "-o", str(out)]
        assert main(args) == 0
        text = out.read_text(encoding="utf-8")
        assert rule in text, to
        assert "Whether we will mark the cases, says P" in text, to
        assert not {"Mark", "May", "Will"} & set(re.findall(r"\w+", text)), to
