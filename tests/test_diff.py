"""`maluppfyllelse diff OLD NEW` and `diff --since REV`, on copies of tests/data/minimal_rules.

The tool runs in-process (`engine.cli.main`) with `tmp_path` as working directory; OLD is
`gammal/` and NEW is `ny/`, so the labels in the output are those names.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from pydantic import Field

from engine.models import Nyckeltal
from engine.tools.diff import item_changes
from engine.tools.diffwords import Item

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
MINIMAL = TESTS / "data" / "minimal_rules"
TD = "malomraden/tandvard.yaml"
LP = "malomraden/ledningsprocesser.yaml"

Run = Callable[..., tuple[int, str, str]]

NEW_KPI = """\
  - id: lp-rs-personalomsattning
    namn: Personalomsättning
    nämnder: [RS]
    enhet: "%"
    riktning: Max
    mål: 10
"""


@pytest.fixture
def run(cli: Run) -> Run:
    """Run `maluppfyllelse diff …` in `cwd`; return (exit code, stdout, stderr)."""
    return lambda *args, cwd: cli("diff", *args, cwd=cwd)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "gammal", tmp_path / "ny"
    shutil.copytree(MINIMAL, old)
    shutil.copytree(MINIMAL, new)
    return old, new


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: {old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(text)


def groups(text: str) -> dict[str, list[str]]:
    """Text output → {målområde: [change, …]}."""
    out: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines()[1:]:
        if line.endswith(":") and not line.startswith(" "):
            current = line[:-1]
            out[current] = []
        elif line.startswith("  - "):
            assert current is not None, line
            out[current].append(line[4:])
    return out


REV = "nyckeltal 'Andel barn och unga som undersöks inom sitt revisionsintervall' (td-hsn-revisionsintervall)"
HSE = "nyckeltal 'Hållbart SäkerhetsEngagemang (HSE)' (td-hsn-hse)"
SJUK = "nyckeltal 'Sjukfrånvaro (minska)' (lp-rs-sjukfranvaro)"
VANT = "nyckeltal 'Väntetid till första undersökning' (td-hsn-vantetid)"


# --- targets ----------------------------------------------------------------------------


def test_target_changed_exact_text(run: Run, pair: tuple[Path, Path], tmp_path: Path) -> None:
    _, new = pair
    edit(new / TD, "mål: 88\n", "mål: 90\n")
    code, out, err = run("gammal", "ny", cwd=tmp_path)
    assert (code, err) == (0, "")
    assert out == (
        "Ändringar i reglerna från gammal till ny:\n"
        "\n"
        "Tandvård:\n"
        f"  - {REV}: mål ändrat från 88 % till 90 %\n"
    )


def test_changes_are_grouped_by_malomrade(
    run: Run, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    _, new = pair
    edit(new / TD, "mål: 88\n", "mål: 90\n")
    edit(new / TD, "mål: 60\n", "mål: 45\n")
    edit(new / LP, "mål: 6.5\n", "mål: 6\n")
    edit(new / "finansiella_mal.yaml", "mål: 67\n", "mål: 70\n")
    code, out, _ = run("gammal", "ny", cwd=tmp_path)
    assert code == 0
    assert groups(out) == {
        "Ledningsprocesser": [f"{SJUK}: mål ändrat från 6,5 % till 6 %"],
        "Tandvård": [
            f"{REV}: mål ändrat från 88 % till 90 %",
            f"{VANT}: mål ändrat från 60 dagar till 45 dagar",
        ],
        "Finansiella mål": [
            "finansiellt mål 'Kassalikviditet exkl. pensionsplaceringar' (kassalikviditet): mål ändrat från 67 % till 70 %"
        ],
    }


def test_avvikande_mal_for_a_namnd(run: Run, pair: tuple[Path, Path], tmp_path: Path) -> None:
    _, new = pair
    edit(new / LP, "    mål: 6.5\n", "    mål: 6.5\n    avvikande_mål: {RUN: 7}\n")
    code, out, _ = run("gammal", "ny", cwd=tmp_path)
    assert code == 0
    assert groups(out) == {
        "Ledningsprocesser": [f"{SJUK}: avvikande mål för RUN ändrat från – till 7 %"]
    }


# --- method and thresholds --------------------------------------------------------------


def test_method_changed(run: Run, pair: tuple[Path, Path], tmp_path: Path) -> None:
    _, new = pair
    edit(
        new / TD, "bedömning: {metod: kvot, gult_band: {från: 85}}", "bedömning: {metod: uppfyllt}"
    )
    code, out, _ = run("gammal", "ny", cwd=tmp_path)
    assert code == 0
    [line] = groups(out)["Tandvård"]
    assert line.startswith(f"{HSE}: bedömning ändrad från ")
    old, new_ = line.split(": bedömning ändrad från ", 1)[1].split(" till ", 1)
    assert "kvot" in old and "uppfyllt" not in old
    assert "uppfyllt" in new_ and "kvot" not in new_


@pytest.mark.parametrize(
    ("file", "old", "new", "label", "before", "after"),
    [
        (TD, "gult_band: {från: 85}", "gult_band: {från: 80}", HSE, "85", "80"),
        (
            TD,
            "- {status: gul, från: 61, till: 90}",
            "- {status: gul, från: 61, till: 120}",
            VANT,
            "90",
            "120",
        ),
    ],
    ids=["gult-band", "band-gräns"],
)
def test_threshold_changed_is_readable(
    file: str,
    old: str,
    new: str,
    label: str,
    before: str,
    after: str,
    run: Run,
    pair: tuple[Path, Path],
    tmp_path: Path,
) -> None:
    """A threshold change names the old and new limits as people write them (85, not 85.0),
    in Swedish, like the other lines (and like 'gult intervall ändrat från 90–100 % …' for
    the scale), not as a JSON dump of the judgement."""
    _, ny = pair
    edit(ny / file, old, new)
    code, out, _ = run("gammal", "ny", cwd=tmp_path)
    assert code == 0
    [line] = groups(out)["Tandvård"]
    assert line.startswith(f"{label}: ")
    assert re.search(rf"\b{before}\b", line) and re.search(rf"\b{after}\b", line), line
    assert not re.search(r"\d\.0\b", line), f"numbers shown as floats: {line}"
    assert "{" not in line and '"' not in line, f"judgement shown as JSON: {line}"


def test_writing_the_default_method_explicitly_is_no_change(
    run: Run, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    """`bedömning: kvot` is what a nyckeltal without `bedömning` already has: nothing changed."""
    _, new = pair
    edit(new / TD, "    mål_text: Minst 88 %\n", "    mål_text: Minst 88 %\n    bedömning: kvot\n")
    code, out, _ = run("gammal", "ny", "--exit-code", cwd=tmp_path)
    assert out == "Inga ändringar i reglerna mellan gammal och ny.\n"
    assert code == 0


def test_target_text_changed(run: Run, pair: tuple[Path, Path], tmp_path: Path) -> None:
    """`mål_text` is the target as printed in Bilaga 1: a reviewer must see when it changes
    (here it no longer agrees with `mål: 88`)."""
    _, new = pair
    edit(new / TD, "mål_text: Minst 88 %", "mål_text: Minst 90 %")
    code, out, _ = run("gammal", "ny", "--exit-code", cwd=tmp_path)
    assert code == 1, out
    [line] = groups(out)["Tandvård"]
    assert line.startswith(f"{REV}: ") and "Minst 88 %" in line and "Minst 90 %" in line, line


def test_comments_and_layout_are_no_change(
    run: Run, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    _, new = pair
    edit(
        new / TD, "    mål: 88\n", "    # Beslutat i regionplanen 2025.\n    mål: 88   # rad 6264\n"
    )
    edit(new / TD, "nämnder: [RS, HSN]", "nämnder:\n      - RS\n      - HSN")
    code, out, _ = run("gammal", "ny", "--exit-code", cwd=tmp_path)
    assert (code, out) == (0, "Inga ändringar i reglerna mellan gammal och ny.\n")


def test_yellow_band_of_the_scale(run: Run, pair: tuple[Path, Path], tmp_path: Path) -> None:
    _, new = pair
    edit(new / "skala.yaml", "  från: 90\n", "  från: 85\n")
    code, out, _ = run("gammal", "ny", cwd=tmp_path)
    assert code == 0
    assert groups(out) == {"Skala": ["gult intervall ändrat från 90–100 % till 85–100 %"]}


def test_direction_changed(run: Run, pair: tuple[Path, Path], tmp_path: Path) -> None:
    _, new = pair
    edit(new / TD, "    riktning: Max\n    mål: 60\n", "    riktning: Minst\n    mål: 60\n")
    code, out, _ = run("gammal", "ny", cwd=tmp_path)
    assert code == 0
    assert groups(out) == {
        "Tandvård": [
            f"{VANT}: riktning ändrad från 'Max' till 'Minst'",
            f"{VANT}: OBS, nu är högre bättre",
        ]
    }


# --- added, removed, renamed ------------------------------------------------------------


def test_nyckeltal_added_and_removed(run: Run, pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = pair
    append(new / LP, NEW_KPI)
    code, out, _ = run("gammal", "ny", cwd=tmp_path)
    assert code == 0
    added = (
        "nyckeltal 'Personalomsättning' (lp-rs-personalomsattning) har lagts till, mål 10 % (Max)"
    )
    assert groups(out) == {"Ledningsprocesser": [added]}
    code, out, _ = run("ny", "gammal", cwd=tmp_path)
    assert groups(out) == {
        "Ledningsprocesser": [
            "nyckeltal 'Personalomsättning' (lp-rs-personalomsattning) har tagits bort"
        ]
    }


def test_nyckeltal_renamed(run: Run, pair: tuple[Path, Path], tmp_path: Path) -> None:
    _, new = pair
    edit(new / TD, "namn: Hållbart SäkerhetsEngagemang (HSE)", "namn: Hållbart säkerhetsengagemang")
    code, out, _ = run("gammal", "ny", cwd=tmp_path)
    assert code == 0
    assert groups(out) == {
        "Tandvård": [
            "nyckeltal td-hsn-hse har bytt namn från 'Hållbart SäkerhetsEngagemang (HSE)' till 'Hållbart säkerhetsengagemang'"
        ]
    }


def test_uppdrag_added_removed_and_reworded(
    run: Run, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    _, new = pair
    edit(
        new / TD,
        "nyckeltal:\n",
        "  - id: td-u02\n    text: Korta köerna till tandvården.\n    ursprung: nämnd\n    nämnder: [HSN]\nnyckeltal:\n",
    )
    edit(
        new / LP,
        "text: Arbeta för en ekonomi i balans.",
        "text: Arbeta för en ekonomi i balans senast 2027.",
    )
    code, out, _ = run("gammal", "ny", cwd=tmp_path)
    assert code == 0
    assert groups(out) == {
        "Ledningsprocesser": [
            "uppdrag lp-u01 har ny lydelse: 'Arbeta för en ekonomi i balans senast 2027.' "
            "(tidigare 'Arbeta för en ekonomi i balans.')"
        ],
        "Tandvård": ["uppdrag td-u02 har lagts till: 'Korta köerna till tandvården.' (HSN)"],
    }
    code, out, _ = run("ny", "gammal", cwd=tmp_path)
    assert (
        "uppdrag td-u02 har tagits bort: 'Korta köerna till tandvården.'" in groups(out)["Tandvård"]
    )


def test_namnd_responsibility_changed(run: Run, pair: tuple[Path, Path], tmp_path: Path) -> None:
    _, new = pair
    edit(new / LP, "nämnder: [RS, RUN]", "nämnder: [RS, HSN]")
    edit(new / TD, "nämnder: [RS, HSN]", "nämnder: [RS]")
    code, out, _ = run("gammal", "ny", cwd=tmp_path)
    assert code == 0
    assert groups(out) == {
        "Ledningsprocesser": [
            f"{SJUK}: nämnd tillagd: HSN",
            f"{SJUK}: nämnd borttagen: RUN",
        ],
        "Tandvård": ["uppdrag td-u01: nämnd borttagen: HSN"],
    }


# --- formats and exit codes -------------------------------------------------------------


def test_markdown_output(run: Run, pair: tuple[Path, Path], tmp_path: Path) -> None:
    _, new = pair
    edit(new / TD, "mål: 88\n", "mål: 90\n")
    edit(new / LP, "mål: 6.5\n", "mål: 6\n")
    code, out, _ = run("gammal", "ny", "--format", "markdown", cwd=tmp_path)
    assert code == 0
    assert out == (
        "### Ändringar i reglerna från `gammal` till `ny`\n"
        "\n"
        "#### Ledningsprocesser\n"
        "\n"
        f"- {SJUK}: mål ändrat från 6,5 % till 6 %\n"
        "\n"
        "#### Tandvård\n"
        "\n"
        f"- {REV}: mål ändrat från 88 % till 90 %\n"
    )


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_no_changes(fmt: str, run: Run, pair: tuple[Path, Path], tmp_path: Path) -> None:
    code, out, err = run("gammal", "ny", "--format", fmt, cwd=tmp_path)
    assert (code, err) == (0, "")
    assert out == (
        "Inga ändringar i reglerna mellan gammal och ny.\n"
        if fmt == "text"
        else "**Inga ändringar** i reglerna mellan `gammal` och `ny`.\n"
    )
    code, _, _ = run("gammal", "ny", "--format", fmt, "--exit-code", cwd=tmp_path)
    assert code == 0


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_exit_code_only_with_flag_and_changes(
    fmt: str, run: Run, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    _, new = pair
    edit(new / TD, "mål: 88\n", "mål: 90\n")
    code, out, _ = run("gammal", "ny", "--format", fmt, cwd=tmp_path)
    assert code == 0 and "mål ändrat från 88 % till 90 %" in out
    code, out, _ = run("gammal", "ny", "--format", fmt, "--exit-code", cwd=tmp_path)
    assert code == 1 and "mål ändrat från 88 % till 90 %" in out


def test_invalid_rules_are_reported_not_compared(
    run: Run, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    _, new = pair
    edit(new / TD, "mål: 88\n", "mål: 88 %\n")
    code, out, err = run("gammal", "ny", cwd=tmp_path)
    assert code == 1
    assert out == ""
    assert "ny/malomraden/tandvard.yaml:16:10: fel: nyckeltal[1].mål: ska vara ett tal" in err


def test_usage_errors(run: Run, pair: tuple[Path, Path], tmp_path: Path) -> None:
    assert run("gammal", cwd=tmp_path)[0] == 2
    assert run("gammal", "finns-inte", cwd=tmp_path)[0] == 2
    assert run("gammal", "ny", "--since", "HEAD", cwd=tmp_path)[0] == 2


# --- --since REV in a git repository ----------------------------------------------------


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo.parent),
    }
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copytree(MINIMAL, repo / "rules")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "regler")
    return repo


def test_since_head_in_a_git_repository(run: Run, repo: Path) -> None:
    code, out, _ = run("--since", "HEAD", cwd=repo)
    assert (code, out) == (0, "Inga ändringar i reglerna mellan HEAD och arbetskopian.\n")

    edit(repo / "rules" / TD, "mål: 88\n", "mål: 90\n")
    code, out, err = run("--since", "HEAD", cwd=repo)
    assert (code, err) == (0, "")
    assert out == (
        "Ändringar i reglerna från HEAD till arbetskopian:\n"
        "\n"
        "Tandvård:\n"
        f"  - {REV}: mål ändrat från 88 % till 90 %\n"
    )
    code, out, _ = run("--since", "HEAD", "--exit-code", "--format", "markdown", cwd=repo)
    assert code == 1
    assert f"- {REV}: mål ändrat från 88 % till 90 %" in out.splitlines()


def test_since_an_earlier_commit_and_a_subdirectory(run: Run, repo: Path) -> None:
    first = git(repo, "rev-parse", "HEAD").strip()
    edit(repo / "rules" / TD, "mål: 88\n", "mål: 90\n")
    git(repo, "commit", "-qam", "nytt mål")
    edit(repo / "rules" / TD, "mål: 90\n", "mål: 92\n")
    code, out, _ = run("--since", first, cwd=repo)
    assert code == 0
    assert groups(out) == {"Tandvård": [f"{REV}: mål ändrat från 88 % till 92 %"]}
    code, out, _ = run("--since", "HEAD", "--rules", ".", cwd=repo / "rules")
    assert groups(out) == {"Tandvård": [f"{REV}: mål ändrat från 90 % till 92 %"]}


def test_since_unknown_revision_is_a_usage_error(run: Run, repo: Path) -> None:
    code, out, err = run("--since", "finns-inte", cwd=repo)
    assert code == 2
    assert out == ""
    assert "kan inte läsa 'rules' vid revisionen 'finns-inte'" in err


def test_since_outside_a_git_repository(run: Run, tmp_path: Path) -> None:
    shutil.copytree(MINIMAL, tmp_path / "rules")
    code, _, err = run("--since", "HEAD", cwd=tmp_path)
    assert code == 2
    assert "kan inte läsa 'rules' vid revisionen 'HEAD'" in err


# --- structured changes: --format json and the generic comparison -----------------------


def test_json_output_is_the_structured_changes(
    run: Run, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    _, new = pair
    edit(new / TD, "mål: 88\n", "mål: 90\n")
    edit(new / LP, "nämnder: [RS, RUN]", "nämnder: [RS, HSN]")
    code, out, err = run("gammal", "ny", "--format", "json", "--exit-code", cwd=tmp_path)
    assert (code, err) == (1, "")
    data = json.loads(out)
    assert {k: data[k] for k in ("schema", "gammal", "ny")} == {
        "schema": 1,
        "gammal": "gammal",
        "ny": "ny",
    }
    assert data["ändringar"] == [
        {
            "målområde": "Ledningsprocesser",
            "typ": "nyckeltal",
            "id": "lp-rs-sjukfranvaro",
            "fält": "nämnder",
            "ändring": "ändrad",
            "gammalt": ["RS", "RUN"],
            "nytt": ["RS", "HSN"],
            "beskrivning": [f"{SJUK}: nämnd tillagd: HSN", f"{SJUK}: nämnd borttagen: RUN"],
        },
        {
            "målområde": "Tandvård",
            "typ": "nyckeltal",
            "id": "td-hsn-revisionsintervall",
            "fält": "mål",
            "ändring": "ändrad",
            "gammalt": 88.0,
            "nytt": 90.0,
            "beskrivning": [f"{REV}: mål ändrat från 88 % till 90 %"],
        },
    ]
    schema = json.loads((ROOT / "schema" / "diff.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []


def test_json_added_removed_and_no_changes(
    run: Run, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    _, new = pair
    append(new / LP, NEW_KPI)
    code, out, _ = run("gammal", "ny", "--format", "json", cwd=tmp_path)
    [change] = json.loads(out)["ändringar"]
    assert (change["ändring"], change["fält"], change["gammalt"]) == ("tillagd", "", None)
    assert change["nytt"]["mål"] == 10 and change["nytt"]["nämnder"] == ["RS"]
    code, out, _ = run("ny", "gammal", "--format", "json", cwd=tmp_path)
    [change] = json.loads(out)["ändringar"]
    assert (change["ändring"], change["nytt"]) == ("borttagen", None)
    code, out, _ = run("gammal", "gammal", "--format", "json", "--exit-code", cwd=tmp_path)
    assert (code, json.loads(out)["ändringar"]) == (0, [])


def test_a_field_without_a_sentence_is_still_reported(
    run: Run, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    """Fields diff has no sentence for (a målområde's order, a nämnd's name, a text in
    hushallning.yaml) are found by the generic comparison, and named as in the YAML."""
    _, new = pair
    edit(new / TD, "ordning: 1\n", "ordning: 5\n")
    edit(new / "organisation.yaml", "namn: Regionstyrelsen", "namn: Styrelsen")
    edit(new / "hushallning.yaml", "  slutsats: |\n", "  slutsats: |\n    Ny första rad.\n")
    code, out, _ = run("gammal", "ny", cwd=tmp_path)
    assert code == 0
    assert groups(out) == {
        "Tandvård": ["ordning ändrat från 1 till 5"],
        "God ekonomisk hushållning": ["texter.slutsats har ändrats"],
        "Organisation": ["nämnder.RS.namn ändrat från 'Regionstyrelsen' till 'Styrelsen'"],
    }


def test_a_field_added_to_the_models_appears_without_new_diff_code() -> None:
    class LaterNyckeltal(Nyckeltal):
        weight: float | None = Field(None, alias="vikt")

    def kpi(**extra: object) -> LaterNyckeltal:
        return LaterNyckeltal.model_validate(
            {"id": "x-1", "namn": "Ett nyckeltal", "nämnder": ["RS"], "mål": 5, **extra}
        )

    item = Item("nyckeltal", "x-1", kpi(vikt=1), kpi(vikt=2.5))
    [change] = item_changes("Tandvård", item)
    assert (change.field, change.old, change.new) == ("vikt", 1.0, 2.5)
    assert change.lines == ["nyckeltal 'Ett nyckeltal' (x-1): vikt ändrat från 1 till 2,5"]
    assert item_changes("Tandvård", Item("nyckeltal", "x-1", kpi(), kpi())) == []
