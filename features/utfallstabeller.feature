# language: sv
Egenskap: Utfall från en tabell (CSV eller Parquet)
  Som analytiker som tar ut utfallen ur ett källsystem eller ur Kolada
  vill jag lägga nyckeltalens utfall i en tabell i periodmappen
  så att ingen behöver skriva av dem i YAML för hand.

  Bakgrund:
    Givet en kopia av regionens regler och utfall för augusti 2025

  Scenario: Alla nyckeltals utfall i en CSV-fil ger samma bedömning som från YAML
    När alla nyckeltals utfall flyttas från YAML-filerna till "utfall.csv"
    Så går valideringen igenom utan fel
    Och är varje nyckeltals status, utfall och måluppfyllelse desamma som från YAML

  Scenario: Fel i tabellen pekar på fil och rad, alla på en gång
    När "utfall.csv" har raderna:
      | nyckeltal  | nämnd | utfall |
      | td-okand   | HSN   | 5      |
      | td-hsn-hse | RS    | fyra   |
    Så ger valideringen felen:
      | plats                           | text                             |
      | fixtures/2025-08/utfall.csv:2:  | okänt nyckeltal 'td-okand'       |
      | fixtures/2025-08/utfall.csv:3:  | 'fyra' är inget tal              |
    Och avslutas valideringen med kod 1 utan Traceback
