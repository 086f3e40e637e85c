"""`init`: start a project folder of one's own.

Two starting points. `--exempel` copies the embedded Region Jämtland Härjedalen example
(its rules for 2025 and outcomes per augusti 2025); without it a small commented
skeleton is written, one målområde with one uppdrag and one nyckeltal, one financial
goal and one period, which validates and reports as it is and shows every file's shape.
With `--nämnd` the skeleton is a nämnd's plan: the nämnd layout (rules/rapport.yaml), no
financial goals and no hushallning.yaml, and its uppdrag is the nämnd's own. Both also get
a pre-commit configuration, a GitHub Actions workflow and a .gitignore for `reports/`.

Decision: `init` never overwrites. If any file it would write already exists, nothing is
written and every such file is listed.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from engine.diagnostics import UserError
from engine.inputs.files import FIXTURES_DIR, PERIOD_DIR, RULES_DIR, period_problem
from engine.inputs.project import example_root
from engine.wording import period_words

SKELETON = Path(__file__).resolve().parent / "skeleton"
#: Skeleton files whose names start with a dot in the project (package data keeps no
#: hidden files), by their name in the skeleton folder.
PROJECT_FILES = {
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "github-workflow.yml": ".github/workflows/maluppfyllelse.yml",
    "gitignore": ".gitignore",
}
#: The report type of a period ending in a month: tertial 1, delår (tertial 2), helår.
KINDS = {4: "tertial", 8: "delår", 12: "helår"}


@dataclass(frozen=True)
class Planned:
    path: Path
    data: bytes


def default_period(today: dt.date | None = None) -> str:
    """The most recent tertial end (april, augusti, december) up to `today`."""
    today = today or dt.date.today()
    months = [m for m in KINDS if m <= today.month]
    return f"{today.year}-{max(months):02d}" if months else f"{today.year - 1}-12"


def period_fields(period: str) -> dict[str, str]:
    """period.yaml's fields for a period: '2026-04' → per april 2026, tertial, 2026-04-30."""
    year, month = (int(x) for x in period.split("-"))
    last_day = calendar.monthrange(year, month)[1]
    return {
        "period": period,
        "benämning": f"per {period_words(period)}",
        "typ": KINDS.get(month, "månad"),
        "datum": dt.date(year, month, last_day).isoformat(),
    }


#: A nämnd's plan (`init --nämnd`): no financial goals and no god ekonomisk hushållning, so
#: these skeleton files are left out, and rules/rapport.yaml chooses the nämnd layout.
NAMND_LEFT_OUT = frozenset(
    {"rules/finansiella_mal.yaml", "rules/hushallning.yaml", "fixtures/PERIOD/finansiella_mal.yaml"}
)
NAMND_EDITS = {
    "rules/skala.yaml": (
        "delar: [uppdrag, nyckeltal, finansiella_mål]",
        "delar: [uppdrag, nyckeltal]   # en nämnds plan har inga finansiella mål",
    ),
    "rules/malomraden/ledningsprocesser.yaml": (
        "ursprung: fullmäktige   # fullmäktige eller nämnd",
        "ursprung: nämnd   # nämnd (nämndens eget) eller fullmäktige",
    ),
}
NAMND_REPORT = "namnd-rapport.yaml"


def _skeleton_files(period: str, namnd: bool = False) -> list[tuple[str, bytes]]:
    fields = period_fields(period)
    replacements = {
        "PERIOD": period,
        "BENÄMNING": fields["benämning"],
        "TYP": fields["typ"],
        "DATUM": fields["datum"],
    }
    files = []
    for source in sorted(p for p in SKELETON.rglob("*") if p.is_file()):
        rel = source.relative_to(SKELETON).as_posix()
        if rel.endswith((".pyc",)) or "__pycache__" in rel:
            continue
        if rel == NAMND_REPORT:
            if not namnd:
                continue
            rel = "rules/rapport.yaml"
        elif namnd and rel in NAMND_LEFT_OUT:
            continue
        text = source.read_text(encoding="utf-8")
        if namnd and rel in NAMND_EDITS:
            old, new = NAMND_EDITS[rel]
            text = text.replace(old, new)
        for key, value in replacements.items():
            text = text.replace(key, value)
            rel = rel.replace(key, value)
        files.append((PROJECT_FILES.get(rel, rel), text.encode("utf-8")))
    return files


def _example_files() -> list[tuple[str, bytes]]:
    root = example_root()
    if root is None:
        raise UserError("det inbyggda exemplet saknas i installationen (installera om paketet)")
    files = []
    for folder in (RULES_DIR, FIXTURES_DIR):
        for source in sorted(p for p in (root / folder).rglob("*") if p.is_file()):
            if source.suffix in (".yaml", ".yml"):
                files.append((source.relative_to(root).as_posix(), source.read_bytes()))
    project = [(PROJECT_FILES[name], (SKELETON / name).read_bytes()) for name in PROJECT_FILES]
    return files + project


def plan(target: Path, example: bool, period: str | None, namnd: bool = False) -> list[Planned]:
    """The files `init` would write into `target` (`namnd`: a nämnd's plan, see
    NAMND_LEFT_OUT). Raises UserError for a bad period or --exempel with --nämnd."""
    if period is not None and not PERIOD_DIR.match(period):
        raise UserError(period_problem(period))
    if example and period is not None:
        raise UserError("--period gäller skelettet; exemplet har sin egen period (2025-08)")
    if example and namnd:
        raise UserError(
            "--nämnd gäller skelettet; exemplet är regionens plan (en nämnds plan finns "
            "som exempel i examples/hsn-plan i källkoden)"
        )
    if example:
        files = _example_files()
    else:
        files = _skeleton_files(period or default_period(), namnd)
    return [Planned(target / rel, data) for rel, data in files]


def conflicts(planned: list[Planned]) -> list[Path]:
    return [p.path for p in planned if p.path.exists() or p.path.is_symlink()]
