"""The period's outcome files loaded for editing (ruamel.yaml round trip: comments, key
order and layout are kept), and the values they hold for pre-filling workbooks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from engine.diagnostics import Report
from engine.inputs.files import AREA_DIR, FINANCE_OUTCOME_FILE, PERIOD_DIR, PERIOD_FILE, yaml_in
from engine.inputs.yamlfile import load_file
from engine.tools.dataround.layout import Prefill
from engine.tools.fmt import round_trip_yaml
from engine.tools.init import period_fields


@dataclass
class YamlFile:
    path: Path
    shown: str
    data: CommentedMap
    changed: bool = False


@dataclass
class PeriodFiles:
    """A period folder's outcome files, loaded for editing (missing ones created empty)."""

    folder: Path
    period: YamlFile
    finance: YamlFile
    areas: dict[str, YamlFile] = field(default_factory=dict)
    created: Created = field(default_factory=list)

    def area(self, area_id: str) -> YamlFile:
        if area_id not in self.areas:
            path = self.folder / AREA_DIR / f"{area_id}.yaml"
            data = CommentedMap()
            data["målområde"] = area_id
            self.areas[area_id] = YamlFile(path, path.as_posix(), data)
        return self.areas[area_id]

    def files(self) -> Iterator[YamlFile]:
        yield self.period
        yield self.finance
        yield from self.areas.values()


def _load_rt(path: Path, report: Report) -> CommentedMap | None:
    """A file checked by the guarded loader first, then loaded for round-trip editing."""
    if load_file(path, report, path.as_posix()) is None:
        return None
    data = round_trip_yaml().load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, CommentedMap) else CommentedMap()


def load_period_files(folder: Path, period: str, report: Report) -> PeriodFiles | None:
    period_path = folder / PERIOD_FILE
    if period_path.is_file():
        pdata = _load_rt(period_path, report)
        period_file = YamlFile(period_path, period_path.as_posix(), pdata or CommentedMap())
    else:
        pdata = CommentedMap(period_fields(period))
        period_file = YamlFile(period_path, period_path.as_posix(), pdata, changed=True)
    fin_path = folder / FINANCE_OUTCOME_FILE
    fdata = _load_rt(fin_path, report) if fin_path.is_file() else CommentedMap()
    files = PeriodFiles(
        folder, period_file, YamlFile(fin_path, fin_path.as_posix(), fdata or CommentedMap())
    )
    for path in yaml_in(folder / AREA_DIR):
        data = _load_rt(path, report)
        if data is not None and isinstance(data.get("målområde"), str):
            files.areas.setdefault(data["målområde"], YamlFile(path, path.as_posix(), data))
    return None if report.errors else files


#: Containers made for an import (an entry, a list, a map), so that those that get no
#: value are removed again before writing: a row left empty adds nothing to the YAML.
Created = list[tuple[Any, Any]]


def entries(data: CommentedMap, key: str, created: Created | None = None) -> CommentedSeq:
    """The list under `key`, made (and recorded in `created`) when absent."""
    if not isinstance(data.get(key), list):
        data[key] = CommentedSeq()
        if created is not None:
            created.append((data, key))
    listed: CommentedSeq = data[key]
    return listed


def mapping(data: CommentedMap, key: str, created: Created) -> CommentedMap:
    """The mapping under `key`, made (and recorded) when absent."""
    if not isinstance(data.get(key), dict):
        data[key] = CommentedMap()
        created.append((data, key))
    found: CommentedMap = data[key]
    return found


def prune(created: Created, identity: tuple[str, ...] = ("id", "nämnd")) -> None:
    """Remove what was made for the import but got no value, innermost first."""
    for container, key in reversed(created):
        if isinstance(container, list):
            if key in container and set(key) <= set(identity):
                container.remove(key)
        elif key in container and isinstance(container[key], (list, dict)) and not container[key]:
            del container[key]


def find(entries: list[Any], **match: str) -> CommentedMap | None:
    for item in entries:
        if isinstance(item, dict) and all(item.get(k) == v for k, v in match.items()):
            return item  # type: ignore[return-value]
    return None


# --- Pre-filling the workbooks ------------------------------------------------------------


def prefill(folder: Path | None, previous: Path | None) -> Prefill:
    """What the period's files already hold, for the workbooks' input cells."""
    out = Prefill()
    report = Report()
    if folder is not None and folder.is_dir():
        files = load_period_files(folder, folder.name, report)
        if files is not None:
            for area_id, f in files.areas.items():
                for k in entries(f.data, "nyckeltal"):
                    out.kpi[(k.get("id"), k.get("nämnd"))] = dict(k)
                for u in entries(f.data, "uppdrag"):
                    out.uppdrag[(u.get("id"), u.get("nämnd"))] = dict(u)
                for namnd, judgement in (f.data.get("nämnder") or {}).items():
                    if isinstance(judgement, dict):
                        out.areas[(area_id, namnd)] = dict(judgement)
            for g in entries(files.finance.data, "finansiella_mål"):
                out.goals[g.get("id")] = dict(g)
    if previous is not None and previous.is_dir():
        earlier = prefill(previous, None)
        out.previous_kpi = {key: v.get("utfall") for key, v in earlier.kpi.items()}
        out.previous_goals = {key: v.get("utfall") for key, v in earlier.goals.items()}
    return out


def previous_folder(fixtures: Path, period: str) -> Path | None:
    earlier = sorted(
        p for p in fixtures.glob("*") if p.is_dir() and PERIOD_DIR.match(p.name) and p.name < period
    )
    return earlier[-1] if earlier else None
