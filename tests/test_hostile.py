"""Hostile input to expressions, text templates and report templates (issue 15): every
bad input is a pointed diagnostic with exit 1, never a traceback, a hang or gigabytes.

Each test builds its input from copies of the real rules and fixtures/2025-08 (`project`)
or tests/data/minimal_rules, changing one line.
"""

from __future__ import annotations

import json
import shutil
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import replace_in

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "data" / "minimal_rules"
CliRun = Callable[..., tuple[int, str, str]]  # the `cli` fixture in conftest.py
PERIOD = "fixtures/2025-08"
#: The real GEH rule, as it stands in rules/hushallning.yaml (lines 12–14).
REAL_RULE = (
    "  uppnådd: >-\n"
    "    finansiella_röd == 0 and målområden_röd == 0\n"
    "    and finansiella_ej_bedömd == 0 and målområden_ej_bedömd == 0\n"
)
HUD = "    mål: 200\n    mål_text: Max 200 patienter\n    frekvens: tertial\n  - id: hs-hsn-vantande-90-kirurgi"
HUD_LINE = 180  # the line of `bedömning:` added after the hud nyckeltal's `frekvens:`


@pytest.fixture
def bounded() -> Iterator[None]:
    """The test's code must finish in 10 s and allocate less than 200 MB at its peak."""
    tracemalloc.start()
    start = time.monotonic()
    yield
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert time.monotonic() - start < 10
    assert peak < 200_000_000, f"{peak / 1e6:.0f} MB"


def _set_rule(project: Path, rule: str) -> None:
    replace_in(
        project / "rules" / "hushallning.yaml",
        REAL_RULE,
        "  uppnådd: " + json.dumps(rule, ensure_ascii=False) + "\n",
    )


def _set_kpi_expression(project: Path, expression: str) -> None:
    replace_in(
        project / "rules" / "malomraden" / "halso-och-sjukvard.yaml",
        HUD,
        HUD.replace(
            "    frekvens: tertial\n",
            "    frekvens: tertial\n    bedömning: {metod: uttryck, uttryck: "
            + json.dumps(expression, ensure_ascii=False)
            + "}\n",
        ),
    )


def _errors(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": fel: " in line]


# --- expressions: GEH rule -----------------------------------------------------------------

GEH_AT = "rules/hushallning.yaml:16:12: fel: regel.uppnådd: "


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("", "uttrycket är tomt"),
        ("  ", "uttrycket är tomt"),
        (
            "'ab'[5] == 'a'",
            "uttrycket ''ab'[5] == 'a'' kunde inte beräknas: positionen finns inte i texten",
        ),
        (
            "4000000**4000000 > 0",
            "uttrycket '4000000**4000000 > 0' kunde inte beräknas: talet blir för stort",
        ),
        ("målområden_antal ** 100000 > 0", "kunde inte beräknas: talet blir för stort"),
        ("f'{1:>2000000000}' == ''", "f-strängar är inte tillåtna i uttryck"),
        ("'%2000000000d' % 1 == ''", "%-formatering av text är inte tillåten i uttryck"),
        ("'x' * 2000000000 == ''", "texten blir längre än 10000 tecken"),
        ("('x' * 9000) + ('x' * 9000) == ''", "texten blir längre än 10000 tecken"),
        ("1 << 100000000 > 0", "talet blir för stort"),
        ("(10**1000)**4 > 0", "talet blir för stort"),
        ("{'a': 1}['b'] == 1", "ordlistor är inte tillåtna i uttryck"),
        ("[1][3] == 1", "listor är inte tillåtna i uttryck"),
        ("-" * 300 + "1 < 0", "uttrycket är för stort"),
        ("1/0 == 1", "division med noll"),
    ],
    ids=[
        "tomt",
        "blanksteg",
        "index",
        "potens",
        "potens-av-antal",
        "f-sträng",
        "procent-format",
        "upprepning",
        "lång-summa",
        "skift",
        "nästlad-potens",
        "ordlista",
        "lista",
        "djup",
        "noll",
    ],
)
def test_hostile_geh_rule_is_a_pointed_error(
    cli: CliRun, project: Path, bounded: None, rule: str, message: str
) -> None:
    _set_rule(project, rule)
    code, out, err = cli("validate", "rules", cwd=project)
    assert "Traceback" not in err + out
    errors = _errors(out)
    assert len(errors) == 1, out
    assert errors[0].startswith(GEH_AT), errors
    assert message in errors[0]
    assert errors[0].endswith(" [uttryck]")
    assert code == 1


