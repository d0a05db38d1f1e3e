"""The HTML summary: self-contained, escaped, and showing who spoke how long."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

from circle_tui.core.airtime import Airtime, Balance, Reading
from circle_tui.core.events import FollowUpStatus, ItemKind
from circle_tui.core.summary import (
    FollowUpReport,
    ItemReport,
    PhaseReport,
    PrivateNote,
    Summary,
)
from circle_tui.export import words
from circle_tui.export.html import render_html
from circle_tui.export.markdown import render_markdown

START = 1_790_000_000.0
NASTY = "<script>alert(1)</script> & more"
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}


def summary(
    seconds: list[float] | None = None,
    private_notes: list[PrivateNote] | None = None,
    item_text: str = "We disagree about the roadmap",
) -> Summary:
    """A closed two-phase session; `seconds` is each participant's speaking time."""
    seconds = [407.0, 900.0, 600.0] if seconds is None else seconds
    names = [f"Person {i + 1}" for i in range(len(seconds))]
    total = sum(seconds)
    people = [
        Airtime(
            name=name,
            role="member",
            seconds=s,
            share=round(s / total, 4) if total else 0.0,
            phases=[s / 2, s / 2],
            turns=2,
            passes=0,
            overtime_seconds=0.0,
        )
        for name, s in zip(names, seconds, strict=True)
    ]
    phases = [
        PhaseReport(
            index=i,
            title=title,
            kind="round",
            prompt=f"What about {title.lower()}?",
            planned_seconds=600,
            actual_seconds=610.5,
            started_at=START + 700 * i,
            ended_at=START + 700 * i + 610.5,
            visits=1,
        )
        for i, title in enumerate(["Check-in", "Round"])
    ]
    return Summary(
        session_id="2026-09-21-abc",
        format_id="reflection",
        format_name="Reflection circle",
        group="Team & friends",
        language="en",
        rehearsal=False,
        time_zone="UTC",  # the epoch seconds below are read as UTC
        started_at=START,
        closed_at=START + 1400,
        participants=names,
        focus="How we plan",
        ground_rules=["One voice at a time"],
        contract_agreed=True,
        notes_allowed=True,
        phases=phases,
        airtime=people,
        items=[
            ItemReport(kind=ItemKind.DISAGREEMENT, text=item_text, phase="Round"),
            ItemReport(
                kind=ItemKind.TAKEAWAY, text="Ask earlier", phase="Round", level="we", owner="Ana"
            ),
        ],
        follow_ups=[
            FollowUpReport(
                text="Write the plan",
                owner="Bo",
                from_session="old",
                agreed_at=START - 14 * 86400,
                status=FollowUpStatus.DONE,
            )
        ],
        speaking_seconds=total,
        balance=Balance(gini=0.17, voices=len(names), half_by=2, reading=Reading.BALANCED),
        private_notes=private_notes,
    )


