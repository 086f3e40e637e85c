"""Generate a synthetic, national-scale rules folder and three period folders.

    python bench/generate.py [--out DIR] [--namnder 300] [--per-area 25] [--seed 1]

Layout written under DIR (a new temp folder when --out is not given):

    DIR/rules/                 organisation (N001…N300), skala + hushållning (copied from
                               the real rules/), finansiella_mal, malomraden/<id>.yaml
    DIR/fixtures/2025-04/      period.yaml, finansiella_mal.yaml, malomraden/<id>.yaml
    DIR/fixtures/2025-08/
    DIR/fixtures/2025-12/

8 målområden × `per_area` nyckeltal (200 by default), every nyckeltal reported by every
nämnd, so each period has namnder × 200 (60 000) nyckeltal evaluations. Methods are
mostly `kvot` (some with an own yellow band, one per målområde with `avvikande_mål`),
plus `uppfyllt`, `band` and `uttryck`; all seven `riktning` values occur. Each målområde
also has 4 fullmäktige uppdrag (all nämnder) and 10 nämnd uppdrag (30 nämnder each).

The YAML is written with plain string formatting (no YAML library): it is much faster
and the shapes are fixed. Deterministic for a given seed. Prints the folder and the
largest file's size; files must stay under engine.inputs.yamlfile.MAX_BYTES and yamlgraph.MAX_NODES.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REAL_RULES = REPO / "rules"

#: (id, name, prefix) in the summary table's order.
AREAS = [
    ("halso-och-sjukvard", "Hälso- och sjukvård", "hs"),
    ("tandvard", "Tandvård", "td"),
    ("regional-utveckling", "Regionalt utvecklingsansvar", "ru"),
    ("kultur", "Kultur", "ku"),
    ("kollektivtrafik", "Kollektivtrafik", "kt"),
    ("folkhogskolor", "Folkhögskolor", "fh"),
    ("stodverksamhet", "Stödverksamhet", "sv"),
    ("ledningsprocesser", "Ledningsprocesser", "lp"),
]

PERIODS = [
    # period, benämning, typ, datum, mäts
    ("2025-04", "per april 2025", "tertial", "2025-04-30", ("tertial",)),
    ("2025-08", "per augusti 2025", "delår", "2025-08-31", ("tertial", "halvår")),
    ("2025-12", "för helåret 2025", "helår", "2025-12-31", ("tertial", "halvår", "år")),
]

UPPDRAG_STATUSES = [
    ("Pågående enligt plan", 70),
    ("Avslutad/klar", 15),
    ("Pågående med avvikelse", 10),
    ("Ej påbörjad", 4),
    ("Avbruten", 1),
]

FULLMAKTIGE_UPPDRAG = 4
NAMND_UPPDRAG = 10
NAMND_UPPDRAG_SIZE = 30


def q(text: str) -> str:
    """A double-quoted YAML scalar (our texts contain no backslash or double quote)."""
    assert '"' not in text and "\\" not in text
    return f'"{text}"'


def num(x: float) -> str:
    """A YAML number: integers plainly, else Python's shortest repr (always has a dot)."""
    if float(x).is_integer():
        return str(int(x))
    return repr(float(x))


@dataclass
class Kpi:
    id: str
    name: str
    unit: str
    direction: str
    target: float
    target_text: str
    frequency: str
    method: str  # kvot | kvot-band | uppfyllt | band | uttryck
    decimals: int
    spread: tuple[float, float]  # utfall = target × uniform(spread) (or + for uppfyllt)
    by_namnd: dict[str, float] = field(default_factory=dict)


