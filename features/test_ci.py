"""Step definitions for ci.feature: the GitHub Actions example run against a rules repository.

The repository is built in `tmp_path`: tests/data/minimal_rules as rules/, one complete
period of outcomes under fixtures/2025-08/, committed on "main" and mirrored as
"origin/main" (what `actions/checkout` with `fetch-depth: 0` gives a pull request). The
policy officer's change is committed on a branch. The workflow's `run:` steps that call
maluppfyllelse are taken from docs/ci/github-actions.yml and run with bash, with
`${{ github.base_ref }}` = main and `$GITHUB_STEP_SUMMARY` a file, as on GitHub.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / "docs" / "ci" / "github-actions.yml"

scenarios("ci.feature")

ANNOTATION = re.compile(
    r"^::(?P<kind>error|warning|notice) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),title=(?P<title>[^:]+)::(?P<message>.*)$"
)


@dataclass
class Step:
    name: str
    command: str
    code: int
    stdout: str
    stderr: str


@dataclass
class Repo:
    root: Path
    env: dict[str, str]
    edited: tuple[str, int, int] | None = None  # file, line, column of the changed value
    steps: list[Step] = field(default_factory=list)
    summary: Path | None = None

    def git(self, *args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=self.root, env=self.env, check=True, capture_output=True, text=True
        ).stdout

    @property
    def annotations(self) -> list[re.Match[str]]:
        return [
            m for s in self.steps for line in s.stdout.splitlines() if (m := ANNOTATION.match(line))
        ]


def _outcomes(folder: Path, period: str) -> None:
    """A complete, valid period for tests/data/minimal_rules (no warnings, also with --strict)."""
    (folder / "malomraden").mkdir(parents=True)
    (folder / "period.yaml").write_text(
        f'period: "{period}"\nbenämning: per {period}\ntyp: delår\nmäts: [tertial, halvår]\n',
        encoding="utf-8",
    )
    (folder / "finansiella_mal.yaml").write_text(
        "finansiella_mål:\n  - id: soliditet\n    utfall: -30\n  - id: kassalikviditet\n    utfall: 70\n",
        encoding="utf-8",
    )
    (folder / "malomraden" / "tandvard.yaml").write_text(
        "målområde: tandvard\n"
        "uppdrag:\n"
        "  - {id: td-u01, nämnd: RS, status: Pågående enligt plan}\n"
        "  - {id: td-u01, nämnd: HSN, status: Pågående enligt plan}\n"
        "nyckeltal:\n"
        "  - {id: td-hsn-revisionsintervall, nämnd: HSN, utfall: 86}\n"
        "  - {id: td-hsn-hse, nämnd: HSN, utfall: 4.1}\n"
        "  - {id: td-hsn-vantetid, nämnd: HSN, utfall: 50}\n",
        encoding="utf-8",
    )
    (folder / "malomraden" / "ledningsprocesser.yaml").write_text(
        "målområde: ledningsprocesser\n"
        "uppdrag:\n"
        "  - {id: lp-u01, nämnd: RS, status: Pågående enligt plan}\n"
        "  - {id: lp-u01, nämnd: HSN, status: Pågående enligt plan}\n"
        "  - {id: lp-u01, nämnd: RUN, status: Pågående enligt plan}\n",
        encoding="utf-8",
    )


@given(
    parsers.re(
        r'^ett regelförråd med reglerna i (?P<rules>\S+) och utfall för perioden "(?P<period>\d{4}-\d{2})" på grenen "(?P<branch>[^"]+)"$'
    ),
    target_fixture="repo",
)
def given_repo(rules: str, period: str, branch: str, tmp_path: Path) -> Repo:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "regler"
    root.mkdir()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(tmp_path),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Handläggare",
        "GIT_AUTHOR_EMAIL": "handlaggare@example.org",
        "GIT_COMMITTER_NAME": "Handläggare",
        "GIT_COMMITTER_EMAIL": "handlaggare@example.org",
        "NO_COLOR": "1",
    }
    repo = Repo(root, env)
    repo.git("init", "-q", "-b", branch)
    shutil.copytree(ROOT / rules, root / "rules")
    _outcomes(root / "fixtures" / period, period)
    repo.git("add", "-A")
    repo.git("commit", "-qm", "regler och utfall")
    repo.git("update-ref", f"refs/remotes/origin/{branch}", "HEAD")
    repo.git("checkout", "-q", "-b", "handlaggarens-andring")
    return repo


def _change(
    repo: Repo, kpi: str, key: str, old: str | None, new: str | None, comment: str = ""
) -> None:
    """Change `key: old` to `key: new` in the nyckeltal `kpi` and remember where the value
    is; or, with `comment`, write that comment line above the key."""
    for file in sorted((repo.root / "rules" / "malomraden").glob("*.yaml")):
        lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
        try:
            start = next(i for i, line in enumerate(lines) if line.rstrip() == f"  - id: {kpi}")
        except StopIteration:
            continue
        for i in range(start + 1, len(lines)):
            if lines[i].startswith("  - "):
                break
            prefix = f"    {key}: "
            if lines[i].startswith(prefix):
                if comment:
                    lines.insert(i, f"    {comment}\n")
                else:
                    assert lines[i].rstrip("\n") == prefix + str(old), lines[i]
                    lines[i] = prefix + str(new) + "\n"
                    repo.edited = (file.relative_to(repo.root).as_posix(), i + 1, len(prefix) + 1)
                file.write_text("".join(lines), encoding="utf-8")
                repo.git("commit", "-qam", f"{kpi}: {comment or f'{key} {old} → {new}'}")
                return
        raise AssertionError(f"'{key}' not found for {kpi}")
    raise AssertionError(f"nyckeltal {kpi} not found")


@when(
    parsers.re(
        r'^handläggaren ändrar målet för "(?P<kpi>[^"]+)" från "(?P<old>[^"]+)" till "(?P<new>[^"]+)"$'
    )
)
def change_target(repo: Repo, kpi: str, old: str, new: str) -> None:
    _change(repo, kpi, "mål", old, new)


@when(
    parsers.re(
        r'^handläggaren ändrar den tryckta målformuleringen för "(?P<kpi>[^"]+)" '
        r'från "(?P<old>[^"]+)" till "(?P<new>[^"]+)"$'
    )
)
def change_target_text(repo: Repo, kpi: str, old: str, new: str) -> None:
    _change(repo, kpi, "mål_text", old, new)


@when(
    parsers.re(
        r'^handläggaren skriver kommentaren "(?P<comment>#[^"]*)" ovanför målet för "(?P<kpi>[^"]+)"$'
    )
)
def add_comment(repo: Repo, comment: str, kpi: str) -> None:
    _change(repo, kpi, "mål", None, None, comment=comment)


@when("arbetsflödet i docs/ci/github-actions.yml körs för pull requesten")
def run_workflow(repo: Repo) -> None:
    workflow = YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["validera"]["steps"]
    repo.summary = repo.root.parent / "step_summary.md"
    repo.summary.write_text("", encoding="utf-8")
    env = {
        **repo.env,
        "GITHUB_STEP_SUMMARY": str(repo.summary),
        "GITHUB_BASE_REF": "main",
        "CI": "true",
    }
    ran = 0
    for step in steps:
        command = step.get("run", "")
        if not command.startswith("maluppfyllelse"):
            continue  # checkout, setup-python, pip install: the tool is installed here already
        command = command.replace("${{ github.base_ref }}", "main")
        assert "${{" not in command, f"unsupported expression in {command!r}"
        result = subprocess.run(
            ["bash", "-c", command],
            cwd=repo.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        repo.steps.append(
            Step(
                step.get("name", command), command, result.returncode, result.stdout, result.stderr
            )
        )
        ran += 1
        if result.returncode != 0:
            break  # GitHub Actions skips the remaining steps
    assert ran, "no maluppfyllelse steps found in docs/ci/github-actions.yml"


def _details(repo: Repo) -> str:
    return "\n".join(f"[{s.name}] → {s.code}\n{s.stdout}{s.stderr}" for s in repo.steps)


@then(parsers.re(r'^misslyckas steget "(?P<name>[^"]+)"$'))
def step_fails(repo: Repo, name: str) -> None:
    assert repo.steps, "no steps ran"
    last = repo.steps[-1]
    assert last.name == name, _details(repo)
    assert last.code == 1, _details(repo)
    assert all(s.code == 0 for s in repo.steps[:-1]), _details(repo)


@then("lyckas alla steg")
def all_steps_pass(repo: Repo) -> None:
    workflow = YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))
    expected = [
        s
        for s in workflow["jobs"]["validera"]["steps"]
        if s.get("run", "").startswith("maluppfyllelse")
    ]
    assert len(repo.steps) == len(expected), _details(repo)
    assert all(s.code == 0 for s in repo.steps), _details(repo)


@then(
    parsers.re(
        r'^en felanteckning med titeln "(?P<title>[^"]+)" pekar på det ändrade värdet i "(?P<file>[^"]+)"$'
    )
)
def annotation_on_changed_line(repo: Repo, title: str, file: str) -> None:
    assert repo.edited is not None
    errors = [m for m in repo.annotations if m["kind"] == "error" and m["title"] == title]
    assert errors, _details(repo)
    m = errors[0]
    # the path is relative to the repository root, as GitHub needs it to place the annotation
    assert (m["file"], int(m["line"]), int(m["col"])) == repo.edited
    assert m["file"] == file


@then(parsers.re(r'^anteckningens meddelande är "(?P<message>.+)"$'))
def annotation_message(repo: Repo, message: str) -> None:
    assert [m["message"] for m in repo.annotations][:1] == [message], _details(repo)


@then("inga fler anteckningar visas")
def only_one_annotation(repo: Repo) -> None:
    assert len(repo.annotations) == 1, _details(repo)


@then("inga anteckningar visas")
def no_annotations(repo: Repo) -> None:
    assert repo.annotations == [], _details(repo)


@then(parsers.re(r'^jobbets sammanfattning är "(?P<text>.+)"$'))
def summary_is(repo: Repo, text: str) -> None:
    assert repo.summary is not None
    assert repo.summary.read_text(encoding="utf-8") == text + "\n"


@then(
    parsers.re(
        r'^jobbets sammanfattning visar "(?P<text>[^"]+)" under rubriken "(?P<heading>[^"]+)"$'
    )
)
def summary_shows(repo: Repo, text: str, heading: str) -> None:
    assert repo.summary is not None
    lines = repo.summary.read_text(encoding="utf-8").splitlines()
    assert f"#### {heading}" in lines, lines
    section = lines[lines.index(f"#### {heading}") + 1 :]
    section = section[
        : next((i for i, line in enumerate(section) if line.startswith("#")), len(section))
    ]
    assert any(line.startswith("- ") and text in line for line in section), lines