def test_geh_rule_dividing_by_an_antal_is_valid(cli: CliRun, project: Path) -> None:
    """Validation tries the rule on sample counts; a division that fails only when there
    are no målområden at all is legal at run time and must not be refused."""
    _set_rule(project, "målområden_röd / målområden_antal < 0.25 and finansiella_röd == 0")
    code, out, err = cli("validate", "rules", cwd=project)
    assert code == 0, out
    code, out, err = cli("evaluate", "--format", "json", cwd=project)
    assert code == 0, err
    assert json.loads(out)["god_ekonomisk_hushållning"]["uppnådd"] is False


def test_geh_rule_failing_on_real_counts_points_at_the_rule(cli: CliRun, project: Path) -> None:
    # Valid on the samples, divides by zero on the real counts (no ej_bedömd målområden).
    _set_rule(project, "målområden_röd / målområden_ej_bedömd < 1")
    code, out, err = cli("validate", "rules", "--bara-regler", cwd=project)
    assert code == 0, out
    code, out, err = cli("evaluate", cwd=project)
    assert code == 1
    assert "Traceback" not in err
    assert (
        "rules/hushallning.yaml:16:12: fel: regel.uppnådd: uttrycket 'målområden_röd / "
        "målområden_ej_bedömd < 1' kunde inte beräknas: division med noll [uttryck]"
    ) in err.splitlines()


# --- expressions: a nyckeltal's uttryck ---------------------------------------------------

KPI_AT = f"rules/malomraden/halso-och-sjukvard.yaml:{HUD_LINE}:"


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        (" ", "uttrycket är tomt"),
        ("'ab'[5] == 'a'", "positionen finns inte i texten"),
        ("4000000**4000000 > 0", "talet blir för stort"),
        ("utfall ** 4000000 > 0", "talet blir för stort"),
        ("f'{utfall:>2000000000}' == ''", "f-strängar är inte tillåtna i uttryck"),
        ("'%2000000000d' % 1 == ''", "%-formatering av text är inte tillåten i uttryck"),
        ("'grön' if 'x' * 10**10 else 'röd'", "texten blir längre än 10000 tecken"),
    ],
    ids=[
        "blanksteg",
        "index",
        "potens",
        "potens-av-utfall",
        "f-sträng",
        "procent-format",
        "upprepning",
    ],
)
def test_hostile_kpi_expression_is_a_pointed_error(
    cli: CliRun, project: Path, bounded: None, expression: str, message: str
) -> None:
    _set_kpi_expression(project, expression)
    code, out, err = cli("validate", "rules", cwd=project)
    assert "Traceback" not in err + out
    errors = _errors(out)
    assert len(errors) == 1, out
    assert errors[0].startswith(KPI_AT), errors
    assert f"{KPI_AT}42: fel: nyckeltal[13].bedömning.uttryck: " in errors[0]
    assert message in errors[0]
    assert errors[0].endswith(" [uttryck]")
    assert code == 1
    code, out, err = cli("evaluate", cwd=project)
    assert code == 1
    assert "Traceback" not in err


