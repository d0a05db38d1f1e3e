"""`circle-tui display`: the projector view, in a terminal or served to a browser."""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path

from circle_tui.core.i18n import _

LOCAL_HOSTS = {"localhost"}


def is_local(host: str) -> bool:
    """Whether only this machine can reach `host`."""
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def display(args: argparse.Namespace, root: Path) -> int:
    """Run the display here, or serve it (the server runs it per browser tab)."""
    if args.session != "latest":
        from circle_tui.app.sessions import resolve_session

        resolve_session(root, args.session)  # an unknown session: one line, exit 1
    if args.serve:
        return _serve(args, root)
    from circle_tui.cli.common import EXIT_INTERNAL_ERROR, need_terminal

    need_terminal("circle-tui display")  # after the session: a mistake in it is said first
    from circle_tui.app.follow import Follower
    from circle_tui.ui.display import DisplayApp
    from circle_tui.ui.served import watch_parent

    chime, flash = getattr(args, "chime", False), getattr(args, "flash", False)
    app = DisplayApp(Follower(root, args.session), theme=args.theme, chime=chime, flash=flash)
    watch_parent(lambda: app.call_from_thread(app.exit))  # served: end with the server
    app.run()
    return EXIT_INTERNAL_ERROR if app.return_code else 0  # Textual's 1 after an error


def _serve(args: argparse.Namespace, root: Path) -> int:
    if not is_local(args.host) and not args.allow_network:
        problem = _(
            "--host {host} can be reached from other machines; "
            "add --allow-network if that is what you want"
        ).format(host=args.host)
        print(f"circle-tui: {problem}", file=sys.stderr)
        return 2
    if not is_local(args.host):
        warning = _(
            "warning: serving the display on {address}: anyone on this network can watch the circle"
        ).format(address=f"{args.host}:{args.port}")
        print(f"circle-tui: {warning}", file=sys.stderr)
    from circle_tui.ui.served import WallServer, bind

    try:
        sock = bind(args.host, args.port)
    except OSError as exc:
        # Translators: {address} is host:port; {reason} the system's words
        problem = _("cannot serve the display on {address}: {reason}").format(
            address=f"{args.host}:{args.port}", reason=exc.strerror or exc
        )
        print(f"circle-tui: {problem}", file=sys.stderr)
        return 1
    command = "exec " + shlex.join(
        [
            *(sys.executable, "-m", "circle_tui", "display", args.session),
            *("--sessions-dir", str(root), "--theme", args.theme),
        ]
    )
    # Translators: title of the browser tab; circle-tui is the program's name
    title = _("circle-tui display")
    server = WallServer(command, host=args.host, port=args.port, title=title)
    # Translators: ctrl+c is the key that stops the server
    print(_("Serving the display on {url} (ctrl+c stops)").format(url=server.url), flush=True)
    server.serve_on(sock)
    return 0
