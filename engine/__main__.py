"""`python -m engine` does the same as the `maluppfyllelse` console script."""

from __future__ import annotations

from engine.cli.entry import run

run()
