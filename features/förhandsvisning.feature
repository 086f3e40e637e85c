# language: sv
Egenskap: Förhandsvisning medan reglerna redigeras
  Som handläggare som ändrar mål i YAML
  vill jag se bilagan ändras i webbläsaren när jag sparar
  så att jag slipper köra report och öppna filen igen.

  Bakgrund:
    Givet att "maluppfyllelse serve" visar en kopia av regionens projekt i en webbläsare

  Scenario: Ett sparat mål syns på den öppna sidan utan omladdning
    När målet för tandvårdens nyckeltal ändras från "4,07" till "4,93" och filen sparas
    Så visar sidan "Minst 4,93" inom 2 sekunder
    Och har sidan uppdaterat sig själv utan att laddas om

  Scenario: Ett fel i YAML syns i panelen med fil, rad och kolumn och försvinner när det rättas
    När "rules/malomraden/tandvard.yaml" sparas med en trasig rad
    Så visar panelen felet med "rules/malomraden/tandvard.yaml:rad:kolumn" inom 2 sekunder
    Och visar sidan fortfarande den senaste felfria bilagan
    När filen rättas och sparas igen
    Så är panelen tom inom 2 sekunder
