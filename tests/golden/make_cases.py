"""Build the `rules/` folders of the golden validator cases from tests/data/minimal_rules.

Each case is a full copy of the minimal rules with one kind of breakage. Run

    python tests/golden/make_cases.py            # (re)create every case's rules/ and args
    python tests/golden/make_cases.py --show     # also print what the validator says now

`expected.txt`, `expected_stderr.txt` and `exit_code` are written by hand (after reading
the tool's output line by line) and are never overwritten by this script.
"""

from __future__ import annotations

import io
import shutil
import sys
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

HERE = Path(__file__).resolve().parent
MINIMAL = HERE.parent / "data" / "minimal_rules"
CASES = HERE / "validate"

TD = "malomraden/tandvard.yaml"
LP = "malomraden/ledningsprocesser.yaml"

Edit = Callable[[Path], None]


def replace(rel: str, old: str, new: str, count: int = 1) -> Edit:
    def edit(rules: Path) -> None:
        f = rules / rel
        text = f.read_text(encoding="utf-8")
        assert text.count(old) >= count, f"{rel}: '{old}' not found"
        f.write_text(text.replace(old, new, count), encoding="utf-8")

    return edit


def write_bytes(rel: str, data: bytes) -> Edit:
    def edit(rules: Path) -> None:
        (rules / rel).write_bytes(data)

    return edit


def transform_bytes(rel: str, fn: Callable[[bytes], bytes]) -> Edit:
    def edit(rules: Path) -> None:
        f = rules / rel
        f.write_bytes(fn(f.read_bytes()))

    return edit


def delete(rel: str) -> Edit:
    def edit(rules: Path) -> None:
        (rules / rel).unlink()

    return edit