# Kinds of kvot nyckeltal: (name stem, unit, directions, target range, decimals)
KVOT_KINDS = [
    ("Andel patienter som får besök inom vårdgarantin", "%", ["Minst", "Högre än", ">"], (60, 95), 1),
    ("Väntetid till första bedömning", "dagar", ["Max", "Lägre än", "Kortare än"], (10, 60), 0),
    ("Antal genomförda besök", "patienter", ["Minst"], (200, 5000), 0),
    ("Hållbart medarbetarengagemang", "index", ["Minst", ">"], (3.5, 4.5), 2),
    ("Energianvändning i egna lokaler (minska)", "kWh/m2", ["Max", "<"], (90, 200), 1),
    ("Svarstid i telefon", "minuter", ["<", "Kortare än"], (5, 30), 0),
]


def make_kpis(prefix: str, area_no: int, per_area: int, namnder: list[str], rng: random.Random) -> list[Kpi]:
    kpis: list[Kpi] = []
    # per 25: 20 kvot (3 of them with an own yellow band), 2 uppfyllt, 2 band, 1 uttryck
    methods = []
    for i in range(per_area):
        slot = i % 25
        if slot < 17:
            methods.append("kvot")
        elif slot < 20:
            methods.append("kvot-band")
        elif slot < 22:
            methods.append("uppfyllt")
        elif slot < 24:
            methods.append("band")
        else:
            methods.append("uttryck")
    for i, method in enumerate(methods, start=1):
        kid = f"{prefix}-k{i:03d}"
        r = rng.random()
        frequency = "tertial" if r < 0.80 else ("halvår" if r < 0.92 else "år")
        if method in ("kvot", "kvot-band"):
            stem, unit, dirs, (lo, hi), dec = KVOT_KINDS[(i + area_no) % len(KVOT_KINDS)]
            direction = dirs[i % len(dirs)]
            target = round(rng.uniform(lo, hi), dec)
            if dec == 0:
                target = float(int(target))
            word = {"Minst": "Minst", "Högre än": "Högre än", ">": ">", "Max": "Max",
                    "Lägre än": "Lägre än", "Kortare än": "Kortare än", "<": "<"}[direction]
            sep = "" if word in ("<", ">") else " "
            unit_txt = f" {unit}" if unit else ""
            higher = direction in ("Minst", "Högre än", ">")
            # around the target: some better, some in the yellow band, some red
            spread = (0.80, 1.12) if higher else (0.90, 1.25)
            k = Kpi(kid, f"{stem} {area_no}.{i}", unit, direction, target,
                    f"{word}{sep}{num(target).replace('.', ',')}{unit_txt}", frequency, method, dec, spread)
            if i == 1:  # one nyckeltal per målområde with avvikande mål for 10 nämnder
                for n in rng.sample(namnder, min(10, len(namnder))):
                    k.by_namnd[n] = round(target * rng.uniform(0.9, 1.1), dec) or target
            kpis.append(k)
        elif method == "uppfyllt":
            target = round(rng.uniform(-4.0, -1.0), 1)
            kpis.append(Kpi(kid, f"Nettokostnadsutveckling {area_no}.{i}", "%", "Max", target,
                            f"{num(target).replace('.', ',')}%", frequency, method, 1, (-2.0, 2.0)))
        elif method == "band":
            kpis.append(Kpi(kid, f"Andel invånare med förtroende {area_no}.{i}", "%", "Minst", 95.0,
                            "Minst 95 %", frequency, method, 1, (0.75, 1.05)))
        else:
            target = round(rng.uniform(3.8, 4.3), 2)
            kpis.append(Kpi(kid, f"Nöjd medborgarindex {area_no}.{i}", "index", "Minst", target,
                            f"Minst {num(target).replace('.', ',')}", frequency, method, 2, (0.85, 1.1)))
    return kpis


