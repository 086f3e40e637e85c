"""maluppfyllelse: rules-driven goal and KPI evaluation.

The data flow is visible in the package names: inputs → checks → evaluation → output,
with tools beside them and cli, the only package that prints or exits, on top.
"""

from __future__ import annotations

__version__ = "0.1.0"
