"""The served display: a web page only the room can open, that asks nothing of other hosts."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import pytest

from circle_tui.app.live import LiveSession, start_session
from circle_tui.core.decide import GiveWord
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import SystemClock
from circle_tui.store.format_files import find_format
from circle_tui.ui.served import MAX_CONNECTIONS
from tests.e2e.served import (
    chromium,
    display_processes,
    free_port,
    serving,
    terminal_text,
    visit,
    wait_for,
)

pytestmark = pytest.mark.e2e

CANARY = "CANARY-7f3a-served-page-must-not-carry"
SPEAKER = "Solveig"


def running_circle(sessions: Path) -> LiveSession:
    live = start_session(
        sessions,
        find_format("check-in-check-out"),
        parse_participants(f"{SPEAKER},Bo,Cai"),
        SystemClock(),
        group="Nord",
    )
    from circle_tui.core.decide import AgreeContract, NextPhase

    rules = live.plan.format.ground_rules
    for command in (AgreeContract("our focus", rules), NextPhase(), GiveWord()):
        live.execute(command)
    live.add_note(CANARY)
    live.beat()
    return live


async def connect(url: str, **headers: str) -> aiohttp.ClientWebSocketResponse | int:
    """A WebSocket to the served display, or the HTTP status that refused it."""
    session = aiohttp.ClientSession()
    try:
        socket = await session.ws_connect(url, headers=headers or None)
    except aiohttp.WSServerHandshakeError as refused:
        await session.close()
        return refused.status
    socket._circle_session = session  # type: ignore[attr-defined]
    return socket


async def hang_up(socket: aiohttp.ClientWebSocketResponse) -> None:
    await socket.close()
    await socket._circle_session.close()  # type: ignore[attr-defined]


def test_only_the_url_with_its_token_opens_the_wall(sessions: Path) -> None:
    live = running_circle(sessions)
    with serving(sessions) as served:
        parts = urlsplit(served.url)
        origin = f"http://{parts.netloc}"
        ws = f"ws://{parts.netloc}/{served.token}/ws"

        async def check() -> None:
            async with aiohttp.ClientSession() as http:
                for path in ("/", "/ws", "/static/js/textual.js", f"/{served.token[:-1]}/"):
                    async with http.get(f"{origin}{path}") as reply:
                        assert reply.status == 404, path
                async with http.get(served.url) as reply:
                    assert reply.status == 200
                    page = await reply.text()
                    assert "<title>circle-tui display</title>" in page
                    assert "googleapis" not in page and "https://" not in page
                    assert CANARY not in page
                    assert "default-src 'self'" in reply.headers["Content-Security-Policy"]
                rebound = {"Host": f"rebind.evil.example:{served.port}"}
                async with http.get(served.url, headers=rebound) as reply:
                    assert reply.status == 421
            # WebSockets: no token, a foreign Origin, a foreign Host are refused.
            assert await connect(f"ws://{parts.netloc}/ws") == 404
            assert await connect(ws, Origin="http://evil.example") == 403
            assert await connect(ws, Origin=f"http://evil.example:{served.port}") == 403
            assert await connect(ws, Host=f"rebind.evil.example:{served.port}") == 421
            # The room's own page may; up to the limit, each with one display process.
            sockets = []
            for _ in range(MAX_CONNECTIONS):
                socket = await connect(ws, Origin=origin)
                assert not isinstance(socket, int), socket
                sockets.append(socket)
            assert await connect(ws, Origin=origin) == 503
            await asyncio.to_thread(
                wait_for, lambda: len(served.displays()) == MAX_CONNECTIONS, "one display each"
            )
            # A display ends with its connection.
            await hang_up(sockets.pop())
            await asyncio.to_thread(
                wait_for, lambda: len(served.displays()) == MAX_CONNECTIONS - 1, "its display gone"
            )
            for socket in sockets:
                await hang_up(socket)
            await asyncio.to_thread(wait_for, lambda: served.displays() == [], "all gone")

        asyncio.run(check())
        served.process.send_signal(signal.SIGTERM)
        out, err = served.process.communicate(timeout=15)
    # One line with the URL, and nothing per request or connection.
    assert out.strip() == "", out
    assert err.strip() == "", err
    live.close()


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT", "SIGKILL"])
def test_no_display_process_outlives_the_server(sessions: Path, how: str) -> None:
    live = running_circle(sessions)
    with serving(sessions) as served:
        parts = urlsplit(served.url)
        ws = f"ws://{parts.netloc}/{served.token}/ws"

        async def open_two() -> list[aiohttp.ClientWebSocketResponse]:
            sockets = []
            for _ in range(2):
                socket = await connect(ws, Origin=f"http://{parts.netloc}")
                assert not isinstance(socket, int)
                sockets.append(socket)
            return sockets

        loop = asyncio.new_event_loop()
        sockets = loop.run_until_complete(open_two())
        wait_for(lambda: len(served.displays()) == 2, "two displays")
        os.kill(served.process.pid, getattr(signal, how))
        served.process.wait(timeout=20)
        wait_for(lambda: served.displays() == [], "no display left", within=15)
        for socket in sockets:
            loop.run_until_complete(hang_up(socket))
        loop.close()
    assert display_processes(sessions, serving=True) == []
    live.close()


def test_a_busy_port_is_one_line_and_exit_1(sessions: Path) -> None:
    import socket

    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen(1)
        done = subprocess.run(
            [sys.executable, "-m", "circle_tui", "display", "--serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(port) in lines[0] and "Traceback" not in done.stderr, lines


@pytest.mark.skipif(
    chromium() is None, reason="chromium is not installed (apt-get install chromium)"
)
def test_in_a_browser_the_page_asks_no_other_host_and_shows_the_speaker(sessions: Path) -> None:
    live = running_circle(sessions)
    with serving(sessions) as served:
        began = time.monotonic()
        seen = asyncio.run(visit(served.url, until=[SPEAKER, "speaking"]))
        shown = terminal_text(bytes(seen.received))
        assert SPEAKER in shown, shown[-2000:]
        print(f"the speaker's name arrived after {time.monotonic() - began:.1f} s")
        hosts = {urlsplit(url).netloc for url in seen.requests if not url.startswith("data:")}
        assert hosts == {f"127.0.0.1:{served.port}"}, seen.requests
        assert any(url.startswith("ws://") for url in seen.requests)
        assert any(url.endswith("/static/js/textual.js") for url in seen.requests)
        assert any(url.endswith(".ttf") for url in seen.requests)  # the font, from here
        assert seen.title == "circle-tui display"
        assert CANARY not in shown and CANARY.encode() not in seen.received
        served.process.send_signal(signal.SIGTERM)
        served.process.wait(timeout=20)
        wait_for(lambda: served.displays() == [], "no display left")
    live.close()