def test_kpi_expression_failing_on_real_data_is_a_diagnostic(cli: CliRun, project: Path) -> None:
    """Valid on the samples, but the real utfall (271) divides by zero: evaluate reports it
    at the expression's line and the nyckeltal is ej bedömd, with no traceback."""
    _set_kpi_expression(project, "'grön' if 1 / (utfall - 271) > 0 else 'röd'")
    code, out, err = cli("validate", "rules", "--bara-regler", cwd=project)
    assert code == 0, out
    code, out, err = cli("evaluate", cwd=project)
    assert code == 1
    assert "Traceback" not in err
    assert any(
        line.startswith(KPI_AT) and "division med noll" in line and line.endswith("[uttryck]")
        for line in err.splitlines()
    ), err


# --- no Infinity or NaN in any output -----------------------------------------------------


def _no_constants(name: str) -> float:
    raise AssertionError(f"JSON innehåller {name}")


def test_change_against_a_vanishing_target_is_not_judged(cli: CliRun, project: Path) -> None:
    """`förändring` with a target of −1e−320: the ratio change ÷ target overflows. It is
    'ej bedömd' with the reason, and neither Infinity nor '∞' reaches any output."""
    replace_in(
        project / "rules" / "malomraden" / "ledningsprocesser.yaml",
        "    mål: -47\n",
        "    mål: -1e-320\n",
    )
    code, out, err = cli("evaluate", "--format", "json", cwd=project)
    assert code == 0, err
    data = json.loads(out, parse_constant=_no_constants)
    kpi = next(k for k in data["nyckeltal"] if k["id"] == "lp-rs-koldioxid")
    assert kpi["status"] == "ej_bedömd"
    assert kpi["måluppfyllelse"] is None
    assert "kvoten kan inte beräknas" in kpi["ej_bedömd_orsak"]
    code, out, err = cli("report", "--format", "md,html", "--out", "ut", "-q", cwd=project)
    assert code == 0, err
    for path in (project / "ut").glob("bilaga1-*"):
        text = path.read_text(encoding="utf-8")
        assert "∞" not in text and "Infinity" not in text and "NaN" not in text, path.name


def test_change_that_overflows_is_not_judged(cli: CliRun, project: Path) -> None:
    """A basvärde so small that (utfall − basvärde) ÷ basvärde overflows."""
    replace_in(
        project / "rules" / "malomraden" / "ledningsprocesser.yaml",
        "    bedömning: {metod: förändring, basår: 2019}\n",
        "    bedömning: {metod: förändring, basår: 2019, basvärde: 1e-320}\n",
    )
    code, out, err = cli("evaluate", "--format", "json", cwd=project)
    assert code == 0, err
    data = json.loads(out, parse_constant=_no_constants)
    kpi = next(k for k in data["nyckeltal"] if k["id"] == "lp-rs-koldioxid")
    assert kpi["status"] == "ej_bedömd"
    assert "förändringen kan inte beräknas" in kpi["ej_bedömd_orsak"]


# --- text templates in hushallning.yaml ---------------------------------------------------