def rules_area(area: tuple[str, str, str], order: int, kpis: list[Kpi], namnder: list[str],
               rng: random.Random) -> tuple[str, list[tuple[str, list[str]]]]:
    aid, name, prefix = area
    all_n = "[" + ", ".join(namnder) + "]"
    out = [
        f"# Syntetiskt målområde (bench/generate.py): {len(kpis)} nyckeltal × {len(namnder)} nämnder.",
        f"id: {aid}",
        f"namn: {q(name)}",
        f"övergripande_mål: {q('Ett övergripande mål för ' + name.lower())}",
        f"ordning: {order}",
        "uppdrag:",
    ]
    uppdrag: list[tuple[str, list[str]]] = []
    for j in range(1, FULLMAKTIGE_UPPDRAG + 1):
        uid = f"{prefix}-u{j:02d}"
        uppdrag.append((uid, namnder))
        out += [
            f"  - id: {uid}",
            f"    text: {q(f'Fullmäktiges uppdrag {j} inom {name.lower()}.')}",
            "    ursprung: fullmäktige",
            f"    nämnder: {all_n}",
        ]
    for j in range(FULLMAKTIGE_UPPDRAG + 1, FULLMAKTIGE_UPPDRAG + NAMND_UPPDRAG + 1):
        uid = f"{prefix}-u{j:02d}"
        who = sorted(rng.sample(namnder, min(NAMND_UPPDRAG_SIZE, len(namnder))))
        uppdrag.append((uid, who))
        out += [
            f"  - id: {uid}",
            f"    text: {q(f'Nämndens eget uppdrag {j} inom {name.lower()}.')}",
            "    ursprung: nämnd",
            f"    nämnder: [{', '.join(who)}]",
        ]
    out.append("nyckeltal:")
    for k in kpis:
        out += [
            f"  - id: {k.id}",
            f"    namn: {q(k.name)}",
            f"    nämnder: {all_n}",
            f"    enhet: {q(k.unit)}",
            f"    riktning: {q(k.direction)}",
            f"    mål: {num(k.target)}",
            f"    mål_text: {q(k.target_text)}",
            f"    frekvens: {k.frequency}",
        ]
        if k.by_namnd:
            out.append("    avvikande_mål: {" + ", ".join(f"{n}: {num(v)}" for n, v in sorted(k.by_namnd.items())) + "}")
        if k.method == "kvot-band":
            out.append("    bedömning: {metod: kvot, gult_band: {från: 85}}")
        elif k.method == "uppfyllt":
            out.append("    bedömning: {metod: uppfyllt}")
        elif k.method == "band":
            out += [
                "    bedömning:",
                "      metod: band",
                "      grund: utfall",
                "      band:",
                "        - {status: grön, från: 95}",
                "        - {status: gul, från: 80, till: 95}",
                "        - {status: röd}",
            ]
        elif k.method == "uttryck":
            out.append(
                "    bedömning: {metod: uttryck, uttryck: \"'grön' if utfall >= mål else "
                "('gul' if kvot >= gul_från else 'röd')\"}"
            )
    return "\n".join(out) + "\n", uppdrag


def value_for(k: Kpi, target: float, rng: random.Random) -> float:
    lo, hi = k.spread
    if k.method == "uppfyllt":
        v = round(target + rng.uniform(lo, hi), k.decimals)
    else:
        v = round(target * rng.uniform(lo, hi), k.decimals)
        if k.unit == "%":
            v = min(v, 100.0)
        v = max(v, 0.1 if k.decimals else 1.0)
    return v


