"""Outcomes from Kolada, the national database of municipal and regional key figures.

- `client`: the Kolada API v3 over httpx (timeouts, retries, bounded and validated bodies).
- `snapshot`: the raw responses kept under the period folder with their SHA-256.
- `values`: which nyckeltal to ask for, and Kolada's answers as outcome changes.
"""
