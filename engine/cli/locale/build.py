"""Compile argparse.po to argparse.mo: `python -m engine.cli.locale.build`."""

from __future__ import annotations

from engine.cli.locale import MO, compile_catalogue

if __name__ == "__main__":
    MO.write_bytes(compile_catalogue())
    print(MO)
