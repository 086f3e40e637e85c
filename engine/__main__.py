"""`python -m engine` does the same as the `maluppfyllelse` console script."""

from __future__ import annotations

import sys

from engine.cli import main

sys.exit(main())
