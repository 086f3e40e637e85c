# language: sv
Egenskap: En beslutad bedömning på ett nyckeltal eller uppdrag
  Som controller
  vill jag kunna besluta ett nyckeltals eller uppdrags färg med en motivering
  så att bilagan visar den bedömning som beslutats, medan den beräknade finns kvar för granskningen.

  Andelen ekologiska livsmedel (37 % mot målet 42 %, 88,1 %) blir röd med det gula
  intervallet 90–99 %, men delårsrapporten per augusti 2025 säger att målet "endast
  delvis" är uppfyllt. I utfallsfilen står därför bedömning: {status: gul, motivering: …}.

  Bakgrund:
    Givet en kopia av regionens regler och utfall per augusti 2025

  Scenario: En beslutad bedömning på ett nyckeltal
    När måluppfyllelsen beräknas som JSON
    Så har "Andelen ekologiska livsmedel av de totala livsmedelsinköpen i regionens verksamheter (öka)" status "gul"
    Och är den beräknade statusen "röd" kvar, med måluppfyllelsen 88,1
    Och är den beslutade motiveringen "Målet för andelen ekologiska livsmedel i inköpen är endast delvis uppfyllt."
    När bilagan skapas i Markdown
    Så står "Bedömd som delvis uppfyllt: Målet för andelen ekologiska livsmedel i inköpen är endast delvis uppfyllt." i raden för "Andelen ekologiska livsmedel"
    Och visar raden statusen "Delvis uppfyllt"

  Scenario: En beslutad bedömning utan motivering är ett fel med rad och kolumn
    Givet att motiveringen till ekologiska livsmedel har tagits bort
    När måluppfyllelsen beräknas som JSON
    Så avbryts beräkningen med ett fel i "fixtures/2025-08/malomraden/ledningsprocesser.yaml" om "motivering"
