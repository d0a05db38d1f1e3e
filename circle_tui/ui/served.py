"""The projector display served to a browser: a page only the room can open.

textual-serve runs one display process per browser connection. On top of it:

- every URL is under a random token (`/<token>/`, `/<token>/ws`, `/<token>/static/…`);
  anything else is refused, so another user of the machine or a web page that
  guesses the port gets nothing;
- the Host header must name this server (no DNS rebinding), and a WebSocket
  whose Origin is another site is refused;
- at most `MAX_CONNECTIONS` displays at once, and each display process ends
  with its connection, and all of them when the server stops (the child also
  watches for its server to go, see `watch_parent`);
- the page loads nothing from another host (the font is textual-serve's own
  copy, and a Content-Security-Policy tells the browser to refuse the rest);
- one log line with the URL, no line per request.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import logging
import os
import secrets
import signal
import socket
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from circle_tui.core.i18n import _, language

MAX_CONNECTIONS = 4
"""Browsers that may show the wall at once (a projector, a spare, a second room screen)."""
STOP_SECONDS = 3.0
"""How long a display process has to end on its own before it is killed."""
SERVED_BY = "CIRCLE_TUI_SERVED_BY"
"""Environment variable: the server's process id, for a display process to watch
(`cli.has_terminal` reads the same name: a served display draws to a browser)."""
TEMPLATES = Path(__file__).parent / "served"

log = logging.getLogger("circle-tui.served")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def allowed_hosts(host: str) -> set[str]:
    """Names a browser may use in its Host header for a server bound to `host`."""
    names = {host.strip("[]").lower()}
    with contextlib.suppress(ValueError):
        if ipaddress.ip_address(host.strip("[]")).is_loopback or host == "localhost":
            names |= {"127.0.0.1", "localhost", "::1"}
    if host == "localhost":
        names |= {"127.0.0.1", "localhost", "::1"}
    return names


def host_of(header: str) -> str:
    """The host part of a Host header or an Origin's authority, lower case, no brackets."""
    if header.startswith("["):
        return header[1 : header.find("]")].lower()
    return header.rsplit(":", 1)[0].lower() if header.count(":") == 1 else header.lower()


def port_of(header: str) -> int | None:
    tail = header.rsplit("]", 1)[-1]
    if ":" not in tail:
        return None
    try:
        return int(tail.rsplit(":", 1)[1])
    except ValueError:
        return None


