"""The organisation letter across groups, and the answers that come back to a group.

The letter holds the take-aways the groups named for the organisation, with
no names (each group's pseudonyms), each with a short id. An answer recorded
against an id is kept in `answers.toml` and shown at the group's next
check-in, once: answers that came after the group last met.
"""

from __future__ import annotations

from pathlib import Path

from circle_tui.core.events import TakeawayLevel
from circle_tui.core.i18n import _
from circle_tui.core.letter import Answer, LetterItem, letter_id, unanswered_first
from circle_tui.core.plan import OrgAnswer
from circle_tui.store.answers import read_answers, record_answer
from circle_tui.store.files import StoreError
from circle_tui.store.sessions import last_session_of, read_plan

ORG = TakeawayLevel.ORG.value


def letter_items(root: Path, group: str | None = None) -> list[LetterItem]:
    """Every take-away for the organisation (of one group, or of all), unanswered first."""
    from circle_tui.app.groups import list_groups, read_group  # summaries: not at every start

    names = [group] if group else [entry.name for entry in list_groups(root)]
    answers = {answer.id: answer for answer in read_answers(root)}
    items: list[LetterItem] = []
    for name in names:
        said_page = read_group(root, name).page
        shown_page = read_group(root, name, pseudonymized=True).page
        raw = [t for t in said_page.takeaways if t.level == ORG]
        shown = [t for t in shown_page.takeaways if t.level == ORG]
        page_group = said_page.group
        for said, written in zip(raw, shown, strict=True):
            key = letter_id(said.session_id, said.text)
            items.append(
                LetterItem(
                    id=key,
                    group=page_group,
                    text=written.text,
                    asked_at=said.started_at.timestamp() if said.started_at else 0.0,
                    answer=answers.get(key),
                )
            )
    return unanswered_first(items)


def answer(root: Path, key: str, text: str, now: float) -> Answer:
    """Record the organisation's answer to the take-away `key`; `StoreError` for an unknown id."""
    text = " ".join(text.split())
    if not text:
        raise StoreError(f"{key}: " + _("the answer is empty"))
    for item in letter_items(root):
        if item.id == key:
            found = Answer(
                id=key,
                group=item.group,
                takeaway=item.text,
                asked_at=item.asked_at,
                answer=text,
                answered_at=now,
            )
            record_answer(root, found)
            return found
    raise StoreError(
        f"{key}: " + _("no take-away with this id in the letter (see circle-tui letter)")
    )


def answers_since_last(root: Path, group: str) -> tuple[OrgAnswer, ...]:
    """The answers to `group` that came after it last met: its next check-in shows them."""
    if not group.strip():
        return ()
    last = last_session_of(root, group)
    try:
        since = read_plan(last).created_at if last is not None else 0.0
        answers = read_answers(root)
    except StoreError:  # a damaged answers.toml or plan must not stop a new session
        return ()
    key = group.strip().casefold()
    return tuple(
        OrgAnswer(
            takeaway=a.takeaway, asked_at=a.asked_at, answer=a.answer, answered_at=a.answered_at
        )
        for a in sorted(answers, key=lambda a: a.answered_at)
        if a.group.strip().casefold() == key and a.answered_at > since
    )
