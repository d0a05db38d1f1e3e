"""No notes before the group allows them; consent taken back erases or keeps, as chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from circle_tui.app.live import LiveSession, asks_consent_first, load_session, start_session
from circle_tui.cli import main
from circle_tui.core.events import EarlierNotes, NotesConsent
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store import crypto
from circle_tui.store.format_files import find_format
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.screens.consent import ConsentScreen
from tests.store.test_privacy import PASSPHRASE
from tests.store.test_privacy import new_live as private_live
from tests.ui.test_console import new_live, screen_text

CANARY = "CANARY-consent-5e21"


def files_holding(folder: Path, text: str) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and text.encode() in p.read_bytes()]


def consents(live: LiveSession) -> list[NotesConsent]:
    return [e for _, e in live.journal.events() if isinstance(e, NotesConsent)]


async def test_no_note_can_be_taken_before_the_contract_allows_it(sessions: Path) -> None:
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "notes open once the group allows them in the contract" in screen_text(app)
        await pilot.press("tab", *CANARY, "enter")  # into the closed field: dropped
        assert live.journal.notes() == [] and live.journal.draft() is None
        assert live.state.items == [] and CANARY not in screen_text(app)
        await pilot.press("n", *"handovers", "ctrl+s")  # agreed, notes allowed
        await pilot.press("tab", *CANARY, "enter")
        assert [n.body.reveal() for n in live.journal.notes()] == [CANARY]
    assert files_holding(live.folder.path, CANARY) == []  # sealed on disk


async def test_the_notes_checkbox_says_yes_or_no_in_words(sessions: Path) -> None:
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        assert "✓ yes: the group allows the facilitator private notes" in screen_text(app)
        await pilot.press("tab", "tab", "space")
        shown = screen_text(app)
        assert "✗ no: the group does not allow private notes" in shown and "✓ yes" not in shown


def troika(sessions: Path) -> LiveSession:
    """A Troika session as `circle-tui run` starts it: the console asks, then begins."""
    fmt = find_format("troika-consulting")
    assert asks_consent_first(fmt)
    return start_session(sessions, fmt, parse_participants("Ane,Bo,Cai"), FakeClock(), begin=False)


def journal_types(live: LiveSession) -> list[str]:
    return [type(e).__name__ for _, e in live.journal.events()]


async def test_a_format_without_a_contract_asks_before_the_first_phase(sessions: Path) -> None:
    live = troika(sessions)
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConsentScreen)
        assert "allow the facilitator to keep private notes" in screen_text(app)
        assert live.state.started_at is None  # no clock runs while the group decides
        await pilot.press("escape")  # not now: notes stay closed
        assert live.state.phase == 0
        assert "tab asks" in screen_text(app) and consents(live) == []
        await pilot.press("tab")  # asks again
        assert isinstance(app.screen, ConsentScreen)
        await pilot.press("n")
        await pilot.press("tab", *CANARY, "enter")  # the group said no: dropped
        assert live.journal.notes() == []
        assert [c.allowed for c in consents(live)] == [False]


async def test_consent_given_outside_a_contract_opens_the_notes(sessions: Path) -> None:
    live = troika(sessions)
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("y", "tab", *CANARY, "enter")
        assert [n.body.reveal() for n in live.journal.notes()] == [CANARY]
        assert [c.allowed for c in consents(live)] == [True]
        # asked before the first phase, and recorded so: consent, then the phase
        assert journal_types(live)[:2] == ["NotesConsent", "PhaseStarted"]


async def test_a_troika_killed_before_it_began_asks_again_on_resume(sessions: Path) -> None:
    from circle_tui.app.live import go_on

    first = troika(sessions)
    first.close()  # as if killed while the question was open
    live = load_session(first.folder.path, FakeClock())
    go_on(live)  # what `resume` does: it leaves the start to the console
    assert live.state.started_at is None
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConsentScreen)
        await pilot.press("n")
        assert live.state.phase == 0 and live.state.notes_consent is False
    live.close()


async def take_consent_back(pilot: Pilot[None], app: ConsoleApp, answer: str) -> None:
    await pilot.press("n", *"handovers", "ctrl+s", "space")
    await pilot.press("tab", *CANARY, "enter")
    assert CANARY in screen_text(app)
    await pilot.press("N", "n")  # the contract reopened
    await pilot.press("tab", "tab", "space", "ctrl+s")
    assert "1 note was taken before" in screen_text(app)
    await pilot.press(answer)


async def test_consent_taken_back_and_erase_leaves_the_note_nowhere(sessions: Path) -> None:
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await take_consent_back(pilot, app, "e")
        shown = screen_text(app)
        assert CANARY not in shown and "erased for good" in shown
        assert live.journal.notes() == [] and live.state.phase == 1
        [*_, last] = consents(live)
        assert (last.allowed, last.earlier) == (False, EarlierNotes.ERASED)
        await pilot.press("tab", *"after no", "enter")  # closed again
        assert live.journal.notes() == []
    folder = live.folder.path
    out = sessions / "private.md"
    assert main(["summary", str(folder), "--include-private", "-o", str(out)]) == 0
    written = out.read_text(encoding="utf-8")
    assert CANARY not in written
    out.unlink()
    assert files_holding(sessions, CANARY) == []
    public = sessions / "public.md"
    assert main(["summary", str(folder), "-o", str(public)]) == 0
    said = "Those taken before the group took its consent back were erased at"
    assert said in written and said in public.read_text(encoding="utf-8")


async def test_notes_erased_from_the_command_line_ask_for_no_passphrase(
    sessions: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """After `sessions erase --notes-only` an encrypted session's key is gone with its
    notes: asking for the passphrase again said "Wrong passphrase." three times."""
    monkeypatch.setitem(crypto.STRENGTH, "memory_kib", 1024)
    monkeypatch.setitem(crypto.STRENGTH, "iterations", 1)
    live = private_live(sessions, passphrase=PASSPHRASE)
    live.add_note(CANARY)
    live.close()
    assert main(["sessions", "erase", str(live.folder.path), "--notes-only", "--yes"]) == 0
    monkeypatch.delenv("CIRCLE_TUI_PASSPHRASE", raising=False)
    out = sessions / "private.md"
    assert main(["summary", str(live.folder.path), "--include-private", "-o", str(out)]) == 0
    assert main(["sessions", "list"]) == 0
    said = capsys.readouterr()
    assert "private notes erased" in said.out and "encrypted" not in said.out
    assert "Wrong passphrase" not in said.err
    assert files_holding(sessions, CANARY) == []
    again = load_session(live.folder.path, FakeClock())  # what `resume` opens now
    app = ConsoleApp(again)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "notes are off: they were erased with their key" in screen_text(app)
        await pilot.press("tab", *"after", "enter")
    again.close()
    assert files_holding(sessions, "after") == []


async def test_consent_taken_back_and_keep_keeps_the_note_on_record(sessions: Path) -> None:
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await take_consent_back(pilot, app, "k")
        assert [n.body.reveal() for n in live.journal.notes()] == [CANARY]
        [*_, last] = consents(live)
        assert (last.allowed, last.earlier) == (False, EarlierNotes.KEPT)
        assert live.state.notes_consent is False


async def test_a_group_that_met_before_starts_from_its_last_contract(sessions: Path) -> None:
    from circle_tui.core.decide import AgreeContract

    first = new_live(sessions, FakeClock())  # "Team Nord"
    rules = (*first.plan.format.ground_rules, "Phones face down.")
    first.execute(AgreeContract(focus="night handovers", ground_rules=rules))
    first.close()
    # a session quit before its contract was agreed does not wipe what was agreed
    new_live(sessions, FakeClock(start=1_790_000_000.0 + 10 * 86400)).close()
    again = new_live(sessions, FakeClock(start=1_790_000_000.0 + 30 * 86400))
    assert again.plan.last_contract is not None
    assert again.plan.last_contract.from_session == first.plan.session_id
    app = ConsoleApp(again)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Phones face down." in screen_text(app)  # the rules shown are last time's
        await pilot.press("n")
        shown = screen_text(app)
        assert "As the group agreed it last time" in shown
        assert app.screen.query_one("#contract-focus", Input).value == "night handovers"
        assert app.screen.query_one("#contract-rules", TextArea).text.endswith("Phones face down.")
        await pilot.press("ctrl+s")
    assert again.state.contract is not None
    assert again.state.contract.ground_rules == rules


async def test_a_group_that_said_no_notes_last_time_starts_unticked(sessions: Path) -> None:
    from textual.widgets import Checkbox

    from circle_tui.core.decide import AgreeContract

    first = new_live(sessions, FakeClock())  # "Team Nord"
    first.execute(AgreeContract(focus="rotas", ground_rules=(), notes_allowed=False))
    first.close()
    again = new_live(sessions, FakeClock(start=1_790_000_000.0 + 30 * 86400))
    app = ConsoleApp(again)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        box = app.screen.query_one("#contract-notes", Checkbox)
        assert box.value is False and "✗ no" in screen_text(app)  # not ticked back to yes
        await pilot.press("ctrl+s")
    assert again.state.notes_consent is False
