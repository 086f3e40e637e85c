"""Publishing Bilaga 1 as a set: old or new after a kill at any step, one run at a time,
leftovers cleaned up, no stale output of the period left looking current (issues 15 and 10).

The kill and the slow-down are the hooks in `engine.output.writing._step`
(MALUPPFYLLELSE_TEST_TRACE, _KILL_AT, _PAUSE_AT). Most trials use HTML and Markdown from
tiny user templates, so that the old and the new set differ and each run is cheap.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import engine.output.publish
import engine.output.writing
from engine.cli import main

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
AUGUST = ROOT / "fixtures" / "2025-08"
STEM = "bilaga1-2025-08"
SET = f".{STEM}"
USER_FILES = {"anteckningar.txt": b"mina egna anteckningar\n", "bilaga1-2025-04.md": b"# april\n"}


def templates(folder: Path, marker: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bilaga1.html.j2").write_text(f"<p>{marker}</p>\n", encoding="utf-8")
    (folder / "bilaga1.md.j2").write_text(f"# {marker}\n", encoding="utf-8")
    return folder


def args(out: Path, formats: str, mallar: Path) -> list[str]:
    return [
        "report",
        "--rules",
        str(RULES),
        "--outcomes",
        str(AUGUST),
        "--out",
        str(out),
        "--format",
        formats,
        "--templates",
        str(mallar),
    ]


def run_inprocess(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def start(argv: list[str], **hooks: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALUPPFYLLELSE_TEST_")}
    env.update(hooks)
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.Popen(
        [sys.executable, "-m", "engine", *argv],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def visible(out: Path) -> dict[str, bytes]:
    """What a reader finds: every non-hidden name that opens as a file."""
    found = {}
    for entry in sorted(os.listdir(out)):
        path = out / entry
        if not entry.startswith(".") and path.is_file():
            with contextlib.suppress(FileNotFoundError):  # a set switched while reading
                found[entry] = path.read_bytes()
    return found


def outputs(out: Path) -> dict[str, bytes]:
    return {k: v for k, v in visible(out).items() if k not in USER_FILES}


def assert_clean(out: Path, names: set[str]) -> None:
    """After a finished run: the links, the lock, one set folder holding exactly `names`."""
    entries = set(os.listdir(out))
    assert entries == names | set(USER_FILES) | {".bilaga1.lock", SET}, entries
    for name in names:
        link = out / name
        assert link.is_symlink() and os.readlink(link) == f"{SET}/aktuell/{name}"
    inner = set(os.listdir(out / SET))
    versions = inner - {"aktuell"}
    assert "aktuell" in inner and len(versions) == 1, inner
    (version,) = versions
    assert os.readlink(out / SET / "aktuell") == version
    assert set(os.listdir(out / SET / version)) == names


def fresh(out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for name, data in USER_FILES.items():
        (out / name).write_bytes(data)


# Each scenario: how the old set is made, and the formats of the new run.
def old_replace(out: Path, old_mallar: Path) -> None:
    code, _, err = run_inprocess(*args(out, "html,md", old_mallar), "-q")
    assert code == 0, err


def old_shrink(out: Path, old_mallar: Path) -> None:
    code, _, err = run_inprocess(*args(out, "html,md", old_mallar), "-q")
    assert code == 0, err


def old_legacy(out: Path, old_mallar: Path) -> None:
    """Regular files, as the earlier versions wrote them, a stale PDF and a staging file
    that a run of the earlier version left when it was killed."""
    (out / f"{STEM}.html").write_bytes(b"<p>GAMMAL</p>\n")
    (out / f"{STEM}.pdf").write_bytes(b"%PDF-1.4 gammal\n")
    (out / f".{STEM}.html.x1y2z3ab.tmp").write_bytes(b"<p>halv")


SCENARIOS = {
    "ersätt html och md": (old_replace, "html,md"),
    "md kvar, html bort": (old_shrink, "md"),
    "äldre vanliga filer och en gammal pdf": (old_legacy, "html,md"),
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_kill_at_every_step_leaves_old_or_new_set_and_next_run_cleans_up(
    tmp_path: Path, scenario: str
) -> None:
    make_old, formats = SCENARIOS[scenario]
    old_mallar = templates(tmp_path / "gamla-mallar", "GAMMAL")
    new_mallar = templates(tmp_path / "nya-mallar", "NY")
    out = tmp_path / "ut"
    new_run = args(out, formats, new_mallar)

    # One run without a kill: the steps it takes and the new set.
    fresh(out)
    make_old(out, old_mallar)
    old = outputs(out)
    trace = tmp_path / "steg.txt"
    proc = start([*new_run, "-q"], MALUPPFYLLELSE_TEST_TRACE=str(trace))
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    new = outputs(out)
    assert new and new != old
    assert_clean(out, set(new))
    steps = trace.read_text(encoding="utf-8").split()
    assert len(steps) == len(set(steps)), steps  # each step can be named
    for required in ("fsync:new-set", "fsync:folder-links", "rename:current", "fsync:current"):
        assert required in steps
    assert steps[-1] == "done"

    for step in steps:
        fresh(out)
        make_old(out, old_mallar)
        assert outputs(out) == old
        proc = start([*new_run, "-q"], MALUPPFYLLELSE_TEST_KILL_AT=step)
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == -signal.SIGKILL, (step, proc.returncode, err)
        after = outputs(out)
        assert after in (old, new), (step, after)
        assert {k: v for k, v in visible(out).items() if k in USER_FILES} == USER_FILES, step
        if steps.index(step) <= steps.index("rename:current"):
            assert after == old, step
        else:
            assert after == new, step

        code, _, err = run_inprocess(*new_run, "-q")
        assert code == 0, (step, err)
        assert outputs(out) == new, step
        assert_clean(out, set(new))


def wait_for(trace: Path, step: str, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while step not in (trace.read_text(encoding="utf-8").split() if trace.exists() else []):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, f"{step} never reached"
        time.sleep(0.02)


def test_concurrent_runs_are_serialised_and_the_last_set_wins(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    fresh(out)
    old_replace(out, templates(tmp_path / "gamla-mallar", "GAMMAL"))
    sets = {
        "gammal": outputs(out),
        "a": {f"{STEM}.html": b"<p>A</p>", f"{STEM}.md": b"# A"},
        "b": {f"{STEM}.md": b"# B"},
    }
    seen: list[dict[str, bytes]] = []
    stop = threading.Event()

    def reader() -> None:
        """Reads the set whenever `aktuell` stayed the same across the reads."""
        link = out / SET / "aktuell"
        while not stop.is_set():
            try:
                before = os.readlink(link)
                found = outputs(out)
                unchanged = os.readlink(link) == before
            except FileNotFoundError:
                continue
            if unchanged:
                seen.append(found)

    watcher = threading.Thread(target=reader)
    watcher.start()
    try:
        # A stops inside its swap, just before the rename that switches the set, until B
        # has found the folder locked; then A goes on and B follows.
        a_trace, b_trace, go = tmp_path / "a-steg.txt", tmp_path / "b-steg.txt", tmp_path / "kör"
        a = start(
            [*args(out, "html,md", templates(tmp_path / "a", "A")), "-q"],
            MALUPPFYLLELSE_TEST_TRACE=str(a_trace),
            MALUPPFYLLELSE_TEST_PAUSE_AT=f"rename:current={go}",
        )
        wait_for(a_trace, "rename:current", a)
        b = start(  # not -q: it says that it waits
            args(out, "md", templates(tmp_path / "b", "B")), MALUPPFYLLELSE_TEST_TRACE=str(b_trace)
        )
        wait_for(b_trace, "wait:lock", b)
        assert outputs(out) == sets["gammal"]
        go.touch()
        _, a_err = a.communicate(timeout=300)
        b_out, b_err = b.communicate(timeout=300)
    finally:
        stop.set()
        watcher.join()
    assert a.returncode == 0, a_err
    assert b.returncode == 0, b_err
    assert "väntar på en annan körning som skriver till" in b_err
    assert "tog bort" in b_err and f"{STEM}.html" in b_err  # A's HTML is not B's set
    assert b_out.split() == [f"{out.resolve().as_posix()}/{STEM}.md"]
    assert outputs(out) == sets["b"]
    assert_clean(out, {f"{STEM}.md"})
    assert seen, "the reader saw nothing"
    mixed = [s for s in seen if s not in sets.values()]
    assert not mixed, mixed[:3]


def test_a_run_gives_up_with_a_message_when_the_folder_stays_locked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ut"
    fresh(out)
    mallar = templates(tmp_path / "mallar", "NY")
    monkeypatch.setattr(engine.output.writing, "LOCK_TIMEOUT", 0.3)
    with open(out / ".bilaga1.lock", "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        code, stdout, err = run_inprocess(*args(out, "html,md", mallar))
    assert code == 2
    assert stdout == ""
    assert "väntar på en annan körning" in err
    assert "en annan körning skriver redan Bilaga 1 till" in err
    assert "inga filer skrevs" in err
    assert visible(out) == USER_FILES
    assert set(os.listdir(out)) == set(USER_FILES) | {".bilaga1.lock"}


def test_plain_report_after_alla_removes_the_older_pdf_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10: a PDF of an earlier run must not be left beside a newer set looking current."""
    monkeypatch.setitem(engine.output.publish.RENDERERS, "pdf", lambda *a: b"%PDF-1.4 fake\n")
    monkeypatch.chdir(tmp_path)
    out = Path("reports")
    fresh(out)
    code, stdout, err = run_inprocess(
        "report", "--rules", str(RULES), "--outcomes", str(AUGUST), "--format", "alla", "-q"
    )
    assert code == 0, err
    assert sorted(stdout.split()) == sorted(
        f"reports/{STEM}.{e}" for e in engine.output.publish.RENDERERS
    )
    assert (out / f"{STEM}.pdf").read_bytes() == b"%PDF-1.4 fake\n"

    code, stdout, err = run_inprocess(
        "report", "--rules", str(RULES), "--outcomes", str(AUGUST), "-q"
    )
    assert code == 0, err
    four = [f"{STEM}.{e}" for e in ("html", "docx", "md", "xlsx")]
    assert sorted(stdout.split()) == sorted(f"reports/{n}" for n in four)
    # besides the real period's one validation warning ([tryckt-summa], balanskrav 2023)
    kept = "".join(line for line in err.splitlines(True) if "balanskrav.yaml" not in line)
    assert kept.replace("0 fel, 1 varning i 24 filer\n", "") == (
        f"maluppfyllelse: tog bort reports/{STEM}.pdf från en tidigare körning, eftersom den "
        "här körningen inte skapade PDF (ta med pdf i --format för att behålla den)\n"
    )
    assert not (out / f"{STEM}.pdf").exists() and not (out / f"{STEM}.pdf").is_symlink()
    assert sorted(outputs(out)) == sorted(four)
    assert {k: v for k, v in visible(out).items() if k in USER_FILES} == USER_FILES
    assert_clean(out, set(four))


