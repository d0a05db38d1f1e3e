"""What the organisation learns from its circles: one report over many sessions' summaries.

Facilitators who choose to hand in their sessions hand in pseudonymized JSON
summaries; this is what whoever looks after learning across sites reads:
how many circles and in which formats, how often agreements were carried
out, how evenly the word was shared (the spread of the Gini coefficient),
and the take-aways for the organisation, grouped by theme.

A theme is a `#tag` the facilitator typed in the take-away, else the word
(of four letters or more, not a common word of the session's language) that
the take-away shares with the most other take-aways (of those, the longest); one that shares none
stays under "other".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from circle_tui.core.airtime import Reading
from circle_tui.core.events import FollowUpStatus, ItemKind, TakeawayLevel
from circle_tui.core.summary import Moment, Summary

_TAG = re.compile(r"#(\w[\w-]*)")
_WORD = re.compile(r"\w{4,}")
COMMON_WORDS = {
    "en": "about after also been before between could does each every from have into just "
    "more most much need needs only other over same should some such than that their them "
    "then there these they this those time very want were what when where which while who "
    "will with without would your ours",
    "da": "alle andre blev blive efter eller ikke imellem kunne lige meget mere mest noget "
    "over sådan skal skulle som også uden under være været vores når hvor hvad hvis dette "
    "disse deres",
    "nb": "alle andre bare blir blitt eller etter ikke kunne mellom mellomen mer mest noen "
    "noe over også skal skulle slik uten under være vært våre vår når hvor hva hvis dette "
    "disse deres",
    "nl": "alle andere daar deze door geen hebben heeft hier hoe kunnen maar meer moet moeten "
    "niet onze over tegen tussen veel voor wat wanneer waar want worden wordt zich zijn "
    "zonder zoals",
}
"""Words too common to be a theme, per language (the theme is the first word that is not)."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True, extra="forbid")


class OrgTakeaway(_Model):
    text: str
    group: str
    started_at: Moment | None


class Theme(_Model):
    name: str
    """The tag or the shared word; empty for the take-aways that share none."""
    takeaways: list[OrgTakeaway]


class GroupRate(_Model):
    group: str
    circles: int
    done: int
    reviewed: int


class LearningReport(_Model):
    """Figures over the handed-in summaries (rehearsals are left out)."""

    circles: int
    first: Moment | None
    last: Moment | None
    formats: list[tuple[str, int]]
    """Format name and how many circles used it, the most used first."""
    done: int
    reviewed: int
    groups: list[GroupRate]
    ginis: list[float]
    """The Gini coefficient of every circle in which somebody spoke, in ascending order."""
    themes: list[Theme]

    @property
    def follow_through(self) -> float | None:
        return self.done / self.reviewed if self.reviewed else None

    def gini_quantile(self, q: float) -> float | None:
        """The q-quantile of the Gini coefficients (nearest rank), None if there are none."""
        if not self.ginis:
            return None
        rank = min(len(self.ginis) - 1, max(0, round(q * (len(self.ginis) - 1))))
        return self.ginis[rank]


def _words(text: str, language: str) -> list[str]:
    common = set(COMMON_WORDS.get(language, "").split()) | set(COMMON_WORDS["en"].split())
    return [w for w in dict.fromkeys(w.casefold() for w in _WORD.findall(text)) if w not in common]


def themes_of(items: Sequence[tuple[OrgTakeaway, str]]) -> list[Theme]:
    """Group (take-away, language) pairs by theme; the largest theme first, "other" last."""
    tagged: list[tuple[OrgTakeaway, str | None, list[str]]] = []
    counts: Counter[str] = Counter()
    for takeaway, language in items:
        marked = _TAG.search(takeaway.text)
        found = _words(_TAG.sub(" ", takeaway.text), language)
        tagged.append((takeaway, marked.group(1).casefold() if marked else None, found))
        counts.update(found)
    grouped: dict[str, list[OrgTakeaway]] = {}
    for takeaway, tag, found in tagged:
        shared = [w for w in found if counts[w] >= 2]
        name = tag or (
            max(shared, key=lambda w: (counts[w], len(w), -found.index(w))) if shared else ""
        )
        grouped.setdefault(name, []).append(takeaway)
    themes = [Theme(name=name, takeaways=found) for name, found in grouped.items() if name]
    themes.sort(key=lambda t: (-len(t.takeaways), t.name))
    if "" in grouped:
        themes.append(Theme(name="", takeaways=grouped[""]))
    return themes


def learning_report(summaries: Iterable[Summary]) -> LearningReport:
    """The report over `summaries`, in any order and any number (read one at a time)."""
    formats: Counter[str] = Counter()
    circles: Counter[str] = Counter()
    # An agreement reviewed at several circles (ongoing, then done) counts once, as the
    # latest circle left it.
    ended: dict[tuple[str, str, str], tuple[tuple[float, str], FollowUpStatus]] = {}
    org: list[tuple[OrgTakeaway, str]] = []
    dated: list[datetime] = []
    ginis: list[float] = []
    for s in summaries:
        if s.rehearsal:
            continue
        formats[s.format_name] += 1
        circles[s.group] += 1
        if s.started_at is not None:
            dated = [min([*dated, s.started_at]), max([*dated, s.started_at])]
        if s.balance.reading is not Reading.SILENT:
            ginis.append(s.balance.gini)
        when = (s.started_at.timestamp() if s.started_at else 0.0, s.session_id)
        for f in s.follow_ups:
            key = (s.group, f.from_session, f.text)
            if f.status is not None and (key not in ended or ended[key][0] <= when):
                ended[key] = (when, f.status)
        org.extend(
            (OrgTakeaway(text=item.text, group=s.group, started_at=s.started_at), s.language)
            for item in s.items
            if item.kind is ItemKind.TAKEAWAY and item.level == TakeawayLevel.ORG.value
        )
    done: Counter[str] = Counter(
        g for (g, _, _), (_, status) in ended.items() if status is FollowUpStatus.DONE
    )
    reviewed: Counter[str] = Counter(g for (g, _, _) in ended)
    org.sort(key=lambda pair: (pair[0].started_at is None, pair[0].started_at, pair[0].group))
    return LearningReport(
        circles=sum(circles.values()),
        first=dated[0] if dated else None,
        last=dated[-1] if dated else None,
        formats=sorted(formats.items(), key=lambda kv: (-kv[1], kv[0])),
        done=sum(done.values()),
        reviewed=sum(reviewed.values()),
        groups=[
            GroupRate(group=g, circles=n, done=done[g], reviewed=reviewed[g])
            for g, n in sorted(circles.items())
        ],
        ginis=sorted(ginis),
        themes=themes_of(org),
    )
