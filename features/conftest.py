"""Shared step definitions and fixtures for the Swedish Gherkin specifications.

Each feature file has its own step module (`test_<feature>.py`); steps used by more than
one feature live here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from projekt import Projekt, Resultat


@pytest.fixture
def projekt(tmp_path: Path) -> Projekt:
    return Projekt(tmp_path)


@pytest.fixture
def resultat() -> Resultat:
    return Resultat()
