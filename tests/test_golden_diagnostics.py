"""Golden tests for `maluppfyllelse validate`: exact diagnostics for broken rules folders.

Each folder under tests/golden/validate/<case>/ holds:

- `rules/`              a copy of tests/data/minimal_rules with one kind of breakage
                        (absent for the missing-folder case);
- `exit_code`           the expected exit code;
- `expected.txt`        the exact expected stdout (optional when `expected_stderr.txt` exists);
- `expected_stderr.txt` the exact expected stderr (optional; when absent stderr must be empty);
- `args`                extra CLI arguments, one per line (optional, e.g. `--strict`).

The tool runs in-process as `maluppfyllelse validate rules [args…]` with the case folder as
the working directory. The `rules/` folders are built by tests/golden/make_cases.py; the
expected files are written and reviewed by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.cli import main

TESTS = Path(__file__).resolve().parent
CASES_DIR = TESTS / "golden" / "validate"
MINIMAL = TESTS / "data" / "minimal_rules"
REAL_RULES = TESTS.parent / "rules"

CASES = sorted(p for p in CASES_DIR.iterdir() if p.is_dir()) if CASES_DIR.is_dir() else []


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_golden(
    case: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdout_file = case / "expected.txt"
    stderr_file = case / "expected_stderr.txt"
    assert stdout_file.exists() or stderr_file.exists(), (
        "expected.txt or expected_stderr.txt missing"
    )
    args_file = case / "args"
    extra = (
        [ln.strip() for ln in _read(args_file).splitlines() if ln.strip()]
        if args_file.exists()
        else []
    )
    expected_code = int(_read(case / "exit_code").strip())

    monkeypatch.chdir(case)
    monkeypatch.delenv("NO_COLOR", raising=False)
    try:
        code = main(["validate", "rules", *extra])
    except SystemExit as exc:  # argparse errors exit instead of returning
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()

    if stdout_file.exists():
        assert out == _read(stdout_file)
    if stderr_file.exists():
        assert err == _read(stderr_file)
    else:
        assert err == "", "nothing is expected on stderr"
    assert code == expected_code


@pytest.mark.parametrize("strict", [False, True], ids=["normal", "strict"])
@pytest.mark.parametrize("folder", [MINIMAL, REAL_RULES], ids=["minimal_rules", "rules"])
def test_valid_rules_are_clean(
    folder: Path, strict: bool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(folder.parent)
    code = main(["validate", folder.name, *(["--strict"] if strict else [])])
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    if folder == REAL_RULES:
        # One known finding in the real period, acknowledged on its line: seed 004 prints
        # 2023's result after balanskrav adjustments as −628,1 where its parts give −628,0.
        assert lines == ["0 fel, 0 varningar (1 godkänd) i 24 filer"]
        assert code == 0
        return
    assert len(lines) == 1, out  # only the summary: no diagnostics at all
    assert lines[0].startswith("0 fel, 0 varningar i ")
    assert code == 0
