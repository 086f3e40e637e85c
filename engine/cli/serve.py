"""`maluppfyllelse serve`: Bilaga 1 in the browser, re-rendered whenever a file is saved.

starlette + uvicorn serve the page; watchfiles (Rust `notify`, inotify on Linux) wakes a
thread that re-renders within a fraction of a second of a save. The page polls
`/version` (a tiny JSON) rather than holding a server-sent-events stream open, so Ctrl-C
never waits for open connections: uvicorn stops at once, the watcher thread is told to
stop, and the command returns 130 without a traceback. The socket is bound here, to
127.0.0.1 unless `--host` says otherwise, so a busy port is a plain usage error.

starlette, uvicorn and watchfiles are the optional extra `maluppfyllelse[serve]`; they are
imported only when `serve` runs, and their absence is a usage error that says what to install.
"""

from __future__ import annotations

import argparse
import importlib.util
import ipaddress
import socket
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from engine.cli.common import EXIT_OK, add_input_options, existing_dir, project
from engine.diagnostics import UserError
from engine.diagnostics.hints import os_reason
from engine.inputs.files import newest_period
from engine.output.templating import environment
from engine.tools.preview import Preview

if TYPE_CHECKING:
    from starlette.applications import Starlette

HELP = "visa Bilaga 1 i webbläsaren och uppdatera den när en fil sparas"
NO_CACHE = {"Cache-Control": "no-store"}
#: How long the watcher waits for more changes before re-rendering, and how often it looks.
DEBOUNCE_MS, STEP_MS = 50, 25
SERVE_MODULES = ("starlette", "uvicorn", "watchfiles")


def configure(p: argparse.ArgumentParser) -> None:
    add_input_options(p)
    p.add_argument("--port", type=int, default=8000, help="porten (standard: 8000)")
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="adressen att lyssna på (standard: 127.0.0.1, bara den egna datorn)",
    )
    p.add_argument(
        "--templates",
        default=None,
        metavar="MAPP",
        help="egna mallar; saknade mallar tas från de inbyggda",
    )


def app(preview: Preview) -> Starlette:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    async def page(_: Request) -> Response:
        return HTMLResponse(preview.snapshot.page(), headers=NO_CACHE)

    async def version(_: Request) -> Response:
        snap = preview.snapshot
        body = {"version": snap.version, "diagnostik": len(snap.diagnostics)}
        return JSONResponse(body, headers=NO_CACHE)

    return Starlette(routes=[Route("/", page), Route("/version", version)])


def require_extra() -> None:
    missing = [m for m in SERVE_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        raise UserError(
            f"serve behöver {', '.join(missing)}; installera med "
            "python3 -m pip install 'maluppfyllelse[serve]'"
        )


def run(args: argparse.Namespace) -> int:
    require_extra()
    import uvicorn

    found = project(args.rules)
    rules = existing_dir(str(found.rules), "regelmappen")
    outcomes = Path(args.outcomes) if args.outcomes else newest_period(found.fixtures)
    existing_dir(str(outcomes), "utfallsmappen")
    templates = Path(args.templates) if args.templates else None
    preview = Preview(rules, outcomes, environment(templates))
    preview.refresh()
    sock = bind(args.host, args.port)
    watched = [rules, outcomes.parent] + ([templates] if templates else [])
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, watched, stop), daemon=True)
    watcher.start()
    config = uvicorn.Config(app(preview), log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    port = sock.getsockname()[1]
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(
        f"maluppfyllelse: visar Bilaga 1 på http://{host}:{port}/ och uppdaterar den när "
        f"en fil i {rules.as_posix()} eller {outcomes.parent.as_posix()} sparas "
        "(Ctrl-C avslutar)",
        file=sys.stderr,
        flush=True,
    )
    try:
        server.run(sockets=[sock])
    finally:
        stop.set()
        watcher.join(timeout=2)
        sock.close()
    return EXIT_OK


def bind(host: str, port: int) -> socket.socket:
    """The listening socket; warn when it is reachable from other machines."""
    if not 0 <= port <= 65535:
        raise UserError(f"porten {port} finns inte (0–65535)")
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        print(
            f"maluppfyllelse: varning: lyssnar på {host}, så andra datorer i nätverket kan "
            "se bilagan och diagnostiken",
            file=sys.stderr,
        )
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise UserError(f"kan inte lyssna på {host}:{port}: {os_reason(exc)}") from exc
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def watch(preview: Preview, folders: list[Path], stop: threading.Event) -> None:
    """Re-render after every batch of saved files until `stop` is set."""
    from watchfiles import watch as changes

    existing = [f for f in folders if f.exists()]
    for _batch in changes(
        *existing, debounce=DEBOUNCE_MS, step=STEP_MS, stop_event=stop, raise_interrupt=False
    ):
        preview.refresh()
