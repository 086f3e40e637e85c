"""The raw Kolada responses kept under the period folder, so that the outcomes can be
re-created and audited without the network.

Layout (decisions):

- `kolada/<sha256>.json`: a response body exactly as received, named by its SHA-256
  (so the same answer fetched twice is stored once, and a file can be checked with
  `sha256sum`).
- `kolada/hämtning-ÅÅÅÅMMDDTHHMMSSZ.json`: one per run, listing each page's URL,
  retrieval time (UTC), SHA-256 and file. `kolada --offline` reads the newest one,
  checks every hash and applies the values again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from engine.tools.kolada.client import KoladaError, Page, parse

SNAPSHOT_DIR = "kolada"
MANIFEST_PREFIX = "hämtning-"


def page_file(page: Page) -> str:
    """The page's file relative to the period folder."""
    return f"{SNAPSHOT_DIR}/{page.sha256}.json"


def manifest_text(base: str, pages: list[Page], retrieved: dt.datetime) -> bytes:
    doc = {
        "källa": "Kolada",
        "bas": base,
        "hämtad": retrieved.isoformat(),
        "sidor": [
            {
                "url": p.url,
                "hämtad": p.retrieved.isoformat(),
                "sha256": p.sha256,
                "fil": page_file(p),
            }
            for p in pages
        ],
    }
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def snapshot_texts(
    folder: Path, base: str, pages: list[Page], retrieved: dt.datetime
) -> dict[Path, bytes]:
    """The files to write for this run: each body and the run's manifest."""
    out = {folder / page_file(p): p.body for p in pages}
    stamp = retrieved.strftime("%Y%m%dT%H%M%SZ")
    out[folder / SNAPSHOT_DIR / f"{MANIFEST_PREFIX}{stamp}.json"] = manifest_text(
        base, pages, retrieved
    )
    return out


def newest_manifest(folder: Path) -> Path:
    found = sorted((folder / SNAPSHOT_DIR).glob(f"{MANIFEST_PREFIX}*.json"))
    if not found:
        raise KoladaError(
            f"'{folder / SNAPSHOT_DIR}' har inga sparade Kolada-svar; hämta först utan --offline"
        )
    return found[-1]


def load_pages(folder: Path) -> tuple[Path, list[Page]]:
    """The pages of the newest run, each checked against its recorded SHA-256."""
    manifest = newest_manifest(folder)
    try:
        doc = json.loads(manifest.read_text(encoding="utf-8"))
        entries = [(e["url"], e["hämtad"], e["sha256"], e["fil"]) for e in doc["sidor"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise KoladaError(f"'{manifest}' går inte att läsa: {exc}") from None
    pages = []
    for url, retrieved, sha, name in entries:
        path = folder / str(name)
        if not str(name).startswith(f"{SNAPSHOT_DIR}/") or ".." in str(name):
            raise KoladaError(f"'{manifest}' pekar på en fil utanför {SNAPSHOT_DIR}/: {name}")
        if not path.is_file():
            raise KoladaError(f"'{path}' saknas (nämns i {manifest.name})")
        body = path.read_bytes()
        if hashlib.sha256(body).hexdigest() != sha:
            raise KoladaError(f"'{path}' har ändrats: SHA-256 stämmer inte med {manifest.name}")
        when = dt.datetime.fromisoformat(str(retrieved))
        pages.append(Page(str(url), when, body, sha, parse(body, str(url))))
    return manifest, pages