def _minimal_with_rubrik(tmp_path: Path, rubrik: str) -> None:
    shutil.copytree(MINIMAL, tmp_path / "rules")
    replace_in(
        tmp_path / "rules" / "hushallning.yaml",
        "  rubrik: Sammanställning måluppfyllelse {{ period }}\n",
        "  rubrik: " + json.dumps(rubrik, ensure_ascii=False) + "\n",
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "mallen tar mer än 100000 steg (slingor och anrop)",
        ),
        (
            "{% for c in 'x' * 100000 %}{% for d in 'x' * 100000 %}{% endfor %}{% endfor %}",
            "mallen tar mer än 100000 steg (slingor och anrop)",
        ),
        (
            "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(60) }}",
            "mallen tar ",  # more than 100000 steps, or (traced by tracemalloc) over 5 s
        ),
        ("{{ '{:>1500000000}'.format(1) }}", "attributet 'format' är inte tillåtet i mallar"),
        ("{{ '%2000000000d' % 1 }}", "%-formatering av text är inte tillåten i mallar"),
        ("{{ 'x'|center(1500000000) }}", "okänt filter 'center'"),
        ("{{ 'x'|indent(1500000000) }}", "okänt filter 'indent'"),
        ("{{ 'x'.rjust(1500000000) }}", "attributet 'rjust' är inte tillåtet i mallar"),
        (
            "{% set a = 'x' * 60000 %}{% set a = a ~ a %}{% set a = a ~ a %}{{ a|length }}",
            "resultatet blir längre än 100000 tecken",
        ),
        ("{{ (['x' * 90000] * 90000)|join }}", "resultatet blir längre än 100000 tecken"),
        ("{{ 'x'|replace('', 'y' * 90000) }}", "resultatet blir längre än 100000 tecken"),
        (
            "{% set l = [] %}{% for i in range(99999) %}{% set _ = l.append('x' * 99999 ~ i) %}"
            "{% endfor %}",
            "resultatet blir längre än 100000 tecken",
        ),
        (
            "{% set l = [] %}{% for i in range(99999) %}{% set x %}{{ 'y' * 99999 }}{% endset %}"
            "{% set _ = l.append(x) %}{% endfor %}",
            "mallen bygger mer än 5000000 tecken text eller listor",
        ),
        (
            "{% set l = [1] %}{% for i in range(40) %}{% set _ = l.extend(l) %}{% endfor %}",
            "attributet 'extend' är inte tillåtet i mallar",
        ),
        ("{{ lipsum(n=100000000) }}", "okänt namn 'lipsum'"),
    ],
    ids=[
        "nästlade-range",
        "nästlade-texter",
        "makro-förgrening",
        "format-bredd",
        "procent-bredd",
        "center",
        "indent",
        "rjust",
        "tilde",
        "join",
        "replace",
        "append-tilde",
        "append-block",
        "extend",
        "lipsum",
    ],
)
def test_hostile_text_template_is_a_pointed_error(
    cli: CliRun, tmp_path: Path, bounded: None, template: str, message: str
) -> None:
    _minimal_with_rubrik(tmp_path, template)
    code, out, err = cli("validate", "rules", cwd=tmp_path)
    assert err == ""
    lines = out.splitlines()
    assert lines[-1] == "1 fel, 0 varningar i 6 filer", out
    assert lines[0].startswith(
        "rules/hushallning.yaml:13:11: fel: texter.rubrik: mallen kunde inte fyllas i: "
    ), out
    assert message in lines[0]
    assert lines[0].endswith(" [mall]")
    assert code == 1


def test_text_template_output_is_stopped_as_it_grows(cli: CliRun, tmp_path: Path) -> None:
    """Output is collected chunk by chunk: 10⁵ × 10⁵ characters are never built."""
    _minimal_with_rubrik(tmp_path, "{% for i in range(100000) %}{{ 'x' * 100000 }}{% endfor %}")
    start = time.monotonic()
    code, out, err = cli("validate", "rules", cwd=tmp_path)
    assert time.monotonic() - start < 10
    assert out.splitlines()[0] == (
        "rules/hushallning.yaml:13:11: fel: texter.rubrik: mallen ger mer än 200000 tecken [mall]"
    )
    assert code == 1


def test_real_texts_still_render(cli: CliRun, project: Path) -> None:
    """The guards leave the real texts (macros, append, ~, filters) as they were."""
    code, out, err = cli("evaluate", "--format", "json", cwd=project)
    assert code == 0, err
    conclusion = json.loads(out)["god_ekonomisk_hushållning"]["slutsats"]
    assert "inte uppnått god ekonomisk hushållning" in conclusion
    assert "Bedömningen grundas på att av de åtta målområdena har" in conclusion


# --- report templates (report --templates) ------------------------------------------------


def _report_with(project: Path, files: dict[str, str]) -> tuple[int, str, str]:
    folder = project / "mallar"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return _report(project)


def _report(project: Path) -> tuple[int, str, str]:
    import contextlib
    import io
    import os

    from engine.cli import main

    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["report", "--templates", "mallar", "--format", "md", "--out", "ut", "-q"])
    finally:
        os.chdir(cwd)
    return code, out.getvalue(), err.getvalue()


