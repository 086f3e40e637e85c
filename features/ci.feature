# language: sv
Egenskap: Regeländringar kontrolleras i CI
  Som handläggare som ändrar ett mål i regelfilerna
  vill jag att pull requesten visar felet på den rad jag ändrade och vilka mål som ändrats,
  så att granskaren ser konsekvensen innan ändringen slås ihop.

  Arbetsflödet är exemplet i docs/ci/github-actions.yml. Dess steg som kör maluppfyllelse
  körs som GitHub Actions kör dem (i tur och ordning, och inget efter ett steg som
  misslyckas) i ett git-förråd med regler och utfall, där pull requesten jämförs med
  grenen "main".

  Bakgrund:
    Givet ett regelförråd med reglerna i tests/data/minimal_rules och utfall för perioden "2025-08" på grenen "main"

  Scenario: Ett mål skrivet som text visas som en anteckning på den ändrade raden
    När handläggaren ändrar målet för "td-hsn-revisionsintervall" från "88" till "88 %"
    Och arbetsflödet i docs/ci/github-actions.yml körs för pull requesten
    Så misslyckas steget "Validera regler och senaste periodens utfall"
    Och en felanteckning med titeln "typ" pekar på det ändrade värdet i "rules/malomraden/tandvard.yaml"
    Och anteckningens meddelande är "nyckeltal[1].mål: ska vara ett tal, men är texten '88 %25'; skriv bara talet, t.ex. 88"
    Och inga fler anteckningar visas

  Scenario: En ofarlig ändring går igenom
    När handläggaren skriver kommentaren "# Målet beslutades i regionplanen 2025." ovanför målet för "td-hsn-revisionsintervall"
    Och arbetsflödet i docs/ci/github-actions.yml körs för pull requesten
    Så lyckas alla steg
    Och inga anteckningar visas
    Och jobbets sammanfattning är "**Inga ändringar** i reglerna mellan `origin/main` och `arbetskopian`."

  Scenario: Ett ändrat mål syns i jobbets sammanfattning
    När handläggaren ändrar målet för "td-hsn-revisionsintervall" från "88" till "90"
    Och handläggaren ändrar den tryckta målformuleringen för "td-hsn-revisionsintervall" från "Minst 88 %" till "Minst 90 %"
    Och arbetsflödet i docs/ci/github-actions.yml körs för pull requesten
    Så lyckas alla steg
    Och inga anteckningar visas
    Och jobbets sammanfattning visar "mål ändrat från 88 % till 90 %" under rubriken "Tandvård"

  Scenario: Ett ändrat mål med den gamla tryckta målformuleringen stoppas
    När handläggaren ändrar målet för "td-hsn-revisionsintervall" från "88" till "90"
    Och arbetsflödet i docs/ci/github-actions.yml körs för pull requesten
    Så misslyckas steget "Validera regler och senaste periodens utfall"
    Och anteckningens meddelande är "nyckeltal[1].mål_text: mål_text 'Minst 88 %25' säger talet 88 men mål är 90; rätta den ena"
    Och inga fler anteckningar visas