def test_the_set_is_readable_by_others_and_survives_a_move(tmp_path: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    out = tmp_path / "ut"
    fresh(out)
    code, _, err = run_inprocess(*args(out, "md", templates(tmp_path / "m", "NY")), "-q")
    assert code == 0, err
    (version,) = set(os.listdir(out / SET)) - {"aktuell"}
    assert (out / SET / version).stat().st_mode & 0o777 == 0o777 & ~umask
    moved = tmp_path / "flyttad"
    out.rename(moved)
    assert (moved / f"{STEM}.md").read_bytes() == b"# NY"  # the links are relative


def test_three_runs_started_together_leave_one_whole_set(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    fresh(out)
    runs = {
        "A": ("html,md", {f"{STEM}.html": b"<p>A</p>", f"{STEM}.md": b"# A"}),
        "B": ("md", {f"{STEM}.md": b"# B"}),
        "C": ("html", {f"{STEM}.html": b"<p>C</p>"}),
    }
    procs = [
        start([*args(out, formats, templates(tmp_path / name, name)), "-q"])
        for name, (formats, _) in runs.items()
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    final = outputs(out)
    assert final in [expected for _, expected in runs.values()], final
    assert_clean(out, set(final))


def test_a_symlinked_lock_file_or_set_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    fresh(out)
    mallar = templates(tmp_path / "mallar", "NY")
    elsewhere = tmp_path / "någon-annanstans"
    elsewhere.mkdir()
    (out / SET).symlink_to(elsewhere)
    code, _, err = run_inprocess(*args(out, "md", mallar), "-q")
    assert code == 2 and "ska vara verktygets egen mapp" in err, err
    (out / SET).unlink()
    (out / ".bilaga1.lock").unlink()
    (out / ".bilaga1.lock").symlink_to(elsewhere / "lås")
    code, _, err = run_inprocess(*args(out, "md", mallar), "-q")
    assert code == 2 and "är en symbolisk länk" in err, err
    assert not any(elsewhere.iterdir())
    assert visible(out) == USER_FILES