def _nothing_written(project: Path) -> bool:
    return not (project / "ut").exists() or not any((project / "ut").iterdir())


def test_include_through_a_symlink_is_refused(project: Path) -> None:
    secret = project / "hemligt.txt"
    secret.write_text("root:x:0:0:HEMLIGT\n", encoding="utf-8")
    (project / "mallar").mkdir()
    (project / "mallar" / "länk.j2").symlink_to(secret)
    code, out, err = _report_with(
        project, {"bilaga1.md.j2": '# Bilaga\n\n{% include "länk.j2" %}\n'}
    )
    assert code == 1
    assert "HEMLIGT" not in out + err
    assert err.splitlines()[0] == (
        "mallar/bilaga1.md.j2:3:1: fel: mallen kunde inte användas: mallen 'länk.j2' är en "
        "symbolisk länk; bara vanliga filer i mallmappen läses [mallfel]"
    )
    assert _nothing_written(project)


def test_a_linked_folder_inside_the_templates_is_refused(project: Path) -> None:
    outside = project / "utanför"
    outside.mkdir()
    (outside / "x.j2").write_text("HEMLIGT", encoding="utf-8")
    (project / "mallar").mkdir()
    (project / "mallar" / "del").symlink_to(outside, target_is_directory=True)
    code, out, err = _report_with(project, {"bilaga1.md.j2": '{% include "del/x.j2" %}\n'})
    assert code == 1
    assert "HEMLIGT" not in out + err
    assert "mallen 'del/x.j2' är en symbolisk länk" in err
    assert _nothing_written(project)


def test_the_template_itself_as_a_symlink_is_refused(project: Path) -> None:
    secret = project / "hemligt.txt"
    secret.write_text("HEMLIGT\n", encoding="utf-8")
    (project / "mallar").mkdir()
    (project / "mallar" / "bilaga1.md.j2").symlink_to(secret)
    code, out, err = _report(project)
    assert code == 1
    assert "HEMLIGT" not in out + err
    assert err.startswith("mallar/bilaga1.md.j2:1:1: fel: ")
    assert _nothing_written(project)


@pytest.mark.parametrize(
    "name", ["/etc/passwd", "../rules/skala.yaml", "del/../../rules/skala.yaml"]
)
def test_absolute_and_parent_paths_are_not_templates(project: Path, name: str) -> None:
    code, out, err = _report_with(project, {"bilaga1.md.j2": '{% include "' + name + '" %}\n'})
    assert code == 1
    assert err.splitlines()[0] == (
        f"mallar/bilaga1.md.j2:1:13: fel: mallen kunde inte användas: mallen '{name}' finns "
        "inte i mallmappen eller bland de inbyggda mallarna [mallfel]"
    )
    assert "root:" not in out + err
    assert _nothing_written(project)


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        (
            "# Bilaga\n\n    {{ okänd }}\n",
            "mallar/bilaga1.md.j2:3:8: fel: mallen kunde inte användas: okänt namn 'okänd' [mallfel]",
        ),
        (
            "# Bilaga\n\n{{ b.saknas }}\n",
            "mallar/bilaga1.md.j2:3:6: fel: mallen kunde inte användas: 'Bilaga' har inget 'saknas' [mallfel]",
        ),
        (
            "# Bilaga\n\n  {% if %}\n",
            "mallar/bilaga1.md.j2:3:9: fel: mallen kunde inte användas: ett uttryck saknas före '%}' [mallfel]",
        ),
        (
            "{% for r in b.areas %}\n{{ 1 // 0 }}\n{% endfor %}\n",
            "mallar/bilaga1.md.j2:2:1: fel: mallen kunde inte användas: division med noll [mallfel]",
        ),
    ],
    ids=["okänt-namn", "okänt-attribut", "syntax", "körfel"],
)
def test_template_errors_are_diagnostics(project: Path, template: str, expected: str) -> None:
    code, out, err = _report_with(project, {"bilaga1.md.j2": template})
    assert code == 1
    assert err.splitlines() == [expected, "1 fel, 0 varningar i 1 fil", "inga filer skrevs"]
    assert "Traceback" not in err
    assert _nothing_written(project)