def outcomes_area(area: tuple[str, str, str], kpis: list[Kpi], uppdrag: list[tuple[str, list[str]]],
                  namnder: list[str], measured: tuple[str, ...], rng: random.Random,
                  rows: list[dict[str, object]] | None = None) -> str:
    """The målområde's outcome file; with `rows`, the nyckeltal go there (a table) instead."""
    aid, name, _ = area
    statuses = [s for s, _ in UPPDRAG_STATUSES]
    weights = [w for _, w in UPPDRAG_STATUSES]
    out = [
        f"målområde: {aid}",
        f"kommentar: {q(f'Sammanfattande kommentar för {name.lower()}.')}",
        "nämnder:",
    ]
    for n in namnder:
        out += [f"  {n}:", f"    kommentar: {q(f'Nämndens kommentar ({n}).')}"]
    out.append("uppdrag:")
    for uid, who in uppdrag:
        for n in who:
            status = rng.choices(statuses, weights)[0]
            out += [
                f"  - id: {uid}",
                f"    nämnd: {n}",
                f"    status: {status}",
                f"    kommentar: {q(f'Arbetet med {uid} pågår hos {n}.')}",
            ]
    if rows is None:
        out.append("nyckeltal:")
    for k in kpis:
        reported = k.frequency in measured
        for n in namnder:
            row: dict[str, object] = {"nyckeltal": k.id, "nämnd": n}
            if not reported:
                row["saknas"] = "Utfallet rapporteras på helår."
            elif rng.random() < 0.01:
                row["saknas"] = "Utfallet är inte framtaget."
            else:
                v = value_for(k, k.by_namnd.get(n, k.target), rng)
                row["utfall"] = int(num(v)) if "." not in num(v) else float(num(v))
                row["kommentar"] = f"Kommentar till {k.id} för {n}."
            if rows is not None:
                rows.append(row)
                continue
            out += [f"  - id: {k.id}", f"    nämnd: {n}"]
            if "saknas" in row:
                out.append(f"    saknas: {row['saknas']}")
            else:
                out += [f"    utfall: {num(float(str(row['utfall'])))}",
                        f"    kommentar: {q(str(row['kommentar']))}"]
    return "\n".join(out) + "\n"


TABLE_COLUMNS = ("nyckeltal", "nämnd", "period", "utfall", "saknas", "kommentar")


def write_table(folder: Path, period: str, rows: list[dict[str, object]], fmt: str) -> Path:
    """The period's nyckeltal outcomes as one table, `utfall.csv` or `utfall.parquet`."""
    for r in rows:
        r["period"] = period
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        path = folder / "utfall.parquet"
        pq.write_table(pa.table({c: [r.get(c) for r in rows] for c in TABLE_COLUMNS}), path)
        return path
    path = folder / "utfall.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(TABLE_COLUMNS)
        for r in rows:
            w.writerow(["" if r.get(c) is None else r[c] for c in TABLE_COLUMNS])
    return path


FINANCE_RULES = """målområde: ledningsprocesser
finansiella_mål:
  - id: soliditet
    namn: Soliditet (ökning) Exklusive ansvarsförbindelsen
    enhet: "%"
    riktning: Minst
    mål: -34.8
    mål_text: "-34,8%"
    bedömning: {metod: uppfyllt}
  - id: kassalikviditet
    namn: Kassalikviditet exkl. pensionsplaceringar
    enhet: "%"
    riktning: ">"
    mål: 67
    mål_text: ">67%"
  - id: nettokostnadsutveckling
    namn: Nettokostnadsutveckling
    enhet: "%"
    riktning: Max
    mål: -3.8
    mål_text: "-3,8%"
    bedömning: {metod: uppfyllt}
  - id: leverantorsfoljsamhet
    namn: Leverantörsföljsamhet
    enhet: "%"
    riktning: Minst
    mål: 95
    mål_text: "95%"
"""


def finance_outcomes(rng: random.Random) -> str:
    vals = {
        "soliditet": round(rng.uniform(-36, -30), 1),
        "kassalikviditet": round(rng.uniform(60, 80), 1),
        "nettokostnadsutveckling": round(rng.uniform(-5, 0), 1),
        "leverantorsfoljsamhet": round(rng.uniform(85, 97), 0),
    }
    out = ["finansiella_mål:"]
    for gid, v in vals.items():
        out += [f"  - id: {gid}", f"    utfall: {num(v)}", f"    kommentar: {q('Syntetiskt utfall.')}"]
    return "\n".join(out) + "\n"


