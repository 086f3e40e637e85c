"""Projects: the embedded example, `init`, outcomes found beside the rules, and
`validate` checking every period's outcomes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, CliRun

NOTICE = "använder det inbyggda exemplet"


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package as `pip install .` would install it: the wheel, unpacked."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
         "-w", str(out), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = out.glob("*.whl")
    site = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def test_wheel_carries_the_example_identical_to_the_repository(installed_wheel: Path) -> None:
    example = installed_wheel / "engine" / "exempel"
    for folder in ("rules", "fixtures"):
        assert _files(example / folder) == _files(ROOT / folder)


def test_first_readme_command_works_from_an_empty_folder(
    installed_wheel: Path, tmp_path: Path
) -> None:
    # The installed package alone (first on sys.path), run where there is no rules/.
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import engine; "
        "assert engine.__file__.startswith(sys.argv[1]), engine.__file__; "
        "from engine.cli import main; sys.exit(main(['report', '--format', 'html,md']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(installed_wheel)],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert NOTICE in done.stderr
    assert done.stdout.split() == ["reports/bilaga1-2025-08.html", "reports/bilaga1-2025-08.md"]
    assert "Sammanställning måluppfyllelse" in (tmp_path / "reports/bilaga1-2025-08.md").read_text()


def test_validate_in_an_empty_folder_checks_the_embedded_example(
    cli: CliRun, tmp_path: Path
) -> None:
    code, out, err = cli("validate", cwd=tmp_path)
    assert code == 0, out + err
    # seed 004's rounding in 2023 is kept as printed and acknowledged on its line
    assert out.strip() == "0 fel, 0 varningar (1 godkänd) i 24 filer"
    assert NOTICE in err


@pytest.mark.parametrize("command", ["import", "kolada"])
def test_the_data_round_never_writes_into_the_embedded_example(
    cli: CliRun, tmp_path: Path, command: str
) -> None:
    """Without rules/ here, `mall` may show the example, but `import` and `kolada` would
    write into the package's own fixtures, which every later run without rules/ reads."""
    before = _files(ROOT / "fixtures")
    code, _, err = cli("mall", "--period", "2026-04", cwd=tmp_path)
    assert code == 0, err
    book = sorted((tmp_path / "insamling" / "2026-04").glob("*.xlsx"))[0]
    args = [str(book)] if command == "import" else ["--offline"]
    code, out, err = cli(command, *args, cwd=tmp_path)
    assert code == 2 and out == ""
    assert f"'{command}' skriver inte i det inbyggda exemplet" in err
    assert "maluppfyllelse init --exempel" in err
    assert _files(ROOT / "fixtures") == before


def test_validate_says_a_period_folder_it_cannot_read(cli: CliRun, tmp_path: Path) -> None:
    """A period folder named 2025-8 is read by no command: validate passed while report
    found no period. It is now a warning (an error with --strict), and so is a fixtures/
    without any period folder."""
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "fixtures" / "2025-08", tmp_path / "fixtures" / "2025-8")
    (tmp_path / "fixtures" / "arkiv").mkdir()  # no year in its name: not meant as a period
    code, out, _ = cli("validate", "--strict", cwd=tmp_path)
    assert code == 1
    assert out.splitlines()[:2] == [
        "fixtures:1:1: fel: ingen periodmapp (ÅÅÅÅ-MM) här: inga utfall kontrolleras [periodmapp]",
        "fixtures/2025-8:1:1: fel: mappen läses inte: en periodmapp heter ÅÅÅÅ-MM, "
        "t.ex. 2025-08 [periodmapp]",
    ]
    (tmp_path / "fixtures" / "2025-8").rename(tmp_path / "fixtures" / "2025-08")
    code, out, _ = cli("validate", "--strict", cwd=tmp_path)
    assert code == 0 and "periodmapp" not in out and "arkiv" not in out


def test_validate_says_the_outcomes_were_not_checked_when_the_rules_fail(
    cli: CliRun, tmp_path: Path
) -> None:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    plan = tmp_path / "rules" / "organisation.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "\nokänd_nyckel: 1\n", encoding="utf-8")
    (tmp_path / "fixtures" / "2025-08" / "malomraden" / "kultur.yaml").write_text("")
    code, out, _ = cli("validate", cwd=tmp_path)
    assert code == 1
    # said after the counts (no annotation of its own in CI); in JSON and JUnit as a field
    assert out.splitlines()[-1].endswith(
        " i 12 filer; utfallen i fixtures/2025-08 kontrollerades inte, eftersom reglerna har fel"
    )
    code, out, _ = cli("validate", "--format", "github", cwd=tmp_path)
    assert "kontrollerades inte" in out.splitlines()[-1] and "title=" not in out.split("\n")[-2]
    code, out, _ = cli("validate", "--format", "json", cwd=tmp_path)
    assert json.loads(out)["ej_kontrollerat"] == [
        "utfallen i fixtures/2025-08 kontrollerades inte, eftersom reglerna har fel"
    ]
    code, out, _ = cli("validate", "--format", "junit", cwd=tmp_path)
    assert '<property name="ej_kontrollerat" value="utfallen i fixtures/2025-08' in out


