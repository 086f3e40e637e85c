"""Stage 2, validate (rules): a rules folder → a `RuleSet`, or every problem at once.

Loads each file with its model (`engine.inputs.parse`), then runs the rules checks of
`engine.checks.registry` (unique ids, references that resolve, sane thresholds, a `kvot`
target of 0 refused, expressions and text templates parsed so that their errors carry
the YAML position), and the plausibility warnings when there are no errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.checks import registry
from engine.diagnostics import Location, Report
from engine.inputs.files import AREA_DIR, OPTIONAL_RULES, RULES_FILES, yaml_in
from engine.inputs.loaded import RuleSet, walk
from engine.inputs.memory import collector_paused
from engine.inputs.parse import Source, load_model
from engine.models import (
    FinansFile,
    HushallningFile,
    MalomradeFile,
    OrganisationFile,
    RapportFile,
    SkalaFile,
)

FILES = RULES_FILES


def _shared_files(
    root: Path, display: str, report: Report
) -> tuple[dict[str, Source[Any] | None], set[str]]:
    """The shared rules files by role (None: missing or unreadable), and the optional
    ones that are simply not there (no error: a nämnd's plan has no goals and no GEH)."""
    sources: dict[str, Source[Any] | None] = {}
    missing: set[str] = set()
    models = {
        "organisation": OrganisationFile,
        "scale": SkalaFile,
        "geh": HushallningFile,
        "finance": FinansFile,
        "layout": RapportFile,
    }
    for name, filename in FILES.items():
        file = root / filename
        shown = f"{display}/{filename}"
        sources[name] = None
        if not file.is_file():
            if name in OPTIONAL_RULES:
                missing.add(name)
                continue
            report.error(
                Location(shown, 1, 1), "fil-saknas", f"filen {filename} saknas i regelmappen"
            )
            continue
        sources[name] = load_model(file, shown, models[name], report)
    return sources, missing


def load_rules(root: Path, report: Report) -> RuleSet | None:
    """Load and check a rules folder. Returns None when there are errors."""
    with collector_paused():  # a national plan: see engine.inputs.memory
        return _load_rules(root, report)


def _load_rules(root: Path, report: Report) -> RuleSet | None:
    display = root.as_posix().rstrip("/")
    sources, missing = _shared_files(root, display, report)
    areas: list[Source[MalomradeFile]] = []
    area_files = [(f, f"{display}/{AREA_DIR}/{f.name}") for f in yaml_in(root / AREA_DIR)]
    if not area_files:
        report.error(
            Location(f"{display}/{AREA_DIR}", 1, 1),
            "fil-saknas",
            "inga målområden (malomraden/*.yaml)",
        )
    for file, shown in area_files:
        # Partial: a bad value in one nyckeltal never hides the checks of the others.
        src = load_model(file, shown, MalomradeFile, report, ("uppdrag", "nyckeltal"))
        if src is not None:
            areas.append(src)
    known = set(FILES.values())
    for extra in yaml_in(root):
        if extra.name not in known:
            report.warning(
                Location(f"{display}/{extra.name}", 1, 1),
                "okänd-fil",
                f"filen {extra.name} hör inte till regelspråket och läses inte",
            )
    organisation, scale, geh, finance, layout = (sources[name] for name in FILES)
    unread = [n for n in FILES if sources[n] is None and n not in missing]
    if organisation is None or scale is None or unread:
        # Cross-file checks need the shared files; still check each målområde alone.
        registry.check_measures(walk(areas, None, ("nyckeltal",)), report)
        return None
    # Målområden that failed their own validation are left out, so that the references
    # and ids in the others are still checked: every problem is reported in one run.
    had_errors = bool(report.errors)
    rules = RuleSet(display, organisation, scale, geh, finance, areas, layout)
    registry.check_rules(rules, report)
    if had_errors or report.errors:
        return None
    registry.check_plausibility(rules, report)
    return rules
