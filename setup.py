"""Build hook: ship the repository's `rules/` and `fixtures/` inside the wheel.

The project's metadata is in pyproject.toml. This file only adds one step to `build_py`:
the Region Jämtland Härjedalen example (`rules/`, `fixtures/`) is copied into the built
package as `engine/exempel/`, so that an installed `maluppfyllelse` can run on it from any
folder and `maluppfyllelse init --exempel` can copy it. The repository keeps one copy of
the data; see engine/inputs/project.py for how it is found.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

EXAMPLE_FOLDERS = ("rules", "fixtures")


class BuildPyWithExample(build_py):  # type: ignore[misc]
    def run(self) -> None:
        super().run()
        here = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "engine" / "exempel"
        for name in EXAMPLE_FOLDERS:
            source = here / name
            if not source.is_dir():
                continue
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(
                source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )


setup(cmdclass={"build_py": BuildPyWithExample})