def generate(out: Path, n_namnder: int = 300, per_area: int = 25, seed: int = 1,
             table: str | None = None) -> dict[str, object]:
    """Write the synthetic rules and fixtures under `out`; returns a few counts. With
    `table` ("csv" or "parquet") each period's nyckeltal outcomes are one table instead of
    entries in the målområde files (the same values: the random draws are the same)."""
    rng = random.Random(seed)
    namnder = [f"N{i:03d}" for i in range(1, n_namnder + 1)]
    rules = out / "rules"
    if rules.exists():
        shutil.rmtree(rules)
    fixtures = out / "fixtures"
    if fixtures.exists():
        shutil.rmtree(fixtures)
    (rules / "malomraden").mkdir(parents=True)
    org = ["organisation:", "  id: riket", "  namn: Syntetiska riksorganisationen", "nämnder:"]
    for n in namnder:
        org += [f"  - id: {n}", f"    namn: {q(f'Nämnd {n[1:]}')}"]
    (rules / "organisation.yaml").write_text("\n".join(org) + "\n", encoding="utf-8")
    shutil.copy(REAL_RULES / "skala.yaml", rules / "skala.yaml")
    shutil.copy(REAL_RULES / "hushallning.yaml", rules / "hushallning.yaml")
    (rules / "finansiella_mal.yaml").write_text(FINANCE_RULES, encoding="utf-8")

    plans = []
    for order, area in enumerate(AREAS, start=1):
        kpis = make_kpis(area[2], order, per_area, namnder, rng)
        text, uppdrag = rules_area(area, order, kpis, namnder, rng)
        (rules / "malomraden" / f"{area[0]}.yaml").write_text(text, encoding="utf-8")
        plans.append((area, kpis, uppdrag))

    for period, label, kind, date, measured in PERIODS:
        folder = fixtures / period
        (folder / "malomraden").mkdir(parents=True)
        (folder / "period.yaml").write_text(
            f'period: "{period}"\nbenämning: {label}\ntyp: {kind}\ndatum: {date}\n'
            f"mäts: [{', '.join(measured)}]\n",
            encoding="utf-8",
        )
        (folder / "finansiella_mal.yaml").write_text(finance_outcomes(rng), encoding="utf-8")
        rows: list[dict[str, object]] | None = [] if table else None
        for area, kpis, uppdrag in plans:
            text = outcomes_area(area, kpis, uppdrag, namnder, measured, rng, rows)
            (folder / "malomraden" / f"{area[0]}.yaml").write_text(text, encoding="utf-8")
        if table and rows is not None:
            write_table(folder, period, rows, table)

    files = sorted(out.rglob("*.yaml"))
    largest = max(files, key=lambda p: p.stat().st_size)
    n_kpi = sum(len(k) for _, k, _ in plans)
    return {
        "out": out,
        "namnder": n_namnder,
        "nyckeltal": n_kpi,
        "pairs_per_period": n_kpi * n_namnder,
        "uppdrag_pairs_per_period": sum(len(w) for _, _, u in plans for _, w in u),
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "largest": largest,
        "largest_bytes": largest.stat().st_size,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=None, help="target folder (default: a new temp folder)")
    p.add_argument("--namnder", type=int, default=300)
    p.add_argument("--per-area", type=int, default=25, help="nyckeltal per målområde (8 målområden)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--tabell", choices=["csv", "parquet"], default=None,
                   help="nyckeltalens utfall i en tabell per period i stället för i YAML")
    args = p.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="maluppfyllelse-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    info = generate(out, args.namnder, args.per_area, args.seed, args.tabell)
    dt = time.perf_counter() - t0
    print(
        f"{out}: {info['nyckeltal']} nyckeltal × {info['namnder']} nämnder = "
        f"{info['pairs_per_period']} utfall per period, {info['uppdrag_pairs_per_period']} uppdragsstatusar "
        f"per period; {info['files']} filer, {int(info['bytes']) / 1e6:.1f} MB "
        f"(största {info['largest_bytes']} byte: {Path(str(info['largest'])).relative_to(out)}) på {dt:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
