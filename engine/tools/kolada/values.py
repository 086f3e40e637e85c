"""From rules to Kolada requests, and from Kolada's answers to outcome changes.

Decisions:

- A nyckeltal's Kolada organisation is, first found: its own `kolada.organisation`, its
  nämnd's `kolada`, the organisation's `kolada` in organisation.yaml.
- Kolada publishes per year. Unless `--år` is given the period's year and the year
  before are asked for, and the newest year with a value is used (at delår the
  current year is seldom published); the year used is in `källa.år`.
- The total (T) is the outcome unless the rule names `kön: K` or `kön: M`; every value
  Kolada gave (T, K, M) is kept in `källa.uppdelning`.
- No value (missing, or a status such as not applicable) becomes `saknas` with the
  reason, so the nyckeltal is "ej bedömd", never red.
- A value, a `saknas` or a source that would replace a different one needs `--ersätt`,
  exactly as for `import`; a source from an earlier Kolada run is simply refreshed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap

from engine.diagnostics import Location, Report
from engine.inputs.loaded import RuleSet
from engine.models import Kon, Nyckeltal
from engine.tools.dataround.importing import Change, _yaml_line
from engine.tools.dataround.periodfiles import PeriodFiles, entries, find
from engine.tools.kolada.client import KItem, Page
from engine.tools.kolada.snapshot import page_file

SYSTEM = "Kolada"
#: Kolada's status words, in the reason a value is missing.
STATUS_WORDS = {
    "missing": "uppgift saknas",
    "na": "ej tillämpligt",
    "n/a": "ej tillämpligt",
    "not applicable": "ej tillämpligt",
}


@dataclass(frozen=True)
class Wanted:
    """One nyckeltal for one nämnd, to be filled from one Kolada KPI and organisation."""

    kpi_id: str
    area: str
    namnd: str
    kolada: str
    org: str
    gender: Kon


def wanted(rules: RuleSet, report: Report) -> list[Wanted]:
    """Every (nyckeltal, nämnd) with a Kolada id; a missing organisation id is an error."""
    default = rules.organisation.model.organisation.kolada
    out = []
    for ref in rules.measures("nyckeltal"):
        kpi = ref.item
        if not isinstance(kpi, Nyckeltal) or kpi.kolada is None:
            continue
        for namnd in kpi.namnder:
            org = kpi.kolada.organisation or rules.namnder[namnd].kolada or default
            if org is None:
                report.error(
                    ref.at("kolada"),
                    "kolada-organisation",
                    f"'{kpi.id}' har Kolada-id {kpi.kolada.kpi} men ingen organisation i "
                    'Kolada; ange t.ex. kolada: "0023" under organisation i organisation.yaml',
                    ref.name("kolada"),
                )
                continue
            out.append(Wanted(kpi.id, ref.area_id, namnd, kpi.kolada.kpi, org, kpi.kolada.gender))
    return out


def requests(items: list[Wanted]) -> dict[str, set[str]]:
    """Kolada organisation → the KPI ids to ask for."""
    by_org: dict[str, set[str]] = defaultdict(set)
    for w in items:
        by_org[w.org].add(w.kolada)
    return dict(by_org)


Found = dict[tuple[str, str, int], tuple[KItem, Page]]


def index(pages: list[Page]) -> Found:
    out: Found = {}
    for page in pages:
        for item in page.data.values:
            out.setdefault((item.kpi, item.municipality, item.period), (item, page))
    return out


def _reason(status: str | None, year: int) -> str:
    word = (status or "").strip()
    said = STATUS_WORDS.get(word.casefold(), word)
    return f"Kolada har inget värde för {year}" + (f" ({said})." if said else ".")


@dataclass(frozen=True)
class Result:
    value: float | None
    reason: str | None
    source: dict[str, Any]
    page: Page | None


def result_for(w: Wanted, years: list[int], found: Found) -> Result:
    """The newest year with a value; else `saknas` with what Kolada said for the newest
    year it answered about (or the newest year asked for)."""
    answered: tuple[int, str | None, Page] | None = None
    for year in sorted(years, reverse=True):
        hit = found.get((w.kolada, w.org, year))
        if hit is None:
            continue
        item, page = hit
        chosen = next((v for v in item.values if v.gender == w.gender), None)
        if chosen is not None and chosen.value is not None:
            return Result(chosen.value, None, _source(w, year, item, page), page)
        answered = answered or (year, chosen.status if chosen else None, page)
    if answered is None:
        year = max(years)
        return Result(None, _reason(None, year), _source(w, year, None, None), None)
    year, status, page = answered
    return Result(None, _reason(status, year), _source(w, year, None, page), page)


def _source(w: Wanted, year: int, item: KItem | None, page: Page | None) -> dict[str, Any]:
    src: dict[str, Any] = {"system": SYSTEM}
    if page is not None:
        src["hämtad"] = page.retrieved.isoformat()
    src |= {"kolada": w.kolada, "organisation": w.org, "år": year}
    if item is not None:
        src["kön"] = w.gender
        src["uppdelning"] = CommentedMap((v.gender, v.value) for v in item.values)
    if page is not None:
        src |= {"rådata": page_file(page), "sha256": page.sha256}
    return src


def changes(
    items: list[Wanted], years: list[int], pages: list[Page], files: PeriodFiles
) -> tuple[list[Change], list[tuple[CommentedMap, Any, dict[str, Any], Location]]]:
    """The value changes (checked by `importing.apply`) and the sources to set after."""
    found = index(pages)
    out: list[Change] = []
    sources = []
    for w in items:
        r = result_for(w, years, found)
        target = files.area(w.area)
        listed = entries(target.data, "nyckeltal", files.created)
        item = find(listed, id=w.kpi_id, nämnd=w.namnd)
        if item is None:
            item = CommentedMap({"id": w.kpi_id, "nämnd": w.namnd})
            listed.append(item)
            files.created.append((listed, item))
        where = Location(r.page.url if r.page else f"Kolada {w.kolada}/{w.org}")
        if r.value is not None:
            out.append(Change(target, item, "utfall", r.value, where, "saknas"))
        else:
            out.append(Change(target, item, "saknas", r.reason, where, "utfall"))
        sources.append((item, target, r.source, where))
    return out, sources


def set_sources(
    sources: list[tuple[CommentedMap, Any, dict[str, Any], Location]],
    replace: bool,
    report: Report,
) -> None:
    """Write each `källa`; one from another system is replaced only with --ersätt."""
    for item, target, source, where in sources:
        old = item.get("källa")
        if isinstance(old, dict) and old.get("system") != SYSTEM and not replace:
            report.error(
                where,
                "ersätter-värde",
                f"källan {SYSTEM} skulle ersätta källan '{old.get('system')}' i "
                f"{_yaml_line(target, item, 'källa')}; ange --ersätt för att ersätta",
            )
            continue
        if isinstance(old, dict) and _without_time(old) == _without_time(source):
            continue
        item["källa"] = CommentedMap(source)
        target.changed = True


def _without_time(source: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in source.items() if k not in ("hämtad", "rådata", "sha256")}


def years_for(period: str, year: int | None) -> list[int]:
    if year is not None:
        return [year]
    current = int(period[:4])
    return [current - 1, current]
