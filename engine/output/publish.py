"""Stage 5, publish: render every requested format in memory, then hand the set to
`engine.output.writing`, which swaps it in atomically.

A registry of renderers you can grep (`RENDERERS`). All formats are rendered before any
file is written.

PDF is printed from the same HTML by headless Chromium (`engine.output.pdf`, over the DevTools protocol);
Chromium is found on PATH (chromium, chromium-browser, google-chrome) or through the
environment variable MALUPPFYLLELSE_CHROMIUM.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from jinja2.sandbox import SandboxedEnvironment

from engine.diagnostics import UserError
from engine.output.atomic import target_path, write_atomic
from engine.output.presentation import Bilaga
from engine.output.templating import render_template
from engine.output.writing import OUTPUT_FORMATS, Published, publish

__all__ = [
    "ALIASES", "DEFAULT_FORMATS", "RENDERERS", "Published", "parse_formats", "publish",
    "render_all", "target_path", "write_atomic",
]  # fmt: skip

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
)
PDF_TIMEOUT = 120

Renderer = Callable[[Bilaga, SandboxedEnvironment, dict[str, bytes]], bytes]


def find_chromium() -> str | None:
    configured = os.environ.get("MALUPPFYLLELSE_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_command(chromium: str, profile: str, *args: str) -> list[str]:
    return [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]


def html_to_pdf(html: str, footer: str = "") -> bytes:
    """Print the HTML with Chromium: A4 from the CSS, 'footer' and 'Sida X av Y' at the
    foot of every page, bookmarks from the headings, tagged (see engine.output.pdf)."""
    from engine.output.pdf import PrintError, print_pdf  # noqa: PLC0415 - PDF only

    chromium = find_chromium()
    if chromium is None:
        raise UserError(
            "PDF kräver Chromium; installera det (Debian/Ubuntu: apt-get install chromium) "
            "eller ange sökvägen i MALUPPFYLLELSE_CHROMIUM"
        )
    with tempfile.TemporaryDirectory(prefix="maluppfyllelse-pdf-") as tmp:
        page = Path(tmp) / "bilaga1.html"
        page.write_text(html, encoding="utf-8")
        try:
            return print_pdf(
                chromium_command(chromium, str(Path(tmp) / "profile")),
                page.as_uri(),
                footer,
                PDF_TIMEOUT,
            )
        except PrintError as exc:
            raise UserError(f"Chromium kunde inte skriva PDF: {exc}") from exc


def _html(b: Bilaga, env: SandboxedEnvironment, done: dict[str, bytes]) -> bytes:
    return render_template(env, "bilaga1.html.j2", b).encode("utf-8")


def _md(b: Bilaga, env: SandboxedEnvironment, done: dict[str, bytes]) -> bytes:
    return render_template(env, "bilaga1.md.j2", b).encode("utf-8")


def _pdf(b: Bilaga, env: SandboxedEnvironment, done: dict[str, bytes]) -> bytes:
    html = done.get("html") or _html(b, env, done)
    return html_to_pdf(html.decode("utf-8"), footer=f"{b.organisation} – {b.heading}")


def _docx(b: Bilaga, env: SandboxedEnvironment, done: dict[str, bytes]) -> bytes:
    from engine.output.office import (
        to_docx,  # python-docx is slow to import; only load it when asked
    )

    return to_docx(b)


def _xlsx(b: Bilaga, env: SandboxedEnvironment, done: dict[str, bytes]) -> bytes:
    from engine.output.office import to_xlsx  # openpyxl is slow to import; only load it when asked

    return to_xlsx(b)


RENDERERS: dict[str, Renderer] = {
    "html": _html,
    "md": _md,
    "docx": _docx,
    "xlsx": _xlsx,
    "pdf": _pdf,
}
DEFAULT_FORMATS = ("html", "docx", "md", "xlsx")
#: The names people use for the formats: `--format word,excel` is `docx,xlsx`.
ALIASES = {"word": "docx", "excel": "xlsx", "markdown": "md", "htm": "html"}


def parse_formats(value: str) -> list[str]:
    """'html,pdf' → ['html', 'pdf']; 'alla' or 'all' → every format."""
    if value.strip() in ("alla", "all"):
        return list(RENDERERS)
    formats = [ALIASES.get(f, f) for f in (f.strip().lower() for f in value.split(",")) if f]
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown or not formats:
        raise UserError(
            f"okänt format: {', '.join(unknown) or '(tomt)'}; välj bland: {', '.join(RENDERERS)} "
            f"(eller word, excel, markdown, granskning, alla)"
        )
    return list(dict.fromkeys(formats))


def render_all(
    b: Bilaga, env: SandboxedEnvironment, formats: list[str], progress: Callable[[str], None]
) -> dict[str, bytes]:
    """Render every format in memory (HTML first, since PDF is printed from it)."""
    done: dict[str, bytes] = {}
    for fmt in sorted(formats, key=lambda f: (f != "html", formats.index(f))):
        progress(f"skapar {fmt.upper()} …")
        done[fmt] = RENDERERS[fmt](b, env, done)
    return {f: done[f] for f in formats}


assert tuple(sorted(RENDERERS)) == tuple(sorted(OUTPUT_FORMATS))
