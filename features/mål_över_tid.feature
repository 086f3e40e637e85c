# language: sv
Egenskap: Mål som skiljer sig per period och per år i planen
  Som ekonom på regionkansliet
  vill jag ange ett mål per tertial och per år i planen, med beslutet bakom varje mål,
  så att varje period bedöms mot det mål som gäller för den och en revisor hittar beslutet.

  Ett nyckeltal kan ha mål_över_tid: en lista med mål för en viss period (period: ÅÅÅÅ-MM)
  eller ett visst år i planen (år: ÅÅÅÅ). Periodens mål går före årets, och årets före det
  vanliga målet.

  Scenario: Mål per period
    Givet nyckeltalet "Antal utförda operationer" för HSN med riktning "Minst" och målen:
      | gäller  | mål |
      | 2026-04 | 455 |
      | 2026-08 | 227 |
      | 2026    | 455 |
    Och utfallet för "Antal utförda operationer" är 220 i perioden "2026-08"
    Och utfallet för "Antal utförda operationer" är 440 i perioden "2026-12"
    När perioden "2026-08" bedöms
    Så bedöms "Antal utförda operationer" mot målet 227 och blir gult
    Och anger JSON-resultatet att målet för "2026-08" gällde för "Antal utförda operationer"
    När perioden "2026-12" bedöms
    Så bedöms "Antal utförda operationer" mot målet 455 och blir gult
    Och anger JSON-resultatet att målet för "2026" gällde för "Antal utförda operationer"

  Scenario: Ett beslutat mål per år med beslut
    Givet att varje mål måste ha ett fullständigt beslut
    Och nyckeltalet "Antal utförda operationer" för HSN med riktning "Minst" och målen:
      | gäller | mål | beslut                                                                |
      | 2026   | 455 | Regionplan med budget 2026–2028, Regionfullmäktige, 2025-11-19, § 150 |
      | 2027   | 460 | Regionplan med budget 2026–2028                                       |
    Och utfallet för "Antal utförda operationer" är 460 i perioden "2026-08"
    När reglerna valideras med --strict
    Så misslyckas valideringen med "målet för 2027 för 'halso-och-sj-hsn-antal-utforda-operationer': beslutet saknar datum, organ, paragraf"
    Och nämns inte målet för 2026 i valideringen
    När perioden "2026-08" bedöms
    Och granskningsbilagan skapas
    Så är målet "Minst 455 (målet för 2026)" för "Antal utförda operationer" beslutat i "Regionplan med budget 2026–2028, Regionfullmäktige 2025-11-19 § 150"
