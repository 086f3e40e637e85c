"""Stage 4, render (PDF): print the Bilaga 1 HTML with Chromium over the DevTools protocol.

`chromium --print-to-pdf` can print either no header and footer or Chromium's own (date,
title, the temporary file's URL and "1/34"), and Chromium does not draw CSS @page margin
boxes. The DevTools command Page.printToPDF takes a footer template instead, so the PDF
gets "Organisation – Bilaga 1 …" and "Sida X av Y" on every page, bookmarks from the
headings (generateDocumentOutline) and tags for accessibility (generateTaggedPDF).

The protocol is spoken over `--remote-debugging-pipe` (file descriptors 3 and 4, JSON
messages ended by NUL): no network port, no extra package.
"""

from __future__ import annotations

import base64
import fcntl
import html
import json
import os
import select
import subprocess
import time
from typing import Any

FOOTER_STYLE = (
    "font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; font-size: 8pt; "
    "color: #3d3d3d; width: 100%; margin: 0 15mm; display: flex; "
    "justify-content: space-between; gap: 8mm"
)


class PrintError(Exception):
    """Chromium did not print; the message says why (in Swedish, for the user)."""


def footer_template(left: str) -> str:
    """The footer Chromium draws in the bottom margin of every page."""
    return (
        f'<div style="{FOOTER_STYLE}"><span>{html.escape(left)}</span>'
        '<span style="white-space: nowrap">Sida <span class="pageNumber"></span> av '
        '<span class="totalPages"></span></span></div>'
    )


class _Pipe:
    """One Chromium process and its DevTools pipe."""

    def __init__(self, command: list[str], deadline: float) -> None:
        self.deadline = deadline
        to_chromium_r, self._write = os.pipe()
        self._read, from_chromium_w = os.pipe()

        def wire() -> None:
            """In the child, before exec: its fd 3 reads our messages, its fd 4 answers.
            Both ends are first moved above 9 so that neither is overwritten by the other;
            os.dup2 makes 3 and 4 inheritable (Python's own descriptors are not)."""
            high_r = fcntl.fcntl(to_chromium_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_chromium_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)
            os.close(high_r)
            os.close(high_w)

        self.proc = subprocess.Popen(
            [*command, "--remote-debugging-pipe"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=wire,  # noqa: PLW1509 - only descriptor moves, then exec
            close_fds=False,  # keeps 3 and 4; every other descriptor is close-on-exec
        )
        os.close(to_chromium_r)
        os.close(from_chromium_w)
        self._buffer = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> Any:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode("utf-8") + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise PrintError(f"{method}: {reply['error'].get('message', reply['error'])}")
                return reply.get("result", {})
            self.events.append(reply)

    def receive(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            ready, _, _ = select.select([self._read], [], [], left)
            if ready:
                chunk = os.read(self._read, 1 << 20)
                if not chunk:
                    raise PrintError("Chromium avslutades innan PDF:en var klar")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        reply: dict[str, Any] = json.loads(message)
        return reply

    def wait_for(self, method: str, session: str) -> None:
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    del self.events[: i + 1]
                    return
            self.events.clear()
            self.events.append(self.receive())

    def close(self) -> str:
        """End Chromium; returns the end of its stderr (for a message)."""
        for fd in (self._write, self._read):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            _, err = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        lines = err.decode("utf-8", "replace").strip().splitlines()
        return " / ".join(lines[-3:])


def print_pdf(command: list[str], url: str, footer: str, timeout: float) -> bytes:
    """Open `url` in Chromium (`command`: the browser and its flags) and print it to PDF."""
    pipe = _Pipe(command, time.monotonic() + timeout)
    try:
        target = pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        pipe.send("Page.enable", session=session)
        pipe.send("Page.navigate", {"url": url}, session=session)
        pipe.wait_for("Page.loadEventFired", session)
        result = pipe.send(
            "Page.printToPDF",
            {
                "displayHeaderFooter": True,
                "headerTemplate": "<span></span>",
                "footerTemplate": footer_template(footer),
                "printBackground": True,
                "preferCSSPageSize": True,
                "generateTaggedPDF": True,
                "generateDocumentOutline": True,
            },
            session=session,
        )
        data = base64.b64decode(result["data"])
        try:
            pipe.send("Browser.close")
        except (PrintError, TimeoutError):
            pass
    except TimeoutError as exc:
        pipe.proc.kill()
        pipe.close()
        raise PrintError(f"Chromium skrev ingen PDF inom {timeout:.0f} s") from exc
    except (PrintError, OSError, KeyError, ValueError) as exc:
        tail = pipe.close()
        raise PrintError(f"{exc}{' / ' + tail if tail else ''}") from exc
    pipe.close()
    if not data.startswith(b"%PDF-"):
        raise PrintError("Chromium gav ingen PDF")
    return data