BILLION_LAUGHS = """\
id: tandvard
namn: Tandvård
övergripande_mål: God och tillgänglig tandvård i hela Jämtland Härjedalen
ordning: 1
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""

#: case name → (edits, extra CLI args)
CASES_SPEC: dict[str, tuple[list[Edit], list[str]]] = {
    "yaml-oavslutad-klammer": ([replace(TD, "nämnder: [RS, HSN]", "nämnder: [RS, HSN")], []),
    "tabb-i-indrag": ([replace("organisation.yaml", "  - id: HSN\n", "\t- id: HSN\n")], []),
    "bom-varning": ([transform_bytes("skala.yaml", lambda b: b"\xef\xbb\xbf" + b)], []),
    "bom-strict": ([transform_bytes("skala.yaml", lambda b: b"\xef\xbb\xbf" + b)], ["--strict"]),
    "tom-fil": ([write_bytes("hushallning.yaml", b"")], []),
    "toppniva-lista": (
        [
            write_bytes(
                "finansiella_mal.yaml",
                "# Fel: en lista i stället för en mappning.\n"
                "- id: soliditet\n  namn: Soliditet\n- id: kassalikviditet\n  namn: Kassalikviditet\n".encode(),
            )
        ],
        [],
    ),
    "inte-utf8": (
        [
            transform_bytes(
                "organisation.yaml",
                lambda b: b.decode("utf-8").encode("latin-1"),
            )
        ],
        [],
    ),
    "alias-bomb": ([write_bytes(TD, BILLION_LAUGHS.encode())], []),
    "dubblett-nyckel": (
        [
            replace(TD, "    mål: 88\n", "    mål: 88\n    mål: 90\n"),
            replace(TD, "ordning: 1\n", "ordning: 1\nnamn: Tandvården\n"),
        ],
        [],
    ),
    "mal-som-text": ([replace(TD, "    mål: 88\n", "    mål: 88 %\n")], []),
    "okand-nyckel-stavfel": ([replace(TD, "    mål: 88\n", "    måål: 88\n")], []),
    "saknad-nyckel": ([replace(TD, "    ursprung: fullmäktige\n", "")], []),
    "okand-namnd": ([replace(TD, "nämnder: [RS, HSN]", "nämnder: [RS, HSN, TN]")], []),
    "okant-finansiellt-mal": (
        [replace(LP, "finansiellt_mål: kassalikviditet", "finansiellt_mål: kassalikviditeten")],
        [],
    ),
    "dubblett-id-mellan-filer": (
        [replace(LP, "  - id: lp-rs-sjukfranvaro\n", "  - id: td-hsn-hse\n")],
        [],
    ),
    "okand-metod": (
        [
            replace(
                TD, "bedömning: {metod: kvot, gult_band: {från: 85}}", "bedömning: {metod: kvoten}"
            )
        ],
        [],
    ),
    "uttryck-syntaxfel": (
        [replace(LP, "else 'röd')\"}", "else 'röd'\"}")],
        [],
    ),
    "uttryck-okant-namn": ([replace(LP, "if utfall <= mål else", "if utfallet <= mål else")], []),
    "kvot-mal-noll": ([replace(TD, "    mål: 4.07\n", "    mål: 0\n")], []),
    "gult-band-fran-over-till": (
        [
            replace(
                "skala.yaml",
                "gult_band:\n  från: 90\n  till: 100\n",
                "gult_band:\n  från: 100\n  till: 90\n",
            )
        ],
        [],
    ),
    "gult-band-till-over-100": (
        [replace(TD, "gult_band: {från: 85}", "gult_band: {från: 85, till: 110}")],
        [],
    ),
    "andel-over-100": ([replace(TD, "    mål: 88\n", "    mål: 120\n")], []),
    "okand-sammanvagningsregel": ([replace("skala.yaml", "regel: majoritet", "regel: flest")], []),
    "mall-odefinierad-variabel": (
        [
            replace(
                "hushallning.yaml",
                "{{ uppdrag.antal }} uppdrag till nämnderna och styrelsen. {%",
                "{{ antal_uppdrag }} uppdrag till nämnderna och styrelsen. {%",
            )
        ],
        [],
    ),
    "fil-saknas": ([delete("skala.yaml")], []),
    "flera-fel-i-en-fil": (
        [
            replace(TD, "namn: Tandvård\n", ""),
            replace(TD, "ursprung: fullmäktige", "ursprung: regionen"),
            replace(TD, "    mål: 88\n", '    mål: "88 %"\n'),
            replace(TD, "    frekvens: halvår\n", "    frekvens: kvartal\n"),
            replace(TD, "  - id: td-hsn-vantetid\n", "  - id: TD-HSN-Väntetid\n"),
            replace(TD, "    enhet: dagar\n", "    enhet: dagar\n    kommentar: ny\n"),
        ],
        [],
    ),
    "okand-riktning": ([replace(TD, "    riktning: Max\n", "    riktning: Högst\n")], []),
    "okand-fil": (
        [lambda rules: (rules / "nyckeltal.yaml").write_text("a: 1\n", encoding="utf-8")],
        ["--strict"],
    ),
    "alias-cykel": ([replace(TD, "ordning: 1\n", "ordning: 1\nx: &x [1, *x]\n")], []),
    "bedomning-utan-metod": (
        [
            replace(
                TD,
                "bedömning: {metod: kvot, gult_band: {från: 85}}",
                "bedömning: {gult_band: {från: 85}}",
            )
        ],
        [],
    ),
    "mall-syntaxfel": (
        [
            replace(
                "hushallning.yaml",
                "{% if uppdrag.gul == uppdrag.antal %}",
                "{% if uppdrag.gul == %}",
            )
        ],
        [],
    ),
    "toppnyckel-saknas": (
        [
            replace(
                "organisation.yaml",
                "organisation:\n  id: rjh\n  namn: Region Jämtland Härjedalen\n",
                "",
            )
        ],
        [],
    ),
}

#: Cases without a rules/ folder at all.
NO_RULES = ["regelmapp-saknas"]


def build() -> None:
    for name, (edits, args) in CASES_SPEC.items():
        case = CASES / name
        rules = case / "rules"
        if rules.exists():
            shutil.rmtree(rules)
        case.mkdir(parents=True, exist_ok=True)
        shutil.copytree(MINIMAL, rules)
        for edit in edits:
            edit(rules)
        args_file = case / "args"
        if args:
            args_file.write_text("".join(a + "\n" for a in args), encoding="utf-8")
        elif args_file.exists():
            args_file.unlink()
    for name in NO_RULES:
        (CASES / name).mkdir(parents=True, exist_ok=True)


def show() -> None:
    import os

    from engine.cli import main

    for case in sorted(p for p in CASES.iterdir() if p.is_dir()):
        args_file = case / "args"
        extra = args_file.read_text(encoding="utf-8").split() if args_file.exists() else []
        out, err = io.StringIO(), io.StringIO()
        cwd = os.getcwd()
        os.chdir(case)
        try:
            with redirect_stdout(out), redirect_stderr(err):
                code = main(["validate", "rules", *extra])
        finally:
            os.chdir(cwd)
        print(f"=== {case.name} (exit {code}) {' '.join(extra)}")
        print(out.getvalue(), end="")
        if err.getvalue():
            print("--- stderr\n" + err.getvalue(), end="")


if __name__ == "__main__":
    build()
    if "--show" in sys.argv:
        show()
