# language: sv
Egenskap: Granskningsbilagan för revisorerna
  Som revisor (kommunallagen 12 kap. 1 §)
  vill jag kunna följa varje färg till det beslutade målet, regeln, källan och raden i regelfilen
  så att jag kan bedöma om resultaten i delårsrapporten är förenliga med fullmäktiges mål.

  Bakgrund:
    Givet ett projekt skapat med "maluppfyllelse init --exempel"
    Och att målen beslutats i "Regionplan med budget 2025-2027" av "Regionfullmäktige" den 2024-11-20, "§ 123"
    Och att utfallet för "td-hsn-andel-bokad-tid-vuxna" har källan "Stratsys", hämtad 2025-09-05, slutligt

  Scenario: En revisor följer ett rött nyckeltal till beslut, regel, källa och regelfilens rad
    När jag skapar granskningsbilagan
    Så finns "Andel bokad tid för vuxna i allmäntandvård (HSN)" bland de röda måtten
    När jag följer länken till "Andel bokad tid för vuxna i allmäntandvård (HSN)"
    Så är måttets status "Ej uppfyllt"
    Och är målet "Minst 55 %" beslutat i "Regionplan med budget 2025-2027, Regionfullmäktige 2024-11-20 § 123"
    Och är regeln "Kvot mot målet; gult 90 % ≤ kvot < 100 %, grönt från 100 %"
    Och är utfallet "49 %" med "Källa: Stratsys (slutligt, hämtad 2025-09-05)."
    Och säger motiveringen "utfall ÷ mål = 89,1 %"
    Och pekar länken till regelfilen på raden med "- id: td-hsn-andel-bokad-tid-vuxna" i "rules/malomraden/tandvard.yaml"

  Scenario: Sammanvägningen och hushållningen redovisas steg för steg
    När jag skapar granskningsbilagan
    Så redovisar målområdet "Tandvård" beslutad status "Ej uppfyllt" mot beräknad "Delvis uppfyllt" med motivering
    Och står stegen för god ekonomisk hushållning, bland dem "Alltså är god ekonomisk hushållning inte uppnådd."
