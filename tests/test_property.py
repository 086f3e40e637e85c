"""Property: any one-line mutation of the real rules or outcomes gives exit 0 or 1,
one-line diagnostics with a location, no traceback, within a time and memory bound.

Hypothesis picks a file of the real project (rules/ or fixtures/2025-08/), a line in it
and a mutation (a hostile value in place of the line's value, the line deleted or
doubled, deep nesting, a huge number, a control or non-XML character, an alias bomb),
and `validate` runs on the mutated copy in a child process with a memory limit
(RLIMIT_AS) and a timeout. A fixed number of examples runs in CI (derandomized, so a
failure is reproducible); `MALUPPFYLLELSE_FUZZ_EXAMPLES` raises it for a longer campaign.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT

EXAMPLES = int(os.environ.get("MALUPPFYLLELSE_FUZZ_EXAMPLES", "25"))
TIMEOUT_S = 60
MEMORY_BYTES = 2 * 1024**3
FILES = sorted(
    p.relative_to(ROOT).as_posix()
    for folder in ("rules", "fixtures/2025-08")
    for p in (ROOT / folder).rglob("*.yaml")
)
DIAGNOSTIC = re.compile(r"^[^\n]+:(\d+:\d+|[^\s!]+![A-Z]+\d+): (fel|varning): .+ \[[\wåäö-]+\]$")
SUMMARY = re.compile(
    r"^\d+ fel, \d+ varning(ar)?( \(\d+ godkända?\))? i \d+ filer?"
    r"(; utfallen i \S+ kontrollerades inte, eftersom reglerna har fel)*$"
)

VALUES = st.sampled_from(
    [
        "",
        " ",
        "57,5",
        "'88 %'",
        "0x" + "f" * 3600,
        "9" * 5000,
        "-1e-320",
        ".nan",
        ".inf",
        '"\\ud800"',
        '"\\ufffe"',
        '"a\\u0001b"',
        "[" * 5000,
        "{" * 300,
        "&a [1, 2]",
        "*nosuch",
        "2025-13-45",
        "!!int ''",
        "'=HYPERLINK(\"x\")'",
        '"4000000**4000000 > 0"',
        "\"'ab'[5] == 'a'\"",
        '"{{ range(100000)|list|length }}"',
        "[1, [2, [3]]]",
        "null",
        "true",
        "Pågånde enligt plan",
    ]
)
MUTATIONS = st.sampled_from(["value", "delete", "double", "indent", "key"])


def _limits() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def _mutate(text: str, line_no: int, how: str, value: str) -> str:
    lines = text.split("\n")
    i = line_no % max(len(lines), 1)
    line = lines[i]
    if how == "value" and ":" in line:
        key = line.split(":", 1)[0]
        lines[i] = f"{key}: {value}"
    elif how == "delete":
        del lines[i]
    elif how == "double":
        lines.insert(i, line)
    elif how == "indent":
        lines[i] = "\t" + line
    else:
        lines[i] = f"{value}: {line.strip()}"
    return "\n".join(lines)


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(ROOT / "rules", base / "rules")
    shutil.copytree(ROOT / "fixtures", base / "fixtures")
    return base


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    file=st.sampled_from(FILES),
    line_no=st.integers(min_value=0, max_value=400),
    how=MUTATIONS,
    value=VALUES,
)
def test_any_mutation_gives_pointed_diagnostics(
    copy: Path, file: str, line_no: int, how: str, value: str
) -> None:
    original = (ROOT / file).read_text(encoding="utf-8")
    target = copy / file
    target.write_text(_mutate(original, line_no, how, value), encoding="utf-8")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "engine", "validate", "rules"],
            cwd=copy,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            preexec_fn=_limits,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    finally:
        target.write_text(original, encoding="utf-8")
    shown = f"{file}:{line_no} {how} {value[:40]!r}\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
    assert done.returncode in (0, 1), shown
    assert "Traceback" not in done.stderr, shown
    lines = done.stdout.splitlines()
    assert lines and SUMMARY.match(lines[-1]), shown
    for line in lines[:-1]:
        assert DIAGNOSTIC.match(line), shown
