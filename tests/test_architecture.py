"""The stage layering of engine/ is a contract (pyproject.toml, [tool.importlinter]):
a back edge, such as evaluation importing output, fails here and so in CI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_stages_import_only_downwards() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


def test_a_back_edge_breaks_the_contract(tmp_path: Path) -> None:
    """The contract is real: an evaluation module importing the output stage is refused."""
    import shutil

    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "engine", copy / "engine")
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    bad = copy / "engine" / "evaluation" / "aggregation.py"
    bad.write_text(bad.read_text() + "\nfrom engine.output import context  # noqa\n")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, '.'); from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
        ],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(copy)},
    )
    assert done.returncode != 0, done.stdout
    assert "BROKEN" in done.stdout
