"""Stage 4, render (office formats): DOCX (`engine.output.word`) and XLSX
(`engine.output.excel`), imported only when asked for (python-docx and openpyxl are slow
to import). Both only present the context built by `engine.output.context`."""

from __future__ import annotations

from engine.output.excel import to_xlsx
from engine.output.excel_sheets import STATUS_FILL
from engine.output.word import to_docx
from engine.output.word_parts import SYMBOL_COLOUR

__all__ = ["STATUS_FILL", "SYMBOL_COLOUR", "to_docx", "to_xlsx"]
