"""Fetching data from the Kolada API v3 with httpx: timeouts, retries, bounded bodies,
and every response checked against its documented shape before it is used.

Responses are untrusted input: a body larger than `MAX_BYTES` is refused while it is
being read, a `next_url` must stay on the same scheme and host as the base address (a
response cannot send the tool elsewhere), paging stops after `MAX_PAGES`, and the JSON is
validated with pydantic (unknown fields are ignored, known ones must have their types).
Every failure becomes a `KoladaError` with a Swedish message, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Literal
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

DEFAULT_URL = "https://api.kolada.se/v3"
#: Kolada accepts several ids separated by commas; it documents at most 25 per request.
MAX_IDS = 25
MAX_BYTES = 5_000_000
MAX_PAGES = 100
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
#: Waits before the 2nd, 3rd and 4th attempt (seconds); only for network errors,
#: timeouts, 429 and 5xx. A 4xx other than 429 is not retried.
RETRY_WAITS = (1.0, 3.0, 6.0)


class KoladaError(Exception):
    """A problem with fetching from Kolada; the message is Swedish and says what to do."""


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class KValue(_Loose):
    gender: Literal["T", "K", "M"]
    status: Annotated[str, Field(max_length=200)] | None = None
    value: Annotated[float, Field(allow_inf_nan=False)] | None = None


class KItem(_Loose):
    kpi: Annotated[str, Field(pattern=r"^[A-Z]\d{5}$")]
    municipality: Annotated[str, Field(pattern=r"^\d{4}$")]
    period: Annotated[int, Field(ge=1900, le=2200)]
    values: Annotated[list[KValue], Field(max_length=10)]


class KResponse(_Loose):
    values: Annotated[list[KItem], Field(max_length=10_000)]
    count: Annotated[int, Field(ge=0)]
    next_url: Annotated[str, Field(max_length=4000)] | None = None


@dataclass(frozen=True)
class Page:
    """One response as received: its URL, when, the exact bytes and their SHA-256."""

    url: str
    retrieved: dt.datetime
    body: bytes
    sha256: str
    data: KResponse


def data_urls(base: str, kpis: Iterable[str], org: str, years: Iterable[int]) -> list[str]:
    """The request URLs for `kpis` of one organisation, at most MAX_IDS KPI ids each."""
    ids = sorted(set(kpis))
    wanted = ",".join(str(y) for y in sorted(set(years)))
    return [
        f"{base.rstrip('/')}/data/kpi/{','.join(ids[i : i + MAX_IDS])}"
        f"/municipality/{org}/year/{wanted}"
        for i in range(0, len(ids), MAX_IDS)
    ]


def parse(body: bytes, url: str) -> KResponse:
    try:
        return KResponse.model_validate(json.loads(body.decode("utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KoladaError(f"Kolada svarade inte med JSON ({url}): {exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "svaret"
        raise KoladaError(
            f"Kolada svarade i ett oväntat format ({url}): {where}: {first['msg']}"
        ) from None


def _same_origin(base: str, url: str) -> bool:
    a, b = urlsplit(base), urlsplit(url)
    return (a.scheme, a.netloc) == (b.scheme, b.netloc)


def _read(client: httpx.Client, url: str) -> bytes:
    """The body of a GET, refused past MAX_BYTES; HTTP errors raise KoladaError."""
    with client.stream("GET", url, headers={"Accept": "application/json"}) as response:
        if response.status_code >= 400:
            raise _HttpStatus(response.status_code, url)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > MAX_BYTES:
                raise KoladaError(
                    f"svaret från Kolada är större än {MAX_BYTES} byte ({url}); inget sparades"
                )
            chunks.append(chunk)
        return b"".join(chunks)


class _HttpStatus(Exception):
    def __init__(self, status: int, url: str) -> None:
        super().__init__(status, url)
        self.status, self.url = status, url

    def retry(self) -> bool:
        return self.status == 429 or self.status >= 500

    def message(self) -> str:
        hint = {404: "finns adressen och id:na?", 429: "för många frågor; försök senare"}
        extra = hint.get(self.status, "försök igen senare" if self.status >= 500 else "")
        return f"Kolada svarade med HTTP {self.status} för {self.url}" + (
            f"; {extra}" if extra else ""
        )


def get(client: httpx.Client, url: str, sleep: Callable[[float], None] = time.sleep) -> Page:
    """One page, with retries for passing faults."""
    for attempt in range(len(RETRY_WAITS) + 1):
        last = attempt == len(RETRY_WAITS)
        try:
            body = _read(client, url)
        except _HttpStatus as exc:
            if last or not exc.retry():
                raise KoladaError(exc.message()) from None
        except httpx.TimeoutException:
            if last:
                raise KoladaError(
                    f"Kolada svarade inte i tid ({url}); försök igen senare eller ange "
                    "en annan adress med --url"
                ) from None
        except httpx.HTTPError as exc:
            if last:
                raise KoladaError(
                    f"kan inte nå Kolada ({url}): {exc}. Kontrollera nätverket, eller "
                    "ange en spegel med --url eller KOLADA_URL"
                ) from None
        else:
            now = dt.datetime.now(dt.UTC).replace(microsecond=0)
            return Page(url, now, body, hashlib.sha256(body).hexdigest(), parse(body, url))
        sleep(RETRY_WAITS[attempt])
    raise AssertionError("unreachable")  # pragma: no cover


def fetch_all(
    base: str, urls: list[str], sleep: Callable[[float], None] = time.sleep
) -> list[Page]:
    """Every page of every URL, following `next_url`."""
    pages: list[Page] = []
    headers = {"User-Agent": "maluppfyllelse"}
    with httpx.Client(timeout=TIMEOUT, headers=headers, follow_redirects=False) as client:
        for first in urls:
            url: str | None = first
            seen: set[str] = set()
            while url is not None:
                if url in seen or len(pages) >= MAX_PAGES:
                    raise KoladaError(
                        f"Kolada gav fler än {MAX_PAGES} sidor eller en sida två gånger ({url})"
                    )
                if not _same_origin(base, url):
                    raise KoladaError(f"Kolada pekade nästa sida till en annan adress: {url}")
                seen.add(url)
                page = get(client, url, sleep)
                pages.append(page)
                url = page.data.next_url or None
    return pages
