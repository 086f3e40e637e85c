"""Stage 1, inputs: the one definition of which files are rules files and outcome files.

`validate`, `fmt`, `diff` and the loaders all ask this module, so that a `.yml` file is
a YAML file everywhere, and a period folder is recognised the same way everywhere.

Layout of a rules folder:        Layout of a period folder (fixtures/ÅÅÅÅ-MM/):
  organisation.yaml                period.yaml
  skala.yaml                       finansiella_mal.yaml
  hushallning.yaml (optional)      malomraden/<målområde>.yaml
  finansiella_mal.yaml (optional)  balanskrav.yaml, atgarder.yaml,
  rapport.yaml (optional)          budgetavvikelse.yaml (optional)
  malomraden/<målområde>.yaml

A nämnd's plan has no financial goals and no rule for god ekonomisk hushållning: those
files, and the report layout, are optional (OPTIONAL_RULES).
"""

from __future__ import annotations

import re
from pathlib import Path

from engine.diagnostics import UserError

YAML_SUFFIXES = (".yaml", ".yml")
RULES_DIR = "rules"
FIXTURES_DIR = "fixtures"
AREA_DIR = "malomraden"
#: The shared rules files, by the role they play.
RULES_FILES = {
    "organisation": "organisation.yaml",
    "scale": "skala.yaml",
    "geh": "hushallning.yaml",
    "finance": "finansiella_mal.yaml",
    "layout": "rapport.yaml",
}
#: The rules files a plan may leave out (a nämnd's plan has neither goals nor GEH).
OPTIONAL_RULES = frozenset({"geh", "finance", "layout"})
PERIOD_FILE = "period.yaml"
FINANCE_OUTCOME_FILE = "finansiella_mal.yaml"
#: The optional economy files of a period folder (engine.models.economy), by role.
ECONOMY_FILES = {
    "balanskrav": "balanskrav.yaml",
    "atgarder": "atgarder.yaml",
    "budgetavvikelse": "budgetavvikelse.yaml",
}
PERIOD_DIR = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def is_yaml(path: Path) -> bool:
    return path.suffix in YAML_SUFFIXES


def yaml_in(folder: Path) -> list[Path]:
    """The YAML files (.yaml or .yml) directly in `folder`, sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if is_yaml(p) and p.is_file())


def yaml_below(paths: list[Path]) -> list[Path]:
    """Every YAML file in or below `paths` (files named directly are taken as they are)."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if is_yaml(f) and f.is_file())
        elif p.is_file():
            files.append(p)
    return files


def period_folders(fixtures: Path) -> list[Path]:
    if not fixtures.is_dir():
        return []
    return sorted(p for p in fixtures.iterdir() if p.is_dir() and PERIOD_DIR.match(p.name))


def period_problem(period: str) -> str:
    """Why `period` names no period folder (ÅÅÅÅ-MM with a month 01–12)."""
    return f"perioden '{period}' är ingen månad; skriv ÅÅÅÅ-MM med månaden 01–12, t.ex. 2026-04"


#: A folder name that means a period but is not written ÅÅÅÅ-MM: it holds a year (2025-8,
#: 2025_08, augusti-2025, 202508). A folder of another kind (arkiv, underlag) is left alone.
_LIKE_A_PERIOD = re.compile(r"(?<!\d)(19|20)\d{2}")


def misnamed_periods(fixtures: Path) -> list[Path]:
    """The folders under `fixtures/` that look like a period but are not named ÅÅÅÅ-MM, so
    that no command reads them."""
    if not fixtures.is_dir():
        return []
    return sorted(
        p
        for p in fixtures.iterdir()
        if p.is_dir() and not PERIOD_DIR.match(p.name) and _LIKE_A_PERIOD.search(p.name)
    )


def newest_period(fixtures: Path) -> Path:
    """The newest period folder under `fixtures/` (the default for evaluate and report)."""
    if not fixtures.is_dir():
        raise UserError(f"utfallsmappen '{fixtures}' finns inte")
    folders = period_folders(fixtures)
    if not folders:
        raise UserError(f"'{fixtures}' innehåller ingen periodmapp (ÅÅÅÅ-MM)")
    return folders[-1]


def earlier_period(folder: Path, against: str) -> Path | None:
    """The folder to compare with: the same month last year, or the period before."""
    name = folder.name
    if not PERIOD_DIR.match(name):
        return None
    if against == "föregående_år":
        year, month = name.split("-")
        candidate = folder.parent / f"{int(year) - 1}-{month}"
        return candidate if candidate.is_dir() else None
    earlier = [p for p in period_folders(folder.parent) if p.name < name]
    return earlier[-1] if earlier else None


def baseline_period(folder: Path, year: int) -> Path | None:
    """The folder of a baseline measurement made in `year` (before `folder`'s year): the
    same month that year, else the last period folder of that year."""
    name = folder.name
    if not PERIOD_DIR.match(name) or year >= int(name[:4]):
        return None
    same = folder.parent / f"{year}-{name[5:]}"
    if same.is_dir():
        return same
    of_year = [p for p in period_folders(folder.parent) if p.name.startswith(f"{year}-")]
    return of_year[-1] if of_year else None