class WallServer(Server):
    """textual-serve's server, closed to everyone who was not given the URL."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        title: str,
        token: str | None = None,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        self.token = token or secrets.token_urlsafe(18)
        shown = f"[{host}]" if ":" in host else host
        super().__init__(
            command,
            host=host,
            port=port,
            title=title,
            public_url=f"http://{shown}:{port}/{self.token}",
            templates_path=TEMPLATES,
        )
        self.max_connections = max_connections
        self.hosts = allowed_hosts(host)
        self.wildcard = host in ("0.0.0.0", "::")
        self.children: set[DisplayService] = set()
        self.connections = 0

    @property
    def url(self) -> str:
        """The page's address, token included: what the facilitator opens."""
        return f"{self.public_url}/"

    # -- logging: the URL once, nothing per request -------------------------------

    def initialize_logging(self) -> None:
        logging.getLogger("aiohttp.access").disabled = True
        # Python 3.11's threaded child watcher may find a display process that
        # ended at the server's stop already reaped, and says so; nothing is wrong.
        logging.getLogger("asyncio").setLevel(logging.ERROR)
        logging.basicConfig(level=logging.WARNING, format="circle-tui: %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        """Say nothing: the command line printed the one line with the URL."""

    async def on_shutdown(self, app: web.Application) -> None:
        """The server stops: no display process stays behind."""
        await self._end_children()

    # -- routes under the token, with the checks in front -------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        app.add_routes(
            [
                web.get(f"/{self.token}/", self.handle_index, name="index"),
                web.get(f"/{self.token}/ws", self.handle_websocket, name="websocket"),
                web.static(f"/{self.token}/static", self.statics_path, name="static"),
            ]
        )
        import aiohttp_jinja2
        import jinja2

        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    def _host_ok(self, header: str) -> bool:
        if port_of(header) != self.port:
            return False
        name = host_of(header)
        if name in self.hosts:
            return True
        if self.wildcard:  # any address of this machine, but no name (rebinding needs one)
            with contextlib.suppress(ValueError):
                ipaddress.ip_address(name)
                return True
        return False

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self._host_ok(request.headers.get("Host", "")):
            raise web.HTTPMisdirectedRequest(text="unknown host\n")
        first = request.path.lstrip("/").split("/", 1)[0]
        if not hmac.compare_digest(first.encode(), self.token.encode()):
            raise web.HTTPNotFound(text="not found\n")
        origin = request.headers.get("Origin")
        if origin is not None and not self._origin_ok(origin):
            raise web.HTTPForbidden(text="foreign origin\n")
        response = await handler(request)
        if not isinstance(response, web.WebSocketResponse):
            response.headers["Content-Security-Policy"] = self._policy()
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["Cache-Control"] = "no-store"
        return response

    def _origin_ok(self, origin: str) -> bool:
        scheme, _, authority = origin.partition("://")
        return scheme == "http" and self._host_ok(authority)

    def _policy(self) -> str:
        """The browser itself refuses any request to another host."""
        return (
            "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
            "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
        )

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page: the terminal of one display, its title, its words in the app's language."""
        import aiohttp_jinja2

        font_size = to_int(request.query.get("fontsize", "16"), 16)
        context = {
            "font_size": max(6, min(font_size, 96)),
            # The name the browser used (checked by the guard): the page stays on one origin.
            "app_websocket_url": f"ws://{request.host}/{self.token}/ws",
            "config": {"static": {"url": f"/{self.token}/static/"}},
            "application": {"name": self.title},
            "language": language(),
            # Translators: on the served page when its display process has ended
            "closed": _("The display has ended."),
            # Translators: button on the served page that opens the display again
            "again": _("Open it again"),
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    # -- one display process per connection, ending with it ---------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One display process for this browser, for as long as it is connected."""
        if self.connections >= self.max_connections:
            raise web.HTTPServiceUnavailable(text="too many displays\n")
        self.connections += 1
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: DisplayService | None = None
        try:
            await websocket.prepare(request)
            service = DisplayService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=lambda: closing(websocket),
                download_manager=self.download_manager,
            )
            self.children.add(service)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a browser gone mid-message: one line, no traceback
            # Translators: in the server's terminal; {reason} is the technical cause
            log.warning(_("a display connection ended: {reason}").format(reason=error))
        finally:
            self.connections -= 1
            if service is not None:
                await service.end()
                self.children.discard(service)
        return websocket

    async def _end_children(self) -> None:
        """End every display process (the server stops)."""
        await asyncio.gather(*(service.end() for service in list(self.children)))
        self.children.clear()

    def serve_on(self, sock: socket.socket) -> None:
        """Serve on an already bound socket until ctrl+c or SIGTERM."""
        self.initialize_logging()
        os.environ[SERVED_BY] = str(os.getpid())  # inherited by every display process
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)
        web.run_app(
            self._make_app(),
            sock=sock,
            handle_signals=False,
            loop=loop,
            print=None,
            access_log=None,
            shutdown_timeout=STOP_SECONDS,
        )


async def closing(websocket: web.WebSocketResponse) -> None:
    """Close the browser's connection (the display process has ended)."""
    await websocket.close()


class DisplayService(AppService):
    """One display process, which ends with its connection, whatever it does."""

    async def end(self) -> None:
        """Ask the display to quit; then SIGTERM; then SIGKILL. Never leave it behind."""
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.stop(), STOP_SECONDS)
        process = self._process
        if process is None or process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
        try:
            await asyncio.wait_for(process.wait(), STOP_SECONDS)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()


def bind(host: str, port: int) -> socket.socket:
    """The listening socket; OSError (a busy port) before anything is printed."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(16)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


def watch_parent(exit_app: Callable[[], None]) -> None:
    """In a served display process: end when the server that started it is gone.

    The server ends its displays itself; this covers a server killed with
    SIGKILL. The app is asked to exit first, then the process ends regardless.
    """
    served_by = os.environ.get(SERVED_BY)
    if not served_by or not served_by.isdigit():
        return
    parent = int(served_by)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        exit_app()
        time.sleep(STOP_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="circle-tui-watch-server", daemon=True).start()
