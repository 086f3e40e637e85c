"""maluppfyllelse: rules-driven goal and KPI evaluation.

The data flow is visible in the module names:
load → validate → evaluate → render, with cli as the only module that prints or exits.
"""

from __future__ import annotations

__version__ = "0.1.0"