class _Tags(HTMLParser):
    """Collects attributes and checks that non-void elements open and close in order."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [name for name, _ in attrs]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [name for name, _ in attrs]

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def parse(page: str) -> _Tags:
    tags = _Tags()
    tags.feed(page)
    tags.close()
    return tags


def svg(page: str) -> str:
    found = re.search(r"<svg\b.*?</svg>", page, re.DOTALL)
    assert found is not None
    return found.group(0)


def bar_widths(page: str) -> list[float]:
    return [float(w) for w in re.findall(r'<rect class="bar"[^>]*\swidth="([\d.]+)"', svg(page))]


def test_self_contained_without_scripts_or_urls() -> None:
    page = render_html(
        summary(private_notes=[PrivateNote(at=START, phase=None, speaker=None, text="x")])
    )
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page
    assert '<meta charset="utf-8">' in page
    assert "<script" not in page.lower()
    assert "http" not in page.lower()
    assert "@page { size: A4" in page
    tags = parse(page)
    assert not [a for a in tags.attributes if a.lower().startswith("on")]
    assert not {"link", "img", "iframe", "object"} & set(re.findall(r"<(\w+)", page))


def test_tags_balance() -> None:
    for notes in (None, [PrivateNote(at=START, phase="Round", speaker="Ana", text="hm")]):
        tags = parse(render_html(summary(private_notes=notes, item_text=NASTY)))
        assert tags.errors == []
        assert tags.stack == []


def test_user_text_is_escaped_in_the_body_and_in_the_chart() -> None:
    page = render_html(summary(item_text=NASTY))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert "Team &amp; friends" in page

    people = summary().airtime
    nasty = people[0].model_copy(update={"name": "<b>Bo</b> & Co"})
    chart = svg(render_html(summary().model_copy(update={"airtime": [nasty, *people[1:]]})))
    assert "<b>" not in chart
    assert "&lt;b&gt;Bo&lt;/b&gt; &amp; Co" in chart


def test_one_bar_per_participant_following_the_shares() -> None:
    page = render_html(summary([100.0, 300.0, 0.0, 600.0]))
    widths = bar_widths(page)
    assert len(widths) == 4
    assert widths[2] == 0
    assert widths[1] == 3 * widths[0]
    assert widths[3] == 6 * widths[0]
    assert "1:40 · 10%" in page
    assert "10:00 · 60%" in page
    chart = svg(page)
    assert 'role="img"' in chart and "aria-label=" in chart and "<title>" in chart


def test_private_banner_and_notes_only_in_a_private_report() -> None:
    public = render_html(summary())
    assert "Private notes" not in public
    assert escape(words.PRIVATE_WARNING) not in public
    assert "PRIVATE" not in public

    note = PrivateNote(at=START + 60, phase="Round", speaker="Person 2", text="Tension & fatigue")
    private = render_html(summary(private_notes=[note]))
    body = private.partition("<main>")[2]
    first = body.split("<h2>", 1)[0]
    assert escape(words.PRIVATE_WARNING) in first
    assert escape(words.title(summary(private_notes=[note]))) in first
    assert "<h2>Private notes</h2>" in private
    assert "Tension &amp; fatigue" in private
    assert "Tension" not in public
    assert "Private notes" not in render_html(summary(private_notes=None))
    assert "No private notes." in render_html(summary(private_notes=[]))


def test_same_sections_in_the_same_order_as_the_markdown() -> None:
    page = render_html(summary())
    headings = re.findall(r"<h2>(.*?)</h2>", page)
    assert headings == [
        words.NO_CONTRACT,  # the fixture's format has no contract phase
        "Agreements from last time",
        "Phases",
        "What we disagree about",
        "Take-aways",
        "Speaking time",
    ]
    assert "✓ done: Write the plan (agreed 2026-09-07; owner: Bo)" in page
    assert "<strong>For us:</strong> Ask earlier (owner: Ana)" in page
    assert "Total speaking time: 31:47." in page
    assert "<strong>Per phase:</strong>" in page
    assert escape(words.balance_words(summary().balance)) in page


def test_forty_participants_and_the_chart_grows() -> None:
    small = svg(render_html(summary([60.0] * 3)))
    large_page = render_html(summary([60.0 + i for i in range(40)]))
    large = svg(large_page)
    assert len(bar_widths(large_page)) == 40

    def height(chart: str) -> float:
        found = re.search(r'viewBox="0 0 \d+ (\d+)"', chart)
        assert found is not None
        return float(found.group(1))

    assert height(large) > 10 * height(small)
    assert parse(large_page).errors == []


def test_deterministic() -> None:
    note = PrivateNote(at=START, phase=None, speaker=None, text="n")
    assert render_html(summary(private_notes=[note])) == render_html(summary(private_notes=[note]))


def test_longest_bar_fills_the_track_and_silence_draws_no_bars() -> None:
    widths = bar_widths(render_html(summary([100.0, 300.0])))
    assert widths == [110.0, 330.0]
    silent = summary([0.0, 0.0, 0.0]).model_copy(
        update={"balance": Balance(gini=0.0, voices=0, half_by=0, reading=Reading.SILENT)}
    )
    page = render_html(silent)
    assert bar_widths(page) == [0.0, 0.0, 0.0]
    assert "Nobody has spoken yet." in page


def test_rehearsal_and_pseudonymized_notes() -> None:
    plain = render_html(summary())
    assert escape(words.REHEARSAL) not in plain
    assert escape(words.PSEUDONYMIZED) not in plain
    page = render_html(summary().model_copy(update={"rehearsal": True, "pseudonymized": True}))
    assert escape(words.REHEARSAL) in page
    assert escape(words.PSEUDONYMIZED) in page


def test_headings_match_the_markdown() -> None:
    note = PrivateNote(at=START, phase=None, speaker=None, text="n")
    for report in (summary(), summary(private_notes=[note]), summary(private_notes=[])):
        markdown = re.findall(r"^## (.*)$", render_markdown(report), re.MULTILINE)
        assert re.findall(r"<h2>(.*?)</h2>", render_html(report)) == markdown


def test_a_format_without_a_contract_phase_does_not_say_it_went_unagreed() -> None:
    troika_like = summary().model_copy(update={"contract_agreed": False})  # no contract phase
    for page in (render_html(troika_like), render_markdown(troika_like)):
        assert words.NO_CONTRACT in page
        assert words.NOT_AGREED not in page
    contract = troika_like.phases[0].model_copy(update={"kind": "contract", "title": "Contract"})
    unagreed = troika_like.model_copy(update={"phases": [contract, *troika_like.phases[1:]]})
    for page in (render_html(unagreed), render_markdown(unagreed)):
        assert words.NOT_AGREED in page
        assert words.NO_CONTRACT not in page