def test_a_share_with_an_utfall_beyond_100_is_a_warning(cli: CliRun, tmp_path: Path) -> None:
    """1920 typed for a share of 84 % was judged green at 2 300 %, without a word."""
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    area = tmp_path / "fixtures" / "2025-08" / "malomraden" / "halso-och-sjukvard.yaml"
    text = area.read_text(encoding="utf-8")
    typo = "  - id: hs-hsn-telefon-samma-dag\n    nämnd: HSN\n    utfall: 1920\n"
    area.write_text(text.replace(typo.replace("1920", "84"), typo), encoding="utf-8")
    line = text.splitlines().index("  - id: hs-hsn-telefon-samma-dag") + 3
    code, out, _ = cli("validate", cwd=tmp_path)
    assert code == 0
    assert (
        f"fixtures/2025-08/malomraden/halso-och-sjukvard.yaml:{line}:13: varning: "
        "nyckeltal[2].utfall: 'hs-hsn-telefon-samma-dag' är en andel i procent, men utfallet "
        "är 1\u00a0920; en andel ligger mellan 0 och 100 [andel-utfall]"
    ) in out.splitlines()


def test_a_named_rules_folder_that_is_missing_is_an_error_not_the_example(
    cli: CliRun, tmp_path: Path
) -> None:
    code, _, err = cli("report", "--rules", "regler", cwd=tmp_path)
    assert code == 2
    assert "regelmappen 'regler' finns inte" in err
    assert NOTICE not in err


def test_outcomes_are_found_beside_the_rules(cli: CliRun, tmp_path: Path) -> None:
    elsewhere = tmp_path / "annan"
    elsewhere.mkdir()
    code, out, err = cli("evaluate", "--rules", str(ROOT / "rules"), cwd=elsewhere)
    assert code == 0, err
    assert "per augusti 2025" in out


def test_init_skeleton_validates_and_reports(cli: CliRun, tmp_path: Path) -> None:
    code, _, err = cli("init", "nytt", "--period", "2026-04", cwd=tmp_path)
    assert code == 0, err
    project = tmp_path / "nytt"
    assert (project / "fixtures/2026-04/period.yaml").read_text().count('"2026-04"') == 1
    assert "benämning: per april 2026" in (project / "fixtures/2026-04/period.yaml").read_text()
    for name in (".pre-commit-config.yaml", ".github/workflows/maluppfyllelse.yml", ".gitignore"):
        assert (project / name).is_file(), name
    code, out, err = cli("validate", "--strict", cwd=project)
    assert (code, out.strip()) == (0, "0 fel, 0 varningar i 8 filer"), err
    code, out, err = cli("report", "--format", "md", cwd=project)
    assert code == 0, err
    text = (project / "reports/bilaga1-2026-04.md").read_text()
    assert "Ledningsprocesser" in text and "Sjukfrånvaro" in text
    assert NOTICE not in err


def test_init_namnd_writes_a_namnd_plan_that_validates_and_reports(
    cli: CliRun, tmp_path: Path
) -> None:
    code, _, err = cli("init", "hsn", "--nämnd", "--period", "2026-08", cwd=tmp_path)
    assert code == 0, err
    project = tmp_path / "hsn"
    rules = sorted(p.relative_to(project).as_posix() for p in (project / "rules").rglob("*.yaml"))
    assert rules == [
        "rules/malomraden/ledningsprocesser.yaml",
        "rules/organisation.yaml",
        "rules/rapport.yaml",
        "rules/skala.yaml",
    ]
    assert not (project / "fixtures/2026-08/finansiella_mal.yaml").exists()
    code, out, err = cli("validate", "--strict", cwd=project)
    assert (code, out.strip()) == (0, "0 fel, 0 varningar i 6 filer"), err
    code, out, err = cli("report", "--format", "md", cwd=project)
    assert code == 0, err
    text = (project / "reports/bilaga1-2026-08.md").read_text()
    assert text.startswith("# Nämndens uppföljning av mål per augusti 2026\n")
    assert "Kortsiktiga nyckeltal" in text and "hushållning" not in text.lower()
    # The skeleton for a region still has its financial goals and no rapport.yaml.
    code, _, err = cli("init", "region", cwd=tmp_path)
    assert code == 0, err
    assert (tmp_path / "region/rules/finansiella_mal.yaml").is_file()
    assert not (tmp_path / "region/rules/rapport.yaml").exists()


def test_init_example_copies_the_region_and_never_overwrites(cli: CliRun, tmp_path: Path) -> None:
    code, _, err = cli("init", "--exempel", "demo", cwd=tmp_path)
    assert code == 0, err
    demo = tmp_path / "demo"
    assert _files(demo / "rules") == _files(ROOT / "rules")
    assert _files(demo / "fixtures") == _files(ROOT / "fixtures")
    edited = demo / "rules/organisation.yaml"
    edited.write_text(edited.read_text() + "# min ändring\n")
    before = _files(demo)
    code, _, err = cli("init", "--exempel", "demo", cwd=tmp_path)
    assert code == 1
    assert "demo/rules/organisation.yaml: fel: filen finns redan" in err
    assert err.strip().endswith("inga filer skrevs")
    assert _files(demo) == before


def test_init_refuses_a_malformed_period(cli: CliRun, tmp_path: Path) -> None:
    code, _, err = cli("init", "x", "--period", "2026-13", cwd=tmp_path)
    assert code == 2
    assert "ÅÅÅÅ-MM" in err
    assert not (tmp_path / "x").exists()


def test_validate_checks_the_outcomes_beside_the_rules(cli: CliRun, tmp_path: Path) -> None:
    cli("init", "p", "--period", "2026-04", cwd=tmp_path)
    outcome = tmp_path / "p/fixtures/2026-04/malomraden/ledningsprocesser.yaml"
    outcome.write_text(outcome.read_text().replace("utfall: 6.4", "utfall: 6,4"))
    code, out, _ = cli("validate", cwd=tmp_path / "p")
    assert code == 1
    assert (
        "fixtures/2026-04/malomraden/ledningsprocesser.yaml:18:13: fel: nyckeltal[1].utfall" in out
    )
    code, out, _ = cli("validate", "--bara-regler", cwd=tmp_path / "p")
    assert code == 0, out
