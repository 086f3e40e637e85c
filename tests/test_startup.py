"""Fast start (issue 8): each command imports only what it uses.

Measured in bench/ (`python bench/cli.py`); here only what can be checked exactly: which
modules a fresh interpreter has imported after a command, and that the short-cut for
small number words agrees with num2words.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from num2words import num2words

from engine.cli import PLUGINS_OFF
from engine.wording import SMALL_NUMBER_WORDS, number_word

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("docx", "openpyxl", "num2words", "babel", "engine.output.publish", "engine.output.context")

PROBE = """
import contextlib, io, json, sys
from engine.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
print(json.dumps(sorted(sys.modules)))
"""


def modules_after(*args: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_small_number_words_agree_with_num2words() -> None:
    assert [num2words(n, lang="sv") for n in range(len(SMALL_NUMBER_WORDS))] == list(
        SMALL_NUMBER_WORDS
    )
    assert len(SMALL_NUMBER_WORDS) == 100
    assert number_word(31) == num2words(31, lang="sv") == "trettioett"
    assert number_word(100) == num2words(100, lang="sv")


def test_validate_imports_no_output_format_libraries() -> None:
    loaded = modules_after("validate", "rules")
    assert "engine.checks.rules" in loaded  # the probe did run validate
    assert [m for m in HEAVY if m in loaded] == []
    assert "xml.etree.ElementTree" not in loaded  # only --format junit needs it
    assert "importlib.metadata" not in loaded  # pydantic's plugin search (plugins off)
    assert "engine.output.resultat_json" not in loaded  # only evaluate --format json


def test_plugins_asked_for_are_still_looked_for() -> None:
    """A PYDANTIC_DISABLE_PLUGINS of the user's that wants plugins keeps pydantic's own
    loader, which looks through the installed packages' metadata."""
    env = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": "någon-plugin"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, "validate", "rules"],
        cwd=ROOT, capture_output=True, text=True, check=True, env=env,
    ).stdout  # fmt: skip
    loaded = set(json.loads(out.splitlines()[-1]))
    assert "engine.checks.rules" in loaded and "importlib.metadata" in loaded


def test_the_stand_in_loader_is_all_pydantic_asks_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """pydantic imports only `get_plugins` from its loader (plugin/_schema_validator.py),
    and with plugins off its own answer is empty, as the stand-in's is."""
    import pydantic.plugin._loader as loader  # noqa: PLC0415
    import pydantic.plugin._schema_validator as validator  # noqa: PLC0415

    source = inspect.getsource(validator)
    assert re.findall(r"from \._loader import (.+)", source) == ["get_plugins"]
    assert "_loader." not in source.replace("from ._loader", "")
    for off in PLUGINS_OFF:
        monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", off)
        assert tuple(loader.get_plugins()) == ()


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_without_a_command_no_command_is_imported(args: list[str]) -> None:
    loaded = modules_after(*args)
    assert not any(m.startswith(("engine.checks", "engine.output", "pydantic")) for m in loaded)


def test_schema_needs_no_checks() -> None:
    loaded = modules_after("schema", "--help")
    assert not any(m.startswith(("engine.checks", "engine.evaluation")) for m in loaded)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_in_a_format_other_than_word_does_not_import_matplotlib(
    tmp_path: Path, fmt: str
) -> None:
    """fixtures/2025-08 has a budgetavvikelse.yaml; HTML and PDF draw its chart as SVG
    without matplotlib, only Word draws it with matplotlib (a PNG)."""
    out = str(tmp_path)
    real = ["--rules", "rules", "--outcomes", "fixtures/2025-08", "--out", out, "-q"]
    loaded = modules_after("report", *real, "--format", fmt)
    assert "engine.output.publish" in loaded  # the probe did render
    assert (tmp_path / f"bilaga1-2025-08.{fmt}").is_file()
    assert not any(m.startswith("matplotlib") for m in loaded)


def test_a_command_leaves_the_garbage_collector_as_it_found_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """main pauses the collector while the command is imported and keeps what the import
    made out of later collections; afterwards everything is collected normally again."""
    import gc

    from engine.cli import main

    assert main(["validate", str(ROOT / "rules")]) == 0
    capsys.readouterr()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_pause_while_the_run_is_kept_neither_counts_nor_releases(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After keep_for_the_run the count of frozen objects is known not to be zero:
    collector_paused neither counts them (one by one, about 25 ms after a national
    period) nor unfreezes them; release lets them go."""
    import gc

    from engine.inputs.memory import collector_paused, keep_for_the_run, release

    keep_for_the_run()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with monkeypatch.context() as patched:
            patched.setattr(gc, "get_freeze_count", lambda: pytest.fail("counted"))
            with collector_paused():
                made = [[] for _ in range(100)]
        assert gc.get_freeze_count() == frozen and gc.isenabled() and made
    finally:
        release()
    assert gc.get_freeze_count() == 0


def test_a_command_run_in_a_caller_keeps_nothing_for_the_end(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`outlive` keeps a command's data only in a process that ends with `os._exit`
    (the console script): a caller running `main` itself gets its memory back."""
    import gc
    import weakref

    from engine.cli import main
    from engine.evaluation import evaluate as evaluation_module

    made: list[weakref.ref[object]] = []
    original = evaluation_module.evaluate

    def watched(*args: object) -> object:
        result = original(*args)  # type: ignore[arg-type]
        made.append(weakref.ref(result))
        return result

    import engine.cli.common as common

    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(common, "evaluate", watched)
        assert main(["evaluate", "--rules", str(ROOT / "rules")]) == 0
    capsys.readouterr()
    gc.collect()
    assert made and made[0]() is None


def test_the_console_script_leaves_its_data_to_the_end() -> None:
    """Under the console script (engine.cli.entry) the evaluation outlives the command."""
    probe = (
        "import os, sys; from engine.inputs import memory; memory.end_by_exit(); "
        "from engine.cli import main; main(['evaluate', '--rules', sys.argv[1]]); "
        "print('kept', len(memory._outliving), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(ROOT / "rules")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "kept 1" in done.stderr
