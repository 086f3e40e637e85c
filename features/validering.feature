# language: sv
Egenskap: Validering av regelfilerna
  Som policyhandläggare som ändrar mål i YAML
  vill jag att varje fel pekar ut fil, rad och kolumn och förklaras på svenska,
  så att jag kan rätta alla fel på en gång innan ändringen går vidare.

  Bakgrund:
    Givet en regelmapp med exempelreglerna

  Scenario: Regionens riktiga regler är giltiga
    När jag validerar regionens riktiga regler
    Så blir slutkoden 0
    Och sista raden är "0 fel, 0 varningar (1 godkänd) i 24 filer"

  Scenario: Exempelreglerna är giltiga
    När jag kör "maluppfyllelse validate rules"
    Så blir slutkoden 0

  Scenario: Ett felstavat nyckelnamn
    Givet att "mål: 88" är ändrat till "måål: 88" i "malomraden/tandvard.yaml"
    När jag kör "maluppfyllelse validate rules"
    Så blir slutkoden 1
    Och utskriften innehåller "rules/malomraden/tandvard.yaml:16:5: fel: nyckeltal[1]: okänd nyckel 'måål' (menade du 'mål'?) [okänd-nyckel]"

  Scenario: Ett mål som är skrivet som text
    Givet att "mål: 88" är ändrat till "mål: 88 %" i "malomraden/tandvard.yaml"
    När jag kör "maluppfyllelse validate rules"
    Så blir slutkoden 1
    Och utskriften innehåller "rules/malomraden/tandvard.yaml:16:10: fel: nyckeltal[1].mål: ska vara ett tal, men är texten '88 %'; skriv bara talet, t.ex. 88 [typ]"

  Scenario: Ett nyckeltal som pekar på en nämnd som inte finns
    Givet att "nämnder: [HSN]" är ändrat till "nämnder: [TN]" i "malomraden/tandvard.yaml"
    När jag kör "maluppfyllelse validate rules"
    Så blir slutkoden 1
    Och utskriften innehåller "rules/malomraden/tandvard.yaml:13:15: fel: nyckeltal[1].nämnder[1]: okänd nämnd 'TN'; kända nämnder: HSN, RS, RUN [okänd-nämnd]"

  Scenario: Ett uttryck som inte går att tolka
    Givet att "mål else" är ändrat till "mål elsee" i "malomraden/ledningsprocesser.yaml"
    När jag kör "maluppfyllelse validate rules"
    Så blir slutkoden 1
    Och utskriften innehåller "fel: nyckeltal[2].bedömning.uttryck: uttrycket går inte att tolka"

  Scenario: Ett uttryck med ett namn som inte finns
    Givet att "utfall <= mål" är ändrat till "utfal <= mål" i "malomraden/ledningsprocesser.yaml"
    När jag kör "maluppfyllelse validate rules"
    Så blir slutkoden 1
    Och utskriften innehåller "okänt namn 'utfal' i uttrycket"

  Scenario: Alla fel listas på en gång, sorterade
    Givet att "mål: 88" är ändrat till "mål: åttioåtta" i "malomraden/tandvard.yaml"
    Och att "nämnder: [RS, HSN, RUN]" är ändrat till "nämnder: [RS, HSNN, RUN]" i "malomraden/ledningsprocesser.yaml"
    När jag kör "maluppfyllelse validate rules"
    Så blir slutkoden 1
    Och utskriften har 2 felrader i ordning efter fil och rad
    Och sista raden är "2 fel, 0 varningar i 6 filer"

  Scenario: En varning stoppar bara med --strict
    Givet filen "extra.yaml" med innehållet "nyckel: värde"
    När jag kör "maluppfyllelse validate rules"
    Så blir slutkoden 0
    Och utskriften innehåller "varning: filen extra.yaml hör inte till regelspråket och läses inte [okänd-fil]"
    När jag kör "maluppfyllelse validate rules --strict"
    Så blir slutkoden 1
    Och utskriften innehåller "rules/extra.yaml:1:1: fel: filen extra.yaml hör inte till regelspråket"

  Scenario: En regelmapp som inte finns är fel användning
    När jag kör "maluppfyllelse validate finns-inte"
    Så blir slutkoden 2
    Och felutskriften innehåller "regelmappen 'finns-inte' finns inte"
