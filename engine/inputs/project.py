"""Stage 1, inputs: where a project's rules and outcomes are, and the embedded example.

A project is a folder with `rules/` and `fixtures/ÅÅÅÅ-MM/` side by side. The decisions,
so that every command finds the same files:

- `--rules MAPP` names the rules; without it, `rules/` in the current folder is used.
- When no `--rules` is given and the current folder has no `rules/`, the commands use the
  **embedded example** (Region Jämtland Härjedalen's rules for 2025 and its outcomes per
  augusti 2025, shipped inside the package) and say so on stderr. That is what makes the
  README's first command work from any folder; `maluppfyllelse init` makes a project of
  one's own, from the example (`--exempel`) or from a commented skeleton.
- Outcomes are found beside the rules: `MAPP/../fixtures`, unless `--outcomes` names a
  period folder.

The example lives in the wheel as `engine/exempel/{rules,fixtures}` (copied there from the
repository's `rules/` and `fixtures/` by `setup.py` at build time, so the repository keeps
one copy). In an editable install or a source checkout the repository's own folders are
used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.inputs.files import FIXTURES_DIR, RULES_DIR

EXAMPLE_PACKAGE_DIR = "exempel"
EXAMPLE_NAME = "Region Jämtland Härjedalen, mål för 2025 och utfall per augusti 2025"


@dataclass(frozen=True)
class Project:
    rules: Path
    fixtures: Path
    #: True when the embedded example is used because no rules folder was found.
    embedded: bool = False


def example_root() -> Path | None:
    """The folder that holds the example's `rules/` and `fixtures/`, or None if absent."""
    package = Path(__file__).resolve().parent.parent
    for root in (package / EXAMPLE_PACKAGE_DIR, package.parent):
        if (root / RULES_DIR).is_dir() and (root / FIXTURES_DIR).is_dir():
            return root
    return None


def fixtures_beside(rules: Path) -> Path:
    """The outcomes that belong to a rules folder: `fixtures/` next to it."""
    return rules.parent / FIXTURES_DIR


def locate(rules: str | None, cwd: Path | None = None) -> Project:
    """The project the user means. `rules` is what `--rules` said (None: not given)."""
    if rules is not None:
        folder = Path(rules)
        return Project(folder, fixtures_beside(folder))
    here = (cwd or Path.cwd()) / RULES_DIR
    if here.is_dir():
        local = Path(RULES_DIR)
        return Project(local, fixtures_beside(local))
    root = example_root()
    if root is None:
        # Nothing to fall back on: report the folder the user would expect.
        return Project(Path(RULES_DIR), Path(FIXTURES_DIR))
    return Project(root / RULES_DIR, root / FIXTURES_DIR, embedded=True)
