"""The tertial's data round: pre-fill workbooks from the outcome files, import filled
workbooks into them, and tell who has delivered.

Import rules (decisions):

- Nothing is written unless the whole import is clean: every cell is checked, then the
  changed outcome files are written to a staging copy of the period and validated with
  the rules there; only then are they written, each atomically.
- An empty cell never removes anything from the YAML. A value that would replace a
  different one already in the YAML (including an utfall replacing a `saknas`, or the
  other way round) is listed and needs `--ersätt`; an equal value changes nothing.
- Files are edited with ruamel.yaml's round trip: comments, key order and layout of the
  existing files are kept; new entries are appended at the end of their list.
- The period folder and its `period.yaml` are created when missing. `--klar` adds the
  workbook's nämnd to `klara` in period.yaml: the nämnd has marked its part ready.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from engine.checks.outcomes import load_outcomes
from engine.diagnostics import Location, Report
from engine.diagnostics.hints import did_you_mean
from engine.inputs.loaded import PeriodOutcomes, RuleSet
from engine.tools.dataround import layout, reading
from engine.tools.dataround.periodfiles import (
    PeriodFiles,
    YamlFile,
    entries,
    find,
    mapping,
    prune,
)
from engine.tools.fmt import round_trip_yaml
from engine.wording import number


@dataclass
class Change:
    """One value a workbook wants to write: where it goes and where it came from."""

    target: YamlFile
    item: CommentedMap
    key: str
    value: Any
    source: Location
    #: A key that holds the alternative to this one (utfall ↔ saknas).
    excludes: str | None = None


def _shown(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(float(value))
    text = str(value).replace("\n", " ")
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return float(old) == float(new)
    if isinstance(old, str) and isinstance(new, str):
        return " ".join(old.split()) == " ".join(new.split())
    return bool(old == new)


def _yaml_line(target: YamlFile, item: CommentedMap, key: str) -> str:
    try:
        line = item.lc.value(key)[0] + 1
    except (KeyError, AttributeError, TypeError):
        return target.shown
    return f"{target.shown}:{line}"


def apply(changes: list[Change], replace: bool, report: Report) -> int:
    """Apply the changes to the loaded files; conflicts are errors unless `replace`.
    Returns how many values changed."""
    count = 0
    for c in changes:
        old = c.item.get(c.key)
        other = c.item.get(c.excludes) if c.excludes else None
        if old is not None and _same(old, c.value) and other is None:
            continue
        clash = (old is not None and not _same(old, c.value)) or other is not None
        if clash and not replace:
            replaced_key, replaced = (c.key, old) if old is not None else (c.excludes, other)
            assert replaced_key is not None
            report.error(
                c.source,
                "ersätter-värde",
                f"{_shown(c.value)} skulle ersätta {replaced_key} {_shown(replaced)} i "
                f"{_yaml_line(c.target, c.item, replaced_key)}; ange --ersätt för att ersätta",
            )
            continue
        if c.excludes and c.excludes in c.item:
            del c.item[c.excludes]
        c.item[c.key] = c.value
        c.target.changed = True
        count += 1
    return count


def _value_changes(
    row: reading.Row, target: YamlFile, item: CommentedMap, report: Report
) -> list[Change]:
    """Utfall / Kommentar / Skäl cells of a Nyckeltal or Finansiella mål row."""
    out: list[Change] = []
    utfall_cell = row.values["Utfall"]
    raw, percent = utfall_cell.value
    reason = reading.as_text(row.values["Skäl när utfall saknas"], report)
    if raw is not None and not (isinstance(raw, str) and not raw.strip()):
        parsed = reading.swedish_number(raw, percent)
        if isinstance(parsed, str):
            report.error(utfall_cell.where, "tal", parsed)
        elif reason is not None:
            report.error(
                row.values["Skäl när utfall saknas"].where,
                "utfall-och-saknas",
                "ange antingen ett utfall eller ett skäl till att det saknas, inte båda",
            )
        else:
            out.append(Change(target, item, "utfall", parsed, utfall_cell.where, "saknas"))
    if reason is not None and raw in (None, ""):
        where = row.values["Skäl när utfall saknas"].where
        out.append(Change(target, item, "saknas", reason, where, "utfall"))
    comment = reading.as_text(row.values["Kommentar"], report)
    if comment is not None:
        out.append(Change(target, item, "kommentar", comment, row.values["Kommentar"].where))
    return out


def _entry(files: PeriodFiles, target: YamlFile, key: str, **match: str) -> CommentedMap:
    listed = entries(target.data, key, files.created)
    item = find(listed, **match)
    if item is None:
        item = CommentedMap(match)
        listed.append(item)
        files.created.append((listed, item))
    return item


def _kpi_row(
    row: reading.Row, namnd: str, rules: RuleSet, files: PeriodFiles, report: Report
) -> list[Change]:
    found = rules.nyckeltal.get(row.id)
    if found is None:
        report.error(row.where, "okänt-nyckeltal",
                     f"okänt nyckeltal '{row.id}'{did_you_mean(row.id, rules.nyckeltal)}")  # fmt: skip
        return []
    area, kpi = found
    if namnd not in kpi.namnder:
        report.error(row.where, "fel-nämnd", f"nämnden '{namnd}' rapporterar inte '{row.id}'")
        return []
    target = files.area(area.id)
    return _value_changes(
        row, target, _entry(files, target, "nyckeltal", id=row.id, nämnd=namnd), report
    )


def _goal_row(
    row: reading.Row, namnd: str, rules: RuleSet, files: PeriodFiles, report: Report
) -> list[Change]:
    if row.id not in rules.goals:
        report.error(row.where, "okänt-mål",
                     f"okänt finansiellt mål '{row.id}'{did_you_mean(row.id, rules.goals)}")  # fmt: skip
        return []
    if namnd != layout.finance_namnd(rules):
        report.error(row.where, "fel-nämnd",
                     f"de finansiella målen rapporteras av {layout.finance_namnd(rules)}")  # fmt: skip
        return []
    item = _entry(files, files.finance, "finansiella_mål", id=row.id)
    return _value_changes(row, files.finance, item, report)


def _uppdrag_row(
    row: reading.Row, namnd: str, rules: RuleSet, files: PeriodFiles, report: Report
) -> list[Change]:
    found = rules.uppdrag.get(row.id)
    if found is None:
        report.error(row.where, "okänt-uppdrag",
                     f"okänt uppdrag '{row.id}'{did_you_mean(row.id, rules.uppdrag)}")  # fmt: skip
        return []
    area, uppdrag = found
    if namnd not in uppdrag.namnder:
        report.error(row.where, "fel-nämnd", f"nämnden '{namnd}' har inte uppdraget '{row.id}'")
        return []
    target = files.area(area.id)
    item = _entry(files, target, "uppdrag", id=row.id, nämnd=namnd)
    out = []
    status = reading.as_text(row.values["Status"], report)
    if status is not None:
        statuses = rules.scale.model.uppdrag_statuses
        known = next((s for s in statuses if s.casefold() == status.casefold()), None)
        if known is None:
            report.error(
                row.values["Status"].where,
                "okänd-status",
                f"statusen '{status}' finns inte i skalan{did_you_mean(status, statuses)}; "
                f"välj en av: {', '.join(statuses)}",
            )
        else:
            out.append(Change(target, item, "status", known, row.values["Status"].where))
    comment = reading.as_text(row.values["Kommentar"], report)
    if comment is not None:
        out.append(Change(target, item, "kommentar", comment, row.values["Kommentar"].where))
    return out


def _area_row(
    row: reading.Row, namnd: str, rules: RuleSet, files: PeriodFiles, report: Report
) -> list[Change]:
    if row.id not in rules.area_by_id:
        report.error(row.where, "okänt-målområde",
                     f"okänt målområde '{row.id}'{did_you_mean(row.id, rules.area_by_id)}")  # fmt: skip
        return []
    target = files.area(row.id)
    item = mapping(mapping(target.data, "nämnder", files.created), namnd, files.created)
    out = []
    label = reading.as_text(row.values["Nämndens bedömning"], report)
    if label is not None:
        status = reading.status_from_label(label, rules)
        if status is None:
            report.error(
                row.values["Nämndens bedömning"].where,
                "okänd-status",
                f"bedömningen '{label}' finns inte i skalan{reading.label_hint(label, rules)}",
            )
        else:
            out.append(
                Change(target, item, "status", status, row.values["Nämndens bedömning"].where)
            )
    comment = reading.as_text(row.values["Kommentar"], report)
    if comment is not None:
        out.append(Change(target, item, "kommentar", comment, row.values["Kommentar"].where))
    return out


ROW_READERS = {
    layout.KPI: _kpi_row,
    layout.GOALS: _goal_row,
    layout.UPPDRAG: _uppdrag_row,
    layout.AREAS: _area_row,
}


def changes_from(
    filled: reading.Filled, rules: RuleSet, files: PeriodFiles, report: Report
) -> list[Change]:
    changes: list[Change] = []
    for row in filled.rows:
        changes.extend(ROW_READERS[row.sheet](row, filled.namnd, rules, files, report))
    return changes


def mark_ready(files: PeriodFiles, namnd: str) -> None:
    ready = files.period.data.get("klara")
    if not isinstance(ready, list):
        ready = CommentedSeq()
        files.period.data["klara"] = ready
    if namnd not in ready:
        ready.append(namnd)
        files.period.changed = True


def render(files: PeriodFiles) -> dict[Path, bytes]:
    """The changed files' new text."""
    prune(files.created)
    out: dict[Path, bytes] = {}
    yaml = round_trip_yaml()
    for f in files.files():
        if f.changed:
            buffer = io.StringIO()
            yaml.dump(f.data, buffer)
            out[f.path] = buffer.getvalue().encode("utf-8")
    return out


def check_staged(
    folder: Path, texts: dict[Path, bytes], rules: RuleSet, report: Report
) -> PeriodOutcomes | None:
    """Validate the period as it would be after the import, in a staging copy; the
    diagnostics name the real files."""
    with tempfile.TemporaryDirectory(prefix="maluppfyllelse-import-") as tmp:
        staged = Path(tmp) / folder.name
        if folder.is_dir():
            shutil.copytree(folder, staged, symlinks=False)
        for path, data in texts.items():
            target = staged / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        inner = Report()
        outcomes = load_outcomes(staged, rules, inner, with_previous=False)
        prefix, real = staged.as_posix(), folder.as_posix()
        for d in inner.diagnostics:
            loc = d.location
            shown = real + loc.path[len(prefix) :] if loc.path.startswith(prefix) else loc.path
            report.add(replace(d, location=replace(loc, path=shown)))
        report.files |= {real + f[len(prefix) :] for f in inner.files if f.startswith(prefix)}
        return outcomes
