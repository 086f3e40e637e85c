"""What every command shares that costs nothing to import: exit codes and paths.

Kept apart from `engine.cli.common` (which imports the checks and the evaluation) so
that `--version`, `--help`, `schema`, `fmt` and `init` start without them.
"""

from __future__ import annotations

from pathlib import Path

from engine.diagnostics import UserError

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def existing_dir(path: str, what: str) -> Path:
    if not path.strip():
        raise UserError(f"{what} saknas (tom sökväg)")
    p = Path(path)
    if not p.is_dir():
        raise UserError(f"{what} '{path}' finns inte eller är ingen mapp")
    return p


def shown(path: Path) -> str:
    """A written path as the user should see it: relative to the current folder if inside it."""
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