def test_an_included_template_error_points_at_the_included_file(project: Path) -> None:
    code, out, err = _report_with(
        project,
        {"bilaga1.md.j2": '# Bilaga\n{% include "del.j2" %}\n', "del.j2": "rad ett\n{{ 1/0 }}\n"},
    )
    assert code == 1
    assert err.splitlines()[0] == (
        "mallar/del.j2:2:1: fel: mallen kunde inte användas: division med noll [mallfel]"
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "mallen tar ",
        ),
        ("{{ '{:>1500000000}'.format(1) }}", "attributet 'format' är inte tillåtet i mallar"),
        ("{% for i in range(100000) %}{{ 'x' * 99999 }}{% endfor %}", "mallen ger mer än"),
    ],
    ids=["nästlade-range", "format-bredd", "utdata"],
)
def test_report_template_limits(project: Path, template: str, message: str) -> None:
    start = time.monotonic()
    code, out, err = _report_with(project, {"bilaga1.md.j2": template})
    assert time.monotonic() - start < 120
    assert code == 1
    line = err.splitlines()[0]
    assert line.startswith("mallar/bilaga1.md.j2:1:")
    assert message in line and line.endswith("[mallfel]")
    assert _nothing_written(project)


def test_the_built_in_templates_still_render(project: Path) -> None:
    (project / "mallar").mkdir()
    code, out, err = _report(project)
    assert code == 0, err
    assert (project / "ut" / "bilaga1-2025-08.md").read_text(encoding="utf-8").startswith("#")


def test_a_text_branch_that_runs_only_on_real_counts_is_tried(cli: CliRun, tmp_path: Path) -> None:
    """Validation renders each text with no counts and with a few of every colour, so a
    loop over the counts is held to the limits before the report is made."""
    _minimal_with_rubrik(
        tmp_path,
        "{% for i in range(målområden.antal * 10000) %}{% for j in range(10000) %}"
        "{% endfor %}{% endfor %}",
    )
    code, out, err = cli("validate", "rules", cwd=tmp_path)
    assert out.splitlines()[0] == (
        "rules/hushallning.yaml:13:11: fel: texter.rubrik: mallen kunde inte fyllas i: "
        "mallen tar mer än 100000 steg (slingor och anrop) [mall]"
    )
    assert code == 1


def test_a_fifo_named_like_a_template_does_not_block(project: Path) -> None:
    import os

    (project / "mallar").mkdir()
    os.mkfifo(project / "mallar" / "bilaga1.md.j2")
    start = time.monotonic()
    code, out, err = _report(project)
    assert time.monotonic() - start < 60
    assert code == 1
    assert err.splitlines()[0] == (
        "mallar/bilaga1.md.j2:1:1: fel: mallen kunde inte användas: mallen 'bilaga1.md.j2' "
        "är ingen vanlig fil [mallfel]"
    )


def test_a_text_failing_on_real_counts_is_a_diagnostic_in_report(project: Path) -> None:
    """Valid on the samples (0 and 7 målområden), divides by zero on the real 8."""
    replace_in(
        project / "rules" / "hushallning.yaml",
        "  inledning: |\n",
        "  inledning: |\n    {{ 1 / (målområden.antal - 8) }}\n",
    )
    (project / "mallar").mkdir()
    code, out, err = _report(project)
    assert code == 1
    assert err.splitlines()[0].startswith("rules/hushallning.yaml:22:14: fel: texter.inledning: ")
    assert "division med noll" in err.splitlines()[0]
    assert err.splitlines()[0].endswith("[mall]")
    assert _nothing_written(project)
