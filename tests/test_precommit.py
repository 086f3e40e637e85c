"""The pre-commit hooks in .pre-commit-hooks.yaml, run for real by pre-commit.

A small copy of this project (pyproject.toml, README.md, engine/, .pre-commit-hooks.yaml)
becomes a git repository with one commit; a second repository holds the rules and a
.pre-commit-config.yaml that points at the first with `rev:` its commit SHA, exactly as a
region's rules repository would use the published hook. pre-commit then clones the hook
repository and pip-installs it into its own virtualenv (this needs the package index).

Slow-ish (about 10–20 s per hook environment; the environments are shared by the tests in
this module through one PRE_COMMIT_HOME) but part of the default run. pre-commit is
installed with pip when it is missing; if that fails the tests are skipped, unless
MALUPPFYLLELSE_REQUIRE_PRECOMMIT=1, when they fail.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "data" / "minimal_rules"
TD = "malomraden/tandvard.yaml"
TIMEOUT = 300
HOOKS = "      - id: maluppfyllelse-validate\n      - id: maluppfyllelse-fmt\n"


def _ensure_pre_commit() -> list[str]:
    """The command that runs pre-commit, installing it with pip when it is missing."""
    required = os.environ.get("MALUPPFYLLELSE_REQUIRE_PRECOMMIT") == "1"
    if importlib.util.find_spec("pre_commit") is None:
        result = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "pre-commit"],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        importlib.invalidate_caches()
        if result.returncode != 0 or importlib.util.find_spec("pre_commit") is None:
            reason = f"pre-commit is not installed and 'pip install pre-commit' failed: {result.stderr.strip()[-500:]}"
            if required:
                pytest.fail(reason)
            pytest.skip(reason)
    if shutil.which("git") is None:
        (pytest.fail if required else pytest.skip)("git is not installed")
    return [sys.executable, "-m", "pre_commit"]


def _env(home: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home / "pre-commit-home"),
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    return env


def _git(repo: Path, env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True, timeout=60
    ).stdout


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Path, str, dict[str, str]]:
    """(pre-commit command, hook repository, its commit SHA, environment)."""
    command = _ensure_pre_commit()
    home = tmp_path_factory.mktemp("precommit")
    env = _env(home)
    hook_repo = home / "maluppfyllelse"
    hook_repo.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, hook_repo / name)
    shutil.copytree(
        ROOT / "engine", hook_repo / "engine", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    _git(hook_repo, env, "init", "-q")
    _git(hook_repo, env, "add", "-A")
    _git(hook_repo, env, "commit", "-qm", "maluppfyllelse")
    sha = _git(hook_repo, env, "rev-parse", "HEAD").strip()
    return command, hook_repo, sha, env


def _rules_repo(
    tmp_path: Path, hook_repo: Path, sha: str, env: dict[str, str], hooks: str = HOOKS
) -> Path:
    repo = tmp_path / "regler"
    repo.mkdir()
    shutil.copytree(MINIMAL, repo / "rules")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo.as_posix()}\n    rev: {sha}\n    hooks:\n{hooks}",
        encoding="utf-8",
    )
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-qm", "regler")
    return repo


def _break_rules(repo: Path, env: dict[str, str]) -> None:
    """A nyckeltal reported by an unknown nämnd 'TN' (line 21, column 20)."""
    file = repo / "rules" / TD
    text = file.read_text(encoding="utf-8")
    old = "nämnder: [HSN]\n    enhet: index"
    assert text.count(old) == 1
    file.write_text(text.replace(old, "nämnder: [HSN, TN]\n    enhet: index"), encoding="utf-8")
    _git(repo, env, "add", "-A")


BROKEN_MESSAGE = (
    "rules/malomraden/tandvard.yaml:21:20: fel: nyckeltal[2].nämnder[2]: okänd nämnd 'TN'; "
    "kända nämnder: HSN, RS, RUN [okänd-nämnd]"
)


def _run(command: list[str], repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*command, "run", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def test_hook_passes_on_good_rules(
    setup: tuple[list[str], Path, str, dict[str, str]], tmp_path: Path
) -> None:
    command, hook_repo, sha, env = setup
    repo = _rules_repo(tmp_path, hook_repo, sha, env)
    result = _run(command, repo, env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "maluppfyllelse validate (regelfiler)" in output
    assert "maluppfyllelse fmt --check (regelfilernas layout)" in output
    assert output.count("Passed") == 2, output


def test_hook_fails_on_broken_rules_with_the_pointed_message(
    setup: tuple[list[str], Path, str, dict[str, str]], tmp_path: Path
) -> None:
    command, hook_repo, sha, env = setup
    repo = _rules_repo(tmp_path, hook_repo, sha, env)
    _break_rules(repo, env)
    result = _run(command, repo, env)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Failed" in output
    assert BROKEN_MESSAGE in output.splitlines(), output


def test_fmt_hook_names_a_file_that_needs_formatting(
    setup: tuple[list[str], Path, str, dict[str, str]], tmp_path: Path
) -> None:
    command, hook_repo, sha, env = setup
    repo = _rules_repo(tmp_path, hook_repo, sha, env)
    file = repo / "rules" / "organisation.yaml"
    file.write_text(
        file.read_text(encoding="utf-8").replace("  id: rjh\n", "  id: rjh   \n"), encoding="utf-8"
    )
    _git(repo, env, "add", "-A")
    result = _run(command, repo, env)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "rules/organisation.yaml: skulle formateras om" in output.splitlines(), output
    assert file.read_text(encoding="utf-8").count("id: rjh   \n") == 1  # --check changes nothing
