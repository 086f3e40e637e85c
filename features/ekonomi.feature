# language: sv
Egenskap: Ekonomin bredvid målen
  Som ekonom som skriver delårsrapporten
  vill jag att balanskravsutredningen räknas och kontrolleras, att åtgärdernas effekt
  summeras per stoppljus och område och att budgetavvikelsen visas mot vägen till budget
  i balans, så att en felaktig summa inte går obemärkt förbi.

  Siffrorna skrivs in i periodmappen som de står i rapporten (balanskrav.yaml,
  atgarder.yaml, budgetavvikelse.yaml); verktyget räknar fram varje summa och jämför den
  med den tryckta.

  Bakgrund:
    Givet en kopia av regionens regler och utfall per augusti 2025

  Scenario: Balanskravsresultatet 2025 räknas fram ur sina delar
    Givet en balanskravsutredning för 2025 enligt helårsprognos:
      | rad                         | mkr    |
      | årets_resultat              | −420   |
      | realisationsvinster         | −0,3   |
      | orealiserade_värdepapper    | 178,5  |
      | återföring_orealiserade     | 0      |
      | från_tidigare_år            | −675,1 |
    När rapporten skapas
    Så har balanskravsutredningen raderna:
      | rad                                                             | 2025   |
      | Årets resultat efter balanskravsjusteringar                     | −241,8 |
      | Balanskravsresultat                                             | −241,8 |
      | Årets balanskravsresultat att återställa, efter synnerliga skäl | −241,8 |
      | Negativt balanskravsresultat att återställa från tidigare år    | −675,1 |
    Och bilagan säger "Enligt helårsprognosen blir balanskravsresultatet för 2025 −241,8 miljoner kronor."

  Scenario: Regionens utredning stämmer, utom en avrundning i källan för 2023
    # Seed 004 trycker −628,1 där delarna ger −628,0. Det tryckta beloppet står kvar, och
    # den som förde över det har godkänt varningen på raden (# maluppfyllelse: godkänd).
    När jag validerar perioden
    Så blir slutkoden 0
    Och utskriften innehåller "0 fel, 0 varningar (1 godkänd)"
    Och den godkända varningen [tryckt-summa] pekar på raden "resultat_efter_justeringar: -628.1" i "balanskrav.yaml"

  Scenario: En ändrad siffra pekas ut på sin rad
    Givet att "balanskravsresultat: -241.8      # rad 2329" är ändrat till "balanskravsresultat: -214.8      # rad 2329" i "balanskrav.yaml"
    När jag validerar perioden
    Så en varning [tryckt-summa] pekar på raden "balanskravsresultat: -214.8" i "balanskrav.yaml"
    Och utskriften innehåller "balanskravsresultatet 2025 är −214,8 mkr, men årets resultat efter balanskravsjusteringar ger −241,8 mkr"

  Scenario: Åtgärdernas effekt summeras per stoppljus och per område
    Givet åtgärderna:
      | åtgärd                    | ansvarig | område               | helårseffekt | stoppljus |
      | Hyrbemanning              | HSN      | Personal             | 95           | grön      |
      | Personalkostnad           | HSN      | Personal             | 80           | gul       |
      | Köpt riks- och regionvård | HSN      | Köpt vård            | 15           | röd       |
      | Intäkt såld vård          | HSN      | Intäkter             | 10           | ej_bedömd |
      | Inköp                     | HSN      | Inköp                | 16           | ej_bedömd |
    När rapporten skapas
    Så är helårseffekten per stoppljus:
      | stoppljus | antal | mkr  |
      | Grön      | 1     | 95,0 |
      | Gul       | 1     | 80,0 |
      | Röd       | 1     | 15,0 |
      | Ej bedömd | 2     | 26,0 |
    Och helårseffekten per område:
      | område    | mkr   |
      | Personal  | 175,0 |
      | Köpt vård | 15,0  |
      | Intäkter  | 10,0  |
      | Inköp     | 16,0  |
    Och bilagan säger "Åtgärder som bedömts som röda eller ej bedömda uppgår till 41,0 miljoner kronor."

  Scenario: Budgetavvikelsen ritas mot den raka vägen till budget i balans i december
    Givet budgeten −230 mkr för 2025 och helårsprognoserna:
      | månad   | prognos |
      | 2025-03 | −330    |
      | 2025-08 | −420    |
    När rapporten skapas
    Så har diagrammets siffror raderna:
      | månad     | prognos | väg    |
      | mars      | −100,0  |        |
      | augusti   | −190,0  | −190,0 |
      | september |         | −142,5 |
      | oktober   |         | −95,0  |
      | december  |         | 0,0    |
    Och bilagan säger "För att nå budget vid årets slut behöver avvikelsen minska med 47,5 miljoner kronor per månad till och med december."
    Och diagrammet finns som SVG med texten som alternativ och som PNG
