# language: sv
Egenskap: En nämnds plan med samma regelspråk som regionens
  Som nämndsekreterare
  vill jag följa upp nämndens egen plan med samma regelspråk som regionens plan
  så att nämndens tertialrapport visar uppdrag och nyckeltal per färg, utan de delar
  som bara regionens plan har.

  Bakgrund:
    Givet exemplets nämndplan i examples/hsn-plan (påhittade uppgifter)

  Scenario: En nämnds plan utan finansiella mål
    Så godkänns planen av validate --strict
    När nämndens rapport skapas
    Så är huvudrubriken "Hälso- och sjukvårdsnämndens uppföljning av mål per april 2026"
    Och står inte "Bilaga 1, " i rapporten
    Och har rapporten inget avsnitt "Finansiella mål"
    Och har rapporten inget avsnitt om god ekonomisk hushållning
    Och har sammanställningen kolumnerna "Uppdrag" och "Kortsiktiga nyckeltal" med antal per färg
    Och stämmer sammanställningens antal per färg med uppdragens och nyckeltalens färger
    Och är totalraden summan av målområdenas antal

  Scenario: Förledet i rubriken kommer från rapport.yaml
    Givet att rapport.yaml har förled "Bilaga 2"
    När nämndens rapport skapas
    Så är huvudrubriken "Bilaga 2, Hälso- och sjukvårdsnämndens uppföljning av mål per april 2026"

  Scenario: En okänd kolumn i rapport.yaml får ett förslag
    Givet att sammanställningens kolumner i rapport.yaml är "uppdrag_gron, status"
    Så underkänns planen av validate med "okänd kolumn 'uppdrag_gron' (menade du 'uppdrag_grön'?)"

  Scenario: evaluate talar om nämndens uppdrag
    När planen utvärderas
    Så står det "Uppdrag: 2 grön, 5 gul, 2 röd, 0 ej bedömd"
    Och står det inte "God ekonomisk hushållning"
    Och står det inte "Uppdrag från fullmäktige"
