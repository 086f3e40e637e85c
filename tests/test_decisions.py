"""Decisions on targets (`beslut:`): an organisation.yaml default, a measure's own,
`kräv_beslut: true` with `validate --strict`, and `diff`."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import CliRun

MINIMAL = Path(__file__).resolve().parent / "data" / "minimal_rules"
DEFAULT = """beslut:
  dokument: Regionplan med budget 2025–2027
  organ: Regionfullmäktige
  datum: 2024-11-20
  paragraf: § 123
"""


def _rules(tmp_path: Path, name: str = "rules") -> Path:
    folder = tmp_path / name
    shutil.copytree(MINIMAL, folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_decisions_are_not_required_unless_asked(cli: CliRun, tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    code, _, err = cli("validate", "--strict", "--bara-regler", str(rules), cwd=tmp_path)
    assert code == 0, err
    assert "beslut-saknas" not in err


def test_required_decisions_warn_and_strict_makes_them_errors(cli: CliRun, tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    _append(rules / "organisation.yaml", "kräv_beslut: true\nbeslut:\n  dokument: Regionplan\n")
    code, err, _ = cli("validate", "--bara-regler", str(rules), cwd=tmp_path)
    assert code == 0, err
    assert "varning: nyckeltal[1]: målet för 'td-hsn-revisionsintervall': standardbeslutet i " \
        "organisation.yaml saknar datum, organ, paragraf" in err  # fmt: skip
    assert "tandvard.yaml:11:5:" in err and "[beslut-saknas]" in err
    code, err, _ = cli("validate", "--strict", "--bara-regler", str(rules), cwd=tmp_path)
    assert code == 1
    assert "fel: nyckeltal[1]" in err


def test_a_full_default_or_own_decision_satisfies_the_requirement(
    cli: CliRun, tmp_path: Path
) -> None:
    rules = _rules(tmp_path)
    _append(rules / "organisation.yaml", "kräv_beslut: true\n" + DEFAULT)
    code, _, err = cli("validate", "--strict", "--bara-regler", str(rules), cwd=tmp_path)
    assert code == 0, err
    # A measure's own incomplete decision is pointed at its `beslut` key.
    _edit(
        rules / "malomraden/tandvard.yaml",
        "    mål_text: Minst 88 %\n",
        "    mål_text: Minst 88 %\n    beslut: {dokument: HSN:s verksamhetsplan 2025}\n",
    )
    code, err, _ = cli("validate", "--strict", "--bara-regler", str(rules), cwd=tmp_path)
    assert code == 1
    assert "nyckeltal[1].beslut: målet för 'td-hsn-revisionsintervall': beslutet saknar " \
        "datum, organ, paragraf" in err  # fmt: skip


def test_diff_shows_the_decision_behind_a_new_target(cli: CliRun, tmp_path: Path) -> None:
    _rules(tmp_path, "gammal")
    new = _rules(tmp_path, "ny")
    _append(new / "organisation.yaml", DEFAULT)
    _edit(new / "malomraden/tandvard.yaml", "    mål: 88\n", "    mål: 90\n")
    _edit(
        new / "malomraden/tandvard.yaml",
        "    mål: 4.07\n",
        "    mål: 4.07\n    beslut: {dokument: HSN:s plan 2025, organ: HSN, datum: 2025-01-30, "
        "paragraf: § 7}\n",
    )
    code, out, err = cli("diff", "gammal", "ny", cwd=tmp_path)
    assert code == 0, err
    assert (
        "standardbeslutet för målen ändrat från '–' till 'Regionplan med budget 2025–2027, "
        "Regionfullmäktige 2024-11-20 § 123'" in out
    )
    assert (
        "nyckeltal 'Andel barn och unga som undersöks inom sitt revisionsintervall' "
        "(td-hsn-revisionsintervall): det nya målet är beslutat i Regionplan med budget "
        "2025–2027, Regionfullmäktige 2024-11-20 § 123" in out
    )
    assert "(td-hsn-hse): beslut ändrat från '–' till 'HSN:s plan 2025, HSN 2025-01-30 § 7'" in out


def test_a_deviating_target_can_name_its_own_decision(cli: CliRun, tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    _append(rules / "organisation.yaml", "kräv_beslut: true\n" + DEFAULT)
    _edit(
        rules / "malomraden/tandvard.yaml",
        "    mål_text: Minst 88 %\n",
        "    mål_text: Minst 88 %\n    avvikande_mål: {HSN: 90}\n"
        "    avvikande_beslut: {HSN: {dokument: HSN:s plan 2025}}\n",
    )
    code, out, _ = cli("validate", "--strict", "--bara-regler", str(rules), cwd=tmp_path)
    assert code == 1
    assert "nyckeltal[1].avvikande_beslut.HSN: HSN:s avvikande mål för " \
        "'td-hsn-revisionsintervall': beslutet saknar datum, organ, paragraf" in out  # fmt: skip
    _rules(tmp_path, "gammal")
    new = _rules(tmp_path, "ny")
    _edit(
        new / "malomraden/tandvard.yaml",
        "    mål_text: Minst 88 %\n",
        "    mål_text: Minst 88 %\n    avvikande_beslut: {HSN: {dokument: HSN:s plan 2025, "
        "organ: HSN, datum: 2025-01-30, paragraf: § 7}}\n",
    )
    code, out, err = cli("diff", "gammal", "ny", cwd=tmp_path)
    assert code == 0, err
    assert "beslut för HSN:s avvikande mål ändrat från '–' till 'HSN:s plan 2025, HSN " \
        "2025-01-30 § 7'" in out  # fmt: skip
