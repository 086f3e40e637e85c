"""The live preview behind `maluppfyllelse serve`: Bilaga 1 as HTML with a diagnostics panel.

`Preview.refresh()` loads the rules and the period, evaluates and renders the appendix (HTML
only), and keeps the result as an immutable `Snapshot`; the web app in `engine.cli.serve`
only ever reads the newest snapshot. When the files have errors the last good appendix stays
on the page and the panel lists every problem with its `fil:rad:kolumn`. The page polls
`/version` and swaps itself in place when a new snapshot exists, so no reload is needed.

Everything in the panel is HTML-escaped: rules files are untrusted input.
"""

from __future__ import annotations

import datetime as dt
import html
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from jinja2.sandbox import SandboxedEnvironment

from engine.checks.outcomes import load_outcomes
from engine.checks.rules import load_rules
from engine.diagnostics import Diagnostic, Report, Severity
from engine.evaluation.evaluate import evaluate
from engine.output.context import build_context
from engine.output.publish import render_all

#: How often the page asks whether there is a new version (milliseconds).
POLL_MS = 250
PANEL_ID = "serve-diagnostik"
SCRIPT_ID = "serve-skript"

EMPTY_PAGE = (
    '<!doctype html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
    "<title>Bilaga 1 – förhandsvisning</title>\n</head>\n<body>\n<main>\n"
    "<h1>Bilaga 1 kan inte visas ännu</h1>\n<p>Reglerna eller utfallen har fel; rätta dem "
    "så visas bilagan här.</p>\n</main>\n</body>\n</html>\n"
)


@dataclass(frozen=True)
class Snapshot:
    """One rendering: the page's parts at one moment."""

    version: int
    #: The newest appendix that could be rendered (EMPTY_PAGE before the first one).
    appendix: str
    diagnostics: tuple[Diagnostic, ...] = ()
    #: True when `appendix` is from these very files; False when it is an older one.
    current: bool = True
    #: A bug in the tool while rendering (the preview keeps running).
    internal: str = ""
    at: dt.datetime = field(default_factory=dt.datetime.now)

    def page(self) -> str:
        """The appendix with the panel and the polling script added before `</body>`."""
        extra = panel(self) + script(self.version)
        head, sep, tail = self.appendix.rpartition("</body>")
        if not sep:
            return self.appendix + extra
        return head + extra + sep + tail


class Preview:
    """Renders one project's appendix on demand; safe to read from other threads."""

    def __init__(self, rules: Path, outcomes: Path, env: SandboxedEnvironment) -> None:
        self.rules = rules
        self.outcomes = outcomes
        self.env = env
        self._lock = threading.Lock()
        self._snapshot = Snapshot(0, EMPTY_PAGE, current=False)

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    def refresh(self) -> Snapshot:
        """Render anew from the files as they are now; the result is the new snapshot."""
        with self._lock:
            previous = self._snapshot
            version = previous.version + 1
            try:
                appendix, report = self._render()
            except Exception:  # noqa: BLE001 - a bug must not stop the preview
                self._snapshot = Snapshot(
                    version, previous.appendix, current=False, internal=traceback.format_exc()
                )
                return self._snapshot
            found = tuple(report.sorted())
            if appendix is None:
                self._snapshot = Snapshot(version, previous.appendix, found, current=False)
            else:
                self._snapshot = Snapshot(version, appendix, found)
            return self._snapshot

    def _render(self) -> tuple[str | None, Report]:
        report = Report()
        rules = load_rules(self.rules, report)
        if rules is None:
            return None, report
        outcomes = load_outcomes(self.outcomes, rules, report)
        if outcomes is None:
            return None, report
        evaluation = evaluate(rules, outcomes)
        report.extend(evaluation.diagnostics)
        if report.has_errors():
            return None, report
        rendered = render_all(build_context(rules, evaluation), self.env, ["html"], _quiet)
        return rendered["html"].decode("utf-8"), report


def _quiet(_message: str) -> None:
    return None


def panel(snap: Snapshot) -> str:
    """The diagnostics panel: a summary line and one item per problem, all escaped."""
    errors = sum(1 for d in snap.diagnostics if d.severity is Severity.ERROR)
    warnings = len(snap.diagnostics) - errors
    when = snap.at.strftime("%H:%M:%S")
    if snap.internal:
        state = "Internt fel i verktyget (inte i dina filer); bilagan är från en tidigare version."
    elif not snap.current:
        state = "Bilagan nedan är från den senaste felfria versionen av filerna."
    else:
        state = "Bilagan nedan visar filerna som de är nu."
    items = "".join(_item(d) for d in snap.diagnostics)
    internal = f"<pre>{html.escape(snap.internal)}</pre>" if snap.internal else ""
    plural = "varning" if warnings == 1 else "varningar"
    return (
        f'\n<aside id="{PANEL_ID}" aria-label="Diagnostik" data-version="{snap.version}" '
        f'data-fel="{errors}" data-varningar="{warnings}" style="{PANEL_STYLE}">\n'
        f'<h2 style="font-size:1rem;margin:0 0 .25rem">Diagnostik: {errors} fel, '
        f"{warnings} {plural}</h2>\n"
        f'<p style="margin:0 0 .25rem">{html.escape(state)} Uppdaterad {when} '
        f"(version {snap.version}).</p>\n"
        f'<ul style="margin:0;padding-left:1.25rem">{items}</ul>{internal}\n</aside>\n'
    )


PANEL_STYLE = (
    "position:sticky;bottom:0;max-height:40vh;overflow:auto;background:#fff;"
    "border-top:3px solid #444;padding:.5rem 1rem;font-family:system-ui,sans-serif;"
    "font-size:.9rem;color:#111;z-index:10"
)


def _item(d: Diagnostic) -> str:
    where = f"{d.field}: " if d.field else ""
    colour = "#a00" if d.severity is Severity.ERROR else "#6a4a00"
    return (
        f'<li class="diagnostik-{d.severity.value}" data-kod="{html.escape(d.code)}">'
        f"<code>{html.escape(str(d.location))}</code>: "
        f'<strong style="color:{colour}">{html.escape(d.severity.value)}</strong>: '
        f"{html.escape(where + d.message)} [{html.escape(d.code)}]</li>"
    )


def script(version: int) -> str:
    """Polls `/version`; on a new one fetches `/` and swaps head and body in place."""
    return f"""<script id="{SCRIPT_ID}">
(function () {{
  let version = {version};
  let busy = false;
  async function tick() {{
    if (busy) return;
    busy = true;
    try {{
      const r = await fetch("/version", {{cache: "no-store"}});
      const v = (await r.json()).version;
      if (v !== version) {{
        const text = await (await fetch("/", {{cache: "no-store"}})).text();
        const doc = new DOMParser().parseFromString(text, "text/html");
        const old = doc.getElementById("{SCRIPT_ID}");
        if (old) old.remove();
        const mine = document.getElementById("{SCRIPT_ID}");
        document.head.replaceWith(document.importNode(doc.head, true));
        const body = document.importNode(doc.body, true);
        if (mine) body.appendChild(mine);
        document.body.replaceWith(body);
        version = v;
      }}
    }} catch (e) {{
      /* the server is restarting or stopped; try again on the next tick */
    }} finally {{
      busy = false;
    }}
  }}
  setInterval(tick, {POLL_MS});
}})();
</script>
"""
