"""The Swedish catalogue for argparse's own messages (usage, help headings, errors).

argparse marks every message it prints with gettext; `install()` points those calls at
the catalogue `sv/LC_MESSAGES/argparse.mo` shipped here, so help and errors are Swedish
by construction instead of English text rewritten afterwards. The `.po` file is the
source; `python -m engine.cli.locale.build` compiles it (babel), and a test fails when the
committed `.mo` differs from its `.po`.
"""

from __future__ import annotations

import argparse
import gettext
from pathlib import Path

HERE = Path(__file__).parent
PO = HERE / "sv" / "LC_MESSAGES" / "argparse.po"
MO = PO.with_suffix(".mo")


def install() -> None:
    with MO.open("rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    # argparse looks its `_` and `ngettext` up as module globals at call time.
    argparse._ = catalogue.gettext  # type: ignore[attr-defined]
    argparse.ngettext = catalogue.ngettext  # type: ignore[attr-defined]


def compile_catalogue() -> bytes:
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with PO.open("rb") as fh:
        catalog = read_po(fh)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()
