"""`mål_text` read back and compared with `mål`, `riktning` and `enhet` (issue 9)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.checks.printed_target import read_printed
from tests.conftest import ROOT, CliRun


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Minst 4,07", ("Minst", 4.07, False)),
        ("Max 1 200 patienter", ("Max", 1200.0, False)),
        (">67%", (">", 67.0, True)),
        ("-34,8%", (None, -34.8, True)),
        ("2 800 tim i snitt/mån (R12)", (None, 2800.0, False)),
        ("Kortare än 10 minuter", ("Kortare än", 10.0, False)),
        ("Ska öka", (None, None, False)),
    ],
)
def test_printed_targets_are_read_back(text: str, expected: tuple[object, ...]) -> None:
    assert read_printed(text) == expected


def _validate(cli: CliRun, tmp_path: Path, old: str, new: str) -> list[str]:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    path = rules / "malomraden/tandvard.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    code, out, _ = cli("validate", "rules", "--bara-regler", cwd=tmp_path)
    assert code == 0
    return [line for line in out.splitlines() if "[mål-text]" in line]


def test_the_real_targets_agree_with_their_printed_text(cli: CliRun) -> None:
    code, out, _ = cli("validate", "rules", "--bara-regler", "--strict", cwd=ROOT)
    assert (code, out.strip()) == (0, "0 fel, 0 varningar i 12 filer")


def test_a_changed_target_with_the_old_text_is_a_warning(cli: CliRun, tmp_path: Path) -> None:
    lines = _validate(cli, tmp_path, "    mål: 55\n", "    mål: 50\n")
    assert lines == [
        "rules/malomraden/tandvard.yaml:81:15: varning: nyckeltal[4].mål_text: mål_text "
        "'Minst 55 %' säger talet 55 men mål är 50; rätta den ena [mål-text]"
    ]


def test_a_direction_that_points_the_other_way_is_a_warning(cli: CliRun, tmp_path: Path) -> None:
    lines = _validate(cli, tmp_path, "mål_text: Minst 55 %", "mål_text: Max 55 %")
    assert len(lines) == 1 and "'Max' men riktning är 'Minst'" in lines[0]


def test_percent_in_the_text_but_not_the_unit_is_a_warning(cli: CliRun, tmp_path: Path) -> None:
    lines = _validate(cli, tmp_path, "mål_text: Minst 55 %", "mål_text: Minst 55 %%")
    assert lines == []  # still percent: fine
    lines = _validate(cli, tmp_path / "b", "mål_text: Minst 4,07", "mål_text: Minst 4,07 %")
    assert len(lines) == 1 and "% men enhet är 'index'" in lines[0]
