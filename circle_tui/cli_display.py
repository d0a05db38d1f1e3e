"""`circle-tui display`: the projector view, in a terminal or served to a browser."""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path

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
    if args.serve:
        return _serve(args, root)
    from circle_tui.follow import Follower
    from circle_tui.ui.display import DisplayApp

    DisplayApp(Follower(root, args.session)).run()
    return 0


def _serve(args: argparse.Namespace, root: Path) -> int:
    if not is_local(args.host) and not args.allow_network:
        print(
            f"circle-tui: --host {args.host} can be reached from other machines; "
            "add --allow-network if that is what you want",
            file=sys.stderr,
        )
        return 2
    if not is_local(args.host):
        print(
            f"circle-tui: warning: serving the display on {args.host}:{args.port}: "
            "anyone on this network can watch the circle",
            file=sys.stderr,
        )
    from textual_serve.server import Server

    command = shlex.join(
        [sys.executable, "-m", "circle_tui", "display", args.session, "--sessions-dir", str(root)]
    )
    print(f"Serving the display on http://{args.host}:{args.port}/ (ctrl+c stops)")
    Server(command, host=args.host, port=args.port, title="circle-tui display").serve()
    return 0
