"""Helpers for the served display's tests: a server process, its displays, a browser."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Served:
    """A `circle-tui display --serve` process and what it printed."""

    process: subprocess.Popen[str]
    url: str
    port: int
    sessions: Path

    @property
    def token(self) -> str:
        return self.url.rstrip("/").rsplit("/", 1)[1]

    def displays(self) -> list[int]:
        """Process ids of the display processes this server started (found in /proc)."""
        return display_processes(self.sessions, serving=False)


def display_processes(sessions: Path, *, serving: bool) -> list[int]:
    """Live `circle-tui display` processes on `sessions` (the server itself if `serving`)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state == "Z":
            continue
        words = [a.decode(errors="replace") for a in args]
        if "display" in words and str(sessions) in words and ("--serve" in words) == serving:
            found.append(int(entry.name))
    return found


@contextlib.contextmanager
def serving(sessions: Path, *extra: str) -> Iterator[Served]:
    port = free_port()
    command = [sys.executable, "-m", "circle_tui", "display", "--serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--sessions-dir", str(sessions), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.search(r"http://\S+", line)
        assert match, (line, process.stderr.read() if process.stderr else "")
        url = match.group(0)
        wait_listening(port)
        yield Served(process, url, port, sessions)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=15)
        if process.poll() is None:
            process.kill()
            process.wait()


def wait_listening(port: int, within: float = 20.0) -> None:
    began = time.monotonic()
    while time.monotonic() - began < within:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"nothing listens on {port}")


def wait_for(ready: Any, what: str, within: float = 20.0) -> None:
    """Wait for a state, never a fixed time."""
    began = time.monotonic()
    while not ready():
        assert time.monotonic() - began < within, f"{what} not within {within} s"
        time.sleep(0.05)


def terminal_text(data: bytes) -> str:
    """What a terminal stream says, without its escape codes."""
    return ANSI.sub("", data.decode("utf-8", errors="replace"))


# -- a browser driven through the DevTools protocol ------------------------------------


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class PageVisit:
    """What the browser did while it showed the page."""

    requests: list[str] = field(default_factory=list)
    """Every URL the page asked for: documents, scripts, fonts, images, XHR, WebSockets
    (from the DevTools protocol's Network events and the page's own resource timing)."""
    received: bytearray = field(default_factory=bytearray)
    """Everything the page's WebSockets received (the display's terminal output)."""
    title: str = ""


async def visit(url: str, until: list[str], within: float = 60.0) -> PageVisit:
    """Open `url` in headless Chromium until every text of `until` arrived (or time is up)."""
    binary = chromium()
    assert binary is not None
    seen = PageVisit()
    with tempfile.TemporaryDirectory() as profile:
        browser = await asyncio.create_subprocess_exec(
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,800",
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "about:blank",
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            assert browser.stderr is not None
            debugger = ""
            while not debugger:
                line = (await asyncio.wait_for(browser.stderr.readline(), 30)).decode()
                assert line, "chromium ended before it listened"
                if "DevTools listening on" in line:
                    debugger = line.split("on", 1)[1].strip()
            port = debugger.split("://", 1)[1].split("/", 1)[0]
            async with aiohttp.ClientSession() as client:
                async with client.get(f"http://{port}/json/list") as reply:
                    pages = [t for t in await reply.json() if t["type"] == "page"]
                async with client.ws_connect(
                    pages[0]["webSocketDebuggerUrl"], max_msg_size=0
                ) as cdp:
                    await _drive(cdp, url, until, within, seen)
        finally:
            with contextlib.suppress(ProcessLookupError):
                browser.kill()
            await browser.wait()
    return seen


async def _drive(
    cdp: aiohttp.ClientWebSocketResponse, url: str, until: list[str], within: float, seen: PageVisit
) -> None:
    ids = iter(range(1, 1_000_000))

    async def send(method: str, **params: Any) -> int:
        number = next(ids)
        await cdp.send_str(json.dumps({"id": number, "method": method, "params": params}))
        return number

    await send("Network.enable")
    await send("Page.enable")
    await send("Page.navigate", url=url)
    asked_title = -1
    began = time.monotonic()
    while time.monotonic() - began < within:
        try:
            message = await asyncio.wait_for(cdp.receive_json(), 1.0)
        except TimeoutError:
            message = {}
        method = message.get("method", "")
        params = message.get("params", {})
        if method == "Network.requestWillBeSent":
            seen.requests.append(params["request"]["url"])
        elif method == "Network.webSocketCreated":
            seen.requests.append(params["url"])
        elif method == "Network.webSocketFrameReceived":
            frame = params["response"]
            payload = frame["payloadData"]
            seen.received += base64.b64decode(payload) if frame["opcode"] == 2 else payload.encode()
        elif message.get("id") == asked_title:
            page = json.loads(message["result"]["result"].get("value", "{}"))
            seen.title = page.get("title", "")
            seen.requests += [url for url in page.get("resources", []) if url not in seen.requests]
            return
        if asked_title < 0 and all(text in terminal_text(bytes(seen.received)) for text in until):
            # The browser's own list too: requests made before the Network domain saw the page.
            asked_title = await send("Runtime.evaluate", expression=PAGE_FACTS)


PAGE_FACTS = """JSON.stringify({
  title: document.title,
  resources: performance.getEntriesByType("resource").map((entry) => entry.name),
})"""


def signal_group(process: subprocess.Popen[str], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(process.pid, signum)
